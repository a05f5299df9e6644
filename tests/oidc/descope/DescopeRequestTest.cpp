// The project, the base URL and the request every Descope call shares (descope-api.md §1.1–§1.3),
// and the first step of every response processor (§1.4).

#include "DescopeTestSupport.h"

#include "oidc/descope/DescopeRequest.h"
#include "oidc/descope/DescopeResponse.h"

namespace oidc::descope {
namespace {

using test::answer;
using test::project;
using oidc::test::failsWith;
using oidc::test::succeeds;

TEST(DescopeProjectTest, BaseUrlFromTheProjectIdWithTheRegionalRule_1_1)
{
    // Test vectors of Go's TestBaseURLForProjectID.
    auto regional = DescopeProject::create(QStringLiteral("Puse12aAc4T2V93bddihGEx2Ryhc8e5Z"));
    ASSERT_TRUE(succeeds(regional));
    EXPECT_EQ(regional->baseUrl().toString(), QStringLiteral("https://api.use1.descope.com"));
    EXPECT_TRUE(regional->baseUrlDerived());
    auto plain = DescopeProject::create(QStringLiteral("P2aAc4T2V93bddihGEx2Ryhc8e5Z"));
    ASSERT_TRUE(succeeds(plain));
    EXPECT_EQ(plain->baseUrl().toString(), QStringLiteral("https://api.descope.com"));
    EXPECT_EQ(plain->issuer(), QStringLiteral("https://api.descope.com/P2aAc4T2V93bddihGEx2Ryhc8e5Z"));
    EXPECT_EQ(plain->keysUrl().toString(), QStringLiteral("https://api.descope.com/v2/keys/P2aAc4T2V93bddihGEx2Ryhc8e5Z"));
}

TEST(DescopeProjectTest, CustomDomainAndLoopbackSandbox)
{
    auto custom = DescopeProject::create(QStringLiteral("P2aAc4T2V93bddihGEx2Ryhc8e5Z"), QUrl(QStringLiteral("https://auth.example.com/")));
    ASSERT_TRUE(succeeds(custom));
    EXPECT_FALSE(custom->baseUrlDerived());
    EXPECT_EQ(custom->endpoint("/v1/auth/me").toString(), QStringLiteral("https://auth.example.com/v1/auth/me"));
    auto prefixed = DescopeProject::create(QStringLiteral("P1"), QUrl(QStringLiteral("https://example.com/descope/")));
    ASSERT_TRUE(succeeds(prefixed));
    EXPECT_EQ(prefixed->endpoint("v1/auth/me").toString(), QStringLiteral("https://example.com/descope/v1/auth/me"));
    auto sandbox = DescopeProject::create(QStringLiteral("P1"), QUrl(QStringLiteral("http://127.0.0.1:8080")));
    ASSERT_TRUE(succeeds(sandbox));
    EXPECT_EQ(sandbox->issuer(), QStringLiteral("http://127.0.0.1:8080/P1"));
}

TEST(DescopeProjectTest, RefusesUnusableInput)
{
    EXPECT_TRUE(failsWith(DescopeProject::create(QString()), "DESCOPE_PROJECT_ID", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(DescopeProject::create(QStringLiteral("P1/../x")), "DESCOPE_PROJECT_ID", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(DescopeProject::create(QStringLiteral("P1:x")), "DESCOPE_PROJECT_ID", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(DescopeProject::create(QString(65, QLatin1Char('P'))), "DESCOPE_PROJECT_ID", ErrorCategory::Input));
    const auto base = [](const char *url, bool loopback = true) {
        return DescopeProject::create(QStringLiteral("P1"), QUrl(QString::fromLatin1(url)), loopback);
    };
    EXPECT_TRUE(failsWith(base("http://api.example.com"), "DESCOPE_BASE_URL", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(base("http://127.0.0.1:1", false), "DESCOPE_BASE_URL", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(base("https://api.example.com/?x=1"), "DESCOPE_BASE_URL", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(base("https://user:pw@api.example.com"), "DESCOPE_BASE_URL", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(base("api.example.com"), "DESCOPE_BASE_URL", ErrorCategory::Input));
}

TEST(DescopeRequestTest, AuthorizationFormsAndSdkHeaders_1_2_1_3)
{
    const DescopeProject p = project();
    auto plain = buildDescopeRequest(p, DescopeCall{"POST", "v1/auth/otp/verify/email", Json{{"loginId", "a"}}, Bearer::project(), {}});
    ASSERT_TRUE(succeeds(plain));
    EXPECT_EQ(plain->url.toString(), QStringLiteral("https://api.descope.com/v1/auth/otp/verify/email"));
    EXPECT_EQ(plain->method, "POST");
    EXPECT_EQ(plain->header("Authorization"), QByteArray("Bearer ") + test::kProjectId);
    EXPECT_EQ(plain->header("Content-Type"), "application/json");
    EXPECT_EQ(plain->header("x-descope-sdk-name"), "oidcplay");
    EXPECT_EQ(plain->header("x-descope-sdk-version"), "test");
    EXPECT_EQ(plain->header("x-descope-project-id"), test::kProjectId);
    EXPECT_EQ(plain->body, R"({"loginId":"a"})");
    EXPECT_EQ(plain->timeoutMs, kDescopeTimeoutMs);
    EXPECT_EQ(plain->maxResponseBytes, 1 << 20);

    auto refresh = buildDescopeRequest(p, DescopeCall{"POST", "/v1/auth/refresh", std::nullopt, Bearer::refreshJwt("eyJr.x.y"), {}});
    ASSERT_TRUE(succeeds(refresh));
    EXPECT_EQ(refresh->header("Authorization"), QByteArray("Bearer ") + test::kProjectId + ":eyJr.x.y");
    EXPECT_EQ(refresh->body, "{}"); // §14.4: core-js and Python send {}
    auto key = buildDescopeRequest(p, DescopeCall{"POST", "v1/auth/accesskey/exchange", std::nullopt, Bearer::accessKey("K2abc:def"), {}});
    ASSERT_TRUE(succeeds(key));
    EXPECT_EQ(key->header("Authorization"), QByteArray("Bearer ") + test::kProjectId + ":K2abc:def");
    auto me = buildDescopeRequest(p, DescopeCall{"GET", "v1/auth/me", std::nullopt, Bearer::refreshJwt("eyJr.x.y"), {}});
    ASSERT_TRUE(succeeds(me));
    EXPECT_TRUE(me->body.isEmpty());
}

TEST(DescopeRequestTest, RefusesAMissingOrBrokenToken)
{
    const DescopeProject p = project();
    EXPECT_TRUE(failsWith(buildDescopeRequest(p, DescopeCall{"POST", "v1/auth/refresh", std::nullopt, Bearer::refreshJwt(""), {}}),
                          "DESCOPE_TOKEN_MISSING", ErrorCategory::Input));
    const auto broken = buildDescopeRequest(p, DescopeCall{"POST", "v1/auth/refresh", std::nullopt, Bearer::refreshJwt("eyJsecret\r\nX: y"), {}});
    ASSERT_TRUE(failsWith(broken, "DESCOPE_TOKEN_MALFORMED", ErrorCategory::Input));
    EXPECT_EQ(broken.error().message.find("eyJsecret"), std::string::npos);
}

TEST(DescopeResponseTest, SuccessIsAJsonObject)
{
    auto ok = processDescopeJson(answer(200, QByteArray(R"({"maskedEmail":"a***@example.com","unknown":[1,2]})")));
    ASSERT_TRUE(succeeds(ok));
    EXPECT_EQ((*ok)["maskedEmail"], "a***@example.com");
    auto empty = processDescopeJson(answer(200, QByteArray()));
    ASSERT_TRUE(succeeds(empty));
    EXPECT_TRUE(empty->is_object());
}

struct UnusableRow {
    const char *name;
    int status;
    QByteArray body;
    net::HeaderList headers;
    const char *code;
};

OIDCPLAY_PRINT_ROW_BY_NAME(UnusableRow)

class DescopeUnusableAnswer : public ::testing::TestWithParam<UnusableRow> {};

TEST_P(DescopeUnusableAnswer, IsADescopeErrorThatQuotesNothing)
{
    const auto &row = GetParam();
    const auto result = processDescopeJson(answer(row.status, row.body, row.headers));
    ASSERT_TRUE(failsWith(result, row.code, ErrorCategory::Descope));
    EXPECT_EQ(result.error().httpStatus, row.status);
    EXPECT_EQ(result.error().summary().find("eyJhbGciOiJSUzI1NiJ9"), std::string::npos) << result.error().summary();
}

INSTANTIATE_TEST_SUITE_P(
    Rows, DescopeUnusableAnswer,
    ::testing::Values(
        UnusableRow{"descope_error_body_1_4", 401, R"({"errorCode":"E061102","errorDescription":"Wrong code"})", {}, "E061102"},
        UnusableRow{"html_from_a_proxy", 502, "<html>Bad gateway eyJhbGciOiJSUzI1NiJ9.x.y</html>", {}, "DESCOPE_ERROR_NOT_JSON"},
        UnusableRow{"bare_429_without_body", 429, "", {{"Retry-After", "3"}}, "DESCOPE_ERROR_NOT_JSON"},
        UnusableRow{"redirect_T9", 307, "", {{"Location", "https://evil.example/?token=eyJhbGciOiJSUzI1NiJ9.x.y"}}, "DESCOPE_REDIRECT"},
        UnusableRow{"truncated_json", 200, R"({"sessionJwt":"eyJhbGciOiJSUzI1NiJ9.x)", {}, "DESCOPE_ANSWER_NOT_JSON"},
        UnusableRow{"not_an_object", 200, R"(["eyJhbGciOiJSUzI1NiJ9"])", {}, "DESCOPE_ANSWER_NOT_OBJECT"}),
    oidc::test::RowName());

TEST(DescopeResponseTest, TransportFailuresWithAnAnswerAreDescopeErrors)
{
    const auto sorted = [](const char *code) {
        Error error = makeError(ErrorCategory::Net, code, "what the transport said");
        error.httpStatus = 200;
        return descopeTransportError(error);
    };
    EXPECT_EQ(sorted("NET_BODY_TOO_LARGE").code, "DESCOPE_ANSWER_TOO_LARGE");
    EXPECT_EQ(sorted("NET_BODY_TOO_LARGE").category, ErrorCategory::Descope);
    EXPECT_EQ(sorted("NET_BODY_TOO_LARGE").httpStatus, 200);
    EXPECT_EQ(sorted("NET_TRUNCATED").code, "DESCOPE_ANSWER_TRUNCATED");
    EXPECT_EQ(sorted("NET_REDIRECT_REFUSED").code, "DESCOPE_REDIRECT");
    EXPECT_EQ(sorted("NET_CONNECTION_REFUSED").category, ErrorCategory::Net);
    EXPECT_EQ(sorted("NET_TIMEOUT").code, "NET_TIMEOUT");
}

} // namespace
} // namespace oidc::descope
