// View ▸ Presentation mode in the app's window: the toggle hides the developer panes and shows the
// narration line (Esc leaves, unless a step runs for it to cancel); secrets stay masked even after
// a Reveal or Show click — the exchange log, the provider bar's management key, a secret
// CopyableField, the inspector's HMAC secret; the zoom keys change presentation mode's own size,
// which is remembered while the mode itself is not; and the narration follows a login on the flow
// page against the in-process sandbox, in the core's sentences.

#include "BrowserPlayer.h"
#include "FlowTestSupport.h"
#include "QtTestMain.h"
#include "ShellTestSupport.h"

#include "tests/ui/FindChild.h"

#include "ui/CopyableField.h"
#include "ui/MainWindow.h"
#include "ui/Presentation.h"
#include "ui/descope/TotpEnrollmentView.h"
#include "ui/flow/FlowPage.h"
#include "ui/log/ExchangeLogPanel.h"
#include "ui/shell/FlowControl.h"
#include "ui/shell/Preferences.h"

#include "oidc/flow/FlowStep.h"
#include "oidc/net/ExchangeLog.h"
#include "sandbox/SandboxHost.h"

#include <QApplication>
#include <QBuffer>
#include <QImage>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>

namespace tst_presentation {

using Step = ui::FlowStepModel::Step;
using State = ui::FlowStepModel::State;
using testing_ui::child;
using ui::Command;
using ui::MainWindow;

constexpr int kPresentationTimeout = 30000;

// A flow of the test's own whose Cancel is available, as while a step runs.
class RunningFlow final : public ui::FlowControl {
public:
    int cancelCalls = 0;

    [[nodiscard]] Availability availability() const override { return Availability{.cancel = true}; }
    void runAll() override {}
    void nextStep() override {}
    void cancel() override { ++cancelCalls; }
    void reset() override {}
    void refreshTokens() override {}
};

void showActiveWindow(QWidget &window)
{
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
}

void pressKeys(QWidget &window, const QKeySequence &keys)
{
    QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : &window;
    QTest::keySequence(target, keys);
}

const QKeySequence kPresentKeys(QStringLiteral("Ctrl+Shift+P"));

class TestPresentation final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void toggleHidesTheDeveloperPanesAndEscLeaves();
    void escCancelsARunningStepBeforeItLeaves();
    void secretsStayMaskedEvenAfterARevealClick();
    void zoomKeysChangeAndRememberThePresentationSize();
    void theTotpQrCodeIsHiddenWhilePresenting();
    void narrationFollowsALoginAgainstTheSandbox();
};

void TestPresentation::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestPresentation::cleanup()
{
    QVERIFY(!ui::Presentation::instance().isActive()); // every window that presented ended it
}

void TestPresentation::toggleHidesTheDeveloperPanesAndEscLeaves()
{
    shelltest::ShellApp app;
    MainWindow &window = app.open();
    showActiveWindow(window);
    QVERIFY(window.showArea(ui::areas::kAuthorizationCode.toString()));
    auto *areaList = child<QListView>(window, "areaList");
    auto *providerBar = child<QWidget>(window, "providerBar");
    auto *tokensPane = child<QWidget>(window, "tokensPane");
    auto *narration = child<QWidget>(window, "narrationBar");
    QTRY_VERIFY(tokensPane->isVisible());
    QVERIFY(areaList->isVisible() && providerBar->isVisible() && window.statusBar()->isVisible());
    QVERIFY(!narration->isVisible());

    pressKeys(window, kPresentKeys);
    QVERIFY(window.isPresenting());
    QVERIFY(ui::Presentation::instance().isActive());
    QVERIFY(window.action(Command::TogglePresentation)->isChecked());
    QVERIFY(!areaList->isVisible());
    QVERIFY(!child<QWidget>(window, "workspacePane")->isVisible()); // the whole left column goes
    QVERIFY(!providerBar->isVisible());
    QVERIFY(!window.statusBar()->isVisible());
    QVERIFY(!tokensPane->isVisible());
    QVERIFY(narration->isVisible());
    QCOMPARE(window.currentArea(), ui::areas::kAuthorizationCode.toString()); // the area stays, large
    const QString hint = child<QLabel>(window, "presentationHint")->text();
    QVERIFY2(hint.contains(QStringLiteral("Esc")) && hint.contains(kPresentKeys.toString(QKeySequence::NativeText)), qPrintable(hint));
    QVERIFY(child<QLabel>(window, "presentationHint")->isVisible());

    pressKeys(window, QKeySequence(Qt::Key_Escape));
    QVERIFY(!window.isPresenting());
    QVERIFY(!ui::Presentation::instance().isActive());
    QVERIFY(!window.action(Command::TogglePresentation)->isChecked());
    QVERIFY(areaList->isVisible() && providerBar->isVisible() && window.statusBar()->isVisible() && tokensPane->isVisible());
    QVERIFY(!narration->isVisible());

    // A pane hidden by its own toggle before stays hidden after the mode; the same keys leave too.
    window.action(Command::ToggleAreaList)->trigger();
    QVERIFY(!areaList->isVisible());
    pressKeys(window, kPresentKeys);
    QVERIFY(window.isPresenting());
    pressKeys(window, kPresentKeys);
    QVERIFY(!window.isPresenting());
    QVERIFY(!areaList->isVisible());
    QVERIFY(providerBar->isVisible());
}

void TestPresentation::escCancelsARunningStepBeforeItLeaves()
{
    shelltest::ShellApp app;
    MainWindow &window = app.open();
    showActiveWindow(window);
    RunningFlow flow;
    window.setFlowControl(&flow);
    window.setPresenting(true);
    pressKeys(window, QKeySequence(Qt::Key_Escape));
    QCOMPARE(flow.cancelCalls, 1);
    QVERIFY(window.isPresenting());
    window.setFlowControl(nullptr); // nothing runs: Esc leaves
    pressKeys(window, QKeySequence(Qt::Key_Escape));
    QCOMPARE(flow.cancelCalls, 1);
    QVERIFY(!window.isPresenting());
}

void TestPresentation::secretsStayMaskedEvenAfterARevealClick()
{
    shelltest::ShellApp app;
    MainWindow &window = app.open();
    QVERIFY(testsupport::startSandbox(*app.context));
    showActiveWindow(window);
    app.context->preferences().setConfirmReveal(false); // no dialog: Reveal reveals at once when allowed

    // The provider bar's management key: Reveal shows it in the everyday window, never while presenting.
    const QString key = app.context->sandbox()->managementKey();
    QVERIFY(!key.isEmpty());
    auto *keyLabel = child<QLabel>(window, "providerMgmtKey");
    auto *keyReveal = child<QToolButton>(window, "providerMgmtKeyReveal");
    QTRY_VERIFY(keyReveal->isVisible());
    keyReveal->click();
    QVERIFY(keyLabel->text().contains(key));
    window.setPresenting(true);
    QVERIFY(!keyLabel->text().contains(key));
    QVERIFY(keyLabel->text().contains(QStringLiteral("[redacted]")));
    keyReveal->click();
    QVERIFY(!keyReveal->isChecked());
    QVERIFY(!keyLabel->text().contains(key));
    window.setPresenting(false);

    // The exchange log's Reveal secrets: a discovery request to have an exchange, then the click.
    QVERIFY(window.showArea(ui::areas::kAuthorizationCode.toString()));
    auto *page = qobject_cast<ui::FlowPage *>(window.areaPanel(ui::areas::kAuthorizationCode.toString()));
    QVERIFY(page);
    page->runner()->runStep(Step::Discovery);
    QTRY_VERIFY_WITH_TIMEOUT(page->runner()->steps()->state(Step::Discovery) == State::Ok, kPresentationTimeout);
    QVERIFY(window.showArea(ui::areas::kExchangeLog.toString()));
    auto *log = qobject_cast<ui::ExchangeLogPanel *>(window.areaPanel(ui::areas::kExchangeLog.toString()));
    QVERIFY(log);
    log->selectRow(0);
    auto *reveal = child<QPushButton>(*log, "revealSecretsButton");
    QVERIFY(reveal->isEnabled());
    reveal->click();
    QVERIFY(log->isRevealed()); // the everyday window reveals
    window.setPresenting(true);
    QVERIFY(!log->isRevealed()); // presenting hides what was revealed
    reveal->click();
    QVERIFY(!log->isRevealed());
    QVERIFY(!reveal->isChecked());
    QVERIFY(!child<QLabel>(*log, "revealWarningLabel")->isVisible());

    // A secret CopyableField (a TOTP key, an access key's cleartext) shows it masked; Copy still copies it.
    const QString secret = QStringLiteral("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    ui::CopyableField field(QStringLiteral("probeSecret"));
    field.setSecret(true);
    field.setText(secret);
    auto *edit = child<QLineEdit>(field, "probeSecretEdit");
    QVERIFY(!edit->text().contains(secret));
    QVERIFY(!edit->toolTip().contains(secret));
    child<QPushButton>(field, "probeSecretCopyButton")->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), secret);
    ui::CopyableField plain(QStringLiteral("probePlain")); // not a secret (a state, a challenge): shown
    plain.setText(secret);
    QCOMPARE(child<QLineEdit>(plain, "probePlainEdit")->text(), secret);

    // The JWT inspector's HMAC secret: Show switches itself off and the text stays a password.
    QVERIFY(window.showArea(ui::areas::kJwtInspector.toString()));
    QWidget *inspector = window.areaPanel(ui::areas::kJwtInspector.toString());
    auto *hmac = child<QLineEdit>(*inspector, "hmacSecretEdit");
    auto *show = child<QToolButton>(*inspector, "showSecretButton");
    show->click();
    QVERIFY(!show->isChecked());
    QCOMPARE(hmac->echoMode(), QLineEdit::Password);

    window.setPresenting(false);
    QCOMPARE(edit->text(), secret); // the everyday window shows the field's value again
    show->click();
    QCOMPARE(hmac->echoMode(), QLineEdit::Normal);
}

void TestPresentation::zoomKeysChangeAndRememberThePresentationSize()
{
    shelltest::ShellApp app;
    MainWindow &window = app.open();
    showActiveWindow(window);
    ui::Preferences &preferences = app.context->preferences();
    const int platform = QApplication::font().pointSize();
    QVERIFY(platform > 0 && platform != ui::Preferences::kDefaultPresentationFontPoints);

    pressKeys(window, kPresentKeys);
    QCOMPARE(QApplication::font().pointSize(), ui::Preferences::kDefaultPresentationFontPoints);
    pressKeys(window, QKeySequence(QStringLiteral("Ctrl+=")));
    QCOMPARE(preferences.presentationFontPointSize(), ui::Preferences::kDefaultPresentationFontPoints + 1);
    QCOMPARE(QApplication::font().pointSize(), ui::Preferences::kDefaultPresentationFontPoints + 1);
    pressKeys(window, QKeySequence(QStringLiteral("Ctrl+-")));
    pressKeys(window, QKeySequence(QStringLiteral("Ctrl+-")));
    const int presentationSize = ui::Preferences::kDefaultPresentationFontPoints - 1;
    QCOMPARE(preferences.presentationFontPointSize(), presentationSize);
    QCOMPARE(QApplication::font().pointSize(), presentationSize);
    QCOMPARE(preferences.fontPointSize(), 0); // the everyday size is left alone

    pressKeys(window, QKeySequence(Qt::Key_Escape));
    QCOMPARE(QApplication::font().pointSize(), platform);
    pressKeys(window, QKeySequence(QStringLiteral("Ctrl+=")));
    QCOMPARE(preferences.fontPointSize(), platform + 1); // outside the mode the keys change the everyday size
    QCOMPARE(preferences.presentationFontPointSize(), presentationSize);
    pressKeys(window, QKeySequence(QStringLiteral("Ctrl+0")));

    // A restart: the size is remembered, the mode is not.
    MainWindow &again = app.open();
    showActiveWindow(again);
    QVERIFY(!again.isPresenting());
    QCOMPARE(QApplication::font().pointSize(), platform);
    QCOMPARE(app.context->preferences().presentationFontPointSize(), presentationSize);
    pressKeys(again, kPresentKeys);
    QCOMPARE(QApplication::font().pointSize(), presentationSize);
    pressKeys(again, QKeySequence(QStringLiteral("Ctrl+0")));
    QCOMPARE(QApplication::font().pointSize(), ui::Preferences::kDefaultPresentationFontPoints);
    again.setPresenting(false);
    QCOMPARE(QApplication::font().pointSize(), platform);
}

void TestPresentation::narrationFollowsALoginAgainstTheSandbox()
{
    auto app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*app->context));
    MainWindow window(app->context.get());
    showActiveWindow(window);
    auto *page = qobject_cast<ui::FlowPage *>(window.areaPanel(ui::areas::kAuthorizationCode.toString()));
    QVERIFY(page);
    QVERIFY(window.showArea(ui::areas::kAuthorizationCode.toString()));
    child<QRadioButton>(*page, "systemBrowserRadio")->click();
    page->flushSettings();
    testsupport::BrowserPlayer browser;
    page->setSystemBrowserOpener([&browser](const QUrl &url) {
        QTimer::singleShot(50, &browser, [&browser, url] {
            browser.play(url, QStringLiteral("alice@example.com"), testsupport::redirectTarget(url));
        });
        return true;
    });

    window.setPresenting(true);
    QSignalSpy narrated(&ui::Presentation::instance(), &ui::Presentation::narrationChanged);
    child<QPushButton>(*page, "runAllButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(page->runner()->steps()->state(Step::UserInfo) == State::Ok, kPresentationTimeout);

    // Each login step as it started, in order, in the core's words; the line shows the last.
    QStringList sentences;
    for (const QList<QVariant> &arguments : std::as_const(narrated))
        sentences << arguments.at(0).toString();
    QStringList expected;
    for (const Step step : {Step::Discovery, Step::Keys, Step::Prepare, Step::Authorize, Step::Browser, Step::Callback, Step::Token,
                            Step::IdToken, Step::UserInfo})
        expected << oidc::flow::flowStepNarration(step);
    QCOMPARE(sentences.join(u'\n'), expected.join(u'\n'));
    QCOMPARE(child<QLabel>(window, "narrationText")->text(), oidc::flow::flowStepNarration(Step::UserInfo));
    QVERIFY(child<QLabel>(window, "narrationText")->text().startsWith(QStringLiteral("Step 9 of 9: ")));
    window.setPresenting(false);
}

void TestPresentation::theTotpQrCodeIsHiddenWhilePresenting()
{
    // The QR code encodes the authenticator's seed: masked while presenting, like the key.
    QImage code(21, 21, QImage::Format_Mono);
    code.fill(0);
    QByteArray png;
    QBuffer buffer(&png);
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QVERIFY(code.save(&buffer, "PNG"));
    ui::TotpEnrollmentView view;
    QSignalSpy shown(&view, &ui::TotpEnrollmentView::qrShown);
    view.setEnrollment({"otpauth://totp/x?secret=GEZDGNBVGY3TQOJQ", "GEZDGNBVGY3TQOJQ", png});
    QVERIFY(shown.wait(5000));
    auto *image = child<QLabel>(view, "totpQrImage");
    QVERIFY(!image->pixmap().isNull());

    ui::Presentation::instance().setActive(true);
    QVERIFY(image->pixmap().isNull());
    QVERIFY(image->text().contains(QStringLiteral("hidden")));
    ui::Presentation::instance().setActive(false);
    QVERIFY(!image->pixmap().isNull());
}

} // namespace tst_presentation

OIDCPLAY_QTEST_MAIN(tst_presentation, tst_presentation::TestPresentation)
#include "tst_presentation.moc"
