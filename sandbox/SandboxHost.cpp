#include "SandboxHost.h"

#include "oidc/crypto/ThreadState.h"
#include "sandbox/KeyRing.h"

namespace sandbox {

// What the GUI shows of a server that has just started, taken on the sandbox thread.
struct SandboxHost::Snapshot final {
    QUrl baseUrl;
    QString projectId;
    QString issuer;
    QString kid;
    std::vector<Fault> faults;
    std::vector<InboxMessage> inbox; // newest first
    QString managementKey;
};

SandboxHost::SandboxHost(SandboxOptions options, QObject *parent)
    : QObject(parent)
    , m_server(new SandboxServer(std::move(options)))
    , m_toHost(oidc::ThreadLink::to(this))
{
    m_thread.setObjectName(QStringLiteral("sandbox"));
    relayChanges(); // before the server runs: no change can come before its relay
    m_server->moveToThread(&m_thread);
    m_toServer = oidc::ThreadLink::to(m_server);
    oidc::crypto::releaseOpenSslStateWhenFinished(&m_thread); // joined means its OpenSSL state is freed
    m_thread.start();
}

SandboxHost::~SandboxHost()
{
    m_toHost->cut(); // nothing more reaches the snapshot
    // The server's sockets and timers belong to its thread: it is destroyed there (connections
    // closed, signing workers joined), then the thread ends and is joined.
    m_toServer->post([server = m_server] {
        delete server;
        QThread::currentThread()->quit();
    });
    m_thread.wait();
}

// Each relay runs on the sandbox thread, right where the change happened, and posts what changed
// to the host. Posts keep their order, so the snapshot sees the changes in the server's order.
void SandboxHost::relayChanges()
{
    SandboxServer *server = m_server;
    const auto toHost = m_toHost;
    connect(server, &SandboxServer::started, server, [this, server, toHost] {
        const std::string kid = server->keys().isEmpty() ? std::string() : server->keys().current().kid;
        Snapshot snapshot{server->baseUrl(), server->projectId(), server->issuer(), QString::fromStdString(kid),
                          server->faults().faults(), server->inbox().messages(), server->managementKey()};
        toHost->post([this, snapshot = std::move(snapshot)]() mutable { apply(std::move(snapshot)); });
    });
    connect(server, &SandboxServer::startFailed, server, [this, toHost](const QString &message) {
        toHost->post([this, message] { Q_EMIT startFailed(message); });
    });
    connect(server, &SandboxServer::keysRotated, server, [this, toHost](const QString &kid) {
        toHost->post([this, kid] {
            m_kid = kid;
            Q_EMIT keysRotated(kid);
        });
    });
    connect(server, &SandboxServer::faultsChanged, server, [this, server, toHost] {
        toHost->post([this, faults = server->faults().faults()]() mutable {
            m_faults = std::move(faults);
            Q_EMIT faultsChanged();
        });
    });
    connect(&server->inbox(), &Inbox::messageAdded, server, [this, toHost](const InboxMessage &message) {
        toHost->post([this, message] {
            m_inbox.push_front(message);
            if (m_inbox.size() > Inbox::kMaxMessages) // the Inbox drops its oldest too
                m_inbox.pop_back();
            Q_EMIT inboxMessageAdded(m_inbox.front());
        });
    });
    connect(&server->inbox(), &Inbox::cleared, server, [this, toHost] {
        toHost->post([this] {
            m_inbox.clear();
            Q_EMIT inboxChanged();
        });
    });
}

void SandboxHost::apply(Snapshot snapshot)
{
    m_running = true;
    m_baseUrl = std::move(snapshot.baseUrl);
    m_projectId = std::move(snapshot.projectId);
    m_issuer = std::move(snapshot.issuer);
    m_kid = std::move(snapshot.kid);
    m_managementKey = std::move(snapshot.managementKey);
    m_faults = std::move(snapshot.faults);
    m_inbox.assign(std::make_move_iterator(snapshot.inbox.begin()), std::make_move_iterator(snapshot.inbox.end()));
    Q_EMIT inboxChanged();
    Q_EMIT faultsChanged();
    Q_EMIT started(m_baseUrl);
}

void SandboxHost::post(std::function<void(SandboxServer &)> work)
{
    m_toServer->post([server = m_server, work = std::move(work)] { work(*server); });
}

void SandboxHost::start(quint16 port)
{
    post([port](SandboxServer &server) { server.startAsync(port); });
}

void SandboxHost::stop()
{
    post([](SandboxServer &server) { server.stop(); });
    if (!m_running)
        return;
    m_running = false;
    m_baseUrl = QUrl();
    Q_EMIT stopped();
}

void SandboxHost::reset()
{
    post([](SandboxServer &server) { server.reset(); });
}

void SandboxHost::clearInbox()
{
    post([](SandboxServer &server) { server.inbox().clear(); });
}

void SandboxHost::addFault(Fault fault, QObject *context, std::function<void(int)> added)
{
    if (!added) {
        post([fault = std::move(fault)](SandboxServer &server) { server.faults().add(fault); });
        return;
    }
    call<int>(context, [fault = std::move(fault)](SandboxServer &server) { return server.faults().add(fault); }, std::move(added));
}

void SandboxHost::removeFaults(std::vector<int> ids)
{
    post([ids = std::move(ids)](SandboxServer &server) {
        for (const int id : ids)
            server.faults().remove(id);
    });
}

void SandboxHost::removeFaults(FaultKind kind)
{
    // Decided on the sandbox thread: faults added there meanwhile (over HTTP) go too.
    post([kind](SandboxServer &server) {
        std::vector<int> ids;
        for (const auto &fault : server.faults().faults()) {
            if (fault.kind == kind)
                ids.push_back(fault.id);
        }
        for (const int id : ids)
            server.faults().remove(id);
    });
}

void SandboxHost::clearFaults()
{
    post([](SandboxServer &server) { server.faults().clear(); });
}

void SandboxHost::rotateKeys(QObject *context, std::function<void(oidc::Result<std::string>)> done)
{
    post([back = oidc::ThreadLink::to(context), done = std::move(done)](SandboxServer &server) {
        // Answered on the sandbox thread after keysRotated, whose relay is posted first.
        server.rotateKeys([back, done](oidc::Result<std::string> result) {
            back->post([done, result = std::move(result)] { done(result); });
        });
    });
}

QUrl SandboxHost::discoveryUrl() const
{
    return QUrl(m_issuer + QStringLiteral("/.well-known/openid-configuration"));
}

} // namespace sandbox

#include "moc_SandboxHost.cpp"
