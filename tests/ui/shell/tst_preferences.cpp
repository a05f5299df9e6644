// Preferences: Ctrl+, opens them; a changed request timeout holds for the next request, a changed
// theme repaints the app (and its custom colours) at once, new profiles and automatic refresh
// follow, the reveal-secrets confirmation is asked — and all of it is still there for a new
// MainWindow on the same settings. The window's geometry, splitters and last area come back, and
// the status bar follows the provider, the sandbox and the exchange log.

#include "QtTestMain.h"
#include "ShellTestSupport.h"

#include "ui/MainWindow.h"
#include "ui/UiText.h"
#include "ui/flow/FlowPage.h"
#include "ui/flow/ProfileManager.h"
#include "ui/shell/Preferences.h"
#include "ui/widgets/Tones.h"
#include "ui/widgets/Type.h"

#include "oidc/net/ExchangeLog.h"
#include "oidc/net/HttpTransport.h"

#include "tests/ui/FindChild.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QElapsedTimer>
#include <QFont>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <optional>

namespace tst_preferences {

using shelltest::actionNamed;
using testing_ui::child;
using ui::MainWindow;
using ui::Preferences;

void showActive(QWidget &window)
{
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
}

QDialog *openPreferences(MainWindow &window)
{
    QTest::keySequence(&window, QKeySequence(QStringLiteral("Ctrl+,")));
    auto *dialog = window.findChild<QDialog *>(QStringLiteral("preferencesDialog"));
    if (dialog && !dialog->isVisible())
        return nullptr;
    return dialog;
}

class TestPreferences final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void ctrlCommaOpensThePreferences();
    void requestTimeoutAppliesToTheNextRequestAndPersists();
    void themeAppliesAtOnceAndPersists();
    void newProfilesAndAutomaticRefreshFollowThePreferences();
    void revealingSecretsAsksFirst();
    void geometrySplittersAndLastAreaComeBack();
    void statusBarFollowsProviderSandboxAndLog();
};

void TestPreferences::ctrlCommaOpensThePreferences()
{
    shelltest::ShellApp app;
    MainWindow &window = app.open();
    showActive(window);
    QDialog *dialog = openPreferences(window);
    QVERIFY(dialog);
    // Every preference is there, by name.
    for (const char *name : {"themeCombo", "fontSizeSpin", "requestTimeoutSpin", "browserModeCombo", "redirectPortSpin", "clockLeewaySpin",
                             "automaticRefreshCheck", "confirmRevealCheck"})
        QVERIFY2(dialog->findChild<QWidget *>(QString::fromLatin1(name)), name);
    // A second Ctrl+, raises the same dialog.
    QTest::keySequence(&window, QKeySequence(QStringLiteral("Ctrl+,")));
    QCOMPARE(window.findChildren<QDialog *>(QStringLiteral("preferencesDialog")).size(), 1);
}

void TestPreferences::requestTimeoutAppliesToTheNextRequestAndPersists()
{
    // A server on loopback that accepts and never answers: only the timeout ends a request.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> held;
    connect(&silent, &QTcpServer::newConnection, &silent, [&silent, &held] {
        while (QTcpSocket *socket = silent.nextPendingConnection())
            held << socket;
    });

    shelltest::ShellApp app;
    MainWindow &window = app.open();
    showActive(window);
    QDialog *dialog = openPreferences(window);
    QVERIFY(dialog);
    child<QSpinBox>(*dialog, "requestTimeoutSpin")->setValue(1);
    QCOMPARE(app.context->preferences().requestTimeoutSeconds(), 1);

    oidc::net::HttpRequest request; // the core's default timeout: 30 s
    request.url = QUrl(QStringLiteral("http://127.0.0.1:%1/slow").arg(silent.serverPort()));
    std::optional<oidc::Result<oidc::net::HttpResponse>> result;
    QElapsedTimer clock;
    clock.start();
    (void)app.context->transport().send(request, this, [&result](oidc::Result<oidc::net::HttpResponse> answer) { result = std::move(answer); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 15000);
    QVERIFY(!result->ok());
    QCOMPARE(result->error().code, std::string("NET_TIMEOUT"));
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));

    // A new window on the same settings: the preference is kept.
    MainWindow &again = app.open();
    showActive(again);
    QCOMPARE(app.context->preferences().requestTimeoutSeconds(), 1);
    QDialog *reopened = openPreferences(again);
    QVERIFY(reopened);
    QCOMPARE(child<QSpinBox>(*reopened, "requestTimeoutSpin")->value(), 1);
}

void TestPreferences::themeAppliesAtOnceAndPersists()
{
    shelltest::ShellApp app;
    MainWindow &window = app.open();
    showActive(window);
    QVERIFY(!ui::isDarkPalette(QApplication::palette()));
    // Widgets coloured before the switch: a banner and a caption.
    QLabel *banner = ui::plainLabel(QStringLiteral("refused"), &window);
    ui::setTone(banner, ui::Tone::Bad);
    QLabel *caption = ui::typeLabel(ui::Type::Caption, QStringLiteral("what it is for"));
    caption->setParent(&window);
    QCOMPARE(caption->palette().color(QPalette::WindowText), ui::ink(ui::Ink::Muted, false));

    QDialog *dialog = openPreferences(window);
    QVERIFY(dialog);
    auto *theme = child<QComboBox>(*dialog, "themeCombo");
    theme->setCurrentIndex(theme->findData(static_cast<int>(Preferences::Theme::Dark)));
    QVERIFY(ui::isDarkPalette(QApplication::palette()));
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
    QVERIFY(ui::isDarkPalette(window.palette()));
    QVERIFY(banner->styleSheet().contains(ui::boxColors(ui::Box::Bad, true).text.name()));
    QCOMPARE(caption->palette().color(QPalette::WindowText), ui::ink(ui::Ink::Muted, true));

    // Kept for the next start.
    MainWindow &again = app.open();
    showActive(again);
    QCOMPARE(app.context->preferences().theme(), Preferences::Theme::Dark);
    QVERIFY(ui::isDarkPalette(QApplication::palette()));

    // Light, then the system's again.
    app.context->preferences().setTheme(Preferences::Theme::Light);
    QVERIFY(!ui::isDarkPalette(QApplication::palette()));
    app.context->preferences().setTheme(Preferences::Theme::System);
    QVERIFY(!ui::isDarkPalette(QApplication::palette()));
}

void TestPreferences::newProfilesAndAutomaticRefreshFollowThePreferences()
{
    shelltest::ShellApp app;
    MainWindow &window = app.open();
    showActive(window);
    QTRY_VERIFY(window.findChild<ui::FlowPage *>());
    auto *autoRefresh = child<QCheckBox>(window, "autoRefreshCheck");
    QVERIFY(!autoRefresh->isChecked());
    QDialog *dialog = openPreferences(window);
    QVERIFY(dialog);
    child<QCheckBox>(*dialog, "automaticRefreshCheck")->setChecked(true);
    QVERIFY(autoRefresh->isChecked());

    auto *browser = child<QComboBox>(*dialog, "browserModeCombo");
    browser->setCurrentIndex(browser->findData(static_cast<int>(oidc::flow::BrowserMode::System)));
    child<QSpinBox>(*dialog, "redirectPortSpin")->setValue(53682);
    child<QSpinBox>(*dialog, "clockLeewaySpin")->setValue(90);
    // The sandbox's profile (no flow settings of the user's yet) and a new profile take them.
    const oidc::flow::ProviderProfile *sandbox = app.context->profiles().profile(ui::ProfileManager::sandboxId());
    QVERIFY(sandbox);
    QCOMPARE(sandbox->browserMode, oidc::flow::BrowserMode::System);
    QCOMPARE(sandbox->redirectPort, quint16(53682));
    QCOMPARE(sandbox->security.leewaySeconds, qint64(90));
    const oidc::flow::ProviderProfile blank = app.context->profiles().blankProfile(QStringLiteral("New provider"));
    QCOMPARE(blank.browserMode, oidc::flow::BrowserMode::System);
    QCOMPARE(blank.redirectPort, quint16(53682));
    QCOMPARE(blank.security.leewaySeconds, qint64(90));

    // The third kind of redirect (RFC 8252 §7.1) is a default a new profile can take too.
    const int privateUse = browser->findData(static_cast<int>(oidc::flow::BrowserMode::PrivateUseScheme));
    QVERIFY(privateUse >= 0);
    browser->setCurrentIndex(privateUse);
    QCOMPARE(app.context->profiles().blankProfile(QStringLiteral("Native")).browserMode, oidc::flow::BrowserMode::PrivateUseScheme);

    // Kept: the next window's flow page starts with automatic refresh on.
    MainWindow &again = app.open();
    showActive(again);
    QTRY_VERIFY(again.findChild<ui::FlowPage *>());
    QVERIFY(child<QCheckBox>(again, "autoRefreshCheck")->isChecked());
    QCOMPARE(app.context->profiles().profile(ui::ProfileManager::sandboxId())->redirectPort, quint16(53682));
}

void TestPreferences::revealingSecretsAsksFirst()
{
    shelltest::ShellApp app;
    MainWindow &window = app.open();
    showActive(window);
    oidc::net::HttpExchange exchange;
    exchange.request.url = QUrl(QStringLiteral("https://issuer.example/token"));
    exchange.request.method = "POST";
    exchange.request.body = "grant_type=authorization_code&code=secret-code";
    oidc::net::HttpResponse response;
    response.status = 200;
    exchange.response = response;
    app.context->exchangeLog().add(exchange);
    QVERIFY(window.showArea(QStringLiteral("exchange-log")));
    auto *reveal = child<QPushButton>(window, "revealSecretsButton");
    QVERIFY(reveal->isEnabled());

    // Asked (the default): Cancel keeps the secrets redacted.
    bool asked = false;
    QTimer::singleShot(0, this, [&asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        asked = box != nullptr;
        if (box)
            box->button(QMessageBox::Cancel)->click();
    });
    reveal->click();
    QVERIFY(asked);
    QVERIFY(!reveal->isChecked());

    // Not asked once the preference is off.
    app.context->preferences().setConfirmReveal(false);
    reveal->click();
    QVERIFY(reveal->isChecked());
}

void TestPreferences::geometrySplittersAndLastAreaComeBack()
{
    shelltest::ShellApp app;
    {
        MainWindow &window = app.open();
        showActive(window);
        window.resize(1000, 640);
        QTRY_COMPARE(window.size(), QSize(1000, 640));
        child<QSplitter>(window, "mainSplitter")->setSizes({300, 700});
        QVERIFY(window.showArea(QStringLiteral("exchange-log")));
        auto *logSplitter = child<QSplitter>(window, "logSplitter");
        const int total = logSplitter->sizes().at(0) + logSplitter->sizes().at(1);
        logSplitter->setSizes({total / 4, total - total / 4});
        window.close();
    }
    const QList<int> mainSizes = {300, 700};
    MainWindow &again = app.open();
    QCOMPARE(again.size(), QSize(1000, 640)); // before the first frame
    QCOMPARE(again.currentArea(), QStringLiteral("exchange-log"));
    showActive(again);
    QCOMPARE(child<QSplitter>(again, "mainSplitter")->sizes().at(0), mainSizes.at(0));
    QTRY_VERIFY(again.findChild<QSplitter *>(QStringLiteral("logSplitter")));
    const QList<int> logSizes = child<QSplitter>(again, "logSplitter")->sizes();
    QVERIFY2(logSizes.at(0) < logSizes.at(1) / 2, qPrintable(QStringLiteral("%1 %2").arg(logSizes.at(0)).arg(logSizes.at(1))));
}

void TestPreferences::statusBarFollowsProviderSandboxAndLog()
{
    shelltest::ShellApp app;
    MainWindow &window = app.open();
    showActive(window);
    const QString provider = app.context->profiles().current().name;
    QCOMPARE(child<QLabel>(window, "statusProvider")->text(), QStringLiteral("Provider: %1").arg(provider));
    QCOMPARE(child<QLabel>(window, "statusSandbox")->text(), QStringLiteral("Sandbox: starting soon"));
    auto *last = child<QLabel>(window, "statusLastExchange");
    QCOMPARE(last->text(), QStringLiteral("No exchange yet"));
    // Followed from the first frame on.
    QTRY_VERIFY(window.findChild<ui::FlowPage *>());
    oidc::net::HttpExchange exchange;
    exchange.request.url = QUrl(QStringLiteral("https://issuer.example/.well-known/openid-configuration"));
    oidc::net::HttpResponse response;
    response.status = 404;
    exchange.response = response;
    exchange.elapsedMs = 12;
    app.context->exchangeLog().add(exchange);
    QVERIFY2(last->text().startsWith(QStringLiteral("Last: GET issuer.example · 404 · 12 ms · ")), qPrintable(last->text()));
    QVERIFY(last->width() >= last->sizeHint().width());
    // Another font: the field is fitted again to the text shown, though that shape was fitted already.
    const int fitted = last->minimumWidth();
    QFont bigger = last->font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.5);
    last->setFont(bigger);
    QTRY_VERIFY(last->minimumWidth() > fitted);
    QVERIFY(last->minimumWidth() >= last->sizeHint().width());
    app.context->exchangeLog().clear();
    QCOMPARE(last->text(), QStringLiteral("No exchange yet"));
}

} // namespace tst_preferences

OIDCPLAY_QTEST_MAIN(tst_preferences, tst_preferences::TestPreferences)
#include "tst_preferences.moc"
