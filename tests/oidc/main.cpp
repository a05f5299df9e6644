// GoogleTest entry point with a QCoreApplication: the Qt transport and the loopback servers of the
// net tests need an event loop, which the tests spin themselves.

#include <QCoreApplication>

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
