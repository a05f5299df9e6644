#include "MemorySecretStore.h"

#include <QTimer>

namespace secrets {

void MemorySecretStore::answerLater(QObject *context, Done done, SecretAnswer answer)
{
    if (!done)
        return;
    // Qt drops the call when `context` is destroyed first.
    QTimer::singleShot(0, context, [done = std::move(done), answer = std::move(answer)] { done(answer); });
}

void MemorySecretStore::read(const QString &key, QObject *context, Done done)
{
    const auto found = m_values.constFind(key);
    if (found == m_values.cend())
        answerLater(context, std::move(done), {SecretAnswer::Outcome::NotFound, {}, {}});
    else
        answerLater(context, std::move(done), {SecretAnswer::Outcome::Ok, found.value(), {}});
}

void MemorySecretStore::write(const QString &key, const QString &value, QObject *context, Done done)
{
    m_values.insert(key, value);
    answerLater(context, std::move(done), {SecretAnswer::Outcome::Ok, {}, {}});
}

void MemorySecretStore::remove(const QString &key, QObject *context, Done done)
{
    const bool removed = m_values.remove(key) > 0;
    answerLater(context, std::move(done), {removed ? SecretAnswer::Outcome::Ok : SecretAnswer::Outcome::NotFound, {}, {}});
}

} // namespace secrets

#include "moc_MemorySecretStore.cpp"
