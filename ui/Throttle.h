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
    [[nodiscard]] bool isPending() const { return m_timer.isActive(); }

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    int m_delayMs;
    int m_intervalMs;
    std::function<void()> m_action;
    QBasicTimer m_timer;
    QElapsedTimer m_sinceRun;
};

} // namespace ui
