// The M2M sample's protected API: /api/protected, /api/user (read:data), /api/admin (admin).

#include "SandboxTestSupport.h"

using namespace sandbox::test;

class ProtectedApi : public SandboxTest {
protected:
    Response call(const std::string &path, const std::string &token)
    {
        return postJson(path, oidc::Json::object(), {{"Authorization", QByteArray::fromStdString("Bearer " + token)}});
    }
    std::string keyToken(const char *key, const oidc::Json &customClaims = nullptr)
    {
        oidc::Json body = oidc::Json::object();
        if (!customClaims.is_null())
            body["loginOptions"] = {{"customClaims", customClaims}};
        return descope("/v1/auth/accesskey/exchange", body, key).json()["sessionJwt"];
    }
};

TEST_F(ProtectedApi, AnyValidTokenReachesProtected)
{
    const Response ok = call("/api/protected", keyToken(kReaderKey));
    ASSERT_EQ(ok.status, 200) << ok.text();
    EXPECT_EQ(ok.json()["success"], true);
    EXPECT_EQ(ok.json()["claims"]["sub"], "K2SbxReader00000000000000001");
    EXPECT_EQ(call("/api/protected", otpLogin("+15555550103", "sms")["sessionJwt"]).status, 200);
    // Descope's "<projectId>:<jwt>" bearer form is accepted too.
    EXPECT_EQ(call("/api/protected", projectId() + ":" + keyToken(kReaderKey)).status, 200);
}

TEST_F(ProtectedApi, MissingOrBadTokensAre401)
{
    const Response missing = postJson("/api/protected", oidc::Json::object());
    EXPECT_EQ(missing.status, 401);
    EXPECT_EQ(missing.json()["error"], "unauthorized");
    EXPECT_TRUE(missing.json().contains("message"));
    EXPECT_EQ(call("/api/protected", "garbage").status, 401);
    std::string token = keyToken(kReaderKey);
    token[token.size() - 5] = token[token.size() - 5] == 'A' ? 'B' : 'A';
    EXPECT_EQ(call("/api/protected", token).status, 401);
    // A refresh JWT is not a session token.
    EXPECT_EQ(call("/api/protected", otpLogin("alice@example.com")["refreshJwt"]).status, 401);
}

TEST_F(ProtectedApi, UserNeedsReadData)
{
    EXPECT_EQ(call("/api/user", keyToken(kReaderKey)).status, 200);                       // role user → read:data
    EXPECT_EQ(call("/api/user", otpLogin("alice@example.com")["sessionJwt"]).status, 200); // top-level permissions
    const Response carol = call("/api/user", otpLogin("+15555550103", "sms")["sessionJwt"]);
    EXPECT_EQ(carol.status, 403);
    EXPECT_EQ(carol.json()["error"], "forbidden");
    // The M2M sample's scope, which lands under nsec (descope-api.md §10).
    EXPECT_EQ(call("/api/user", otpLogin("+15555550103", "sms", {{"customClaims", {{"scope", "read:data"}}}})["sessionJwt"]).status, 200);
    // client_credentials scope at the top level.
    oidc::Json machine = postForm("/oauth2/v1/token", {{"grant_type", "client_credentials"}, {"client_id", kConfidentialClient},
                                                       {"client_secret", kConfidentialSecret}, {"scope", "read:data"}})
                             .json();
    EXPECT_EQ(call("/api/user", machine["access_token"]).status, 200);
}

TEST_F(ProtectedApi, AdminNeedsTheAdminRole)
{
    EXPECT_EQ(call("/api/admin", keyToken(kAdminKey)).status, 200);
    EXPECT_EQ(call("/api/admin", otpLogin("alice@example.com")["sessionJwt"]).status, 200);
    EXPECT_EQ(call("/api/admin", otpLogin("bob@example.com")["sessionJwt"]).status, 200); // admin of tenant Globex
    const Response reader = call("/api/admin", keyToken(kReaderKey));
    EXPECT_EQ(reader.status, 403);
    EXPECT_NE(reader.json()["message"].get<std::string>().find("admin"), std::string::npos);
    EXPECT_EQ(call("/api/admin", otpLogin("+15555550103", "sms")["sessionJwt"]).status, 403);
}

TEST_F(ProtectedApi, ExpiredAndLoggedOutTokensAre401)
{
    oidc::Json login = otpLogin("alice@example.com");
    ASSERT_EQ(descope("/v1/auth/logout", oidc::Json::object(), login["refreshJwt"]).status, 200);
    EXPECT_EQ(call("/api/protected", login["sessionJwt"]).status, 401);
    const std::string token = keyToken(kReaderKey);
    server().context().clock.advance(301);
    EXPECT_EQ(call("/api/protected", token).status, 401);
}
