// oidc::net::LocalHttpServer: framing (RFC 9112), caps, keep-alive, the asynchronous responder,
// timeouts, and loopback-only binding (RFC 8252 §8.3).

#include "SandboxTestSupport.h"

#include "oidc/net/LocalHttpServer.h"

#include <QNetworkInterface>
#include <QTimer>

#include <thread>

using namespace sandbox::test;
using oidc::net::LocalHttpRequest;
using oidc::net::LocalHttpResponder;
using oidc::net::LocalHttpResponse;
using oidc::net::LocalHttpServer;
using oidc::net::LocalHttpServerOptions;

namespace {

// Echoes the method, path, query and body; "/slow" answers after 150 ms, "/drop" never.
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
    int requests = 0;

private:
    LocalHttpServer m_server;
};

QByteArray head(quint16 port, const QByteArray &requestLine, const QByteArray &extra = {})
{
    return requestLine + "\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n" + extra + "\r\n";
}

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
        connection.send(head(echo.port(), "GET /n" + QByteArray::number(i) + "?x=1 HTTP/1.1"));
        const auto response = connection.readResponse();
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
    connection.send(head(echo.port(), "GET /slow HTTP/1.1") + head(echo.port(), "GET /fast HTTP/1.1"));
    const auto first = connection.readResponse();
    const auto second = connection.readResponse();
    ASSERT_TRUE(first && second);
    EXPECT_EQ(first->text(), "GET /slow? ");
    EXPECT_EQ(second->text(), "GET /fast? ");
}

TEST(LocalHttpServer, ContentLengthBodyIsDelivered)
{
    EchoServer echo;
    const auto response = rawExchange(echo.port(), "POST", "/p", {{"Content-Type", "text/plain"}}, "hello body");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->text(), "POST /p? hello body");
}

TEST(LocalHttpServer, BodyArrivingInPiecesIsAssembled)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    connection.send(head(echo.port(), "POST /p HTTP/1.1", "Content-Length: 10\r\n") + "hello");
    spin(50);
    connection.send(" body");
    const auto response = connection.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->text(), "POST /p? hello body");
}

TEST(LocalHttpServer, ChunkedRequestIsRefusedWith411)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    connection.send(head(echo.port(), "POST /p HTTP/1.1", "Transfer-Encoding: chunked\r\n") + "5\r\nhello\r\n0\r\n\r\n");
    const auto response = connection.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 411);
    EXPECT_EQ(response->header("connection"), "close");
    EXPECT_TRUE(connection.waitClosed());
    EXPECT_EQ(echo.requests, 0);
}

TEST(LocalHttpServer, TransferEncodingWithContentLengthIsRefusedWith400)
{
    EchoServer echo;
    const auto response = rawExchange(echo.port(), "POST", "/p", {{"Transfer-Encoding", "chunked"}}, "0\r\n\r\n");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400);
}

TEST(LocalHttpServer, OversizedHeadIs431)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    connection.send(head(echo.port(), "GET / HTTP/1.1", "X-Big: " + QByteArray(17 * 1024, 'a') + "\r\n"));
    const auto response = connection.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 431);
    EXPECT_TRUE(connection.waitClosed());
}

TEST(LocalHttpServer, OversizedBodyIs413BeforeItIsRead)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    connection.send(head(echo.port(), "POST /p HTTP/1.1", "Content-Length: " + QByteArray::number(2 * 1024 * 1024) + "\r\n"));
    const auto response = connection.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 413);
    EXPECT_EQ(echo.requests, 0);
}

TEST(LocalHttpServer, DroppedResponderAnswers503)
{
    EchoServer echo;
    const auto response = rawExchange(echo.port(), "GET", "/drop");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 503);
}

TEST(LocalHttpServer, ResponderMayAnswerFromAnotherThread)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    connection.send(head(echo.port(), "GET /thread HTTP/1.1") + head(echo.port(), "GET /after HTTP/1.1"));
    const auto first = connection.readResponse();
    const auto second = connection.readResponse();
    ASSERT_TRUE(first && second);
    EXPECT_EQ(first->text(), "from a thread: GET /thread? ");
    EXPECT_EQ(second->text(), "GET /after? ");
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
    const auto response = rawExchange(server.port(), "GET", "/");
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
    connection.send(head(echo.port(), "GET / HTTP/1.1"));
    ASSERT_TRUE(connection.readResponse());
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
        connection.send(head(echo.port(), "GET / HTTP/1.1", "Connection: close\r\n"));
        const auto response = connection.readResponse();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->header("connection"), "close");
        EXPECT_TRUE(connection.waitClosed());
    }
    {
        RawConnection connection(echo.port());
        connection.send("GET /old HTTP/1.0\r\n\r\n");
        const auto response = connection.readResponse();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->status, 200);
        EXPECT_TRUE(connection.waitClosed());
    }
    {
        RawConnection connection(echo.port());
        connection.send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        const auto response = connection.readResponse();
        ASSERT_TRUE(response);
        EXPECT_EQ(response->header("connection"), "keep-alive");
        EXPECT_TRUE(connection.isConnected());
    }
}

TEST(LocalHttpServer, Expect100ContinueGetsAnInterimResponse)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    connection.send(head(echo.port(), "POST /p HTTP/1.1", "Content-Length: 4\r\nExpect: 100-continue\r\n"));
    const auto interim = connection.readResponse();
    ASSERT_TRUE(interim);
    EXPECT_EQ(interim->status, 100);
    connection.send("data");
    const auto response = connection.readResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->text(), "POST /p? data");
}

TEST(LocalHttpServer, HeadGetsHeadersWithoutBody)
{
    EchoServer echo;
    RawConnection connection(echo.port());
    connection.send(head(echo.port(), "HEAD /h HTTP/1.1") + head(echo.port(), "GET /g HTTP/1.1"));
    const auto first = connection.readResponse(5000, true);
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
    connection.send(head(echo.port(), "GET / HTTP/1.1"));
    ASSERT_TRUE(connection.readResponse());
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

TEST(LocalHttpServer, ConnectionCapRefusesExtraConnections)
{
    LocalHttpServerOptions options;
    options.maxConnections = 2;
    EchoServer echo(options);
    RawConnection a(echo.port());
    RawConnection b(echo.port());
    spinUntil([&] { return echo.server().connectionCount() == 2; });
    RawConnection c(echo.port());
    EXPECT_TRUE(c.waitClosed());
    a.send(head(echo.port(), "GET / HTTP/1.1"));
    EXPECT_TRUE(a.readResponse());
}
