#include "CheckListView.h"

#include "ui/widgets/RecordTable.h"
#include "ui/CheckListModel.h"
#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace ui {

using oidc::jwt::CheckOutcome;

CheckListView::CheckListView(const QString &name, const Options &options, QWidget *parent)
    : QWidget(parent)
    , m_model(new CheckListModel(this))
    , m_table(new QTableView)
{
    setObjectName(name);
    m_table->setObjectName(name + QStringLiteral("Table"));
    m_table->setAccessibleName(QStringLiteral("Checks"));
    m_table->setAccessibleDescription(QStringLiteral("Each check, its result, the rule it cites and the details"));
    m_table->setModel(m_model);
    setUpRecordTable(m_table);
    m_table->setTextElideMode(Qt::ElideRight);
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(CheckListModel::CheckColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CheckListModel::ResultColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CheckListModel::RuleColumn, QHeaderView::Interactive);
    m_table->setColumnWidth(CheckListModel::RuleColumn, options.ruleColumnWidth);
    m_table->setColumnHidden(CheckListModel::RuleColumn, !options.ruleColumn);

    QVBoxLayout *box = layout::column({layout::Item(m_table, 1)}, {.margins = layout::kFlush, .spacing = 6});
    if (options.detailPane) {
        m_detail = toneLabel(QStringLiteral("checkDetailLabel"), Tone::Neutral);
        m_detail->setMinimumHeight(m_detail->fontMetrics().height() * 3 + 14);
        m_detail->setMinimumWidth(40); // a long URL in a detail must not widen the pane
        m_detail->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_detail->hide();
        box->addWidget(m_detail);
        connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                [this](const QModelIndex &current) { showDetail(current.row()); });
        // New checks: a reset, or the same rows with new cells (CheckListModel::setChecks).
        connect(m_model, &QAbstractItemModel::modelReset, this, &CheckListView::selectFirstFailure);
        connect(m_model, &QAbstractItemModel::dataChanged, this, &CheckListView::selectFirstFailure);
    }
    setLayout(box);
}

const std::vector<oidc::jwt::ClaimCheck> &CheckListView::checks() const
{
    return m_model->checks();
}

void CheckListView::setChecks(std::vector<oidc::jwt::ClaimCheck> checks)
{
    m_model->setChecks(std::move(checks));
}

void CheckListView::clear()
{
    m_model->clear();
}

void CheckListView::selectFirstFailure()
{
    // The first failure, or the first check: its detail is what matters most.
    const auto &checks = m_model->checks();
    int row = checks.empty() ? -1 : 0;
    for (size_t i = 0; i < checks.size(); ++i) {
        if (checks[i].outcome == CheckOutcome::Fail) {
            row = static_cast<int>(i);
            break;
        }
    }
    if (row >= 0)
        m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    showDetail(row);
}

void CheckListView::showDetail(int row)
{
    const auto &checks = m_model->checks();
    if (row < 0 || row >= static_cast<int>(checks.size())) {
        m_detail->clear();
        m_detail->hide();
        return;
    }
    const auto &check = checks[static_cast<size_t>(row)];
    QString text = qs(check.id) + QStringLiteral(" — ") + CheckListModel::outcomeText(check.outcome);
    if (!check.code.empty())
        text += QStringLiteral(" ") + qs(check.code);
    text += QStringLiteral("\nRule: ") + qs(check.rule()) + QStringLiteral("\nDetail: ") + qs(check.detail());
    m_detail->setText(text);
    updateTone(m_detail, check.outcome == CheckOutcome::Fail ? Tone::Bad : check.outcome == CheckOutcome::Pass ? Tone::Good : Tone::Neutral);
    m_detail->show();
}

} // namespace ui

#include "moc_CheckListView.cpp"
