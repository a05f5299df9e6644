// FlowSession, the core as the GUI and the CLI drive it, against a fake transport: which
// callbacks and redirects it accepts, what each operation reports (once, through its callback),
// how its requests are tagged, and what a cancel reaches. The same session against a real
// provider is FlowSessionProviderTest.

#include "FakeTransport.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/flow/FlowSession.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QTest>
#include <QUrlQuery>

namespace {

using namespace oidc;
using namespace oidc::flow;

// A provider typed by hand (no discovery request) that promises RFC 9207 iss.
ProviderSettings manualProvider()
{
    ProviderSettings provider;
    provider.kind = ProviderSettings::Kind::Manual;
    provider.manual.issuer = QStringLiteral("https://op.example");
    provider.manual.authorizationEndpoint = QUrl(QStringLiteral("https://op.example/authorize"));
    provider.manual.tokenEndpoint = QUrl(QStringLiteral("https://op.example/token"));
    provider.manual.jwksUri = QUrl(QStringLiteral("https://op.example/jwks"));
    provider.manual.endSessionEndpoint = QUrl(QStringLiteral("https://op.example/logout"));
    provider.manual.authorizationResponseIssParameterSupported = true;
    return provider;
}

std::vector<FlowStep> stepsOf(const std::vector<StepReport> &reports)
{
    std::vector<FlowStep> steps;
    for (const auto &report : reports)
        steps.push_back(report.step);
    return steps;
}

QByteArray jwks(std::initializer_list<const crypto::JsonWebKey *> keys)
{
    Json set = {{"keys", Json::array()}};
    for (const auto *key : keys)
        set["keys"].push_back(crypto::publicJwk(*key));
    return QByteArray::fromStdString(set.dump());
}

// An ID token for client "client" with nonce n1, issued now, signed with `key`.
std::string idToken(const crypto::JsonWebKey &key)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const Json claims = {{"iss", "https://op.example"}, {"sub", "u1"}, {"aud", "client"}, {"iat", now}, {"exp", now + 300}, {"nonce", "n1"}};
    const std::string input = crypto::base64UrlEncode(Json({{"alg", "RS256"}, {"kid", key.kid}}).dump()) + "." + crypto::base64UrlEncode(claims.dump());
    return input + "." + crypto::base64UrlEncode(crypto::signWithKey(crypto::JwsAlgorithm::RS256, key.key.get(), input).value());
}

// Records every outcome an operation delivers (it must deliver exactly one).
template <typename T>
struct Outcomes final {
    std::vector<StepOutcome<T>> delivered;
    FlowSession::Callback<T> callback()
    {
        return [this](StepOutcome<T> outcome) { delivered.push_back(std::move(outcome)); };
    }
};

class FlowSessionTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        session.setProvider(manualProvider());
        session.setClient({QStringLiteral("client"), {}, ClientAuthMethod::None});
        Outcomes<ProviderMetadata> discovered;
        (void)session.discover(discovered.callback());
        ASSERT_EQ(discovered.delivered.size(), 1u);
        ASSERT_TRUE(discovered.delivered.front().result.ok());
    }

    // Steps 2–4 with fixed values: the request is pending with state s1 and nonce n1.
    void beginLogin()
    {
        AuthorizationRequest request = session.defaultAuthorizationRequest(QStringLiteral("http://127.0.0.1:5555/callback"), QStringLiteral("openid"));
        request.state = QStringLiteral("s1");
        request.nonce = QStringLiteral("n1");
        ASSERT_TRUE(session.beginAuthorization(request).result.ok());
    }

    static QUrl callback(const QString &query)
    {
        return QUrl(QStringLiteral("http://127.0.0.1:5555/callback?") + query);
    }

    flowtest::FakeTransport transport;
    FlowSession session{transport};
};

// Issue 14, defect 2: the first accepted callback consumes the request; a second one with the same
// state (pasted, or delivered by the embedded browser) is refused, before and after the token
// step started, and its code never reaches the token endpoint.
TEST_F(FlowSessionTest, Defect2_SpentAuthorizationRequestCannotBeRedeemedAgain)
{
    beginLogin();
    ASSERT_TRUE(session.acceptCallback(callback(QStringLiteral("code=first&state=s1&iss=https%3A%2F%2Fop.example"))).result.ok());
    const auto beforeExchange = session.acceptCallback(callback(QStringLiteral("code=second&state=s1&iss=https%3A%2F%2Fop.example"))).result;
    ASSERT_FALSE(beforeExchange.ok());
    EXPECT_EQ(beforeExchange.error().code, "AUTHZ_ALREADY_COMPLETED");

    Outcomes<TokenSession> exchanged;
    (void)session.exchangeCode(exchanged.callback());
    ASSERT_EQ(transport.pending(), 1);
    EXPECT_TRUE(transport.sent().front()->request.body.contains("code=first"));

    // The token step has started: the request is spent all the same.
    const auto duringExchange = session.acceptCallback(callback(QStringLiteral("code=second&state=s1&iss=https%3A%2F%2Fop.example"))).result;
    ASSERT_FALSE(duringExchange.ok()) << "a second callback was accepted while the first code was being exchanged";
    EXPECT_EQ(duringExchange.error().code, "AUTHZ_ALREADY_COMPLETED");
    EXPECT_EQ(duringExchange.error().category, ErrorCategory::Authz);

    transport.answer(400, R"({"error":"invalid_grant"})");
    ASSERT_EQ(exchanged.delivered.size(), 1u);
    EXPECT_EQ(exchanged.delivered.front().result.error().code, "TOKEN_PROVIDER_ERROR");
    const auto afterExchange = session.acceptCallback(callback(QStringLiteral("code=second&state=s1&iss=https%3A%2F%2Fop.example"))).result;
    ASSERT_FALSE(afterExchange.ok());
    EXPECT_EQ(afterExchange.error().code, "AUTHZ_ALREADY_COMPLETED");
    // No second code can be exchanged: the second callback replaced nothing.
    Outcomes<TokenSession> again;
    (void)session.exchangeCode(again.callback());
    ASSERT_EQ(again.delivered.size(), 1u);
    EXPECT_EQ(again.delivered.front().result.error().code, "AUTHZ_NO_CODE");
    EXPECT_EQ(transport.sent().size(), 1u);

    // A new authorization request can be answered again.
    beginLogin();
    EXPECT_TRUE(session.acceptCallback(callback(QStringLiteral("code=third&state=s1&iss=https%3A%2F%2Fop.example"))).result.ok());
}

// Issue 14, defect 11: a rejected post-logout redirect (forged, or another logout's) does not
// spend the logout state, so the real redirect still confirms the logout.
TEST_F(FlowSessionTest, Defect11_RejectedLogoutRedirectDoesNotSpendTheState)
{
    const auto url = session.beginLogout(QStringLiteral("http://127.0.0.1:5555/logged-out")).result;
    ASSERT_TRUE(url.ok()) << url.error().summary();
    const QString state = QUrlQuery(*url).queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    ASSERT_FALSE(state.isEmpty());

    const Status forged = session.completeLogout(QUrl(QStringLiteral("http://127.0.0.1:5555/logged-out?state=forged"))).result;
    ASSERT_FALSE(forged.ok());
    EXPECT_EQ(forged.error().code, "LOGOUT_STATE_MISMATCH");
    const Status missing = session.completeLogout(QUrl(QStringLiteral("http://127.0.0.1:5555/logged-out"))).result;
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "LOGOUT_STATE_MISSING");

    const Status real = session.completeLogout(QUrl(QStringLiteral("http://127.0.0.1:5555/logged-out?state=") + state)).result;
    EXPECT_TRUE(real.ok()) << real.error().summary();
}

// The confirming redirect spends the logout state: a replay of it, or any later redirect, confirms
// nothing more.
TEST_F(FlowSessionTest, AConfirmedLogoutCannotBeConfirmedAgain)
{
    const Status none = session.completeLogout(QUrl(QStringLiteral("http://127.0.0.1:5555/logged-out"))).result;
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, "LOGOUT_NOT_PENDING");

    const auto url = session.beginLogout(QStringLiteral("http://127.0.0.1:5555/logged-out")).result;
    ASSERT_TRUE(url.ok()) << url.error().summary();
    const QUrl confirming(QStringLiteral("http://127.0.0.1:5555/logged-out?state=")
                          + QUrlQuery(*url).queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded));
    ASSERT_TRUE(session.completeLogout(confirming).result.ok());
    for (const QUrl &later : {confirming, QUrl(QStringLiteral("http://127.0.0.1:5555/logged-out"))}) {
        const Status again = session.completeLogout(later).result;
        ASSERT_FALSE(again.ok()) << later.toString().toStdString();
        EXPECT_EQ(again.error().code, "LOGOUT_NOT_PENDING");
    }
}

// Issue 14, defect 4: a callback that bears the request's state answers it, even when a later check
// refuses it (iss missing although advertised): the request is over, and the login ends with that
// error. A callback without our state is stray and leaves the request waiting for the real one.
TEST_F(FlowSessionTest, Defect4_CallbackWithOurStateAnswersTheRequest)
{
    beginLogin();
    const auto stray = session.acceptCallback(callback(QStringLiteral("code=abc&state=other&iss=https%3A%2F%2Fop.example"))).result;
    EXPECT_EQ(stray.error().code, "AUTHZ_STATE_MISMATCH");
    EXPECT_TRUE(session.awaitsCallback());

    const auto answer = session.acceptCallback(callback(QStringLiteral("code=abc&state=s1"))).result;
    EXPECT_EQ(answer.error().code, "AUTHZ_ISS_MISSING");
    EXPECT_EQ(answer.error().category, ErrorCategory::Authz);
    EXPECT_FALSE(session.awaitsCallback());
    const auto later = session.acceptCallback(callback(QStringLiteral("code=abc&state=s1&iss=https%3A%2F%2Fop.example"))).result;
    EXPECT_EQ(later.error().code, "AUTHZ_ALREADY_COMPLETED");
    EXPECT_FALSE(session.callback().has_value()); // nothing to exchange
}

// Issue 7: the callback's report carries the validator's checks, so the screen shows what decided.
TEST_F(FlowSessionTest, CallbackReportCarriesTheCoresChecks)
{
    beginLogin();
    const auto refused = session.acceptCallback(callback(QStringLiteral("code=abc&state=s1")));
    ASSERT_EQ(refused.reports.size(), 1u);
    const StepReport &report = refused.reports.front();
    EXPECT_EQ(report.step, FlowStep::Callback);
    EXPECT_FALSE(report.ok);
    EXPECT_EQ(report.error->code, "AUTHZ_ISS_MISSING");
    const auto expected = validateCallback(callback(QStringLiteral("code=abc&state=s1")), *session.pending());
    ASSERT_EQ(report.checks.size(), expected.checks.size());
    for (size_t i = 0; i < expected.checks.size(); ++i) {
        EXPECT_EQ(report.checks[i].id, expected.checks[i].id);
        EXPECT_EQ(report.checks[i].outcome, expected.checks[i].outcome) << report.checks[i].id;
        EXPECT_EQ(report.checks[i].code, expected.checks[i].code) << report.checks[i].id;
    }
}

// Issue 7: one channel. A code exchange answers once, with the reports of every step it ran — the
// token request, the JWKS refetch after an unknown kid, the ID-token checks — and each request is
// tagged with the step that caused it (the refetch with IdToken).
TEST_F(FlowSessionTest, CodeExchangeReportsEveryStepOnceAndTagsItsRequests)
{
    const auto oldKey = crypto::generateKey(crypto::KeyKind::Rsa2048, "k1", "RS256").value();
    const auto newKey = crypto::generateKey(crypto::KeyKind::Rsa2048, "k2", "RS256").value();
    Outcomes<crypto::JsonWebKeySet> keys;
    (void)session.fetchKeys(keys.callback());
    transport.answer(200, jwks({&oldKey}));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !keys.delivered.empty(); }, 10000)); // keys are imported off-thread
    ASSERT_EQ(keys.delivered.size(), 1u);
    ASSERT_TRUE(keys.delivered.front().result.ok());

    beginLogin();
    ASSERT_TRUE(session.acceptCallback(callback(QStringLiteral("code=c1&state=s1&iss=https%3A%2F%2Fop.example"))).result.ok());
    Outcomes<TokenSession> exchanged;
    (void)session.exchangeCode(exchanged.callback());
    const Json tokens = {{"access_token", "at"}, {"token_type", "Bearer"}, {"expires_in", 300}, {"id_token", idToken(newKey)}};
    transport.answer(200, QByteArray::fromStdString(tokens.dump()));
    EXPECT_TRUE(exchanged.delivered.empty()); // the ID token is checked off the calling thread
    // The provider rotated its keys: one refetch, then the checks again.
    ASSERT_TRUE(QTest::qWaitFor([&] { return transport.pending() == 1; }, 10000));
    transport.answer(200, jwks({&oldKey, &newKey}));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !exchanged.delivered.empty(); }, 10000));
    QTest::qWait(50);
    ASSERT_EQ(exchanged.delivered.size(), 1u);
    const auto &outcome = exchanged.delivered.front();
    ASSERT_TRUE(outcome.result.ok()) << outcome.result.error().summary();
    EXPECT_EQ(stepsOf(outcome.reports), (std::vector<FlowStep>{FlowStep::Token, FlowStep::Keys, FlowStep::IdToken}));
    EXPECT_FALSE(outcome.reports.back().checks.empty());
    ASSERT_TRUE(session.session().has_value());

    ASSERT_EQ(transport.sent().size(), 3u);
    EXPECT_EQ(transport.sent()[0]->request.step, FlowStep::Keys);
    EXPECT_EQ(transport.sent()[1]->request.step, FlowStep::Token);
    EXPECT_EQ(transport.sent()[1]->request.label, QStringLiteral("token (authorization_code)"));
    EXPECT_EQ(transport.sent()[2]->request.step, FlowStep::IdToken); // the refetch, caused by the ID token's check
    EXPECT_EQ(transport.sent()[2]->request.label, QStringLiteral("JWKS"));
}

// Cancel reaches the RFC 8414 fallback that discovery sends after a 404, and the callback then
// comes once, with NET_CANCELLED.
TEST_F(FlowSessionTest, CancelReachesTheDiscoveryFallback)
{
    ProviderSettings provider;
    provider.issuer = QStringLiteral("https://op.example/tenant");
    session.setProvider(provider);
    Outcomes<ProviderMetadata> discovered;
    const net::RequestHandle handle = session.discover(discovered.callback());
    transport.answer(404, "not here");
    ASSERT_EQ(transport.sent().size(), 2u);
    EXPECT_EQ(transport.sent()[1]->request.url.path(), QStringLiteral("/.well-known/oauth-authorization-server/tenant"));
    EXPECT_EQ(transport.sent()[1]->request.step, FlowStep::Discovery);
    EXPECT_TRUE(discovered.delivered.empty());

    handle.cancel();
    EXPECT_EQ(transport.pending(), 0);
    ASSERT_EQ(discovered.delivered.size(), 1u);
    EXPECT_EQ(discovered.delivered.front().result.error().code, "NET_CANCELLED");
    ASSERT_EQ(discovered.delivered.front().reports.size(), 1u);
    EXPECT_EQ(discovered.delivered.front().reports.front().step, FlowStep::Discovery);
    handle.cancel(); // twice: nothing more
    EXPECT_EQ(discovered.delivered.size(), 1u);
}

// Cancelled while the ID token is being checked off-thread, the exchange ends at once and its late
// result commits nothing.
TEST_F(FlowSessionTest, CancelDuringValidationCommitsNothing)
{
    const auto key = crypto::generateKey(crypto::KeyKind::Rsa2048, "k1", "RS256").value();
    Outcomes<crypto::JsonWebKeySet> keys;
    (void)session.fetchKeys(keys.callback());
    transport.answer(200, jwks({&key}));
    ASSERT_TRUE(QTest::qWaitFor([&] { return !keys.delivered.empty(); }, 10000)); // keys are imported off-thread
    beginLogin();
    ASSERT_TRUE(session.acceptCallback(callback(QStringLiteral("code=c1&state=s1&iss=https%3A%2F%2Fop.example"))).result.ok());
    Outcomes<TokenSession> exchanged;
    const net::RequestHandle handle = session.exchangeCode(exchanged.callback());
    const Json tokens = {{"access_token", "at"}, {"token_type", "Bearer"}, {"id_token", idToken(key)}};
    transport.answer(200, QByteArray::fromStdString(tokens.dump()));
    handle.cancel();
    ASSERT_EQ(exchanged.delivered.size(), 1u);
    EXPECT_EQ(exchanged.delivered.front().result.error().code, "NET_CANCELLED");
    EXPECT_EQ(stepsOf(exchanged.delivered.front().reports), (std::vector<FlowStep>{FlowStep::Token, FlowStep::IdToken}));
    QTest::qWait(500); // the validation finishes meanwhile
    EXPECT_EQ(exchanged.delivered.size(), 1u);
    EXPECT_FALSE(session.session().has_value());
}

} // namespace
