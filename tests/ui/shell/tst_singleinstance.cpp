// The private-use URI scheme redirect's hand-over (RFC 8252 §7.1): ui::SingleInstance on its own
// (what its socket accepts), then the test end to end — the installed desktop entry in an
// XDG data home of the test's own, registered for x-scheme-handler/io.github.oidcplay with
// xdg-mime, `xdg-open` on the redirect the sandbox sent (no desktop environment: xdg-open's generic
// path), the built `oidcplay` started by it handing the URL to this process's flow, which then
// completes with every check. Last, a process started with a redirect while no app runs becomes
// the app and says that nothing waited for it.

#include "BrowserPlayer.h"
#include "FlowTestSupport.h"
#include "QtTestMain.h"

#include "ui/AppContext.h"
#include "ui/flow/FlowRunner.h"
#include "ui/flow/ProfileManager.h"
#include "ui/shell/SingleInstance.h"

#include "oidc/flow/RedirectHandOver.h"
#include "oidc/flow/RedirectWait.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

namespace tst_singleinstance {

using Step = ui::FlowStepModel::Step;
using State = ui::FlowStepModel::State;

constexpr int kTimeout = 60000;
const QString kScheme = QStringLiteral("io.github.oidcplay");
const QString kDesktopId = QStringLiteral("io.github.oidcplay.OidcPlayground.desktop");

struct Ran final {
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs a program while this thread's event loop keeps serving (the guard answers from it).
Ran run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program, arguments);
    Ran ran;
    if (!process.waitForStarted(10000) || !finished.wait(kTimeout)) {
        process.kill();
        process.waitForFinished(5000);
        ran.err = QStringLiteral("%1 did not finish: %2").arg(program, process.errorString());
        return ran;
    }
    ran.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    ran.out = QString::fromUtf8(process.readAllStandardOutput());
    ran.err = QString::fromUtf8(process.readAllStandardError());
    return ran;
}

QString describe(const Ran &ran)
{
    return QStringLiteral("exit %1, stdout: %2, stderr: %3").arg(ran.exitCode).arg(ran.out, ran.err);
}

// One message to a guard and its one-line answer, as the second process sends it.
QString exchange(const QString &serverName, const QByteArray &message)
{
    QLocalSocket socket;
    socket.connectToServer(serverName);
    if (!socket.waitForConnected(5000))
        return QStringLiteral("no connection");
    socket.write(message);
    socket.flush();
    QElapsedTimer clock;
    clock.start();
    while (!socket.canReadLine() && clock.elapsed() < 10000)
        QTest::qWait(10);
    return QString::fromUtf8(socket.readLine()).trimmed();
}

class TestSingleInstance final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void guardAcceptsOnlyPrivateUseRedirectsOfBoundedSize();
    void desktopEntryRegistersTheScheme();
    void xdgOpenHandsTheRedirectToTheWaitingFlow();
    void withoutARunningAppTheNewProcessBecomesTheApp();
    void aStartAfterTheAppWasKilledListensAgain();

private:
    QTemporaryDir m_home;
    QString m_binary;
};

void TestSingleInstance::initTestCase()
{
    m_binary = qEnvironmentVariable("OIDCPLAY_GUI");
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary));
    QVERIFY(m_home.isValid());
    // Configuration and data homes of the test's own: its mimeapps.list and desktop entry, its
    // app's settings and socket name (ui::SingleInstance::defaultServerName). No desktop
    // environment, so xdg-open takes its generic path; no $BROWSER to fall back on.
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    for (const char *name : {"XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID", "BROWSER"})
        qunsetenv(name);
    QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral("config"))));
    QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral("data/applications"))));
    QVERIFY(ui::SingleInstance::defaultServerName().startsWith(QStringLiteral("oidcplay-")));
}

void TestSingleInstance::guardAcceptsOnlyPrivateUseRedirectsOfBoundedSize()
{
    const QString name = QStringLiteral("oidcplay-test-%1").arg(QCoreApplication::applicationPid());
    oidc::flow::RedirectHandOver handOver;
    ui::SingleInstance guard(handOver);
    QSignalSpy received(&guard, &ui::SingleInstance::received);
    const oidc::Status listening = guard.listen(name);
    QVERIFY2(listening.ok(), listening ? "" : listening.error().message.c_str());

    // The same user only: the socket file is the owner's alone.
    QLocalServer probe;
    const QFileInfo socketFile(QDir::temp().filePath(name));
    QVERIFY2(socketFile.exists(), qPrintable(socketFile.filePath()));
    QCOMPARE(socketFile.permissions() & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther),
             QFileDevice::Permissions());

    // One app per name.
    ui::SingleInstance second(handOver);
    const oidc::Status again = second.listen(name);
    QVERIFY(!again.ok());
    QCOMPARE(QString::fromStdString(again.error().code), QStringLiteral("LISTENER_INSTANCE_RUNNING"));

    QVERIFY2(exchange(name, "http://127.0.0.1/callback?code=abc&state=s1\n").startsWith(QStringLiteral("refused LISTENER_FOREIGN_REDIRECT")),
             "an http URL is no private-use scheme redirect");
    QVERIFY(exchange(name, "oidcplay:/callback?code=abc\n").startsWith(QStringLiteral("refused LISTENER_FOREIGN_REDIRECT")));
    QVERIFY(exchange(name, QByteArray(ui::SingleInstance::kMaxMessageBytes + 100, 'a')).startsWith(QStringLiteral("refused LISTENER_TOO_LARGE")));
    QVERIFY(exchange(name, "io.github.oidcplay:/callback?code=abc&state=s1\n").startsWith(QStringLiteral("refused LISTENER_NOT_WAITING")));

    // A wait on the scheme: the URL reaches its judge, and the answer says so.
    oidc::flow::RedirectWait wait;
    int finished = 0;
    connect(&wait, &oidc::flow::RedirectWait::finished, this, [&finished] { ++finished; });
    QList<QUrl> judged;
    QVERIFY(wait.awaitPrivateUse(handOver, kScheme, QStringLiteral("/callback"), kTimeout, [&judged](const QUrl &url) {
                    judged << url;
                    return oidc::flow::RedirectWait::Verdict::accepted();
                }).ok());
    QVERIFY(exchange(name, "com.example.other:/callback?code=abc&state=s1\n").startsWith(QStringLiteral("refused LISTENER_NOT_WAITING")));
    QCOMPARE(exchange(name, "io.github.oidcplay:/callback?code=abc&state=s1\n"), QStringLiteral("accepted"));
    QCOMPARE(judged, QList<QUrl>{QUrl(QStringLiteral("io.github.oidcplay:/callback?code=abc&state=s1"))});
    QCOMPARE(finished, 1);
    QCOMPARE(received.size(), 5); // the oversized message never became a URL
}

void TestSingleInstance::desktopEntryRegistersTheScheme()
{
    QFile entry(qEnvironmentVariable("OIDCPLAY_DESKTOP_ENTRY"));
    QVERIFY2(entry.open(QIODevice::ReadOnly), qPrintable(entry.fileName()));
    const QString text = QString::fromUtf8(entry.readAll());
    const QStringList lines = text.split(QLatin1Char('\n'));
    QVERIFY(lines.contains(QStringLiteral("Exec=oidcplay %u")));
    QVERIFY(lines.contains(QStringLiteral("MimeType=x-scheme-handler/%1;").arg(kScheme)));
    if (const QString validate = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate")); !validate.isEmpty()) {
        const Ran ran = run(validate, {entry.fileName()});
        QVERIFY2(ran.exitCode == 0 && ran.out.isEmpty() && ran.err.isEmpty(), qPrintable(describe(ran)));
    }

    // Installed into the test's data home with Exec at the built binary, and made the scheme's
    // default in the test's configuration home.
    QString installed = text;
    installed.replace(QStringLiteral("Exec=oidcplay %u"), QStringLiteral("Exec=%1 %u").arg(m_binary));
    QFile target(m_home.filePath(QStringLiteral("data/applications/") + kDesktopId));
    QVERIFY(target.open(QIODevice::WriteOnly | QIODevice::Truncate));
    target.write(installed.toUtf8());
    target.close();
    const Ran registered = run(QStringLiteral("xdg-mime"), {QStringLiteral("default"), kDesktopId, QStringLiteral("x-scheme-handler/") + kScheme});
    QVERIFY2(registered.exitCode == 0, qPrintable(describe(registered)));
    const Ran query = run(QStringLiteral("xdg-mime"), {QStringLiteral("query"), QStringLiteral("default"), QStringLiteral("x-scheme-handler/") + kScheme});
    QCOMPARE(query.out.trimmed(), kDesktopId);
}

void TestSingleInstance::xdgOpenHandsTheRedirectToTheWaitingFlow()
{
    QVERIFY2(QFile::exists(m_home.filePath(QStringLiteral("data/applications/") + kDesktopId)), "desktopEntryRegistersTheScheme runs first");
    // xdg-open's generic path consults x-scheme-handler only when a display is named (xvfb-run's).
    QVERIFY2(!qEnvironmentVariable("DISPLAY").isEmpty(), "runs under xvfb-run");

    auto app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*app->context));
    oidc::flow::ProviderProfile profile = app->context->profiles().current();
    profile.browserMode = oidc::flow::BrowserMode::PrivateUseScheme;
    QCOMPARE(profile.privateUseScheme, kScheme);
    ui::FlowRunner runner(app->context->transport(), &app->context->exchangeLog());
    runner.setRedirectHandOver(&app->context->redirectHandOver());
    runner.setProfile(profile);
    runner.setBrowserTimeoutMs(5 * 60 * 1000);

    // This process is the running app: its guard listens where `oidcplay <url>` looks.
    ui::SingleInstance guard(app->context->redirectHandOver());
    QVERIFY(guard.listen(ui::SingleInstance::defaultServerName()).ok());

    // The system browser: signs in as alice and stops at the redirect to the private-use scheme.
    testsupport::BrowserPlayer player;
    QUrl redirect;
    QString playError;
    connect(&player, &testsupport::BrowserPlayer::finished, this, [&](const QUrl &url, int, const QString &error) {
        redirect = url;
        playError = error;
    });
    runner.setSystemBrowserOpener([&player](const QUrl &url) {
        QTimer::singleShot(0, &player, [&player, url] { player.play(url, QStringLiteral("alice@example.com"), testsupport::redirectTarget(url)); });
        return true;
    });
    runner.runAll();
    QTRY_VERIFY_WITH_TIMEOUT(!redirect.isEmpty(), kTimeout);
    QVERIFY2(playError.isEmpty(), qPrintable(playError));
    QCOMPARE(redirect.scheme(), kScheme);
    QCOMPARE(redirect.path(), QStringLiteral("/callback"));
    QVERIFY(QUrlQuery(redirect).hasQueryItem(QStringLiteral("code")));
    QCOMPARE(runner.redirectUri(), QStringLiteral("io.github.oidcplay:/callback"));
    QCOMPARE(runner.steps()->state(Step::Browser), State::Running);

    // A forged redirect (another state) handed over by a second process: refused, the flow waits on.
    QUrl forged = redirect;
    QUrlQuery query(forged);
    const QString code = query.queryItemValue(QStringLiteral("code"));
    query.removeAllQueryItems(QStringLiteral("state"));
    query.addQueryItem(QStringLiteral("state"), QStringLiteral("forged-state"));
    forged.setQuery(query);
    const Ran refused = run(m_binary, {forged.toString(QUrl::FullyEncoded)});
    QVERIFY2(refused.exitCode == 1 && refused.out.contains(QStringLiteral("refused: AUTHZ_STATE_MISMATCH")), qPrintable(describe(refused)));
    QVERIFY2(!refused.out.contains(code) && !refused.err.contains(code), "the code is a secret: never printed");
    QCOMPARE(runner.steps()->state(Step::Browser), State::Running);

    // The real one, through the desktop: xdg-open → the desktop entry → `oidcplay <url>` → this flow.
    const Ran opened = run(QStringLiteral("xdg-open"), {redirect.toString(QUrl::FullyEncoded)});
    QVERIFY2(opened.exitCode == 0, qPrintable(describe(opened)));
    QVERIFY2(opened.out.contains(QStringLiteral("handed the redirect to io.github.oidcplay:/callback to the running OIDC Playground")),
             qPrintable(describe(opened)));
    QTRY_VERIFY2_WITH_TIMEOUT(runner.steps()->state(Step::UserInfo) == State::Ok,
                              qPrintable(ui::FlowStepModel::stateText(runner.steps()->state(Step::UserInfo))), kTimeout);
    for (const Step step : {Step::Browser, Step::Callback, Step::Token, Step::IdToken})
        QCOMPARE(runner.steps()->state(step), State::Ok);
    QVERIFY(runner.session().session().has_value());
    QCOMPARE(runner.lastCallbackUrl(), redirect);
}

void TestSingleInstance::withoutARunningAppTheNewProcessBecomesTheApp()
{
    // No guard listens now (the previous test's closed with it).
    QLocalSocket nobody;
    nobody.connectToServer(ui::SingleInstance::defaultServerName());
    QVERIFY(!nobody.waitForConnected(1000));

    QProcess first;
    first.setProcessChannelMode(QProcess::SeparateChannels);
    first.start(m_binary, {QStringLiteral("io.github.oidcplay:/callback?code=late&state=gone")});
    QVERIFY(first.waitForStarted(10000));
    QString err;
    QTRY_VERIFY2_WITH_TIMEOUT((err += QString::fromUtf8(first.readAllStandardError())).contains(QStringLiteral("no sign-in waits for it")),
                              qPrintable(err), kTimeout);
    QVERIFY2(!err.contains(QStringLiteral("code=late")), qPrintable(err));
    QCOMPARE(first.state(), QProcess::Running);

    // It is the app now: the next redirect is handed to it, and refused there (nothing waits).
    const Ran second = run(m_binary, {QStringLiteral("io.github.oidcplay:/callback?code=later&state=gone")});
    QVERIFY2(second.exitCode == 1 && second.out.contains(QStringLiteral("refused: LISTENER_NOT_WAITING")), qPrintable(describe(second)));
    // Not a private-use scheme redirect: refused before any hand-over.
    const Ran http = run(m_binary, {QStringLiteral("http://127.0.0.1/callback?code=x")});
    QVERIFY2(http.exitCode == 2 && http.err.contains(QStringLiteral("not a redirect to a private-use URI scheme")), qPrintable(describe(http)));

    first.kill();
    QVERIFY(first.waitForFinished(10000));
    // Killed, it left its socket file: the next test starts over it.
}

// An app killed by a signal (SIGKILL: no destructor runs) leaves its socket file, which answers
// nothing. The next start finds no app there, removes it and listens; a live app is still found.
void TestSingleInstance::aStartAfterTheAppWasKilledListensAgain()
{
    const QString name = ui::SingleInstance::defaultServerName();
    const QString socketFile = QDir::temp().filePath(name);
    const auto answers = [&name] {
        QLocalSocket probe;
        probe.connectToServer(name);
        return probe.waitForConnected(1000);
    };
    const auto startApp = [this](QProcess &app) {
        app.setProcessChannelMode(QProcess::SeparateChannels);
        app.start(m_binary, QStringList{});
        return app.waitForStarted(10000);
    };
    // The previous test's app, killed: its file is there, nobody behind it.
    QProcess killed;
    if (!QFileInfo::exists(socketFile)) {
        QVERIFY(startApp(killed));
        QTRY_VERIFY_WITH_TIMEOUT(answers(), kTimeout);
        killed.kill();
        QVERIFY(killed.waitForFinished(10000));
    }
    QVERIFY2(QFileInfo(socketFile).exists(), qPrintable(socketFile));
    QVERIFY(!answers());
    // A redirect handed over now finds no app (and says so at once).
    oidc::flow::RedirectHandOver handOver;
    const auto nobody = ui::SingleInstance::handOver(name, QUrl(QStringLiteral("io.github.oidcplay:/callback?code=a&state=b")), 2000);
    QVERIFY(!nobody.ok());
    QCOMPARE(QString::fromStdString(nobody.error().code), QStringLiteral("LISTENER_NO_INSTANCE"));

    // The next app, started without a redirect: it listens over the stale file.
    QProcess next;
    QVERIFY(startApp(next));
    QTRY_VERIFY_WITH_TIMEOUT(answers(), kTimeout);
    const QString err = QString::fromUtf8(next.readAllStandardError());
    QVERIFY2(!err.contains(QStringLiteral("another OIDC Playground")) && !err.contains(QStringLiteral("cannot listen")), qPrintable(err));
    // It receives the desktop's redirects.
    const Ran handed = run(m_binary, {QStringLiteral("io.github.oidcplay:/callback?code=c&state=d")});
    QVERIFY2(handed.exitCode == 1 && handed.out.contains(QStringLiteral("refused: LISTENER_NOT_WAITING")), qPrintable(describe(handed)));
    // A live app is found: another guard does not take its name, and it still answers after.
    {
        ui::SingleInstance second(handOver);
        const oidc::Status refused = second.listen(name);
        QVERIFY(!refused.ok());
        QCOMPARE(QString::fromStdString(refused.error().code), QStringLiteral("LISTENER_INSTANCE_RUNNING"));
    }
    QVERIFY(answers());

    // Killed in turn: this process's guard starts over its file the same way, and removes it on closing.
    next.kill();
    QVERIFY(next.waitForFinished(10000));
    QVERIFY(QFileInfo::exists(socketFile));
    {
        ui::SingleInstance guard(handOver);
        const oidc::Status listening = guard.listen(name);
        QVERIFY2(listening.ok(), listening ? "" : listening.error().message.c_str());
        QVERIFY(answers());
    }
    QVERIFY(!QFileInfo::exists(socketFile));
}

} // namespace tst_singleinstance

OIDCPLAY_QTEST_MAIN(tst_singleinstance, tst_singleinstance::TestSingleInstance)
#include "tst_singleinstance.moc"
