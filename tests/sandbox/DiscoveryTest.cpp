// Discovery metadata (OIDC Discovery 1.0 §3, RFC 8414) and keys (descope-api.md §2.3).

#include "SandboxTestSupport.h"

#include "sandbox/KeyRing.h"

using namespace sandbox::test;

class Discovery : public SandboxTest {};

TEST_F(Discovery, MetadataIsComplete)
{
    const Response response = get("/" + projectId() + "/.well-known/openid-configuration");
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.header("content-type"), "application/json");
    oidc::Json metadata = response.json();
    EXPECT_EQ(metadata["issuer"], issuer());
    EXPECT_EQ(issuer(), baseUrl() + "/" + projectId()); // descope-api.md §12
    EXPECT_EQ(metadata["authorization_endpoint"], baseUrl() + "/oauth2/v1/authorize");
    EXPECT_EQ(metadata["token_endpoint"], baseUrl() + "/oauth2/v1/token");
    EXPECT_EQ(metadata["userinfo_endpoint"], baseUrl() + "/oauth2/v1/userinfo");
    EXPECT_EQ(metadata["revocation_endpoint"], baseUrl() + "/oauth2/v1/revoke");
    EXPECT_EQ(metadata["end_session_endpoint"], baseUrl() + "/oauth2/v1/logout");
    EXPECT_EQ(metadata["jwks_uri"], issuer() + "/.well-known/jwks.json");
    EXPECT_EQ(metadata["authorization_response_iss_parameter_supported"], true);
    const auto has = [&](const char *member, const char *value) {
        const auto &list = metadata[member];
        return std::find(list.begin(), list.end(), oidc::Json(value)) != list.end();
    };
    EXPECT_TRUE(has("code_challenge_methods_supported", "S256"));
    EXPECT_TRUE(has("response_types_supported", "code"));
    EXPECT_TRUE(has("grant_types_supported", "authorization_code"));
    EXPECT_TRUE(has("grant_types_supported", "refresh_token"));
    EXPECT_TRUE(has("grant_types_supported", "client_credentials"));
    EXPECT_TRUE(has("token_endpoint_auth_methods_supported", "client_secret_basic"));
    EXPECT_TRUE(has("token_endpoint_auth_methods_supported", "client_secret_post"));
    EXPECT_TRUE(has("token_endpoint_auth_methods_supported", "none"));
    EXPECT_TRUE(has("id_token_signing_alg_values_supported", "RS256"));
    EXPECT_TRUE(has("scopes_supported", "openid"));
    EXPECT_TRUE(has("scopes_supported", "offline_access"));
    EXPECT_TRUE(has("claims_supported", "tenants"));
    EXPECT_TRUE(has("subject_types_supported", "public"));
}

TEST_F(Discovery, AuthorizationServerMetadataPaths)
{
    for (const std::string &path : {"/" + projectId() + "/.well-known/oauth-authorization-server", "/.well-known/oauth-authorization-server/" + projectId()}) {
        const Response response = get(path);
        ASSERT_EQ(response.status, 200) << path;
        EXPECT_EQ(response.json()["issuer"], issuer());
    }
}

TEST_F(Discovery, OtherProjectIsNotFound)
{
    EXPECT_EQ(get("/P2SomeoneElse00000000000001/.well-known/openid-configuration").status, 404);
    EXPECT_EQ(get("/P2SomeoneElse00000000000001/.well-known/jwks.json").status, 404);
}

TEST_F(Discovery, JwksHasRs256KeysWithKidAlgUse)
{
    for (const std::string &path : {"/" + projectId() + "/.well-known/jwks.json", "/v2/keys/" + projectId()}) {
        const Response response = get(path);
        ASSERT_EQ(response.status, 200) << path;
        oidc::Json keys = response.json()["keys"];
        ASSERT_EQ(keys.size(), 1u);
        const oidc::Json &key = keys[0];
        EXPECT_EQ(key["kty"], "RSA");
        EXPECT_EQ(key["alg"], "RS256");
        EXPECT_EQ(key["use"], "sig");
        EXPECT_TRUE(key["kid"].is_string() && !key["kid"].get<std::string>().empty());
        EXPECT_TRUE(key["n"].is_string() && key["e"] == "AQAB");
        EXPECT_FALSE(key.contains("d")); // never a private member
        auto parsed = oidc::crypto::parseJwks(response.body.toStdString());
        ASSERT_TRUE(parsed.ok());
        EXPECT_EQ(parsed->keys.front().bits, 2048);
    }
    const Response v1 = get("/v1/keys/" + projectId());
    ASSERT_EQ(v1.status, 200);
    EXPECT_EQ(v1.json()["kid"], server().keys().current().kid);
}

TEST_F(Discovery, ThroughTheAppTransport)
{
    const Response response = send("GET", "/" + projectId() + "/.well-known/openid-configuration", {}, {});
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.json()["issuer"], issuer());
}

TEST_F(Discovery, RotationKeepsThePreviousKeyForTheGracePeriod)
{
    oidc::Json before = otpLogin("alice@example.com");
    const std::string oldKid = server().keys().current().kid;
    const Response rotated = postJson("/sandbox/keys/rotate", oidc::Json::object());
    ASSERT_EQ(rotated.status, 200) << rotated.text();
    const std::string newKid = server().keys().current().kid;
    EXPECT_NE(newKid, oldKid);
    oidc::Json keys = get("/" + projectId() + "/.well-known/jwks.json").json()["keys"];
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0]["kid"], newKid);
    EXPECT_EQ(keys[1]["kid"], oldKid);
    // A token signed before the rotation still verifies; new tokens use the new kid.
    EXPECT_TRUE(validate(before["sessionJwt"]).ok());
    oidc::Json after = otpLogin("alice@example.com");
    auto decoded = oidc::jwt::decodeJwt(after["sessionJwt"].get<std::string>());
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->kid, newKid);
    EXPECT_TRUE(validate(after["sessionJwt"]).ok());
    // After the grace period the old key leaves the set.
    server().context().keys.prune(server().context().now() + server().fixtures().lifetimes.keyGraceSeconds + 1);
    EXPECT_EQ(get("/" + projectId() + "/.well-known/jwks.json").json()["keys"].size(), 1u);
}

TEST_F(Discovery, RotateKeysFromTheCppApi)
{
    std::optional<std::string> kid;
    QString signalled;
    QObject::connect(&server(), &sandbox::SandboxServer::keysRotated, &server(), [&](const QString &k) { signalled = k; });
    server().rotateKeys([&](oidc::Result<std::string> result) { kid = result.ok() ? result.value() : std::string("error"); });
    ASSERT_TRUE(spinUntil([&] { return kid.has_value(); }, 10000));
    EXPECT_EQ(*kid, server().keys().current().kid);
    EXPECT_EQ(signalled.toStdString(), *kid);
    QObject::disconnect(&server(), &sandbox::SandboxServer::keysRotated, &server(), nullptr);
}
