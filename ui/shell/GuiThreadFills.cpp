#include "GuiThreadFills.h"

#include <QThread>
#include <QThreadPool>

#include <dlfcn.h>

#include <atomic>

namespace {

std::atomic<const QThread *> g_guiThread{nullptr};

// QThreadPool::contains(const QThread *) const, as the loader names it.
constexpr const char *kContainsSymbol = "_ZNK11QThreadPool8containsEPK7QThread";

using ContainsFunction = bool (*)(const QThreadPool *, const QThread *);

// Qt's own QThreadPool::contains, the next definition after this program's.
ContainsFunction qtContains()
{
    static const auto function = reinterpret_cast<ContainsFunction>(dlsym(RTLD_NEXT, kContainsSymbol));
    return function;
}

} // namespace

// Qt's raster engine asks this before splitting a fill over the global pool (see the header).
bool QThreadPool::contains(const QThread *thread) const
{
    if (thread && thread == g_guiThread.load(std::memory_order_relaxed) && this == QThreadPool::globalInstance())
        return true;
    const ContainsFunction qt = qtContains();
    return qt && qt(this, thread);
}

namespace ui {

bool keepFillsOnGuiThread()
{
    if (qEnvironmentVariableIntValue("OIDCPLAY_PARALLEL_FILLS") == 1)
        return false;
    // Qt's libraries call the first definition the loader finds: this program's only when it
    // exports it; otherwise that is Qt's own, the same one as RTLD_NEXT's, and nothing changes.
    void *const called = dlsym(RTLD_DEFAULT, kContainsSymbol);
    if (!called || called == reinterpret_cast<void *>(qtContains()))
        return false;
    g_guiThread.store(QThread::currentThread(), std::memory_order_relaxed);
    return true;
}

bool fillsStayOnGuiThread()
{
    return g_guiThread.load(std::memory_order_relaxed) != nullptr;
}

} // namespace ui
