#include "FramePacer.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimerEvent>
#include <QWidget>

namespace ui {

FramePacer::FramePacer(QWidget *window) : QObject(window), m_window(window)
{
    window->installEventFilter(this);
}

bool FramePacer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_window || event->type() != QEvent::UpdateRequest)
        return false;
    if (m_releasing || !m_sinceFrame.isValid() || m_sinceFrame.elapsed() >= kFrameMs) {
        // Deliver: this request paints everything that changed since the last frame.
        m_releasing = false;
        m_due.stop();
        m_sinceFrame.start();
        return false;
    }
    // Too soon: hold it until the frame is due. The window sends no other request meanwhile (its
    // repaint manager waits for this one to be delivered), so changes accumulate.
    if (!m_due.isActive()) {
        ++m_held;
        m_due.start(static_cast<int>(kFrameMs - m_sinceFrame.elapsed()), Qt::PreciseTimer, this);
    }
    return true;
}

void FramePacer::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_due.timerId())
        return QObject::timerEvent(event);
    m_due.stop();
    m_releasing = true;
    QCoreApplication::postEvent(m_window, new QEvent(QEvent::UpdateRequest), Qt::LowEventPriority);
}

} // namespace ui

#include "moc_FramePacer.cpp"
