#pragma once

// Where secrets live (client secrets, access keys, a Descope management key): never in a
// workspace file, never in QSettings. An interface with two implementations — the OS keychain
// through qtkeychain (KeychainSecretStore) and the process's memory (MemorySecretStore) — and
// FallbackSecretStore, the app's choice: the keychain while it answers, memory once it does not.
//
// Every call is asynchronous: the answer comes later on the caller's thread, through `done`,
// called on `context`'s thread and never after `context` is gone (qtkeychain's jobs are D-Bus
// calls; the GUI thread never waits on one). Keys are namespaced per workspace, profile and kind
// (SecretKey.h). Values never appear in messages.

#include <QObject>
#include <QString>

#include <functional>

namespace secrets {

struct SecretAnswer final {
    enum class Outcome {
        Ok,          // read: `value` holds the secret; write/remove: done
        NotFound,    // read: nothing under that key (remove: nothing to remove)
        Unavailable, // no keychain answered (no D-Bus session, no Secret Service, a timeout)
        Failed,      // the keychain answered with an error (access denied, locked…)
    };
    Outcome outcome = Outcome::Failed;
    QString value;   // read only
    QString message; // why, for Unavailable and Failed; never the secret
};

class SecretStore : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const SecretAnswer &)>;

    using QObject::QObject;
    ~SecretStore() override = default;

    virtual void read(const QString &key, QObject *context, Done done) = 0;
    virtual void write(const QString &key, const QString &value, QObject *context, Done done) = 0;
    virtual void remove(const QString &key, QObject *context, Done done) = 0;
    // True when what is written outlives this process.
    [[nodiscard]] virtual bool isPersistent() const = 0;
};

} // namespace secrets
