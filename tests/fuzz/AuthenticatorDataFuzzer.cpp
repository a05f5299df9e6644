// oidc::webauthn::parseAuthenticatorData (WebAuthn §6.1): every length is bounds-checked, and a
// parsed structure encodes back to exactly the bytes it came from.

#include "FuzzSupport.h"

#include "oidc/webauthn/AuthenticatorData.h"
#include "oidc/webauthn/CoseKey.h"

using namespace oidc::webauthn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view bytes = oidc::fuzz::asText(data, size);
    const auto parsed = parseAuthenticatorData(bytes);
    if (!parsed)
        return 0;
    oidc::fuzz::require(parsed->rpIdHash.size() == 32, "rpIdHash is 32 bytes");
    oidc::fuzz::require(encodeAuthenticatorData(*parsed) == bytes, "authenticator data round-trips exactly");
    if (parsed->attestedCredential) {
        const AttestedCredentialData &credential = *parsed->attestedCredential;
        oidc::fuzz::require(credential.aaguid.size() == 16, "aaguid is 16 bytes");
        oidc::fuzz::require(!credential.credentialId.empty() && credential.credentialId.size() <= kMaxCredentialIdBytes,
                            "the credential ID length is within 1…1023");
        (void)decodeCoseKey(credential.publicKeyCose);
    }
    return 0;
}
