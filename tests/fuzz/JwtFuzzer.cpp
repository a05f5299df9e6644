// oidc::jwt::decodeJwt: what a person pastes and what a provider returns as an ID token.

#include "FuzzSupport.h"

#include "oidc/jwt/Jwt.h"

#include <string>

using namespace oidc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view token = jwt::trimToken(fuzz::asText(data, size));
    const auto decoded = jwt::decodeJwt(token);
    if (!decoded)
        return 0;
    fuzz::require(decoded->header().is_object() && decoded->claims().is_object(), "header and claims are objects");
    fuzz::require(!decoded->alg.empty(), "a decoded token names its alg");
    fuzz::require(token.substr(0, decoded->signingInput.size()) == decoded->signingInput, "the signing input is the token's prefix");
    // What decodeJwt read without a tree is what the tree says.
    fuzz::require(decoded->registered == jwt::RegisteredClaims::of(decoded->claims()), "the registered claims agree with the tree");
    fuzz::require(decoded->header().at("alg") == decoded->alg, "alg agrees with the tree");
    uint8_t keyParameters = 0;
    for (size_t i = 0; i < jwt::kKeyHeaderParameters.size(); ++i)
        if (decoded->header().contains(std::string(jwt::kKeyHeaderParameters[i])))
            keyParameters = static_cast<uint8_t>(keyParameters | 1U << i);
    fuzz::require(decoded->keyParameters == keyParameters, "the key header parameters agree with the tree");
    for (const char *name : {"exp", "iat", "nbf", "auth_time"})
        (void)decoded->numericClaim(name);
    for (const char *name : {"iss", "sub", "nonce", "azp"})
        (void)decoded->stringClaim(name);
    return 0;
}
