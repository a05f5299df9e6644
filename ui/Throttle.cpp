#include "Throttle.h"

#include <QTimerEvent>

#include <algorithm>

namespace ui {

Throttle::Throttle(int delayMs, int intervalMs, std::function<void()> action, QObject *parent)
    : QObject(parent)
    , m_delayMs(delayMs)
    , m_intervalMs(intervalMs)
    , m_action(std::move(action))
{
}

void Throttle::request()
{
    if (m_timer.isActive())
        return;
    const qint64 sinceRun = m_sinceRun.isValid() ? m_sinceRun.elapsed() : m_intervalMs;
    const auto wait = static_cast<int>(std::max<qint64>(m_delayMs, m_intervalMs - sinceRun));
    m_timer.start(wait, Qt::PreciseTimer, this);
}

void Throttle::cancel()
{
    m_timer.stop();
}

void Throttle::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId())
        return QObject::timerEvent(event);
    m_timer.stop();
    m_sinceRun.start();
    m_action();
}

} // namespace ui

#include "moc_Throttle.cpp"
