// DescopeClient over a fake transport: the session is kept only after its checks (keys fetched
// once and cached, one refetch on an unknown kid), the earlier session survives a failure,
// refresh keeps an unrotated refresh JWT, logout forgets the session, and cancel reaches every stage.

#include "DescopeTestSupport.h"
#include "PollerTestHook.h"

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/descope/DescopeClient.h"

#include "tests/oidc/flow/FakeTransport.h"
#include "tests/support/EventLoop.h"

#include <QDateTime>
#include <QSemaphore>
#include <QThreadPool>

namespace oidc::descope {
namespace {

using oidc::test::failsWith;
using oidc::test::spin;
using oidc::test::spinUntil;
using oidc::test::succeeds;

// Every thread of Qt's global pool busy until release() (or the holder's end): work handed to the
// pool waits, work done on the caller's thread does not.
class GlobalPoolHeld final {
public:
    GlobalPoolHeld()
    {
        QThreadPool *pool = QThreadPool::globalInstance();
        m_threads = pool->maxThreadCount();
        for (int i = 0; i < m_threads; ++i)
            pool->start([this] {
                m_started.release();
                m_release.acquire();
            });
        m_started.acquire(m_threads);
    }
    ~GlobalPoolHeld() { release(); }
    GlobalPoolHeld(const GlobalPoolHeld &) = delete;
    GlobalPoolHeld &operator=(const GlobalPoolHeld &) = delete;
    void release()
    {
        if (!m_released)
            m_release.release(m_threads);
        m_released = true;
        QThreadPool::globalInstance()->waitForDone(5000);
    }

private:
    int m_threads = 0;
    bool m_released = false;
    QSemaphore m_started;
    QSemaphore m_release;
};

class ClientOnFake : public ::testing::Test {
protected:
    static int64_t now() { return QDateTime::currentSecsSinceEpoch(); }
    static QByteArray jwks() { return QByteArray::fromStdString(Json{{"keys", Json::array({crypto::publicJwk(test::signingKey())})}}.dump()); }
    static QByteArray jwtResponse(const std::string &kid = {}, bool withRefresh = true)
    {
        Json body = {{"sessionJwt", test::signJwt(test::sessionClaims(now()), kid)}, {"firstSeen", false},
                     {"user", {{"userId", "U2TestUser00000000000000001"}, {"loginIds", {"alice@example.com"}}}}};
        if (withRefresh)
            body["refreshJwt"] = test::signJwt({{"drn", "DSR"}, {"sub", "U2TestUser00000000000000001"}, {"exp", now() + 1800}});
        return QByteArray::fromStdString(body.dump());
    }
    std::string lastPath() const { return m_transport.sent().back()->request.url.path().toStdString(); }
    bool sent(size_t n) { return spinUntil([&] { return m_transport.sent().size() >= n; }); }
    SessionOutcome verifyOtp(const std::vector<std::pair<int, QByteArray>> &answers)
    {
        std::optional<SessionOutcome> outcome;
        (void)m_client.verifyOtp(DeliveryMethod::Email, "alice@example.com", "123456", [&](SessionOutcome o) { outcome.emplace(std::move(o)); });
        for (size_t i = 0; i < answers.size(); ++i) {
            EXPECT_TRUE(sent(m_sentBefore + i + 1));
            m_transport.answer(answers[i].first, answers[i].second);
        }
        EXPECT_TRUE(spinUntil([&] { return outcome.has_value(); }));
        m_sentBefore = m_transport.sent().size();
        return outcome.value_or(SessionOutcome{});
    }

    flowtest::FakeTransport m_transport;
    DescopeClient m_client{m_transport, test::project()};
    size_t m_sentBefore = 0;
};

TEST_F(ClientOnFake, KeepsTheSessionAfterItsChecksAndCachesTheKeys)
{
    int changes = 0;
    QObject::connect(&m_client, &DescopeClient::sessionChanged, [&] { ++changes; });
    const auto first = verifyOtp({{200, jwtResponse()}, {200, jwks()}});
    ASSERT_TRUE(succeeds(first.result));
    EXPECT_EQ(m_transport.sent()[1]->request.url.path().toStdString(), std::string("/v2/keys/") + test::kProjectId);
    ASSERT_TRUE(m_client.session().has_value());
    EXPECT_EQ(m_client.session()->userId, "U2TestUser00000000000000001");
    EXPECT_EQ(changes, 1);
    const auto second = verifyOtp({{200, jwtResponse()}}); // the keys are cached: one request
    ASSERT_TRUE(succeeds(second.result));
    EXPECT_EQ(m_transport.sent().size(), 3u);
}

TEST_F(ClientOnFake, RefetchesTheKeysOnceOnAnUnknownKid_K2)
{
    ASSERT_TRUE(succeeds(verifyOtp({{200, jwtResponse()}, {200, jwks()}}).result));
    const std::string before = m_client.session()->sessionJwt;
    // Signed with a kid the cached set does not have, and the refetched set has not either.
    const auto rotated = verifyOtp({{200, jwtResponse("rotated")}, {200, jwks()}});
    ASSERT_TRUE(failsWith(rotated.result, "KID_UNKNOWN", ErrorCategory::Keys));
    EXPECT_EQ(m_transport.sent().size(), 4u); // verify, keys, verify, one refetch
    EXPECT_FALSE(rotated.untrustedClaims.is_null());
    EXPECT_EQ(m_client.session()->sessionJwt, before); // the earlier session stays
    // Within the cooldown there is no second refetch.
    ASSERT_TRUE(failsWith(verifyOtp({{200, jwtResponse("rotated")}}).result, "KID_UNKNOWN", ErrorCategory::Keys));
    EXPECT_EQ(m_transport.sent().size(), 5u);
}

TEST_F(ClientOnFake, KeysUnavailableIsAKeysOrNetError)
{
    EXPECT_TRUE(failsWith(verifyOtp({{200, jwtResponse()}, {503, "<html>down</html>"}}).result, "JWKS_HTTP_STATUS", ErrorCategory::Keys));
    EXPECT_FALSE(m_client.session().has_value());
}

TEST_F(ClientOnFake, RefusalsAndAnswersWithoutASession)
{
    const auto wrong = verifyOtp({{401, R"({"errorCode":"E061102","errorDescription":"Wrong code"})"}});
    EXPECT_TRUE(failsWith(wrong.result, "E061102", ErrorCategory::Descope));
    EXPECT_TRUE(wrong.checks.empty());
    EXPECT_TRUE(failsWith(verifyOtp({{200, "{}"}}).result, "DESCOPE_NO_SESSION_JWT", ErrorCategory::Descope));
}

TEST_F(ClientOnFake, RefreshKeepsAnUnrotatedRefreshJwt)
{
    std::optional<SessionOutcome> outcome;
    (void)m_client.refresh("eyJold.refresh.jwt", [&](SessionOutcome o) { outcome.emplace(std::move(o)); });
    ASSERT_TRUE(sent(1));
    EXPECT_EQ(m_transport.sent()[0]->request.header("Authorization"), QByteArray("Bearer ") + test::kProjectId + ":eyJold.refresh.jwt");
    m_transport.answer(200, jwtResponse({}, false));
    ASSERT_TRUE(sent(2));
    m_transport.answer(200, jwks());
    ASSERT_TRUE(spinUntil([&] { return outcome.has_value(); }));
    ASSERT_TRUE(succeeds(outcome->result));
    EXPECT_EQ(outcome->result->refreshJwt, "eyJold.refresh.jwt");
    EXPECT_EQ(outcome->result->refreshSource, TokenSource::Previous);
}

TEST_F(ClientOnFake, LogoutForgetsTheKeptSession)
{
    ASSERT_TRUE(succeeds(verifyOtp({{200, jwtResponse()}, {200, jwks()}}).result));
    const std::string refreshJwt = m_client.session()->refreshJwt;
    std::optional<Status> status;
    (void)m_client.logout(refreshJwt, LogoutScope::ThisSession, [&](Status s) { status.emplace(std::move(s)); });
    ASSERT_TRUE(sent(3));
    EXPECT_EQ(lastPath(), "/v1/auth/logout");
    m_transport.answer(200, R"({"sessionJwt":"","refreshJwt":""})");
    ASSERT_TRUE(status.has_value());
    EXPECT_TRUE(status->ok());
    EXPECT_FALSE(m_client.session().has_value());
}

TEST_F(ClientOnFake, CancelReachesTheKeysFetch)
{
    std::optional<SessionOutcome> outcome;
    const auto handle = m_client.verifyOtp(DeliveryMethod::Email, "alice@example.com", "123456", [&](SessionOutcome o) { outcome.emplace(std::move(o)); });
    ASSERT_TRUE(sent(1));
    m_transport.answer(200, jwtResponse());
    ASSERT_TRUE(sent(2)); // the keys request
    handle.cancel();
    ASSERT_TRUE(outcome.has_value());
    EXPECT_TRUE(failsWith(outcome->result, "NET_CANCELLED", ErrorCategory::Net));
    EXPECT_EQ(m_transport.pending(), 0);
    EXPECT_FALSE(m_client.session().has_value());
}

// Importing the project's keys checks each one (an RSA public key check takes milliseconds): done
// on the global pool, never on the client's thread (the GUI thread in the app), and a cancel while
// it runs keeps no keys.
TEST_F(ClientOnFake, TheKeysAreImportedOffTheClientsThread)
{
    std::optional<Result<crypto::JsonWebKeySet>> fetched;
    (void)m_client.fetchKeys([&](Result<crypto::JsonWebKeySet> keys) { fetched.emplace(std::move(keys)); });
    ASSERT_TRUE(sent(1));
    {
        GlobalPoolHeld held;
        m_transport.answer(200, jwks());
        spin(100);
        EXPECT_FALSE(fetched.has_value()); // imported on the client's thread: done already
        EXPECT_FALSE(m_client.keys().has_value());
    }
    ASSERT_TRUE(spinUntil([&] { return fetched.has_value(); }));
    ASSERT_TRUE(succeeds(*fetched));
    EXPECT_EQ((*fetched)->keys.size(), 1u);
    ASSERT_TRUE(m_client.keys().has_value());

    // Cancelled while the keys are imported: the operation ends cancelled, the earlier keys stay.
    const std::string kept = m_client.keys()->keys.front().kid;
    ASSERT_NE(kept, "other");
    fetched.reset();
    std::optional<Result<crypto::JsonWebKeySet>> second;
    const auto handle = m_client.fetchKeys([&](Result<crypto::JsonWebKeySet> keys) { second.emplace(std::move(keys)); });
    ASSERT_TRUE(sent(2));
    {
        GlobalPoolHeld held;
        Json other = Json::parse(jwks().toStdString());
        other["keys"][0]["kid"] = "other";
        m_transport.answer(200, QByteArray::fromStdString(other.dump()));
        handle.cancel();
    }
    spin(100);
    ASSERT_TRUE(second.has_value());
    EXPECT_TRUE(failsWith(*second, "NET_CANCELLED", ErrorCategory::Net));
    ASSERT_TRUE(m_client.keys().has_value());
    EXPECT_EQ(m_client.keys()->keys.front().kid, kept);
}

TEST_F(ClientOnFake, BadInputAnswersAtOnceWithoutARequest)
{
    std::optional<SessionOutcome> outcome;
    (void)m_client.verifyOtp(DeliveryMethod::Email, "", "123456", [&](SessionOutcome o) { outcome.emplace(std::move(o)); });
    ASSERT_TRUE(outcome.has_value());
    EXPECT_TRUE(failsWith(outcome->result, "DESCOPE_LOGIN_ID_MISSING", ErrorCategory::Input));
    EXPECT_TRUE(m_transport.sent().empty());
}

TEST_F(ClientOnFake, PollingKeepsItsRecordsOnCancel)
{
    PollerTestHook::setMinimumInterval(m_client, 1);
    std::optional<PolledSession> polled;
    std::vector<PollRecord> seen;
    const auto handle = m_client.pollEnchantedLink("ref", PollSettings{5, 60000, {"E062503"}}, [&](const PollRecord &r) { seen.push_back(r); },
                                                   [&](PolledSession p) { polled.emplace(std::move(p)); });
    ASSERT_TRUE(sent(1));
    m_transport.answer(401, R"({"errorCode":"E062503"})");
    ASSERT_TRUE(sent(2));
    handle.cancel();
    ASSERT_TRUE(polled.has_value());
    EXPECT_TRUE(failsWith(polled->session.result, "POLL_CANCELLED", ErrorCategory::Poll));
    EXPECT_EQ(polled->polls.size(), 1u);
    EXPECT_EQ(seen.size(), 1u);
}

TEST_F(ClientOnFake, PollingEndsWithTheCheckedSession)
{
    PollerTestHook::setMinimumInterval(m_client, 1);
    std::optional<PolledSession> polled;
    (void)m_client.pollEnchantedLink("ref", PollSettings{5, 60000, {"E062503"}}, {}, [&](PolledSession p) { polled.emplace(std::move(p)); });
    ASSERT_TRUE(sent(1));
    m_transport.answer(200, R"({"sessionJwt":""})");
    ASSERT_TRUE(spinUntil([&] { return polled.has_value(); }));
    EXPECT_TRUE(failsWith(polled->session.result, "POLL_NO_SESSION", ErrorCategory::Poll)); // rp-checks P7
    polled.reset();
    (void)m_client.pollEnchantedLink("ref", PollSettings{5, 60000, {"E062503"}}, {}, [&](PolledSession p) { polled.emplace(std::move(p)); });
    ASSERT_TRUE(sent(2));
    m_transport.answer(200, jwtResponse());
    ASSERT_TRUE(sent(3));
    m_transport.answer(200, jwks());
    ASSERT_TRUE(spinUntil([&] { return polled.has_value(); }));
    ASSERT_TRUE(succeeds(polled->session.result));
    EXPECT_EQ(polled->polls.size(), 1u);
    EXPECT_TRUE(m_client.session().has_value());
}

} // namespace
} // namespace oidc::descope
