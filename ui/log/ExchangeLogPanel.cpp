#include "ExchangeLogPanel.h"

#include "ui/widgets/RecordTable.h"
#include "ui/Presentation.h"
#include "ui/UiText.h"
#include "ui/har/HarExportDialog.h"
#include "ui/log/ExchangeLogModel.h"
#include "ui/log/ExchangeText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ReadOnlyText.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "oidc/net/ExchangeLog.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

using oidc::net::ExchangeLog;
using oidc::net::Reveal;

ExchangeLogPanel::ExchangeLogPanel(ExchangeLog &log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_model(new ExchangeLogModel(&log, this))
    , m_table(new QTableView)
    , m_revealButton(new QPushButton(QStringLiteral("Reveal secrets")))
    , m_copyCurlButton(new QPushButton(QStringLiteral("Copy as curl")))
    , m_exportHarButton(new QPushButton(QStringLiteral("Export HAR…")))
    , m_clearButton(new QPushButton(QStringLiteral("Clear")))
    , m_followCheck(new QCheckBox(QStringLiteral("Follow new exchanges")))
    , m_revealWarning(plainLabel(QString()))
    , m_countLabel(plainLabel(QString()))
    , m_droppedLabel(plainLabel(QString()))
    , m_requestText(readOnlyText(QStringLiteral("logRequestText"), QStringLiteral("Select an exchange above.")))
    , m_responseText(readOnlyText(QStringLiteral("logResponseText"), QStringLiteral("Select an exchange above.")))
    , m_filter(new QLineEdit)
{
    setObjectName(QStringLiteral("exchangeLogPanel"));

    auto *panelHeader = new PanelHeader(Type::Title, QStringLiteral("Exchange Log"),
                                        QStringLiteral("Every HTTP exchange the app makes, with the step that caused it. Client secrets, "
                                                       "codes, verifiers, tokens and Authorization headers are redacted unless you reveal "
                                                       "them for the selected exchange."));

    m_table->setObjectName(QStringLiteral("exchangeTable"));
    m_table->setModel(m_model);
    // Several rows for "Export HAR…"; the detail panes follow the current row.
    setUpRecordTable(m_table, QAbstractItemView::ExtendedSelection, 6);
    m_table->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(false);
    header->setSectionResizeMode(ExchangeLogModel::UrlColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(ExchangeLogModel::NumberColumn, 40);
    m_table->setColumnWidth(ExchangeLogModel::TimeColumn, 100);
    m_table->setColumnWidth(ExchangeLogModel::StepColumn, 170);
    m_table->setColumnWidth(ExchangeLogModel::MethodColumn, 64);
    m_table->setColumnWidth(ExchangeLogModel::StatusColumn, 70);
    m_table->setColumnWidth(ExchangeLogModel::MsColumn, 50);

    m_revealButton->setObjectName(QStringLiteral("revealSecretsButton"));
    m_revealButton->setCheckable(true);
    m_revealButton->setToolTip(QStringLiteral("Shows the selected exchange unredacted. Switches off when the selection changes."));
    m_copyCurlButton->setObjectName(QStringLiteral("copyCurlButton"));
    m_exportHarButton->setObjectName(QStringLiteral("exportHarButton"));
    m_exportHarButton->setToolTip(QStringLiteral("Saves all or the selected exchanges as a HAR 1.2 file, redacted unless you confirm otherwise."));
    m_clearButton->setObjectName(QStringLiteral("clearLogButton"));
    m_followCheck->setObjectName(QStringLiteral("followCheck"));
    m_followCheck->setChecked(true);
    m_countLabel->setObjectName(QStringLiteral("exchangeCountLabel"));
    m_revealWarning->setObjectName(QStringLiteral("revealWarningLabel"));
    m_revealWarning->setWordWrap(true);
    m_revealWarning->setText(QStringLiteral("⚠ Secrets revealed for this exchange: anything copied now contains live credentials."));
    updateTone(m_revealWarning, Tone::Bad);
    m_revealWarning->hide();
    m_droppedLabel->setObjectName(QStringLiteral("droppedExchangesLabel"));
    m_droppedLabel->setToolTip(QStringLiteral("The log keeps the newest %1 exchanges and %2 MiB of bodies; older ones are dropped first.")
                                   .arg(log.limits().maxRecords)
                                   .arg(log.limits().maxBodyBytes / (1024 * 1024)));
    updateTone(m_droppedLabel, Tone::Warning);
    m_droppedLabel->hide();


    auto *tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("logDetailTabs"));
    tabs->addTab(m_requestText, QStringLiteral("Request"));
    tabs->addTab(m_responseText, QStringLiteral("Response"));
    QWidget *detail = layout::widget(layout::column({m_revealWarning, layout::Item(tabs, 1)}, {.margins = QMargins(0, 4, 0, 0), .spacing = 4}));

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("logSplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    m_filter->setObjectName(QStringLiteral("logFilterEdit"));
    m_filter->setPlaceholderText(QStringLiteral("Filter: step, method, URL or status"));
    m_filter->setAccessibleName(QStringLiteral("Filter the exchanges"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(m_filter->fontMetrics().horizontalAdvance(m_filter->placeholderText()) + 40);
    connect(m_filter, &QLineEdit::textChanged, this, [this] { filterRows(0, m_model->rowCount() - 1); });

    QHBoxLayout *toolbar = layout::row({m_countLabel, m_filter, layout::Stretch{}, m_followCheck, m_revealButton, m_copyCurlButton, m_exportHarButton, m_clearButton});
    layout::attach(this, layout::column({panelHeader, toolbar, m_droppedLabel, layout::Item(splitter, 1)}, {.margins = QMargins(18, 14, 18, 12), .spacing = 8}));

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        // Secrets are revealed for one exchange at a time, never carried to the next.
        if (m_revealButton->isChecked()) {
            const QSignalBlocker blocker(m_revealButton);
            m_revealButton->setChecked(false);
        }
        showSelected();
    });
    connect(m_revealButton, &QPushButton::toggled, this, [this](bool revealed) {
        // Presenting, secrets stay redacted whatever is confirmed (ui/Presentation.h).
        if (revealed && (Presentation::secretsMasked() || (m_confirmReveal && !m_confirmReveal()))) {
            const QSignalBlocker blocker(m_revealButton);
            m_revealButton->setChecked(false);
        }
        showSelected();
    });
    connect(&Presentation::instance(), &Presentation::activeChanged, this, [this](bool active) {
        if (active && m_revealButton->isChecked())
            m_revealButton->setChecked(false);
    });
    connect(m_copyCurlButton, &QPushButton::clicked, this, [this] {
        const QString curl = curlText();
        if (curl.isEmpty())
            return;
        QGuiApplication::clipboard()->setText(curl);
        m_copyCurlButton->setText(QStringLiteral("Copied"));
        QTimer::singleShot(1200, m_copyCurlButton, [button = m_copyCurlButton] { button->setText(QStringLiteral("Copy as curl")); });
    });
    connect(m_exportHarButton, &QPushButton::clicked, this, &ExchangeLogPanel::exportHar);
    connect(m_clearButton, &QPushButton::clicked, this, [this] { m_log.clear(); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        filterRows(first, last);
        if (m_followCheck->isChecked() && !m_revealButton->isChecked())
            selectRow(last);
        showSelected();
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &ExchangeLogPanel::showSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ExchangeLogPanel::showSelected);
    m_copyCurlButton->setMinimumWidth(m_copyCurlButton->sizeHint().width() + 8);
    m_revealButton->setMinimumWidth(m_revealButton->sizeHint().width() + 8);
    // Opened after the fact: show the newest exchange.
    selectRow(m_model->rowCount() - 1);
    showSelected();
}

bool ExchangeLogPanel::isRevealed() const
{
    return m_revealButton->isChecked();
}

int ExchangeLogPanel::selectedRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void ExchangeLogPanel::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(m_model->index(row, 0));
}

void ExchangeLogPanel::exportHar()
{
    std::vector<oidc::net::ExchangeRecord> all(m_log.records().begin(), m_log.records().end());
    std::vector<oidc::net::ExchangeRecord> selected;
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &row : rows)
        if (const auto *record = m_model->recordAt(row.row()))
            selected.push_back(*record);
    auto *dialog = new HarExportDialog(std::move(all), std::move(selected), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &HarExportDialog::exported, this, [this](const QString &, int count) {
        m_exportHarButton->setText(QStringLiteral("Exported %1").arg(count));
        QTimer::singleShot(1500, m_exportHarButton, [button = m_exportHarButton] { button->setText(QStringLiteral("Export HAR…")); });
    });
    dialog->open();
}

void ExchangeLogPanel::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void ExchangeLogPanel::filterRows(int first, int last)
{
    const QString needle = m_filter->text().trimmed();
    static constexpr int kColumns[] = {ExchangeLogModel::StepColumn, ExchangeLogModel::MethodColumn, ExchangeLogModel::UrlColumn,
                                       ExchangeLogModel::StatusColumn};
    for (int row = first; row <= last; ++row) {
        bool match = needle.isEmpty();
        for (const int column : kColumns) {
            if (match)
                break;
            match = m_model->index(row, column).data().toString().contains(needle, Qt::CaseInsensitive);
        }
        m_table->setRowHidden(row, !match);
    }
}

QString ExchangeLogPanel::curlText() const
{
    const auto *record = m_model->recordAt(selectedRow());
    return record ? ExchangeLog::toCurl(*record, isRevealed() ? Reveal::Secrets : Reveal::Redacted) : QString();
}

void ExchangeLogPanel::showSelected()
{
    const int count = m_model->rowCount();
    m_countLabel->setText(count == 1 ? QStringLiteral("1 exchange") : QStringLiteral("%1 exchanges").arg(count));
    const int dropped = m_log.droppedCount();
    m_droppedLabel->setText(dropped == 1 ? QStringLiteral("1 older exchange dropped")
                                         : QStringLiteral("%1 older exchanges dropped").arg(dropped));
    m_droppedLabel->setVisible(dropped > 0);
    const auto *record = m_model->recordAt(selectedRow());
    m_copyCurlButton->setEnabled(record != nullptr);
    m_revealButton->setEnabled(record != nullptr);
    m_clearButton->setEnabled(count > 0);
    m_exportHarButton->setEnabled(count > 0);
    m_revealWarning->setVisible(record && isRevealed());
    if (!record) {
        m_requestText->clear();
        m_responseText->clear();
        return;
    }
    const Reveal reveal = isRevealed() ? Reveal::Secrets : Reveal::Redacted;
    m_requestText->setPlainText(readableRequest(*record, reveal));
    m_responseText->setPlainText(readableResponse(*record, reveal));
}

} // namespace ui

#include "moc_ExchangeLogPanel.cpp"
