#include "CheckListModel.h"

#include "ui/UiText.h"

#include <algorithm>

namespace ui {

using oidc::jwt::CheckOutcome;

CheckListModel::CheckListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void CheckListModel::setChecks(std::vector<oidc::jwt::ClaimCheck> checks)
{
    // The same checks in the same order with the same outcomes (a step shown again, a new token
    // checked like the last one) keep their rows: the cells change in place, so a table keeps its
    // layout, column widths, selection and scroll bars and repaints only. Other checks reset it.
    const bool sameRows = !m_checks.empty() && checks.size() == m_checks.size()
        && std::equal(checks.begin(), checks.end(), m_checks.begin(),
                      [](const oidc::jwt::ClaimCheck &a, const oidc::jwt::ClaimCheck &b) { return a.id == b.id && a.outcome == b.outcome; });
    if (sameRows) {
        m_checks = std::move(checks);
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_checks = std::move(checks);
    endResetModel();
}

void CheckListModel::clear()
{
    if (m_checks.empty())
        return;
    beginResetModel();
    m_checks.clear();
    endResetModel();
}

int CheckListModel::rowOf(const QString &checkId) const
{
    const std::string id = toStd(checkId);
    for (size_t i = 0; i < m_checks.size(); ++i)
        if (m_checks[i].id == id)
            return static_cast<int>(i);
    return -1;
}

QString CheckListModel::outcomeText(CheckOutcome outcome)
{
    switch (outcome) {
    case CheckOutcome::Pass: return QStringLiteral("PASS");
    case CheckOutcome::Fail: return QStringLiteral("FAIL");
    case CheckOutcome::Skip: return QStringLiteral("SKIP");
    }
    return {};
}

int CheckListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_checks.size());
}

int CheckListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CheckListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &check = m_checks[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CheckColumn: return qs(check.id);
        case ResultColumn: return outcomeText(check.outcome);
        case RuleColumn: return qs(check.rule());
        case DetailColumn:
            return check.code.empty() ? qs(check.detail()) : qs(check.code) + QStringLiteral(": ") + qs(check.detail());
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == RuleColumn)
            return plainToolTip(qs(check.rule()));
        if (index.column() == DetailColumn)
            return plainToolTip(data(index, Qt::DisplayRole).toString());
        return {};
    case Qt::ForegroundRole:
        if (index.column() != ResultColumn)
            return {};
        switch (check.outcome) {
        case CheckOutcome::Pass: return passColor();
        case CheckOutcome::Fail: return failColor();
        case CheckOutcome::Skip: return mutedColor();
        }
        return {};
    case Qt::BackgroundRole:
        if (index.column() != ResultColumn)
            return {};
        switch (check.outcome) {
        case CheckOutcome::Pass: return fill(Fill::PassRow);
        case CheckOutcome::Fail: return fill(Fill::FailRow);
        case CheckOutcome::Skip: return fill(Fill::SkipRow);
        }
        return {};
    case Qt::FontRole:
        if (index.column() == ResultColumn || index.column() == CheckColumn) {
            QFont font = monospaceFont();
            font.setWeight(QFont::DemiBold);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ResultColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    case OutcomeRole:
        return static_cast<int>(check.outcome);
    case CodeRole:
        return qs(check.code);
    default:
        return {};
    }
}

QVariant CheckListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CheckColumn: return QStringLiteral("Check");
    case ResultColumn: return QStringLiteral("Result");
    case RuleColumn: return QStringLiteral("Rule");
    case DetailColumn: return QStringLiteral("Detail");
    default: return {};
    }
}

} // namespace ui

#include "moc_CheckListModel.cpp"
