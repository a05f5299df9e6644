#include "StartupProbe.h"

#include "ui/FirstPaintWatcher.h"

#include <QCoreApplication>
#include <QFile>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sys/resource.h>
#include <unistd.h>

namespace ui {

namespace {

constexpr std::chrono::seconds kSandboxPatience{30};

// markMain()'s CLOCK_MONOTONIC reading, on the main thread before any probe exists: only a clock
// read, since every start calls it; the time since process start is worked out when reported.
double g_mainStampMs = -1;

double nowMs(clockid_t clock)
{
    timespec ts{};
    if (clock_gettime(clock, &ts) != 0)
        return -1;
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// /proc files report a size of 0: read until EOF instead of trusting size().
QByteArray readProcFile(const char *path)
{
    QFile file(QString::fromLatin1(path));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace

StartupProbe::StartupProbe(QWidget *window, bool quitWhenDone, QObject *parent)
    : QObject(parent)
    , m_quitWhenDone(quitWhenDone)
{
    new FirstPaintWatcher(window, [probe = QPointer<StartupProbe>(this)] {
        if (probe)
            probe->firstFrameShown();
    });
}

void StartupProbe::markMain()
{
    g_mainStampMs = nowMs(CLOCK_MONOTONIC);
}

void StartupProbe::expectSandbox()
{
    m_expectSandbox = true;
}

void StartupProbe::sandboxReady()
{
    if (m_sandboxSettled)
        return;
    m_sandboxSettled = true;
    m_figures.sandboxReadyMs = msSinceProcessStart();
    m_figures.readyRssMb = residentSetMb();
    finishWhenComplete();
}

void StartupProbe::sandboxFailed()
{
    if (m_sandboxSettled)
        return;
    m_sandboxSettled = true;
    finishWhenComplete();
}

void StartupProbe::firstFrameShown()
{
    m_painted = true;
    m_figures.firstPaintMs = msSinceProcessStart();
    if (g_mainStampMs >= 0 && m_figures.firstPaintMs >= 0)
        m_figures.mainMs = m_figures.firstPaintMs - (nowMs(CLOCK_MONOTONIC) - g_mainStampMs);
    m_figures.rssMb = residentSetMb();
    m_figures.cpuMs = cpuMs();
    m_figures.pageFaults = pageFaults();
    m_figures.webEngineLoaded = webEngineLoaded();
    // A sandbox that never settles still gets its first-frame figures reported.
    if (m_expectSandbox && !m_sandboxSettled)
        QTimer::singleShot(kSandboxPatience, this, &StartupProbe::sandboxFailed);
    finishWhenComplete();
}

void StartupProbe::finishWhenComplete()
{
    if (m_finished || !m_painted || (m_expectSandbox && !m_sandboxSettled))
        return;
    m_finished = true;
    const QByteArray line = toJsonLine(m_figures) + '\n';
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
    std::fflush(stdout);
    Q_EMIT measured(m_figures);
    if (m_quitWhenDone)
        QCoreApplication::exit(0);
}

double StartupProbe::msSinceProcessStart()
{
    if (const char *launch = std::getenv("OIDCPLAY_LAUNCH_NS"); launch && *launch) {
        char *end = nullptr;
        const long long ns = std::strtoll(launch, &end, 10);
        if (end && *end == '\0' && ns > 0)
            return nowMs(CLOCK_MONOTONIC) - static_cast<double>(ns) / 1e6;
    }
    // proc(5): field 22 "starttime", in clock ticks since boot. The command name (field 2) may
    // contain spaces and parentheses, so count fields from the last ')'.
    const QByteArray stat = readProcFile("/proc/self/stat");
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' '); // fields[0] is field 3 (state)
    constexpr int kStartTimeIndex = 22 - 3;
    if (fields.size() <= kStartTimeIndex)
        return -1;
    bool ok = false;
    const qulonglong ticks = fields.at(kStartTimeIndex).toULongLong(&ok);
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    if (!ok || ticksPerSecond <= 0)
        return -1;
    return nowMs(CLOCK_BOOTTIME) - static_cast<double>(ticks) * 1000.0 / static_cast<double>(ticksPerSecond);
}

double StartupProbe::residentSetMb()
{
    const QByteArray status = readProcFile("/proc/self/status");
    for (const QByteArray &line : status.split('\n')) {
        if (!line.startsWith("VmRSS:"))
            continue;
        const QList<QByteArray> parts = line.mid(6).simplified().split(' '); // "12345 kB"
        bool ok = false;
        const double kb = parts.value(0).toDouble(&ok);
        return ok ? kb / 1024.0 : -1;
    }
    return -1;
}

double StartupProbe::cpuMs()
{
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    const auto ms = [](const timeval &tv) { return static_cast<double>(tv.tv_sec) * 1000.0 + static_cast<double>(tv.tv_usec) / 1000.0; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

long long StartupProbe::pageFaults()
{
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    return static_cast<long long>(usage.ru_minflt) + static_cast<long long>(usage.ru_majflt);
}

bool StartupProbe::webEngineLoaded()
{
    return readProcFile("/proc/self/maps").contains("libQt6WebEngine");
}

QByteArray StartupProbe::toJsonLine(const Figures &figures)
{
    return "{\"first_paint_ms\": " + QByteArray::number(figures.firstPaintMs, 'f', 1) + ", \"rss_mb\": "
        + QByteArray::number(figures.rssMb, 'f', 1) + ", \"cpu_ms\": " + QByteArray::number(figures.cpuMs, 'f', 1)
        + ", \"webengine_loaded\": "
        + (figures.webEngineLoaded ? "true" : "false") + ", \"sandbox_ready_ms\": "
        + QByteArray::number(figures.sandboxReadyMs, 'f', 1) + ", \"ready_rss_mb\": " + QByteArray::number(figures.readyRssMb, 'f', 1)
        + ", \"main_ms\": " + QByteArray::number(figures.mainMs, 'f', 1)
        + ", \"page_faults\": " + QByteArray::number(figures.pageFaults) + "}";
}

} // namespace ui

#include "moc_StartupProbe.cpp"
