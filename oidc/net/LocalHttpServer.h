#pragma once

// A small HTTP/1.1 server for loopback use: the built-in sandbox provider and the RFC 8252
// loopback redirect listener.
//
// - It binds 127.0.0.1 and nothing else (RFC 8252 §8.3, rp-checks L1): the API takes a port and
//   has no way to name another address.
// - HTTP/1.1 message framing per RFC 9112: persistent connections (§9.3), request bodies framed
//   by Content-Length only (a Transfer-Encoding is refused with 411, or 400 when it comes with a
//   Content-Length: §6.1 and §6.3 #3), caps on the head (431) and the body (413), a per-connection
//   idle timeout and a deadline for a request to arrive completely (408).
// - Responses are asynchronous: the handler receives a LocalHttpResponder it may answer now or
//   later, from any thread. Requests on one connection are answered in order (the next one is
//   not parsed before the current one is answered). A responder dropped unanswered answers 503.
// - Memory per connection is bounded: while a request is outstanding nothing more is read from
//   its connection (TCP flow control holds the client back), and at the connection cap the
//   oldest connection still waiting for a request head makes room for the new one.
// - By default the Host header must name a loopback host, so a web page that rebinds its DNS
//   name to 127.0.0.1 cannot drive the server (421 Misdirected Request otherwise).

#include "oidc/Result.h"
#include "oidc/net/Http.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHostAddress>
#include <QObject>
#include <QUrl>
#include <QVarLengthArray>

#include <functional>
#include <memory>

namespace oidc::net {

struct LocalHttpServerOptions final {
    qsizetype maxHeadBytes = 16 * 1024;   // request line + header fields; more is 431
    qsizetype maxBodyBytes = 1024 * 1024; // Content-Length above this is 413
    int maxHeaderCount = 100;             // more header fields is 431
    int idleTimeoutMs = 30000;            // a kept-alive connection with no request is closed
    int requestTimeoutMs = 30000;         // a started request must be complete within this (408)
    int maxConnections = 256;             // at the cap the oldest connection without a request head is closed;
                                          // when all have a request in progress, the new one is
    bool requireLoopbackHost = true;      // Host must be 127.0.0.1, localhost or [::1] (any port)
};

// One parsed request. The head is kept as one buffer and the header fields as offsets into it,
// so a request costs two allocations (head and body) whatever its number of fields.
class LocalHttpRequest final {
public:
    LocalHttpRequest() = default;

    // Parses a request head: the request line and the header fields, ending with CRLF CRLF
    // (RFC 9112 §2.1). Errors carry the status to answer in httpStatus: HTTP_BAD_REQUEST (400),
    // HTTP_VERSION (505), HTTP_HEAD_TOO_LARGE (431), HTTP_LENGTH_REQUIRED (411),
    // HTTP_MISDIRECTED (421).
    [[nodiscard]] static Result<LocalHttpRequest> parseHead(QByteArray head, const LocalHttpServerOptions &options = {});

    [[nodiscard]] QByteArrayView method() const { return view(m_method); }   // "GET"
    [[nodiscard]] QByteArrayView target() const { return view(m_target); }   // as sent: "/a/b?x=1"
    [[nodiscard]] QByteArrayView path() const { return view(m_path); }       // "/a/b", not decoded
    [[nodiscard]] QByteArrayView query() const { return view(m_query); }     // "x=1", not decoded
    [[nodiscard]] bool isHttp10() const { return m_http10; }

    // Case-insensitive; the first field with that name, or a null view.
    [[nodiscard]] QByteArrayView header(QByteArrayView name) const;
    [[nodiscard]] bool hasHeader(QByteArrayView name) const { return !header(name).isNull(); }
    [[nodiscard]] qsizetype headerCount() const { return m_fields.size(); }
    [[nodiscard]] QByteArrayView headerName(qsizetype index) const { return view(m_fields[index].name); }
    [[nodiscard]] QByteArrayView headerValue(qsizetype index) const { return view(m_fields[index].value); }

    [[nodiscard]] qint64 contentLength() const { return m_contentLength; }
    [[nodiscard]] const QByteArray &body() const { return m_body; }
    void setBody(QByteArray body) { m_body = std::move(body); }

    // True when the connection must close after the response (RFC 9112 §9.3).
    [[nodiscard]] bool wantsClose() const { return m_wantsClose; }
    [[nodiscard]] bool expectsContinue() const { return m_expectContinue; }

    [[nodiscard]] QHostAddress peerAddress() const { return m_peerAddress; }
    [[nodiscard]] quint16 peerPort() const { return m_peerPort; }
    [[nodiscard]] quint64 connectionId() const { return m_connectionId; }
    void setPeer(const QHostAddress &address, quint16 port, quint64 connectionId)
    {
        m_peerAddress = address;
        m_peerPort = port;
        m_connectionId = connectionId;
    }

private:
    struct Span final {
        qsizetype offset = 0;
        qsizetype length = 0;
    };
    struct Field final {
        Span name;
        Span value;
    };
    [[nodiscard]] QByteArrayView view(Span span) const
    {
        return span.offset < 0 ? QByteArrayView() : QByteArrayView(m_head.constData() + span.offset, span.length);
    }

    QByteArray m_head;
    Span m_method;
    Span m_target;
    Span m_path;
    Span m_query;
    QVarLengthArray<Field, 24> m_fields;
    QByteArray m_body;
    qint64 m_contentLength = 0;
    bool m_http10 = false;
    bool m_wantsClose = false;
    bool m_expectContinue = false;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    quint64 m_connectionId = 0;
};

struct LocalHttpResponse final {
    int status = 200;
    HeaderList headers; // the server adds Content-Length and Connection itself
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value); // replaces
    void addHeader(const QByteArray &name, const QByteArray &value) { headers.append({name, value}); }
    [[nodiscard]] QByteArray header(QByteArrayView name) const; // case-insensitive, first match

    [[nodiscard]] static LocalHttpResponse text(int status, QByteArray body,
                                                const QByteArray &contentType = QByteArrayLiteral("text/plain; charset=utf-8"));
};

[[nodiscard]] QByteArrayView reasonPhrase(int status);

// Decodes application/x-www-form-urlencoded text (also a URL query): '+' is a space, %XX a byte
// (WHATWG URL §5.1). Malformed escapes are kept literally. Names and values are raw bytes.
[[nodiscard]] QList<QPair<QByteArray, QByteArray>> parseUrlEncoded(QByteArrayView text);
// The percent-decoding alone ('+' kept), for path segments.
[[nodiscard]] QByteArray percentDecode(QByteArrayView text, bool plusIsSpace = false);

// Answers one request, once. Copies share the answer; the first respond() wins and later calls
// do nothing. Thread-safe: respond() may be called from any thread; the response is written on
// the connection's thread. When the last copy is destroyed unanswered, the server answers 503.
class LocalHttpResponder final {
public:
    LocalHttpResponder() = default;
    void respond(LocalHttpResponse response) const;
    [[nodiscard]] bool isAnswered() const;
    [[nodiscard]] bool isValid() const { return m_state != nullptr; }

    struct State; // internal
    explicit LocalHttpResponder(std::shared_ptr<State> state) : m_state(std::move(state)) {}

private:
    std::shared_ptr<State> m_state;
};

class LocalHttpServer final : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(const LocalHttpRequest &request, LocalHttpResponder responder)>;

    explicit LocalHttpServer(Handler handler, LocalHttpServerOptions options = {}, QObject *parent = nullptr);
    ~LocalHttpServer() override;

    // Listens on 127.0.0.1:port (0 picks a free port). Error LISTENER_BIND.
    [[nodiscard]] Status listen(quint16 port = 0);
    // Stops listening and closes every connection (pending responders then do nothing).
    void close();
    // Stops listening; every request already being handled is still answered, then its
    // connection closes (idle ones close at once). No request is cut off after its handler ran.
    // listen() may be called again.
    void stopListening();

    [[nodiscard]] bool isListening() const;
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] QUrl baseUrl() const; // http://127.0.0.1:<port>
    [[nodiscard]] int connectionCount() const;
    [[nodiscard]] const LocalHttpServerOptions &options() const;

    class Private; // internal

private:
    std::unique_ptr<Private> d;
};

} // namespace oidc::net
