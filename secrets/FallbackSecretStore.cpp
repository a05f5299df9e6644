#include "FallbackSecretStore.h"

namespace secrets {

using Outcome = SecretAnswer::Outcome;

FallbackSecretStore::FallbackSecretStore(std::unique_ptr<SecretStore> keychain, QObject *parent)
    : SecretStore(parent)
    , m_keychain(std::move(keychain))
{
    if (!m_keychain) {
        m_state = State::MemoryOnly;
        m_reason = QStringLiteral("no keychain is used in this run");
    }
}

bool FallbackSecretStore::learnFrom(const SecretAnswer &answer)
{
    if (answer.outcome == Outcome::Unavailable) {
        if (m_state != State::MemoryOnly) {
            m_state = State::MemoryOnly;
            m_reason = answer.message;
            Q_EMIT stateChanged(m_state);
            Q_EMIT fellBack(m_reason);
        }
        return true;
    }
    if (m_state == State::Unknown && (answer.outcome == Outcome::Ok || answer.outcome == Outcome::NotFound)) {
        m_state = State::Keychain;
        Q_EMIT stateChanged(m_state);
    }
    return false;
}

void FallbackSecretStore::probe()
{
    if (m_state != State::Unknown)
        return;
    m_keychain->read(QStringLiteral("oidcplay/probe"), this, [this](const SecretAnswer &answer) { learnFrom(answer); });
}

void FallbackSecretStore::read(const QString &key, QObject *context, Done done)
{
    if (m_state == State::MemoryOnly || m_memory.contains(key)) {
        m_memory.read(key, context, std::move(done));
        return;
    }
    m_keychain->read(key, context, [this, done = std::move(done)](const SecretAnswer &answer) {
        learnFrom(answer);
        if (done)
            done(answer);
    });
}

void FallbackSecretStore::write(const QString &key, const QString &value, QObject *context, Done done)
{
    if (m_state == State::MemoryOnly) {
        m_memory.write(key, value, context, std::move(done));
        return;
    }
    m_memory.write(key, value, this, {});
    m_keychain->write(key, value, context, [this, done = std::move(done)](const SecretAnswer &answer) {
        const bool inMemoryOnly = learnFrom(answer);
        if (done)
            done(inMemoryOnly ? SecretAnswer{Outcome::Ok, {}, answer.message} : answer);
    });
}

void FallbackSecretStore::remove(const QString &key, QObject *context, Done done)
{
    if (m_state == State::MemoryOnly) {
        m_memory.remove(key, context, std::move(done));
        return;
    }
    m_memory.remove(key, this, {});
    m_keychain->remove(key, context, [this, done = std::move(done)](const SecretAnswer &answer) {
        learnFrom(answer);
        if (done)
            done(answer);
    });
}

} // namespace secrets

#include "moc_FallbackSecretStore.cpp"
