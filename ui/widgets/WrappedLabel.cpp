#include "WrappedLabel.h"

#include <QEvent>

#include <utility>

namespace ui {

WrappedLabel::WrappedLabel(const QString &text, QWidget *parent) : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setText(text);
}

int WrappedLabel::heightForWidth(int width) const
{
    Basis now;
    now.text = text();
    now.wordWrap = wordWrap();
    now.margin = margin();
    now.indent = indent();
    now.contents = contentsMargins() + QMargins(frameWidth(), frameWidth(), frameWidth(), frameWidth());
    if (!(now == m_basis)) {
        forget();
        m_basis = std::move(now);
    }
    for (const Measured &measured : m_measured)
        if (measured.width == width)
            return measured.height;
    Measured &slot = m_measured.at(m_next);
    m_next = (m_next + 1) % kWidths;
    slot.width = width;
    slot.height = QLabel::heightForWidth(width);
    return slot.height;
}

void WrappedLabel::forget() const
{
    m_measured.fill(Measured{});
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
