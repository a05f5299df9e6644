// The GoogleTest entry point of the suites that need an event loop (the Qt transport, the loopback
// servers, the sandbox, FlowSession's off-thread work): a QCoreApplication, which the tests spin
// themselves.

#include <QCoreApplication>
#include <QThreadPool>

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    const int status = RUN_ALL_TESTS();
    // Off-thread work (runOffThread) may still be running, and idle pool threads still hold
    // OpenSSL's per-thread state: join them while OpenSSL is alive, so that each thread's state is
    // freed at its exit rather than torn down with the process (which LeakSanitizer reports).
    QThreadPool::globalInstance()->waitForDone();
    return status;
}
