#include "InterruptWatch.h"

#include <sys/socket.h>
#include <unistd.h>

namespace cli {

namespace {

int g_interruptWriteFd = -1;

extern "C" void forwardInterrupt(int signalNumber)
{
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    if (g_interruptWriteFd >= 0)
        (void)!::write(g_interruptWriteFd, &byte, 1);
}

} // namespace

InterruptWatch::InterruptWatch(std::function<void()> onInterrupt)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, m_fds) != 0)
        return;
    g_interruptWriteFd = m_fds[0];
    struct sigaction action {};
    action.sa_handler = forwardInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, &m_previousInt);
    ::sigaction(SIGTERM, &action, &m_previousTerm);
    m_notifier = std::make_unique<QSocketNotifier>(m_fds[1], QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(),
                     [notifier = m_notifier.get(), fd = m_fds[1], onInterrupt = std::move(onInterrupt)] {
                         unsigned char byte = 0;
                         (void)!::read(fd, &byte, 1);
                         notifier->setEnabled(false);
                         onInterrupt();
                     });
}

InterruptWatch::~InterruptWatch()
{
    if (!m_notifier)
        return;
    m_notifier.reset();
    ::sigaction(SIGINT, &m_previousInt, nullptr);
    ::sigaction(SIGTERM, &m_previousTerm, nullptr);
    g_interruptWriteFd = -1;
    ::close(m_fds[0]);
    ::close(m_fds[1]);
}

} // namespace cli
