#include "WrappedLabel.h"

#include <QEvent>
#include <QFontMetrics>
#include <QStyle>

#include <algorithm>
#include <utility>

namespace ui {

WrappedLabel::WrappedLabel(const QString &text, QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setText(text);
}

WrappedLabel::Basis WrappedLabel::basis() const
{
    Basis now;
    now.text = text();
    now.format = textFormat();
    now.buddy = buddy() != nullptr;
    now.wordWrap = wordWrap();
    now.margin = margin();
    now.indent = indent();
    now.alignment = alignment();
    now.contents = contentsMargins() + QMargins(frameWidth(), frameWidth(), frameWidth(), frameWidth());
    now.policy = sizePolicy();
    now.maximumWidth = maximumWidth();
    now.minimum = minimumSize();
    return now;
}

WrappedLabel::Remembered &WrappedLabel::remembered() const
{
    ensurePolished(); // before anything is remembered: polishing forgets it
    Basis now = basis();
    // Most asks are for the text of the last one.
    if (m_remembered.at(m_current).basis == now)
        return m_remembered.at(m_current);
    for (size_t i = 0; i < kTexts; ++i) {
        if (m_remembered.at(i).basis == now) {
            m_current = i;
            return m_remembered.at(i);
        }
    }
    m_current = m_next;
    m_next = (m_next + 1) % kTexts;
    Remembered &entry = m_remembered.at(m_current);
    entry = Remembered{};
    entry.basis = std::move(now);
    return entry;
}

bool WrappedLabel::measuredByQLabel() const
{
    // A buddy's '&' shortcut and rich text (were a caller to set it) are QLabel's to measure.
    return buddy() || textFormat() != Qt::PlainText;
}

QSize WrappedLabel::sizeForWidth(int width) const
{
    // QLabelPrivate::sizeForWidth (Qt 6.4) for a plain text without a text control or shortcut.
    if (minimumWidth() > 0)
        width = std::max(width, minimumWidth());
    const QMargins contents = contentsMargins();
    const QSize contentsMargin(contents.left() + contents.right(), contents.top() + contents.bottom());
    int hextra = 2 * margin();
    int vextra = hextra;
    const QFontMetrics metrics = fontMetrics();
    const int align = QStyle::visualAlignment(text().isRightToLeft() ? Qt::RightToLeft : Qt::LeftToRight, alignment())
        | Qt::TextExpandTabs | (wordWrap() ? Qt::TextWordWrap : 0); // QLabel always expands tabs
    int indentation = indent();
    if (indentation < 0 && frameWidth() != 0) // no indent, but a frame
        indentation = metrics.horizontalAdvance(QLatin1Char('x')) - margin() * 2;
    if (indentation > 0) {
        if ((align & Qt::AlignLeft) || (align & Qt::AlignRight))
            hextra += indentation;
        if ((align & Qt::AlignTop) || (align & Qt::AlignBottom))
            vextra += indentation;
    }
    // Without centring, which rounds; only the size counts.
    const int flags = align & ~(Qt::AlignVCenter | Qt::AlignHCenter);
    const bool tryWidth = width < 0 && (align & Qt::TextWordWrap);
    if (tryWidth)
        width = std::min(metrics.averageCharWidth() * 80, maximumSize().width());
    else if (width < 0)
        width = 2000;
    width -= hextra + contentsMargin.width();
    QRect bounds = metrics.boundingRect(0, 0, width, 2000, flags, text());
    if (tryWidth && bounds.height() < 4 * metrics.lineSpacing() && bounds.width() > width / 2)
        bounds = metrics.boundingRect(0, 0, width / 2, 2000, flags, text());
    if (tryWidth && bounds.height() < 2 * metrics.lineSpacing() && bounds.width() > width / 4)
        bounds = metrics.boundingRect(0, 0, width / 4, 2000, flags, text());
    const QSize contentsSize(bounds.width() + hextra, bounds.height() + vextra);
    return (contentsSize + contentsMargin).expandedTo(minimumSize());
}

int WrappedLabel::heightForWidth(int width) const
{
    Remembered &entry = remembered();
    for (const Measured &measured : entry.measured)
        if (measured.width == width)
            return measured.height;
    Measured &slot = entry.measured.at(entry.next);
    entry.next = (entry.next + 1) % kWidths;
    slot.width = width;
    slot.height = measuredByQLabel() ? QLabel::heightForWidth(width) : sizeForWidth(width).height();
    return slot.height;
}

QSize WrappedLabel::sizeHint() const
{
    Remembered &entry = remembered();
    if (!entry.sizeHint)
        entry.sizeHint = measuredByQLabel() ? QLabel::sizeHint() : sizeForWidth(-1);
    return *entry.sizeHint;
}

QSize WrappedLabel::minimumSizeHint() const
{
    Remembered &entry = remembered();
    if (!entry.minimumSizeHint && measuredByQLabel())
        entry.minimumSizeHint = QLabel::minimumSizeHint();
    if (!entry.minimumSizeHint) {
        // As QLabel::minimumSizeHint(): one line's height (no higher than the hint), the widest word.
        const QSize hint = sizeHint();
        entry.minimumSizeHint = QSize(sizeForWidth(0).width(), std::min(sizeForWidth(QWIDGETSIZE_MAX).height(), hint.height()));
    }
    return *entry.minimumSizeHint;
}

void WrappedLabel::forget() const
{
    m_remembered.fill(Remembered{});
    m_current = 0;
    m_next = 0;
}

bool WrappedLabel::event(QEvent *event)
{
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::StyleChange:
    case QEvent::Polish:
    case QEvent::ContentsRectChange:
    case QEvent::LayoutDirectionChange:
        forget(); // what the text is laid out with changed
        break;
    default: break;
    }
    return QLabel::event(event);
}

} // namespace ui

#include "moc_WrappedLabel.cpp"
