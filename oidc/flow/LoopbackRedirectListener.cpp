#include "LoopbackRedirectListener.h"

#include "oidc/net/LocalHttpServer.h"

#include <QPointer>

namespace oidc::flow {

namespace {

// Static pages: no query echo, no external resources, no script (RFC 9700 §4.2, rp-checks L6).
QByteArray page(const char *title, const char *message)
{
    return QByteArrayLiteral("<!doctype html><html><head><meta charset=\"utf-8\"><title>") + title
        + QByteArrayLiteral("</title><meta name=\"referrer\" content=\"no-referrer\"></head>"
                            "<body style=\"font-family:sans-serif;margin:3em\"><h1>")
        + title + QByteArrayLiteral("</h1><p>") + message + QByteArrayLiteral("</p></body></html>");
}

net::LocalHttpResponse htmlResponse(int status, const char *title, const char *message)
{
    auto response = net::LocalHttpResponse::text(status, page(title, message), "text/html; charset=utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    return response;
}

} // namespace

LoopbackRedirectListener::LoopbackRedirectListener(QObject *parent) : QObject(parent)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        Q_EMIT timedOut();
        shutDown();
    });
}

LoopbackRedirectListener::~LoopbackRedirectListener() = default;

Status LoopbackRedirectListener::start(quint16 port, const QString &path, int timeoutMs, Acceptor acceptor)
{
    if (!path.startsWith(QLatin1Char('/')))
        return makeError(ErrorCategory::Listener, "LISTENER_PATH", "the redirect path must start with '/'", "/callback", path.toStdString());
    shutDown();
    m_path = path;
    m_acceptor = std::move(acceptor);
    m_done = false;
    QPointer<LoopbackRedirectListener> self(this);
    m_server = std::make_unique<net::LocalHttpServer>([self](const net::LocalHttpRequest &request, net::LocalHttpResponder responder) {
        // The server calls this on its own (this object's) thread.
        if (!self || !self->m_server) {
            responder.respond(htmlResponse(503, "Unavailable", "This sign-in is no longer waiting."));
            return;
        }
        const QString requestPath = QString::fromUtf8(net::percentDecode(request.path()));
        const QString description = QString::fromLatin1(request.method().toByteArray()) + QLatin1Char(' ') + requestPath;
        if (requestPath != self->m_path || request.method() != "GET") {
            responder.respond(htmlResponse(404, "Not found", "Nothing here."));
            Q_EMIT self->strayRequest(QStringLiteral("ignored %1 (only GET %2 is served)").arg(description, self->m_path));
            return;
        }
        if (self->m_done) {
            responder.respond(htmlResponse(410, "Already completed", "This sign-in has already completed. You can close this tab."));
            Q_EMIT self->strayRequest(QStringLiteral("refused a second callback after the flow completed"));
            return;
        }
        QUrl url = self->m_server->baseUrl();
        url.setPath(self->m_path);
        url.setQuery(QString::fromLatin1(request.query().toByteArray()), QUrl::TolerantMode);
        const Status verdict = self->m_acceptor ? self->m_acceptor(url) : Status();
        if (!verdict) {
            responder.respond(htmlResponse(400, "Sign-in not completed",
                                           "This response did not match the pending sign-in. Return to OIDC Playground for details."));
            Q_EMIT self->rejected(verdict.error());
            return;
        }
        self->m_done = true;
        responder.respond(htmlResponse(200, "Signed in", "You can close this tab and return to OIDC Playground."));
        Q_EMIT self->accepted(url);
        // Close once the page is written; a queued call lets the response go out first.
        QMetaObject::invokeMethod(self, [self] { if (self) self->shutDown(); }, Qt::QueuedConnection);
    });
    if (auto listening = m_server->listen(port); !listening) {
        m_server.reset();
        return listening;
    }
    if (timeoutMs > 0)
        m_timeout.start(timeoutMs);
    return {};
}

void LoopbackRedirectListener::cancel()
{
    shutDown();
}

void LoopbackRedirectListener::shutDown()
{
    m_timeout.stop();
    if (!m_server)
        return;
    // Give the last response a moment to flush: close on the next turn of the event loop.
    auto *server = m_server.release();
    server->setParent(nullptr);
    QTimer::singleShot(200, server, [server] {
        server->close();
        server->deleteLater();
    });
    m_acceptor = nullptr;
    Q_EMIT closed();
}

bool LoopbackRedirectListener::isListening() const
{
    return m_server && m_server->isListening();
}

QString LoopbackRedirectListener::redirectUri() const
{
    if (!m_server)
        return {};
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port()).arg(m_path);
}

quint16 LoopbackRedirectListener::port() const
{
    return m_server ? m_server->port() : 0;
}

} // namespace oidc::flow

#include "moc_LoopbackRedirectListener.cpp"
