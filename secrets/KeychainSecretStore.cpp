#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QTimer>

#include <memory>
#include <utility>

namespace secrets {

namespace {

SecretAnswer answerOf(QKeychain::Job *job)
{
    using Outcome = SecretAnswer::Outcome;
    switch (job->error()) {
    case QKeychain::NoError: {
        auto *reading = qobject_cast<QKeychain::ReadPasswordJob *>(job);
        return {Outcome::Ok, reading ? reading->textData() : QString(), {}};
    }
    case QKeychain::EntryNotFound: return {Outcome::NotFound, {}, {}};
    // No backend, or one that could not be reached (libsecret without a D-Bus session or
    // without a Secret Service reports OtherError): nothing will be kept there.
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError: return {Outcome::Unavailable, {}, job->errorString()};
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
    case QKeychain::CouldNotDeleteEntry: return {Outcome::Failed, {}, job->errorString()};
    }
    return {Outcome::Failed, {}, job->errorString()};
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QObject *parent, int timeoutMs)
    : SecretStore(parent)
    , m_service(std::move(service))
    , m_timeoutMs(timeoutMs)
{
}

void KeychainSecretStore::hold()
{
    m_held = true;
}

void KeychainSecretStore::release()
{
    m_held = false;
    for (Waiting &waiting : std::exchange(m_waiting, {})) {
        if (waiting.context) // a caller that is gone is not answered, as for a started job
            start(waiting.make(), waiting.key, waiting.context, std::move(waiting.done));
    }
}

void KeychainSecretStore::run(const MakeJob &make, const QString &key, QObject *context, Done done)
{
    if (m_held) {
        m_waiting.push_back({make, key, context, std::move(done)});
        return;
    }
    start(make(), key, context, std::move(done));
}

void KeychainSecretStore::start(QKeychain::Job *job, const QString &key, QObject *context, Done done)
{
    job->setAutoDelete(true);
    job->setKey(key);
    // Whichever comes first, the job's answer or the timeout, answers; the other is dropped.
    auto answered = std::make_shared<bool>(false);
    auto shared = std::make_shared<Done>(std::move(done));
    connect(job, &QKeychain::Job::finished, context, [answered, shared](QKeychain::Job *finished) {
        if (std::exchange(*answered, true) || !*shared)
            return;
        (*shared)(answerOf(finished));
    });
    QTimer::singleShot(m_timeoutMs, context, [answered, shared] {
        if (std::exchange(*answered, true) || !*shared)
            return;
        (*shared)({SecretAnswer::Outcome::Unavailable, {}, QStringLiteral("the keychain did not answer in time")});
    });
    job->start();
}

void KeychainSecretStore::read(const QString &key, QObject *context, Done done)
{
    run([this] { return new QKeychain::ReadPasswordJob(m_service); }, key, context, std::move(done));
}

void KeychainSecretStore::write(const QString &key, const QString &value, QObject *context, Done done)
{
    run([this, value] {
        auto *job = new QKeychain::WritePasswordJob(m_service);
        job->setTextData(value);
        return job;
    }, key, context, std::move(done));
}

void KeychainSecretStore::remove(const QString &key, QObject *context, Done done)
{
    run([this] { return new QKeychain::DeletePasswordJob(m_service); }, key, context, std::move(done));
}

} // namespace secrets

#include "moc_KeychainSecretStore.cpp"
