#include "AreaListModel.h"

namespace ui {

AreaListModel::AreaListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int AreaListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_areas.size());
}

QVariant AreaListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Area &area = m_areas.at(static_cast<size_t>(index.row()));
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return area.title;
    case Qt::ToolTipRole:
    case Qt::AccessibleDescriptionRole:
    case NoteRole:
        return area.note;
    case IdRole:
        return area.id;
    case AvailableRole:
        return area.available;
    default:
        return {};
    }
}

Qt::ItemFlags AreaListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    if (!m_areas.at(static_cast<size_t>(index.row())).available)
        return Qt::ItemNeverHasChildren; // visible, but neither enabled nor selectable
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> AreaListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "areaId");
    names.insert(NoteRole, "note");
    names.insert(AvailableRole, "available");
    return names;
}

int AreaListModel::addArea(const QString &id, const QString &title, const QString &note)
{
    if (const int row = rowOf(id); row >= 0) {
        Area &area = m_areas[static_cast<size_t>(row)];
        area.title = title;
        area.note = note;
        const QModelIndex changed = index(row);
        Q_EMIT dataChanged(changed, changed);
        return row;
    }
    const int row = static_cast<int>(m_areas.size());
    beginInsertRows({}, row, row);
    m_areas.push_back(Area{id, title, note, false});
    endInsertRows();
    return row;
}

void AreaListModel::setAvailable(const QString &id, bool available)
{
    const int row = rowOf(id);
    if (row < 0 || m_areas[static_cast<size_t>(row)].available == available)
        return;
    m_areas[static_cast<size_t>(row)].available = available;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed);
}

void AreaListModel::setNote(const QString &id, const QString &note)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_areas[static_cast<size_t>(row)].note = note;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed);
}

int AreaListModel::rowOf(const QString &id) const
{
    for (size_t i = 0; i < m_areas.size(); ++i)
        if (m_areas[i].id == id)
            return static_cast<int>(i);
    return -1;
}

const AreaListModel::Area *AreaListModel::area(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &m_areas[static_cast<size_t>(row)];
}

int AreaListModel::firstAvailableRow() const
{
    for (size_t i = 0; i < m_areas.size(); ++i)
        if (m_areas[i].available)
            return static_cast<int>(i);
    return -1;
}

} // namespace ui

#include "moc_AreaListModel.cpp"
