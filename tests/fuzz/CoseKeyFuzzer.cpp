// oidc::webauthn::decodeCoseKey (a credential public key, RFC 9052 §7) and the strict DER ECDSA
// signature reader WebAuthn assertions go through.

#include "FuzzSupport.h"

#include "oidc/webauthn/CoseKey.h"

using namespace oidc::webauthn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view bytes = oidc::fuzz::asText(data, size);
    if (const auto key = decodeCoseKey(bytes)) {
        oidc::fuzz::require(key->publicKey != nullptr && key->encoded == bytes, "a parsed key keeps its bytes and an OpenSSL key");
        const auto encoded = encodeCoseKey(key->publicKey.get(), key->algorithm);
        oidc::fuzz::require(encoded.ok(), "a parsed key re-encodes");
        // OpenSSL's RSA public-key check ends in Miller-Rabin rounds with random bases: a crafted
        // modulus with a factor above 751 passes or fails at random, so only EC and OKP keys
        // must decode again (see the fuzzing notes in tests/fuzz/CMakeLists.txt).
        const auto again = decodeCoseKey(*encoded);
        oidc::fuzz::require(again.ok() || key->algorithm == CoseAlgorithm::RS256, "a parsed EC or OKP key decodes again");
    }
    for (const size_t coordinateBytes : {size_t{32}, size_t{66}}) {
        const auto raw = derToRawEcdsa(bytes, coordinateBytes);
        if (!raw)
            continue;
        oidc::fuzz::require(raw->size() == 2 * coordinateBytes, "raw R||S has two coordinates");
        const auto der = rawToDerEcdsa(*raw);
        oidc::fuzz::require(der.ok() && *der == bytes, "strict DER round-trips exactly");
    }
    return 0;
}
