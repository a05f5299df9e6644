#pragma once

// Secrets in this process's memory only: gone when the app quits. Answers asynchronously (the
// next event-loop turn), like the keychain, so callers have one code path.

#include "secrets/SecretStore.h"

#include <QHash>

namespace secrets {

class MemorySecretStore final : public SecretStore {
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void read(const QString &key, QObject *context, Done done) override;
    void write(const QString &key, const QString &value, QObject *context, Done done) override;
    void remove(const QString &key, QObject *context, Done done) override;
    [[nodiscard]] bool isPersistent() const override { return false; }

    // What is held now, without waiting (FallbackSecretStore answers from it at once).
    [[nodiscard]] bool contains(const QString &key) const { return m_values.contains(key); }

private:
    static void answerLater(QObject *context, Done done, SecretAnswer answer);

    QHash<QString, QString> m_values;
};

} // namespace secrets
