// The flow's unit tests run under a QCoreApplication: FlowSession delivers the results of its
// off-thread work (PKCE, ID-token validation) through the event loop.

#include <gtest/gtest.h>

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
