#pragma once

// Runs work on Qt's global thread pool and delivers the result on `context`'s thread, or not at
// all if `context` is gone by then. The GUI uses it so that crypto never runs on its thread.

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace oidc {

template <typename T>
void runOffThread(QObject *context, std::function<T()> work, std::function<void(T)> done)
{
    QPointer<QObject> guard(context);
    QThreadPool::globalInstance()->start([guard, work = std::move(work), done = std::move(done)]() mutable {
        auto result = std::make_shared<T>(work());
        if (!guard)
            return;
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, result, done = std::move(done)]() mutable {
                if (guard)
                    done(std::move(*result));
            },
            Qt::QueuedConnection);
    });
}

} // namespace oidc
