#include "HarExportDialog.h"

#include "ui/Presentation.h"
#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"

#include "oidc/Async.h"
#include "oidc/har/HarWriter.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>

namespace ui {

using oidc::net::ExchangeRecord;
using oidc::net::Reveal;

HarExportDialog::HarExportDialog(std::vector<ExchangeRecord> all, std::vector<ExchangeRecord> selected, QWidget *parent)
    : QDialog(parent)
    , m_all(std::move(all))
    , m_selected(std::move(selected))
    , m_allRadio(new QRadioButton(QStringLiteral("All exchanges (%1)").arg(m_all.size())))
    , m_selectionRadio(new QRadioButton(QStringLiteral("Selected exchanges (%1)").arg(m_selected.size())))
    , m_secretsCheck(new QCheckBox(QStringLiteral("Include secrets (unredacted tokens, codes, client secrets)")))
    , m_pathEdit(new QLineEdit(QDir::home().filePath(QStringLiteral("oidc-playground.har"))))
    , m_browseButton(new QPushButton(QStringLiteral("Browse…")))
    , m_exportButton(new QPushButton(QStringLiteral("Export")))
    , m_status(plainLabel(QString()))
{
    setObjectName(QStringLiteral("harExportDialog"));
    setWindowTitle(QStringLiteral("Export HAR"));
    m_allRadio->setObjectName(QStringLiteral("harExportAllRadio"));
    m_selectionRadio->setObjectName(QStringLiteral("harExportSelectionRadio"));
    m_secretsCheck->setObjectName(QStringLiteral("harExportSecretsCheck"));
    m_pathEdit->setObjectName(QStringLiteral("harExportPathEdit"));
    m_exportButton->setObjectName(QStringLiteral("harExportButton"));
    m_status->setObjectName(QStringLiteral("harExportStatus"));
    m_status->setWordWrap(true);
    m_selectionRadio->setEnabled(!m_selected.empty());
    // While presenting, secrets stay masked everywhere: no unredacted file either.
    const auto followPresentation = [this](bool presenting) {
        if (presenting)
            m_secretsCheck->setChecked(false);
        m_secretsCheck->setEnabled(!presenting);
        m_secretsCheck->setToolTip(presenting ? QStringLiteral("Off while presenting: secrets stay masked (View ▸ Presentation mode).") : QString());
    };
    followPresentation(Presentation::secretsMasked());
    connect(&Presentation::instance(), &Presentation::activeChanged, this, followPresentation);
    (m_selected.size() > 1 ? m_selectionRadio : m_allRadio)->setChecked(true);
    m_exportButton->setDefault(true);

    auto *note = plainLabel(QStringLiteral("HAR 1.2, as browsers' developer tools import it. Secrets are replaced by markers "
                                           "([redacted …]) and each entry's _redacted field lists what was removed."));
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    buttons->addButton(m_exportButton, QDialogButtonBox::AcceptRole);
    layout::attach(this, layout::column({m_allRadio, m_selectionRadio, m_secretsCheck, layout::row({m_pathEdit, m_browseButton}), note, m_status,
                                         layout::Stretch{}, buttons},
                                        layout::spaced(8)));
    resize(560, sizeHint().height());

    connect(m_browseButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export HAR"), m_pathEdit->text(), QStringLiteral("HAR files (*.har)"));
        if (!path.isEmpty())
            m_pathEdit->setText(path);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_exportButton, &QPushButton::clicked, this, &HarExportDialog::requestExport);
}

void HarExportDialog::requestExport()
{
    if (m_pathEdit->text().trimmed().isEmpty()) {
        m_status->setText(QStringLiteral("Choose a file to write."));
        return;
    }
    if (!m_secretsCheck->isChecked() || Presentation::secretsMasked()) {
        write(Reveal::Redacted);
        return;
    }
    // The second, explicit step: a file with live credentials in it.
    auto *confirm = new QMessageBox(QMessageBox::Warning, QStringLiteral("Export unredacted HAR?"),
                                    QStringLiteral("The file will hold live tokens, authorization codes, PKCE verifiers and client secrets "
                                                   "in plain text. Anyone with the file can use them until they expire."),
                                    QMessageBox::Cancel, this);
    confirm->setObjectName(QStringLiteral("harUnredactedConfirm"));
    QPushButton *yes = confirm->addButton(QStringLiteral("Export unredacted"), QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("harConfirmUnredactedButton"));
    confirm->setDefaultButton(QMessageBox::Cancel);
    confirm->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QMessageBox::buttonClicked, this, [this, yes](QAbstractButton *button) {
        if (button == yes)
            write(Reveal::Secrets);
    });
    confirm->open();
}

void HarExportDialog::write(Reveal reveal)
{
    const bool selection = m_selectionRadio->isChecked();
    const QString path = m_pathEdit->text().trimmed();
    m_exportButton->setEnabled(false);
    m_status->setText(QStringLiteral("Writing…"));
    auto records = std::make_shared<std::vector<ExchangeRecord>>(selection ? m_selected : m_all);
    const std::string version = QCoreApplication::applicationVersion().isEmpty() ? std::string("dev") : toStd(QCoreApplication::applicationVersion());
    oidc::runOffThread<oidc::Status>(
        this,
        [records, path, reveal, version] {
            std::vector<const ExchangeRecord *> pointers;
            for (const auto &record : *records)
                pointers.push_back(&record);
            return oidc::har::HarWriter::save(oidc::har::HarWriter::document(pointers, {.reveal = reveal, .creatorVersion = version}), path);
        },
        [this, path, reveal, count = static_cast<int>(records->size())](oidc::Status saved) {
            m_exportButton->setEnabled(true);
            if (!saved) {
                m_status->setText(errorText(saved.error()));
                updateTone(m_status, Tone::Bad);
                return;
            }
            Q_EMIT exported(path, count, reveal == Reveal::Redacted);
            accept();
        });
}

} // namespace ui

#include "moc_HarExportDialog.cpp"
