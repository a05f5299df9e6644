// Polling (descope-api.md §5, rp-checks P1–P7): each answer classified as data, then the Poller
// over a fake transport — pending then done, 429 with and without Retry-After, 5xx and network
// errors, refusals, the deadline, cancel, and the minimum interval.

#include "DescopeTestSupport.h"
#include "PollerTestHook.h"

#include "oidc/descope/DescopeRequest.h"
#include "tests/oidc/flow/FakeTransport.h"

#include "tests/support/EventLoop.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace oidc::descope {
namespace {

using oidc::test::failsWith;
using oidc::test::spinUntil;
using test::answer;

const QByteArray kPending = R"({"errorCode":"E062503","errorDescription":"Enchanted link is pending"})";
const QByteArray kRateLimited = R"({"errorCode":"E130429","errorDescription":"Rate limit exceeded"})";

PollVerdict classify(int status, const QByteArray &body, net::HeaderList headers = {})
{
    return classifyPoll(answer(status, body, std::move(headers)), PollSettings{}, 1700000000000);
}

TEST(PollClassifyTest, PendingRateLimitedTransientDoneRefused)
{
    const auto pending = classify(401, kPending);
    EXPECT_EQ(pending.decision, PollDecision::Pending);
    EXPECT_EQ(pending.delayMs, 1000);
    EXPECT_EQ(pending.code, "E062503");

    const auto limited = classify(429, kRateLimited, {{"Retry-After", "3"}});
    EXPECT_EQ(limited.decision, PollDecision::RateLimited);
    EXPECT_EQ(limited.delayMs, 3000);
    EXPECT_EQ(classify(429, kRateLimited).delayMs, 1000); // no Retry-After: one interval
    EXPECT_EQ(classify(429, "").decision, PollDecision::RateLimited); // a bare 429 from a proxy
    const QByteArray inFiveSeconds = QDateTime::fromMSecsSinceEpoch(1700000005000, Qt::UTC).toString(Qt::RFC2822Date).toLatin1();
    EXPECT_EQ(classify(429, kRateLimited, {{"Retry-After", inFiveSeconds}}).delayMs, 5000);

    const auto transient = classify(503, "<html>busy</html>");
    EXPECT_EQ(transient.decision, PollDecision::Transient);
    ASSERT_TRUE(transient.error.has_value());
    EXPECT_EQ(transient.error->code, "DESCOPE_ERROR_NOT_JSON");
    EXPECT_EQ(classify(200, R"({"sessionJwt":"x"})").decision, PollDecision::Done);

    const auto other = classify(401, R"({"errorCode":"E011003"})");
    EXPECT_EQ(other.decision, PollDecision::Refused);
    EXPECT_EQ(other.error->code, "E011003");
    EXPECT_EQ(classify(400, R"({"errorCode":"E011003","errorDescription":"unknown pendingRef"})").decision, PollDecision::Refused);
    const auto redirect = classify(302, "", {{"Location", "https://elsewhere.example/"}});
    EXPECT_EQ(redirect.decision, PollDecision::Refused);
    EXPECT_EQ(redirect.error->code, "DESCOPE_REDIRECT");
}

TEST(PollClassifyTest, NoAnswerIsTransientAnUnusableAnswerEndsPolling)
{
    const auto refused = classifyPoll(makeError(ErrorCategory::Net, "NET_CONNECTION_REFUSED", "refused"), PollSettings{}, 0);
    EXPECT_EQ(refused.decision, PollDecision::Transient);
    EXPECT_EQ(refused.code, "NET_CONNECTION_REFUSED");
    EXPECT_EQ(classifyPoll(makeError(ErrorCategory::Net, "NET_TRUNCATED", "cut"), PollSettings{}, 0).decision, PollDecision::Transient);
    const auto huge = classifyPoll(makeError(ErrorCategory::Net, "NET_BODY_TOO_LARGE", "big"), PollSettings{}, 0);
    EXPECT_EQ(huge.decision, PollDecision::Refused);
    EXPECT_EQ(huge.error->code, "DESCOPE_ANSWER_TOO_LARGE");
}

TEST(PollSettingsTest, LimitsOfTheSdks)
{
    const auto raised = normalizePollSettings(PollSettings{200, 5000, {"E062503"}});
    EXPECT_EQ(raised.settings.intervalMs, 1000);
    ASSERT_EQ(raised.warnings.size(), 1u);
    EXPECT_EQ(raised.warnings[0], "polling interval 200 ms raised to the minimum of 1000 ms");
    const auto capped = normalizePollSettings(PollSettings{1500, 20 * 60 * 1000, {"E062503"}});
    EXPECT_EQ(capped.settings.intervalMs, 1500);
    EXPECT_EQ(capped.settings.timeoutMs, kMaxPollTimeoutMs);
    EXPECT_EQ(capped.warnings.size(), 1u);
    EXPECT_TRUE(normalizePollSettings(PollSettings{}).warnings.empty());
}

// A poller on a fake transport: the test answers each poll.
class PollerOnFake : public ::testing::Test {
protected:
    net::HttpRequest request()
    {
        auto built = buildDescopeRequest(test::project(), DescopeCall{"POST", "v1/auth/enchantedlink/pending-session", Json{{"pendingRef", "r"}},
                                                                      Bearer::project(), {}});
        return std::move(built).value();
    }
    // Starts a poller with `intervalMs` (minimum lowered to 1 ms) and `timeoutMs`.
    void startPolling(int intervalMs, int timeoutMs = 60000)
    {
        m_poller = std::make_unique<Poller>(m_transport, request(), PollSettings{intervalMs, timeoutMs, {"E062503"}});
        PollerTestHook::setMinimumInterval(*m_poller, 1);
        m_poller->start([this](const PollRecord &record) { m_seen.push_back(record); },
                        [this](PollOutcome outcome) { m_outcome.emplace(std::move(outcome)); });
    }
    // Waits for poll number `n` to be sent.
    bool sent(size_t n, int timeoutMs = 3000)
    {
        return spinUntil([&] { return m_transport.sent().size() >= n; }, timeoutMs);
    }
    bool finished(int timeoutMs = 3000)
    {
        return spinUntil([&] { return m_outcome.has_value(); }, timeoutMs);
    }

    flowtest::FakeTransport m_transport;
    std::unique_ptr<Poller> m_poller;
    std::vector<PollRecord> m_seen;
    std::optional<PollOutcome> m_outcome;
};

TEST_F(PollerOnFake, PendingThenVerified)
{
    startPolling(20);
    for (size_t i = 1; i <= 3; ++i) {
        ASSERT_TRUE(sent(i));
        m_transport.answer(401, kPending);
    }
    ASSERT_TRUE(sent(4));
    m_transport.answer(200, R"({"sessionJwt":"s"})");
    ASSERT_TRUE(finished());
    ASSERT_TRUE(m_outcome->result.ok());
    ASSERT_EQ(m_outcome->records.size(), 4u);
    EXPECT_EQ(m_seen.size(), 4u);
    EXPECT_EQ(m_outcome->records[0].decision, PollDecision::Pending);
    EXPECT_EQ(m_outcome->records[0].status, 401);
    EXPECT_EQ(m_outcome->records[3].decision, PollDecision::Done);
    EXPECT_EQ(m_outcome->records[3].number, 4);
    EXPECT_GE(m_outcome->records[0].sentAtMs, 20); // the first poll waits one interval
    EXPECT_GE(m_outcome->records[1].sentAtMs - m_outcome->records[0].sentAtMs, 20);
}

TEST_F(PollerOnFake, RateLimitedWaitsRetryAfterThenGoesOn)
{
    startPolling(10);
    ASSERT_TRUE(sent(1));
    QElapsedTimer sinceAnswer;
    sinceAnswer.start();
    m_transport.answer(429, kRateLimited, {{"Retry-After", "1"}});
    ASSERT_TRUE(sent(2, 3000));
    // Not before Retry-After (1 s; a coarse timer may fire 5 % early). Measured, not raced: under
    // load one turn of the event loop can outlast a shorter wait.
    EXPECT_GE(sinceAnswer.elapsed(), 900);
    m_transport.answer(200, "{}");
    ASSERT_TRUE(finished());
    EXPECT_TRUE(m_outcome->result.ok());
    EXPECT_EQ(m_outcome->records[0].decision, PollDecision::RateLimited);
    EXPECT_EQ(m_outcome->records[0].nextDelayMs, 1000);
    EXPECT_GE(m_outcome->records[1].sentAtMs - m_outcome->records[0].sentAtMs, 1000);
}

TEST_F(PollerOnFake, TransientFailuresKeepPollingUntilTheDeadline)
{
    startPolling(20, 1500);
    ASSERT_TRUE(sent(1));
    m_transport.answer(502, "<html>Bad gateway</html>");
    ASSERT_TRUE(sent(2));
    m_transport.answer(401, kPending);
    ASSERT_TRUE(sent(3));
    m_transport.answer(503, "");
    ASSERT_TRUE(finished(5000));
    ASSERT_TRUE(failsWith(m_outcome->result, "POLL_TIMEOUT", ErrorCategory::Poll));
    // rp-checks P4: the deadline names the last failure.
    EXPECT_EQ(m_outcome->result.error().actual, "DESCOPE_ERROR_NOT_JSON");
    EXPECT_GE(m_outcome->records.size(), 3u);
    EXPECT_EQ(m_outcome->records[0].decision, PollDecision::Transient);
    EXPECT_EQ(m_transport.pending(), 0); // the poll in flight at the deadline was aborted
}

TEST_F(PollerOnFake, AnotherRefusalEndsPollingWithItsError)
{
    startPolling(10);
    ASSERT_TRUE(sent(1));
    m_transport.answer(400, R"({"errorCode":"E011003","errorDescription":"unknown pendingRef"})");
    ASSERT_TRUE(finished());
    EXPECT_TRUE(failsWith(m_outcome->result, "E011003", ErrorCategory::Descope));
    EXPECT_EQ(m_outcome->records.back().decision, PollDecision::Refused);
    EXPECT_FALSE(sent(2, 100));
}

TEST_F(PollerOnFake, CancelAtAnyMoment)
{
    startPolling(10);
    ASSERT_TRUE(sent(1));
    m_poller->cancel(); // with a poll in flight
    ASSERT_TRUE(m_outcome.has_value()); // answered before cancel() returned
    EXPECT_TRUE(failsWith(m_outcome->result, "POLL_CANCELLED", ErrorCategory::Poll));
    EXPECT_EQ(m_transport.pending(), 0);
    m_poller->cancel(); // twice: nothing more
    EXPECT_FALSE(sent(2, 100));
}

TEST_F(PollerOnFake, CancelFromTheObserver)
{
    Poller poller(m_transport, request(), PollSettings{10, 60000, {"E062503"}});
    PollerTestHook::setMinimumInterval(poller, 1);
    std::optional<PollOutcome> outcome;
    poller.start([&](const PollRecord &) { poller.cancel(); }, [&](PollOutcome polled) { outcome.emplace(std::move(polled)); });
    ASSERT_TRUE(sent(1));
    m_transport.answer(401, kPending);
    ASSERT_TRUE(outcome.has_value());
    EXPECT_TRUE(failsWith(outcome->result, "POLL_CANCELLED", ErrorCategory::Poll));
    EXPECT_EQ(outcome->records.size(), 1u);
    EXPECT_FALSE(sent(2, 100));
}

TEST_F(PollerOnFake, CancelBetweenPolls)
{
    startPolling(10);
    ASSERT_TRUE(sent(1));
    m_transport.answer(401, kPending);
    m_poller->cancel(); // waiting for the next poll
    EXPECT_TRUE(failsWith(m_outcome->result, "POLL_CANCELLED", ErrorCategory::Poll));
    EXPECT_EQ(m_outcome->records.size(), 1u);
    EXPECT_FALSE(sent(2, 100));
}

TEST_F(PollerOnFake, MinimumIntervalForEveryone)
{
    Poller poller(m_transport, request(), PollSettings{200, 60000, {"E062503"}});
    EXPECT_EQ(poller.settings().intervalMs, 1000);
    ASSERT_EQ(poller.warnings().size(), 1u);
    std::optional<PollOutcome> outcome;
    poller.start({}, [&](PollOutcome polled) { outcome.emplace(std::move(polled)); });
    EXPECT_FALSE(sent(1, 800)); // not at 200 ms
    ASSERT_TRUE(sent(1, 1000));
    poller.cancel();
    EXPECT_TRUE(outcome.has_value());
}

} // namespace
} // namespace oidc::descope
