#pragma once

// The OS keychain through qtkeychain: the Secret Service (GNOME Keyring, KeePassXC…) through
// libsecret, or KWallet, on Linux; the macOS Keychain; Windows' credential store. Its jobs are
// asynchronous D-Bus calls, answered on this thread's event loop. A job that has not answered
// after `timeoutMs` (a Secret Service that hangs) is Unavailable; its late answer is dropped.
//
// qtkeychain links Qt DBus, which is why this is a library of its own (secrets/), outside the
// core: oidc/ and oidcplay-cli stay Qt Core/Network only.

#include "secrets/SecretStore.h"

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

private:
    void run(QKeychain::Job *job, const QString &key, QObject *context, Done done);

    QString m_service;
    int m_timeoutMs;
};

} // namespace secrets
