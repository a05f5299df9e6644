#pragma once

// The exchange log filtered to one Descope area: the rows of an ExchangeLogModel whose label
// starts with the area's prefix (AreaLabelTransport: "Session · Descope refresh"), newest last as
// the log has them. The Step column drops the prefix ("Descope refresh") and the URL column shows
// the path alone (redacted like the log's); RecordIdRole and FailedRole come from the log's model.

#include <QSortFilterProxyModel>
#include <QString>

namespace oidc::net {
class ExchangeLog;
}

namespace ui {

class ExchangeLogModel;

class AreaExchangeModel final : public QSortFilterProxyModel {
    Q_OBJECT
public:
    AreaExchangeModel(oidc::net::ExchangeLog *log, const QString &area, QObject *parent = nullptr);

    [[nodiscard]] ExchangeLogModel *logModel() const { return m_logModel; }
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ExchangeLogModel *m_logModel;
    QString m_prefix;
};

} // namespace ui
