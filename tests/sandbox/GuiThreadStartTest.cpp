// The sandbox on a GUI thread (a QGuiApplication on the offscreen platform), as the app hosts it:
// SandboxHost::start() returns at once without a nested event loop, the GUI thread keeps turning
// while the key is generated, and the server lives on a thread of its own. SandboxServer::start(),
// which generates the key on the calling thread, is refused on a GUI thread (DESIGN.md: the GUI
// thread never waits on crypto).

#include "sandbox/SandboxHost.h"
#include "sandbox/SandboxServer.h"

#include "tests/support/EventLoop.h"

#include <QGuiApplication>
#include <QThread>
#include <QTimer>

#include <gtest/gtest.h>

using oidc::test::spinUntil;

TEST(GuiThreadStart, TheHostStartsTheServerOnItsOwnThread)
{
    int ticks = 0;
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, &timer, [&] { ++ticks; });
    timer.start(1);
    sandbox::SandboxHost host;
    bool started = false;
    QString failure;
    QObject::connect(&host, &sandbox::SandboxHost::started, &host, [&started] { started = true; });
    QObject::connect(&host, &sandbox::SandboxHost::startFailed, &host, [&failure](const QString &message) { failure = message; });

    // An event queued before start() runs only after it returns: start() spins no event loop.
    bool queuedRan = false;
    QMetaObject::invokeMethod(&timer, [&queuedRan] { queuedRan = true; }, Qt::QueuedConnection);
    host.start(0);
    EXPECT_FALSE(queuedRan);
    EXPECT_FALSE(host.isRunning());

    ASSERT_TRUE(spinUntil([&] { return started || !failure.isEmpty(); }, 30000));
    ASSERT_TRUE(started) << failure.toStdString();
    EXPECT_TRUE(queuedRan);
    EXPECT_GT(ticks, 0); // RSA 2048 generation takes tens of milliseconds
    EXPECT_TRUE(host.isRunning());
    EXPECT_EQ(host.baseUrl().host().toStdString(), "127.0.0.1");

    QThread *serverThread = nullptr;
    host.call<QThread *>(&host, [](sandbox::SandboxServer &server) { return server.thread(); },
                         [&serverThread](QThread *thread) { serverThread = thread; });
    ASSERT_TRUE(spinUntil([&] { return serverThread != nullptr; }));
    EXPECT_NE(serverThread, QThread::currentThread());
}

TEST(GuiThreadStart, SandboxServerStartIsRefusedOnAGuiThread)
{
    sandbox::SandboxServer server;
    bool queuedRan = false;
    QMetaObject::invokeMethod(&server, [&queuedRan] { queuedRan = true; }, Qt::QueuedConnection);
    const auto started = server.start(0);
    ASSERT_FALSE(started.ok());
    EXPECT_EQ(started.error().code, "SANDBOX_GUI_THREAD");
    EXPECT_FALSE(server.isRunning());
    EXPECT_FALSE(queuedRan);
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication application(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
