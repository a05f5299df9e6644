#pragma once

// The item delegate of the tables of records (setUpRecordTable): QStyledItemDelegate's look, with
// each cell's one-line text elided and laid out once (TextCache) instead of at every paint. The
// checks tables repaint all their cells on each change of a flow's session (callgrind of
// bench/gui: QTableView's paints 12 % of the GUI thread's instructions, most of it shaping the same
// texts again). A cell the cache does not fit — a check box, an icon, wrapped or multi-line text,
// an editor open — is painted by QStyledItemDelegate as before.
// The size hint of such a cell is QStyledItemDelegate's, remembered per text, font and style: a
// column that fits its contents asks every cell again at each change of the model (the checks
// tables at each step of a flow), and Qt lays each text out to answer.

#include "ui/widgets/TextCache.h"

#include <QFont>
#include <QHash>
#include <QPalette>
#include <QStyle>
#include <QStyledItemDelegate>

namespace ui {

// The palette's colour group an item is painted in for its style state, as QCommonStyle picks it:
// disabled, else inactive when its window is not the active one.
[[nodiscard]] inline QPalette::ColorGroup viewItemColorGroup(QStyle::State state)
{
    if (!(state & QStyle::State_Enabled))
        return QPalette::Disabled;
    return state & QStyle::State_Active ? QPalette::Normal : QPalette::Inactive;
}

class CachedTextDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    struct HintKey final {
        QString text;
        QFont font;
        QString style; // by name: a theme change replaces the style object, and a new one may take its address
        bool operator==(const HintKey &other) const { return text == other.text && font == other.font && style == other.style; }
    };
    friend size_t qHash(const HintKey &key, size_t seed) { return qHashMulti(seed, key.text, key.font, key.style); }
    static constexpr qsizetype kHintCapacity = 1024; // then forgotten all at once

    mutable TextCache m_texts;
    mutable QHash<HintKey, QSize> m_hints;
};

} // namespace ui
