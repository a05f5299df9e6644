// The pure halves of the flow (build…Request / process…Response / validate…), without a network.
// Rows are named after the rp-checks.md IDs and the specs they pin.

#include "oidc/Redaction.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/JsonWebKey.h"
#include "oidc/flow/AuthorizationRequest.h"
#include "oidc/flow/IdTokenRules.h"
#include "oidc/flow/ProviderMetadata.h"
#include "oidc/flow/Revocation.h"
#include "oidc/flow/TokenEndpoint.h"
#include "oidc/flow/UserInfo.h"
#include "oidc/net/ExchangeLog.h"

#include <gtest/gtest.h>

#include <QUrlQuery>

namespace {

using namespace oidc;
using namespace oidc::flow;

net::HttpResponse response(int status, const QByteArray &body, net::HeaderList headers = {})
{
    net::HttpResponse r;
    r.status = status;
    r.body = body;
    r.headers = std::move(headers);
    return r;
}

QByteArray metadataJson(const QString &issuer, const QString &base)
{
    Json json = {{"issuer", issuer.toStdString()},
                 {"authorization_endpoint", (base + QStringLiteral("/authorize")).toStdString()},
                 {"token_endpoint", (base + QStringLiteral("/token")).toStdString()},
                 {"userinfo_endpoint", (base + QStringLiteral("/userinfo")).toStdString()},
                 {"jwks_uri", (base + QStringLiteral("/jwks")).toStdString()},
                 {"code_challenge_methods_supported", {"S256"}},
                 {"authorization_response_iss_parameter_supported", true},
                 {"id_token_signing_alg_values_supported", {"RS256", "none", "HS256"}}};
    return QByteArray::fromStdString(json.dump());
}

// ---- Discovery (rp-checks K1, N2) ----

TEST(Discovery, WellKnownLocations)
{
    EXPECT_EQ(discoveryUrl(QStringLiteral("https://op.example/tenant/"), DiscoveryKind::OpenIdConnect).toString(),
              QStringLiteral("https://op.example/tenant/.well-known/openid-configuration"));
    EXPECT_EQ(discoveryUrl(QStringLiteral("https://op.example/tenant"), DiscoveryKind::Rfc8414).toString(),
              QStringLiteral("https://op.example/.well-known/oauth-authorization-server/tenant"));
    EXPECT_EQ(discoveryUrl(QStringLiteral("https://op.example"), DiscoveryKind::Rfc8414).toString(),
              QStringLiteral("https://op.example/.well-known/oauth-authorization-server"));
}

TEST(Discovery, K1_IssuerMismatchUsesNothing)
{
    const auto result = processDiscoveryResponse(response(200, metadataJson(QStringLiteral("https://evil.example"), QStringLiteral("https://evil.example"))),
                                                 QStringLiteral("https://op.example"));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().category, ErrorCategory::Discovery);
    EXPECT_EQ(result.error().code, "DISCOVERY_ISSUER_MISMATCH");
    EXPECT_EQ(result.error().expected, "https://op.example");
}

TEST(Discovery, ValidMetadataAndAlgorithmsNeverIncludeNoneOrHmac)
{
    const auto result = processDiscoveryResponse(response(200, metadataJson(QStringLiteral("https://op.example"), QStringLiteral("https://op.example"))),
                                                 QStringLiteral("https://op.example"));
    ASSERT_TRUE(result.ok()) << result.error().summary();
    EXPECT_TRUE(result->authorizationResponseIssParameterSupported);
    EXPECT_EQ(result->tokenEndpoint.toString(), QStringLiteral("https://op.example/token"));
    EXPECT_EQ(result->idTokenAlgorithms(), std::vector<crypto::JwsAlgorithm>{crypto::JwsAlgorithm::RS256});
}

TEST(Discovery, N2_HttpEndpointOffLoopbackRefused)
{
    const auto result = processDiscoveryResponse(response(200, metadataJson(QStringLiteral("https://op.example"), QStringLiteral("http://op.example"))),
                                                 QStringLiteral("https://op.example"));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, "DISCOVERY_INSECURE_ENDPOINT");
    EXPECT_EQ(buildDiscoveryRequest(QStringLiteral("http://op.example"), DiscoveryKind::OpenIdConnect).error().code, "NET_INSECURE_URL");
    EXPECT_TRUE(buildDiscoveryRequest(QStringLiteral("http://127.0.0.1:8080"), DiscoveryKind::OpenIdConnect).ok());
    EXPECT_TRUE(buildDiscoveryRequest(QStringLiteral("http://localhost:8080/x"), DiscoveryKind::OpenIdConnect).ok());
}

TEST(Discovery, BadBodiesAreCategorised)
{
    EXPECT_EQ(processDiscoveryResponse(response(500, "<html>oops</html>"), QStringLiteral("https://op.example")).error().code, "DISCOVERY_HTTP_STATUS");
    EXPECT_EQ(processDiscoveryResponse(response(200, "[]"), QStringLiteral("https://op.example")).error().code, "DISCOVERY_JSON");
    EXPECT_EQ(processDiscoveryResponse(response(200, "{\"issuer\":"), QStringLiteral("https://op.example")).error().code, "DISCOVERY_JSON");
    EXPECT_EQ(processDiscoveryResponse(response(200, R"({"issuer":"https://op.example","scopes_supported":"openid"})"),
                                       QStringLiteral("https://op.example")).error().code,
              "DISCOVERY_FIELD_TYPE");
}

TEST(Descope, RegionalBaseUrlFromProjectId)
{
    // Vectors from descope-api.md §1.1 (Go's TestBaseURLForProjectID).
    EXPECT_EQ(descopeBaseUrl(QStringLiteral("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z")).toString(), QStringLiteral("https://api.use1.descope.com"));
    EXPECT_EQ(descopeBaseUrl(QStringLiteral("P2aAc4T2V93bddihGEx2Ryhc8e5Z")).toString(), QStringLiteral("https://api.descope.com"));
    EXPECT_EQ(descopeBaseUrl(QStringLiteral("P2aAc4T2V93bddihGEx2Ryhc8e5Z"), QUrl(QStringLiteral("https://auth.example.com"))).toString(),
              QStringLiteral("https://auth.example.com"));
    EXPECT_EQ(descopeIssuer(QUrl(QStringLiteral("https://api.descope.com")), QStringLiteral("P2aAc4T2V93bddihGEx2Ryhc8e5Z")),
              QStringLiteral("https://api.descope.com/P2aAc4T2V93bddihGEx2Ryhc8e5Z"));
}

// ---- Authorization request and callback (rp-checks A1–A8) ----

AuthorizationRequest sampleRequest()
{
    AuthorizationRequest request;
    request.authorizationEndpoint = QUrl(QStringLiteral("https://op.example/authorize?tenant=x"));
    request.clientId = QStringLiteral("client 1");
    request.redirectUri = QStringLiteral("http://127.0.0.1:5555/callback");
    request.scope = QStringLiteral("openid email");
    request.state = QStringLiteral("st+ate");
    request.nonce = QStringLiteral("n0");
    request.codeChallenge = QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    request.prompt = QStringLiteral("none");
    request.maxAge = 60;
    request.descopeFlow = QStringLiteral("sign-up-or-in");
    request.extraParameters = {{QStringLiteral("custom"), QStringLiteral("a&b=c")}};
    return request;
}

TEST(Authorize, UrlCarriesEveryParameterEncoded)
{
    const auto url = buildAuthorizationUrl(sampleRequest());
    ASSERT_TRUE(url.ok());
    const QUrlQuery query(*url);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("tenant")), QStringLiteral("x")); // endpoint's own query kept
    EXPECT_EQ(query.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded), QStringLiteral("client 1"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), QStringLiteral("st+ate"));
    EXPECT_TRUE(url->toString(QUrl::FullyEncoded).contains(QStringLiteral("state=st%2Bate")));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("max_age")), QStringLiteral("60"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("flow")), QStringLiteral("sign-up-or-in"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("custom"), QUrl::FullyDecoded), QStringLiteral("a&b=c"));
    EXPECT_FALSE(query.hasQueryItem(QStringLiteral("login_hint")));
}

TEST(Authorize, CustomParameterMayNotRepeatAStandardOne)
{
    auto request = sampleRequest();
    request.extraParameters = {{QStringLiteral("state"), QStringLiteral("x")}};
    EXPECT_EQ(buildAuthorizationUrl(request).error().code, "AUTHZ_PARAM_DUPLICATE");
}

TEST(Authorize, A8_InsecureChoicesAreWarnings)
{
    auto request = sampleRequest();
    EXPECT_TRUE(authorizationWarnings(request, {QStringLiteral("S256")}).isEmpty());
    EXPECT_EQ(authorizationWarnings(request, {QStringLiteral("plain")}).size(), 1); // S256 not listed: still sent, warned
    request.codeChallengeMethod = PkceMethod::Plain;
    request.state.clear();
    request.nonce.clear();
    EXPECT_EQ(authorizationWarnings(request, {}).size(), 3);
}

PendingAuthorization pendingFor(bool issRequired = true)
{
    PendingAuthorization pending;
    pending.state = QStringLiteral("s1");
    pending.issuer = QStringLiteral("https://op.example");
    pending.issParameterRequired = issRequired;
    pending.redirectUri = QStringLiteral("http://127.0.0.1:5555/callback");
    pending.codeVerifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    return pending;
}

struct CallbackRow {
    const char *name;
    const char *query;
    bool issRequired;
    const char *code; // expected error code, or "" for success
};

class CallbackTest : public ::testing::TestWithParam<CallbackRow> {};

TEST_P(CallbackTest, Validates)
{
    const auto &row = GetParam();
    const QUrl url(QStringLiteral("http://127.0.0.1:5555/callback?") + QString::fromLatin1(row.query));
    const auto result = validateCallback(url, pendingFor(row.issRequired));
    if (std::string(row.code).empty()) {
        ASSERT_TRUE(result.ok()) << result.error().summary();
        EXPECT_EQ(result->code(), QStringLiteral("abc"));
    } else {
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().category, ErrorCategory::Authz);
        EXPECT_EQ(result.error().code, row.code);
    }
}

INSTANTIATE_TEST_SUITE_P(
    RpChecks, CallbackTest,
    ::testing::Values(CallbackRow{"Valid", "code=abc&state=s1&iss=https%3A%2F%2Fop.example", true, ""},
                      CallbackRow{"ValidWithoutIssWhenNotAnnounced", "code=abc&state=s1", false, ""},
                      CallbackRow{"A1_StateWrong", "code=abc&state=s2&iss=https%3A%2F%2Fop.example", true, "AUTHZ_STATE_MISMATCH"},
                      CallbackRow{"A1_StateMissing", "code=abc&iss=https%3A%2F%2Fop.example", true, "AUTHZ_STATE_MISSING"},
                      CallbackRow{"A2_IssWrong", "code=abc&state=s1&iss=https%3A%2F%2Fevil.example", true, "AUTHZ_ISS_MISMATCH"},
                      CallbackRow{"A2_IssWrongEvenWhenNotAnnounced", "code=abc&state=s1&iss=https%3A%2F%2Fevil.example", false,
                                  "AUTHZ_ISS_MISMATCH"},
                      CallbackRow{"A3_IssMissing", "code=abc&state=s1", true, "AUTHZ_ISS_MISSING"},
                      CallbackRow{"A4_ProviderError", "error=access_denied&error_description=%3Cb%3Eno%3C%2Fb%3E&state=s1&iss=https%3A%2F%2Fop.example",
                                  true, "AUTHZ_PROVIDER_ERROR"},
                      CallbackRow{"A4_StateCheckedBeforeError", "error=access_denied&state=zz", true, "AUTHZ_STATE_MISMATCH"},
                      CallbackRow{"A5_DuplicateCode", "code=abc&code=def&state=s1&iss=https%3A%2F%2Fop.example", true, "AUTHZ_DUPLICATE_PARAM"},
                      CallbackRow{"A5_NoCodeNoError", "state=s1&iss=https%3A%2F%2Fop.example", true, "AUTHZ_NO_CODE"},
                      CallbackRow{"A6_ImplicitParams", "code=abc&id_token=x.y.z&state=s1&iss=https%3A%2F%2Fop.example", true,
                                  "AUTHZ_UNEXPECTED_PARAM"}),
    [](const auto &row) { return std::string(row.param.name); });

TEST(Callback, A4_ProviderTextIsKeptAsPlainText)
{
    const QUrl url(QStringLiteral("http://127.0.0.1/cb?error=access_denied&error_description=%3Cscript%3Ex%3C%2Fscript%3E&state=s1&iss=https%3A%2F%2Fop.example"));
    const auto result = validateCallback(url, pendingFor());
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error().message.find("<script>x</script>"), std::string::npos); // shown verbatim, never rendered
    EXPECT_EQ(result.error().actual, "access_denied");
}

// ---- Token endpoint (rp-checks T1–T9, RFC 6749 §2.3.1) ----

TEST(Token, FormUrlEncodingAndBasicCredentials)
{
    EXPECT_EQ(formUrlEncode(QStringLiteral("a b+c/=&é")), QByteArray("a+b%2Bc%2F%3D%26%C3%A9"));
    ClientCredentials client{QStringLiteral("my client"), QStringLiteral("p@ss w:rd+"), ClientAuthMethod::ClientSecretBasic};
    const auto request = buildClientCredentialsRequest(QUrl(QStringLiteral("https://op.example/token")), client, QStringLiteral("read write"));
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->method, QByteArray("POST"));
    EXPECT_EQ(request->header("Authorization"), "Basic " + QByteArray("my+client:p%40ss+w%3Ard%2B").toBase64());
    EXPECT_EQ(request->body, QByteArray("grant_type=client_credentials&scope=read+write"));
    EXPECT_FALSE(request->body.contains("client_secret"));
}

TEST(Token, PostAndNoneAuthentication)
{
    ClientCredentials post{QStringLiteral("c"), QStringLiteral("s"), ClientAuthMethod::ClientSecretPost};
    const auto request = buildRefreshRequest(QUrl(QStringLiteral("https://op.example/token")), post, QStringLiteral("rt"));
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->body, QByteArray("grant_type=refresh_token&refresh_token=rt&client_id=c&client_secret=s"));
    EXPECT_TRUE(request->header("Authorization").isEmpty());
    ClientCredentials none{QStringLiteral("c"), {}, ClientAuthMethod::None};
    EXPECT_EQ(buildClientCredentialsRequest(QUrl(QStringLiteral("https://op.example/token")), none, {}).error().code, "TOKEN_CLIENT_SECRET_MISSING");
}

TEST(Token, CodeExchangeNeedsAValidatedCallback)
{
    const auto callback = validateCallback(QUrl(QStringLiteral("http://127.0.0.1/cb?code=c%2B1&state=s1&iss=https%3A%2F%2Fop.example")), pendingFor());
    ASSERT_TRUE(callback.ok());
    ClientCredentials client{QStringLiteral("pub"), {}, ClientAuthMethod::None};
    const auto request = buildAuthorizationCodeRequest(QUrl(QStringLiteral("https://op.example/token")), client, *callback, pendingFor());
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->body, QByteArray("grant_type=authorization_code&code=c%2B1&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2Fcallback"
                                        "&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&client_id=pub"));
}

struct TokenRow {
    const char *name;
    int status;
    const char *body;
    const char *code;
};

class TokenResponseTest : public ::testing::TestWithParam<TokenRow> {};

TEST_P(TokenResponseTest, Processes)
{
    const auto &row = GetParam();
    const auto result = processTokenResponse(response(row.status, row.body), 1000);
    if (std::string(row.code).empty()) {
        ASSERT_TRUE(result.ok()) << result.error().summary();
        return;
    }
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().category, ErrorCategory::Token);
    EXPECT_EQ(result.error().code, row.code);
}

INSTANTIATE_TEST_SUITE_P(
    RpChecks, TokenResponseTest,
    ::testing::Values(TokenRow{"Valid", 200, R"({"access_token":"a","token_type":"Bearer","expires_in":60})", ""},
                      TokenRow{"T5_BearerCaseInsensitive", 200, R"({"access_token":"a","token_type":"BEARER"})", ""},
                      TokenRow{"T5_DPoP", 200, R"({"access_token":"a","token_type":"dpop"})", ""},
                      TokenRow{"T5_MacUnsupported", 200, R"({"access_token":"a","token_type":"mac"})", "TOKEN_TYPE_UNSUPPORTED"},
                      TokenRow{"T6_NoExpiresNoScope", 200, R"({"access_token":"a","token_type":"bearer"})", ""},
                      TokenRow{"T1_InvalidGrant", 400, R"({"error":"invalid_grant","error_description":"code reused"})", "TOKEN_PROVIDER_ERROR"},
                      TokenRow{"T1_InvalidClient", 401, R"({"error":"invalid_client"})", "TOKEN_PROVIDER_ERROR"},
                      TokenRow{"T2_HtmlFromProxy", 502, "<html>Bad Gateway</html>", "TOKEN_HTTP_STATUS"},
                      TokenRow{"T3_TruncatedJson", 200, R"({")", "TOKEN_JSON"},
                      TokenRow{"T3_Null", 200, "null", "TOKEN_JSON_NOT_OBJECT"},
                      TokenRow{"T3_Array", 200, "[]", "TOKEN_JSON_NOT_OBJECT"},
                      TokenRow{"T4_NoAccessToken", 200, R"({"token_type":"bearer"})", "TOKEN_ACCESS_TOKEN_MISSING"},
                      TokenRow{"T4_EmptyAccessToken", 200, R"({"access_token":"","token_type":"bearer"})", "TOKEN_ACCESS_TOKEN_MISSING"},
                      TokenRow{"T4_NumericTokenType", 200, R"({"access_token":"a","token_type":1})", "TOKEN_FIELD_TYPE"},
                      TokenRow{"T4_RefreshTokenNotString", 200, R"({"access_token":"a","token_type":"bearer","refresh_token":{}})", "TOKEN_FIELD_TYPE"},
                      TokenRow{"T4_ExpiresInString", 200, R"({"access_token":"a","token_type":"bearer","expires_in":"60"})", "TOKEN_FIELD_TYPE"},
                      TokenRow{"T4_ExpiresInOutOfRange_Fuzz", 200, R"({"access_token":"a","token_type":"bearer","expires_in":601e300})", "TOKEN_FIELD_TYPE"},
                      TokenRow{"T4_ExpiresIn68Years", 200, R"({"access_token":"a","token_type":"bearer","expires_in":2147483647})", ""},
                      TokenRow{"T9_RedirectNotFollowed", 302, "", "TOKEN_REDIRECT"},
                      TokenRow{"J14_DuplicateNames", 200, R"({"access_token":"a","access_token":"b","token_type":"bearer"})", "TOKEN_JSON"}),
    [](const auto &row) { return std::string(row.param.name); });

TEST(Token, T2_PreviewIsBounded)
{
    const auto result = processTokenResponse(response(502, QByteArray(5000, 'x')), 0);
    ASSERT_FALSE(result.ok());
    EXPECT_LT(result.error().message.size(), 300u);
    EXPECT_EQ(result.error().httpStatus, 502);
}

// ---- UserInfo (rp-checks U1–U4) ----

TEST(UserInfo, Checks)
{
    const auto request = buildUserInfoRequest(QUrl(QStringLiteral("https://op.example/userinfo")), QStringLiteral("at"));
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->header("Authorization"), QByteArray("Bearer at"));
    EXPECT_TRUE(processUserInfoResponse(response(200, R"({"sub":"u1","email":"a@b"})"), "u1").ok());
    EXPECT_EQ(processUserInfoResponse(response(200, R"({"sub":"u2"})"), "u1").error().code, "USERINFO_SUB_MISMATCH");
    EXPECT_EQ(processUserInfoResponse(response(200, R"({"email":"a@b"})"), "u1").error().code, "USERINFO_SUB_MISSING");
    EXPECT_EQ(processUserInfoResponse(response(200, "[1]"), "u1").error().code, "USERINFO_NOT_OBJECT");
    const auto unauthorized = processUserInfoResponse(
        response(401, "", {{"WWW-Authenticate", R"(Bearer error="invalid_token", error_description="expired")"}}), "u1");
    EXPECT_EQ(unauthorized.error().code, "USERINFO_UNAUTHORIZED");
    EXPECT_NE(unauthorized.error().actual.find("invalid_token"), std::string::npos);
}

// ---- Revocation and logout (rp-checks R1–R4) ----

TEST(Revocation, Outcomes)
{
    ClientCredentials client{QStringLiteral("c"), {}, ClientAuthMethod::None};
    const auto request = buildRevocationRequest(QUrl(QStringLiteral("https://op.example/revoke")), client, QStringLiteral("tok"),
                                                TokenTypeHint::RefreshToken);
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->body, QByteArray("token=tok&token_type_hint=refresh_token&client_id=c"));
    EXPECT_TRUE(processRevocationResponse(response(200, "")).ok()); // R1: unknown tokens too
    EXPECT_EQ(processRevocationResponse(response(400, R"({"error":"unsupported_token_type"})")).error().code, "REVOKE_UNSUPPORTED_TOKEN_TYPE");
    const auto unavailable = processRevocationResponse(response(503, "", {{"Retry-After", "30"}}));
    EXPECT_EQ(unavailable.error().code, "REVOKE_UNAVAILABLE");
    EXPECT_EQ(unavailable.error().actual, "30");
    EXPECT_EQ(buildRevocationRequest(QUrl(), client, QStringLiteral("tok"), TokenTypeHint::None).error().code, "REVOKE_NO_ENDPOINT"); // R3
}

TEST(Logout, R4_StateMustComeBack)
{
    EndSessionRequest request{QUrl(QStringLiteral("https://op.example/logout")), QStringLiteral("id.tok.en"),
                              QStringLiteral("http://127.0.0.1:7000/logout"), QStringLiteral("ls1"), QStringLiteral("c")};
    const auto url = buildEndSessionUrl(request);
    ASSERT_TRUE(url.ok());
    const QUrlQuery query(*url);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("id_token_hint")), QStringLiteral("id.tok.en"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("post_logout_redirect_uri"), QUrl::FullyDecoded), QStringLiteral("http://127.0.0.1:7000/logout"));
    EXPECT_TRUE(validateLogoutCallback(QUrl(QStringLiteral("http://127.0.0.1:7000/logout?state=ls1")), QStringLiteral("ls1")).ok());
    EXPECT_EQ(validateLogoutCallback(QUrl(QStringLiteral("http://127.0.0.1:7000/logout?state=x")), QStringLiteral("ls1")).error().code,
              "LOGOUT_STATE_MISMATCH");
    EXPECT_EQ(validateLogoutCallback(QUrl(QStringLiteral("http://127.0.0.1:7000/logout")), QStringLiteral("ls1")).error().code,
              "LOGOUT_STATE_MISSING");
    EXPECT_EQ(buildEndSessionUrl({}).error().code, "TOKEN_NO_END_SESSION");
}

// ---- ID token rules (J17, K2) ----

std::string signedToken(const crypto::JsonWebKey &key, const Json &claims)
{
    const std::string input = crypto::base64UrlEncode(Json({{"alg", "RS256"}, {"kid", key.kid}}).dump()) + "." + crypto::base64UrlEncode(claims.dump());
    return input + "." + crypto::base64UrlEncode(crypto::signWithKey(crypto::JwsAlgorithm::RS256, key.key.get(), input).value());
}

TEST(IdToken, J17_RefreshMustKeepIssuerAndSubject)
{
    const auto key = crypto::generateKey(crypto::KeyKind::Rsa2048, "k1", "RS256").value();
    crypto::JsonWebKeySet keys;
    keys.keys.push_back(key);
    ProviderMetadata metadata;
    metadata.issuer = QStringLiteral("https://op.example");
    const qint64 now = 1'800'000'000;
    const Json original = {{"iss", "https://op.example"}, {"sub", "u1"}, {"aud", "c"}, {"iat", now}, {"exp", now + 300}};
    IdTokenExpectations expected;
    expected.issuer = metadata.issuer;
    expected.clientId = QStringLiteral("c");
    expected.now = now;
    const auto first = validateIdToken(QString::fromStdString(signedToken(key, original)), metadata, keys, expected);
    ASSERT_TRUE(first.ok()) << first.error->summary();

    Json otherSub = original;
    otherSub["sub"] = "u2";
    auto second = validateIdToken(QString::fromStdString(signedToken(key, otherSub)), metadata, keys, expected);
    ASSERT_TRUE(second.ok());
    checkRefreshedIdToken(*first.jwt, second);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error->code, "REFRESH_SUB_CHANGED");

    auto same = validateIdToken(QString::fromStdString(signedToken(key, original)), metadata, keys, expected);
    checkRefreshedIdToken(*first.jwt, same);
    EXPECT_TRUE(same.ok());
}

TEST(IdToken, RequiredClaimsAndFreshness)
{
    const auto key = crypto::generateKey(crypto::KeyKind::Rsa2048, "k1", "RS256").value();
    crypto::JsonWebKeySet keys;
    keys.keys.push_back(key);
    ProviderMetadata metadata;
    metadata.issuer = QStringLiteral("https://op.example");
    const qint64 now = 1'800'000'000;
    IdTokenExpectations expected;
    expected.issuer = metadata.issuer;
    expected.clientId = QStringLiteral("c");
    expected.nonce = QStringLiteral("n1");
    expected.now = now;
    const Json noNonce = {{"iss", "https://op.example"}, {"sub", "u1"}, {"aud", "c"}, {"iat", now}, {"exp", now + 300}};
    EXPECT_EQ(validateIdToken(QString::fromStdString(signedToken(key, noNonce)), metadata, keys, expected).error->code, "NONCE_MISSING"); // J9
    Json weekOld = noNonce;
    weekOld["nonce"] = "n1";
    weekOld["iat"] = now - 7 * 86400;
    EXPECT_EQ(validateIdToken(QString::fromStdString(signedToken(key, weekOld)), metadata, keys, expected).error->code, "IAT_TOO_OLD"); // J8
    Json noSub = noNonce;
    noSub["nonce"] = "n1";
    noSub.erase("sub");
    EXPECT_EQ(validateIdToken(QString::fromStdString(signedToken(key, noSub)), metadata, keys, expected).error->code, "SUB_MISSING"); // J10
}

TEST(IdToken, K2_RefetchGateCooldown)
{
    KeySetRefetchGate gate(60);
    EXPECT_TRUE(gate.mayRefetch(1000));
    gate.recordRefetch(1000);
    EXPECT_FALSE(gate.mayRefetch(1030));
    EXPECT_TRUE(gate.mayRefetch(1060));
}

// ---- Redaction (rp-checks S1/S2) ----

TEST(Redaction, SecretsNeverAppear)
{
    const std::string token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJl";
    const std::string redacted = redactSecret(token);
    EXPECT_EQ(redacted.find(token.substr(6)), std::string::npos);
    EXPECT_NE(redacted.find("[redacted, " + std::to_string(token.size()) + " chars]"), std::string::npos);
    EXPECT_EQ(redactSecret(std::string("short")), "[redacted]");
    EXPECT_EQ(redactAuthorization("Bearer abcdefghijkl"), QByteArray("Bearer [redacted, 12 chars]"));
    const QByteArray form = redactUrlEncoded("grant_type=authorization_code&code=SECRETCODE123&code_verifier=VERIFIERVERIFIER&redirect_uri=x");
    EXPECT_FALSE(form.contains("SECRETCODE123"));
    EXPECT_FALSE(form.contains("VERIFIERVERIFIER"));
    EXPECT_TRUE(form.contains("grant_type=authorization_code"));
    EXPECT_TRUE(form.contains("redirect_uri=x"));
    const QByteArray json = redactJsonBody(R"({"access_token":"AAAAAAAAAAAAAAAA","nested":{"refresh_token":"RRRRRRRRRRRRRRRR"},"token_type":"Bearer"})");
    EXPECT_FALSE(json.contains("AAAAAAAAAAAAAAAA"));
    EXPECT_FALSE(json.contains("RRRRRRRRRRRRRRRR"));
    EXPECT_TRUE(json.contains("Bearer"));
}

} // namespace

namespace {

TEST(ExchangeLog, RedactedByDefaultAndCopyAsCurl)
{
    oidc::net::ExchangeLog log;
    oidc::net::HttpExchange exchange;
    exchange.request.method = "POST";
    exchange.request.url = QUrl(QStringLiteral("https://op.example/token?x=1"));
    exchange.request.step = QStringLiteral("token");
    exchange.request.headers = {{"Authorization", "Basic Y2xpZW50OnNlY3JldA=="}, {"Content-Type", "application/x-www-form-urlencoded"}};
    exchange.request.body = "grant_type=authorization_code&code=THE-CODE-1234567&code_verifier=VERIFIER-ABCDEFGHIJ";
    oidc::net::HttpResponse response;
    response.status = 200;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = R"({"access_token":"ACCESS-TOKEN-0123456789","token_type":"Bearer"})";
    exchange.response = response;
    log.add(exchange);
    ASSERT_EQ(log.size(), 1);
    const auto &record = log.records().front();
    using oidc::net::Reveal;
    const QString request = oidc::net::ExchangeLog::requestText(record, Reveal::Redacted);
    const QString reply = oidc::net::ExchangeLog::responseText(record, Reveal::Redacted);
    const QString curl = oidc::net::ExchangeLog::toCurl(record, Reveal::Redacted);
    for (const QString &text : {request, reply, curl}) {
        EXPECT_FALSE(text.contains(QStringLiteral("Y2xpZW50OnNlY3JldA"))) << text.toStdString();
        EXPECT_FALSE(text.contains(QStringLiteral("THE-CODE-1234567")));
        EXPECT_FALSE(text.contains(QStringLiteral("VERIFIER-ABCDEFGHIJ")));
        EXPECT_FALSE(text.contains(QStringLiteral("ACCESS-TOKEN-0123456789")));
    }
    EXPECT_TRUE(request.contains(QStringLiteral("Authorization: Basic [redacted")));
    EXPECT_TRUE(reply.contains(QStringLiteral("Bearer")));
    const QString revealed = oidc::net::ExchangeLog::toCurl(record, Reveal::Secrets);
    EXPECT_TRUE(revealed.contains(QStringLiteral("THE-CODE-1234567")));
    EXPECT_TRUE(revealed.startsWith(QStringLiteral("curl -X POST 'https://op.example/token?x=1' \\\n  -H 'Authorization: Basic Y2xpZW50OnNlY3JldA=='")))
        << revealed.toStdString();
    EXPECT_EQ(oidc::net::ExchangeLog::shellQuote(QStringLiteral("it's")), QStringLiteral("'it'\\''s'"));
}

} // namespace

#include "oidc/flow/ProviderProfile.h"

#include <QTemporaryDir>

namespace {

TEST(ProviderProfile, PersistsEverythingButTheSecret)
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat);
    oidc::flow::ProviderProfileStore store(settings);
    oidc::flow::ProviderProfile profile;
    profile.id = QStringLiteral("acme");
    profile.name = QStringLiteral("Acme (Descope)");
    profile.kind = oidc::flow::ProviderKind::DescopeProject;
    profile.descopeProjectId = QStringLiteral("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z");
    profile.clientId = QStringLiteral("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z");
    profile.clientSecret = QStringLiteral("K2-SECRET-ACCESS-KEY-DO-NOT-STORE");
    profile.authMethod = oidc::flow::ClientAuthMethod::ClientSecretPost;
    profile.browserMode = oidc::flow::BrowserMode::System;
    profile.redirectPort = 8765;
    profile.security.pkceMethod = oidc::PkceMethod::Plain;
    store.save(profile);
    store.setLastSelectedId(profile.id);

    QFile raw(dir.filePath(QStringLiteral("profiles.ini")));
    ASSERT_TRUE(raw.open(QIODevice::ReadOnly));
    EXPECT_FALSE(raw.readAll().contains("K2-SECRET-ACCESS-KEY-DO-NOT-STORE"));

    const auto loaded = store.load();
    ASSERT_EQ(loaded.size(), 1);
    const auto &again = loaded.first();
    EXPECT_EQ(again.name, profile.name);
    EXPECT_EQ(again.kind, oidc::flow::ProviderKind::DescopeProject);
    EXPECT_TRUE(again.clientSecret.isEmpty());
    EXPECT_EQ(again.authMethod, oidc::flow::ClientAuthMethod::ClientSecretPost);
    EXPECT_EQ(again.browserMode, oidc::flow::BrowserMode::System);
    EXPECT_EQ(again.redirectPort, 8765);
    EXPECT_EQ(again.security.pkceMethod, oidc::PkceMethod::Plain);
    EXPECT_EQ(again.effectiveIssuer(), QStringLiteral("https://api.use1.descope.com/Puse12aAc4T2V93bddihGEx2Ryhc8e5Z"));
    EXPECT_TRUE(again.warnings().join(QLatin1Char(' ')).contains(QStringLiteral("plain")));
    EXPECT_EQ(store.lastSelectedId(), QStringLiteral("acme"));
    EXPECT_EQ(oidc::flow::ProviderProfile{}.providerSettings().error().code, "PROFILE_INCOMPLETE");
}

} // namespace
