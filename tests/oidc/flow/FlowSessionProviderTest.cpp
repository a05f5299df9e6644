// The core's FlowSession against an independent OpenID Provider (panva's oidc-provider, started
// here on 127.0.0.1:0): discovery, keys, PKCE, the loopback listener, the authorize URL (a node
// helper plays the browser), code exchange with every ID-token check, userinfo, refresh,
// revocation, client credentials and end session, step by step as the GUI drives them.

#include "oidc/flow/FlowSession.h"
#include "oidc/flow/RedirectWait.h"
#include "oidc/net/ExchangeLog.h"
#include "oidc/net/QtHttpTransport.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QUrlQuery>

namespace {

using namespace oidc;
using namespace oidc::flow;

QString nodeDir()
{
    return QString::fromUtf8(OIDCPLAY_NODE_DIR);
}

class ProviderProcess final {
public:
    ProviderProcess()
    {
        m_process.setProgram(QStringLiteral("node"));
        m_process.setArguments({nodeDir() + QStringLiteral("/oidc-provider-server.mjs")});
        m_process.start();
        if (!m_process.waitForStarted(10000) || !m_process.waitForReadyRead(20000))
            return;
        while (!m_process.canReadLine() && m_process.waitForReadyRead(5000)) {
        }
        const auto json = QJsonDocument::fromJson(m_process.readLine()).object();
        issuer = json.value(QStringLiteral("issuer")).toString();
    }
    ~ProviderProcess()
    {
        m_process.closeWriteChannel(); // the server stops when stdin closes
        if (!m_process.waitForFinished(5000))
            m_process.kill();
    }
    QString issuer;

private:
    QProcess m_process;
};

ProviderProcess *g_provider = nullptr;

// Plays the browser with tests/node/play-browser.mjs until the listener is reached.
QProcess *playBrowser(const QUrl &authorizeUrl, const QString &stopAt, QObject *parent)
{
    auto *process = new QProcess(parent);
    process->start(QStringLiteral("node"), {nodeDir() + QStringLiteral("/play-browser.mjs"), authorizeUrl.toString(QUrl::FullyEncoded),
                                            QStringLiteral("alice"), stopAt});
    return process;
}

class FlowSessionProviderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(g_provider && !g_provider->issuer.isEmpty()) << "oidc-provider did not start";
        log.attach(transport);
        ProviderSettings provider;
        provider.issuer = g_provider->issuer;
        session.setProvider(provider);
        session.setClient({QStringLiteral("playground-public"), {}, ClientAuthMethod::None});
    }

    // Runs an operation to its one callback; its reports join `reports`.
    template <typename T>
    Result<T> await(std::function<void(FlowSession::Callback<T>)> start, int timeoutMs = 20000)
    {
        std::optional<Result<T>> outcome;
        start([&](StepOutcome<T> done) {
            reports.insert(reports.end(), done.reports.begin(), done.reports.end());
            outcome.emplace(std::move(done.result));
        });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, timeoutMs))
            return makeError(ErrorCategory::Net, "TEST_TIMEOUT", "no answer");
        return std::move(*outcome);
    }

    Status awaitStatus(std::function<void(FlowSession::Callback<void>)> start, int timeoutMs = 20000) { return await<void>(start, timeoutMs); }

    template <typename T>
    Result<T> keep(StepOutcome<T> outcome)
    {
        reports.insert(reports.end(), outcome.reports.begin(), outcome.reports.end());
        return std::move(outcome.result);
    }

    void discoverAndLoadKeys()
    {
        ASSERT_TRUE((await<ProviderMetadata>([&](auto done) { session.discover(done); })).ok());
        ASSERT_TRUE((await<crypto::JsonWebKeySet>([&](auto done) { session.fetchKeys(done); })).ok());
    }

    // Steps 1–5 with the system-browser mode; returns the committed session.
    Result<TokenSession> signIn(const QString &scope, const QString &prompt = {})
    {
        if (auto prepared = awaitStatus([&](auto done) { session.prepare(done); }); !prepared)
            return prepared.error();
        RedirectWait wait;
        std::optional<QUrl> accepted;
        std::optional<Error> refused;
        QObject::connect(&wait, &RedirectWait::finished, [&](const Result<QUrl> &redirect) {
            if (redirect)
                accepted = *redirect;
        });
        auto started = wait.listen(0, QStringLiteral("/callback"), 30000, [&](const QUrl &url) {
            auto callback = keep(session.acceptCallback(url));
            if (callback)
                return RedirectWait::Verdict::accepted();
            refused = callback.error();
            return RedirectWait::Verdict::stray(callback.error());
        });
        if (!started)
            return started.error();
        AuthorizationRequest request = session.defaultAuthorizationRequest(wait.redirectUri(), scope);
        request.prompt = prompt;
        auto url = keep(session.beginAuthorization(request));
        if (!url)
            return url.error();
        QProcess *browser = playBrowser(*url, QUrl(wait.redirectUri()).adjusted(QUrl::RemovePath).toString(), &wait);
        if (!QTest::qWaitFor([&] { return accepted.has_value() || refused.has_value(); }, 20000))
            return makeError(ErrorCategory::Listener, "TEST_NO_CALLBACK",
                             "no callback: " + browser->readAllStandardError().toStdString());
        if (refused) {
            EXPECT_TRUE(wait.isWaiting()); // a refused callback leaves the flow pending
            return *refused;
        }
        return await<TokenSession>([&](auto done) { session.exchangeCode(done); });
    }

    net::QtHttpTransport transport;
    net::ExchangeLog log;
    FlowSession session{transport};
    std::vector<StepReport> reports;
};

TEST_F(FlowSessionProviderTest, CodeFlowWithPkceThenUserInfoRefreshRevokeAndLogout)
{
    discoverAndLoadKeys();
    ASSERT_TRUE(session.metadata()->authorizationResponseIssParameterSupported);
    auto signedIn = signIn(QStringLiteral("openid email profile offline_access"), QStringLiteral("consent"));
    ASSERT_TRUE(signedIn.ok()) << signedIn.error().summary();
    ASSERT_TRUE(signedIn->idToken.has_value());
    EXPECT_EQ(signedIn->idToken->stringClaim("sub"), "alice");
    EXPECT_FALSE(signedIn->tokens.refreshToken.isEmpty());
    for (const auto &check : signedIn->idTokenChecks)
        EXPECT_NE(check.outcome, jwt::CheckOutcome::Fail) << check.id;
    // The code is single-use: a second exchange is refused before any request.
    const int exchangesBefore = log.size();
    EXPECT_EQ((await<TokenSession>([&](auto done) { session.exchangeCode(done); })).error().code, "AUTHZ_NO_CODE");
    EXPECT_EQ(log.size(), exchangesBefore);

    auto userInfo = await<Json>([&](auto done) { session.fetchUserInfo(done); });
    ASSERT_TRUE(userInfo.ok()) << userInfo.error().summary();
    EXPECT_EQ((*userInfo)["email"], "alice@example.test");

    const QString oldAccess = session.session()->tokens.accessToken;
    auto refreshed = await<TokenSession>([&](auto done) { session.refresh(done); });
    ASSERT_TRUE(refreshed.ok()) << refreshed.error().summary();
    EXPECT_NE(refreshed->tokens.accessToken, oldAccess);
    EXPECT_EQ(refreshed->idToken->stringClaim("sub"), "alice");

    ASSERT_TRUE(awaitStatus([&](auto done) { session.revoke(TokenTypeHint::AccessToken, true, done); }).ok());
    auto afterRevoke = await<Json>([&](auto done) { session.fetchUserInfo(done); });
    ASSERT_FALSE(afterRevoke.ok());
    EXPECT_EQ(afterRevoke.error().code, "USERINFO_UNAUTHORIZED");

    auto logoutUrl = keep(session.beginLogout(QStringLiteral("http://127.0.0.1/logout-callback")));
    ASSERT_TRUE(logoutUrl.ok()) << logoutUrl.error().summary();
    EXPECT_FALSE(session.session().has_value()); // the local session ends at once
    const QString state = QUrlQuery(*logoutUrl).queryItemValue(QStringLiteral("state"));
    EXPECT_FALSE(keep(session.completeLogout(QUrl(QStringLiteral("http://127.0.0.1/logout-callback?state=other")))).ok());
    auto again = keep(session.beginLogout(QStringLiteral("http://127.0.0.1/logout-callback")));
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(keep(session.completeLogout(QUrl(QStringLiteral("http://127.0.0.1/logout-callback?state=")
                                                 + QUrlQuery(*again).queryItemValue(QStringLiteral("state")))))
                    .ok());
    Q_UNUSED(state)

    // Every step reported; every exchange logged, and none of them leaks a token when redacted.
    EXPECT_GE(log.size(), 7);
    for (const auto &record : log.records()) {
        const QString text = net::ExchangeLog::requestText(record, net::Reveal::Redacted) + net::ExchangeLog::responseText(record, net::Reveal::Redacted);
        EXPECT_FALSE(text.contains(oldAccess)) << record.label.toStdString();
    }
}

TEST_F(FlowSessionProviderTest, ProviderRefusalKeepsTheFlowAndMakesNoTokenRequest)
{
    discoverAndLoadKeys();
    // prompt=none without a provider session: the provider answers login_required.
    auto result = signIn(QStringLiteral("openid"), QStringLiteral("none"));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, "AUTHZ_PROVIDER_ERROR");
    EXPECT_NE(result.error().message.find("login_required"), std::string::npos);
    bool sawRefusal = false;
    for (const auto &report : reports)
        if (report.step == FlowStep::Callback && !report.ok && report.error && report.error->code == "AUTHZ_PROVIDER_ERROR")
            sawRefusal = true;
    EXPECT_TRUE(sawRefusal);
    for (const auto &record : log.records())
        EXPECT_NE(record.step, FlowStep::Token) << "no token request after a refusal";
}

TEST_F(FlowSessionProviderTest, ClientCredentialsBasicAndPost)
{
    ASSERT_TRUE((await<ProviderMetadata>([&](auto done) { session.discover(done); })).ok());
    session.setClient({QStringLiteral("playground-basic"), QStringLiteral("basic-secret-for-tests-only+/="), ClientAuthMethod::ClientSecretBasic});
    auto basic = await<TokenResponse>([&](auto done) { session.clientCredentials(QStringLiteral("api:read"), {}, done); });
    ASSERT_TRUE(basic.ok()) << basic.error().summary();
    EXPECT_EQ(basic->scope, QStringLiteral("api:read"));
    session.setClient({QStringLiteral("playground-post"), QStringLiteral("post-secret-for-tests-only"), ClientAuthMethod::ClientSecretPost});
    EXPECT_TRUE((await<TokenResponse>([&](auto done) { session.clientCredentials({}, {}, done); })).ok());
    session.setClient({QStringLiteral("playground-post"), QStringLiteral("wrong"), ClientAuthMethod::ClientSecretPost});
    auto wrong = await<TokenResponse>([&](auto done) { session.clientCredentials({}, {}, done); });
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, "TOKEN_PROVIDER_ERROR");
    EXPECT_EQ(wrong.error().actual, "invalid_client");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    ProviderProcess provider;
    g_provider = &provider;
    const int result = RUN_ALL_TESTS();
    g_provider = nullptr;
    return result;
}
