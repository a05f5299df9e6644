#pragma once

// The item delegate of the tables of records (setUpRecordTable): QStyledItemDelegate's look, with
// each cell's one-line text elided and laid out once (TextCache) instead of at every paint. The
// checks tables repaint all their cells on each change of a flow's session (callgrind of
// bench/gui: QTableView's paints 12 % of the GUI thread's instructions, most of it shaping the same
// texts again). A cell the cache does not fit — a check box, an icon, wrapped or multi-line text,
// an editor open — is painted by QStyledItemDelegate as before.

#include "ui/widgets/TextCache.h"

#include <QStyledItemDelegate>

namespace ui {

class CachedTextDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    mutable TextCache m_texts;
};

} // namespace ui
