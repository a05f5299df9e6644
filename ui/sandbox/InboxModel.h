#pragma once

// The sandbox Inbox as a table, newest first, optionally filtered by login ID. It follows the
// host's snapshot of the Inbox live (inboxMessageAdded, inboxChanged) and never copies more than
// Inbox::kMaxMessages messages.

#include "sandbox/Inbox.h"
#include "sandbox/SandboxHost.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QString>

#include <vector>

namespace ui {

class InboxModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, KindColumn, ToColumn, SummaryColumn, ColumnCount };
    enum Role { MessageIdRole = Qt::UserRole + 1, KindRole, LoginIdRole };

    explicit InboxModel(sandbox::SandboxHost *host, QObject *parent = nullptr);

    // Case-insensitive substring of the login ID (or the address); empty shows everything.
    void setLoginFilter(const QString &filter);
    [[nodiscard]] QString loginFilter() const { return m_filter; }

    [[nodiscard]] const sandbox::InboxMessage *messageAt(int row) const;
    [[nodiscard]] int rowOfMessage(quint64 id) const; // -1 when not shown

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "Enchanted link", "Magic link", "One-time code" (or the raw kind).
    [[nodiscard]] static QString kindLabel(const std::string &kind);
    // What the list shows in its last column: the code, the link numbers, or the subject.
    [[nodiscard]] static QString summary(const sandbox::InboxMessage &message);

private:
    [[nodiscard]] bool accepts(const sandbox::InboxMessage &message) const;
    void reload();
    void onMessageAdded(const sandbox::InboxMessage &message);

    QPointer<sandbox::SandboxHost> m_host;
    QString m_filter;
    std::vector<sandbox::InboxMessage> m_messages; // newest first
};

} // namespace ui
