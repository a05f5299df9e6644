// Fault injection: every kind, from the admin API and the C++ API, with path filters and counts.
// Each fault reproduces one rp-checks row so a client's handling can be seen.

#include "SandboxTestSupport.h"

#include "sandbox/FaultInjector.h"

#include <QElapsedTimer>

using namespace sandbox::test;

class Faults : public SandboxTest {
protected:
    // A fresh code-flow token response with a fault on the token endpoint.
    oidc::Json tokensWithFault(const char *kind)
    {
        addFault({{"kind", kind}, {"path", "/oauth2/v1/token"}, {"count", 1}});
        lastGrant = publicClientCode();
        return exchangeCode(lastGrant);
    }
    oidc::jwt::JwtValidation validateIdToken(const oidc::Json &tokens)
    {
        oidc::jwt::ClaimCheckOptions options;
        options.audience = publicClient();
        options.nonce = lastGrant.nonce;
        options.accessToken = tokens["access_token"].get<std::string>();
        options.requireIssuedAt = true;
        options.maxIatAge = 3600;
        return validate(tokens["id_token"], options);
    }
    static std::string failedCheck(const oidc::jwt::JwtValidation &validation)
    {
        return validation.error ? validation.error->code : std::string("none");
    }
    CodeGrant lastGrant;
};

TEST_F(Faults, LatencyDelaysTheMatchingRequestOnly)
{
    oidc::Json body = descope("/v1/auth/enchantedlink/signin/email", {{"loginId", "alice@example.com"}}).json();
    addFault({{"kind", "latency"}, {"ms", 300}, {"path", "/v1/auth/enchantedlink/pending-session"}, {"count", 1}});
    QElapsedTimer timer;
    timer.start();
    EXPECT_EQ(descope("/v1/auth/enchantedlink/pending-session", {{"pendingRef", body["pendingRef"]}}).status, 401);
    EXPECT_GE(timer.elapsed(), 290);
    timer.restart();
    EXPECT_EQ(descope("/v1/auth/enchantedlink/pending-session", {{"pendingRef", body["pendingRef"]}}).status, 401);
    EXPECT_LT(timer.elapsed(), 250);
}

TEST_F(Faults, ServerErrorIsAProxyPageWithRetryAfter)
{
    addFault({{"kind", "server-error"}, {"status", 503}, {"retryAfter", 7}, {"path", "/oauth2/v1/token"}, {"count", 1}});
    const Response failed = postForm("/oauth2/v1/token", {{"grant_type", "client_credentials"}, {"client_id", kConfidentialClient},
                                                          {"client_secret", kConfidentialSecret}});
    EXPECT_EQ(failed.status, 503);
    EXPECT_EQ(failed.header("retry-after"), "7");
    EXPECT_TRUE(failed.header("content-type").startsWith("text/html"));
    const Response next = postForm("/oauth2/v1/token", {{"grant_type", "client_credentials"}, {"client_id", kConfidentialClient},
                                                        {"client_secret", kConfidentialSecret}});
    EXPECT_EQ(next.status, 200);
    addFault({{"kind", "5xx"}, {"status", 502}, {"count", 1}});
    EXPECT_EQ(get("/" + projectId() + "/.well-known/openid-configuration").status, 502);
}

TEST_F(Faults, RateLimitAnswers429WithRetryAfter)
{
    addFault({{"kind", "rate-limit"}, {"retryAfter", 12}, {"path", "/v1/auth/otp/signin/{method}"}, {"count", 1}});
    const Response limited = descope("/v1/auth/otp/signin/email", {{"loginId", "alice@example.com"}});
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.header("retry-after"), "12");
    EXPECT_EQ(limited.json()["errorCode"], "E130429");
    EXPECT_EQ(descope("/v1/auth/otp/signin/sms", {{"loginId", "alice@example.com"}}).status, 200);
}

TEST_F(Faults, WrongStateOnTheAuthorizationRedirect)
{
    addFault({{"kind", "wrong-state"}, {"count", 1}});
    const CodeGrant grant = publicClientCode();
    (void)grant;
    // publicClientCode's redirect carried the wrong state; check a fresh one directly.
    addFault({{"kind", "wrong-state"}, {"count", 1}});
    const Response redirect = authorizeAndLogin({{"response_type", "code"}, {"client_id", publicClient()},
                                                 {"redirect_uri", "http://127.0.0.1:1/callback"}, {"state", "mine"},
                                                 {"code_challenge", pkce().challenge}, {"code_challenge_method", "S256"}},
                                                "alice@example.com");
    EXPECT_EQ(queryOf(redirect.location())["state"], "sandbox-wrong-state");
    EXPECT_TRUE(queryOf(redirect.location()).count("code"));
}

TEST_F(Faults, MissingIssOnTheAuthorizationRedirect)
{
    addFault({{"kind", "missing-iss"}, {"count", 1}});
    const Response redirect = authorizeAndLogin({{"response_type", "code"}, {"client_id", publicClient()},
                                                 {"redirect_uri", "http://127.0.0.1:1/callback"}, {"state", "mine"},
                                                 {"code_challenge", pkce().challenge}, {"code_challenge_method", "S256"}},
                                                "alice@example.com");
    const auto query = queryOf(redirect.location());
    EXPECT_FALSE(query.count("iss"));
    EXPECT_EQ(query.at("state"), "mine");
}

TEST_F(Faults, IdTokenFaultsFailTheMatchingCheck)
{
    const std::vector<std::pair<const char *, const char *>> rows = {
        {"expired-id-token", "EXPIRED"},  {"future-iat-id-token", "IAT_FUTURE"}, {"wrong-nonce", "NONCE_MISMATCH"},
        {"wrong-audience", "AUD_MISMATCH"},   {"wrong-issuer", "ISS_MISMATCH"},      {"bad-signature", "SIGNATURE_INVALID"},
        {"unknown-kid", "KID_UNKNOWN"},
    };
    for (const auto &[kind, code] : rows) {
        oidc::Json tokens = tokensWithFault(kind);
        const auto validation = validateIdToken(tokens);
        EXPECT_FALSE(validation.ok()) << kind;
        EXPECT_EQ(failedCheck(validation), code) << kind;
        // The access token of the same response is untouched: the ID token is the primary token.
        EXPECT_TRUE(validate(tokens["access_token"]).ok()) << kind;
    }
    // Without a fault the same validation passes.
    lastGrant = publicClientCode();
    oidc::Json clean = exchangeCode(lastGrant);
    const auto validation = validateIdToken(clean);
    EXPECT_TRUE(validation.ok()) << failedCheck(validation);
}

TEST_F(Faults, TokenFaultsHitTheSessionJwtWhenThereIsNoIdToken)
{
    addFault({{"kind", "bad-signature"}, {"path", "/v1/auth/otp/verify/{method}"}, {"count", 1}});
    oidc::Json login = otpLogin("alice@example.com");
    EXPECT_EQ(failedCheck(validate(login["sessionJwt"])), "SIGNATURE_INVALID");
    EXPECT_TRUE(validate(login["refreshJwt"]).ok());
    addFault({{"kind", "unknown-kid"}, {"path", "/v1/auth/accesskey/exchange"}, {"count", 1}});
    const std::string jwt = descope("/v1/auth/accesskey/exchange", oidc::Json::object(), kReaderKey).json()["sessionJwt"];
    EXPECT_EQ(failedCheck(validate(jwt)), "KID_UNKNOWN");
    addFault({{"kind", "expired-id-token"}, {"path", "/oauth2/v1/token"}, {"count", 1}});
    oidc::Json machine = postForm("/oauth2/v1/token", {{"grant_type", "client_credentials"}, {"client_id", kConfidentialClient},
                                                       {"client_secret", kConfidentialSecret}})
                             .json();
    EXPECT_EQ(failedCheck(validate(machine["access_token"])), "EXPIRED");
}

TEST_F(Faults, MalformedJsonBody)
{
    addFault({{"kind", "malformed-json"}, {"path", "/" + projectId() + "/.well-known/openid-configuration"}, {"count", 1}});
    const Response broken = get("/" + projectId() + "/.well-known/openid-configuration");
    EXPECT_EQ(broken.status, 200);
    EXPECT_TRUE(broken.body.startsWith("{"));
    EXPECT_FALSE(oidc::parseJson(broken.body.toStdString()).ok());
    EXPECT_TRUE(oidc::parseJson(get("/" + projectId() + "/.well-known/openid-configuration").body.toStdString()).ok());
}

TEST_F(Faults, UntilClearedListingAndClearing)
{
    addFault({{"kind", "server-error"}, {"path", "/api/*"}});
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(postJson("/api/protected", oidc::Json::object()).status, 503);
    EXPECT_EQ(get("/" + projectId() + "/.well-known/jwks.json").status, 200); // filter
    oidc::Json listed = get("/sandbox/faults").json();
    ASSERT_EQ(listed["faults"].size(), 1u);
    EXPECT_EQ(listed["faults"][0]["kind"], "server-error");
    EXPECT_TRUE(listed["faults"][0]["count"].is_null());
    EXPECT_EQ(listed["kinds"].size(), 13u);
    EXPECT_EQ(send("DELETE", "/sandbox/faults", {}, {}).status, 200);
    EXPECT_EQ(postJson("/api/protected", oidc::Json::object()).status, 401);

    addFault({{"kind", "server-error"}});
    EXPECT_EQ(postJson("/sandbox/faults/clear", oidc::Json::object()).status, 200); // admin routes are never faulted
    EXPECT_TRUE(get("/sandbox/faults").json()["faults"].empty());

    const Response added = addFault({{"faults", {{{"kind", "latency"}, {"ms", 1}}, {{"kind", "wrong-nonce"}}}}});
    EXPECT_EQ(added.json()["added"].size(), 2u);
    const int id = added.json()["added"][0]["id"];
    EXPECT_EQ(send("DELETE", "/sandbox/faults/" + std::to_string(id), {}, {}).status, 200);
    EXPECT_EQ(get("/sandbox/faults").json()["faults"].size(), 1u);
}

TEST_F(Faults, InvalidFaultsAreRefused)
{
    EXPECT_EQ(postJson("/sandbox/faults", {{"kind", "explode"}}).status, 400);
    EXPECT_EQ(postJson("/sandbox/faults", {{"kind", "latency"}, {"ms", -1}}).status, 400);
    EXPECT_EQ(postJson("/sandbox/faults", {{"kind", "server-error"}, {"status", 404}}).status, 400);
    EXPECT_EQ(postJson("/sandbox/faults", {{"kind", "latency"}, {"count", 0}}).status, 400);
    EXPECT_EQ(postJson("/sandbox/faults", oidc::Json::object()).status, 400);
}

TEST_F(Faults, CppApiAndSignal)
{
    int changes = 0;
    QObject::connect(&server(), &sandbox::SandboxServer::faultsChanged, &server(), [&] { ++changes; });
    sandbox::Fault fault;
    fault.kind = sandbox::FaultKind::ServerError;
    fault.status = 500;
    fault.path = "/sandbox-never-matches";
    const int id = server().faults().add(fault);
    EXPECT_EQ(server().faults().faults().size(), 1u);
    EXPECT_TRUE(server().faults().remove(id));
    QObject::disconnect(&server(), &sandbox::SandboxServer::faultsChanged, &server(), nullptr);
    EXPECT_EQ(changes, 2);
    for (const auto kind : sandbox::FaultInjector::allKinds())
        EXPECT_EQ(sandbox::FaultInjector::parseKind(sandbox::FaultInjector::kindName(kind)), kind);
}
