// Rate limiting per endpoint (descope-api.md §1.4): 429, E130429, Retry-After in seconds.

#include "SandboxTestSupport.h"

#include "sandbox/RateLimiter.h"

#include <QTemporaryFile>

using namespace sandbox::test;

class RateLimits : public SandboxTest {};

TEST_F(RateLimits, AdminApiRuleLimitsOneEndpoint)
{
    const Response set = postJson("/sandbox/ratelimits", {{"endpoint", "/v1/auth/otp/signin/{method}"}, {"limit", 2}, {"windowSeconds", 60}});
    ASSERT_EQ(set.status, 200) << set.text();
    EXPECT_EQ(set.json()["rules"].size(), 1u);
    EXPECT_EQ(descope("/v1/auth/otp/signin/email", {{"loginId", "alice@example.com"}}).status, 200);
    EXPECT_EQ(descope("/v1/auth/otp/signin/sms", {{"loginId", "alice@example.com"}}).status, 200);
    const Response limited = descope("/v1/auth/otp/signin/email", {{"loginId", "alice@example.com"}});
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.json()["errorCode"], "E130429");
    bool ok = false;
    const int retryAfter = limited.header("retry-after").toInt(&ok);
    EXPECT_TRUE(ok);
    EXPECT_GE(retryAfter, 1);
    EXPECT_LE(retryAfter, 60);
    // Other endpoints are not limited.
    EXPECT_EQ(descope("/v1/auth/magiclink/signin/email", {{"loginId", "alice@example.com"}}).status, 200);
    EXPECT_EQ(send("DELETE", "/sandbox/ratelimits", {}, {}).json()["rules"].size(), 0u);
    EXPECT_EQ(descope("/v1/auth/otp/signin/email", {{"loginId", "alice@example.com"}}).status, 200);
}

TEST_F(RateLimits, InvalidRulesAreRefused)
{
    EXPECT_EQ(postJson("/sandbox/ratelimits", {{"limit", 2}}).status, 400);
    EXPECT_EQ(postJson("/sandbox/ratelimits", {{"endpoint", "/x"}, {"limit", -1}}).status, 400);
}

TEST_F(RateLimits, WindowsReset)
{
    sandbox::RateLimiter limiter;
    limiter.addRule({"/token", 1, 2});
    EXPECT_FALSE(limiter.check("/token", "/token", 0).has_value());
    const auto limited = limiter.check("/token", "/token", 500);
    ASSERT_TRUE(limited.has_value());
    EXPECT_EQ(*limited, 2); // 1.5 s left, rounded up
    EXPECT_FALSE(limiter.check("/other", "/other", 600).has_value());
    EXPECT_FALSE(limiter.check("/token", "/token", 2000).has_value());
}

TEST(RateLimitFixtures, RulesComeFromTheFixturesFile)
{
    QTemporaryFile file;
    ASSERT_TRUE(file.open());
    file.write(R"({"projectId":"P2SandboxOidcPlayground00001","clients":[{"clientId":"P2SandboxOidcPlayground00001"}],
                   "rateLimits":[{"endpoint":"/oauth2/v1/*","limit":1,"windowSeconds":30}]})");
    file.flush();
    sandbox::SandboxOptions options;
    options.fixturesPath = file.fileName();
    sandbox::SandboxServer server(options);
    ASSERT_TRUE(server.start(0).ok());
    const quint16 port = server.baseUrl().port();
    EXPECT_EQ(rawExchange(port, "GET", "/oauth2/v1/userinfo")->status, 401);
    const auto limited = rawExchange(port, "GET", "/oauth2/v1/userinfo");
    ASSERT_TRUE(limited);
    EXPECT_EQ(limited->status, 429);
    EXPECT_FALSE(limited->header("retry-after").isEmpty());
    EXPECT_EQ(rawExchange(port, "GET", "/sandbox/ping")->status, 200); // admin routes are not limited
}
