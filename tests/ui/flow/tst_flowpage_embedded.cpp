// The flow page with the embedded browser (Qt WebEngine, loaded on first use) against the built-in
// sandbox, under Xvfb: the hosted login page loads in the browser and is filled in by script, the
// redirect is intercepted (never loaded) and the tokens appear; every hop is listed; then
// prompt=none succeeds with the browser's cookies and fails with login_required after
// "Clear browser session"; logout is intercepted and its state checked.
//
// Known sandbox problem (reported): its pages send "Content-Security-Policy: form-action 'self'",
// and Chromium applies form-action to the redirect that answers the login form, so a redirect URI
// on another origin (http://127.0.0.1/callback) is refused by the browser. The first test shows
// it (an expected failure while the console reports the refusal; a pass once the sandbox is
// fixed); the second signs in with a redirect URI on the sandbox's own origin, which the browser
// allows and the embedded browser intercepts all the same.

#include "FlowTestSupport.h"
#include "QtTestMain.h"

#include "tests/ui/FindChild.h"

#include "ui/AppContext.h"
#include "ui/browser/BrowserLoader.h"
#include "ui/browser/EmbeddedBrowser.h"
#include "ui/flow/AuthorizeParameterTable.h"
#include "ui/flow/BrowserPane.h"
#include "ui/flow/FlowPage.h"
#include "ui/flow/TokensPanel.h"

#include "sandbox/SandboxHost.h"

#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

namespace tst_flowpage_embedded {

using Step = ui::FlowStepModel::Step;
using State = ui::FlowStepModel::State;
using testing_ui::child;

constexpr int kTimeout = 60000;

QString hops(const QListWidget *list)
{
    QStringList lines;
    for (int i = 0; i < list->count(); ++i)
        lines << list->item(i)->text();
    return lines.join(QLatin1Char('\n'));
}

class TestFlowPageEmbedded final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void hostedLoginRedirectsToTheDefaultRedirectUri();
    void signInSilentlyThenClearTheSession();
};

void TestFlowPageEmbedded::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestFlowPageEmbedded::hostedLoginRedirectsToTheDefaultRedirectUri()
{
    auto app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*app->context));
    ui::FlowPage page(*app->context);
    page.resize(1200, 780);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(!ui::BrowserLoader::isLoaded()); // nothing loads WebEngine before step 5
    auto *browser = child<ui::BrowserPane>(page, "browserPane");
    bool cspRefused = false;
    connect(browser, &ui::BrowserPane::consoleMessage, &page, [&](const QString &, const QString &message) {
        if (message.contains(QStringLiteral("form-action")))
            cspRefused = true;
    });
    connect(browser, &ui::BrowserPane::pageLoaded, &page, [&](const QUrl &url, bool ok) {
        if (ok && url.path() == QLatin1String("/oauth2/v1/authorize"))
            browser->browser()->runJavaScript(QStringLiteral(
                "(function() { var form = document.getElementById('login'); if (!form) return;"
                " document.getElementById('loginId').value = 'alice@example.com'; form.submit(); })();"));
    });
    child<QPushButton>(page, "runAllButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(page.runner()->steps()->state(Step::Browser) == State::Ok || cspRefused, kTimeout);
    QCOMPARE(page.runner()->session().pending()->redirectUri, QStringLiteral("http://127.0.0.1/callback"));
    // The login page has no CSP form-action: a browser must follow its redirect to the client.
    QVERIFY2(!cspRefused, qPrintable(hops(child<QListWidget>(page, "hopList"))));
    QCOMPARE(page.runner()->steps()->state(Step::Browser), State::Ok);
    child<QPushButton>(page, "cancelButton")->click();
}

void TestFlowPageEmbedded::signInSilentlyThenClearTheSession()
{
    auto app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*app->context));
    ui::FlowPage page(*app->context);
    page.resize(1200, 780);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.runner()->profile().browserMode, oidc::flow::BrowserMode::Embedded);
    auto *browser = child<ui::BrowserPane>(page, "browserPane");
    auto *parameters = child<ui::AuthorizeParameterTable>(page, "authorizeParameterTable");
    auto *tokens = child<ui::TokensPanel>(page, "tokensPanel");
    auto *runAll = child<QPushButton>(page, "runAllButton");

    // The "user": fills the hosted login form whenever it shows.
    int loginPages = 0;
    connect(browser, &ui::BrowserPane::pageLoaded, &page, [&](const QUrl &url, bool ok) {
        if (!ok || url.path() != QLatin1String("/oauth2/v1/authorize"))
            return;
        ++loginPages;
        browser->browser()->runJavaScript(QStringLiteral(
            "(function() { var form = document.getElementById('login'); if (!form) return;"
            " document.getElementById('loginId').value = 'alice@example.com'; form.submit(); })();"));
    });

    // 1. A full login in the embedded browser (redirect URI on the sandbox's origin: see the top).
    parameters->setValue(QStringLiteral("redirect_uri"), app->context->sandbox()->baseUrl().toString() + QStringLiteral("/callback"));
    runAll->click();
    QTRY_COMPARE_WITH_TIMEOUT(page.runner()->steps()->state(Step::UserInfo), State::Ok, kTimeout);
    QVERIFY(ui::BrowserLoader::isLoaded());
    QCOMPARE(loginPages, 1);
    QTRY_VERIFY(tokens->hasSession());
    QVERIFY(child<QLabel>(page, "sessionLabel")->text().contains(QStringLiteral("alice@example.com")));
    const QString hopText = hops(child<QListWidget>(page, "hopList"));
    QVERIFY2(hopText.contains(QStringLiteral("intercepted")) && hopText.contains(QStringLiteral("form")), qPrintable(hopText));
    QVERIFY2(hopText.contains(QStringLiteral("[redacted")), qPrintable(hopText)); // the code is never listed in full
    // The browser's storage is the profile's own.
    QVERIFY(QDir(app->context->browserStoragePath(QStringLiteral("sandbox"))).exists());
    const QString firstAccess = tokens->token(ui::TokensPanel::Token::Access);

    // 2. prompt=none: the browser's cookie signs in without a page.
    parameters->setValue(QStringLiteral("prompt"), QStringLiteral("none"));
    runAll->click();
    QTRY_COMPARE_WITH_TIMEOUT(page.runner()->steps()->state(Step::UserInfo), State::Ok, kTimeout);
    QCOMPARE(loginPages, 1);
    QTRY_VERIFY(tokens->token(ui::TokensPanel::Token::Access) != firstAccess);

    // 3. Clear the browser session: prompt=none now fails with login_required.
    child<QPushButton>(page, "clearBrowserSessionButton")->click();
    QTest::qWait(500); // the cookie store deletes asynchronously
    runAll->click();
    QTRY_COMPARE_WITH_TIMEOUT(page.runner()->steps()->state(Step::Browser), State::Failed, kTimeout);
    const auto &entry = page.runner()->steps()->entry(Step::Browser);
    QCOMPARE(QString::fromStdString(entry.error->code), QStringLiteral("AUTHZ_PROVIDER_ERROR"));
    QVERIFY2(QString::fromStdString(entry.error->message).contains(QStringLiteral("login_required")), entry.error->message.c_str());
    QCOMPARE(loginPages, 1);
    QVERIFY(tokens->hasSession()); // the earlier session stays

    // 4. Sign in again, then log out through the embedded browser.
    parameters->setValue(QStringLiteral("prompt"), QString());
    runAll->click();
    QTRY_COMPARE_WITH_TIMEOUT(page.runner()->steps()->state(Step::UserInfo), State::Ok, kTimeout);
    QCOMPARE(loginPages, 2);
    child<QPushButton>(page, "logoutButton")->click();
    QTRY_COMPARE_WITH_TIMEOUT(page.runner()->steps()->state(Step::Logout), State::Ok, kTimeout);
    QVERIFY(page.runner()->steps()->entry(Step::Logout).summary.contains(QStringLiteral("confirmed")));
    QTRY_VERIFY(!tokens->hasSession());
    // The provider's session is gone too: prompt=none fails again.
    parameters->setValue(QStringLiteral("prompt"), QStringLiteral("none"));
    runAll->click();
    QTRY_COMPARE_WITH_TIMEOUT(page.runner()->steps()->state(Step::Browser), State::Failed, kTimeout);
    QCOMPARE(loginPages, 2);
}

} // namespace tst_flowpage_embedded

OIDCPLAY_QTEST_MAIN(tst_flowpage_embedded, tst_flowpage_embedded::TestFlowPageEmbedded)
#include "tst_flowpage_embedded.moc"
