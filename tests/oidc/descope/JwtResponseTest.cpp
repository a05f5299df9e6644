// The JWT response (descope-api.md §3): tokens in the body or only as cookies, custom cookie
// names, unknown members ignored, typed members checked, and no token in any error.

#include "DescopeTestSupport.h"

#include "oidc/descope/JwtResponse.h"

namespace oidc::descope {
namespace {

using oidc::test::failsWith;
using oidc::test::succeeds;
using test::answer;
using test::answerJson;

TEST(JwtResponseTest, TokensInTheBodyAndExtraMembersIgnored)
{
    const Json body = {{"sessionJwt", "eyJs.a.b"}, {"refreshJwt", "eyJr.a.b"}, {"firstSeen", true}, {"sessionExpiration", 1700000300},
                       {"cookieExpiration", 1700001800}, {"somethingNew", {{"x", 1}}}, {"idpResponse", nullptr},
                       {"user", {{"userId", "U1"}, {"loginIds", {"a@example.com"}}, {"TOTP", false}, {"future", "field"}}}};
    auto parsed = processJwtResponse(answerJson(200, body));
    ASSERT_TRUE(succeeds(parsed));
    EXPECT_EQ(parsed->sessionJwt, "eyJs.a.b");
    EXPECT_EQ(parsed->sessionSource, TokenSource::Body);
    EXPECT_EQ(parsed->refreshJwt, "eyJr.a.b");
    EXPECT_TRUE(parsed->firstSeen);
    EXPECT_EQ(parsed->sessionExpiration, 1700000300);
    ASSERT_TRUE(parsed->user.has_value());
    EXPECT_EQ(parsed->user->userId, "U1");
    EXPECT_EQ(parsed->user->raw["future"], "field");
}

TEST(JwtResponseTest, CookieOnlyAnswer_2_1)
{
    // Qt joins repeated Set-Cookie headers with a newline; a second header may come separately.
    const net::HeaderList headers = {
        {"Content-Type", "application/json"},
        {"Set-Cookie", "DS=eyJs.c.d; Path=/; HttpOnly; Secure\nOther=1; Path=/"},
        {"set-cookie", "DSR=eyJr.c.d; Path=/; Max-Age=1800; HttpOnly"},
    };
    auto parsed = processJwtResponse(answer(200, R"({"sessionJwt":"","cookiePath":"/"})", headers));
    ASSERT_TRUE(succeeds(parsed));
    EXPECT_EQ(parsed->sessionJwt, "eyJs.c.d");
    EXPECT_EQ(parsed->sessionSource, TokenSource::Cookie);
    EXPECT_EQ(parsed->refreshJwt, "eyJr.c.d");
    EXPECT_EQ(parsed->refreshSource, TokenSource::Cookie);
}

TEST(JwtResponseTest, CustomCookieNamesAndClearedCookies)
{
    const net::HeaderList headers = {{"Set-Cookie", "MYS=eyJs.e.f; Path=/\nMYR=eyJr.e.f; Path=/\nDS=ignored"}};
    auto parsed = processJwtResponse(answer(200, R"({"sessionCookieName":"MYS","cookieName":"MYR"})", headers));
    ASSERT_TRUE(succeeds(parsed));
    EXPECT_EQ(parsed->sessionJwt, "eyJs.e.f");
    EXPECT_EQ(parsed->refreshJwt, "eyJr.e.f");
    // Logout clears the cookies: an empty value is no token.
    auto cleared = processJwtResponse(answer(200, R"({"sessionJwt":"","refreshJwt":""})", {{"Set-Cookie", "DS=; Max-Age=0\nDSR=; Max-Age=0"}}));
    ASSERT_TRUE(succeeds(cleared));
    EXPECT_EQ(cleared->sessionSource, TokenSource::Absent);
    EXPECT_TRUE(cleared->refreshJwt.empty());
}

TEST(JwtResponseTest, WrongTypesAreRefusedWithoutTheirValues)
{
    const auto wrong = processJwtResponse(answer(200, R"({"sessionJwt":["eyJhbGciOiJSUzI1NiJ9.secret"]})"));
    ASSERT_TRUE(failsWith(wrong, "DESCOPE_FIELD_TYPE", ErrorCategory::Descope));
    EXPECT_EQ(wrong.error().summary().find("eyJhbGci"), std::string::npos);
    EXPECT_TRUE(failsWith(processJwtResponse(answer(200, R"({"firstSeen":"yes"})")), "DESCOPE_FIELD_TYPE", ErrorCategory::Descope));
    EXPECT_TRUE(failsWith(processJwtResponse(answer(200, R"({"user":{"loginIds":[]}})")), "DESCOPE_FIELD_MISSING", ErrorCategory::Descope));
    EXPECT_TRUE(failsWith(processJwtResponse(answer(200, R"({"user":[]})")), "DESCOPE_USER_SHAPE", ErrorCategory::Descope));
    EXPECT_TRUE(failsWith(processJwtResponse(answer(401, R"({"errorCode":"E061102"})")), "E061102", ErrorCategory::Descope));
}

} // namespace
} // namespace oidc::descope
