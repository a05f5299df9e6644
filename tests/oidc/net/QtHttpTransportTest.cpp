// oidc::net::QtHttpTransport against real loopback servers: redirects (each hop checked and logged;
// credentials never follow one), the response-size cap while the body streams in, timeouts.

#include "SpecVectors.h"

#include "oidc/net/BlockingSend.h"
#include "oidc/net/LocalHttpServer.h"
#include "oidc/net/QtHttpTransport.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <map>
#include <vector>

namespace oidc::net {
namespace {

using test::failsWith;

// What a server saw of one request.
struct Seen final {
    QByteArray method;
    QByteArray target;
    QByteArray authorization;
    QByteArray cookie;
};

// A LocalHttpServer on 127.0.0.1 with canned answers by path, recording every request it gets.
// Unknown paths answer 404. It closes when the test ends.
class RecordingServer final {
public:
    using Route = std::function<void(LocalHttpResponder)>;

    RecordingServer()
        : m_server([this](const LocalHttpRequest &request, LocalHttpResponder responder) {
            m_seen.push_back({request.method().toByteArray(), request.target().toByteArray(), request.header("Authorization").toByteArray(),
                              request.header("Cookie").toByteArray()});
            const auto route = m_routes.find(request.path().toByteArray());
            if (route == m_routes.end())
                responder.respond(LocalHttpResponse::text(404, "no such path"));
            else
                route->second(std::move(responder));
        })
    {
        EXPECT_TRUE(m_server.listen(0).ok());
    }

    void answer(const QByteArray &path, LocalHttpResponse response)
    {
        m_routes[path] = [response](const LocalHttpResponder &responder) { responder.respond(response); };
    }
    void redirect(const QByteArray &path, const QByteArray &location, int status = 302)
    {
        LocalHttpResponse response = LocalHttpResponse::text(status, "moved");
        response.setHeader("Location", location);
        answer(path, response);
    }
    void answerLater(const QByteArray &path, int delayMs, LocalHttpResponse response)
    {
        m_routes[path] = [delayMs, response](const LocalHttpResponder &responder) {
            QTimer::singleShot(delayMs, [responder, response] { responder.respond(response); });
        };
    }

    [[nodiscard]] QUrl url(const QString &path) const { return QUrl(m_server.baseUrl().toString() + path); }
    [[nodiscard]] quint16 port() const { return m_server.port(); }
    [[nodiscard]] const std::vector<Seen> &seen() const { return m_seen; }

private:
    std::map<QByteArray, Route> m_routes;
    std::vector<Seen> m_seen;
    LocalHttpServer m_server;
};

// The transport with its observer's view: every exchange it reports, in order.
class TransportTest : public ::testing::Test {
protected:
    TransportTest()
    {
        m_transport.setObserver([this](const HttpExchange &exchange) { m_exchanges.push_back(exchange); });
    }

    Result<HttpResponse> get(const QUrl &url, HeaderList headers = {})
    {
        HttpRequest request;
        request.url = url;
        request.headers = std::move(headers);
        request.timeoutMs = 10000;
        return sendAndWait(m_transport, request);
    }

    QtHttpTransport m_transport;
    std::vector<HttpExchange> m_exchanges;
};

// ---- Redirects (issue 14 defect 1) ----

TEST_F(TransportTest, Defect1_CredentialsNeverFollowARedirect)
{
    RecordingServer provider;
    RecordingServer elsewhere; // another origin: a second server on another port
    const QByteArray offOrigin = "http://localhost:" + QByteArray::number(elsewhere.port()) + "/x";
    provider.redirect("/userinfo", offOrigin);
    provider.redirect("/same-origin", "/userinfo-moved");
    provider.redirect("/far", "https://elsewhere.example/x?code=SECRETCODE123&state=s1");

    struct Case {
        const char *name;
        QString path;
        HeaderList headers;
        QByteArray location; // as the error must name it (redacted)
    };
    const std::vector<Case> cases = {
        {"bearer_to_another_origin", QStringLiteral("/userinfo"), {{"Authorization", "Bearer ACCESS-TOKEN-0123456789"}}, offOrigin},
        {"bearer_to_the_same_origin", QStringLiteral("/same-origin"), {{"Authorization", "Bearer ACCESS-TOKEN-0123456789"}},
         provider.url(QStringLiteral("/userinfo-moved")).toEncoded()},
        {"bearer_off_loopback", QStringLiteral("/far"), {{"Authorization", "Bearer ACCESS-TOKEN-0123456789"}},
         "https://elsewhere.example/x?code=SECRET%E2%80%A6%5Bredacted%2C%2013%20chars%5D&state=s1"},
        {"cookie", QStringLiteral("/userinfo"), {{"Cookie", "DS=SESSION-COOKIE-0123456789"}}, offOrigin},
        {"client_secret_in_the_url", QStringLiteral("/userinfo?client_secret=CLIENT-SECRET-0123456789"), {}, offOrigin},
    };
    const auto check = [this, &provider](const Case &c) {
        m_exchanges.clear();
        const auto result = get(provider.url(c.path), c.headers);
        ASSERT_TRUE(failsWith(result, "NET_REDIRECT_REFUSED", ErrorCategory::Net)) << c.name;
        EXPECT_NE(result.error().message.find(c.location.toStdString()), std::string::npos) << c.name << ": " << result.error().message;
        EXPECT_EQ(result.error().actual, c.location.toStdString()) << c.name;
        EXPECT_EQ(result.error().httpStatus, 302) << c.name;
        EXPECT_EQ(result.error().summary().find("SECRETCODE123"), std::string::npos) << c.name;
        // One exchange in the log: the redirect, with its status and the refusal.
        ASSERT_EQ(m_exchanges.size(), 1u) << c.name;
        ASSERT_TRUE(m_exchanges.front().response.has_value()) << c.name;
        EXPECT_EQ(m_exchanges.front().response->status, 302) << c.name;
        ASSERT_TRUE(m_exchanges.front().error.has_value()) << c.name;
        EXPECT_EQ(m_exchanges.front().error->code, "NET_REDIRECT_REFUSED") << c.name;
    };
    for (const auto &c : cases)
        check(c);
    EXPECT_TRUE(elsewhere.seen().empty()) << elsewhere.seen().size() << " request(s) reached the other origin, the first with Authorization \""
                                          << (elsewhere.seen().empty() ? "" : elsewhere.seen().front().authorization.toStdString()) << "\"";
    EXPECT_EQ(provider.seen().size(), cases.size()); // the same-origin target was never asked either
}

TEST_F(TransportTest, Defect1_EachHopIsCheckedAndLoggedAsItsOwnExchange)
{
    RecordingServer first;
    RecordingServer second;
    first.redirect("/a", "/b");                                                              // relative
    first.redirect("/b", second.url(QStringLiteral("/c?x=1")).toEncoded(), 307);            // another loopback port
    second.answer("/c", LocalHttpResponse::text(200, "{\"keys\":[]}", "application/json"));
    const auto result = get(first.url(QStringLiteral("/a")), {{"Accept", "application/json"}});
    ASSERT_TRUE(test::succeeds(result));
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(result->body, QByteArray("{\"keys\":[]}"));
    EXPECT_EQ(result->url, second.url(QStringLiteral("/c?x=1")));

    ASSERT_EQ(m_exchanges.size(), 3u) << "each hop is an exchange of its own";
    const std::vector<std::pair<QUrl, int>> hops = {
        {first.url(QStringLiteral("/a")), 302}, {first.url(QStringLiteral("/b")), 307}, {second.url(QStringLiteral("/c?x=1")), 200}};
    for (size_t i = 0; i < hops.size(); ++i) {
        EXPECT_EQ(m_exchanges[i].request.url, hops[i].first) << i;
        EXPECT_EQ(m_exchanges[i].request.header("Accept"), QByteArray("application/json")) << i;
        ASSERT_TRUE(m_exchanges[i].response.has_value()) << i;
        EXPECT_EQ(m_exchanges[i].response->status, hops[i].second) << i;
        EXPECT_FALSE(m_exchanges[i].error.has_value()) << i;
    }
    ASSERT_EQ(first.seen().size(), 2u);
    ASSERT_EQ(second.seen().size(), 1u);
    EXPECT_EQ(second.seen().front().target, QByteArray("/c?x=1"));
}

TEST_F(TransportTest, Defect1_AHopOffLoopbackOverPlainHttpIsRefused)
{
    // The first URL passed checkEndpointUrl as http on loopback; a hop must pass the same check.
    RecordingServer provider;
    provider.redirect("/jwks", "http://example.invalid/jwks");
    const auto result = get(provider.url(QStringLiteral("/jwks")));
    ASSERT_TRUE(failsWith(result, "NET_INSECURE_URL", ErrorCategory::Net));
    EXPECT_NE(result.error().message.find("http://example.invalid/jwks"), std::string::npos) << result.error().message;
    ASSERT_EQ(m_exchanges.size(), 1u);
    EXPECT_EQ(m_exchanges.front().error->code, "NET_INSECURE_URL");

    // A Location that is no URL at all.
    provider.redirect("/bad", "http://[::1");
    EXPECT_TRUE(failsWith(get(provider.url(QStringLiteral("/bad"))), "NET_BAD_URL", ErrorCategory::Net));
}

TEST_F(TransportTest, Defect1_AtMostFiveRedirects)
{
    RecordingServer provider;
    provider.redirect("/loop", "/loop");
    const auto result = get(provider.url(QStringLiteral("/loop")));
    ASSERT_TRUE(failsWith(result, "NET_REDIRECT_LIMIT", ErrorCategory::Net));
    EXPECT_EQ(provider.seen().size(), 6u); // the request and 5 redirects followed
    EXPECT_EQ(m_exchanges.size(), 6u);
    EXPECT_EQ(m_exchanges.back().error->code, "NET_REDIRECT_LIMIT");
}

TEST_F(TransportTest, Defect1_PostNeverFollowsARedirect)
{
    // The 3xx comes back as the response (process…Response reports it: TOKEN_REDIRECT).
    RecordingServer provider;
    RecordingServer elsewhere;
    provider.redirect("/token", elsewhere.url(QStringLiteral("/token")).toEncoded(), 307);
    HttpRequest request;
    request.method = "POST";
    request.url = provider.url(QStringLiteral("/token"));
    request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    request.body = "grant_type=authorization_code&code=THE-CODE-0123456789";
    const auto result = sendAndWait(m_transport, request);
    ASSERT_TRUE(test::succeeds(result));
    EXPECT_EQ(result->status, 307);
    EXPECT_TRUE(elsewhere.seen().empty());
    EXPECT_EQ(m_exchanges.size(), 1u);
}

TEST_F(TransportTest, RedirectsShareOneTimeoutBudget)
{
    RecordingServer provider;
    LocalHttpResponse moved = LocalHttpResponse::text(302, "moved");
    moved.setHeader("Location", "/second");
    provider.answerLater("/first", 600, moved);
    provider.answerLater("/second", 600, LocalHttpResponse::text(200, "late"));
    HttpRequest request;
    request.url = provider.url(QStringLiteral("/first"));
    request.timeoutMs = 1000; // each hop alone fits; both do not
    // With a fresh timeout per hop, the second answer (at 1200 ms) would arrive in time.
    EXPECT_TRUE(failsWith(sendAndWait(m_transport, request), "NET_TIMEOUT", ErrorCategory::Net));
    EXPECT_EQ(m_exchanges.size(), 2u);
}

// ---- The response-size cap (issue 14 defect 7) ----

// A raw HTTP/1.1 server on 127.0.0.1 that answers every request with `head` and `body` written at
// once, then keeps the connection open without ending the message (a chunked body never
// terminated): only an enforced cap ends the request before its timeout.
class StreamingServer final {
public:
    StreamingServer(QByteArray head, QByteArray body) : m_head(std::move(head)), m_body(std::move(body))
    {
        EXPECT_TRUE(m_server.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    if (!socket->readAll().contains("\r\n\r\n") || socket->property("answered").toBool())
                        return;
                    socket->setProperty("answered", true);
                    socket->write(m_head);
                    socket->write(m_body);
                });
            }
        });
    }
    [[nodiscard]] QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/big").arg(m_server.serverPort())); }

private:
    QByteArray m_head;
    QByteArray m_body;
    QTcpServer m_server;
};

QByteArray chunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

TEST_F(TransportTest, Defect7_TheCapIsEnforcedAsTheBodyStreamsIn)
{
    constexpr qint64 kCap = 64 * 1024;
    StreamingServer server("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                           chunk(QByteArray(3 * kCap, 'a')));
    HttpRequest request;
    request.url = server.url();
    request.maxResponseBytes = kCap;
    request.timeoutMs = 5000;
    QElapsedTimer clock;
    clock.start();
    const auto result = sendAndWait(m_transport, request);
    ASSERT_TRUE(failsWith(result, "NET_BODY_TOO_LARGE", ErrorCategory::Net));
    EXPECT_LT(clock.elapsed(), 2500) << "the cap must end the request, not its timeout";
    ASSERT_EQ(m_exchanges.size(), 1u);
    EXPECT_EQ(m_exchanges.front().error->code, "NET_BODY_TOO_LARGE");
}

TEST_F(TransportTest, Defect7_ABodyWithinTheCapArrivesWhole)
{
    constexpr qint64 kCap = 64 * 1024;
    const QByteArray body(kCap, 'b');
    StreamingServer server("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n",
                           chunk(body.left(1000)) + chunk(body.mid(1000)) + "0\r\n\r\n");
    HttpRequest request;
    request.url = server.url();
    request.maxResponseBytes = kCap;
    const auto result = sendAndWait(m_transport, request);
    ASSERT_TRUE(test::succeeds(result));
    EXPECT_EQ(result->body, body);
}

} // namespace
} // namespace oidc::net
