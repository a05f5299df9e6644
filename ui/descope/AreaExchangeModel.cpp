#include "AreaExchangeModel.h"

#include "ui/descope/AreaLabelTransport.h"
#include "ui/log/ExchangeLogModel.h"

#include "oidc/net/ExchangeLog.h"

namespace ui {

AreaExchangeModel::AreaExchangeModel(oidc::net::ExchangeLog *log, const QString &area, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_logModel(new ExchangeLogModel(log, this))
    , m_prefix(AreaLabelTransport::labelPrefix(area))
{
    setSourceModel(m_logModel);
}

bool AreaExchangeModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    const oidc::net::ExchangeRecord *record = m_logModel->recordAt(sourceRow);
    return record && record->label.startsWith(m_prefix);
}

QVariant AreaExchangeModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DisplayRole && index.isValid()) {
        if (index.column() == ExchangeLogModel::StepColumn)
            return QSortFilterProxyModel::data(index, role).toString().mid(m_prefix.size());
        if (index.column() == ExchangeLogModel::UrlColumn) {
            // The log's redacted URL, its path only: the base is the project's, shown once by the panel.
            const QUrl url(QSortFilterProxyModel::data(index, role).toString());
            return url.path();
        }
    }
    return QSortFilterProxyModel::data(index, role);
}

} // namespace ui

#include "moc_AreaExchangeModel.cpp"
