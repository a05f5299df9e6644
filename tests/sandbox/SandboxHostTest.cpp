// SandboxHost: the sandbox on a thread of its own, as the GUI hosts it. The test's main thread
// plays the GUI thread. Requests are answered while that thread is busy; stop, restart and reset
// from it are safe while requests are in flight (every request the sandbox handled is answered
// in full, none is cut off half-way); the snapshot follows the server; destroying the host while
// requests are in flight leaves nothing behind (the sanitizer build runs this suite under ASan).

#include "sandbox/SandboxHost.h"

#include "tests/support/EventLoop.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>
#include <QThread>

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace {

using oidc::test::spin;
using oidc::test::spinUntil;

constexpr const char *kReaderKey = "SANDBOX-ONLY-ak-reader-0c1f5e7b2d9a";

// What a client received on one connection.
struct Answer final {
    bool connected = false;
    QByteArray bytes;          // everything the server sent before it closed
    int status = 0;            // 0: no status line arrived
    bool complete = false;     // the status line, the head and exactly Content-Length bytes of body
    QByteArray body;
};

Answer parseAnswer(QByteArray bytes)
{
    Answer answer;
    answer.connected = true;
    answer.bytes = std::move(bytes);
    const qsizetype headEnd = answer.bytes.indexOf("\r\n\r\n");
    if (!answer.bytes.startsWith("HTTP/1.1 ") || headEnd < 0)
        return answer;
    answer.status = answer.bytes.mid(9, 3).toInt();
    qsizetype length = -1;
    for (const QByteArray &line : answer.bytes.left(headEnd).split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    answer.body = answer.bytes.mid(headEnd + 4);
    answer.complete = length >= 0 && answer.body.size() == length;
    return answer;
}

// One request on a fresh connection ("Connection: close"), with the blocking socket API: for
// client threads without an event loop, so that they never depend on the test's main thread.
Answer blockingRequest(quint16 port, const QByteArray &method, const QByteArray &path, const QByteArray &bearer = {},
                       const QByteArray &json = {})
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    if (!socket.waitForConnected(5000))
        return {};
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\nConnection: close\r\n";
    if (!bearer.isEmpty())
        request += "Authorization: Bearer " + bearer + "\r\n";
    if (!json.isEmpty())
        request += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size()) + "\r\n";
    request += "\r\n" + json;
    socket.write(request);
    socket.waitForBytesWritten(5000);
    QByteArray received;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(15000))
        received += socket.readAll();
    received += socket.readAll();
    return parseAnswer(std::move(received));
}

class SandboxHostTest : public ::testing::Test {
protected:
    void SetUp() override { m_host = std::make_unique<sandbox::SandboxHost>(); }

    // Starts the host and waits for its answer; the port, or 0.
    quint16 start(quint16 port = 0)
    {
        bool started = false;
        QString failure;
        QObject context;
        QObject::connect(m_host.get(), &sandbox::SandboxHost::started, &context, [&started] { started = true; });
        QObject::connect(m_host.get(), &sandbox::SandboxHost::startFailed, &context, [&failure](const QString &message) { failure = message; });
        m_host->start(port);
        EXPECT_TRUE(spinUntil([&] { return started || !failure.isEmpty(); }, 30000));
        EXPECT_TRUE(failure.isEmpty()) << failure.toStdString();
        return started ? static_cast<quint16>(m_host->baseUrl().port()) : 0;
    }

    // Waits until everything asked of the sandbox so far is done and in the snapshot (both ways
    // are first in, first out).
    void settle()
    {
        bool settled = false;
        QObject context;
        m_host->call<bool>(&context, [](sandbox::SandboxServer &) { return true; }, [&settled](bool) { settled = true; });
        ASSERT_TRUE(spinUntil([&] { return settled; }, 10000));
    }

    std::unique_ptr<sandbox::SandboxHost> m_host;
};

TEST_F(SandboxHostTest, TheServerLivesOnItsOwnThread)
{
    ASSERT_NE(start(), 0);
    QThread *serverThread = nullptr;
    QObject context;
    m_host->call<QThread *>(&context, [](sandbox::SandboxServer &server) { return server.thread(); },
                            [&serverThread](QThread *thread) { serverThread = thread; });
    ASSERT_TRUE(spinUntil([&] { return serverThread != nullptr; }));
    EXPECT_NE(serverThread, QThread::currentThread());
    EXPECT_NE(serverThread, m_host->thread());
}

TEST_F(SandboxHostTest, RequestsAreAnsweredWhileTheOwnersThreadIsBusy)
{
    const quint16 port = start();
    ASSERT_NE(port, 0);
    // This thread does nothing but wait for the client: no event of it turns meanwhile.
    Answer answer;
    std::thread client([&] { answer = blockingRequest(port, "GET", "/sandbox/ping"); });
    client.join();
    EXPECT_EQ(answer.status, 200) << answer.bytes.toStdString();
    EXPECT_TRUE(answer.complete);
    // Even a request that mints a token (signed in the sandbox's worker pool).
    const QByteArray bearer = m_host->projectId().toUtf8() + ':' + kReaderKey;
    std::thread exchange([&] { answer = blockingRequest(port, "POST", "/v1/auth/accesskey/exchange", bearer, "{}"); });
    exchange.join();
    EXPECT_EQ(answer.status, 200) << answer.bytes.toStdString();
    EXPECT_TRUE(answer.body.contains("\"sessionJwt\""));
}

TEST_F(SandboxHostTest, TheSnapshotFollowsTheServer)
{
    const quint16 port = start();
    ASSERT_NE(port, 0);
    EXPECT_TRUE(m_host->isRunning());
    EXPECT_EQ(m_host->issuer(), m_host->baseUrl().toString() + QLatin1Char('/') + m_host->projectId());
    EXPECT_FALSE(m_host->currentKid().isEmpty());
    // The management key is in the snapshot (for the provider bar), and it opens the management API.
    ASSERT_FALSE(m_host->managementKey().isEmpty());
    Answer tenants;
    const QByteArray managementBearer = m_host->projectId().toUtf8() + ':' + m_host->managementKey().toUtf8();
    std::thread managementClient([&] { tenants = blockingRequest(port, "POST", "/v1/mgmt/tenant/search", managementBearer, "{}"); });
    managementClient.join();
    EXPECT_EQ(tenants.status, 200) << tenants.bytes.toStdString();

    // Changes made over HTTP reach the snapshot in the order they happened.
    int faultSignals = 0;
    int messageSignals = 0;
    QObject context;
    QObject::connect(m_host.get(), &sandbox::SandboxHost::faultsChanged, &context, [&] { ++faultSignals; });
    QObject::connect(m_host.get(), &sandbox::SandboxHost::inboxMessageAdded, &context, [&] { ++messageSignals; });
    Answer added;
    Answer otp;
    const QByteArray projectId = m_host->projectId().toUtf8();
    std::thread client([&] {
        added = blockingRequest(port, "POST", "/sandbox/faults", {}, R"({"kind":"wrong-nonce","path":"/oauth2/v1/token"})");
        otp = blockingRequest(port, "POST", "/v1/auth/otp/signin/email", projectId, R"({"loginId":"alice@example.com"})");
    });
    client.join(); // the sandbox answers on its own thread while this one waits
    ASSERT_EQ(added.status, 201) << added.bytes.toStdString();
    ASSERT_EQ(otp.status, 200) << otp.bytes.toStdString();
    settle();
    EXPECT_EQ(messageSignals, 1);
    ASSERT_EQ(m_host->faults().size(), size_t(1));
    EXPECT_EQ(m_host->faults().front().kind, sandbox::FaultKind::WrongNonce);
    EXPECT_EQ(faultSignals, 1);
    ASSERT_EQ(m_host->inbox().size(), size_t(1));
    EXPECT_EQ(m_host->inbox().front().loginId, "alice@example.com");
    EXPECT_EQ(m_host->inbox().front().code.size(), size_t(6));

    // And so do the changes the owner asks for.
    std::optional<int> id;
    sandbox::Fault badSignature;
    badSignature.kind = sandbox::FaultKind::BadSignature;
    m_host->addFault(badSignature, &context, [&id](int newId) { id = newId; });
    ASSERT_TRUE(spinUntil([&] { return id.has_value(); }));
    EXPECT_EQ(m_host->faults().size(), size_t(2)); // the change came back before the answer
    std::optional<oidc::Result<std::string>> rotated;
    const QString before = m_host->currentKid();
    m_host->rotateKeys(&context, [&rotated](oidc::Result<std::string> result) { rotated = std::move(result); });
    ASSERT_TRUE(spinUntil([&] { return rotated.has_value(); }, 30000));
    ASSERT_TRUE(rotated->ok());
    EXPECT_EQ(m_host->currentKid().toStdString(), rotated->value());
    EXPECT_NE(m_host->currentKid(), before);
    m_host->reset();
    settle();
    EXPECT_TRUE(m_host->faults().empty());
    EXPECT_TRUE(m_host->inbox().empty());

    // stop() is instant for the owner.
    int stopped = 0;
    QObject::connect(m_host.get(), &sandbox::SandboxHost::stopped, &context, [&stopped] { ++stopped; });
    m_host->stop();
    EXPECT_EQ(stopped, 1);
    EXPECT_FALSE(m_host->isRunning());
    EXPECT_TRUE(m_host->baseUrl().isEmpty());
}

// Clients sign in by OTP (each handled request delivers one Inbox message) and exchange access
// keys (each handled request is answered after the signing pool) while the owner stops, restarts
// and resets the sandbox. A request either gets its whole answer or none; a handled request is
// always answered; the sandbox serves again afterwards.
TEST_F(SandboxHostTest, StopRestartAndResetAreSafeWhileRequestsAreInFlight)
{
    const quint16 port = start();
    ASSERT_NE(port, 0);
    const QByteArray projectId = m_host->projectId().toUtf8();
    const QByteArray bearer = projectId + ':' + kReaderKey;

    std::atomic<bool> done{false};
    std::mutex mutex;
    std::vector<Answer> otpAnswers;
    std::vector<Answer> exchangeAnswers;
    std::vector<std::thread> clients;
    for (int c = 0; c < 3; ++c) {
        clients.emplace_back([&, c] {
            for (int i = 0; i < 40 && !done; ++i) {
                const bool otp = (i + c) % 2 == 0;
                Answer answer = otp ? blockingRequest(port, "POST", "/v1/auth/otp/signin/email", projectId, R"({"loginId":"bob@example.com"})")
                                    : blockingRequest(port, "POST", "/v1/auth/accesskey/exchange", bearer, "{}");
                if (!answer.connected) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(2)); // stopped: try again soon
                    continue;
                }
                const std::lock_guard lock(mutex);
                (otp ? otpAnswers : exchangeAnswers).push_back(std::move(answer));
            }
        });
    }
    // Stop and restart on the same port, and reset, while they run.
    for (int round = 0; round < 4; ++round) {
        spin(15);
        m_host->reset();
        spin(15);
        m_host->stop();
        EXPECT_FALSE(m_host->isRunning());
        spin(5);
        EXPECT_EQ(start(port), port);
    }
    spin(15);
    done = true;
    for (auto &client : clients)
        client.join();

    // Every answer that began is whole: a status, the head, and exactly its body.
    int otpOk = 0;
    for (const Answer &answer : otpAnswers) {
        if (answer.bytes.isEmpty())
            continue; // closed before the request was handled
        EXPECT_TRUE(answer.complete) << answer.bytes.toStdString();
        EXPECT_EQ(answer.status, 200) << answer.bytes.toStdString();
        otpOk += answer.status == 200 ? 1 : 0;
    }
    for (const Answer &answer : exchangeAnswers) {
        if (answer.bytes.isEmpty())
            continue;
        EXPECT_TRUE(answer.complete) << answer.bytes.toStdString();
        EXPECT_EQ(answer.status, 200) << answer.bytes.toStdString();
        EXPECT_TRUE(answer.body.contains("\"sessionJwt\""));
    }
    EXPECT_GT(otpOk, 0);

    // The sandbox serves after all that, and nothing was handled without its answer: every
    // message the sandbox delivered since the last reset belongs to an OTP answer received.
    settle();
    const size_t delivered = m_host->inbox().size();
    EXPECT_LE(delivered, static_cast<size_t>(otpOk));
    const Answer ping = blockingRequest(port, "GET", "/sandbox/ping");
    EXPECT_EQ(ping.status, 200);
}

// Without resets, the count is exact: every delivered message has its answer, and every 200
// answer its message.
TEST_F(SandboxHostTest, StoppingNeverLosesAnAnswerItOwes)
{
    const quint16 port = start();
    ASSERT_NE(port, 0);
    const QByteArray projectId = m_host->projectId().toUtf8();
    std::atomic<bool> done{false};
    std::atomic<int> answered{0};
    std::atomic<int> broken{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 3; ++c) {
        clients.emplace_back([&] {
            for (int i = 0; i < 50 && !done; ++i) {
                const Answer answer = blockingRequest(port, "POST", "/v1/auth/otp/signin/email", projectId, R"({"loginId":"alice@example.com"})");
                if (!answer.connected || answer.bytes.isEmpty()) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(2));
                    continue;
                }
                if (answer.complete && answer.status == 200)
                    ++answered;
                else
                    ++broken;
            }
        });
    }
    for (int round = 0; round < 5; ++round) {
        spin(10);
        m_host->stop();
        spin(3);
        EXPECT_EQ(start(port), port);
    }
    done = true;
    for (auto &client : clients)
        client.join();
    settle();
    EXPECT_EQ(broken.load(), 0);
    EXPECT_GT(answered.load(), 0);
    EXPECT_EQ(m_host->inbox().size(), static_cast<size_t>(answered.load()));
}

// Exit with the sandbox running and requests in flight: held by a latency fault, waiting for
// the signing pool, or just connected. The host's destructor destroys the server on its thread
// and joins that thread; the clients see their connections close.
TEST_F(SandboxHostTest, DestroyingTheHostWhileRequestsAreInFlightIsClean)
{
    const quint16 port = start();
    ASSERT_NE(port, 0);
    const QByteArray projectId = m_host->projectId().toUtf8();
    sandbox::Fault latency;
    latency.kind = sandbox::FaultKind::Latency;
    latency.path = "/v1/auth/otp/signin/{method}";
    latency.latencyMs = 60000;
    m_host->addFault(latency);
    settle();

    std::atomic<bool> serverDestroyed{false};
    QObject context;
    m_host->call<bool>(&context, [&serverDestroyed](sandbox::SandboxServer &server) {
        // Runs on the sandbox thread, in the server's destructor.
        QObject::connect(&server, &QObject::destroyed, [&serverDestroyed] { serverDestroyed = true; });
        return true;
    }, [](bool) {});
    settle();

    std::vector<Answer> answers(6);
    std::vector<std::thread> clients;
    for (size_t c = 0; c < answers.size(); ++c) {
        clients.emplace_back([&, c] {
            answers[c] = c % 2 == 0 ? blockingRequest(port, "POST", "/v1/auth/otp/signin/email", projectId, R"({"loginId":"bob@example.com"})")
                                    : blockingRequest(port, "POST", "/v1/auth/accesskey/exchange", projectId + ':' + kReaderKey, "{}");
        });
    }
    spin(50); // the latency-held requests are in; some exchanges may be signing
    m_host.reset();
    EXPECT_TRUE(serverDestroyed.load());
    for (auto &client : clients)
        client.join();
    for (size_t c = 0; c < answers.size(); c += 2)
        EXPECT_EQ(answers[c].status, 0) << "a latency-held request is never answered by a destroyed sandbox";
    for (const Answer &answer : answers)
        EXPECT_TRUE(answer.bytes.isEmpty() || answer.complete) << answer.bytes.toStdString();
}

} // namespace
