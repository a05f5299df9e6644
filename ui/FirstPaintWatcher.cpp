#include "FirstPaintWatcher.h"

#include <QApplication>
#include <QEvent>
#include <QTimer>
#include <QWidget>

namespace ui {

FirstPaintWatcher::FirstPaintWatcher(QWidget *window, std::function<void()> action,
                                     std::optional<std::chrono::milliseconds> fallback)
    : QObject(window)
    , m_window(window)
    , m_action(std::move(action))
{
    // Paint events go to whichever widgets are dirty, not necessarily the top level: watch them
    // all and keep the first one that belongs to the window.
    qApp->installEventFilter(this);
    if (fallback)
        QTimer::singleShot(*fallback, this, &FirstPaintWatcher::fire);
}

bool FirstPaintWatcher::eventFilter(QObject *watched, QEvent *event)
{
    if (!m_painted && event->type() == QEvent::Paint && watched->isWidgetType()
        && static_cast<QWidget *>(watched)->window() == m_window) {
        m_painted = true;
        qApp->removeEventFilter(this);
        QTimer::singleShot(0, this, &FirstPaintWatcher::fire);
    }
    return QObject::eventFilter(watched, event);
}

void FirstPaintWatcher::fire()
{
    if (m_fired)
        return;
    m_fired = true;
    qApp->removeEventFilter(this);
    m_action();
    deleteLater();
}

} // namespace ui

#include "moc_FirstPaintWatcher.cpp"
