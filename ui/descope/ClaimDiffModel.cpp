#include "ClaimDiffModel.h"

#include "ui/UiText.h"

#include "oidc/jwt/ClaimCatalog.h"
#include "oidc/jwt/Jwt.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QStringList>

#include <algorithm>

namespace ui {

namespace {

bool claimDiffIsTime(const QString &claim)
{
    const oidc::jwt::ClaimInfo *info = oidc::jwt::claimInfo(claim.toStdString());
    return info && info->kind == oidc::jwt::ClaimKind::Time;
}

} // namespace

ClaimDiffModel::ClaimDiffModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ClaimDiffModel::setClaims(const oidc::Json &before, const oidc::Json &after)
{
    m_before = before.is_object() ? before : oidc::Json::object();
    m_after = after.is_object() ? after : oidc::Json::object();
    rebuild();
}

void ClaimDiffModel::clear()
{
    setClaims(oidc::Json::object(), oidc::Json::object());
}

void ClaimDiffModel::setShowUnchanged(bool show)
{
    if (show == m_showUnchanged)
        return;
    m_showUnchanged = show;
    rebuild();
}

void ClaimDiffModel::rebuild()
{
    beginResetModel();
    m_all.clear();
    m_shown.clear();
    // What differs first, then what stayed; each by name (the claims' JSON objects are sorted).
    for (auto it = m_after.begin(); it != m_after.end(); ++it) {
        Row row{qs(it.key()), std::nullopt, *it, Change::Added};
        if (const auto found = m_before.find(it.key()); found != m_before.end()) {
            row.before = *found;
            row.change = *found == *it ? Change::Same : Change::Changed;
        }
        m_all.push_back(std::move(row));
    }
    for (auto it = m_before.begin(); it != m_before.end(); ++it) {
        if (!m_after.contains(it.key()))
            m_all.push_back(Row{qs(it.key()), *it, std::nullopt, Change::Removed});
    }
    std::stable_sort(m_all.begin(), m_all.end(), [](const Row &a, const Row &b) {
        if ((a.change == Change::Same) != (b.change == Change::Same))
            return b.change == Change::Same;
        return a.claim < b.claim;
    });
    for (const Row &row : m_all)
        if (m_showUnchanged || row.change != Change::Same)
            m_shown.push_back(&row);
    endResetModel();
}

QStringList ClaimDiffModel::changedClaims() const
{
    QStringList names;
    for (const Row &row : m_all)
        if (row.change != Change::Same)
            names << row.claim;
    return names;
}

QString ClaimDiffModel::summary() const
{
    const QStringList names = changedClaims();
    if (names.isEmpty())
        return QStringLiteral("No claim changed.");
    return QStringLiteral("%1 %2 changed: %3")
        .arg(names.size())
        .arg(names.size() == 1 ? QStringLiteral("claim") : QStringLiteral("claims"), names.join(QStringLiteral(", ")));
}

int ClaimDiffModel::rowOf(const QString &claim) const
{
    for (size_t i = 0; i < m_shown.size(); ++i)
        if (m_shown[i]->claim == claim)
            return static_cast<int>(i);
    return -1;
}

int ClaimDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_shown.size());
}

int ClaimDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ClaimDiffModel::valueText(const QString &claim, const std::optional<oidc::Json> &value)
{
    if (!value)
        return QStringLiteral("—");
    QString text = qs(value->dump(-1, ' ', false, oidc::Json::error_handler_t::replace));
    if (claimDiffIsTime(claim)) {
        if (const auto seconds = oidc::jwt::numericDate(*value))
            text += QStringLiteral(" (%1)").arg(QDateTime::fromSecsSinceEpoch(*seconds).toString(QStringLiteral("HH:mm:ss")));
    }
    return text;
}

QString ClaimDiffModel::changeText(const Row &row)
{
    switch (row.change) {
    case Change::Same: return QStringLiteral("same");
    case Change::Added: return QStringLiteral("added");
    case Change::Removed: return QStringLiteral("removed");
    case Change::Changed:
        break;
    }
    if (claimDiffIsTime(row.claim)) {
        const auto before = oidc::jwt::numericDate(*row.before);
        const auto after = oidc::jwt::numericDate(*row.after);
        if (before && after)
            return QStringLiteral("%1%2 s").arg(*after >= *before ? QStringLiteral("+") : QString()).arg(*after - *before);
    }
    return QStringLiteral("changed");
}

QVariant ClaimDiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = *m_shown[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ClaimColumn: return row.claim;
        case BeforeColumn: return valueText(row.claim, row.before);
        case AfterColumn: return valueText(row.claim, row.after);
        case ChangeColumn: return changeText(row);
        }
        return {};
    case Qt::ToolTipRole:
        if (const oidc::jwt::ClaimInfo *info = oidc::jwt::claimInfo(row.claim.toStdString()))
            return plainToolTip(qs(info->title) + QStringLiteral(": ") + qs(info->explanation));
        return {};
    case Qt::BackgroundRole:
        switch (row.change) {
        case Change::Same: return {};
        case Change::Changed: return QBrush(fill(Fill::ChangedRow));
        case Change::Added: return QBrush(fill(Fill::AddedRow));
        case Change::Removed: return QBrush(fill(Fill::RemovedRow));
        }
        return {};
    case Qt::ForegroundRole:
        return row.change == Change::Same ? QVariant(QBrush(mutedColor())) : QVariant();
    case Qt::FontRole:
        if (index.column() == BeforeColumn || index.column() == AfterColumn)
            return monospaceFont();
        return {};
    case ChangeRole:
        return static_cast<int>(row.change);
    default:
        return {};
    }
}

QVariant ClaimDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ClaimColumn: return QStringLiteral("Claim");
    case BeforeColumn: return QStringLiteral("Before");
    case AfterColumn: return QStringLiteral("After");
    case ChangeColumn: return QStringLiteral("Change");
    }
    return {};
}

} // namespace ui

#include "moc_ClaimDiffModel.cpp"
