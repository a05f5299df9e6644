#pragma once

// Runs an action once a window's first frame is on screen. Start-up work that the first frame
// does not need (the first area's panel, the built-in sandbox) waits for it, so the window
// appears as early as a bare Qt Widgets window would. Qt Widgets only: bench/startup's baseline
// program measures its first paint with the same watcher.

#include <QObject>

#include <chrono>
#include <functional>
#include <optional>

class QWidget;

namespace ui {

class FirstPaintWatcher final : public QObject {
    Q_OBJECT
public:
    // Calls `action` once, on the turn of the event loop after the first paint of `window` (not
    // owned) or of any widget inside it: paint events of one frame are delivered before the
    // backing store is flushed, and a 0-ms timer fires after control returns to the event loop,
    // i.e. after the flush. With a `fallback`, the action also runs that long after construction
    // if the window has not painted by then. The watcher is a child of `window` (it dies with it)
    // and deletes itself once the action has run.
    //
    // Watchers of one window installed later see the paint first, so their actions run first.
    FirstPaintWatcher(QWidget *window, std::function<void()> action,
                      std::optional<std::chrono::milliseconds> fallback = std::nullopt);

    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fire();

    QWidget *m_window;
    std::function<void()> m_action;
    bool m_painted = false;
    bool m_fired = false;
};

} // namespace ui
