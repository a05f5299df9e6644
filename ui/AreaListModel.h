#pragma once

// The product's areas, as the navigation list shows them. An area is enabled once a panel is
// registered for it; until then it stays visible, disabled, with a note saying what it waits for.

#include <QAbstractListModel>
#include <QString>

#include <vector>

namespace ui {

class AreaListModel final : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1, // QString, stable id ("jwt-inspector")
        NoteRole,                  // QString, the one-line note drawn under the title
        AvailableRole,             // bool, a panel is registered
    };

    struct Area final {
        QString id;
        QString title;
        QString note;
        bool available = false;
    };

    explicit AreaListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Appends an area, or updates the title and note of an existing one. Returns its row.
    int addArea(const QString &id, const QString &title, const QString &note);
    void setAvailable(const QString &id, bool available);
    void setNote(const QString &id, const QString &note);

    [[nodiscard]] int rowOf(const QString &id) const; // -1 when unknown
    [[nodiscard]] const Area *area(const QString &id) const;
    [[nodiscard]] const Area &areaAt(int row) const { return m_areas.at(static_cast<size_t>(row)); }
    [[nodiscard]] int firstAvailableRow() const; // -1 when none

private:
    std::vector<Area> m_areas;
};

} // namespace ui
