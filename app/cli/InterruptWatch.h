#pragma once

// SIGINT and SIGTERM delivered to the Qt event loop while an object of this class lives: the
// handler only write()s one byte to a socketpair (async-signal-safe), a QSocketNotifier reads it
// and calls `onInterrupt` on this thread, once. The previous handlers come back on destruction.
// One at a time per process (the handler has one place to write to).

#include <QSocketNotifier>

#include <csignal>
#include <functional>
#include <memory>

namespace cli {

class InterruptWatch final {
public:
    explicit InterruptWatch(std::function<void()> onInterrupt);
    ~InterruptWatch();
    InterruptWatch(const InterruptWatch &) = delete;
    InterruptWatch &operator=(const InterruptWatch &) = delete;

    // False when the socketpair could not be made (the signals then keep their old handlers).
    [[nodiscard]] bool ok() const { return m_notifier != nullptr; }

private:
    int m_fds[2] = {-1, -1};
    struct sigaction m_previousInt {};
    struct sigaction m_previousTerm {};
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace cli
