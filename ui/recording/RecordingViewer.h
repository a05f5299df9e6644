#pragma once

// The Recording area: a recorded flow or Descope demo opened from a file (File ▸ Open recording…,
// or the area's own button) and stepped through like a live flow: the steps in the order they
// ran with their outcomes; for the selected step its summary, its checks with their outcomes
// (CheckListView, from the recording's data) and the exchanges it caused, already redacted when
// they were recorded. The file is read off the GUI thread (oidc::runOffThread); a file that is
// not a usable recording is said so in the area, with the reader's error.

#include "oidc/recording/Recording.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QStandardItemModel;
class QTableView;

namespace ui {

class CheckListView;
class PanelHeader;

class RecordingViewer final : public QWidget {
    Q_OBJECT
public:
    explicit RecordingViewer(QWidget *parent = nullptr);

    // Reads `path` off the GUI thread, then shows it (or the error); opened() follows.
    void openRecording(const QString &path);
    void showRecording(oidc::recording::Recording recording, const QString &name);
    [[nodiscard]] const std::optional<oidc::recording::Recording> &recording() const { return m_recording; }

Q_SIGNALS:
    void opened(bool ok);

private:
    void chooseFile();
    void showStep(int row);
    void showExchange(int row);

    PanelHeader *m_header;
    QLabel *m_info;
    QStandardItemModel *m_steps;
    QTableView *m_stepTable;
    QLabel *m_stepSummary;
    CheckListView *m_checks;
    QStandardItemModel *m_exchanges;
    QTableView *m_exchangeTable;
    QPlainTextEdit *m_exchangeText;
    std::optional<oidc::recording::Recording> m_recording;
    std::vector<int> m_stepExchanges; // the exchanges (indexes into the recording's) of the selected step
    int m_readGeneration = 0;
};

} // namespace ui
