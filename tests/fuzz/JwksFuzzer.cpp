// oidc::crypto::parseKeyMaterial (a JWKS, one JWK or PEM, as fetched or pasted) and what the
// app does with an imported key: describe it, export its public JWK, take its thumbprint.

#include "FuzzSupport.h"

#include "oidc/crypto/JsonWebKey.h"

using namespace oidc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto keys = crypto::parseKeyMaterial(fuzz::asText(data, size));
    if (!keys)
        return 0;
    fuzz::require(!keys->keys.empty(), "an accepted key set has a key");
    for (const crypto::JsonWebKey &key : keys->keys) {
        fuzz::require(key.key != nullptr, "a parsed key holds an OpenSSL key");
        (void)key.describe();
        (void)crypto::jwkThumbprint(key);
        for (const crypto::JwsAlgorithm algorithm : {crypto::JwsAlgorithm::RS256, crypto::JwsAlgorithm::ES256, crypto::JwsAlgorithm::EdDSA})
            (void)key.usableFor(algorithm);
        // The exported public JWK imports again (the sandbox and the JWKS panel rely on it);
        // for RSA only mostly: OpenSSL's public-key check is randomised (tests/fuzz/CMakeLists.txt).
        const auto again = crypto::parseJwk(crypto::publicJwk(key));
        fuzz::require(again.ok() || key.kty == "RSA", "an exported EC or OKP public JWK imports again");
    }
    return 0;
}
