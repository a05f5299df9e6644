#include "ui/sandbox/InboxModel.h"

#include "ui/UiText.h"

#include <QDateTime>
#include <QBrush>
#include <QFont>

namespace ui {

InboxModel::InboxModel(sandbox::SandboxHost *host, QObject *parent)
    : QAbstractTableModel(parent)
    , m_host(host)
{
    if (m_host) {
        connect(m_host, &sandbox::SandboxHost::inboxMessageAdded, this, &InboxModel::onMessageAdded);
        connect(m_host, &sandbox::SandboxHost::inboxChanged, this, &InboxModel::reload);
        connect(m_host, &QObject::destroyed, this, &InboxModel::reload);
    }
    reload();
}

void InboxModel::setLoginFilter(const QString &filter)
{
    const QString trimmed = filter.trimmed();
    if (trimmed == m_filter)
        return;
    m_filter = trimmed;
    reload();
}

bool InboxModel::accepts(const sandbox::InboxMessage &message) const
{
    if (m_filter.isEmpty())
        return true;
    return qs(message.loginId).contains(m_filter, Qt::CaseInsensitive) || qs(message.to).contains(m_filter, Qt::CaseInsensitive);
}

void InboxModel::reload()
{
    beginResetModel();
    m_messages.clear();
    if (m_host) {
        for (const auto &message : m_host->inbox()) { // newest first
            if (accepts(message))
                m_messages.push_back(message);
        }
    }
    endResetModel();
}

void InboxModel::onMessageAdded(const sandbox::InboxMessage &message)
{
    if (!accepts(message))
        return;
    beginInsertRows({}, 0, 0);
    m_messages.insert(m_messages.begin(), message);
    endInsertRows();
    // The Inbox drops its oldest messages beyond its cap; so does the model.
    if (m_messages.size() > sandbox::Inbox::kMaxMessages) {
        const int first = static_cast<int>(sandbox::Inbox::kMaxMessages);
        beginRemoveRows({}, first, static_cast<int>(m_messages.size()) - 1);
        m_messages.resize(sandbox::Inbox::kMaxMessages);
        endRemoveRows();
    }
}

const sandbox::InboxMessage *InboxModel::messageAt(int row) const
{
    if (row < 0 || static_cast<size_t>(row) >= m_messages.size())
        return nullptr;
    return &m_messages[static_cast<size_t>(row)];
}

int InboxModel::rowOfMessage(quint64 id) const
{
    for (size_t i = 0; i < m_messages.size(); ++i) {
        if (m_messages[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

int InboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_messages.size());
}

int InboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString InboxModel::kindLabel(const std::string &kind)
{
    if (kind == "enchanted-link")
        return tr("Enchanted link");
    if (kind == "magic-link")
        return tr("Magic link");
    if (kind == "otp")
        return tr("One-time code");
    return qs(kind);
}

QString InboxModel::summary(const sandbox::InboxMessage &message)
{
    if (!message.code.empty())
        return tr("Code %1").arg(qs(message.code));
    if (message.kind == "enchanted-link" && !message.links.empty()) {
        QStringList numbers;
        for (const auto &link : message.links)
            numbers << qs(link.number);
        return tr("Links %1").arg(numbers.join(QStringLiteral(" · ")));
    }
    if (!message.links.empty())
        return tr("1 link");
    return qs(message.subject);
}

QVariant InboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto &message = m_messages[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromSecsSinceEpoch(message.createdAt).toLocalTime().toString(QStringLiteral("HH:mm:ss"));
        case KindColumn:
            return kindLabel(message.kind);
        case ToColumn:
            return qs(message.to.empty() ? message.loginId : message.to);
        case SummaryColumn:
            return summary(message);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return QDateTime::fromSecsSinceEpoch(message.createdAt).toLocalTime().toString(Qt::ISODate);
        return plainToolTip(tr("%1 via %2 to %3 (login ID %4)")
                                .arg(kindLabel(message.kind), qs(message.channel), qs(message.to), qs(message.loginId)));
    case Qt::FontRole:
        if (index.column() == SummaryColumn && !message.code.empty())
            return monospaceFont();
        return {};
    case Qt::ForegroundRole:
        if (index.column() == TimeColumn)
            return QBrush(mutedColor());
        return {};
    case MessageIdRole:
        return QVariant::fromValue(message.id);
    case KindRole:
        return qs(message.kind);
    case LoginIdRole:
        return qs(message.loginId);
    default:
        return {};
    }
}

QVariant InboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Kind");
    case ToColumn:
        return tr("To");
    case SummaryColumn:
        return tr("Content");
    default:
        return {};
    }
}

} // namespace ui

#include "moc_InboxModel.cpp"
