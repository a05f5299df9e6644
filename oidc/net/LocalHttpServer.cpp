#include "LocalHttpServer.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <unordered_set>

namespace oidc::net {

namespace {

Error httpError(int status, std::string code, std::string message)
{
    Error error = makeError(ErrorCategory::Net, std::move(code), std::move(message));
    error.httpStatus = status;
    return error;
}

// RFC 9110 §5.6.2 tchar.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '.':
    case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    return std::all_of(text.begin(), text.end(), isTokenChar);
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

// True when a comma-separated header value lists `token` (Connection: keep-alive, close).
bool listContains(QByteArrayView value, QByteArrayView token)
{
    qsizetype start = 0;
    while (start <= value.size()) {
        qsizetype end = value.indexOf(',', start);
        if (end < 0)
            end = value.size();
        if (equalsIgnoringCase(value.sliced(start, end - start).trimmed(), token))
            return true;
        start = end + 1;
    }
    return false;
}

// Host header value → is it a loopback authority ("127.0.0.1:8080", "localhost", "[::1]:1")?
bool isLoopbackAuthority(QByteArrayView authority)
{
    QByteArrayView host = authority;
    if (host.startsWith('[')) {
        const qsizetype close = host.indexOf(']');
        if (close < 0)
            return false;
        const QByteArrayView rest = host.sliced(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(':'))
            return false;
        host = host.sliced(1, close - 1);
        return host == "::1";
    }
    if (const qsizetype colon = host.indexOf(':'); colon >= 0) {
        const QByteArrayView port = host.sliced(colon + 1);
        if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return false;
        host = host.first(colon);
    }
    if (equalsIgnoringCase(host, "localhost"))
        return true;
    // 127.0.0.0/8 in dotted-quad form.
    if (!host.startsWith("127."))
        return false;
    int dots = 0;
    for (const char c : host) {
        if (c == '.')
            ++dots;
        else if (c < '0' || c > '9')
            return false;
    }
    return dots == 3;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// LocalHttpRequest

Result<LocalHttpRequest> LocalHttpRequest::parseHead(QByteArray head, const LocalHttpServerOptions &options)
{
    LocalHttpRequest request;
    request.m_head = std::move(head);
    const QByteArrayView text(request.m_head);
    if (text.size() > options.maxHeadBytes)
        return httpError(431, "HTTP_HEAD_TOO_LARGE", "the request head exceeds " + std::to_string(options.maxHeadBytes) + " bytes");
    if (!text.endsWith("\r\n\r\n"))
        return httpError(400, "HTTP_BAD_REQUEST", "the request head does not end with CRLF CRLF");
    if (text.contains('\0'))
        return httpError(400, "HTTP_BAD_REQUEST", "the request head contains a NUL byte");

    // Request line: method SP request-target SP HTTP-version (RFC 9112 §3).
    const qsizetype lineEnd = text.indexOf("\r\n");
    const QByteArrayView line = text.first(lineEnd);
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0)
        return httpError(400, "HTTP_BAD_REQUEST", "malformed request line");
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);
    if (!isToken(method))
        return httpError(400, "HTTP_BAD_REQUEST", "malformed method");
    if (version == "HTTP/1.1") {
        request.m_http10 = false;
    } else if (version == "HTTP/1.0") {
        request.m_http10 = true;
    } else if (version.size() == 8 && version.startsWith("HTTP/") && version[6] == '.') {
        return httpError(505, "HTTP_VERSION", "only HTTP/1.0 and HTTP/1.1 are supported");
    } else {
        return httpError(400, "HTTP_BAD_REQUEST", "malformed HTTP version");
    }
    if (target.isEmpty() || std::any_of(target.begin(), target.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; }))
        return httpError(400, "HTTP_BAD_REQUEST", "malformed request target");
    request.m_method = {0, sp1};
    request.m_target = {sp1 + 1, target.size()};
    qsizetype pathOffset = sp1 + 1;
    qsizetype pathLength = target.size();
    if (target.startsWith('/')) {
        // origin-form
    } else if (target.size() > 7 && (target.first(7).compare("http://", Qt::CaseInsensitive) == 0)) {
        // absolute-form (RFC 9112 §3.2.2): a server must accept it; the authority is ignored.
        const qsizetype slash = target.indexOf('/', 7);
        if (slash < 0)
            return httpError(400, "HTTP_BAD_REQUEST", "absolute-form target without a path");
        pathOffset += slash;
        pathLength -= slash;
    } else if (target == "*" && method == "OPTIONS") {
        // asterisk-form
    } else {
        return httpError(400, "HTTP_BAD_REQUEST", "unsupported request target form");
    }
    const QByteArrayView pathAndQuery(text.constData() + pathOffset, pathLength);
    if (const qsizetype question = pathAndQuery.indexOf('?'); question >= 0) {
        request.m_path = {pathOffset, question};
        request.m_query = {pathOffset + question + 1, pathLength - question - 1};
    } else {
        request.m_path = {pathOffset, pathLength};
        request.m_query = {pathOffset + pathLength, 0};
    }
    if (const qsizetype hash = request.path().indexOf('#'); hash >= 0)
        return httpError(400, "HTTP_BAD_REQUEST", "a request target never carries a fragment");

    // Header fields (RFC 9112 §5).
    qsizetype position = lineEnd + 2;
    bool haveLength = false;
    bool haveTransferEncoding = false;
    bool haveHost = false;
    bool keepAliveToken = false;
    bool closeToken = false;
    while (position < text.size() - 2) {
        const qsizetype end = text.indexOf("\r\n", position);
        const QByteArrayView field = text.sliced(position, end - position);
        if (field.startsWith(' ') || field.startsWith('\t'))
            return httpError(400, "HTTP_BAD_REQUEST", "obsolete line folding is not accepted (RFC 9112 §5.2)");
        const qsizetype colon = field.indexOf(':');
        if (colon <= 0 || !isToken(field.first(colon)))
            return httpError(400, "HTTP_BAD_REQUEST", "malformed header field");
        if (request.m_fields.size() >= options.maxHeaderCount)
            return httpError(431, "HTTP_HEAD_TOO_LARGE", "more than " + std::to_string(options.maxHeaderCount) + " header fields");
        qsizetype valueStart = colon + 1;
        qsizetype valueEnd = field.size();
        while (valueStart < valueEnd && (field[valueStart] == ' ' || field[valueStart] == '\t'))
            ++valueStart;
        while (valueEnd > valueStart && (field[valueEnd - 1] == ' ' || field[valueEnd - 1] == '\t'))
            --valueEnd;
        if (std::any_of(field.begin() + valueStart, field.begin() + valueEnd, [](char c) { return c == '\r' || c == '\n'; }))
            return httpError(400, "HTTP_BAD_REQUEST", "bare CR or LF in a header field");
        Field entry{{position, colon}, {position + valueStart, valueEnd - valueStart}};
        request.m_fields.append(entry);
        const QByteArrayView name = field.first(colon);
        const QByteArrayView value = field.sliced(valueStart, valueEnd - valueStart);
        if (equalsIgnoringCase(name, "content-length")) {
            if (value.isEmpty() || value.size() > 15 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return httpError(400, "HTTP_BAD_REQUEST", "invalid Content-Length");
            const qint64 length = value.toLongLong();
            if (haveLength && length != request.m_contentLength)
                return httpError(400, "HTTP_BAD_REQUEST", "conflicting Content-Length fields");
            haveLength = true;
            request.m_contentLength = length;
        } else if (equalsIgnoringCase(name, "transfer-encoding")) {
            haveTransferEncoding = true;
        } else if (equalsIgnoringCase(name, "host")) {
            if (haveHost)
                return httpError(400, "HTTP_BAD_REQUEST", "more than one Host field (RFC 9112 §3.2)");
            haveHost = true;
            if (options.requireLoopbackHost && !isLoopbackAuthority(value))
                return httpError(421, "HTTP_MISDIRECTED", "this server answers only requests for a loopback host");
        } else if (equalsIgnoringCase(name, "connection")) {
            keepAliveToken = keepAliveToken || listContains(value, "keep-alive");
            closeToken = closeToken || listContains(value, "close");
        } else if (equalsIgnoringCase(name, "expect")) {
            if (!equalsIgnoringCase(value, "100-continue"))
                return httpError(417, "HTTP_EXPECTATION", "only Expect: 100-continue is supported");
            request.m_expectContinue = true;
        }
        position = end + 2;
    }
    if (!request.m_http10 && !haveHost)
        return httpError(400, "HTTP_BAD_REQUEST", "an HTTP/1.1 request needs a Host field (RFC 9112 §3.2)");
    if (haveTransferEncoding) {
        // RFC 9112 §6.3 #3: with both, the message is a smuggling attempt; chunked bodies are not supported.
        if (haveLength)
            return httpError(400, "HTTP_BAD_REQUEST", "Transfer-Encoding and Content-Length together");
        return httpError(411, "HTTP_LENGTH_REQUIRED", "request bodies must be sent with a Content-Length");
    }
    request.m_wantsClose = closeToken || (request.m_http10 && !keepAliveToken);
    if (request.m_http10)
        request.m_expectContinue = false;
    return request;
}

QByteArrayView LocalHttpRequest::header(QByteArrayView name) const
{
    for (const Field &field : m_fields) {
        if (equalsIgnoringCase(view(field.name), name))
            return view(field.value);
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// LocalHttpResponse and helpers

void LocalHttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto it = headers.begin(); it != headers.end();) {
        if (equalsIgnoringCase(it->first, name))
            it = headers.erase(it);
        else
            ++it;
    }
    headers.append({name, value});
}

QByteArray LocalHttpResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (equalsIgnoringCase(key, name))
            return value;
    }
    return {};
}

LocalHttpResponse LocalHttpResponse::text(int status, QByteArray body, const QByteArray &contentType)
{
    LocalHttpResponse response;
    response.status = status;
    response.headers.append({QByteArrayLiteral("Content-Type"), contentType});
    response.body = std::move(body);
    return response;
}

QByteArrayView reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 417: return "Expectation Failed";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
}

QByteArray percentDecode(QByteArrayView text, bool plusIsSpace)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            const int high = hexValue(text[i + 1]);
            const int low = hexValue(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out.append(static_cast<char>(high * 16 + low));
                i += 2;
                continue;
            }
        }
        out.append(plusIsSpace && c == '+' ? ' ' : c);
    }
    return out;
}

QList<QPair<QByteArray, QByteArray>> parseUrlEncoded(QByteArrayView text)
{
    QList<QPair<QByteArray, QByteArray>> pairs;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('&', start);
        if (end < 0)
            end = text.size();
        const QByteArrayView part = text.sliced(start, end - start);
        if (!part.isEmpty()) {
            const qsizetype equals = part.indexOf('=');
            if (equals < 0)
                pairs.append({percentDecode(part, true), QByteArray()});
            else
                pairs.append({percentDecode(part.first(equals), true), percentDecode(part.sliced(equals + 1), true)});
        }
        start = end + 1;
    }
    return pairs;
}

// ---------------------------------------------------------------------------------------------
// Connections

namespace local_http { // named, not anonymous: LocalHttpServer::Private and the responder state hold these types

class Connection;

// What a connection's socket buffers at most (QAbstractSocket::setReadBufferSize).
constexpr qint64 kReadBufferBytes = 64 * 1024;

// Shared between a connection and the responders of its requests: responders reach the
// connection through it, and the connection's destructor cuts the link under the mutex.
struct Channel final {
    QMutex mutex;
    Connection *connection = nullptr;
};

} // namespace local_http

struct LocalHttpResponder::State final {
    std::shared_ptr<local_http::Channel> channel;
    quint64 sequence = 0;
    std::atomic_bool answered{false};

    State(std::shared_ptr<local_http::Channel> channelIn, quint64 sequenceIn) : channel(std::move(channelIn)), sequence(sequenceIn) {}
    ~State();
    State(const State &) = delete;
    State &operator=(const State &) = delete;
};

class LocalHttpServer::Private final {
public:
    LocalHttpServer *q = nullptr;
    Handler handler;
    LocalHttpServerOptions options;
    QTcpServer *tcpServer = nullptr;
    QTimer *sweepTimer = nullptr;
    QElapsedTimer clock;
    std::unordered_set<local_http::Connection *> connections;
    quint64 nextConnectionId = 1;

    void acceptConnections();
    // Makes room at the connection cap; false when every connection has a request in progress.
    bool evictIdleConnection();
    void sweep();
    void closeAll();
};

namespace local_http { // named, not anonymous: LocalHttpServer::Private and the responder state hold these types

void deliverTo(const std::shared_ptr<Channel> &channel, quint64 sequence, LocalHttpResponse response);

class Connection final : public QObject {
public:
    Connection(LocalHttpServer::Private *server, QTcpSocket *socket, quint64 id)
        : QObject(server->q)
        , m_server(server)
        , m_socket(socket)
        , m_id(id)
        , m_channel(std::make_shared<Channel>())
    {
        m_channel->connection = this;
        m_socket->setParent(this);
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // small responses on kept-alive connections
        // Qt buffers at most this much; while a request is outstanding nothing is read, so the
        // buffer fills and TCP flow control holds the client back (issue 14 #8).
        m_socket->setReadBufferSize(kReadBufferBytes);
        m_peerAddress = m_socket->peerAddress();
        m_peerPort = m_socket->peerPort();
        m_lastActivityMs = m_server->clock.elapsed();
        QObject::connect(m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        QObject::connect(m_socket, &QTcpSocket::disconnected, this, [this] { finish(); });
        QObject::connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
            if (error != QAbstractSocket::RemoteHostClosedError)
                finish();
        });
    }

    ~Connection() override
    {
        QObject::disconnect(m_socket, nullptr, this, nullptr);
        QMutexLocker lock(&m_channel->mutex);
        m_channel->connection = nullptr;
    }

    void start()
    {
        if (m_socket->bytesAvailable() > 0)
            onReadyRead();
    }

    // True while the connection waits for a request head (idle, or part of a head arrived):
    // such a connection may make room for a new one at the connection cap (issue 14 #12).
    [[nodiscard]] bool awaitsRequestHead() const { return !m_finished && !m_closing && !m_busy && !m_readingBody; }
    [[nodiscard]] quint64 id() const { return m_id; }

    // Called by the server's sweep timer.
    void checkTimeouts(qint64 now)
    {
        if (m_finished || m_closing || m_busy)
            return;
        if (m_requestStartMs >= 0) {
            if (now - m_requestStartMs > m_server->options.requestTimeoutMs)
                fail(408, "the request did not arrive completely in time");
        } else if (now - m_lastActivityMs > m_server->options.idleTimeoutMs) {
            m_closing = true;
            m_socket->disconnectFromHost();
        }
    }

    void deliver(quint64 sequence, LocalHttpResponse response)
    {
        if (m_finished || !m_busy || sequence != m_sequence)
            return;
        const bool close = m_closing || m_current.wantsClose();
        write(response, close, m_current.method() == "HEAD");
        m_busy = false;
        m_current = LocalHttpRequest();
        m_lastActivityMs = m_server->clock.elapsed();
        if (close) {
            m_closing = true;
            m_socket->disconnectFromHost();
            return;
        }
        if (!m_inDispatch) {
            // Pipelined input already read first, then what the socket held back meanwhile.
            processInput();
            pump();
        }
    }

    void abort()
    {
        m_closing = true;
        m_socket->abort();
        finish();
    }

    // The server stops listening: a request being handled is answered first (deliver() then
    // closes), an idle connection closes now; either way after what was written is sent.
    void closeWhenAnswered()
    {
        if (m_finished || m_closing)
            return;
        m_closing = true;
        if (!m_busy)
            m_socket->disconnectFromHost();
    }

private:
    void onReadyRead()
    {
        if (m_closing || m_finished) {
            m_socket->readAll(); // discard
            return;
        }
        // While a request is outstanding nothing is read (issue 14 #8): the socket's bounded
        // buffer fills, TCP holds the client back, and deliver() resumes reading.
        if (!m_busy)
            pump();
    }

    // Reads and handles input until a request is outstanding, the socket has nothing more or the
    // connection closes. Each read takes at most the socket's buffer (kReadBufferBytes), so what
    // waits in m_in stays below one head, one body and one read.
    void pump()
    {
        while (!m_busy && !m_closing && !m_finished && m_socket->bytesAvailable() > 0) {
            readAvailable();
            processInput();
        }
    }

    void readAvailable()
    {
        const qint64 available = m_socket->bytesAvailable();
        if (m_pos > 0 && m_pos == m_in.size()) {
            m_in.resize(0);
            m_pos = 0;
            m_scanFrom = 0; // the scan offset belongs to the old buffer (a kept-alive request would hang)
        } else if (m_pos > 64 * 1024) {
            m_in.remove(0, m_pos);
            m_scanFrom -= m_pos;
            m_pos = 0;
        }
        const qsizetype old = m_in.size();
        m_in.resize(old + available);
        const qint64 read = m_socket->read(m_in.data() + old, available);
        m_in.resize(old + std::max<qint64>(read, 0));
        m_lastActivityMs = m_server->clock.elapsed();
        if (m_requestStartMs < 0)
            m_requestStartMs = m_lastActivityMs;
    }

    void processInput()
    {
        while (!m_busy && !m_closing && !m_finished) {
            if (!m_readingBody) {
                // RFC 9112 §2.2: ignore empty lines before a request line.
                while (m_in.size() - m_pos >= 2 && m_in[m_pos] == '\r' && m_in[m_pos + 1] == '\n')
                    m_pos += 2;
                if (m_pos >= m_in.size()) {
                    m_requestStartMs = -1;
                    m_scanFrom = m_pos;
                    return;
                }
                if (m_requestStartMs < 0)
                    m_requestStartMs = m_server->clock.elapsed();
                const qsizetype from = std::max(m_pos, m_scanFrom - 3);
                const qsizetype end = m_in.indexOf("\r\n\r\n", from);
                if (end < 0) {
                    if (m_in.size() - m_pos > m_server->options.maxHeadBytes)
                        return fail(431, "the request head is too large");
                    m_scanFrom = m_in.size();
                    return;
                }
                const qsizetype headLength = end + 4 - m_pos;
                if (headLength > m_server->options.maxHeadBytes)
                    return fail(431, "the request head is too large");
                auto parsed = LocalHttpRequest::parseHead(m_in.mid(m_pos, headLength), m_server->options);
                m_pos += headLength;
                m_scanFrom = m_pos;
                if (!parsed)
                    return fail(parsed.error().httpStatus, parsed.error().message);
                m_current = std::move(parsed).value();
                m_current.setPeer(m_peerAddress, m_peerPort, m_id);
                if (m_current.contentLength() > m_server->options.maxBodyBytes)
                    return fail(413, "the request body is larger than " + std::to_string(m_server->options.maxBodyBytes) + " bytes");
                if (m_current.contentLength() > 0) {
                    m_readingBody = true;
                    if (m_current.expectsContinue() && m_in.size() - m_pos < m_current.contentLength())
                        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                }
            }
            if (m_readingBody) {
                if (m_in.size() - m_pos < m_current.contentLength())
                    return;
                m_current.setBody(m_in.mid(m_pos, m_current.contentLength()));
                m_pos += m_current.contentLength();
                m_scanFrom = m_pos;
                m_readingBody = false;
            }
            dispatch();
        }
    }

    void dispatch()
    {
        m_busy = true;
        m_requestStartMs = -1;
        ++m_sequence;
        m_inDispatch = true;
        {
            LocalHttpResponder responder(std::make_shared<LocalHttpResponder::State>(m_channel, m_sequence));
            try {
                m_server->handler(m_current, responder);
            } catch (...) {
                responder.respond(LocalHttpResponse::text(500, QByteArrayLiteral("internal error\n")));
            }
        } // an unanswered, dropped responder answers 503 here
        m_inDispatch = false;
    }

    void write(const LocalHttpResponse &response, bool close, bool head)
    {
        const int status = response.status;
        const bool noBody = status < 200 || status == 204 || status == 304;
        m_out.resize(0);
        m_out.append("HTTP/1.1 ");
        m_out.append(QByteArray::number(status));
        m_out.append(' ');
        m_out.append(reasonPhrase(status));
        m_out.append("\r\n");
        for (const auto &[name, value] : response.headers) {
            // The server owns the framing.
            if (equalsIgnoringCase(name, "content-length") || equalsIgnoringCase(name, "connection")
                || equalsIgnoringCase(name, "transfer-encoding"))
                continue;
            m_out.append(name);
            m_out.append(": ");
            m_out.append(value);
            m_out.append("\r\n");
        }
        if (!noBody) {
            m_out.append("Content-Length: ");
            m_out.append(QByteArray::number(response.body.size()));
            m_out.append("\r\n");
        }
        if (close)
            m_out.append("Connection: close\r\n");
        else if (m_current.isHttp10())
            m_out.append("Connection: keep-alive\r\n");
        m_out.append("\r\n");
        const bool sendBody = !noBody && !head && !response.body.isEmpty();
        if (sendBody && response.body.size() <= 16 * 1024) {
            m_out.append(response.body);
            m_socket->write(m_out);
        } else {
            m_socket->write(m_out);
            if (sendBody)
                m_socket->write(response.body);
        }
    }

    void fail(int status, const std::string &message)
    {
        if (status <= 0)
            status = 400;
        LocalHttpResponse response = LocalHttpResponse::text(status, QByteArray::fromStdString(message) + '\n');
        m_current = LocalHttpRequest();
        write(response, true, false);
        m_closing = true;
        m_busy = false;
        m_socket->disconnectFromHost();
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_server->connections.erase(this);
        deleteLater();
    }

    LocalHttpServer::Private *m_server;
    QTcpSocket *m_socket;
    quint64 m_id;
    std::shared_ptr<Channel> m_channel;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    QByteArray m_in;
    QByteArray m_out;
    qsizetype m_pos = 0;
    qsizetype m_scanFrom = 0;
    LocalHttpRequest m_current;
    quint64 m_sequence = 0;
    qint64 m_lastActivityMs = 0;
    qint64 m_requestStartMs = -1;
    bool m_readingBody = false;
    bool m_busy = false;
    bool m_inDispatch = false;
    bool m_closing = false;
    bool m_finished = false;
};

void deliverTo(const std::shared_ptr<Channel> &channel, quint64 sequence, LocalHttpResponse response)
{
    QMutexLocker lock(&channel->mutex);
    Connection *connection = channel->connection;
    if (!connection)
        return;
    if (QThread::currentThread() == connection->thread()) {
        lock.unlock();
        connection->deliver(sequence, std::move(response));
        return;
    }
    // Posted while the mutex is held: the connection cannot be destroyed in between, and Qt
    // drops events posted to an object that is destroyed before they run.
    QMetaObject::invokeMethod(
        connection, [connection, sequence, response = std::move(response)]() mutable { connection->deliver(sequence, std::move(response)); },
        Qt::QueuedConnection);
}

} // namespace local_http

LocalHttpResponder::State::~State()
{
    if (!answered.exchange(true))
        local_http::deliverTo(channel, sequence,
                  LocalHttpResponse::text(503, QByteArrayLiteral("the request was dropped without an answer\n")));
}

void LocalHttpResponder::respond(LocalHttpResponse response) const
{
    if (!m_state || m_state->answered.exchange(true))
        return;
    local_http::deliverTo(m_state->channel, m_state->sequence, std::move(response));
}

bool LocalHttpResponder::isAnswered() const
{
    return m_state && m_state->answered.load();
}

// ---------------------------------------------------------------------------------------------
// LocalHttpServer

void LocalHttpServer::Private::acceptConnections()
{
    while (QTcpSocket *socket = tcpServer->nextPendingConnection()) {
        if (static_cast<int>(connections.size()) >= options.maxConnections && !evictIdleConnection()) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto *connection = new local_http::Connection(this, socket, nextConnectionId++);
        connections.insert(connection);
        connection->start();
    }
}

bool LocalHttpServer::Private::evictIdleConnection()
{
    // The oldest connection still waiting for a request head goes: a local process holding
    // idle connections open cannot lock out the browser's callback, which sends its head at once
    // (issue 14 #12). Connections with a request in progress are never cut.
    local_http::Connection *oldest = nullptr;
    for (local_http::Connection *connection : connections) {
        if (connection->awaitsRequestHead() && (!oldest || connection->id() < oldest->id()))
            oldest = connection;
    }
    if (!oldest)
        return false;
    oldest->abort();
    return true;
}

void LocalHttpServer::Private::sweep()
{
    const qint64 now = clock.elapsed();
    // Copy: a timeout may finish a connection, which erases it from the set.
    const std::vector<local_http::Connection *> current(connections.begin(), connections.end());
    for (local_http::Connection *connection : current) {
        if (connections.count(connection))
            connection->checkTimeouts(now);
    }
}

void LocalHttpServer::Private::closeAll()
{
    const std::vector<local_http::Connection *> current(connections.begin(), connections.end());
    for (local_http::Connection *connection : current)
        connection->abort();
    connections.clear();
}

LocalHttpServer::LocalHttpServer(Handler handler, LocalHttpServerOptions options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->q = this;
    d->handler = std::move(handler);
    d->options = options;
    d->clock.start();
    d->tcpServer = new QTcpServer(this);
    d->tcpServer->setMaxPendingConnections(128);
    connect(d->tcpServer, &QTcpServer::newConnection, this, [this] { d->acceptConnections(); });
    d->sweepTimer = new QTimer(this);
    const int shortest = std::min(options.idleTimeoutMs, options.requestTimeoutMs);
    d->sweepTimer->setInterval(std::clamp(shortest / 4, 20, 1000));
    connect(d->sweepTimer, &QTimer::timeout, this, [this] { d->sweep(); });
}

LocalHttpServer::~LocalHttpServer()
{
    close();
}

Status LocalHttpServer::listen(quint16 port)
{
    if (d->tcpServer->isListening())
        return makeError(ErrorCategory::Listener, "LISTENER_BIND", "the server is already listening");
    // Loopback only (RFC 8252 §8.3): there is deliberately no parameter for the address.
    if (!d->tcpServer->listen(QHostAddress(QHostAddress::LocalHost), port))
        return makeError(ErrorCategory::Listener, "LISTENER_BIND",
                         "cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + d->tcpServer->errorString().toStdString());
    d->sweepTimer->start();
    return {};
}

void LocalHttpServer::close()
{
    if (!d)
        return;
    d->sweepTimer->stop();
    d->tcpServer->close();
    d->closeAll();
}

void LocalHttpServer::stopListening()
{
    if (!d)
        return;
    d->tcpServer->close();
    // Copy: a connection that closes at once leaves the set.
    const std::vector<local_http::Connection *> current(d->connections.begin(), d->connections.end());
    for (local_http::Connection *connection : current) {
        if (d->connections.count(connection))
            connection->closeWhenAnswered();
    }
}

bool LocalHttpServer::isListening() const
{
    return d->tcpServer->isListening();
}

quint16 LocalHttpServer::port() const
{
    return d->tcpServer->isListening() ? d->tcpServer->serverPort() : 0;
}

QUrl LocalHttpServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

int LocalHttpServer::connectionCount() const
{
    return static_cast<int>(d->connections.size());
}

const LocalHttpServerOptions &LocalHttpServer::options() const
{
    return d->options;
}

} // namespace oidc::net

#include "moc_LocalHttpServer.cpp"
