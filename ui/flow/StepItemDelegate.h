#pragma once

// Paints a FlowStepModel row: a numbered badge in the state's colour, the step's title and
// state, and its one-line outcome underneath (plain text, elided). The texts are laid out once per
// text and width (TextCache): a running flow repaints its rows far more often than their texts change.
// The badge's disc is drawn once per size, colour, outline and pixel ratio into a pixmap (an
// antialiased ellipse cost as much as the rest of the row).

#include "ui/widgets/TextCache.h"

#include <QHash>
#include <QPixmap>
#include <QStyledItemDelegate>

namespace ui {

class StepItemDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    [[nodiscard]] QPixmap disc(int diameter, const QColor &color, bool outline, qreal pixelRatio) const;

    mutable TextCache m_texts;
    mutable QHash<quint64, QPixmap> m_discs; // by diameter, colour and outline, at m_discRatio
    mutable qreal m_discRatio = 0;
};

} // namespace ui
