// File ▸ Start recording and Stop recording and save, driven through the main window's menu
// actions (the command table's object names): a code flow against the in-process sandbox in
// between, the test playing the system browser; the file chosen in the save dialog holds the
// flow's steps; File ▸ Open recording opens it again in the Recording area.

#include "QtTestMain.h"
#include "BrowserPlayer.h"
#include "FlowTestSupport.h"
#include "tests/ui/FindChild.h"

#include "ui/MainWindow.h"
#include "ui/flow/FlowPage.h"
#include "ui/recording/RecordingViewer.h"

#include "oidc/recording/RecordingJson.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>

namespace tst_recording_mainwindow {

using testing_ui::child;

constexpr int kTimeout = 20000;

QAction *actionNamed(const QObject &window, const char *name)
{
    auto *found = window.findChild<QAction *>(QString::fromLatin1(name));
    if (!found)
        qFatal("no action named %s", name);
    return found;
}

// The file dialog the window opened (non-blocking), answered with `path`.
void answerFileDialog(const ui::MainWindow &window, const QString &path)
{
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY2_WITH_TIMEOUT((dialog = window.findChild<QFileDialog *>()) != nullptr, "a file dialog", 5000);
    dialog->selectFile(path);
    static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept, protected there
}

class TestRecordingMainWindow final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void startAndStopRecordingThroughTheFileMenu();
};

void TestRecordingMainWindow::startAndStopRecordingThroughTheFileMenu()
{
    auto app = testsupport::makeTestApp();
    QVERIFY(testsupport::startSandbox(*app->context));
    ui::MainWindow window(app->context.get());
    window.resize(1280, 800);
    window.show();
    QVERIFY(window.showArea(ui::areas::kAuthorizationCode.toString()));
    auto *page = qobject_cast<ui::FlowPage *>(window.areaPanel(ui::areas::kAuthorizationCode.toString()));
    QVERIFY(page);
    child<QRadioButton>(*page, "systemBrowserRadio")->click();
    page->flushSettings();
    testsupport::BrowserPlayer player;
    page->setSystemBrowserOpener([&player](const QUrl &url) {
        const QString target = testsupport::redirectTarget(url);
        QTimer::singleShot(50, &player, [&player, url, target] { player.play(url, QStringLiteral("alice@example.com"), target); });
        return true;
    });

    QAction *start = actionNamed(window, "startRecordingAction");
    QAction *stop = actionNamed(window, "stopRecordingAction");
    QVERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());
    start->trigger();
    QVERIFY(!start->isEnabled());
    QVERIFY(stop->isEnabled());

    // A whole code flow while recording.
    child<QPushButton>(*page, "runAllButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(page->runner()->session().lastIdTokenValidation().has_value() && !page->runner()->isBusy(), kTimeout);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("flow.json"));
    stop->trigger();
    answerFileDialog(window, path);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 5000);
    QVERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());
    const auto saved = oidc::recording::readRecordingFile(path);
    QVERIFY2(saved.ok(), saved.ok() ? "" : saved.error().summary().c_str());
    QVERIFY(saved->kind == oidc::recording::kKindCodeFlow);
    QVERIFY(saved->loginId == "alice@example.com");
    std::vector<std::string> steps;
    for (const auto &step : saved->steps)
        steps.push_back(step.step);
    QVERIFY(std::find(steps.begin(), steps.end(), "Token") != steps.end());
    QVERIFY(std::find(steps.begin(), steps.end(), "IdToken") != steps.end());
    QVERIFY(saved->outcome && saved->outcome->ok);
    QVERIFY(!saved->exchanges.empty());

    // File ▸ Open recording: the same file in the Recording area, step by step.
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QFileDialog *>() == nullptr, 5000); // the save dialog is gone
    actionNamed(window, "openRecordingAction")->trigger();
    answerFileDialog(window, path);
    if (QTest::currentTestFailed())
        return;
    ui::RecordingViewer *viewer = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((viewer = qobject_cast<ui::RecordingViewer *>(window.areaPanel(ui::areas::kRecording.toString()))) != nullptr, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(viewer->recording().has_value(), 5000);
    auto *table = child<QTableView>(*viewer, "recordingStepTable");
    QCOMPARE(table->model()->rowCount(), static_cast<int>(saved->steps.size()));
    QCOMPARE(table->model()->index(0, 2).data().toString(), QStringLiteral("ok"));
}

} // namespace tst_recording_mainwindow

OIDCPLAY_QTEST_MAIN(tst_recording_mainwindow, tst_recording_mainwindow::TestRecordingMainWindow)
#include "tst_recording_mainwindow.moc"
