// The token endpoint (RFC 6749 §3.2, §4.1.3, §4.4, §5, §6; RFC 7636 §4.6; OIDC Core §3.1.3),
// userinfo (OIDC Core §5.3, RFC 6750 §3) and revocation (RFC 7009).

#include "SandboxTestSupport.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/jwt/ClaimChecks.h"

using namespace sandbox::test;

namespace {

QByteArray basic(const std::string &id, const std::string &secret, bool encode = true)
{
    const auto part = [encode](const std::string &text) {
        return encode ? QByteArray::fromStdString(text).toPercentEncoding().toStdString() : text;
    };
    return QByteArray::fromStdString("Basic " + oidc::crypto::base64Encode(part(id) + ":" + part(secret)));
}

} // namespace

class Token : public SandboxTest {
protected:
    Response userinfo(const std::string &accessToken)
    {
        return get("/oauth2/v1/userinfo", {{"Authorization", QByteArray::fromStdString("Bearer " + accessToken)}});
    }
    Response refresh(const std::string &refreshToken, const std::string &clientId = {})
    {
        return postForm("/oauth2/v1/token", {{"grant_type", "refresh_token"}, {"refresh_token", refreshToken},
                                             {"client_id", clientId.empty() ? publicClient() : clientId}});
    }
};

TEST_F(Token, CodeExchangeIssuesVerifiableTokens)
{
    const CodeGrant grant = publicClientCode();
    const Response response = postForm("/oauth2/v1/token", {{"grant_type", "authorization_code"}, {"code", grant.code},
                                                            {"redirect_uri", grant.redirectUri}, {"client_id", publicClient()},
                                                            {"code_verifier", grant.verifier}});
    ASSERT_EQ(response.status, 200) << response.text();
    EXPECT_EQ(response.header("cache-control"), "no-store"); // RFC 6749 §5.1
    oidc::Json body = response.json();
    EXPECT_EQ(body["token_type"], "Bearer");
    EXPECT_EQ(body["expires_in"], 300);
    EXPECT_EQ(body["scope"], "openid profile email offline_access");
    const std::string accessToken = body["access_token"];
    // The ID token passes OIDC Core §3.1.3.7 with the core's validator.
    oidc::jwt::ClaimCheckOptions options;
    options.audience = publicClient();
    options.nonce = grant.nonce;
    options.accessToken = accessToken;
    options.requireIssuedAt = true;
    options.requireSubject = true;
    options.maxAge = 3600;
    const auto idToken = validate(body["id_token"], options);
    EXPECT_TRUE(idToken.ok()) << (idToken.error ? idToken.error->summary() : "");
    oidc::Json idClaims = claimsOf(body["id_token"]);
    EXPECT_EQ(idClaims["sub"], "U2SbxAlice000000000000000001");
    EXPECT_EQ(idClaims["email"], "alice@example.com");
    EXPECT_TRUE(idClaims.contains("auth_time"));
    EXPECT_TRUE(idClaims.contains("at_hash"));
    // The access token is a Descope session JWT; the refresh token a DSR refresh JWT.
    EXPECT_TRUE(validate(accessToken).ok());
    EXPECT_EQ(claimsOf(accessToken)["drn"], "DS");
    EXPECT_EQ(claimsOf(accessToken)["azp"], publicClient());
    EXPECT_EQ(claimsOf(body["refresh_token"])["drn"], "DSR");
    EXPECT_TRUE(validate(body["refresh_token"]).ok());
}

TEST_F(Token, JsonBodyIsAccepted)
{
    const CodeGrant grant = publicClientCode();
    const Response response = postJson("/oauth2/v1/token", {{"grant_type", "authorization_code"}, {"code", grant.code},
                                                            {"redirect_uri", grant.redirectUri}, {"client_id", publicClient()},
                                                            {"code_verifier", grant.verifier}});
    EXPECT_EQ(response.status, 200) << response.text();
}

TEST_F(Token, NoRefreshTokenWithoutOfflineAccess)
{
    oidc::Json body = exchangeCode(publicClientCode("alice@example.com", "openid"));
    EXPECT_FALSE(body.contains("refresh_token"));
    EXPECT_TRUE(body.contains("id_token"));
    oidc::Json oauthOnly = exchangeCode(publicClientCode("alice@example.com", "email"));
    EXPECT_FALSE(oauthOnly.contains("id_token")); // no openid, no ID token
}

TEST_F(Token, PkceMismatchIsInvalidGrant)
{
    CodeGrant grant = publicClientCode();
    grant.verifier = pkce().verifier;
    oidc::Json error = exchangeCode(grant, 400);
    EXPECT_EQ(error["error"], "invalid_grant");
    EXPECT_TRUE(error.contains("error_description"));
}

TEST_F(Token, MissingVerifierIsInvalidGrant)
{
    const CodeGrant grant = publicClientCode();
    const Response response = postForm("/oauth2/v1/token", {{"grant_type", "authorization_code"}, {"code", grant.code},
                                                            {"redirect_uri", grant.redirectUri}, {"client_id", publicClient()}});
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(response.json()["error"], "invalid_grant");
}

TEST_F(Token, CodeReuseIsRefusedAndRevokesWhatTheCodeIssued)
{
    const CodeGrant grant = publicClientCode();
    oidc::Json first = exchangeCode(grant);
    ASSERT_EQ(userinfo(first["access_token"]).status, 200);
    oidc::Json second = exchangeCode(grant, 400);
    EXPECT_EQ(second["error"], "invalid_grant");
    // RFC 6749 §4.1.2: the tokens the code issued stop working.
    const Response info = userinfo(first["access_token"]);
    EXPECT_EQ(info.status, 401);
    EXPECT_EQ(refresh(first["refresh_token"]).json()["error"], "invalid_grant");
}

TEST_F(Token, CodeIsBoundToRedirectUriAndClient)
{
    const CodeGrant grant = publicClientCode();
    CodeGrant otherRedirect = grant;
    otherRedirect.redirectUri = "http://127.0.0.1:49153/callback";
    EXPECT_EQ(exchangeCode(otherRedirect, 400)["error"], "invalid_grant");
    const Response otherClient = postForm("/oauth2/v1/token", {{"grant_type", "authorization_code"}, {"code", grant.code},
                                                               {"redirect_uri", grant.redirectUri}, {"code_verifier", grant.verifier}},
                                          {{"Authorization", basic(kConfidentialClient, kConfidentialSecret)}});
    EXPECT_EQ(otherClient.json()["error"], "invalid_grant");
}

TEST_F(Token, CodeExpiresAfterItsLifetime)
{
    const CodeGrant grant = publicClientCode();
    server().context().clock.advance(61);
    EXPECT_EQ(exchangeCode(grant, 400)["error"], "invalid_grant");
}

TEST_F(Token, UnknownCodeIsInvalidGrant)
{
    CodeGrant grant = publicClientCode();
    grant.code = "not-a-code";
    EXPECT_EQ(exchangeCode(grant, 400)["error"], "invalid_grant");
}

TEST_F(Token, RefreshRotatesAndTheOldTokenStopsWorking)
{
    oidc::Json first = exchangeCode(publicClientCode());
    const Response rotated = refresh(first["refresh_token"]);
    ASSERT_EQ(rotated.status, 200) << rotated.text();
    oidc::Json second = rotated.json();
    EXPECT_NE(second["refresh_token"], first["refresh_token"]);
    // OIDC Core §12.2: same iss and sub, no nonce.
    oidc::Json idClaims = claimsOf(second["id_token"]);
    EXPECT_EQ(idClaims["sub"], claimsOf(first["id_token"])["sub"]);
    EXPECT_EQ(idClaims["iss"], issuer());
    EXPECT_FALSE(idClaims.contains("nonce"));
    EXPECT_EQ(idClaims["auth_time"], claimsOf(first["id_token"])["auth_time"]);
    // The new refresh token works once.
    const Response third = refresh(second["refresh_token"]);
    ASSERT_EQ(third.status, 200);
    // The rotated-out token is refused, and its replay revokes the session (RFC 9700 §4.14.2).
    const Response replay = refresh(first["refresh_token"]);
    EXPECT_EQ(replay.status, 400);
    EXPECT_EQ(replay.json()["error"], "invalid_grant");
    EXPECT_EQ(refresh(third.json()["refresh_token"]).status, 400);
}

TEST_F(Token, RefreshTokenOfAnotherClientIsRefused)
{
    oidc::Json tokens = exchangeCode(publicClientCode());
    const Response response = postForm("/oauth2/v1/token", {{"grant_type", "refresh_token"}, {"refresh_token", tokens["refresh_token"]}},
                                       {{"Authorization", basic(kConfidentialClient, kConfidentialSecret)}});
    EXPECT_EQ(response.json()["error"], "invalid_grant");
}

TEST_F(Token, ClientCredentialsWithBasicAuthentication)
{
    const Response response = postForm("/oauth2/v1/token", {{"grant_type", "client_credentials"}, {"scope", "read:data"}},
                                       {{"Authorization", basic(kConfidentialClient, kConfidentialSecret)}});
    ASSERT_EQ(response.status, 200) << response.text();
    oidc::Json body = response.json();
    EXPECT_EQ(body["token_type"], "Bearer");
    EXPECT_EQ(body["scope"], "read:data");
    EXPECT_FALSE(body.contains("refresh_token"));
    EXPECT_TRUE(validate(body["access_token"]).ok());
    oidc::Json claims = claimsOf(body["access_token"]);
    EXPECT_EQ(claims["sub"], kConfidentialClient);
    EXPECT_EQ(claims["scope"], "read:data");
    EXPECT_EQ(claims["drn"], "DS");
}

TEST_F(Token, ClientCredentialsWithPostAuthentication)
{
    const Response response = postForm("/oauth2/v1/token", {{"grant_type", "client_credentials"}, {"client_id", kConfidentialClient},
                                                            {"client_secret", kConfidentialSecret}});
    EXPECT_EQ(response.status, 200) << response.text();
}

struct ClientAuthCase {
    const char *name;
    bool useBasic;
    bool encodeBasic;
    const char *clientId;
    const char *secret;
    int status;
    const char *error;
    bool challenge;
};

class ClientAuthentication : public Token, public ::testing::WithParamInterface<ClientAuthCase> {};

TEST_P(ClientAuthentication, Rfc6749Section2_3_1)
{
    const auto &row = GetParam();
    std::vector<std::pair<std::string, std::string>> form = {{"grant_type", "client_credentials"}};
    oidc::net::HeaderList headers;
    if (row.useBasic) {
        headers.append({"Authorization", basic(row.clientId, row.secret, row.encodeBasic)});
    } else {
        form.emplace_back("client_id", row.clientId);
        form.emplace_back("client_secret", row.secret);
    }
    const Response response = postForm("/oauth2/v1/token", form, headers);
    EXPECT_EQ(response.status, row.status) << response.text();
    if (row.error[0] != '\0') {
        EXPECT_EQ(response.json()["error"], row.error);
    }
    EXPECT_EQ(!response.header("www-authenticate").isEmpty(), row.challenge) << response.header("www-authenticate").toStdString();
    if (row.challenge) {
        EXPECT_TRUE(response.header("www-authenticate").startsWith("Basic"));
    }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, ClientAuthentication,
    ::testing::Values(
        ClientAuthCase{"basic_ok", true, true, "sandbox-confidential-client", "SANDBOX-ONLY:m2m+secret/7f3a", 200, "", false},
        ClientAuthCase{"basic_wrong_secret", true, true, "sandbox-confidential-client", "wrong", 401, "invalid_client", true},
        // Without form-urlencoding, '+' decodes to a space (RFC 6749 §2.3.1, Appendix B).
        ClientAuthCase{"basic_unencoded_plus", true, false, "sandbox-confidential-client", "SANDBOX-ONLY:m2m+secret/7f3a", 401,
                       "invalid_client", true},
        ClientAuthCase{"basic_unknown_client", true, true, "nobody", "x", 401, "invalid_client", true},
        ClientAuthCase{"post_wrong_secret", false, true, "sandbox-confidential-client", "wrong", 401, "invalid_client", false},
        ClientAuthCase{"post_unknown_client", false, true, "nobody", "x", 401, "invalid_client", false},
        ClientAuthCase{"access_key_as_secret_basic", true, true, "P2SandboxOidcPlayground00001", "SANDBOX-ONLY-ak-admin-4b8e1a6f3c20", 200,
                       "", false},
        ClientAuthCase{"access_key_as_secret_post", false, true, "P2SandboxOidcPlayground00001", "SANDBOX-ONLY-ak-reader-0c1f5e7b2d9a",
                       200, "", false},
        ClientAuthCase{"wrong_access_key", false, true, "P2SandboxOidcPlayground00001", "SANDBOX-ONLY-nope", 401, "invalid_client", false}),
    [](const ::testing::TestParamInfo<ClientAuthCase> &row) { return std::string(row.param.name); });

TEST_F(Token, AccessKeyAsClientSecretMintsAKeyToken)
{
    const Response response = postForm("/oauth2/v1/token", {{"grant_type", "client_credentials"}},
                                       {{"Authorization", basic(publicClient(), kAdminKey)}});
    ASSERT_EQ(response.status, 200) << response.text();
    oidc::Json claims = claimsOf(response.json()["access_token"]);
    EXPECT_EQ(claims["sub"], "K2SbxAdmin000000000000000001");
    EXPECT_EQ(claims["roles"], oidc::Json::array({"admin"}));
    EXPECT_EQ(claims["k1"], "v1");
}

TEST_F(Token, TwoAuthenticationMethodsAreRefused)
{
    const Response response = postForm("/oauth2/v1/token", {{"grant_type", "client_credentials"}, {"client_secret", kConfidentialSecret}},
                                       {{"Authorization", basic(kConfidentialClient, kConfidentialSecret)}});
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(response.json()["error"], "invalid_request");
}

TEST_F(Token, GrantTypeErrors)
{
    EXPECT_EQ(postForm("/oauth2/v1/token", {{"client_id", publicClient()}}).json()["error"], "invalid_request");
    EXPECT_EQ(postForm("/oauth2/v1/token", {{"grant_type", "password"}, {"client_id", publicClient()}}).json()["error"],
              "unsupported_grant_type");
    // The public client may not use client_credentials without an access key.
    EXPECT_EQ(postForm("/oauth2/v1/token", {{"grant_type", "client_credentials"}, {"client_id", publicClient()}}).json()["error"],
              "unauthorized_client");
    EXPECT_EQ(postForm("/oauth2/v1/token", {{"grant_type", "client_credentials"}}).status, 401);
    const Response duplicate = send("POST", "/oauth2/v1/token", "grant_type=client_credentials&grant_type=refresh_token&client_id=x",
                                    "application/x-www-form-urlencoded");
    EXPECT_EQ(duplicate.json()["error"], "invalid_request");
}

TEST_F(Token, UserInfoReturnsFlatClaims)
{
    oidc::Json tokens = exchangeCode(publicClientCode("bob@example.com"));
    for (const char *method : {"GET", "POST"}) {
        const Response response = send(method, "/oauth2/v1/userinfo", {}, {},
                                       {{"Authorization", QByteArray::fromStdString("Bearer " + tokens["access_token"].get<std::string>())}});
        ASSERT_EQ(response.status, 200) << response.text();
        oidc::Json claims = response.json();
        EXPECT_EQ(claims["sub"], "U2SbxBob00000000000000000001");
        EXPECT_EQ(claims["email"], "bob@example.com");
        EXPECT_EQ(claims["name"], "Bob User");
        EXPECT_EQ(claims["roles"], oidc::Json::array({"user"}));
        EXPECT_EQ(claims["tenants"]["T2SbxGlobex00000000000000001"]["roles"], oidc::Json::array({"admin"}));
        EXPECT_FALSE(claims.contains("userInfoClaims")); // flat, not wrapped
    }
}

TEST_F(Token, UserInfoChallenges)
{
    const Response missing = get("/oauth2/v1/userinfo");
    EXPECT_EQ(missing.status, 401);
    EXPECT_TRUE(missing.header("www-authenticate").startsWith("Bearer"));
    EXPECT_EQ(missing.header("www-authenticate").indexOf("error="), -1); // RFC 6750 §3.1

    const Response invalid = userinfo("not.a.token");
    EXPECT_EQ(invalid.status, 401);
    EXPECT_NE(invalid.header("www-authenticate").indexOf("error=\"invalid_token\""), -1);

    oidc::Json tokens = exchangeCode(publicClientCode());
    const Response refreshAsAccess = userinfo(tokens["refresh_token"]);
    EXPECT_EQ(refreshAsAccess.status, 401);
    EXPECT_NE(refreshAsAccess.header("www-authenticate").indexOf("invalid_token"), -1);

    oidc::Json machine = postForm("/oauth2/v1/token", {{"grant_type", "client_credentials"}},
                                        {{"Authorization", basic(kConfidentialClient, kConfidentialSecret)}})
                                   .json();
    EXPECT_EQ(userinfo(machine["access_token"]).status, 403);
}

TEST_F(Token, RevocationOfUnknownTokensIsOk)
{
    const Response response = postForm("/oauth2/v1/revoke", {{"token", "whatever"}, {"client_id", publicClient()}});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(postForm("/oauth2/v1/revoke", {{"client_id", publicClient()}}).json()["error"], "invalid_request");
}

TEST_F(Token, RevokedRefreshTokenEndsTheSession)
{
    oidc::Json tokens = exchangeCode(publicClientCode());
    ASSERT_EQ(postForm("/oauth2/v1/revoke", {{"token", tokens["refresh_token"]}, {"token_type_hint", "refresh_token"},
                                             {"client_id", publicClient()}})
                  .status,
              200);
    EXPECT_EQ(refresh(tokens["refresh_token"]).json()["error"], "invalid_grant");
    EXPECT_EQ(userinfo(tokens["access_token"]).status, 401); // RFC 7009 §2.1: its access tokens too
}

TEST_F(Token, RevokedAccessTokenStopsWorking)
{
    oidc::Json tokens = exchangeCode(publicClientCode());
    ASSERT_EQ(postForm("/oauth2/v1/revoke", {{"token", tokens["access_token"]}, {"client_id", publicClient()}}).status, 200);
    EXPECT_EQ(userinfo(tokens["access_token"]).status, 401);
    EXPECT_EQ(refresh(tokens["refresh_token"]).status, 200); // the grant itself lives on
}

TEST_F(Token, RevocationChecksClientCredentialsWhenSent)
{
    const Response response = postForm("/oauth2/v1/revoke", {{"token", "x"}}, {{"Authorization", basic(kConfidentialClient, "wrong")}});
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(response.json()["error"], "invalid_client");
}
