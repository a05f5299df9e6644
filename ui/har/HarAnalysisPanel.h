#pragma once

// The HAR Analysis area: opens a HAR file (the button, a file dropped on the area, or openHar()
// from the menu), reads and analyses it off the GUI thread with the core's streaming HarReader
// and HarAnalyzer (oidc/Async.h), with a progress bar and Cancel, and shows what the core found:
// the findings (clicking one selects the exchange of its entry), the OAuth/OIDC/Descope
// exchanges, and the tokens, a selected token decoded in the JWT inspector's views (its claims
// in a ClaimTreeModel, the core's checks in a CheckListView) and handed to the inspector on request.

#include "oidc/har/HarAnalyzer.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeView;
class QTreeWidget;

namespace ui {

class CheckListView;
class ClaimTreeModel;

class HarAnalysisPanel final : public QWidget {
    Q_OBJECT
public:
    explicit HarAnalysisPanel(QWidget *parent = nullptr);
    ~HarAnalysisPanel() override;

public Q_SLOTS:
    // Reads and analyses `path`; a read already under way is cancelled first.
    void openHar(const QString &path);
    void cancel();

Q_SIGNALS:
    // "Open in JWT Inspector" on the selected token.
    void inspectToken(const QString &token);
    // The analysis of a file is shown (or failed: `ok` false).
    void finished(bool ok);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void showAnalysis(const oidc::har::HarAnalysis &analysis);
    void showToken(int index);
    void selectEntry(int entry);
    void setRunning(bool running);

    oidc::har::HarAnalysis m_analysis;
    std::shared_ptr<std::atomic_bool> m_cancel;
    int m_run = 0;
    QPushButton *m_openButton;
    QPushButton *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTreeWidget *m_findings;
    QTreeWidget *m_exchanges;
    QTreeWidget *m_tokens;
    QLabel *m_findingDetail; // the selected finding's whole sentence
    ClaimTreeModel *m_claims;
    QTreeView *m_claimTree;
    CheckListView *m_checks;
    QPushButton *m_inspectButton;
};

} // namespace ui
