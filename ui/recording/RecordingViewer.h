#pragma once

// The Recording area: a recorded flow or Descope demo opened from a file (File ▸ Open recording…,
// or the area's own button) and stepped through like a live flow: the steps in the order they
// ran with their outcomes; for the selected step its summary, its checks with their outcomes
// (CheckListView, from the recording's data) and the exchanges it caused, already redacted when
// they were recorded. The file is read off the GUI thread (oidc::runOffThread); a file that is
// not a usable recording is said so in the area, with the reader's error.
//
// "Replay against the sandbox" runs a recorded Descope demo again against the app's in-process
// sandbox (started when it is not running): the recorded faults are switched on for the replay and
// off after, as `oidcplay-cli replay` does, and the core's DescopeDemoReplay runs off the GUI
// thread (oidc::runOffThread; Cancel ends the call in flight and runs no further step). The
// result is the core's ReplayReport, one row per step — match, mismatch, missing, extra — with
// what differed, the same data as the CLI's report. A code flow replays with the CLI (it signs in
// through the sandbox's login page over HTTP); the area says so.

#include "oidc/recording/Recording.h"

#include "sandbox/SandboxHost.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace oidc::recording {
class DescopeDemoReplay;
}

namespace ui {

class CheckListView;
class PanelHeader;

class RecordingViewer final : public QWidget {
    Q_OBJECT
public:
    // `sandbox`: the app's in-process sandbox the replay runs against (none: no replay).
    explicit RecordingViewer(sandbox::SandboxHost *sandbox = nullptr, QWidget *parent = nullptr);
    ~RecordingViewer() override;

    // Reads `path` off the GUI thread, then shows it (or the error); opened() follows.
    void openRecording(const QString &path);
    void showRecording(oidc::recording::Recording recording, const QString &name);
    [[nodiscard]] const std::optional<oidc::recording::Recording> &recording() const { return m_recording; }

    // Replays the shown Descope demo against the sandbox (the button); replayFinished() follows.
    void replayAgainstSandbox();
    void cancelReplay();
    [[nodiscard]] bool isReplaying() const { return m_replay != nullptr; }

Q_SIGNALS:
    void opened(bool ok);
    // `ran`: a report is shown (`allMatch` its verdict); false when the replay could not run.
    void replayFinished(bool ran, bool allMatch);

private:
    void chooseFile();
    void showStep(int row);
    void showExchange(int row);
    void startReplay(const oidc::recording::Recording &recording);
    void runReplay(const oidc::recording::Recording &recording, const QStringList &faultNames);
    void replayRefused(const QString &why);
    void updateReplayButtons();

    PanelHeader *m_header;
    QLabel *m_info;
    QStandardItemModel *m_steps;
    QTableView *m_stepTable;
    QLabel *m_stepSummary;
    CheckListView *m_checks;
    QStandardItemModel *m_exchanges;
    QTableView *m_exchangeTable;
    QPlainTextEdit *m_exchangeText;
    QPushButton *m_replayButton;
    QPushButton *m_cancelReplayButton;
    QLabel *m_replayInfo;
    QStandardItemModel *m_replaySteps;
    QTableView *m_replayTable;
    QPointer<sandbox::SandboxHost> m_sandbox;
    std::shared_ptr<oidc::recording::DescopeDemoReplay> m_replay; // while one runs
    std::vector<int> m_replayFaultIds;                              // switched on for it
    std::optional<oidc::recording::Recording> m_recording;
    std::vector<int> m_stepExchanges; // the exchanges (indexes into the recording's) of the selected step
    int m_readGeneration = 0;
};

} // namespace ui
