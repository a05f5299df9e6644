#include "StepUpComparisonView.h"

#include "ui/CheckListView.h"
#include "ui/UiText.h"
#include "ui/widgets/Layouting.h"

#include <QHeaderView>
#include <QTableWidget>

namespace ui {

namespace {

enum ComparisonColumn { ClaimColumn, BeforeColumn, AfterColumn, MeaningColumn, ComparisonColumnCount };

// Changed rows in the warning tone's amber: the difference is what the eye should find.
QColor changedBackground()
{
    return QColor(0xff, 0xf3, 0xc4);
}

QTableWidgetItem *comparisonItem(const QString &text, bool changed, bool bold)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setToolTip(plainToolTip(text));
    if (changed)
        item->setBackground(changedBackground());
    if (bold) {
        QFont font = item->font();
        font.setWeight(QFont::DemiBold);
        item->setFont(font);
    }
    return item;
}

} // namespace

StepUpComparisonView::StepUpComparisonView(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, ComparisonColumnCount))
    , m_checks(new CheckListView(QStringLiteral("stepUpChecks"), {.detailPane = false, .ruleColumn = true, .ruleColumnWidth = 260}))
{
    setObjectName(QStringLiteral("stepUpComparisonView"));
    m_table->setObjectName(QStringLiteral("stepUpComparison"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("Claim"), QStringLiteral("Before"), QStringLiteral("After"), QStringLiteral("What it says")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(MeaningColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(ClaimColumn, 125);
    m_table->setColumnWidth(BeforeColumn, 135);
    m_table->setColumnWidth(AfterColumn, 135);
    layout::attach(this, layout::column({layout::Item(m_table, 3), layout::Item(m_checks, 2)}, {.margins = layout::kFlush, .spacing = 6}));
}

void StepUpComparisonView::setComparison(const oidc::descope::StepUpComparison &comparison)
{
    m_table->setRowCount(static_cast<int>(comparison.claims.size()));
    int row = 0;
    for (const auto &claim : comparison.claims) {
        auto *name = comparisonItem(qs(claim.claim) + QStringLiteral(" · ") + qs(claim.title), claim.changed, claim.changed);
        name->setData(ChangedRole, claim.changed);
        m_table->setItem(row, ClaimColumn, name);
        m_table->setItem(row, BeforeColumn, comparisonItem(qs(claim.before), claim.changed, false));
        m_table->setItem(row, AfterColumn, comparisonItem(qs(claim.after), claim.changed, claim.changed));
        m_table->setItem(row, MeaningColumn, comparisonItem(qs(claim.meaning), claim.changed, false));
        ++row;
    }
    m_table->resizeRowsToContents();
    m_checks->setChecks(comparison.checks);
}

void StepUpComparisonView::clear()
{
    m_table->setRowCount(0);
    m_checks->clear();
}

} // namespace ui
