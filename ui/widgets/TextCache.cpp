#include "TextCache.h"

#include <QFontMetrics>
#include <QPainter>
#include <QRect>
#include <QStyle>
#include <QTransform>

namespace ui {

const QStaticText &TextCache::text(const QString &text, const QFont &font, int width, Qt::TextElideMode mode)
{
    Key key{text, font, width, mode};
    const auto found = m_texts.constFind(key);
    if (found != m_texts.constEnd())
        return *found;
    if (m_texts.size() >= m_capacity)
        m_texts.clear();
    QStaticText laidOut(mode == Qt::ElideNone ? text : QFontMetrics(font).elidedText(text, mode, width));
    laidOut.setTextFormat(Qt::PlainText);
    laidOut.setPerformanceHint(QStaticText::AggressiveCaching);
    laidOut.prepare(QTransform(), font);
    return *m_texts.insert(std::move(key), std::move(laidOut));
}

void TextCache::draw(QPainter *painter, const QRect &rect, Qt::Alignment alignment, const QString &text, const QFont &font,
                     Qt::TextElideMode mode)
{
    if (text.isEmpty() || rect.width() <= 0)
        return;
    const QStaticText &laidOut = this->text(text, font, rect.width(), mode);
    const QSize size = laidOut.size().toSize();
    painter->setFont(font);
    const QRect placed = QStyle::alignedRect(painter->layoutDirection(), alignment, size, rect);
    painter->drawStaticText(placed.topLeft(), laidOut);
}

} // namespace ui
