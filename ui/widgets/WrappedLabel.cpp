#include "WrappedLabel.h"

#include <QEvent>

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
    now.wordWrap = wordWrap();
    now.margin = margin();
    now.indent = indent();
    now.alignment = alignment();
    now.interaction = textInteractionFlags();
    now.contents = contentsMargins() + QMargins(frameWidth(), frameWidth(), frameWidth(), frameWidth());
    now.policy = sizePolicy();
    now.maximumWidth = maximumWidth();
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

int WrappedLabel::heightForWidth(int width) const
{
    Remembered &entry = remembered();
    for (const Measured &measured : entry.measured)
        if (measured.width == width)
            return measured.height;
    Measured &slot = entry.measured.at(entry.next);
    entry.next = (entry.next + 1) % kWidths;
    slot.width = width;
    slot.height = QLabel::heightForWidth(width);
    return slot.height;
}

QSize WrappedLabel::sizeHint() const
{
    Remembered &entry = remembered();
    if (!entry.sizeHint)
        entry.sizeHint = QLabel::sizeHint();
    return *entry.sizeHint;
}

QSize WrappedLabel::minimumSizeHint() const
{
    Remembered &entry = remembered();
    if (!entry.minimumSizeHint)
        entry.minimumSizeHint = QLabel::minimumSizeHint();
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
