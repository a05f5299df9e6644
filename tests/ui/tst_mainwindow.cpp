// The main window: areas in order, disabled ones with a note, enabled ones switch the page,
// lazy panels, later registration, the provider bar, and the start-up probe.

#include "QtTestMain.h"
#include "ui/AreaItemDelegate.h"
#include "ui/AreaListModel.h"
#include "ui/FirstPaintWatcher.h"
#include "ui/MainWindow.h"
#include "ui/ProviderBar.h"
#include "ui/StartupProbe.h"
#include "ui/shell/StartupWarmUp.h"

#include "tests/ui/FindChild.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLibraryInfo>
#include <QListView>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>

namespace tst_mainwindow {

using ui::AreaListModel;
using ui::MainWindow;
using testing_ui::child;

// The area list's model, as the window's list shows it.
ui::AreaListModel *areasOf(const QObject &window)
{
    return qobject_cast<ui::AreaListModel *>(testing_ui::child<QListView>(window, "areaList")->model());
}

class TestMainWindow final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void startupWarmUpOpensTheImagePlugins(); // first: no window has loaded them yet
    void titleAndSize();
    void areasInProductOrder();
    void disabledAreasAreDisabledWithANote();
    void startsOnTheFirstEnabledAreaAndCreatesOthersLazily();
    void clickingAnEnabledAreaSwitchesThePage();
    void clickingADisabledAreaDoesNothing();
    void laterCodeCanEnableAnArea();
    void providerBarHasNoFakeData();
    void startupProbeMeasuresTheFirstPaint();
    void startupProbeWaitsForTheSandbox();
};

// The start-up warm-up (ui/shell/StartupWarmUp.h) opens every image-format plugin's library on its
// thread, so that Qt's load of them for the menu bar's first icon finds them open.
void TestMainWindow::startupWarmUpOpensTheImagePlugins()
{
    const QDir folder(QLibraryInfo::path(QLibraryInfo::PluginsPath) + QStringLiteral("/imageformats"));
    const QStringList plugins = folder.entryList({QStringLiteral("*.so")}, QDir::Files);
    QVERIFY(!plugins.isEmpty());
    const auto mapped = [] {
        QFile maps(QStringLiteral("/proc/self/maps"));
        return maps.open(QIODevice::ReadOnly) ? maps.readAll() : QByteArray();
    };
    const QByteArray before = mapped();
    for (const QString &plugin : plugins)
        QVERIFY2(!before.contains("imageformats/" + plugin.toUtf8()), qPrintable(plugin));
    ui::StartupWarmUp warmUp;
    warmUp.join();
    const QByteArray after = mapped();
    for (const QString &plugin : plugins)
        QVERIFY2(after.contains("imageformats/" + plugin.toUtf8()), qPrintable(plugin));
}

void TestMainWindow::titleAndSize()
{
    MainWindow window;
    QCOMPARE(window.windowTitle(), QStringLiteral("OIDC Playground"));
    QCOMPARE(window.size(), QSize(1280, 800));
}

void TestMainWindow::areasInProductOrder()
{
    MainWindow window;
    QAbstractItemModelTester tester(areasOf(window), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QStringList expected = {
        QStringLiteral("Authorization Code + PKCE"), QStringLiteral("Client Credentials & M2M"), QStringLiteral("Enchanted Link"),
        QStringLiteral("Magic Link, OTP & TOTP"), QStringLiteral("Passkeys"), QStringLiteral("Step-up"), QStringLiteral("Session"),
        QStringLiteral("Inbox"), QStringLiteral("PKCE Generator"), QStringLiteral("JWT Inspector"), QStringLiteral("Exchange Log"),
    };
    QStringList titles;
    for (int row = 0; row < areasOf(window)->rowCount(); ++row)
        titles << areasOf(window)->index(row).data().toString();
    QCOMPARE(titles, expected);
}

void TestMainWindow::disabledAreasAreDisabledWithANote()
{
    MainWindow window;
    AreaListModel *model = areasOf(window);
    const QStringList enabled = {QStringLiteral("pkce-generator"), QStringLiteral("jwt-inspector")};
    auto *delegate = qobject_cast<ui::AreaItemDelegate *>(child<QListView>(window, "areaList")->itemDelegate());
    QVERIFY(delegate);
    QStyleOptionViewItem option;
    option.initFrom(child<QListView>(window, "areaList"));
    const int oneLine = QFontMetrics(option.font).height();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row);
        const QString id = index.data(AreaListModel::IdRole).toString();
        const QString note = index.data(AreaListModel::NoteRole).toString();
        QVERIFY2(!note.isEmpty(), qPrintable(id));
        // Title and note on two lines.
        QVERIFY(delegate->sizeHint(option, index).height() > 2 * oneLine);
        if (enabled.contains(id)) {
            QVERIFY2(model->flags(index) & Qt::ItemIsEnabled, qPrintable(id));
        } else {
            QVERIFY2(!(model->flags(index) & Qt::ItemIsEnabled), qPrintable(id));
            QVERIFY2(!(model->flags(index) & Qt::ItemIsSelectable), qPrintable(id));
            QVERIFY2(note.startsWith(QStringLiteral("Not built yet")), qPrintable(note));
        }
    }
}

void TestMainWindow::startsOnTheFirstEnabledAreaAndCreatesOthersLazily()
{
    MainWindow window;
    QCOMPARE(window.currentArea(), QStringLiteral("pkce-generator"));
    QCOMPARE(child<QListView>(window, "areaList")->currentIndex().data(AreaListModel::IdRole).toString(), QStringLiteral("pkce-generator"));
    // Its panel comes after the first frame, the others when they are first shown.
    QVERIFY(!window.findChild<QWidget *>(QStringLiteral("pkceGeneratorPanel")));
    window.show();
    auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("areaStack"));
    QVERIFY(stack);
    QTRY_VERIFY(stack->currentWidget());
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("pkceGeneratorPanel"));
    QCOMPARE(window.currentArea(), QStringLiteral("pkce-generator"));
    QVERIFY(!window.findChild<QWidget *>(QStringLiteral("jwtInspectorPanel")));
    QCOMPARE(child<QListView>(window, "areaList")->currentIndex().data(AreaListModel::IdRole).toString(), QStringLiteral("pkce-generator"));
}

void TestMainWindow::clickingAnEnabledAreaSwitchesThePage()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QListView *list = child<QListView>(window, "areaList");
    const QModelIndex inspector = areasOf(window)->index(areasOf(window)->rowOf(QStringLiteral("jwt-inspector")));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(inspector).center());
    QCOMPARE(window.currentArea(), QStringLiteral("jwt-inspector"));
    auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("areaStack"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("jwtInspectorPanel"));

    const QModelIndex pkce = areasOf(window)->index(areasOf(window)->rowOf(QStringLiteral("pkce-generator")));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(pkce).center());
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("pkceGeneratorPanel"));
    // The inspector was kept, not rebuilt.
    QCOMPARE(window.findChildren<QWidget *>(QStringLiteral("jwtInspectorPanel")).size(), 1);
}

void TestMainWindow::clickingADisabledAreaDoesNothing()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QListView *list = child<QListView>(window, "areaList");
    const QModelIndex passkeys = areasOf(window)->index(areasOf(window)->rowOf(QStringLiteral("passkeys")));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(passkeys).center());
    QCOMPARE(window.currentArea(), QStringLiteral("pkce-generator"));
    QVERIFY(!window.showArea(QStringLiteral("passkeys")));
    QVERIFY(!window.showArea(QStringLiteral("no-such-area")));
}

void TestMainWindow::laterCodeCanEnableAnArea()
{
    MainWindow window;
    auto *log = new QLabel(QStringLiteral("exchange log"));
    QVERIFY(window.setAreaPanel(QStringLiteral("exchange-log"), log));
    const QModelIndex index = areasOf(window)->index(areasOf(window)->rowOf(QStringLiteral("exchange-log")));
    QVERIFY(areasOf(window)->flags(index) & Qt::ItemIsEnabled);
    QVERIFY(window.showArea(QStringLiteral("exchange-log")));
    QCOMPARE(window.findChild<QStackedWidget *>(QStringLiteral("areaStack"))->currentWidget(), log);

    int created = 0;
    QVERIFY(window.setAreaFactory(QStringLiteral("session"), [&created] {
        ++created;
        return new QLabel(QStringLiteral("session"));
    }));
    QCOMPARE(created, 0);
    QVERIFY(window.showArea(QStringLiteral("session")));
    QVERIFY(window.showArea(QStringLiteral("session")));
    QCOMPARE(created, 1);

    auto *custom = new QLabel(QStringLiteral("custom"));
    window.addArea(QStringLiteral("custom"), QStringLiteral("Custom"), custom, QStringLiteral("a note"));
    QCOMPARE(areasOf(window)->rowCount(), 12);
    QVERIFY(window.showArea(QStringLiteral("custom")));
    QVERIFY(!window.setAreaPanel(QStringLiteral("unknown"), new QLabel));
}

void TestMainWindow::providerBarHasNoFakeData()
{
    MainWindow window;
    ui::ProviderBar *bar = child<ui::ProviderBar>(window, "providerBar");
    QVERIFY(bar);
    QCOMPARE(child<QComboBox>(*bar, "providerCombo")->count(), 0);
    QVERIFY(!child<QComboBox>(*bar, "providerCombo")->isEnabled());
    QCOMPARE(child<QLabel>(*bar, "providerStatusLabel")->textFormat(), Qt::PlainText);
    QVERIFY(child<QLabel>(*bar, "providerStatusLabel")->text().contains(QStringLiteral("sandbox")));
    // The placeholder is not worth copying; a status is.
    QVERIFY(!(child<QLabel>(*bar, "providerStatusLabel")->textInteractionFlags() & Qt::TextSelectableByMouse));
    bar->setStatus(QStringLiteral("https://issuer.example"));
    QVERIFY(child<QLabel>(*bar, "providerStatusLabel")->textInteractionFlags() & Qt::TextSelectableByMouse);
    QCOMPARE(child<QLabel>(*bar, "providerStatusLabel")->textFormat(), Qt::PlainText);
    bar->setProfiles({QStringLiteral("Sandbox")});
    QVERIFY(child<QComboBox>(*bar, "providerCombo")->isEnabled());
    QCOMPARE(child<QComboBox>(*bar, "providerCombo")->count(), 1);
}

void TestMainWindow::startupProbeMeasuresTheFirstPaint()
{
    MainWindow window;
    ui::StartupProbe probe(&window, /*quitWhenDone=*/false);
    QSignalSpy measured(&probe, &ui::StartupProbe::measured);
    window.show();
    QTRY_COMPARE(measured.count(), 1);
    QVERIFY(ui::StartupProbe::msSinceProcessStart() > 0);
    QVERIFY(ui::StartupProbe::residentSetMb() > 1);
    QVERIFY(ui::StartupProbe::cpuMs() > 0);
    // A shown window has touched hundreds of pages; the figure grows, never shrinks.
    const long long faults = ui::StartupProbe::pageFaults();
    QVERIFY2(faults > 100, QByteArray::number(faults).constData());
    QVERIFY(measured.at(0).at(0).value<ui::StartupProbe::Figures>().pageFaults > 100);
    QVERIFY(measured.at(0).at(0).value<ui::StartupProbe::Figures>().pageFaults <= faults);
    QVERIFY(!ui::StartupProbe::webEngineLoaded());
    // Nothing about the sandbox was asked for: its figures stay unknown.
    QCOMPARE(measured.at(0).at(0).value<ui::StartupProbe::Figures>().sandboxReadyMs, -1.0);
    ui::StartupProbe::Figures figures;
    figures.firstPaintMs = 12.34;
    figures.rssMb = 40;
    QCOMPARE(ui::StartupProbe::toJsonLine(figures),
             QByteArray("{\"first_paint_ms\": 12.3, \"rss_mb\": 40.0, \"cpu_ms\": -1.0, \"webengine_loaded\": false, "
                        "\"sandbox_ready_ms\": -1.0, \"ready_rss_mb\": -1.0, \"main_ms\": -1.0, \"page_faults\": -1}"));
    figures.sandboxReadyMs = 456.78;
    figures.readyRssMb = 44.44;
    figures.mainMs = 9.87;
    figures.pageFaults = 2120;
    QVERIFY(ui::StartupProbe::toJsonLine(figures).endsWith("\"sandbox_ready_ms\": 456.8, \"ready_rss_mb\": 44.4, \"main_ms\": 9.9, \"page_faults\": 2120}"));
    // Marked, main() comes before the first paint.
    QCOMPARE(measured.at(0).at(0).value<ui::StartupProbe::Figures>().mainMs, -1.0); // this test's main() marks nothing
    ui::StartupProbe::markMain();
    ui::StartupProbe again(&window, /*quitWhenDone=*/false);
    QSignalSpy measuredAgain(&again, &ui::StartupProbe::measured);
    window.update();
    QTRY_COMPARE(measuredAgain.count(), 1);
    const auto marked = measuredAgain.at(0).at(0).value<ui::StartupProbe::Figures>();
    QVERIFY(marked.mainMs > 0);
    QVERIFY(marked.mainMs <= marked.firstPaintMs);
}

void TestMainWindow::startupProbeWaitsForTheSandbox()
{
    MainWindow window;
    // Installed before the probe, so its action runs after the probe has seen the first frame.
    bool painted = false;
    new ui::FirstPaintWatcher(&window, [&painted] { painted = true; });
    ui::StartupProbe probe(&window, /*quitWhenDone=*/false);
    probe.expectSandbox();
    QSignalSpy measured(&probe, &ui::StartupProbe::measured);
    window.show();
    QTRY_VERIFY(painted);
    QCOMPARE(measured.count(), 0); // the first frame is in; the probe still waits for the sandbox
    probe.sandboxReady();
    QCOMPARE(measured.count(), 1);
    const auto figures = measured.at(0).at(0).value<ui::StartupProbe::Figures>();
    QVERIFY(figures.firstPaintMs > 0);
    QVERIFY(figures.sandboxReadyMs >= figures.firstPaintMs);
    QVERIFY(figures.readyRssMb > 1);
    probe.sandboxFailed(); // reported once only
    QCOMPARE(measured.count(), 1);
}

} // namespace tst_mainwindow

OIDCPLAY_QTEST_MAIN(tst_mainwindow, tst_mainwindow::TestMainWindow)
#include "tst_mainwindow.moc"
