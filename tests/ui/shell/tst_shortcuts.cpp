// The menu bar's keyboard shortcuts, one test per family: every command of the table is an action
// with its keys (and no key is used twice), Ctrl+1…9 switch areas, zoom changes the font size
// app-wide through the preference, the Flow keys reach the flow page's runner (and a FlowControl
// of the test's own, only when the command applies), Ctrl+F focuses the exchange log's filter,
// Ctrl+Shift+C copies the token, and the shortcuts window lists the same table.

#include "QtTestMain.h"
#include "ShellTestSupport.h"

#include "ui/JwtInspectorPanel.h"
#include "ui/MainWindow.h"
#include "ui/flow/FlowPage.h"
#include "ui/har/HarAnalysisPanel.h"
#include "ui/har/HarExportDialog.h"
#include "ui/shell/CommandTable.h"
#include "ui/shell/FlowControl.h"
#include "ui/shell/Preferences.h"
#include "ui/shell/TourDialog.h"

#include "oidc/har/HarWriter.h"
#include "oidc/net/ExchangeLog.h"

#include "tests/ui/FindChild.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QSet>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

namespace tst_shortcuts {

using shelltest::actionNamed;
using testing_ui::child;
using ui::Command;
using ui::MainWindow;

// A flow of the test's own: counts the commands that reach it.
class CountingFlow final : public ui::FlowControl {
public:
    Availability can;
    int runAllCalls = 0;
    int nextCalls = 0;
    int cancelCalls = 0;
    int resetCalls = 0;

    [[nodiscard]] Availability availability() const override { return can; }
    void runAll() override { ++runAllCalls; }
    void nextStep() override { ++nextCalls; }
    void cancel() override { ++cancelCalls; }
    void reset() override { ++resetCalls; }
    void refreshTokens() override {}

    void set(Availability next)
    {
        can = next;
        Q_EMIT availabilityChanged();
    }
};

void showActive(QWidget &window)
{
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
}

void press(QWidget &window, const QKeySequence &keys)
{
    QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : &window;
    QTest::keySequence(target, keys);
}

class TestShortcuts final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyCommandIsAnActionWithItsKeys();
    void ctrlDigitSwitchesToTheNthArea();
    void zoomChangesTheFontSizeAppWide();
    void flowKeysReachTheFlowPagesRunner();
    void flowKeysActOnlyWhenTheyApply();
    void findFocusesTheExchangeLogFilter();
    void fileMenuExportsAndOpensHarFiles();
    void copyTokenCopiesTheShownToken();
    void shortcutsWindowListsTheTable();
    void helpShowsTheTourAndTheVersions();
};

void TestShortcuts::everyCommandIsAnActionWithItsKeys()
{
    MainWindow window;
    QSet<QString> keysSeen;
    for (int value = 0; value <= static_cast<int>(Command::About); ++value) {
        const auto command = static_cast<Command>(value);
        const ui::CommandSpec &spec = ui::commandSpec(command);
        QCOMPARE(static_cast<int>(spec.command), value);
        QAction *action = window.action(command);
        QVERIFY2(action, spec.objectName);
        QCOMPARE(action->objectName(), QString::fromLatin1(spec.objectName));
        QCOMPARE(action->shortcuts(), ui::shortcutsOf(spec));
        for (const QKeySequence &key : action->shortcuts()) {
            const QString text = key.toString(QKeySequence::PortableText);
            QVERIFY2(!keysSeen.contains(text), qPrintable(QStringLiteral("%1 is used twice").arg(text)));
            keysSeen.insert(text);
        }
    }
    // Standard keys where the platform has them, explicit ones as the table says.
    for (const QKeySequence &standard : QKeySequence::keyBindings(QKeySequence::Quit))
        QVERIFY(window.action(Command::Quit)->shortcuts().contains(standard));
    QVERIFY(window.action(Command::Quit)->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+Q"))));
    QVERIFY(window.action(Command::Preferences)->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+,"))));
    QVERIFY(window.action(Command::CopyToken)->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+Shift+C"))));
    QVERIFY(window.action(Command::RunAll)->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+R"))));
    QVERIFY(window.action(Command::NextStep)->shortcuts().contains(QKeySequence(QStringLiteral("F10"))));
    QVERIFY(window.action(Command::CancelFlow)->shortcuts().contains(QKeySequence(Qt::Key_Escape)));
}

void TestShortcuts::ctrlDigitSwitchesToTheNthArea()
{
    MainWindow window;
    showActive(window);
    QTRY_COMPARE(window.currentArea(), QStringLiteral("pkce-generator"));
    // View lists the areas by name; the first nine have Ctrl+1…9.
    QCOMPARE(actionNamed(window, "showArea9Action")->text(), QStringLiteral("PKCE Generator"));
    QCOMPARE(actionNamed(window, "showArea10Action")->text(), QStringLiteral("JWT Inspector"));
    // '&' in a title is shown, not taken as a mnemonic ("Client Credentials _M2M" otherwise).
    QCOMPARE(actionNamed(window, "showArea2Action")->text(), QStringLiteral("Client Credentials && M2M"));
    // Ctrl+1: the Authorization Code area, not built in a bare window: nothing happens.
    QVERIFY(!actionNamed(window, "showArea1Action")->isEnabled());
    press(window, QKeySequence(QStringLiteral("Ctrl+1")));
    QCOMPARE(window.currentArea(), QStringLiteral("pkce-generator"));
    actionNamed(window, "showArea10Action")->trigger();
    QCOMPARE(window.currentArea(), QStringLiteral("jwt-inspector"));
    press(window, QKeySequence(QStringLiteral("Ctrl+9")));
    QCOMPARE(window.currentArea(), QStringLiteral("pkce-generator"));

    // In the app, Ctrl+1 shows the flow page and Ctrl+8 the Inbox.
    shelltest::ShellApp app;
    MainWindow &appWindow = app.open();
    showActive(appWindow);
    press(appWindow, QKeySequence(QStringLiteral("Ctrl+8")));
    QCOMPARE(appWindow.currentArea(), QStringLiteral("inbox"));
    press(appWindow, QKeySequence(QStringLiteral("Ctrl+1")));
    QCOMPARE(appWindow.currentArea(), QStringLiteral("authorization-code"));
    QVERIFY(qobject_cast<ui::FlowPage *>(appWindow.areaPanel(QStringLiteral("authorization-code"))));
}

void TestShortcuts::zoomChangesTheFontSizeAppWide()
{
    shelltest::ShellApp app;
    MainWindow &window = app.open();
    showActive(window);
    ui::Preferences &preferences = app.context->preferences();
    const int platform = QApplication::font().pointSize();
    QVERIFY(platform > 0);
    QCOMPARE(preferences.fontPointSize(), 0);

    press(window, QKeySequence(QStringLiteral("Ctrl+=")));
    QCOMPARE(preferences.fontPointSize(), platform + 1);
    QCOMPARE(QApplication::font().pointSize(), platform + 1);
    press(window, QKeySequence(QKeySequence::ZoomOut));
    press(window, QKeySequence(QKeySequence::ZoomOut));
    QCOMPARE(preferences.fontPointSize(), platform - 1);
    QCOMPARE(QApplication::font().pointSize(), platform - 1);
    QCOMPARE(window.font().pointSize(), platform - 1); // the window follows the application font
    press(window, QKeySequence(QStringLiteral("Ctrl+0")));
    QCOMPARE(preferences.fontPointSize(), 0);
    QCOMPARE(QApplication::font().pointSize(), platform);
}

void TestShortcuts::flowKeysReachTheFlowPagesRunner()
{
    shelltest::ShellApp app;
    MainWindow &window = app.open();
    showActive(window);
    // The flow page is built after the first frame; the Flow menu follows its runner from then on.
    QTRY_VERIFY(window.findChild<ui::FlowPage *>());
    auto *page = window.findChild<ui::FlowPage *>();
    QTRY_VERIFY(actionNamed(window, "runAllAction")->isEnabled());
    QVERIFY(actionNamed(window, "nextStepAction")->isEnabled());
    QVERIFY(!actionNamed(window, "cancelFlowAction")->isEnabled());
    QVERIFY(!actionNamed(window, "refreshTokensAction")->isEnabled()); // no session
    const auto discovery = [page] { return page->runner()->steps()->entry(ui::FlowStepModel::Step::Discovery).state; };
    QCOMPARE(discovery(), ui::FlowStepModel::State::Pending);
    // The sandbox is not running here: discovery has no issuer and fails at once — the runner ran.
    press(window, QKeySequence(QStringLiteral("Ctrl+R")));
    QTRY_VERIFY(discovery() != ui::FlowStepModel::State::Pending);
    QTRY_VERIFY(!page->runner()->isBusy());
    // Reset puts every step back to pending.
    press(window, QKeySequence(QStringLiteral("Ctrl+Shift+R")));
    QCOMPARE(discovery(), ui::FlowStepModel::State::Pending);
    // F10 runs the next step: discovery again.
    press(window, QKeySequence(Qt::Key_F10));
    QTRY_VERIFY(discovery() != ui::FlowStepModel::State::Pending);
    // View ▸ Tokens pane hides the page's side pane.
    QWidget *tokensPane = child<QWidget>(*page, "tokensPane");
    QVERIFY(tokensPane->isVisible());
    press(window, QKeySequence(QStringLiteral("Ctrl+Shift+T")));
    QVERIFY(tokensPane->isHidden());
    press(window, QKeySequence(QStringLiteral("Ctrl+Shift+T")));
    QVERIFY(tokensPane->isVisible());
    // The area list too (its whole column, with the workspace pane under it).
    press(window, QKeySequence(QStringLiteral("Ctrl+Shift+L")));
    QVERIFY(child<QWidget>(window, "areaColumn")->isHidden());
    QVERIFY(!child<QWidget>(window, "areaList")->isVisible());
    press(window, QKeySequence(QStringLiteral("Ctrl+Shift+L")));
    QVERIFY(child<QWidget>(window, "areaList")->isVisible());
}

void TestShortcuts::flowKeysActOnlyWhenTheyApply()
{
    MainWindow window;
    showActive(window);
    // No flow: every Flow command is disabled.
    for (const char *name : {"runAllAction", "nextStepAction", "cancelFlowAction", "resetFlowAction", "refreshTokensAction"})
        QVERIFY2(!actionNamed(window, name)->isEnabled(), name);
    CountingFlow flow;
    window.setFlowControl(&flow);
    flow.set({.runAll = true, .nextStep = true, .cancel = false, .reset = true});
    QVERIFY(actionNamed(window, "runAllAction")->isEnabled());
    QVERIFY(!actionNamed(window, "cancelFlowAction")->isEnabled());
    press(window, QKeySequence(Qt::Key_Escape)); // nothing runs: Esc is not Cancel now
    QCOMPARE(flow.cancelCalls, 0);
    press(window, QKeySequence(QStringLiteral("Ctrl+R")));
    QCOMPARE(flow.runAllCalls, 1);
    // Running: Cancel applies, Run all and Next step do not.
    flow.set({.runAll = false, .nextStep = false, .cancel = true, .reset = true});
    QVERIFY(actionNamed(window, "cancelFlowAction")->isEnabled());
    press(window, QKeySequence(Qt::Key_F10));
    press(window, QKeySequence(QStringLiteral("Ctrl+R")));
    QCOMPARE(flow.nextCalls, 0);
    QCOMPARE(flow.runAllCalls, 1);
    press(window, QKeySequence(Qt::Key_Escape));
    QCOMPARE(flow.cancelCalls, 1);
    press(window, QKeySequence(QStringLiteral("Ctrl+Shift+R")));
    QCOMPARE(flow.resetCalls, 1);
    window.setFlowControl(nullptr);
}

void TestShortcuts::findFocusesTheExchangeLogFilter()
{
    shelltest::ShellApp app;
    MainWindow &window = app.open();
    showActive(window);
    for (const char *url : {"https://issuer.example/.well-known/openid-configuration", "https://issuer.example/jwks"}) {
        oidc::net::HttpExchange exchange;
        exchange.request.url = QUrl(QString::fromLatin1(url));
        app.context->exchangeLog().add(exchange);
    }
    press(window, QKeySequence(QKeySequence::Find));
    QCOMPARE(window.currentArea(), QStringLiteral("exchange-log"));
    QTRY_VERIFY(QApplication::focusWidget());
    QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("logFilterEdit"));
    // What is typed filters the exchanges; clearing it shows them all again.
    auto *table = child<QTableView>(window, "exchangeTable");
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("JWKS"));
    QVERIFY(table->isRowHidden(0));
    QVERIFY(!table->isRowHidden(1));
    child<QLineEdit>(window, "logFilterEdit")->clear();
    QVERIFY(!table->isRowHidden(0));
}

void TestShortcuts::fileMenuExportsAndOpensHarFiles()
{
    shelltest::ShellApp app;
    MainWindow &window = app.open();
    showActive(window);
    oidc::net::HttpExchange exchange;
    exchange.request.url = QUrl(QStringLiteral("https://issuer.example/.well-known/openid-configuration"));
    oidc::net::HttpResponse response;
    response.status = 429;
    exchange.response = response;
    app.context->exchangeLog().add(exchange);

    // File ▸ Export exchange log as HAR: the Exchange Log and its export dialog.
    press(window, QKeySequence(QStringLiteral("Ctrl+E")));
    QCOMPARE(window.currentArea(), QStringLiteral("exchange-log"));
    QTRY_VERIFY(window.findChild<ui::HarExportDialog *>());
    window.findChild<ui::HarExportDialog *>()->reject();

    // A .har file dropped anywhere on the window opens in the HAR Analysis area.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("from-a-customer.har"));
    std::vector<const oidc::net::ExchangeRecord *> records;
    for (const auto &record : app.context->exchangeLog().records())
        records.push_back(&record);
    QVERIFY(oidc::har::HarWriter::save(oidc::har::HarWriter::document(records), path).ok());
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QCOMPARE(window.currentArea(), QStringLiteral("har-analysis"));
    auto *har = window.findChild<ui::HarAnalysisPanel *>();
    QVERIFY(har);
    QSignalSpy finished(har, &ui::HarAnalysisPanel::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), true);

    // Anything else dropped is left to the widgets under it.
    QMimeData other;
    other.setUrls({QUrl::fromLocalFile(dir.filePath(QStringLiteral("notes.txt")))});
    QDragEnterEvent refused(QPoint(20, 20), Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
    refused.ignore();
    QApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());
}

void TestShortcuts::copyTokenCopiesTheShownToken()
{
    MainWindow window;
    showActive(window);
    QVERIFY(window.showArea(QStringLiteral("jwt-inspector")));
    auto *inspector = qobject_cast<ui::JwtInspectorPanel *>(window.areaPanel(QStringLiteral("jwt-inspector")));
    QVERIFY(inspector);
    const QString token = QStringLiteral("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.");
    inspector->setToken(token);
    QGuiApplication::clipboard()->clear();
    press(window, QKeySequence(QStringLiteral("Ctrl+Shift+C")));
    QCOMPARE(QGuiApplication::clipboard()->text(), token);
    // An area without a token copies nothing.
    QVERIFY(window.showArea(QStringLiteral("pkce-generator")));
    QGuiApplication::clipboard()->clear();
    press(window, QKeySequence(QStringLiteral("Ctrl+Shift+C")));
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());
}

void TestShortcuts::shortcutsWindowListsTheTable()
{
    MainWindow window;
    showActive(window);
    press(window, QKeySequence(QStringLiteral("Ctrl+/")));
    auto *dialog = window.findChild<QDialog *>(QStringLiteral("shortcutsDialog"));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    auto *table = child<QTableWidget>(*dialog, "shortcutsTable");
    QStringList expected;
    for (const ui::CommandSpec &spec : ui::commandTable()) {
        const QList<QKeySequence> keys = ui::shortcutsOf(spec);
        if (!keys.isEmpty())
            expected << keys.first().toString(QKeySequence::NativeText);
    }
    QCOMPARE(table->rowCount(), expected.size());
    for (int row = 0; row < table->rowCount(); ++row)
        QVERIFY2(table->item(row, 2)->text().startsWith(expected.at(row)), qPrintable(table->item(row, 2)->text()));
    // The area rows are named after the areas.
    QVERIFY(!table->findItems(QStringLiteral("PKCE Generator"), Qt::MatchExactly).isEmpty());
    dialog->close();
}

void TestShortcuts::helpShowsTheTourAndTheVersions()
{
    MainWindow window;
    showActive(window);
    // F1 (HelpContents): the README's tour, built into the app.
    press(window, QKeySequence(QKeySequence::HelpContents));
    auto *tour = window.findChild<QDialog *>(QStringLiteral("tourDialog"));
    QVERIFY(tour);
    QVERIFY(ui::TourDialog::tourMarkdown().startsWith(QStringLiteral("## A short tour")));
    QVERIFY(!ui::TourDialog::tourMarkdown().contains(QStringLiteral("\n## "), Qt::CaseSensitive));
    tour->close();
    // About: the app, Qt at run time and build time, OpenSSL, the build.
    actionNamed(window, "aboutAction")->trigger();
    auto *about = window.findChild<QDialog *>(QStringLiteral("aboutDialog"));
    QVERIFY(about);
    const QString versions = child<QLabel>(*about, "aboutVersions")->text();
    QVERIFY2(versions.contains(QStringLiteral("Qt %1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR))),
             qPrintable(versions));
    QVERIFY2(versions.contains(QStringLiteral("OpenSSL 3.")), qPrintable(versions));
    QVERIFY2(versions.contains(QStringLiteral("Version 0.")), qPrintable(versions));
    QVERIFY2(versions.contains(QStringLiteral("Build: ")), qPrintable(versions));
    about->close();
}

} // namespace tst_shortcuts

OIDCPLAY_QTEST_MAIN(tst_shortcuts, tst_shortcuts::TestShortcuts)
#include "tst_shortcuts.moc"
