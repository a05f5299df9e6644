#pragma once

// The in-process sandbox as a GUI hosts it: the SandboxServer (its LocalHttpServer, routes,
// state and timers) lives on a thread of its own, so the GUI thread only draws. The host lives on
// the GUI thread and is the GUI's only way to the server:
// - Commands (start, stop, reset, faults, Inbox, key rotation) are queued to the sandbox thread
//   and run there in the order they were given. Those with an answer bring it back to a context
//   object's thread, never after that object is gone (oidc/Async.h, ThreadLink both ways).
// - What the GUI shows is a snapshot the host keeps on its own thread: the server posts every
//   change (started, faults, keys, Inbox messages) in the order it happened, the snapshot follows,
//   and the signals below say so. The GUI never reads the server's objects.
// - stop() is instant for the GUI (isRunning() is false at once, stopped() is emitted); the
//   server stops listening and still answers the requests it was handling.
// - Destroying the host destroys the server on its thread (connections closed, signing workers
//   joined) and then joins the thread: nothing is left behind at exit.
// oidcplay-cli, the tests and the benchmarks use SandboxServer directly, on their own thread.

#include "sandbox/FaultInjector.h"
#include "sandbox/Inbox.h"
#include "sandbox/SandboxServer.h"

#include "oidc/Async.h"
#include "oidc/Result.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <QUrl>

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sandbox {

class SandboxHost final : public QObject {
    Q_OBJECT
public:
    explicit SandboxHost(SandboxOptions options = {}, QObject *parent = nullptr);
    ~SandboxHost() override;

    // Commands, queued to the sandbox thread.
    void start(quint16 port = 0); // then started() or startFailed()
    void stop();                  // stopped() at once when running
    void reset();                 // SandboxServer::reset(); inboxChanged() and faultsChanged() follow
    void clearInbox();
    // `added` (optional) gets the new fault's id on `context`'s thread.
    void addFault(Fault fault, QObject *context = nullptr, std::function<void(int)> added = {});
    void removeFaults(std::vector<int> ids);
    void removeFaults(FaultKind kind);
    void clearFaults();
    // `done` gets the new kid or the error on `context`'s thread.
    void rotateKeys(QObject *context, std::function<void(oidc::Result<std::string>)> done);

    // Runs `work` on the sandbox thread, where it may use the server and nothing of the caller's.
    void post(std::function<void(SandboxServer &)> work);
    // The same, then `done(result)` on `context`'s thread unless `context` is destroyed first.
    template <typename T>
    void call(QObject *context, std::function<T(SandboxServer &)> work, std::function<void(T)> done)
    {
        post([back = oidc::ThreadLink::to(context), work = std::move(work), done = std::move(done)](SandboxServer &server) {
            back->post([result = work(server), done]() mutable { done(std::move(result)); });
        });
    }

    // The snapshot, on the host's thread.
    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] QUrl baseUrl() const { return m_baseUrl; } // http://127.0.0.1:<port>; empty when stopped
    [[nodiscard]] QString projectId() const { return m_projectId; }
    [[nodiscard]] QString issuer() const { return m_issuer; }
    [[nodiscard]] QUrl discoveryUrl() const;
    [[nodiscard]] QString currentKid() const { return m_kid; } // empty before the first key
    // The management API's key (SECRET: for the provider bar to show, never to log); empty
    // before the first start.
    [[nodiscard]] QString managementKey() const { return m_managementKey; }
    [[nodiscard]] const std::vector<Fault> &faults() const { return m_faults; }
    // Newest first, at most Inbox::kMaxMessages.
    [[nodiscard]] const std::deque<InboxMessage> &inbox() const { return m_inbox; }

Q_SIGNALS:
    void started(const QUrl &baseUrl);
    void startFailed(const QString &message);
    void stopped();
    void keysRotated(const QString &kid);
    void faultsChanged();
    void inboxMessageAdded(const sandbox::InboxMessage &message);
    void inboxChanged(); // cleared, or replaced by a new snapshot

private:
    struct Snapshot;
    void relayChanges();
    void apply(Snapshot snapshot);

    QThread m_thread;
    SandboxServer *m_server; // lives on m_thread; used only by what runs there
    std::shared_ptr<oidc::ThreadLink> m_toServer;
    std::shared_ptr<oidc::ThreadLink> m_toHost;

    bool m_running = false;
    QUrl m_baseUrl;
    QString m_projectId;
    QString m_issuer;
    QString m_kid;
    QString m_managementKey;
    std::vector<Fault> m_faults;
    std::deque<InboxMessage> m_inbox;
};

} // namespace sandbox
