// SandboxServer::start() on a GUI thread generates its key in a worker and keeps the event loop
// turning (DESIGN.md: the GUI thread never waits on crypto).

#include "sandbox/SandboxServer.h"

#include <QGuiApplication>
#include <QTimer>

#include <gtest/gtest.h>

TEST(GuiThreadStart, TheEventLoopKeepsTurningDuringKeyGeneration)
{
    int ticks = 0;
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, &timer, [&] { ++ticks; });
    timer.start(1);
    sandbox::SandboxServer server;
    const auto started = server.start(0);
    ASSERT_TRUE(started.ok()) << started.error().summary();
    EXPECT_TRUE(server.isRunning());
    EXPECT_GT(ticks, 0); // RSA 2048 generation takes tens of milliseconds
    EXPECT_EQ(server.baseUrl().host().toStdString(), "127.0.0.1");
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication application(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
