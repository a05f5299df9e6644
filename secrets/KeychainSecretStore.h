#pragma once

// The OS keychain through qtkeychain: the Secret Service (GNOME Keyring, KeePassXC…) through
// libsecret, or KWallet, on Linux; the macOS Keychain; Windows' credential store. Its jobs are
// asynchronous D-Bus calls, answered on this thread's event loop. A job that has not answered
// after `timeoutMs` (a Secret Service that hangs) is Unavailable; its late answer is dropped.
//
// qtkeychain links Qt DBus, which is why this is a library of its own (secrets/), outside the
// core: oidc/ and oidcplay-cli stay Qt Core/Network only.

#include "secrets/SecretStore.h"

#include <QPointer>

#include <functional>
#include <vector>

namespace QKeychain {
class Job;
}

namespace secrets {

class KeychainSecretStore final : public SecretStore {
    Q_OBJECT
public:
    // `service` names the app's entries in the keychain (tests use their own).
    explicit KeychainSecretStore(QString service, QObject *parent = nullptr, int timeoutMs = 10000);

    void read(const QString &key, QObject *context, Done done) override;
    void write(const QString &key, const QString &value, QObject *context, Done done) override;
    void remove(const QString &key, QObject *context, Done done) override;
    [[nodiscard]] bool isPersistent() const override { return true; }

    // The first job loads the keychain's library (libsecret with GIO and a D-Bus connection of its
    // own: ~2.5 MB and a few milliseconds); the app holds it until after its first frame (issue 7).
    // Held, calls wait in their order and their timeout has not started; release() starts them.
    void hold();
    void release();
    [[nodiscard]] bool isHeld() const { return m_held; }

private:
    using MakeJob = std::function<QKeychain::Job *()>;
    void run(const MakeJob &make, const QString &key, QObject *context, Done done);
    void start(QKeychain::Job *job, const QString &key, QObject *context, Done done);

    struct Waiting {
        MakeJob make;
        QString key;
        QPointer<QObject> context;
        Done done;
    };

    QString m_service;
    int m_timeoutMs;
    bool m_held = false;
    std::vector<Waiting> m_waiting;
};

} // namespace secrets
