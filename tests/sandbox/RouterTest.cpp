// sandbox::Router: patterns, captures, precedence, 405; reply::htmlEscape and htmlUnescape.

#include "sandbox/FaultInjector.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxRequest.h"

#include <gtest/gtest.h>

using sandbox::Router;
using sandbox::SandboxRequest;

namespace {

Router makeRouter()
{
    Router router;
    const auto ok = [](const SandboxRequest &) { return oidc::net::LocalHttpResponse::text(200, "ok"); };
    router.add("POST", "/v1/auth/otp/{op}/{method}", ok);
    router.add("POST", "/v1/auth/otp/verify/{method}", ok);
    router.add("GET", "/{projectId}/.well-known/jwks.json", ok);
    router.add("GET,POST", "/oauth2/v1/authorize", ok);
    router.add("DELETE", "/sandbox/faults/{id}", ok);
    router.add("POST", "/sandbox/faults/clear", ok);
    router.add("GET", "/", ok);
    return router;
}

} // namespace

TEST(Router, MoreLiteralSegmentsWin)
{
    const Router router = makeRouter();
    const auto verify = router.match("POST", "/v1/auth/otp/verify/email");
    ASSERT_NE(verify.route, nullptr);
    EXPECT_EQ(verify.route->pattern, "/v1/auth/otp/verify/{method}");
    const auto signin = router.match("POST", "/v1/auth/otp/signin/sms");
    ASSERT_NE(signin.route, nullptr);
    EXPECT_EQ(signin.route->pattern, "/v1/auth/otp/{op}/{method}");
    ASSERT_EQ(signin.params.size(), 2);
    EXPECT_EQ(signin.params[0].name, "op");
    EXPECT_EQ(signin.params[0].value, "signin");
}

TEST(Router, CapturesArePercentDecoded)
{
    const Router router = makeRouter();
    const auto match = router.match("GET", "/P2%41bc/.well-known/jwks.json");
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(match.params[0].value, "P2Abc");
}

TEST(Router, WrongMethodGives405WithAllow)
{
    const Router router = makeRouter();
    const auto match = router.match("PUT", "/oauth2/v1/authorize");
    EXPECT_EQ(match.route, nullptr);
    EXPECT_EQ(match.allow, "GET, POST, HEAD");
    const auto clear = router.match("GET", "/sandbox/faults/clear");
    EXPECT_EQ(clear.route, nullptr);
    EXPECT_FALSE(clear.allow.isEmpty());
}

TEST(Router, HeadIsServedByGet)
{
    const Router router = makeRouter();
    EXPECT_NE(router.match("HEAD", "/").route, nullptr);
}

TEST(Router, UnknownAndNearMissPathsDoNotMatch)
{
    const Router router = makeRouter();
    for (const char *path : {"/oauth2/v1/authorize/", "/oauth2/v1", "/v1/auth/otp/signin", "//.well-known/jwks.json", "relative", "/x/y/z/w/v"}) {
        const auto match = router.match("GET", path);
        EXPECT_EQ(match.route, nullptr) << path;
        EXPECT_TRUE(match.allow.isEmpty()) << path;
    }
}

TEST(PathFilter, ExactPatternAndPrefix)
{
    using sandbox::pathFilterMatches;
    EXPECT_TRUE(pathFilterMatches("", "/anything", "/anything"));
    EXPECT_TRUE(pathFilterMatches("/oauth2/v1/token", "/oauth2/v1/token", "/oauth2/v1/token"));
    EXPECT_TRUE(pathFilterMatches("/v1/auth/otp/{op}/{method}", "/v1/auth/otp/signin/sms", "/v1/auth/otp/{op}/{method}"));
    EXPECT_TRUE(pathFilterMatches("/v1/auth/otp/signin/{m}", "/v1/auth/otp/signin/sms", "/v1/auth/otp/{op}/{method}"));
    EXPECT_FALSE(pathFilterMatches("/v1/auth/otp/signin/{m}", "/v1/auth/otp/signup/sms", "/v1/auth/otp/{op}/{method}"));
    EXPECT_FALSE(pathFilterMatches("/v1/auth/otp/signin/{m}", "/v1/auth/otp/signin/sms/x", "/x"));
    EXPECT_FALSE(pathFilterMatches("/v1/auth/otp/signin/{m}", "/v1/auth/otp/signin", "/x"));
    EXPECT_TRUE(pathFilterMatches("/api/*", "/api/user", "/api/user"));
    EXPECT_FALSE(pathFilterMatches("/api/*", "/apix", "/apix"));
    EXPECT_FALSE(pathFilterMatches("/oauth2/v1/token", "/oauth2/v1/revoke", "/oauth2/v1/revoke"));
}

TEST(HtmlReferences, UnescapeReversesEscape)
{
    const std::string text = "<a href=\"x?a=1&b='2'\">&amp;</a>";
    EXPECT_EQ(sandbox::reply::htmlUnescape(sandbox::reply::htmlEscape(text)), text);
}

TEST(HtmlReferences, UnescapeIsOnePass)
{
    EXPECT_EQ(sandbox::reply::htmlUnescape("&amp;lt;"), "&lt;");
    EXPECT_EQ(sandbox::reply::htmlUnescape("&#x27;&apos;&#39;"), "'''");
    EXPECT_EQ(sandbox::reply::htmlUnescape("&copy; & &amp"), "&copy; & &amp"); // unknown or unterminated: as it is
}
