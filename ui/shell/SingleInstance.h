#pragma once

// The hand-over of private-use URI scheme redirects (RFC 8252 §7.1). The system browser follows
// the provider's redirect to "<scheme>:/callback?…"; the desktop starts `oidcplay <url>` (the
// desktop entry registers x-scheme-handler/<scheme>, resources/desktop). That second process hands
// the URL to the running app over a per-user local socket and exits; the running app offers it to
// its RedirectHandOver, where the flow's wait checks the scheme and every callback check.
// - handOver(): the second process's side; blocking, so it needs no event loop and no display.
// - listen(): the running app's side; the socket accepts the same user only
//   (QLocalServer::UserAccessOption), one line of at most kMaxMessageBytes per connection, and
//   only URLs of a private-use scheme (PrivateUseScheme); the answer is one line.
// Only a redirect is handed over: `oidcplay` started without one always opens its own window.

#include "oidc/Result.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QLocalServer;
class QLocalSocket;

namespace oidc::flow {
class RedirectHandOver;
}

namespace ui {

class SingleInstance final : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype kMaxMessageBytes = 16 * 1024; // a redirect URL; more is not one
    static constexpr int kTimeoutMs = 5000;

    struct Answer final {
        bool accepted = false;
        QString text; // the running app's verdict, plain text without secrets
    };

    // Per user and per configuration directory (where the app's settings live): a test with an
    // XDG_CONFIG_HOME of its own talks to its own app.
    [[nodiscard]] static QString defaultServerName();
    // The second process. Errors LISTENER_NO_INSTANCE (no app listens), LISTENER_HAND_OVER
    // (the app did not answer within `timeoutMs`).
    [[nodiscard]] static oidc::Result<Answer> handOver(const QString &serverName, const QUrl &url, int timeoutMs = kTimeoutMs);

    explicit SingleInstance(oidc::flow::RedirectHandOver &handOver, QObject *parent = nullptr);
    ~SingleInstance() override;

    // The running app. Errors LISTENER_INSTANCE_RUNNING (another app listens), LISTENER_BIND.
    // The name is probed first: a socket file that answers nothing (left by an app killed by a
    // signal, when no destructor removed it) is removed and listened over; a live app keeps it.
    [[nodiscard]] oidc::Status listen(const QString &serverName);
    [[nodiscard]] bool isListening() const;
    // A redirect for this app (handed over, or on its own command line): refused unless it is a
    // private-use scheme's, else the verdict of the wait expecting it (LISTENER_NOT_WAITING).
    oidc::Status receive(const QUrl &url);

Q_SIGNALS:
    // Every redirect received, with its verdict (for the status bar, notices and tests).
    void received(const QUrl &url, const oidc::Status &verdict);

private:
    void serve(QLocalSocket *socket);
    void answer(QLocalSocket *socket, const oidc::Status &verdict);

    QPointer<oidc::flow::RedirectHandOver> m_handOver;
    QLocalServer *m_server = nullptr;
};

} // namespace ui
