#include "ThreadState.h"

#include "JwsAlgorithm.h"

#include <QCoreApplication>
#include <QMutex>
#include <QObject>
#include <QThread>

#include <unordered_set>

#include <openssl/crypto.h>

namespace oidc::crypto {

namespace {

// The threads whose `finished` already frees their OpenSSL state. A pool thread that expires is
// started again later by its pool: it stays registered, so its connection is made once.
struct RegisteredThreads final {
    QMutex mutex;
    std::unordered_set<const QThread *> threads;
};

RegisteredThreads &registeredThreads()
{
    static RegisteredThreads registered;
    return registered;
}

} // namespace

void releaseOpenSslStateWhenFinished(QThread *thread)
{
    const QCoreApplication *application = QCoreApplication::instance();
    if (!thread || (application && thread == application->thread()))
        return;
    RegisteredThreads &registered = registeredThreads();
    {
        const QMutexLocker lock(&registered.mutex);
        if (!registered.threads.insert(thread).second)
            return;
    }
    // Direct: run on the finishing thread itself, before QThread::wait() returns. The cached
    // verification contexts first: they hold keys and provider contexts.
    QObject::connect(thread, &QThread::finished, thread, [] {
        releaseVerifyContextsOfThisThread();
        OPENSSL_thread_stop();
    }, Qt::DirectConnection);
    QObject::connect(thread, &QObject::destroyed, thread, [thread] {
        RegisteredThreads &stillRegistered = registeredThreads();
        const QMutexLocker lock(&stillRegistered.mutex);
        stillRegistered.threads.erase(thread);
    }, Qt::DirectConnection);
}

void releaseOpenSslStateOfThisThreadWhenFinished()
{
    thread_local bool registered = false;
    if (registered)
        return;
    registered = true;
    releaseOpenSslStateWhenFinished(QThread::currentThread());
}

} // namespace oidc::crypto
