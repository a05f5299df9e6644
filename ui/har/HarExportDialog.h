#pragma once

// "Export HAR…" of the Exchange Log: all exchanges or the selected ones, as HAR 1.2 through the
// core's HarWriter. Redacted unless "Include secrets" is ticked, and then only after a second,
// explicit confirmation that names what the file will hold. The file is built and written off
// the GUI thread (oidc/Async.h): the log holds up to 32 MiB of bodies.

#include "oidc/net/ExchangeLog.h"

#include <QDialog>

#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPushButton;
class QRadioButton;

namespace ui {

class HarExportDialog final : public QDialog {
    Q_OBJECT
public:
    // `all` and `selected` are copies (their bodies are shared, not duplicated).
    HarExportDialog(std::vector<oidc::net::ExchangeRecord> all, std::vector<oidc::net::ExchangeRecord> selected, QWidget *parent = nullptr);

Q_SIGNALS:
    void exported(const QString &path, int count, bool redacted);

private:
    void requestExport();
    void write(oidc::net::Reveal reveal);

    std::vector<oidc::net::ExchangeRecord> m_all;
    std::vector<oidc::net::ExchangeRecord> m_selected;
    QRadioButton *m_allRadio;
    QRadioButton *m_selectionRadio;
    QCheckBox *m_secretsCheck;
    QLineEdit *m_pathEdit;
    QPushButton *m_browseButton;
    QPushButton *m_exportButton;
    QLabel *m_status;
};

} // namespace ui
