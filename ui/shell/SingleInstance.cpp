#include "SingleInstance.h"

#include "oidc/flow/PrivateUseScheme.h"
#include "oidc/flow/RedirectHandOver.h"

#include <QCryptographicHash>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QTimer>

#include <unistd.h>

namespace ui {

using oidc::ErrorCategory;
using oidc::makeError;

namespace {

constexpr QLatin1String kAccepted("accepted");
constexpr QLatin1String kRefused("refused ");

} // namespace

QString SingleInstance::defaultServerName()
{
    const QByteArray config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation).toUtf8();
    const QByteArray digest = QCryptographicHash::hash(config, QCryptographicHash::Sha256).toHex().left(12);
    return QStringLiteral("oidcplay-%1-%2").arg(::getuid()).arg(QString::fromLatin1(digest));
}

oidc::Result<SingleInstance::Answer> SingleInstance::handOver(const QString &serverName, const QUrl &url, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(serverName);
    if (!socket.waitForConnected(timeoutMs))
        return makeError(ErrorCategory::Listener, "LISTENER_NO_INSTANCE", "no OIDC Playground is running for this user");
    socket.write(url.toEncoded() + '\n');
    if (!socket.waitForBytesWritten(timeoutMs))
        return makeError(ErrorCategory::Listener, "LISTENER_HAND_OVER", "the running OIDC Playground did not take the redirect");
    while (!socket.canReadLine() && socket.bytesAvailable() <= kMaxMessageBytes) {
        if (!socket.waitForReadyRead(timeoutMs))
            return makeError(ErrorCategory::Listener, "LISTENER_HAND_OVER",
                             "the running OIDC Playground did not answer within " + std::to_string(timeoutMs / 1000) + " s");
    }
    const QString line = QString::fromUtf8(socket.readLine(kMaxMessageBytes)).trimmed();
    socket.disconnectFromServer();
    if (line == kAccepted)
        return Answer{true, QStringLiteral("the sign-in goes on there")};
    return Answer{false, line.startsWith(kRefused) ? line.mid(kRefused.size()) : line};
}

SingleInstance::SingleInstance(oidc::flow::RedirectHandOver &handOver, QObject *parent) : QObject(parent), m_handOver(&handOver) {}

SingleInstance::~SingleInstance() = default; // the server is a child: it closes (and removes its socket file) with this object

oidc::Status SingleInstance::listen(const QString &serverName)
{
    {
        // A live server answers a connection; a file left by a crashed app does not, and goes.
        QLocalSocket probe;
        probe.connectToServer(serverName);
        if (probe.waitForConnected(kTimeoutMs / 5)) {
            probe.abort();
            return makeError(ErrorCategory::Listener, "LISTENER_INSTANCE_RUNNING",
                             "another OIDC Playground receives the private-use scheme redirects of this user");
        }
    }
    QLocalServer::removeServer(serverName);
    auto *server = new QLocalServer(this);
    server->setSocketOptions(QLocalServer::UserAccessOption); // the same user only
    if (!server->listen(serverName)) {
        const std::string reason = server->errorString().toStdString();
        delete server;
        return makeError(ErrorCategory::Listener, "LISTENER_BIND", "cannot listen for redirects handed over by the desktop: " + reason);
    }
    connect(server, &QLocalServer::newConnection, this, [this, server] {
        while (QLocalSocket *socket = server->nextPendingConnection())
            serve(socket);
    });
    m_server = server;
    return {};
}

bool SingleInstance::isListening() const
{
    return m_server && m_server->isListening();
}

void SingleInstance::serve(QLocalSocket *socket)
{
    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    // A client that says nothing is dropped (the app never waits on it).
    QTimer::singleShot(kTimeoutMs, socket, [socket] { socket->abort(); });
    connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
        if (!socket->canReadLine()) {
            if (socket->bytesAvailable() > kMaxMessageBytes)
                answer(socket, makeError(ErrorCategory::Listener, "LISTENER_TOO_LARGE",
                                         "a handed-over redirect is at most " + std::to_string(kMaxMessageBytes) + " bytes"));
            return;
        }
        const QByteArray line = socket->readLine(kMaxMessageBytes + 1).trimmed();
        answer(socket, line.size() > kMaxMessageBytes
                           ? oidc::Status(makeError(ErrorCategory::Listener, "LISTENER_TOO_LARGE",
                                                    "a handed-over redirect is at most " + std::to_string(kMaxMessageBytes) + " bytes"))
                           : receive(QUrl::fromEncoded(line, QUrl::StrictMode)));
    });
}

void SingleInstance::answer(QLocalSocket *socket, const oidc::Status &verdict)
{
    socket->disconnect(this); // one message per connection
    const QString text = verdict ? QString(kAccepted)
                                 : QString(kRefused + QString::fromStdString(verdict.error().code) + QStringLiteral(": ")
                                           + QString::fromStdString(verdict.error().message).simplified());
    socket->write(text.toUtf8() + '\n');
    socket->disconnectFromServer();
}

oidc::Status SingleInstance::receive(const QUrl &url)
{
    oidc::Status verdict;
    if (!url.isValid() || !oidc::flow::PrivateUseScheme::parse(url.scheme()))
        verdict = makeError(ErrorCategory::Listener, "LISTENER_FOREIGN_REDIRECT",
                            "only redirects to a private-use URI scheme (RFC 8252 §7.1) are handed over");
    else if (!m_handOver)
        verdict = makeError(ErrorCategory::Listener, "LISTENER_NOT_WAITING", "no sign-in is waiting for a redirect");
    else
        verdict = m_handOver->offer(url);
    Q_EMIT received(url, verdict);
    return verdict;
}

} // namespace ui

#include "moc_SingleInstance.cpp"
