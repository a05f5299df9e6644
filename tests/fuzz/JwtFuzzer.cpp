// oidc::jwt::decodeJwt: what a person pastes and what a provider returns as an ID token.

#include "FuzzSupport.h"

#include "oidc/jwt/Jwt.h"

using namespace oidc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view token = jwt::trimToken(fuzz::asText(data, size));
    const auto decoded = jwt::decodeJwt(token);
    if (!decoded)
        return 0;
    fuzz::require(decoded->header.is_object() && decoded->claims.is_object(), "header and claims are objects");
    fuzz::require(!decoded->alg.empty(), "a decoded token names its alg");
    fuzz::require(token.substr(0, decoded->signingInput.size()) == decoded->signingInput, "the signing input is the token's prefix");
    for (const char *name : {"exp", "iat", "nbf", "auth_time"})
        (void)decoded->numericClaim(name);
    for (const char *name : {"iss", "sub", "nonce", "azp"})
        (void)decoded->stringClaim(name);
    return 0;
}
