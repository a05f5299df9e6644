#pragma once

// Draws an area of the navigation list: its title, and under it the area's note in small grey
// text (what it does, or for an area not built yet, what it waits for).

#include <QStyledItemDelegate>

namespace ui {

class AreaItemDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit AreaItemDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    [[nodiscard]] static QFont noteFont(const QFont &base);
};

} // namespace ui
