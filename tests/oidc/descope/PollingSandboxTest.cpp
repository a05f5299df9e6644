// Polling the sandbox's pending session (descope-api.md §5; rp-checks P1–P6) with its fault
// injector: a 429 in the middle (Retry-After honoured), a 5xx in the middle, the deadline, cancel,
// and the minimum interval every user gets.

#include "SandboxClientTest.h"
#include "PollerTestHook.h"

#include "sandbox/FaultInjector.h"

namespace oidc::descope {
namespace {

using test::kBob;
using oidc::test::failsWith;
using oidc::test::succeeds;

constexpr const char *kPendingPath = "/v1/auth/enchantedlink/pending-session";

class PollingSandbox : public test::SandboxClientTest {
protected:
    EnchantedLinkStarted start()
    {
        PasswordlessStart start;
        start.loginId = kBob;
        auto started = client().startEnchantedLink(start);
        EXPECT_TRUE(succeeds(started));
        return started ? *started : EnchantedLinkStarted{};
    }
    void click(const EnchantedLinkStarted &started)
    {
        (void)client().client().verifyEnchantedLink(linkToken(enchantedLink(kBob, started.linkId)).value(), [](Status status) {
            EXPECT_TRUE(status.ok()) << status.error().summary();
        });
    }
    static sandbox::Fault fault(sandbox::FaultKind kind, int status = 503)
    {
        sandbox::Fault fault;
        fault.kind = kind;
        fault.path = kPendingPath;
        fault.remaining = 1;
        fault.status = status;
        fault.retryAfterSeconds = 1;
        return fault;
    }
};

TEST_F(PollingSandbox, RateLimitedInTheMiddleHonoursRetryAfter_P2)
{
    PollerTestHook::setMinimumInterval(client(), 1);
    const auto started = start();
    const auto polled = client().pollEnchantedLink(started.pendingRef, PollSettings{50, 20000, {"E062503"}}, [&](const PollRecord &record) {
        if (record.number == 1)
            addFault(fault(sandbox::FaultKind::RateLimit));
        if (record.number == 2)
            click(started);
    });
    ASSERT_TRUE(polled.session.ok()) << polled.session.result.error().summary();
    ASSERT_EQ(polled.polls.size(), 3u);
    EXPECT_EQ(polled.polls[0].decision, PollDecision::Pending);
    EXPECT_EQ(polled.polls[1].decision, PollDecision::RateLimited);
    EXPECT_EQ(polled.polls[1].status, 429);
    EXPECT_EQ(polled.polls[1].code, "E130429");
    EXPECT_EQ(polled.polls[1].nextDelayMs, 1000);
    EXPECT_GE(polled.polls[2].sentAtMs - polled.polls[1].sentAtMs, 1000); // Retry-After: 1, not the 50 ms interval
    EXPECT_EQ(polled.polls[2].decision, PollDecision::Done);
}

TEST_F(PollingSandbox, ServerErrorInTheMiddleIsTransient_P4)
{
    PollerTestHook::setMinimumInterval(client(), 1);
    const auto started = start();
    const auto polled = client().pollEnchantedLink(started.pendingRef, PollSettings{50, 20000, {"E062503"}}, [&](const PollRecord &record) {
        if (record.number == 1)
            addFault(fault(sandbox::FaultKind::ServerError, 502));
        if (record.number == 2)
            click(started);
    });
    ASSERT_TRUE(polled.session.ok()) << polled.session.result.error().summary();
    ASSERT_EQ(polled.polls.size(), 3u);
    EXPECT_EQ(polled.polls[1].decision, PollDecision::Transient);
    EXPECT_EQ(polled.polls[1].status, 502);
    EXPECT_EQ(polled.polls[1].code, "DESCOPE_ERROR_NOT_JSON");
    EXPECT_EQ(polled.polls[2].decision, PollDecision::Done);
    EXPECT_EQ(polled.session.result->userId, test::kBobId);
}

TEST_F(PollingSandbox, DeadlineEndsPolling_P5)
{
    PollerTestHook::setMinimumInterval(client(), 1);
    const auto started = start();
    const auto polled = client().pollEnchantedLink(started.pendingRef, PollSettings{50, 800, {"E062503"}});
    ASSERT_TRUE(failsWith(polled.session.result, "POLL_TIMEOUT", ErrorCategory::Poll));
    EXPECT_GE(polled.polls.size(), 2u);
    EXPECT_LE(polled.polls.size(), 16u); // one every 50 ms at most
    // Every poll is pending, except that the last one's request timeout is cut to the time left
    // (Poller::poll): on a slow machine it may end unanswered just before the deadline (transient).
    for (size_t i = 0; i + 1 < polled.polls.size(); ++i)
        EXPECT_EQ(polled.polls[i].decision, PollDecision::Pending) << "poll " << i + 1;
    const PollDecision last = polled.polls.back().decision;
    EXPECT_TRUE(last == PollDecision::Pending || last == PollDecision::Transient) << pollDecisionName(last);
    EXPECT_FALSE(client().client().session().has_value());
}

TEST_F(PollingSandbox, CancelAtAnyMoment_P6)
{
    PollerTestHook::setMinimumInterval(client(), 1);
    const auto started = start();
    const auto polled = client().pollEnchantedLink(started.pendingRef, PollSettings{50, 20000, {"E062503"}}, [&](const PollRecord &record) {
        if (record.number == 2)
            client().cancel();
    });
    ASSERT_TRUE(failsWith(polled.session.result, "POLL_CANCELLED", ErrorCategory::Poll));
    EXPECT_EQ(polled.polls.size(), 2u);
}

TEST_F(PollingSandbox, MinimumIntervalForUsers_P1)
{
    const auto started = start(); // no test hook: the 1 s minimum holds
    const auto polled = client().pollEnchantedLink(started.pendingRef, PollSettings{200, 2500, {"E062503"}});
    ASSERT_EQ(polled.warnings.size(), 1u);
    EXPECT_EQ(polled.warnings[0], "polling interval 200 ms raised to the minimum of 1000 ms");
    EXPECT_TRUE(failsWith(polled.session.result, "POLL_TIMEOUT", ErrorCategory::Poll));
    // At 1 s and, unless the machine is slow, 2 s: never every 200 ms (that would be 12 polls).
    ASSERT_GE(polled.polls.size(), 1u);
    ASSERT_LE(polled.polls.size(), 2u);
    EXPECT_GE(polled.polls[0].sentAtMs, 1000);
    if (polled.polls.size() == 2) {
        EXPECT_GE(polled.polls[1].sentAtMs - polled.polls[0].sentAtMs, 1000);
    }
}

} // namespace
} // namespace oidc::descope
