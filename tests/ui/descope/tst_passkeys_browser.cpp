// The Passkeys area's system-browser path end to end in a real browser (issue 10): the panel's
// opener hands each ceremony page to Debian's Chromium, headless, with a CDP virtual authenticator
// (tests/node/passkey-chromium.mjs: one browser, one tab, one authenticator for the whole run);
// the page runs navigator.credentials.create/get, posts the credential back to the app's
// loopback listener, and the app sends it to the in-process sandbox's finish. Sign up, sign in,
// sign up or in and add a device are accepted by the sandbox (the session shown); Cancel
// mid-ceremony closes the listener, so Chromium then finds nothing on its port.
// Where Chromium cannot start, every test is skipped with the reason.

#include "QtTestMain.h"
#include "tests/ui/FindChild.h"
#include "tests/ui/descope/DescopeUiTestSupport.h"

#include "FlowTestSupport.h"
#include "PasskeyChromium.h"

#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/PasskeysPanel.h"
#include "ui/descope/SessionView.h"
#include "ui/flow/ProfileManager.h"

#include <QComboBox>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace tst_passkeys_browser {

using descope_testing::waitFor;
using testing_ui::child;

static bool isListening(const QUrl &url)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), static_cast<quint16>(url.port()));
    return socket.waitForConnected(2000);
}

class TestPasskeysBrowser final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();

    void signUpInChromium();
    void signInInChromium();
    void signUpOrInSignsAKnownUserIn();
    void addDeviceRegistersChromiumForASoftwareUser();
    void cancelMidCeremonyClosesTheListener();

private:
    [[nodiscard]] ui::DescopeContext &descope() const { return m_app->context->descope(); }
    [[nodiscard]] QWidget &panel() const { return *m_panel; }
    [[nodiscard]] QLabel &status() const { return *child<QLabel>(panel(), "runStatus"); }
    [[nodiscard]] QLabel &refusal() const { return *child<QLabel>(panel(), "passkeyRefusal"); }
    [[nodiscard]] QString response() const { return child<QPlainTextEdit>(panel(), "ceremonyResponse")->toPlainText(); }
    void chooseSystemBrowser(bool browser);
    // Clicks `button` for `loginId` and waits for the end; true when accepted. The page's result
    // line from Chromium lands in m_lastResult.
    bool runCeremony(const char *button, const QString &loginId);

    QTemporaryDir m_dataDir;
    std::unique_ptr<oidc::test::PasskeyChromium> m_chromium;
    std::unique_ptr<testsupport::TestApp> m_app;
    std::unique_ptr<ui::MainWindow> m_window;
    ui::PasskeysPanel *m_panel = nullptr;
    QList<QUrl> m_opened;
    bool m_handToChromium = true;
    QJsonObject m_lastResult;
    QString m_user;
};

void TestPasskeysBrowser::initTestCase()
{
    m_chromium = std::make_unique<oidc::test::PasskeyChromium>();
    if (!m_chromium->isReady())
        QSKIP(qPrintable(QStringLiteral("headless Chromium is not available, the system-browser path is not tested here: ") + m_chromium->skipReason()));
    qInfo("Chromium: %s", qPrintable(m_chromium->version()));
    QVERIFY(m_dataDir.isValid());
    qputenv("XDG_DATA_HOME", m_dataDir.path().toUtf8());
    m_app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*m_app->context));
    m_window = std::make_unique<ui::MainWindow>(m_app->context.get());
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(m_window->showArea(ui::areas::kPasskeys.toString()));
    m_panel = qobject_cast<ui::PasskeysPanel *>(m_window->areaPanel(ui::areas::kPasskeys.toString()));
    QVERIFY(m_panel);
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_panel->setSystemBrowserOpener([this](const QUrl &url) {
        m_opened.append(url);
        if (m_handToChromium)
            m_chromium->open(url);
        return true;
    });
    QVERIFY(waitFor([this] { return child<QPushButton>(panel(), "signUpButton")->isEnabled(); }));
    m_user = QStringLiteral("chromium-%1@example.com").arg(QDateTime::currentMSecsSinceEpoch());
}

void TestPasskeysBrowser::init()
{
    m_app->context->profiles().setCurrent(ui::ProfileManager::sandboxId());
    QVERIFY(descope().hasProject());
    descope().clearSession();
    chooseSystemBrowser(true);
    m_handToChromium = true;
    m_lastResult = {};
}

void TestPasskeysBrowser::cleanupTestCase()
{
    m_window.reset();
    m_app.reset();
    m_chromium.reset();
}

void TestPasskeysBrowser::chooseSystemBrowser(bool browser)
{
    auto *combo = child<QComboBox>(panel(), "authenticatorCombo");
    combo->setCurrentIndex(combo->findData(browser));
    QCOMPARE(child<QComboBox>(panel(), "tamperCombo")->isEnabled(), !browser);
}

bool TestPasskeysBrowser::runCeremony(const char *button, const QString &loginId)
{
    const qsizetype opened = m_opened.size();
    child<QLineEdit>(panel(), "loginIdEdit")->setText(loginId);
    child<QLineEdit>(panel(), "displayNameEdit")->setText(QStringLiteral("Chris Chromium"));
    status().clear();
    child<QPushButton>(panel(), button)->click();
    auto *cancel = child<QPushButton>(panel(), "cancelButton");
    if (!waitFor([cancel] { return !cancel->isEnabled(); }, 60000))
        return false;
    if (m_opened.size() > opened && m_handToChromium)
        m_lastResult = m_chromium->nextResult();
    return !refusal().isVisible() && (status().text().contains(QStringLiteral("Signed in")) || status().text().contains(QStringLiteral("Device added")));
}

void TestPasskeysBrowser::signUpInChromium()
{
    QVERIFY2(runCeremony("signUpButton", m_user), qPrintable(refusal().text() + status().text()));
    // The page was opened once, at the app's loopback origin, and posted a registration.
    QCOMPARE(m_opened.size(), 1);
    const QUrl page = m_opened.last();
    QCOMPARE(page.scheme(), QStringLiteral("http"));
    QCOMPARE(page.host(), QStringLiteral("localhost"));
    QVERIFY(page.path().startsWith(QStringLiteral("/ceremony/")));
    QVERIFY2(m_lastResult.value(QStringLiteral("ok")).toBool(), QJsonDocument(m_lastResult).toJson().constData());
    QCOMPARE(m_lastResult.value(QStringLiteral("credentials")).toInt(), 1); // Chromium's authenticator holds it
    qInfo("sign-up page open → post: %.1f ms", m_lastResult.value(QStringLiteral("openToPostMs")).toDouble());
    // The sandbox accepted it: the session is the app's, shown with its checks.
    QVERIFY(descope().hasSession());
    QCOMPARE(descope().session()->loginIds.front(), m_user.toStdString());
    QVERIFY(child<ui::SessionView>(panel(), "session")->isTrusted());
    // The inspector decodes Chromium's registration: its client data names the page's origin.
    QVERIFY(response().contains(QStringLiteral("\"webauthn.create\"")));
    QVERIFY(response().contains(QStringLiteral("\"") + page.adjusted(QUrl::RemovePath).toString() + QStringLiteral("\"")));
    // The software authenticator was not involved; the listener is closed.
    QCOMPARE(child<QTableWidget>(panel(), "credentialsTable")->rowCount(), 0);
    QVERIFY(waitFor([&] { return !isListening(page); }));
    QVERIFY(!child<QWidget>(panel(), "browserWait")->isVisible());
}

void TestPasskeysBrowser::signInInChromium()
{
    QVERIFY2(runCeremony("signInButton", m_user), qPrintable(refusal().text() + status().text()));
    QVERIFY2(m_lastResult.value(QStringLiteral("ok")).toBool(), QJsonDocument(m_lastResult).toJson().constData());
    qInfo("sign-in page open → post: %.1f ms", m_lastResult.value(QStringLiteral("openToPostMs")).toDouble());
    QVERIFY(descope().hasSession());
    QCOMPARE(descope().session()->loginIds.front(), m_user.toStdString());
    QVERIFY(response().contains(QStringLiteral("\"webauthn.get\"")));
    QVERIFY(response().contains(QStringLiteral("\"signature\"")));
    QVERIFY(waitFor([&] { return !isListening(m_opened.last()); }));
}

void TestPasskeysBrowser::signUpOrInSignsAKnownUserIn()
{
    QVERIFY2(runCeremony("signUpOrInButton", m_user), qPrintable(refusal().text() + status().text()));
    QVERIFY(m_lastResult.value(QStringLiteral("ok")).toBool());
    QCOMPARE(descope().session()->loginIds.front(), m_user.toStdString());
    QVERIFY(response().contains(QStringLiteral("\"webauthn.get\"")));
}

void TestPasskeysBrowser::addDeviceRegistersChromiumForASoftwareUser()
{
    // A user signed up with the software authenticator…
    const QString user = QStringLiteral("software-then-chromium-%1@example.com").arg(QDateTime::currentMSecsSinceEpoch());
    chooseSystemBrowser(false);
    const qsizetype opened = m_opened.size();
    QVERIFY2(runCeremony("signUpButton", user), qPrintable(refusal().text() + status().text()));
    QCOMPARE(m_opened.size(), opened); // no browser for the software authenticator
    // …adds Chromium as a second device, then signs in with it.
    chooseSystemBrowser(true);
    QVERIFY(child<QPushButton>(panel(), "addDeviceButton")->isEnabled());
    QVERIFY2(runCeremony("addDeviceButton", user), qPrintable(refusal().text() + status().text()));
    QVERIFY(status().text().contains(QStringLiteral("Device added")));
    QVERIFY(m_lastResult.value(QStringLiteral("ok")).toBool());
    descope().clearSession();
    QVERIFY2(runCeremony("signInButton", user), qPrintable(refusal().text() + status().text()));
    QCOMPARE(descope().session()->loginIds.front(), user.toStdString());
}

void TestPasskeysBrowser::cancelMidCeremonyClosesTheListener()
{
    // The page is served and waits; the user cancels before the browser answers.
    m_handToChromium = false;
    child<QLineEdit>(panel(), "loginIdEdit")->setText(m_user);
    const qsizetype opened = m_opened.size();
    child<QPushButton>(panel(), "signInButton")->click();
    QVERIFY(waitFor([&] { return m_opened.size() > opened; }));
    const QUrl page = m_opened.last();
    QVERIFY(child<QWidget>(panel(), "browserWait")->isVisible());
    QCOMPARE(child<QLineEdit>(panel(), "browserUrl")->text(), page.toString());
    QVERIFY(child<QLabel>(panel(), "browserWaitText")->text().contains(QStringLiteral("left")));
    QVERIFY(isListening(page));
    auto *cancel = child<QPushButton>(panel(), "cancelButton");
    QVERIFY(cancel->isEnabled());
    cancel->click();
    QVERIFY(status().text().startsWith(QStringLiteral("Cancelled")));
    QVERIFY(!child<QWidget>(panel(), "browserWait")->isVisible());
    QVERIFY(!descope().hasSession());
    QVERIFY(waitFor([&] { return !isListening(page); }));
    // Chromium, opening the page now, finds nobody there.
    m_chromium->open(page);
    const QJsonObject result = m_chromium->nextResult();
    QCOMPARE(result.value(QStringLiteral("ok")).toBool(true), false);
    QVERIFY2(result.value(QStringLiteral("error")).toString().contains(QStringLiteral("ERR_CONNECTION_REFUSED")),
             QJsonDocument(result).toJson().constData());
}

} // namespace tst_passkeys_browser

OIDCPLAY_QTEST_MAIN(tst_passkeys_browser, tst_passkeys_browser::TestPasskeysBrowser)
#include "tst_passkeys_browser.moc"
