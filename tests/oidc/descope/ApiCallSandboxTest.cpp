// The explanation of an API's answer agrees with the API (descope-api.md §10, RFC 6750 §3.1):
// the sandbox's sample API called with each access key's session JWT, a client-credentials access
// token, an expired or absent token. Where the sandbox refuses, the checks from the token's claims
// name what is missing; where it accepts, none fails.

#include "SandboxClientTest.h"

#include "oidc/descope/ApiCallExplanation.h"
#include "oidc/flow/TokenEndpoint.h"
#include "oidc/net/BlockingSend.h"

namespace oidc::descope {
namespace {

using oidc::test::succeeds;

using ApiCallSandbox = test::SandboxClientTest;

struct Called final {
    BearerCallAnswer answer;
    ApiCallExplanation explanation;
};

class SampleApiCaller final {
public:
    explicit SampleApiCaller(const QUrl &base) : m_base(base) {}

    Called call(const std::string &path, const std::string &token, int64_t now)
    {
        const QUrl url = m_base.resolved(QUrl(QString::fromStdString(path)));
        auto request = buildApiCallRequest(url, "POST", token, true);
        EXPECT_TRUE(succeeds(request));
        auto response = net::sendAndWait(m_transport, std::move(request).value());
        EXPECT_TRUE(succeeds(response));
        Called called;
        called.answer = processBearerCallResponse(*response);
        const SampleApiRoute *route = findSampleApiRoute(url, m_base);
        called.explanation = explainApiCall(called.answer, token, route ? &route->requirement : nullptr, now);
        return called;
    }

private:
    QUrl m_base;
    net::QtHttpTransport m_transport;
};

bool anyFailed(const ApiCallExplanation &explanation)
{
    for (const auto &check : explanation.checks)
        if (check.outcome == jwt::CheckOutcome::Fail)
            return true;
    return false;
}

TEST_F(ApiCallSandbox, ExplanationsAgreeWithTheSampleApi_10)
{
    SampleApiCaller caller(server().baseUrl());
    for (const char *key : {kReaderKey, kAdminKey}) {
        const auto exchanged = client().exchangeAccessKey(key);
        ASSERT_TRUE(exchanged.ok()) << exchanged.result.error().summary();
        for (const auto &route : sampleApiRoutes()) {
            const Called called = caller.call(route.path, exchanged.result->sessionJwt, sandboxNow());
            SCOPED_TRACE(route.path + " with " + exchanged.result->userId + ": " + called.explanation.headline);
            ASSERT_TRUE(called.answer.status == 200 || called.answer.status == 403) << called.answer.body;
            EXPECT_EQ(anyFailed(called.explanation), called.answer.status == 403);
            EXPECT_FALSE(called.answer.message.empty());
        }
    }
    const auto reader = client().exchangeAccessKey(kReaderKey);
    ASSERT_TRUE(reader.ok());
    const Called admin = caller.call("/api/admin", reader.result->sessionJwt, sandboxNow());
    EXPECT_EQ(admin.explanation.headline, "403 Forbidden: the token lacks the role \"admin\"");
    EXPECT_EQ(admin.answer.message, "Missing required role: 'admin'");
}

TEST_F(ApiCallSandbox, UnauthorizedWithoutATokenOrWithAnExpiredOne)
{
    SampleApiCaller caller(server().baseUrl());
    const Called none = caller.call("/api/protected", "", sandboxNow());
    EXPECT_EQ(none.answer.status, 401);
    EXPECT_EQ(none.explanation.headline, "401 Unauthorized: no token was sent");
    EXPECT_EQ(none.answer.message, "Missing or invalid Authorization header");

    const auto reader = client().exchangeAccessKey(kReaderKey);
    ASSERT_TRUE(reader.ok());
    advanceSandboxClock(3600); // the session JWT lives 5 minutes
    const Called expired = caller.call("/api/protected", reader.result->sessionJwt, sandboxNow());
    EXPECT_EQ(expired.answer.status, 401);
    EXPECT_EQ(expired.explanation.headline, "401 Unauthorized: the token has expired");
}

TEST_F(ApiCallSandbox, ClientCredentialsTokensAreExplainedToo_RFC6749_4_4)
{
    // The sandbox's confidential client (roles: user) gets a Descope JWT as its access token.
    flow::ClientCredentials client{QStringLiteral("sandbox-confidential-client"), QStringLiteral("SANDBOX-ONLY:m2m+secret/7f3a"),
                                   flow::ClientAuthMethod::ClientSecretBasic};
    net::QtHttpTransport transport;
    auto request = flow::buildClientCredentialsRequest(server().baseUrl().resolved(QUrl(QStringLiteral("/oauth2/v1/token"))), client, {});
    ASSERT_TRUE(succeeds(request));
    auto response = net::sendAndWait(transport, std::move(request).value());
    ASSERT_TRUE(succeeds(response));
    auto tokens = flow::processTokenResponse(*response, sandboxNow());
    ASSERT_TRUE(succeeds(tokens));
    SampleApiCaller caller(server().baseUrl());
    const Called user = caller.call("/api/user", tokens->accessToken.toStdString(), sandboxNow());
    EXPECT_EQ(user.answer.status, 200);
    EXPECT_FALSE(anyFailed(user.explanation));
    const Called admin = caller.call("/api/admin", tokens->accessToken.toStdString(), sandboxNow());
    EXPECT_EQ(admin.answer.status, 403);
    EXPECT_EQ(admin.explanation.headline, "403 Forbidden: the token lacks the role \"admin\"");
}

} // namespace
} // namespace oidc::descope
