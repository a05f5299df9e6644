#pragma once

// RFC 8252 §7.3 loopback redirect listener for the system-browser mode.
// - Binds 127.0.0.1 only (LocalHttpServer), port 0 by default or a fixed port (LISTENER_BIND if busy).
// - Serves only the redirect path; anything else is 404 and reported, the flow keeps waiting (rp-checks L3).
// - The page it answers is static: it echoes nothing and loads nothing external (rp-checks L6).
// - A callback the acceptor refuses (wrong state…) is reported and answered with a static error
//   page; the pending flow goes on (rp-checks A1). After one accepted callback, later ones are
//   refused (410). It closes after the accepted callback, on timeout, or on cancel (rp-checks L5).

#include "oidc/Result.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

namespace oidc::net {
class LocalHttpServer;
}

namespace oidc::flow {

class LoopbackRedirectListener final : public QObject {
    Q_OBJECT
public:
    // Decides whether a request to the redirect path completes the flow.
    using Acceptor = std::function<Status(const QUrl &callbackUrl)>;

    explicit LoopbackRedirectListener(QObject *parent = nullptr);
    ~LoopbackRedirectListener() override;

    // Error LISTENER_BIND (port busy), LISTENER_PATH (path must start with '/').
    [[nodiscard]] Status start(quint16 port, const QString &path, int timeoutMs, Acceptor acceptor);
    void cancel();

    [[nodiscard]] bool isListening() const;
    [[nodiscard]] QString redirectUri() const; // http://127.0.0.1:<port><path>
    [[nodiscard]] quint16 port() const;

Q_SIGNALS:
    void accepted(const QUrl &callbackUrl);
    void rejected(const oidc::Error &error);      // a callback on the right path that the acceptor refused
    void strayRequest(const QString &description); // another path, method, or a callback after success
    void timedOut();
    void closed();

private:
    void shutDown();

    std::unique_ptr<net::LocalHttpServer> m_server;
    QTimer m_timeout;
    QString m_path;
    Acceptor m_acceptor;
    bool m_done = false;
};

} // namespace oidc::flow
