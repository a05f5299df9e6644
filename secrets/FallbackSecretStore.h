#pragma once

// The app's secret store: the keychain while it answers, this process's memory once it does not
// (a headless server without a D-Bus session or Secret Service). What is written is held in
// memory too, so it reads back at once in this session whatever the keychain does. The first
// Unavailable answer switches to memory for the rest of the session and emits fellBack() once,
// for the notice kNoKeychainNotice; a Failed answer (access denied) does not switch.

#include "secrets/MemorySecretStore.h"

#include <memory>

namespace secrets {

inline constexpr QStringView kNoKeychainNotice = u"No keychain answered: secrets are kept in memory for this session only";

class FallbackSecretStore final : public SecretStore {
    Q_OBJECT
public:
    enum class State { Unknown, Keychain, MemoryOnly };

    // Takes ownership of `keychain`; without one, secrets are in memory from the start.
    explicit FallbackSecretStore(std::unique_ptr<SecretStore> keychain, QObject *parent = nullptr);

    void read(const QString &key, QObject *context, Done done) override;
    void write(const QString &key, const QString &value, QObject *context, Done done) override;
    void remove(const QString &key, QObject *context, Done done) override;
    [[nodiscard]] bool isPersistent() const override { return m_state != State::MemoryOnly; }

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QString fallbackReason() const { return m_reason; }
    // Asks the keychain for an entry that does not exist, to learn early whether it answers.
    void probe();

Q_SIGNALS:
    void fellBack(const QString &reason);
    void stateChanged(secrets::FallbackSecretStore::State state);

private:
    // Notes what the keychain's answer says about it; true when it did not answer.
    bool learnFrom(const SecretAnswer &answer);

    std::unique_ptr<SecretStore> m_keychain;
    MemorySecretStore m_memory;
    State m_state = State::Unknown;
    QString m_reason;
};

} // namespace secrets
