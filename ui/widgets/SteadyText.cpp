#include "SteadyText.h"

#include "ui/widgets/WrappedLabel.h"

#include <QEvent>
#include <QResizeEvent>
#include <QSizePolicy>

namespace ui {

SteadyText::SteadyText(QWidget *parent) : QWidget(parent), m_label(new WrappedLabel(QString(), this))
{
    m_label->setWordWrap(true);
    m_label->installEventFilter(this);
    // As the label's own policy: preferred both ways; the height follows the width (hasHeightForWidth).
    setSizePolicy(QSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred, QSizePolicy::Label));
}

QString SteadyText::shapeOf(const QString &text)
{
    QString shape = text;
    for (QChar &c : shape)
        if (c.isDigit())
            c = QLatin1Char('0');
    return shape;
}

void SteadyText::setText(const QString &text)
{
    if (text == m_label->text())
        return;
    // The label's own updateGeometry() reaches this box only (a posted LayoutRequest, ignored).
    m_label->setText(text);
    QString shape = shapeOf(text);
    if (shape == m_shape)
        return;
    m_shape = std::move(shape);
    forget();
}

void SteadyText::forget()
{
    m_sizeHint.reset();
    m_minimumSizeHint.reset();
    m_measured.fill(Measured{});
    m_next = 0;
    updateGeometry();
}

QSize SteadyText::sizeHint() const
{
    if (!m_sizeHint)
        m_sizeHint = m_label->sizeHint();
    return *m_sizeHint;
}

QSize SteadyText::minimumSizeHint() const
{
    if (!m_minimumSizeHint)
        m_minimumSizeHint = m_label->minimumSizeHint();
    return *m_minimumSizeHint;
}

bool SteadyText::hasHeightForWidth() const
{
    return m_label->wordWrap(); // the label says so only once it has had a text
}

int SteadyText::heightForWidth(int width) const
{
    for (const Measured &measured : m_measured)
        if (measured.width == width)
            return measured.height;
    Measured &slot = m_measured.at(m_next);
    m_next = (m_next + 1) % kWidths;
    slot.width = width;
    slot.height = m_label->heightForWidth(width);
    return slot.height;
}

void SteadyText::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_label->setGeometry(rect());
}

bool SteadyText::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_label) {
        switch (event->type()) {
        case QEvent::FontChange:
        case QEvent::StyleChange:
        case QEvent::ContentsRectChange:
        case QEvent::LayoutDirectionChange:
            forget(); // what the text is laid out with changed: the hints too
            break;
        case QEvent::ShowToParent:
        case QEvent::HideToParent: updateGeometry(); break;
        default: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ui

#include "moc_SteadyText.cpp"
