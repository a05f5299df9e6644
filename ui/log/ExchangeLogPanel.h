#pragma once

// The Exchange Log area: every HTTP exchange of the app as a table (ExchangeLogModel), and the
// selected one's request and response underneath, redacted by default. "Reveal secrets" must be
// switched on explicitly and switches itself off when the selection changes; "Copy as curl" copies
// what is shown (redacted unless revealed); "Export HAR…" writes all or the selected exchanges as
// HAR 1.2, redacted unless confirmed otherwise (ui/har/HarExportDialog); "Clear" empties the log. When the log has dropped its
// oldest exchanges to stay within its limits, a notice says how many. The filter hides the rows
// whose step, method, URL and status do not contain its text (Edit ▸ Find focuses it).

#include <QWidget>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace oidc::net {
class ExchangeLog;
}

namespace ui {

class ExchangeLogModel;

class ExchangeLogPanel final : public QWidget {
    Q_OBJECT
public:
    explicit ExchangeLogPanel(oidc::net::ExchangeLog &log, QWidget *parent = nullptr);

    [[nodiscard]] ExchangeLogModel *model() const { return m_model; }
    [[nodiscard]] bool isRevealed() const;
    // The curl command "Copy as curl" puts on the clipboard for the selection (empty without one).
    [[nodiscard]] QString curlText() const;

    void selectRow(int row);
    // Focuses the filter with its text selected.
    void focusFilter();
    // Asked before secrets are revealed (the reveal-secrets confirmation preference); false keeps
    // them redacted. None: revealed at once.
    void setRevealConfirmation(std::function<bool()> confirm) { m_confirmReveal = std::move(confirm); }

    // "Export HAR…": the dialog for all or the selected exchanges (File ▸ Export exchange log as HAR).
    void exportHar();

private:
    void showSelected();
    void filterRows(int first, int last);
    [[nodiscard]] int selectedRow() const;

    oidc::net::ExchangeLog &m_log;
    ExchangeLogModel *m_model;
    QTableView *m_table;
    QPushButton *m_revealButton;
    QPushButton *m_copyCurlButton;
    QPushButton *m_exportHarButton;
    QPushButton *m_clearButton;
    QCheckBox *m_followCheck;
    QLabel *m_revealWarning;
    QLabel *m_countLabel;
    QLabel *m_droppedLabel;
    QPlainTextEdit *m_requestText;
    QPlainTextEdit *m_responseText;
    QLineEdit *m_filter;
    std::function<bool()> m_confirmReveal;
};

} // namespace ui
