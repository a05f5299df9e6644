// The GoogleTest entry point of the suites that need an event loop (the Qt transport, the loopback
// servers, the sandbox, FlowSession's off-thread work): a QCoreApplication, which the tests spin
// themselves.

#include <QCoreApplication>

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
