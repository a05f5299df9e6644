#include "DescopeTestSupport.h"

#include "oidc/crypto/JwsAlgorithm.h"

namespace oidc::descope::test {

using oidc::test::b64;

const crypto::JsonWebKey &signingKey()
{
    static const crypto::JsonWebKey key = [] {
        auto generated = crypto::generateKey(crypto::KeyKind::Rsa2048, "test-key-1", "RS256");
        EXPECT_TRUE(generated.ok());
        return std::move(generated).value();
    }();
    return key;
}

crypto::JsonWebKeySet publicKeys()
{
    const Json jwks = {{"keys", Json::array({crypto::publicJwk(signingKey())})}};
    auto keys = crypto::parseJwks(jwks.dump());
    EXPECT_TRUE(keys.ok());
    return std::move(keys).value();
}

std::string signJwt(const Json &claims, const std::string &kid)
{
    const Json header = {{"alg", "RS256"}, {"typ", "JWT"}, {"kid", kid.empty() ? signingKey().kid : kid}};
    const std::string input = b64(header.dump()) + "." + b64(claims.dump());
    auto signature = crypto::signWithKey(crypto::JwsAlgorithm::RS256, signingKey().key.get(), input);
    EXPECT_TRUE(signature.ok());
    return input + "." + b64(signature.ok() ? *signature : std::string());
}

Json sessionClaims(int64_t now)
{
    return {{"iss", kIssuer},
            {"sub", "U2TestUser00000000000000001"},
            {"drn", "DS"},
            {"iat", now},
            {"exp", now + 300},
            {"amr", Json::array({"email"})},
            {"roles", Json::array({"user"})},
            {"permissions", Json::array({"read:data"})},
            {"tenants", {{"T1", {{"roles", Json::array({"admin"})}, {"permissions", Json::array({"read:data", "write:data"})}}}}}};
}

} // namespace oidc::descope::test
