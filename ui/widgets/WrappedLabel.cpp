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
    Measured now;
    now.text = text();
    now.width = width;
    now.wordWrap = wordWrap();
    now.margin = margin();
    now.indent = indent();
    now.contents = contentsMargins() + QMargins(frameWidth(), frameWidth(), frameWidth(), frameWidth());
    if (m_measured.width == now.width && m_measured.wordWrap == now.wordWrap && m_measured.margin == now.margin
        && m_measured.indent == now.indent && m_measured.contents == now.contents && m_measured.text == now.text)
        return m_measured.height;
    now.height = QLabel::heightForWidth(width);
    m_measured = std::move(now);
    return m_measured.height;
}

bool WrappedLabel::event(QEvent *event)
{
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::StyleChange:
    case QEvent::Polish:
    case QEvent::ContentsRectChange:
    case QEvent::LayoutDirectionChange:
        m_measured = {}; // what the text is laid out with changed
        break;
    default: break;
    }
    return QLabel::event(event);
}

} // namespace ui
