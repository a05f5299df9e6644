// The diagram of a real login: FlowSession (the core, as the flow page drives it) against the
// built-in sandbox in process on 127.0.0.1, the system-browser path with the loopback listener,
// the browser played over HTTP (tests/support/BrowserPlayer). Its exchange log and its browser
// hops make the lanes and the arrows, in the order they happened; the SVG holds one arrow element
// each, and neither the SVG nor the Mermaid text holds the code, the state or a token.

#include "DiagramTestSupport.h"

#include "BrowserPlayer.h"
#include "tests/support/EventLoop.h"

#include "oidc/diagram/SequenceMermaid.h"
#include "oidc/diagram/SequenceRecorder.h"
#include "oidc/diagram/SequenceSvg.h"
#include "oidc/flow/FlowSession.h"
#include "oidc/flow/ProviderProfile.h"
#include "oidc/flow/RedirectWait.h"
#include "oidc/net/ExchangeLog.h"
#include "oidc/net/QtHttpTransport.h"
#include "sandbox/SandboxServer.h"

#include <QUrlQuery>

#include <gtest/gtest.h>

namespace oidc::diagram {
namespace {

using oidc::test::spinUntil;
using test::arrowElements;

constexpr int kTimeoutMs = 20000;

class SequenceSandboxTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_server = new sandbox::SandboxServer();
        const auto started = s_server->start(0);
        ASSERT_TRUE(started.ok()) << started.error().summary();
    }
    static void TearDownTestSuite()
    {
        delete s_server;
        s_server = nullptr;
    }

    void SetUp() override
    {
        ASSERT_NE(s_server, nullptr);
        log.attach(transport);
        QObject::connect(&session, &flow::FlowSession::browserHop, &recorder, &SequenceRecorder::addHop);
        const flow::ProviderProfile profile = flow::sandboxProfile(s_server->issuer(), s_server->projectId());
        session.setProvider(*profile.providerSettings());
        session.setClient(profile.clientCredentials());
        scope = profile.scope;
    }

    // Runs one FlowSession operation to its callback.
    template <typename T>
    Result<T> await(std::function<net::RequestHandle(flow::FlowSession::Callback<T>)> start)
    {
        std::optional<Result<T>> outcome;
        (void)start([&](flow::StepOutcome<T> done) { outcome.emplace(std::move(done.result)); });
        if (!spinUntil([&] { return outcome.has_value(); }, kTimeoutMs))
            return makeError(ErrorCategory::Net, "TEST_TIMEOUT", "no answer");
        return std::move(*outcome);
    }

    static sandbox::SandboxServer *s_server;
    net::QtHttpTransport transport;
    net::ExchangeLog log;
    flow::FlowSession session{transport};
    SequenceRecorder recorder{log};
    QString scope;
};

sandbox::SandboxServer *SequenceSandboxTest::s_server = nullptr;

TEST_F(SequenceSandboxTest, LoginDrawsItsLanesAndArrowsInOrder)
{
    ASSERT_TRUE(await<flow::ProviderMetadata>([&](auto done) { return session.discover(done); }).ok());
    ASSERT_TRUE(await<crypto::JsonWebKeySet>([&](auto done) { return session.fetchKeys(done); }).ok());
    ASSERT_TRUE(await<void>([&](auto done) { return session.prepare(done); }).ok());

    // The system browser's path: the loopback listener, the browser, the redirect back.
    flow::RedirectWait wait;
    std::optional<QUrl> accepted;
    QObject::connect(&wait, &flow::RedirectWait::finished, [&](const Result<QUrl> &redirect) {
        if (redirect)
            accepted = *redirect;
    });
    ASSERT_TRUE(wait.listen(0, QStringLiteral("/callback"), kTimeoutMs, [&](const QUrl &url) {
                        return session.acceptCallback(url).result ? flow::RedirectWait::Verdict::accepted()
                                                                  : flow::RedirectWait::Verdict::stray(makeError(ErrorCategory::Authz, "STRAY", "stray"));
                    }).ok());
    const auto url = session.beginAuthorization(session.defaultAuthorizationRequest(wait.redirectUri(), scope)).result;
    ASSERT_TRUE(url.ok());
    testsupport::BrowserPlayer browser;
    browser.play(*url, QStringLiteral("alice@example.com"), wait.redirectUri());
    ASSERT_TRUE(spinUntil([&] { return accepted.has_value(); }, kTimeoutMs)) << "no callback";
    const auto tokens = await<flow::TokenSession>([&](auto done) { return session.exchangeCode(done); });
    ASSERT_TRUE(tokens.ok()) << tokens.error().summary();
    ASSERT_TRUE(await<Json>([&](auto done) { return session.fetchUserInfo(done); }).ok());

    const SequenceModel &model = recorder.model();
    std::vector<QString> lanes;
    for (const int lane : model.columns())
        lanes.push_back(model.lanes()[static_cast<size_t>(lane)].id);
    EXPECT_EQ(lanes, (std::vector<QString>{QStringLiteral("browser"), QStringLiteral("app"), QStringLiteral("authserver"), QStringLiteral("jwks")}));

    struct Expected {
        Arrow::Kind kind;
        const char *from;
        const char *to;
        Outcome outcome;
        std::optional<flow::FlowStep> step;
    };
    using K = Arrow::Kind;
    using S = flow::FlowStep;
    const std::vector<Expected> expected = {
        {K::Exchange, "app", "authserver", Outcome::Good, S::Discovery},
        {K::Exchange, "app", "jwks", Outcome::Good, S::Keys},
        {K::Hop, "app", "browser", Outcome::Neutral, S::Authorize},
        {K::Hop, "browser", "authserver", Outcome::Neutral, S::Authorize},
        {K::Hop, "authserver", "browser", Outcome::Neutral, S::Callback},
        {K::Hop, "browser", "app", Outcome::Good, S::Callback},
        {K::Exchange, "app", "authserver", Outcome::Good, S::Token},
        {K::Exchange, "app", "authserver", Outcome::Good, S::UserInfo},
    };
    ASSERT_EQ(model.arrows().size(), expected.size()) << toMermaid(model).toStdString();
    int exchanges = 0;
    for (size_t i = 0; i < expected.size(); ++i) {
        const Arrow &arrow = model.arrows()[i];
        EXPECT_EQ(arrow.kind, expected[i].kind) << i;
        EXPECT_EQ(model.lanes()[static_cast<size_t>(arrow.from)].id, QLatin1String(expected[i].from)) << i;
        EXPECT_EQ(model.lanes()[static_cast<size_t>(arrow.to)].id, QLatin1String(expected[i].to)) << i;
        EXPECT_EQ(arrow.outcome, expected[i].outcome) << i;
        EXPECT_EQ(arrow.step, expected[i].step) << i;
        if (arrow.kind == K::Exchange) {
            // In the log's order, each the record it stands for.
            EXPECT_EQ(arrow.recordId, log.records()[static_cast<size_t>(exchanges)].id) << i;
            EXPECT_EQ(arrow.label, log.records()[static_cast<size_t>(exchanges)].label) << i;
            ++exchanges;
        }
    }
    EXPECT_EQ(exchanges, log.size());
    EXPECT_EQ(model.arrows()[5].request, QStringLiteral("GET /callback?code&state&iss"));
    EXPECT_EQ(model.arrows()[6].request, QStringLiteral("POST /oauth2/v1/token"));

    const QString svg = toSvg(model);
    const auto elements = arrowElements(svg);
    ASSERT_EQ(elements.size(), expected.size());
    for (size_t i = 0; i < elements.size(); ++i) {
        EXPECT_EQ(elements[i].kind, expected[i].kind == K::Exchange ? QStringLiteral("exchange") : QStringLiteral("hop")) << i;
        EXPECT_EQ(elements[i].outcome, outcomeName(expected[i].outcome)) << i;
        EXPECT_EQ(elements[i].recordId, model.arrows()[i].recordId) << i;
    }

    // Nothing secret: the code, the state, the nonce, the tokens.
    const QUrlQuery callback(*accepted);
    const QUrlQuery request(*url);
    const QString texts = svg + toMermaid(model);
    for (const QString &secret : {callback.queryItemValue(QStringLiteral("code")), request.queryItemValue(QStringLiteral("state")),
                                  request.queryItemValue(QStringLiteral("nonce")), request.queryItemValue(QStringLiteral("code_challenge")),
                                  tokens->tokens.accessToken, tokens->tokens.idToken, tokens->tokens.refreshToken}) {
        ASSERT_GE(secret.size(), 16) << "a value to look for";
        EXPECT_FALSE(texts.contains(secret)) << secret.left(8).toStdString();
        EXPECT_FALSE(texts.contains(secret.left(16))) << secret.left(8).toStdString();
    }
}

TEST_F(SequenceSandboxTest, ClearingTheLogClearsTheDiagram)
{
    ASSERT_TRUE(await<flow::ProviderMetadata>([&](auto done) { return session.discover(done); }).ok());
    ASSERT_EQ(recorder.model().arrows().size(), 1u);
    int cleared = 0;
    QObject::connect(&recorder, &SequenceRecorder::cleared, [&] { ++cleared; });
    log.clear();
    EXPECT_EQ(cleared, 1);
    EXPECT_TRUE(recorder.model().arrows().empty());
    EXPECT_TRUE(recorder.model().lanes().empty());

    // A recorder made after the fact draws what the log holds.
    ASSERT_TRUE(await<crypto::JsonWebKeySet>([&](auto done) { return session.fetchKeys(done); }).ok());
    SequenceRecorder late(log);
    ASSERT_EQ(late.model().arrows().size(), 1u);
    EXPECT_EQ(late.model().lanes()[static_cast<size_t>(late.model().arrows()[0].to)].role, LaneRole::Jwks);
}

} // namespace
} // namespace oidc::diagram
