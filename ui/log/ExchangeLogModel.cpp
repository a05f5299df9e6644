#include "ExchangeLogModel.h"

#include "ui/UiText.h"

#include "oidc/net/ExchangeLog.h"

#include <QDateTime>

namespace ui {

using oidc::net::ExchangeLog;
using oidc::net::ExchangeRecord;

ExchangeLogModel::ExchangeLogModel(ExchangeLog *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
    , m_rows(log ? log->size() : 0)
{
    if (!log)
        return;
    connect(log, &ExchangeLog::recordAdded, this, [this](int index) {
        const int size = m_log ? m_log->size() : 0;
        if (index < m_rows || size <= m_rows)
            return;
        beginInsertRows({}, m_rows, size - 1);
        m_rows = size;
        endInsertRows();
    });
    // The log drops its oldest records beyond its limits: rows 0 … n - 1 go, read until they are gone.
    connect(log, &ExchangeLog::oldestAboutToBeDropped, this, [this](int count) {
        m_rowsBeingDropped = std::min(count, m_rows);
        if (m_rowsBeingDropped > 0)
            beginRemoveRows({}, 0, m_rowsBeingDropped - 1);
    });
    connect(log, &ExchangeLog::oldestDropped, this, [this] {
        if (m_rowsBeingDropped <= 0)
            return;
        m_rows -= m_rowsBeingDropped;
        m_rowsBeingDropped = 0;
        endRemoveRows();
    });
    connect(log, &ExchangeLog::cleared, this, [this] {
        beginResetModel();
        m_rows = m_log ? m_log->size() : 0;
        endResetModel();
    });
    connect(log, &QObject::destroyed, this, [this] {
        beginResetModel();
        m_rows = 0;
        endResetModel();
    });
}

const ExchangeRecord *ExchangeLogModel::recordAt(int row) const
{
    if (!m_log || row < 0 || row >= m_rows || row >= m_log->size())
        return nullptr;
    return &m_log->records().at(static_cast<size_t>(row));
}

const ExchangeRecord *ExchangeLogModel::record(const QModelIndex &index) const
{
    return index.isValid() && !index.parent().isValid() ? recordAt(index.row()) : nullptr;
}

int ExchangeLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int ExchangeLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ExchangeLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ExchangeRecord *entry = recordAt(index.row());
    if (!entry)
        return {};
    const bool failed = entry->error.has_value() || entry->status >= 400 || entry->status == 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn: return entry->id;
        case TimeColumn: return QDateTime::fromMSecsSinceEpoch(entry->startedMsSinceEpoch).toString(QStringLiteral("HH:mm:ss.zzz"));
        case StepColumn: return entry->label;
        case MethodColumn: return QString::fromLatin1(entry->method);
        case UrlColumn: return ExchangeLog::url(*entry, oidc::net::Reveal::Redacted);
        case StatusColumn:
            if (entry->error && entry->status == 0)
                return qs(entry->error->code);
            return entry->status;
        case MsColumn: return entry->elapsedMs;
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == UrlColumn)
            return plainToolTip(ExchangeLog::url(*entry, oidc::net::Reveal::Redacted));
        if (index.column() == StatusColumn && entry->error)
            return plainToolTip(errorText(*entry->error));
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn)
            return failed ? failColor() : (entry->status >= 300 ? warnColor() : passColor());
        return {};
    case Qt::FontRole:
        if (index.column() == UrlColumn || index.column() == MethodColumn)
            return monospaceFont();
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == NumberColumn || index.column() == MsColumn || index.column() == StatusColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    case RecordIdRole: return entry->id;
    case FailedRole: return failed;
    default: return {};
    }
}

QVariant ExchangeLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn: return QStringLiteral("#");
    case TimeColumn: return QStringLiteral("Time");
    case StepColumn: return QStringLiteral("Step");
    case MethodColumn: return QStringLiteral("Method");
    case UrlColumn: return QStringLiteral("URL");
    case StatusColumn: return QStringLiteral("Status");
    case MsColumn: return QStringLiteral("ms");
    default: return {};
    }
}

} // namespace ui

#include "moc_ExchangeLogModel.cpp"
