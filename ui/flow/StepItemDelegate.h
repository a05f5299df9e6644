#pragma once

// Paints a FlowStepModel row: a numbered badge in the state's colour, the step's title and
// state, and its one-line outcome underneath (plain text, elided). The texts are laid out once per
// text and width (TextCache): a running flow repaints its rows far more often than their texts change.

#include "ui/widgets/TextCache.h"

#include <QStyledItemDelegate>

namespace ui {

class StepItemDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    mutable TextCache m_texts;
};

} // namespace ui
