#pragma once

// Runs an action at most once per interval, however often it is asked for: a request runs it
// `delay` ms later, or, when the last run is less than `interval` ms ago, once that interval is
// over; requests in between fold into that one run. A panel that shows a flow's state uses it to
// follow every change a person can see (one at a time, each at once) while a burst of changes (a
// whole flow against the built-in sandbox in a few milliseconds) is shown at a pace the GUI
// thread can paint without stalling (issue 12).

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QObject>

#include <functional>

namespace ui {

class Throttle final : public QObject {
    Q_OBJECT
public:
    Throttle(int delayMs, int intervalMs, std::function<void()> action, QObject *parent = nullptr);

    void request();
    void cancel(); // drops a pending run
    // A run comes at least `gapMs` after `other`'s last run, later if need be: two panels that
    // follow the same burst repaint in frames of their own (a frame that repaints both is the
    // longest the GUI thread stalls). Ask it of both.
    void keepApartFrom(const Throttle *other, int gapMs);
    [[nodiscard]] bool isPending() const { return m_timer.isActive(); }

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    int m_delayMs;
    int m_intervalMs;
    std::function<void()> m_action;
    QBasicTimer m_timer;
    QElapsedTimer m_sinceRun;
    const Throttle *m_apartFrom = nullptr;
    int m_apartMs = 0;
};

} // namespace ui
