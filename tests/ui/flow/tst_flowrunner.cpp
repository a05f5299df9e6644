// FlowRunner, the flow page's controller, against the built-in sandbox in system-browser mode and
// without the page: which redirects end the browser step, and which leave it waiting. The test
// plays the browser over HTTP (BrowserPlayer) and sends its own callbacks to the loopback listener.

#include "BrowserPlayer.h"
#include "FlowTestSupport.h"
#include "QtTestMain.h"

#include "ui/AppContext.h"
#include "ui/flow/FlowRunner.h"
#include "ui/flow/ProfileManager.h"

#include "oidc/net/ExchangeLog.h"
#include "sandbox/SandboxHost.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <optional>

namespace tst_flowrunner {

using Step = ui::FlowStepModel::Step;
using State = ui::FlowStepModel::State;

constexpr int kTimeout = 20000;

// A runner on the sandbox's profile, in system-browser mode; the "system browser" is the test.
struct Fixture final {
    std::unique_ptr<testsupport::TestApp> app;
    std::unique_ptr<ui::FlowRunner> runner;
    testsupport::BrowserPlayer player;
    bool playTheBrowser = false;

    bool setUp()
    {
        app = testsupport::makeTestApp();
        if (!testsupport::startSandbox(*app->context))
            return false;
        oidc::flow::ProviderProfile profile = app->context->profiles().current();
        profile.browserMode = oidc::flow::BrowserMode::System;
        runner = std::make_unique<ui::FlowRunner>(app->context->transport(), &app->context->exchangeLog());
        runner->setProfile(profile);
        // Long enough that only a refusal, never the timeout, can end the browser step in time.
        runner->setBrowserTimeoutMs(5 * 60 * 1000);
        runner->setSystemBrowserOpener([this](const QUrl &url) {
            if (playTheBrowser)
                QTimer::singleShot(50, &player, [this, url] {
                    player.play(url, QStringLiteral("alice@example.com"), testsupport::redirectTarget(url));
                });
            return true;
        });
        return !profile.issuer.isEmpty();
    }

    [[nodiscard]] State state(Step step) const { return runner->steps()->state(step); }
    [[nodiscard]] QString describe(Step step) const
    {
        const auto &entry = runner->steps()->entry(step);
        return ui::FlowStepModel::stateText(entry.state) + QStringLiteral(": ") + entry.summary;
    }
    // A callback to the listener, as a browser (or an attacker's page) would send it.
    void callback(const QString &state, const QString &iss)
    {
        QUrl url(runner->listenerUri());
        url.setQuery(QUrlQuery{{QStringLiteral("code"), QStringLiteral("mixed-up-code")}, {QStringLiteral("state"), state},
                               {QStringLiteral("iss"), iss}});
        player.get(url);
    }
};

class TestFlowRunner final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void defect4_callbackWithOurStateEndsTheLoginAtOnce_data();
    void defect4_callbackWithOurStateEndsTheLoginAtOnce();
    void defect11_forgedLogoutRedirectLeavesTheLogoutWaiting();
    void runAllIsBusyFromItsFirstStepToItsLast();
};

void TestFlowRunner::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

// Issue 14, defect 4: a callback that bears the login's state answers this login. When a later
// check fails (RFC 9207 iss missing although advertised, or another issuer's iss), the browser step
// ends at once with that check's error (category AUTHZ) instead of waiting for LISTENER_TIMEOUT.
// A callback without our state is stray: listed, and the login goes on waiting.
void TestFlowRunner::defect4_callbackWithOurStateEndsTheLoginAtOnce_data()
{
    QTest::addColumn<bool>("missingIssFault");
    QTest::addColumn<QString>("code");
    QTest::newRow("iss missing (sandbox fault)") << true << QStringLiteral("AUTHZ_ISS_MISSING");
    QTest::newRow("iss of another issuer") << false << QStringLiteral("AUTHZ_ISS_MISMATCH");
}

void TestFlowRunner::defect4_callbackWithOurStateEndsTheLoginAtOnce()
{
    QFETCH(bool, missingIssFault);
    QFETCH(QString, code);
    Fixture f;
    QVERIFY(f.setUp());
    if (missingIssFault)
        QCOMPARE(testsupport::postFault(f.app->context->sandbox()->baseUrl(), R"({"kind":"missing-iss","count":1})"), 201);
    f.playTheBrowser = missingIssFault;
    f.runner->runAll();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Browser) == State::Running, qPrintable(f.describe(Step::Browser)), kTimeout);
    const QString state = QUrlQuery(f.runner->authorizationUrl()).queryItemValue(QStringLiteral("state"));
    QVERIFY(!state.isEmpty());

    if (!missingIssFault) {
        // Not our state: stray. It is listed and the browser step goes on.
        f.callback(QStringLiteral("another-state"), QStringLiteral("https://evil.example"));
        QTRY_VERIFY_WITH_TIMEOUT(f.runner->steps()->entry(Step::Callback).notes.join(QLatin1Char(' ')).contains(QStringLiteral("AUTHZ_STATE_MISMATCH")),
                                 kTimeout);
        QTest::qWait(200);
        QCOMPARE(f.state(Step::Browser), State::Running);
        QVERIFY(!f.runner->listenerUri().isEmpty());
        // Our state, another issuer's iss (a mix-up, RFC 9207 §2.4).
        f.callback(state, QStringLiteral("https://evil.example"));
    }
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Browser) == State::Failed, qPrintable(f.describe(Step::Browser)), kTimeout);
    const auto &browser = f.runner->steps()->entry(Step::Browser);
    QCOMPARE(browser.error->category, oidc::ErrorCategory::Authz);
    QCOMPARE(QString::fromStdString(browser.error->code), code);
    QVERIFY(!f.runner->isBusy());
    QVERIFY(f.runner->listenerUri().isEmpty()); // the listener is closed
    // The check list on screen is the core's, and says which check decided.
    const auto &callback = f.runner->steps()->entry(Step::Callback);
    QCOMPARE(callback.state, State::Failed);
    const auto iss = std::find_if(callback.checks.begin(), callback.checks.end(), [](const auto &check) { return check.id == "iss"; });
    QVERIFY(iss != callback.checks.end());
    QCOMPARE(iss->outcome, oidc::jwt::CheckOutcome::Fail);
    QCOMPARE(QString::fromStdString(iss->code), code);
    // No code was redeemed, and the spent request takes no other callback.
    QCOMPARE(f.state(Step::Token), State::Pending);
    QCOMPARE(QString::fromStdString(f.runner->submitCallback(f.runner->authorizationUrl()).error().code), QStringLiteral("AUTHZ_ALREADY_COMPLETED"));
}

// Issue 14, defect 11: a forged post-logout redirect (wrong state) is listed and refused, and the
// logout keeps waiting: the provider's real redirect still confirms it.
void TestFlowRunner::defect11_forgedLogoutRedirectLeavesTheLogoutWaiting()
{
    Fixture f;
    QVERIFY(f.setUp());
    f.playTheBrowser = true;
    f.runner->runAll();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::UserInfo) == State::Ok, qPrintable(f.describe(Step::UserInfo)), kTimeout);
    QTRY_VERIFY(!f.runner->isBusy());

    f.playTheBrowser = false; // the test answers the logout itself
    f.runner->logout();
    QCOMPARE(f.state(Step::Logout), State::Running);
    const QString postLogout = f.runner->postLogoutRedirectUri();
    QVERIFY(postLogout.endsWith(ui::FlowRunner::logoutPath()));
    QUrl forged(postLogout);
    forged.setQuery(QStringLiteral("state=forged"));
    f.player.get(forged);
    QTRY_VERIFY_WITH_TIMEOUT(f.runner->steps()->entry(Step::Logout).notes.join(QLatin1Char(' ')).contains(QStringLiteral("LOGOUT_STATE_MISMATCH")),
                             kTimeout);
    QCOMPARE(f.state(Step::Logout), State::Running);

    f.player.play(f.runner->logoutUrl(), QStringLiteral("alice@example.com"), postLogout);
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Logout) == State::Ok, qPrintable(f.describe(Step::Logout)), kTimeout);
    QVERIFY2(f.runner->steps()->entry(Step::Logout).summary.contains(QStringLiteral("confirmed")), qPrintable(f.describe(Step::Logout)));
    QVERIFY(!f.runner->isBusy());
}

// Run all is busy from its first step to its last, including the turn between two steps (the next
// one starts on a later turn): busyChanged says true once and false once, so the buttons that follow
// it do not flicker at every step; a failed step ends it idle, and so does Cancel.
void TestFlowRunner::runAllIsBusyFromItsFirstStepToItsLast()
{
    Fixture f;
    QVERIFY(f.setUp());
    f.playTheBrowser = true;
    QSignalSpy busy(f.runner.get(), &ui::FlowRunner::busyChanged);
    bool idleBetweenSteps = false;
    connect(f.runner->steps(), &ui::FlowStepModel::stepChanged, f.runner.get(), [&f, &busy, &idleBetweenSteps] {
        if (!busy.isEmpty() && f.runner->isRunningAll() && !f.runner->isBusy()) // once the run has begun
            idleBetweenSteps = true;
    });
    // Asked on the turn after the last step's outcome (posted before anything the runner posts then).
    std::optional<bool> busyAfterTheLastStep;
    connect(f.runner->steps(), &ui::FlowStepModel::stepChanged, f.runner.get(), [&f, &busyAfterTheLastStep](Step step) {
        if (step == Step::UserInfo && f.state(Step::UserInfo) == State::Ok && !busyAfterTheLastStep)
            QMetaObject::invokeMethod(f.runner.get(), [&f, &busyAfterTheLastStep] { busyAfterTheLastStep = f.runner->isBusy(); }, Qt::QueuedConnection);
    });
    f.runner->runAll();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::UserInfo) == State::Ok, qPrintable(f.describe(Step::UserInfo)), kTimeout);
    QTRY_VERIFY(busyAfterTheLastStep.has_value());
    QVERIFY(!*busyAfterTheLastStep); // idle with the last step: Run all can start again on the next turn
    QVERIFY(!f.runner->isBusy());
    QVERIFY(!idleBetweenSteps);
    QCOMPARE(busy.size(), 2);
    QCOMPARE(busy.at(0).at(0).toBool(), true);
    QCOMPARE(busy.at(1).at(0).toBool(), false);

    // Cancel during a run: idle at once, and no later step starts.
    busy.clear();
    f.runner->runAll();
    QTRY_VERIFY2_WITH_TIMEOUT(f.state(Step::Discovery) == State::Ok, qPrintable(f.describe(Step::Discovery)), kTimeout);
    f.runner->cancel();
    QVERIFY(!f.runner->isBusy());
    QCOMPARE(busy.last().at(0).toBool(), false);
    const auto states = [&f] {
        QList<State> all;
        for (int i = 0; i < ui::FlowStepModel::kLoginStepCount; ++i)
            all << f.state(static_cast<Step>(i));
        return all;
    };
    const QList<State> atCancel = states();
    QVERIFY(!atCancel.contains(State::Running));
    QTest::qWait(100);
    QVERIFY(!f.runner->isBusy());
    QCOMPARE(states(), atCancel);
}

} // namespace tst_flowrunner

OIDCPLAY_QTEST_MAIN(tst_flowrunner, tst_flowrunner::TestFlowRunner)
#include "tst_flowrunner.moc"
