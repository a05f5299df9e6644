// oidc::net::LocalHttpServer: framing (RFC 9112), caps, keep-alive, the asynchronous responder,
// timeouts, loopback-only binding (RFC 8252 §8.3), and the defences of issue 14 (#8: no reading
// while a request is outstanding; #12: a flood of idle connections cannot lock a request out).
// The server runs on the test's thread: every wait spins a local event loop so it can answer.

#include "oidc/net/LocalHttpServer.h"

#include "tests/support/EventLoop.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkInterface>
#include <QTcpSocket>
#include <QTimer>

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <thread>
#include <utility>

using oidc::net::LocalHttpRequest;
using oidc::net::LocalHttpResponder;
using oidc::net::LocalHttpResponse;
using oidc::net::LocalHttpServer;
using oidc::net::LocalHttpServerOptions;

namespace {

using oidc::test::spin;
using oidc::test::spinUntil;

struct Response final {
    int status = 0;
    oidc::net::HeaderList headers;
    QByteArray body;

    [[nodiscard]] QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    [[nodiscard]] std::string text() const { return body.toStdString(); }
};

// A raw HTTP/1.1 client on one connection: it sends malformed, pipelined and partial requests
// that no real client would, and reads Content-Length framed responses.
class RawConnection final {
public:
    explicit RawConnection(quint16 port)
    {
        m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        spinUntil([this] { return m_socket.state() == QAbstractSocket::ConnectedState || m_socket.state() == QAbstractSocket::UnconnectedState; });
    }
    [[nodiscard]] bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    [[nodiscard]] qint64 unsentBytes() const { return m_socket.bytesToWrite(); }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }

    // One response; nullopt on timeout or when the connection closed first.
    [[nodiscard]] std::optional<Response> readResponse(int timeoutMs = 5000, bool headRequest = false)
    {
        std::optional<Response> result;
        spinUntil([&] {
            m_buffer += m_socket.readAll();
            result = takeResponse(headRequest);
            return result || m_socket.state() == QAbstractSocket::UnconnectedState;
        }, timeoutMs);
        return result;
    }

    // Sends `bytes` and reads the response: the exchange most tests make.
    [[nodiscard]] std::optional<Response> ask(const QByteArray &bytes, bool headRequest = false)
    {
        send(bytes);
        return readResponse(5000, headRequest);
    }

    // Sends two requests at once (pipelined, RFC 9112 §9.3.2) and reads both answers' texts;
    // empty when either answer is missing.
    [[nodiscard]] std::optional<std::pair<std::string, std::string>> askPipelined(const QByteArray &first, const QByteArray &second)
    {
        send(first + second);
        const auto firstResponse = readResponse();
        const auto secondResponse = readResponse();
        if (!firstResponse || !secondResponse)
            return std::nullopt;
        return std::pair{firstResponse->text(), secondResponse->text()};
    }

    // True when the server closed the connection within the timeout.
    [[nodiscard]] bool waitClosed(int timeoutMs = 5000)
    {
        return spinUntil([this] {
            m_buffer += m_socket.readAll();
            return m_socket.state() == QAbstractSocket::UnconnectedState;
        }, timeoutMs);
    }

    // Lets the socket send what it holds until all is sent or nothing more leaves for five turns
    // of 100 ms (the peer stopped reading and TCP flow control holds the rest back). Returns
    // what is left unsent.
    qint64 sendUntilStalled()
    {
        int stalledTurns = 0;
        while (unsentBytes() > 0 && stalledTurns < 5) {
            const qint64 before = unsentBytes();
            spin(100);
            stalledTurns = unsentBytes() == before ? stalledTurns + 1 : 0;
        }
        return unsentBytes();
    }

private:
    std::optional<Response> takeResponse(bool headRequest)
    {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return std::nullopt;
        const QList<QByteArray> lines = m_buffer.left(end).split('\n');
        const QList<QByteArray> statusLine = lines.front().trimmed().split(' ');
        if (statusLine.size() < 2)
            return std::nullopt;
        Response response;
        response.status = statusLine[1].toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            if (const qsizetype colon = line.indexOf(':'); colon > 0)
                response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        const bool noBody = headRequest || response.status == 204 || response.status == 304 || response.status < 200;
        const qsizetype length = noBody ? 0 : response.header("content-length").toLongLong();
        if (m_buffer.size() < end + 4 + length)
            return std::nullopt;
        response.body = m_buffer.mid(end + 4, length);
        m_buffer.remove(0, end + 4 + length);
        return response;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

// Echoes the method, path, query and body; "/slow" answers after 150 ms, "/drop" never, "/hold"
// when the test answers `held`, "/size" with the body's size.
class EchoServer {
public:
    explicit EchoServer(LocalHttpServerOptions options = {})
        : m_server(
            [this](const LocalHttpRequest &request, LocalHttpResponder responder) {
                ++requests;
                const QByteArray text = request.method().toByteArray() + " " + request.path().toByteArray() + "?"
                    + request.query().toByteArray() + " " + request.body();
                if (request.path() == "/slow") {
                    QTimer::singleShot(150, [responder, text] { responder.respond(LocalHttpResponse::text(200, text)); });
                    return;
                }
                if (request.path() == "/drop")
                    return; // the responder goes away unanswered
                if (request.path() == "/hold") {
                    held.append(responder);
                    return;
                }
                if (request.path() == "/size") {
                    responder.respond(LocalHttpResponse::text(200, QByteArray::number(request.body().size())));
                    return;
                }
                if (request.path() == "/thread") {
                    std::thread([responder, text] {
                        std::this_thread::sleep_for(std::chrono::milliseconds(30));
                        responder.respond(LocalHttpResponse::text(200, "from a thread: " + text));
                    }).detach();
                    return;
                }
                responder.respond(LocalHttpResponse::text(200, text));
            },
            options)
    {
        const auto listening = m_server.listen(0);
        EXPECT_TRUE(listening.ok());
    }
    quint16 port() const { return m_server.port(); }
    LocalHttpServer &server() { return m_server; }
    // A request head for this server: the request line, Host, then `extra` header lines.
    QByteArray head(const QByteArray &requestLine, const QByteArray &extra = {}) const
    {
        return requestLine + "\r\nHost: 127.0.0.1:" + QByteArray::number(port()) + "\r\n" + extra + "\r\n";
    }
    // Sends one request on a fresh connection and reads its response.
    std::optional<Response> exchange(const QByteArray &requestLine, const QByteArray &extra = {}, const QByteArray &body = {})
    {
        RawConnection connection(port());
        return connection.ask(head(requestLine, extra) + body, requestLine.startsWith("HEAD "));
    }
    int requests = 0;
    QList<LocalHttpResponder> held;

private:
    LocalHttpServer m_server;
};

} // namespace

TEST(LocalHttpServer, ListensOnLoopbackOnly)
{
    EchoServer echo;
    EXPECT_EQ(echo.server().baseUrl().host().toStdString(), "127.0.0.1");
    // Every non-loopback address of this machine refuses the connection (rp-checks L1).
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
            continue;
        QTcpSocket socket;
        socket.connectToHost(address, echo.port());
        spinUntil([&] { return socket.state() == QAbstractSocket::ConnectedState || socket.state() == QAbstractSocket::UnconnectedState; }, 3000);
        EXPECT_NE(socket.state(), QAbstractSocket::ConnectedState) << address.toString().toStdString();
    }
}

TEST(LocalHttpServer, KeepAliveServesSeveralRequestsOnOneConnection)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    for (int i = 0; i < 5; ++i) {
        const auto response = connection.ask(echo.head("GET /n" + QByteArray::number(i) + "?x=1 HTTP/1.1"));
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 200);
        EXPECT_EQ(response->text(), "GET /n" + std::to_string(i) + "?x=1 ");
        EXPECT_TRUE(response->header("connection").isEmpty());
    }
    EXPECT_TRUE(connection.isConnected());
    EXPECT_EQ(echo.server().connectionCount(), 1);
}

TEST(LocalHttpServer, PipelinedRequestsAreAnsweredInOrder)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    const auto texts = connection.askPipelined(echo.head("GET /slow HTTP/1.1"), echo.head("GET /fast HTTP/1.1"));
    ASSERT_TRUE(texts);
    EXPECT_EQ(texts->first, "GET /slow? ");
    EXPECT_EQ(texts->second, "GET /fast? ");
}

TEST(LocalHttpServer, ContentLengthBodyIsDelivered)
{
    EchoServer echo;
    const auto response = echo.exchange("POST /p HTTP/1.1", "Content-Type: text/plain\r\nContent-Length: 10\r\n", "hello body");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->text(), "POST /p? hello body");
}

TEST(LocalHttpServer, BodyArrivingInPiecesIsAssembled)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    connection.send(echo.head("POST /p HTTP/1.1", "Content-Length: 10\r\n") + "hello");
    spin(50);
    const auto response = connection.ask(" body");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->text(), "POST /p? hello body");
}

TEST(LocalHttpServer, ChunkedRequestIsRefusedWith411)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    const auto response = connection.ask(echo.head("POST /p HTTP/1.1", "Transfer-Encoding: chunked\r\n") + "5\r\nhello\r\n0\r\n\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 411);
    EXPECT_EQ(response->header("connection"), "close");
    EXPECT_TRUE(connection.waitClosed());
    EXPECT_EQ(echo.requests, 0);
}

TEST(LocalHttpServer, TransferEncodingWithContentLengthIsRefusedWith400)
{
    EchoServer echo;
    const auto response = echo.exchange("POST /p HTTP/1.1", "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "0\r\n\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400);
}

TEST(LocalHttpServer, OversizedHeadIs431)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    const auto response = connection.ask(echo.head("GET / HTTP/1.1", "X-Big: " + QByteArray(17 * 1024, 'a') + "\r\n"));
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 431);
    EXPECT_TRUE(connection.waitClosed());
}

TEST(LocalHttpServer, OversizedBodyIs413BeforeItIsRead)
{
    EchoServer echo;
    const auto response = echo.exchange("POST /p HTTP/1.1", "Content-Length: " + QByteArray::number(2 * 1024 * 1024) + "\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 413);
    EXPECT_EQ(echo.requests, 0);
}

TEST(LocalHttpServer, DroppedResponderAnswers503)
{
    EchoServer echo;
    const auto response = echo.exchange("GET /drop HTTP/1.1");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 503);
}

TEST(LocalHttpServer, ResponderMayAnswerFromAnotherThread)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    const auto texts = connection.askPipelined(echo.head("GET /thread HTTP/1.1"), echo.head("GET /after HTTP/1.1"));
    ASSERT_TRUE(texts);
    EXPECT_EQ(texts->first, "from a thread: GET /thread? ");
    EXPECT_EQ(texts->second, "GET /after? ");
}

TEST(LocalHttpServer, ResponderAnswersOnce)
{
    std::optional<LocalHttpResponder> kept;
    LocalHttpServer server([&](const LocalHttpRequest &, LocalHttpResponder responder) {
        responder.respond(LocalHttpResponse::text(201, "first"));
        responder.respond(LocalHttpResponse::text(500, "second"));
        EXPECT_TRUE(responder.isAnswered());
        kept = responder;
    });
    ASSERT_TRUE(server.listen(0).ok());
    RawConnection connection(server.port());
    const auto response = connection.ask("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 201);
    EXPECT_EQ(response->text(), "first");
}

TEST(LocalHttpServer, IdleConnectionIsClosed)
{
    LocalHttpServerOptions options;
    options.idleTimeoutMs = 200;
    EchoServer echo(options);
    RawConnection connection(echo.port());
    ASSERT_TRUE(connection.ask(echo.head("GET / HTTP/1.1")));
    EXPECT_TRUE(connection.waitClosed(3000));
}

TEST(LocalHttpServer, IncompleteRequestTimesOutWith408)
{
    LocalHttpServerOptions options;
    options.requestTimeoutMs = 200;
    EchoServer echo(options);
    RawConnection connection(echo.port());
    connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // no blank line yet
    const auto response = connection.readResponse(3000);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 408);
}

TEST(LocalHttpServer, ConnectionCloseAndHttp10)
{
    EchoServer echo;
    {
        RawConnection connection(echo.port());
        const auto response = connection.ask(echo.head("GET / HTTP/1.1", "Connection: close\r\n"));
        ASSERT_TRUE(response);
        EXPECT_EQ(response->header("connection"), "close");
        EXPECT_TRUE(connection.waitClosed());
    }
    {
        RawConnection connection(echo.port());
        const auto response = connection.ask("GET /old HTTP/1.0\r\n\r\n");
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 200);
        EXPECT_TRUE(connection.waitClosed());
    }
    {
        RawConnection connection(echo.port());
        const auto response = connection.ask("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        ASSERT_TRUE(response);
        EXPECT_EQ(response->header("connection"), "keep-alive");
        EXPECT_TRUE(connection.isConnected());
    }
}

TEST(LocalHttpServer, Expect100ContinueGetsAnInterimResponse)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    const auto interim = connection.ask(echo.head("POST /p HTTP/1.1", "Content-Length: 4\r\nExpect: 100-continue\r\n"));
    ASSERT_TRUE(interim);
    EXPECT_EQ(interim->status, 100);
    const auto response = connection.ask("data");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->text(), "POST /p? data");
}

TEST(LocalHttpServer, HeadGetsHeadersWithoutBody)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    const auto first = connection.ask(echo.head("HEAD /h HTTP/1.1") + echo.head("GET /g HTTP/1.1"), true);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->header("content-length"), "9"); // "HEAD /h? "
    const auto second = connection.readResponse();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->text(), "GET /g? ");
}

TEST(LocalHttpServer, ClosesWhenTheServerCloses)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    ASSERT_TRUE(connection.ask(echo.head("GET / HTTP/1.1")));
    echo.server().close();
    EXPECT_TRUE(connection.waitClosed());
    EXPECT_FALSE(echo.server().isListening());
}

struct HeadCase {
    const char *name;
    QByteArray head;
    int status; // 0 = parses
};

class ParseHead : public ::testing::TestWithParam<HeadCase> {};

TEST_P(ParseHead, Rfc9112)
{
    const auto &row = GetParam();
    const auto parsed = LocalHttpRequest::parseHead(row.head);
    if (row.status == 0) {
        EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().summary());
    } else {
        ASSERT_FALSE(parsed.ok());
        EXPECT_EQ(parsed.error().httpStatus, row.status) << parsed.error().summary();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Rows, ParseHead,
    ::testing::Values(HeadCase{"origin_form", "GET /a/b?c=d HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n", 0},
                      HeadCase{"absolute_form_3_2_2", "GET http://127.0.0.1:8080/a HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n", 0},
                      HeadCase{"localhost_host", "GET / HTTP/1.1\r\nHost: localhost:1\r\n\r\n", 0},
                      HeadCase{"ipv6_loopback_host", "GET / HTTP/1.1\r\nHost: [::1]:9\r\n\r\n", 0},
                      HeadCase{"http10_without_host", "GET / HTTP/1.0\r\n\r\n", 0},
                      HeadCase{"missing_host_3_2", "GET / HTTP/1.1\r\n\r\n", 400},
                      HeadCase{"two_hosts_3_2", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: 127.0.0.1\r\n\r\n", 400},
                      HeadCase{"dns_rebinding_host", "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n", 421},
                      HeadCase{"lookalike_host", "GET / HTTP/1.1\r\nHost: 127.0.0.1.evil.example\r\n\r\n", 421},
                      HeadCase{"bad_request_line", "GET /\r\nHost: 127.0.0.1\r\n\r\n", 400},
                      HeadCase{"extra_space", "GET  / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400},
                      HeadCase{"http2_version", "GET / HTTP/2.0\r\nHost: 127.0.0.1\r\n\r\n", 505},
                      HeadCase{"garbage_version", "GET / HTXP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400},
                      HeadCase{"obs_fold_5_2", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: a\r\n b\r\n\r\n", 400},
                      HeadCase{"space_before_colon_5_1", "GET / HTTP/1.1\r\nHost : 127.0.0.1\r\n\r\n", 400},
                      HeadCase{"bad_content_length", "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1x\r\n\r\n", 400},
                      HeadCase{"negative_content_length", "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n", 400},
                      HeadCase{"conflicting_content_length", "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400},
                      HeadCase{"chunked_6_1", "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n", 411},
                      HeadCase{"fragment_in_target", "GET /a#b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400},
                      HeadCase{"unsupported_expect", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: magic\r\n\r\n", 417}),
    [](const ::testing::TestParamInfo<HeadCase> &row) { return std::string(row.param.name); });

TEST(LocalHttpServer, ParsedRequestExposesItsParts)
{
    const auto parsed = LocalHttpRequest::parseHead("POST /a/b?c=%20d HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Thing:  spaced value \r\n"
                                                    "Content-Length: 3\r\nConnection: close\r\n\r\n");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->method(), "POST");
    EXPECT_EQ(parsed->path(), "/a/b");
    EXPECT_EQ(parsed->query(), "c=%20d");
    EXPECT_EQ(parsed->header("x-thing"), "spaced value");
    EXPECT_TRUE(parsed->header("absent").isNull());
    EXPECT_EQ(parsed->contentLength(), 3);
    EXPECT_TRUE(parsed->wantsClose());
}

TEST(LocalHttpServer, UrlEncodedDecoding)
{
    const auto pairs = oidc::net::parseUrlEncoded("a=1+2&b=%41%2b%zz&c&=x&d=");
    ASSERT_EQ(pairs.size(), 5);
    EXPECT_EQ(pairs[0], (QPair<QByteArray, QByteArray>{"a", "1 2"}));
    EXPECT_EQ(pairs[1], (QPair<QByteArray, QByteArray>{"b", "A+%zz"}));
    EXPECT_EQ(pairs[2], (QPair<QByteArray, QByteArray>{"c", ""}));
    EXPECT_EQ(pairs[3], (QPair<QByteArray, QByteArray>{"", "x"}));
    EXPECT_EQ(pairs[4], (QPair<QByteArray, QByteArray>{"d", ""}));
    EXPECT_EQ(oidc::net::percentDecode("a+b%2Fc"), "a+b/c");
}

TEST(LocalHttpServer, ConnectionCapRefusesExtraConnectionsWhenAllHaveRequests)
{
    LocalHttpServerOptions options;
    options.maxConnections = 2;
    EchoServer echo(options);
    RawConnection a(echo.port());
    RawConnection b(echo.port());
    a.send(echo.head("GET /hold HTTP/1.1"));
    b.send(echo.head("GET /hold HTTP/1.1"));
    ASSERT_TRUE(spinUntil([&] { return echo.held.size() == 2; }));
    RawConnection c(echo.port());
    EXPECT_TRUE(c.waitClosed());
    echo.held[0].respond(LocalHttpResponse::text(200, "a"));
    const auto response = a.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->text(), "a");
}

// Issue 14 #8: a request held by its handler (a latency fault, a slow route) plus an endless
// stream behind it grew the connection's buffer without bound. Now nothing is read while a
// request is outstanding, so the client's bytes stay with the client (TCP flow control).
TEST(LocalHttpServer, Issue14Defect8_NothingIsReadWhileARequestIsOutstanding)
{
    constexpr qint64 kStreamBytes = 16 * 1024 * 1024;
    LocalHttpServerOptions options;
    options.maxBodyBytes = kStreamBytes; // the stream is one legitimate body: only the timing is wrong
    EchoServer echo(options);
    RawConnection connection(echo.port());
    connection.send(echo.head("GET /hold HTTP/1.1"));
    ASSERT_TRUE(spinUntil([&] { return echo.held.size() == 1; }));

    connection.send(echo.head("POST /size HTTP/1.1", "Content-Length: " + QByteArray::number(kStreamBytes) + "\r\n")
                    + QByteArray(kStreamBytes, 'x'));
    // Kernel buffers on loopback take a few MiB at most; the rest must wait on the client's side.
    const qint64 unsent = connection.sendUntilStalled();
    EXPECT_GT(unsent, kStreamBytes / 2) << "the server read " << (kStreamBytes - unsent)
                                        << " bytes of the stream while a request was outstanding";

    // Answering the held request resumes reading: both requests are answered, in order.
    echo.held[0].respond(LocalHttpResponse::text(200, "held"));
    const auto first = connection.readResponse();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->text(), "held");
    const auto second = connection.readResponse(60000);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->text(), std::to_string(kStreamBytes));
}

// Issue 14 #12: at the connection cap, a flood of connections that never finish a request head
// refused the browser's real callback (connection reset, LISTENER_TIMEOUT). Now the oldest
// connection without a complete request head makes room; connections with a request are kept.
TEST(LocalHttpServer, Issue14Defect12_IdleConnectionFloodDoesNotLockOutARequest)
{
    LocalHttpServerOptions options;
    options.maxConnections = 4;
    EchoServer echo(options);
    RawConnection busy(echo.port()); // the oldest, but its request is in progress
    busy.send(echo.head("GET /hold HTTP/1.1"));
    ASSERT_TRUE(spinUntil([&] { return echo.held.size() == 1; }));
    std::vector<std::unique_ptr<RawConnection>> flood;
    for (int i = 0; i < 3; ++i) {
        flood.push_back(std::make_unique<RawConnection>(echo.port()));
        flood.back()->send("G"); // trickling: a request head that never completes
    }
    ASSERT_TRUE(spinUntil([&] { return echo.server().connectionCount() == 4; }));

    RawConnection callback(echo.port());
    const auto response = callback.ask(echo.head("GET /callback?code=c&state=s HTTP/1.1"));
    ASSERT_TRUE(response) << "the request at the connection cap got no answer";
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->text(), "GET /callback?code=c&state=s ");

    EXPECT_TRUE(flood[0]->waitClosed()) << "the oldest idle connection should have made room";
    EXPECT_TRUE(flood[1]->isConnected());
    EXPECT_TRUE(flood[2]->isConnected());
    EXPECT_TRUE(busy.isConnected());
    echo.held[0].respond(LocalHttpResponse::text(200, "kept"));
    const auto kept = busy.readResponse();
    ASSERT_TRUE(kept);
    EXPECT_EQ(kept->text(), "kept");
}
