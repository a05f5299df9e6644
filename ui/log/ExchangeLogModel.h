#pragma once

// The exchange log as a table: one row per HTTP exchange of the app's transport, with columns
// # / Time / Step / Method / URL (redacted) / Status / ms. Rows follow oidc::net::ExchangeLog as
// it grows, drops its oldest records and is cleared. Secrets never appear in this model: the URL
// column is always redacted; the detail pane asks the log itself, redacted unless the user reveals.

#include <QAbstractTableModel>
#include <QPointer>

namespace oidc::net {
class ExchangeLog;
struct ExchangeRecord;
} // namespace oidc::net

namespace ui {

class ExchangeLogModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NumberColumn, TimeColumn, StepColumn, MethodColumn, UrlColumn, StatusColumn, MsColumn, ColumnCount };
    enum Role {
        RecordIdRole = Qt::UserRole + 1, // int: ExchangeRecord::id
        FailedRole,                      // bool: transport error or HTTP status ≥ 400
    };

    explicit ExchangeLogModel(oidc::net::ExchangeLog *log, QObject *parent = nullptr);

    [[nodiscard]] const oidc::net::ExchangeRecord *record(const QModelIndex &index) const;
    [[nodiscard]] const oidc::net::ExchangeRecord *recordAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QPointer<oidc::net::ExchangeLog> m_log;
    int m_rows = 0; // rows announced to views (the log may be ahead between signals)
    int m_rowsBeingDropped = 0;
};

} // namespace ui
