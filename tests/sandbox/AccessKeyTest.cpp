// Access-key exchange (descope-api.md §10) as the M2M sample uses it.

#include "SandboxTestSupport.h"

using namespace sandbox::test;

class AccessKey : public SandboxTest {};

TEST_F(AccessKey, ExchangeAnswersKeyIdJwtAndExpiration)
{
    const Response response = descope("/v1/auth/accesskey/exchange", {{"loginOptions", {{"customClaims", {{"scope", "read:data write:data"}}}}}},
                                      kAdminKey);
    ASSERT_EQ(response.status, 200) << response.text();
    oidc::Json body = response.json();
    EXPECT_EQ(body["keyId"], "K2SbxAdmin000000000000000001");
    EXPECT_TRUE(body["expiration"].is_number_integer());
    const std::string jwt = body["sessionJwt"];
    EXPECT_TRUE(validate(jwt).ok());
    oidc::Json claims = claimsOf(jwt);
    EXPECT_EQ(claims["sub"], "K2SbxAdmin000000000000000001");
    EXPECT_EQ(claims["drn"], "DS");
    EXPECT_EQ(claims["roles"], oidc::Json::array({"admin"}));
    EXPECT_EQ(claims["permissions"], oidc::Json::array({"read:data", "write:data"}));
    EXPECT_EQ(claims["tenants"]["T2SbxAcme0000000000000000001"]["roles"], oidc::Json::array({"admin"}));
    EXPECT_EQ(claims["dct"], "T2SbxAcme0000000000000000001");
    EXPECT_EQ(claims["k1"], "v1");                                // the key's own claim: top level
    EXPECT_EQ(claims["nsec"]["scope"], "read:data write:data");   // the client's claims: nsec
    EXPECT_FALSE(claims.contains("scope"));
    EXPECT_EQ(claims["exp"], body["expiration"]);
}

TEST_F(AccessKey, NoBodyAndEmptyObjectWork)
{
    const QByteArray bearer = QByteArray::fromStdString("Bearer " + projectId() + ":" + kReaderKey);
    const auto noBody = rawExchange(port(), "POST", "/v1/auth/accesskey/exchange", {{"Authorization", bearer}});
    ASSERT_TRUE(noBody);
    EXPECT_EQ(noBody->status, 200) << noBody->text();
    EXPECT_FALSE(claimsOf(noBody->json()["sessionJwt"]).contains("nsec"));
    EXPECT_EQ(descope("/v1/auth/accesskey/exchange", oidc::Json::object(), kReaderKey).status, 200);
    EXPECT_EQ(descope("/v1/auth/accesskey/exchange", {{"loginOptions", nullptr}}, kReaderKey).status, 200);
}

TEST_F(AccessKey, BadKeysAndProjects)
{
    const Response missing = descope("/v1/auth/accesskey/exchange");
    EXPECT_EQ(missing.status, 401);
    EXPECT_EQ(missing.json()["errorCode"], "E062802");
    const Response invalid = descope("/v1/auth/accesskey/exchange", oidc::Json::object(), "SANDBOX-ONLY-nope");
    EXPECT_EQ(invalid.status, 401);
    EXPECT_EQ(invalid.json()["errorCode"], "E062803");
    const Response otherProject = postJson("/v1/auth/accesskey/exchange", oidc::Json::object(),
                                           {{"Authorization", QByteArray("Bearer P2SomeoneElse00000000000001:") + kReaderKey}});
    EXPECT_EQ(otherProject.status, 401);
}

TEST_F(AccessKey, SelectedTenantMustBeTheKeys)
{
    EXPECT_EQ(descope("/v1/auth/accesskey/exchange", {{"loginOptions", {{"selectedTenant", "T2SbxAcme0000000000000000001"}}}}, kAdminKey).status,
              200);
    const Response other = descope("/v1/auth/accesskey/exchange", {{"loginOptions", {{"selectedTenant", "T2SbxGlobex00000000000000001"}}}},
                                   kAdminKey);
    EXPECT_EQ(other.status, 400);
}

TEST_F(AccessKey, ExchangedTokenCanBeRevokedOneByOne)
{
    const std::string jwt = descope("/v1/auth/accesskey/exchange", oidc::Json::object(), kReaderKey).json()["sessionJwt"];
    const QByteArray bearer = QByteArray::fromStdString("Bearer " + jwt);
    EXPECT_EQ(postJson("/api/protected", oidc::Json::object(), {{"Authorization", bearer}}).status, 200);
    ASSERT_EQ(postForm("/oauth2/v1/revoke", {{"token", jwt}}).status, 200);
    EXPECT_EQ(postJson("/api/protected", oidc::Json::object(), {{"Authorization", bearer}}).status, 401);
}
