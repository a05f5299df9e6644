#include "KeptGroupBox.h"

#include <QEvent>
#include <QPainter>
#include <QStyleOptionGroupBox>
#include <QStylePainter>

namespace ui {

void KeptGroupBox::paintEvent(QPaintEvent *event)
{
    if (isCheckable())
        return QGroupBox::paintEvent(event);
    QStyleOptionGroupBox option;
    initStyleOption(&option);
    const Key key{.size = size(), .pixelRatio = devicePixelRatio(), .title = option.text, .state = static_cast<int>(option.state)};
    if (m_kept.isNull() || key != m_key) {
        QPixmap kept(size() * key.pixelRatio);
        kept.setDevicePixelRatio(key.pixelRatio);
        kept.fill(palette().color(QPalette::Window));
        QStylePainter painter(&kept, this);
        initPainter(&painter); // the widget's font and pen, as QGroupBox's painter has them
        painter.drawComplexControl(QStyle::CC_GroupBox, option);
        painter.end();
        m_kept = kept;
        m_key = key;
    }
    QPainter painter(this);
    painter.drawPixmap(0, 0, m_kept);
}

void KeptGroupBox::changeEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::PaletteChange:
    case QEvent::FontChange:
    case QEvent::StyleChange:
    case QEvent::LayoutDirectionChange: m_kept = QPixmap(); break;
    default: break;
    }
    QGroupBox::changeEvent(event);
}

} // namespace ui

#include "moc_KeptGroupBox.cpp"
