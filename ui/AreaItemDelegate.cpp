#include "AreaItemDelegate.h"

#include "ui/AreaListModel.h"
#include "ui/UiText.h"

#include <QApplication>
#include <QPainter>

namespace ui {

namespace {
constexpr int kHorizontalPadding = 12;
constexpr int kVerticalPadding = 7;
constexpr int kLineGap = 2;
} // namespace

AreaItemDelegate::AreaItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QFont AreaItemDelegate::noteFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.85 : 8);
    return font;
}

void AreaItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString title = opt.text;
    const QString note = index.data(AreaListModel::NoteRole).toString();
    const bool enabled = opt.state & QStyle::State_Enabled;
    const bool selected = opt.state & QStyle::State_Selected;

    // Background, selection and focus from the style; the text is ours.
    opt.text.clear();
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QPalette::ColorGroup group = enabled ? QPalette::Normal : QPalette::Disabled;
    const QRect area = opt.rect.adjusted(kHorizontalPadding, kVerticalPadding, -kHorizontalPadding, -kVerticalPadding);

    painter->save();
    QFont titleFont = opt.font;
    if (enabled)
        titleFont.setWeight(QFont::DemiBold);
    painter->setFont(titleFont);
    painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    const QFontMetrics titleMetrics(titleFont);
    const QRect titleRect(area.left(), area.top(), area.width(), titleMetrics.height());
    painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter, titleMetrics.elidedText(title, Qt::ElideRight, area.width()));

    if (!note.isEmpty()) {
        const QFont small = noteFont(opt.font);
        const QFontMetrics noteMetrics(small);
        painter->setFont(small);
        QColor grey = selected ? opt.palette.color(group, QPalette::HighlightedText) : mutedColor();
        if (!enabled && !selected)
            grey = opt.palette.color(QPalette::Disabled, QPalette::Text);
        painter->setPen(grey);
        const QRect noteRect(area.left(), titleRect.bottom() + 1 + kLineGap, area.width(), noteMetrics.height());
        painter->drawText(noteRect, Qt::AlignLeft | Qt::AlignVCenter, noteMetrics.elidedText(note, Qt::ElideRight, area.width()));
    }
    painter->restore();
}

QSize AreaItemDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QFont titleFont = option.font;
    titleFont.setWeight(QFont::DemiBold);
    const QFontMetrics titleMetrics(titleFont);
    const QFontMetrics noteMetrics(noteFont(option.font));
    const QString title = index.data(Qt::DisplayRole).toString();
    const QString note = index.data(AreaListModel::NoteRole).toString();
    const int width = std::max(titleMetrics.horizontalAdvance(title), noteMetrics.horizontalAdvance(note));
    int height = titleMetrics.height() + 2 * kVerticalPadding;
    if (!note.isEmpty())
        height += kLineGap + noteMetrics.height();
    return {std::min(width, 320) + 2 * kHorizontalPadding, height};
}

} // namespace ui

#include "moc_AreaItemDelegate.cpp"
