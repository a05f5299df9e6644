#include "CachedTextDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QWidget>

namespace ui {

namespace {

// A cell of one line of text alone: no check box, icon, wrapping or editor.
bool isPlainLine(const QStyleOptionViewItem &opt)
{
    constexpr auto kOwnLayout = QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::HasDecoration | QStyleOptionViewItem::WrapText;
    return !(opt.features & kOwnLayout) && !(opt.state & QStyle::State_Editing) && !opt.text.contains(QLatin1Char('\n'))
        && !opt.text.contains(QChar::LineSeparator);
}

} // namespace

QSize CachedTextDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.data(Qt::SizeHintRole).isValid())
        return QStyledItemDelegate::sizeHint(option, index);
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (!isPlainLine(opt))
        return QStyledItemDelegate::sizeHint(option, index);
    // A plain line's hint depends on its text, its font and the style's margins alone (not on the
    // cell's rectangle: that matters to wrapped text only).
    HintKey key{opt.text, opt.font, (opt.widget ? opt.widget->style() : QApplication::style())->name()};
    if (const auto found = m_hints.constFind(key); found != m_hints.constEnd())
        return *found;
    const QSize hint = QStyledItemDelegate::sizeHint(option, index);
    if (m_hints.size() >= kHintCapacity)
        m_hints.clear();
    m_hints.insert(std::move(key), hint);
    return hint;
}

void CachedTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    if (!isPlainLine(opt)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // Where QCommonStyle puts the text of a cell without check box or icon (its viewItemLayout):
    // the whole cell; asking the style (SE_ItemViewItemText) would measure the text to find it.
    const QRect textRect = opt.rect;
    const QString text = opt.text;
    opt.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background, selection, focus
    if (text.isEmpty())
        return;
    // The pen and margins of QCommonStylePrivate::viewItemDrawText.
    const QPalette::ColorGroup group = viewItemColorGroup(opt.state);
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    painter->save();
    painter->setPen(opt.palette.color(group, opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    m_texts.draw(painter, textRect.adjusted(margin, 0, -margin, 0), opt.displayAlignment, text, opt.font, opt.textElideMode);
    painter->restore();
}

} // namespace ui

#include "moc_CachedTextDelegate.cpp"
