#pragma once

// Paints a FlowStepModel row: a numbered badge in the state's colour, the step's title and
// state, and its one-line outcome underneath (plain text, elided).

#include <QStyledItemDelegate>

namespace ui {

class StepItemDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace ui
