#pragma once

// Texts laid out once for painting. QPainter::drawText() and the item views' text drawing shape
// the text (Unicode attributes, HarfBuzz) on every paint, and elide it by laying it out again:
// during a flow the step list and the checks tables repaint rows whose texts did not change many
// times, and shaping was the largest part of their paint time (callgrind of bench/gui). Here a text
// is elided to its width and laid out once, as a QStaticText, and painted from it afterwards.
// A text is kept per (text, font, width, elision), so a change of any of them lays the new text out
// and the old one is simply no longer asked for; the cache forgets everything when it is full.

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QString>

class QPainter;
class QRect;

namespace ui {

class TextCache final {
public:
    explicit TextCache(qsizetype capacity = 512) : m_capacity(capacity) {}

    // `text` in `font`, elided to `width` pixels with `mode` (Qt::ElideNone: whole), laid out.
    [[nodiscard]] const QStaticText &text(const QString &text, const QFont &font, int width, Qt::TextElideMode mode = Qt::ElideRight);

    // Paints `text` as text() lays it out, placed in `rect` by `alignment` (horizontal: left, right
    // or centre; vertical: top, bottom or centre), with the painter's pen, in `font` (the painter's
    // font is set to it).
    void draw(QPainter *painter, const QRect &rect, Qt::Alignment alignment, const QString &text, const QFont &font,
              Qt::TextElideMode mode = Qt::ElideRight);

    [[nodiscard]] qsizetype size() const { return m_texts.size(); }
    void clear() { m_texts.clear(); }

private:
    struct Key final {
        QString text;
        QFont font;
        int width = 0;
        Qt::TextElideMode mode = Qt::ElideRight;
        bool operator==(const Key &other) const
        {
            return width == other.width && mode == other.mode && text == other.text && font == other.font;
        }
    };
    friend size_t qHash(const Key &key, size_t seed) { return qHashMulti(seed, key.text, key.font, key.width, static_cast<int>(key.mode)); }

    qsizetype m_capacity;
    QHash<Key, QStaticText> m_texts;
};

} // namespace ui
