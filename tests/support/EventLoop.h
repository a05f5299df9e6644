#pragma once

// Waiting in tests whose servers and replies run on the test's own thread: every wait spins the
// event loop so they can answer. Include as "tests/support/EventLoop.h".

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>

#include <functional>

namespace oidc::test {

// Spins the event loop until `done()` or the timeout. done() is evaluated once per turn (it may
// consume input), and its last answer is returned.
inline bool spinUntil(const std::function<bool()> &done, int timeoutMs = 5000)
{
    QDeadlineTimer deadline(timeoutMs);
    bool finished = done();
    while (!finished && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
        finished = done();
    }
    return finished;
}

// Spins the event loop for `ms` milliseconds.
inline void spin(int ms)
{
    spinUntil([] { return false; }, ms);
}

} // namespace oidc::test
