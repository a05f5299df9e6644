#pragma once

// The one way to leave a thread and come back to it (DESIGN.md, "Threads").
//
// ThreadLink posts functions to the thread of a context object and cannot race that object's
// destruction: posting happens under a mutex, and the link is cut under the same mutex when the
// context is destroyed (or when the owner calls cut()). A QPointer checked on a worker thread
// and then dereferenced there is not enough: the object can die between the check and the post.
//
// runOffThread() runs work on a thread pool (Qt's global one unless told otherwise) and delivers
// the result on the context's thread, or never if the context is gone by then. The GUI uses it so
// that crypto never runs on its thread; the core uses it for PKCE and ID-token validation.

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QObject>
#include <QThreadPool>

#include "oidc/crypto/ThreadState.h"

#include <functional>
#include <memory>
#include <utility>

namespace oidc {

class ThreadLink final {
public:
    // A link to `context`, cut automatically when `context` is destroyed.
    [[nodiscard]] static std::shared_ptr<ThreadLink> to(QObject *context)
    {
        auto link = std::shared_ptr<ThreadLink>(new ThreadLink(context));
        if (context) {
            const std::weak_ptr<ThreadLink> weak = link;
            // Direct: runs in the dying object's thread, inside its destructor, before Qt removes
            // the events still posted to it.
            link->m_connection = QObject::connect(context, &QObject::destroyed, [weak] {
                if (const auto strong = weak.lock())
                    strong->cut();
            });
        }
        return link;
    }

    ~ThreadLink() { QObject::disconnect(m_connection); } // thread-safe; keeps long-lived contexts' connection lists short

    ThreadLink(const ThreadLink &) = delete;
    ThreadLink &operator=(const ThreadLink &) = delete;

    // Queues `function` to run on the context's thread. False (and nothing runs) when the link is
    // cut; a function queued before the cut is dropped with the context's posted events.
    template <typename F>
    bool post(F &&function)
    {
        QMutexLocker lock(&m_mutex);
        if (!m_target)
            return false;
        // No QPointer in the call: a plain QObject emits destroyed() (which cuts the link) after
        // ~QObject has settled its weak references, so a QPointer made here to a dying context
        // would keep a reference count that nothing frees (LeakSanitizer). Nor is one needed:
        // the call is a posted event of the context, removed with it.
        QMetaObject::invokeMethod(m_target, std::forward<F>(function), Qt::QueuedConnection);
        return true;
    }

    // No post reaches the context after this returns (an owner calls it before it joins its workers).
    void cut()
    {
        QMutexLocker lock(&m_mutex);
        m_target = nullptr;
    }

    [[nodiscard]] bool isCut()
    {
        QMutexLocker lock(&m_mutex);
        return m_target == nullptr;
    }

private:
    explicit ThreadLink(QObject *context) : m_target(context) {}

    QMutex m_mutex;
    QObject *m_target;
    QMetaObject::Connection m_connection;
};

// Runs `work` on `pool` (Qt's global pool by default) and `done(result)` on `context`'s thread,
// unless `context` is destroyed first.
template <typename T>
void runOffThread(QObject *context, std::function<T()> work, std::function<void(T)> done, QThreadPool *pool = nullptr)
{
    auto link = ThreadLink::to(context);
    (pool ? pool : QThreadPool::globalInstance())->start([link, work = std::move(work), done = std::move(done)]() mutable {
        crypto::releaseOpenSslStateOfThisThreadWhenFinished();
        if (link->isCut())
            return; // nobody is waiting: skip the work
        auto result = std::make_shared<T>(work());
        link->post([result, done = std::move(done)]() mutable { done(std::move(*result)); });
    });
}

} // namespace oidc
