#pragma once

// Paints a FlowStepModel row: a numbered badge in the state's colour, the step's title and
// state, and its one-line outcome underneath (plain text, elided). The texts are laid out once per
// text and width (TextCache): a running flow repaints its rows far more often than their texts change.
// The badge's disc is drawn once per size, colour, outline and pixel ratio into a pixmap (an
// antialiased ellipse cost as much as the rest of the row).
// Whole rows are kept as pixmaps too, per everything they show: the list paints every row between
// the first and the last changed one (QListView paints the bounding rectangle of what changed), so
// during a flow most rows it paints did not change, and a changed row goes through the same few
// states in every flow; painting a row's four texts glyph by glyph was a third of the GUI thread's
// painting during a flow (issue 12, bench/gui --trace). A row is kept the second time it is painted
// alike, so the first paint of the window keeps nothing (issue 7: resident memory at start-up).

#include "ui/widgets/TextCache.h"

#include <QFont>
#include <QHash>
#include <QPixmap>
#include <QSet>
#include <QStyle>
#include <QStyledItemDelegate>

namespace ui {

class StepItemDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    // What a row shows, all of it but the font (the rows kept are in one font): equal keys paint
    // equal pixels.
    struct RowKey final {
        QString title;
        QString stateText;
        QString summary;
        QString badge;
        int state = 0;
        QStyle::State styleState;
        QSize size;
        qreal pixelRatio = 1;
        qint64 palette = 0;
        Qt::LayoutDirection direction = Qt::LeftToRight;
        bool operator==(const RowKey &) const = default;
    };
    friend size_t qHash(const RowKey &key, size_t seed)
    {
        return qHashMulti(seed, key.title, key.stateText, key.summary, key.badge, key.state, key.styleState.toInt(), key.size.width(),
                          key.size.height(), key.palette);
    }
    static constexpr qsizetype kRows = 64; // rows kept (12 steps in a few states each); ~35 KB each

    void paintRow(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    [[nodiscard]] QPixmap disc(int diameter, const QColor &color, bool outline, qreal pixelRatio) const;

    mutable TextCache m_texts;
    mutable QHash<quint64, QPixmap> m_discs; // by diameter, colour and outline, at m_discRatio
    mutable qreal m_discRatio = 0;
    mutable QHash<RowKey, QPixmap> m_rows; // in m_rowsFont
    mutable QFont m_rowsFont;
    mutable QSet<size_t> m_seenOnce; // hashes of rows painted once and not kept yet
};

} // namespace ui
