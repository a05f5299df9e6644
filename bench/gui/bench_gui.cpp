// GUI responsiveness during whole flows: the main window's flow page signs in against the built-in
// sandbox (hosted as in the app: SandboxHost, the server on a thread of its own) in system-browser
// mode, the browser played over HTTP from a worker thread (a real browser is another process):
// Run all (steps 1–9), refresh, revoke, logout, 20 times by default. Meanwhile a 1 ms timer on
// the GUI thread records how late each of its ticks comes. The baseline is the same timer while
// the same window sits idle for as long, in the same run. Prints worst and 99th-percentile
// lateness of both and the ratio of their tick counts, against the targets (worst ≤ 8 ms,
// p99 ≤ 3 ms, ticks ≥ 0.7 of idle); never fails on timing. Beside it, a thread of the bench at
// real-time priority sleeps 1 ms at a time: when it wakes late, the machine itself stalled (on a
// virtual machine, its host did not run it; 20 ms stalls happen here with nothing running), so
// each GUI tick's lateness is also shown less its overlap with those stalls — the GUI thread's own
// — and the targets are judged on both.
//
// --enchanted-link: instead, the Enchanted Link panel sends a link and polls the pending session at
// the minimum interval (one second) for --poll-seconds (40 by default: the timeline scrolls after
// its 30-second window), its timeline drawing, then opens the right link from the panel's inbox and
// waits for the session. Same probe, same idle baseline; the targets are issue 9's (worst ≤ 16 ms)
// and issue 12's.
//
//   bench_gui [--iterations N (or --flows N) [--rounds R] | --enchanted-link [--poll-seconds S]] [--json] [--trace [--trace-ms MS] [--trace-paints N] [--trace-late MS]]
//   (--trace: every event handled in more than MS milliseconds, 4 by default, with the GUI thread's
//   CPU time in it; every tick of the probe later than --trace-late MS (3 by default) with the
//   events handled since the tick before; the GUI thread's
//   time per kind of event, with the widgets each slow frame painted, the N longest, 5 by default;
//   and what was painted, per widget: area, paint events, time; the
//   counts that do not depend on the machine's load — layout requests, frames, paint events and
//   painted pixels — per flow; --rounds R: the flows and their idle baseline R times in one
//   process, each round's figures, and the medians as the result)
//
// The GUI thread's CPU time during the flows is printed too (per flow): less sensitive to other
// processes than the lateness. Under valgrind the flows alone are instrumented, so
//   valgrind --tool=callgrind --instr-atstart=no --separate-threads=yes bench_gui --flows 3
// counts the GUI thread's instructions per flow (the file of thread 1); with --enchanted-link, the
// polling and the sign-in alone are instrumented the same way.

#include "BrowserPlayer.h"
#include "FlowTestSupport.h"

#include "ui/AppContext.h"
#include "ui/MainWindow.h"
#include "ui/descope/PollTimeline.h"
#include "ui/flow/FlowPage.h"
#include "ui/shell/Appearance.h"
#include "ui/shell/GuiThreadFills.h"

#include "oidc/net/ExchangeLog.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QLabel>
#include <QLineEdit>
#include <QPaintEvent>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define OIDCPLAY_BENCH_CALLGRIND 1
#endif

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <pthread.h>
#include <sched.h>

namespace {

// Issue 12: the GUI thread stalls for less than half a frame; issue 9: never a whole frame while
// an enchanted link is polled.
constexpr double kWorstTargetMs = 8.0;
constexpr double kPollingWorstTargetMs = 16.0;
constexpr double kP99TargetMs = 3.0;
constexpr double kTickRatioTarget = 0.7;

using Step = ui::FlowStepModel::Step;
using State = ui::FlowStepModel::State;

// Now on CLOCK_MONOTONIC (std::chrono::steady_clock), in nanoseconds: the clock both probes share.
qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// One late tick: when it came (monotonicNs) and how late (ms).
struct Late final {
    qint64 atNs = 0;
    double ms = 0;
};

// Lateness of a 1 ms timer on the GUI thread: how much later than 1 ms after the previous tick
// each tick comes.
class LatenessProbe final : public QObject {
public:
    explicit LatenessProbe(QObject *parent = nullptr) : QObject(parent)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = monotonicNs();
            if (m_last >= 0) {
                m_ticks.push_back({now, std::max<double>(0.0, static_cast<double>(now - m_last) / 1e6 - 1.0)});
                if (onTick)
                    onTick(m_ticks.back().ms);
            }
            m_last = now;
        });
    }
    void start()
    {
        m_ticks.clear();
        m_last = -1;
        m_timer.start();
    }
    std::vector<Late> stop()
    {
        m_timer.stop();
        return m_ticks;
    }
    // Called with each tick's lateness (--trace: what the GUI thread did meanwhile).
    std::function<void(double)> onTick;

private:
    QTimer m_timer;
    qint64 m_last = -1;
    std::vector<Late> m_ticks;
};

// The machine's own stalls: a thread of the bench that sleeps 1 ms at a time, at real-time
// priority when the system allows it (SCHED_FIFO: nothing of this or any other process delays it),
// and records how late it wakes. When it is late, the machine did not run it: the virtual machine
// was not scheduled by its host, or the kernel held the CPU. A GUI tick late over the same moments
// was late for that reason too, for as long as the two overlap; the rest of its lateness is the
// GUI thread's. Only a stall of the whole machine shows here (a host that stops one virtual CPU
// and not the other is missed), so what it removes is never more than the machine's share.
class MachineProbe final {
public:
    MachineProbe() = default;
    MachineProbe(const MachineProbe &) = delete;
    MachineProbe &operator=(const MachineProbe &) = delete;
    ~MachineProbe() { stop(); }

    void start()
    {
        stop();
        m_stalls.clear();
        m_running = true;
        m_thread = std::thread([this] {
            sched_param param{};
            param.sched_priority = 1;
            m_realTime = pthread_setschedparam(pthread_self(), SCHED_FIFO, &param) == 0;
            const timespec period{0, 1000000};
            while (m_running.load(std::memory_order_relaxed)) {
                const qint64 before = monotonicNs();
                clock_nanosleep(CLOCK_MONOTONIC, 0, &period, nullptr);
                const qint64 now = monotonicNs();
                const double late = static_cast<double>(now - before) / 1e6 - 1.0;
                if (late > 0.25)
                    m_stalls.push_back({now, late});
            }
        });
    }
    std::vector<Late> stop()
    {
        if (m_thread.joinable()) {
            m_running = false;
            m_thread.join();
        }
        return m_stalls;
    }
    [[nodiscard]] bool realTime() const { return m_realTime; }

private:
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    bool m_realTime = false;
    std::vector<Late> m_stalls; // written by the thread until stop() joins it
};

// Each GUI tick's lateness less the part of it the machine stalled for (the overlap of
// [at - lateness, at] with the machine probe's stalls, [at - ms, at] each).
std::vector<double> ownLateness(const std::vector<Late> &ticks, const std::vector<Late> &stalls)
{
    std::vector<double> own;
    own.reserve(ticks.size());
    size_t first = 0;
    for (const Late &tick : ticks) {
        const double tickEnd = static_cast<double>(tick.atNs);
        const double tickBegin = tickEnd - tick.ms * 1e6;
        while (first < stalls.size() && static_cast<double>(stalls[first].atNs) < tickBegin)
            ++first;
        double overlapNs = 0;
        for (size_t i = first; i < stalls.size(); ++i) {
            const double stallEnd = static_cast<double>(stalls[i].atNs);
            const double stallBegin = stallEnd - stalls[i].ms * 1e6;
            if (stallBegin >= tickEnd)
                break;
            overlapNs += std::max(0.0, std::min(tickEnd, stallEnd) - std::max(tickBegin, stallBegin));
        }
        own.push_back(std::max(0.0, tick.ms - overlapNs / 1e6));
    }
    return own;
}

std::vector<double> lateness(const std::vector<Late> &ticks)
{
    std::vector<double> values;
    values.reserve(ticks.size());
    for (const Late &tick : ticks)
        values.push_back(tick.ms);
    return values;
}

struct Figures {
    double worst = 0;
    double p99 = 0;
    double p50 = 0;
    size_t ticks = 0;
    size_t over16 = 0;
};

Figures summarize(std::vector<double> values)
{
    Figures figures;
    if (values.empty())
        return figures;
    std::sort(values.begin(), values.end());
    const auto at = [&values](double q) { return values[std::min(values.size() - 1, static_cast<size_t>(q * static_cast<double>(values.size())))]; };
    figures.worst = values.back();
    figures.p99 = at(0.99);
    figures.p50 = at(0.50);
    figures.ticks = values.size();
    figures.over16 = static_cast<size_t>(std::count_if(values.begin(), values.end(), [](double v) { return v > 16.0; }));
    return figures;
}

// A wait's limit: under valgrind everything runs tens of times slower (the sandbox's thread too).
int allowing(int ms)
{
#ifdef OIDCPLAY_BENCH_CALLGRIND
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
    if (RUNNING_ON_VALGRIND)
        return ms * 20;
#pragma GCC diagnostic pop
#endif
    return ms;
}

// Runs the event loop until `done` holds (checked whenever a step changes) or `timeoutMs` pass.
bool waitFor(ui::FlowPage &page, const std::function<bool()> &done, int timeoutMs = 30000)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(page.runner()->steps(), &ui::FlowStepModel::stepChanged, &loop, [&] {
        if (done())
            loop.quit();
    });
    QObject::connect(page.runner(), &ui::FlowRunner::busyChanged, &loop, [&] {
        if (done())
            loop.quit();
    });
    timeout.start(allowing(timeoutMs));
    loop.exec();
    return done();
}

// Under callgrind (--instr-atstart=no), only what runs between these is counted; no-ops otherwise.
void startInstrumentation()
{
#ifdef OIDCPLAY_BENCH_CALLGRIND
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
    CALLGRIND_START_INSTRUMENTATION;
#pragma GCC diagnostic pop
#endif
}

void stopInstrumentation()
{
#ifdef OIDCPLAY_BENCH_CALLGRIND
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wold-style-cast"
    CALLGRIND_STOP_INSTRUMENTATION;
#pragma GCC diagnostic pop
#endif
}

// CPU time the calling thread has used, in milliseconds.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

void idle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// --trace: names the events that keep the GUI thread busy for long, and sums the GUI thread's time
// per kind of event (outermost events only: a paint inside an update request counts once).
class TracingApplication final : public QApplication {
public:
    using QApplication::QApplication;
    bool trace = false;
    double traceMs = 4.0;
    size_t tracePaints = 5; // --trace-paints N: the paints listed for each slow event
    double traceLateMs = 3.0; // --trace-late MS: a tick this late lists the events handled since the one before

    // Paint events of this widget are timed (count, total, largest), traced or not.
    QObject *paintWatch = nullptr;
    int watchedPaints = 0;
    double watchedPaintMs = 0;
    double largestPaintMs = 0;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && receiver->isWidgetType() && (trace || receiver == paintWatch)) {
            QElapsedTimer paintClock;
            paintClock.start();
            const bool result = QApplication::notify(receiver, event);
            const double ms = static_cast<double>(paintClock.nsecsElapsed()) / 1e6;
            if (receiver == paintWatch) {
                ++watchedPaints;
                watchedPaintMs += ms;
                largestPaintMs = std::max(largestPaintMs, ms);
            }
            if (trace) {
                // What is painted, by widget: the area of each paint event's region.
                qint64 area = 0;
                for (const QRect &rect : static_cast<QPaintEvent *>(event)->region())
                    area += static_cast<qint64>(rect.width()) * rect.height();
                QByteArray what = QByteArray(receiver->metaObject()->className()) + " \"" + receiver->objectName().toUtf8() + '"';
                // Unnamed widgets and Qt's inner parts are named by their nearest named ancestor.
                const bool anonymous = receiver->objectName().isEmpty() || receiver->objectName().startsWith(QLatin1String("qt_"));
                for (const QObject *up = receiver->parent(); up && anonymous; up = up->parent()) {
                    if (!up->objectName().isEmpty() && !up->objectName().startsWith(QLatin1String("qt_"))) {
                        what += " in " + up->objectName().toUtf8();
                        break;
                    }
                }
                m_framePaints.emplace_back(ms, what + ' ' + QByteArray::number(static_cast<double>(area) / 1e3, 'f', 0) + " kpx");
                auto &painted = m_painted[what];
                painted.area += area;
                painted.ms += ms;
                ++painted.count;
            }
            return result;
        }
        if (!trace || QThread::currentThread() != thread() || m_depth > 0)
            return QApplication::notify(receiver, event);
        QElapsedTimer clock;
        clock.start();
        const double cpuAtStart = threadCpuMs();
        const int type = event->type();
        const QByteArray what = QByteArray::number(type) + ' ' + receiver->metaObject()->className() + " \"" + receiver->objectName().toUtf8() + '"';
        m_framePaints.clear();
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = static_cast<double>(clock.nsecsElapsed()) / 1e6;
        auto &total = m_totals[what];
        total.first += ms;
        ++total.second;
        auto &byType = m_byType[type];
        byType.first += ms;
        ++byType.second;
        m_sinceTick.emplace_back(ms, what);
        if (ms > traceMs) {
            // The thread's CPU time in it: less than the event's time when it waited (the display
            // server's answer, the raster engine's fills on Qt's thread pool) or was preempted.
            std::fprintf(stderr, "trace: %6.2f ms  event %s  (CPU %.2f ms)\n", ms, what.constData(), threadCpuMs() - cpuAtStart);
            // A slow event that painted: what it painted (paint events in total, the --trace-paints longest).
            if (!m_framePaints.empty()) {
                double paintedMs = 0;
                for (const auto &paint : m_framePaints)
                    paintedMs += paint.first;
                std::sort(m_framePaints.rbegin(), m_framePaints.rend());
                std::fprintf(stderr, "trace:            %zu paint events, %.2f ms:", m_framePaints.size(), paintedMs);
                for (size_t i = 0; i < std::min<size_t>(m_framePaints.size(), tracePaints); ++i)
                    std::fprintf(stderr, " %s %.2f ms;", m_framePaints[i].second.constData(), m_framePaints[i].first);
                std::fputc('\n', stderr);
            }
        }
        return result;
    }

    void resetTotals()
    {
        m_totals.clear();
        m_byType.clear();
        m_painted.clear();
        m_sinceTick.clear();
        m_lateTicks = m_lateBusy = m_lateIdle = 0;
        m_lateBy.clear();
    }

    // The probe's tick: a late one (--trace-late) says what the GUI thread handled since the tick
    // before — its outermost events, longest first — and how much of the wait they fill: a late tick
    // with the GUI thread mostly idle waited for the CPU (another thread, another process), not for us.
    void tick(double lateness)
    {
        if (!trace)
            return;
        if (lateness > traceLateMs) {
            double busy = 0;
            for (const auto &event : m_sinceTick)
                busy += event.first;
            ++m_lateTicks;
            (busy >= 0.5 * lateness ? m_lateBusy : m_lateIdle)++;
            std::sort(m_sinceTick.rbegin(), m_sinceTick.rend());
            std::fprintf(stderr, "late: %5.2f ms; %zu events %.2f ms:", lateness, m_sinceTick.size(), busy);
            for (size_t i = 0; i < std::min<size_t>(m_sinceTick.size(), 4); ++i)
                std::fprintf(stderr, " %.2f %s;", m_sinceTick[i].first, m_sinceTick[i].second.constData());
            std::fputc('\n', stderr);
            if (!m_sinceTick.empty())
                m_lateBy[m_sinceTick.front().second] += 1;
        }
        m_sinceTick.clear();
    }

    // `flows`: the counts are divided by it too (0: not flows).
    void printTotals(int flows = 0) const
    {
        std::vector<std::pair<double, QByteArray>> rows;
        for (const auto &[what, total] : m_totals)
            rows.emplace_back(total.first, what + "  x" + QByteArray::number(total.second));
        std::sort(rows.rbegin(), rows.rend());
        // Counts that depend on what the GUI does rather than on how fast the machine is.
        const auto ofType = [this](QEvent::Type type) {
            const auto found = m_byType.find(type);
            return found == m_byType.end() ? std::pair<double, int>{0.0, 0} : found->second;
        };
        const auto [layoutMs, layouts] = ofType(QEvent::LayoutRequest);
        const auto [frameMs, frames] = ofType(QEvent::UpdateRequest);
        std::fprintf(stderr, "trace: %d layout requests (%.1f ms), %d update requests (frames, %.1f ms)\n", layouts, layoutMs, frames, frameMs);
        std::fprintf(stderr, "trace: %d ticks later than %.1f ms: %d with the GUI thread busy for half the wait or more, %d mostly idle\n", m_lateTicks,
                     traceLateMs, m_lateBusy, m_lateIdle);
        std::vector<std::pair<int, QByteArray>> lateBy;
        for (const auto &[what, count] : m_lateBy)
            lateBy.emplace_back(count, what);
        std::sort(lateBy.rbegin(), lateBy.rend());
        for (size_t i = 0; i < std::min<size_t>(lateBy.size(), 10); ++i)
            std::fprintf(stderr, "trace:   %4d late ticks whose longest event was %s\n", lateBy[i].first, lateBy[i].second.constData());
        std::fprintf(stderr, "trace: GUI thread time per event (type, receiver), largest first\n");
        for (size_t i = 0; i < std::min<size_t>(rows.size(), 25); ++i)
            std::fprintf(stderr, "trace: %8.1f ms  %s\n", rows[i].first, rows[i].second.constData());
        std::vector<std::pair<double, QByteArray>> painted;
        qint64 totalArea = 0;
        int totalPaints = 0;
        double totalMs = 0;
        for (const auto &[what, sum] : m_painted) {
            painted.emplace_back(sum.ms, QByteArray::number(static_cast<double>(sum.area) / 1e6, 'f', 2) + " Mpx  " + what + "  x" + QByteArray::number(sum.count));
            totalArea += sum.area;
            totalPaints += sum.count;
            totalMs += sum.ms;
        }
        std::sort(painted.rbegin(), painted.rend());
        std::fprintf(stderr, "trace: painted %.1f Mpx in %d paint events, %.1f ms; by widget, longest first\n", static_cast<double>(totalArea) / 1e6,
                     totalPaints, totalMs);
        if (flows > 0)
            std::fprintf(stderr, "trace: per flow: %.1f layout requests, %.1f frames, %.1f paint events, %.2f Mpx painted\n",
                         static_cast<double>(layouts) / flows, static_cast<double>(frames) / flows, static_cast<double>(totalPaints) / flows,
                         static_cast<double>(totalArea) / 1e6 / flows);
        for (size_t i = 0; i < std::min<size_t>(painted.size(), 30); ++i)
            std::fprintf(stderr, "trace: %8.1f ms  %s\n", painted[i].first, painted[i].second.constData());
    }

private:
    int m_depth = 0;
    std::vector<std::pair<double, QByteArray>> m_framePaints; // the paints of the outermost event under way
    std::vector<std::pair<double, QByteArray>> m_sinceTick;   // the outermost events since the probe's last tick
    int m_lateTicks = 0;
    int m_lateBusy = 0;
    int m_lateIdle = 0;
    std::map<QByteArray, int> m_lateBy;
    std::map<QByteArray, std::pair<double, int>> m_totals;
    std::map<int, std::pair<double, int>> m_byType;
    struct Painted final {
        qint64 area = 0;
        double ms = 0;
        int count = 0;
    };
    std::map<QByteArray, Painted> m_painted;
};

// Turns the event loop until `done` holds or `timeoutMs` pass.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < allowing(timeoutMs))
        idle(10);
    return done();
}

void printRow(const char *what, const Figures &figures)
{
    std::printf("  %-22s worst %7.2f ms   p99 %6.2f ms   p50 %6.3f ms   ticks %6zu   >16 ms: %zu\n", what, figures.worst, figures.p99, figures.p50,
                figures.ticks, figures.over16);
}

// Issue 12's targets: worst and p99 lateness, and the ticks against the idle run's.
bool meetsTargets(const Figures &figures, double tickRatio)
{
    return figures.worst <= kWorstTargetMs && figures.p99 <= kP99TargetMs && tickRatio >= kTickRatioTarget;
}

// The machine probe's stalls of 2 ms or more: how many, and the longest.
struct StallSummary final {
    size_t count = 0;
    double longest = 0;
};

StallSummary summarizeStalls(const std::vector<Late> &stalls)
{
    StallSummary summary;
    for (const Late &stall : stalls) {
        if (stall.ms >= 2.0)
            ++summary.count;
        summary.longest = std::max(summary.longest, stall.ms);
    }
    return summary;
}

std::string stallsJson(const std::vector<Late> &stalls)
{
    const StallSummary summary = summarizeStalls(stalls);
    char text[96];
    std::snprintf(text, sizeof text, "{\"over_2ms\": %zu, \"longest_ms\": %.2f}", summary.count, summary.longest);
    return text;
}

void printMachineRows(bool realTime, const Figures &busyOwn, const Figures &idleOwn, const std::vector<Late> &busyStalls,
                      const std::vector<Late> &idleStalls, const char *busyName)
{
    const StallSummary busy = summarizeStalls(busyStalls);
    const StallSummary quiet = summarizeStalls(idleStalls);
    std::printf("  the machine's stalls (a %s thread sleeping 1 ms at a time, late by 2 ms or more): %zu during the %s, the longest %.2f ms; "
                "%zu idle, the longest %.2f ms\n",
                realTime ? "real-time" : "normal-priority (real-time refused)", busy.count, busyName, busy.longest, quiet.count, quiet.longest);
    std::printf("  the GUI thread's own lateness (the machine's stalls taken out): worst %.2f ms, p99 %.2f ms during the %s; "
                "worst %.2f ms, p99 %.2f ms idle\n",
                busyOwn.worst, busyOwn.p99, busyName, idleOwn.worst, idleOwn.p99);
}

// --enchanted-link: the Enchanted Link panel polls at the minimum interval for `pollSeconds`, its
// timeline drawing, then the right link is opened from the panel's inbox and the session comes.
int runEnchantedLink(TracingApplication &app, ui::AppContext &context, ui::MainWindow &window, int pollSeconds, bool json)
{
    if (!window.showArea(QStringLiteral("enchanted-link"))) {
        std::fprintf(stderr, "bench_gui: no Enchanted Link area\n");
        return 1;
    }
    QWidget *panel = window.areaPanel(QStringLiteral("enchanted-link"));
    auto *timeline = panel->findChild<ui::PollTimeline *>(QStringLiteral("pollTimeline"));
    auto *number = panel->findChild<QLabel *>(QStringLiteral("linkNumberLabel"));
    auto *status = panel->findChild<QLabel *>(QStringLiteral("runStatus"));
    panel->findChild<QLineEdit *>(QStringLiteral("loginIdEdit"))->setText(QStringLiteral("alice@example.com"));
    idle(300); // first paint and settling
    app.paintWatch = timeline;

    LatenessProbe probe;
    MachineProbe machine;
    QElapsedTimer clock;
    clock.start();
    app.resetTotals();
    startInstrumentation();
    machine.start();
    probe.start();
    panel->findChild<QPushButton *>(QStringLiteral("startButton"))->click();
    const bool sent = waitUntil([number] { return number->text().toInt() > 0; }, 10000);
    idle(pollSeconds * 1000);
    // The right link, as a person picks it: the button whose number is the one shown.
    QPushButton *right = nullptr;
    for (QPushButton *button : panel->findChildren<QPushButton *>(QStringLiteral("panelInboxLink")))
        if (button->property("linkNumber").toString() == number->text())
            right = button;
    if (right)
        right->click();
    const bool signedIn = right && waitUntil([status] { return status->text().startsWith(QStringLiteral("Signed in")); }, 10000);
    const std::vector<Late> pollingTicks = probe.stop();
    const std::vector<Late> pollingStalls = machine.stop();
    stopInstrumentation();
    const qint64 pollingMs = clock.elapsed();
    app.paintWatch = nullptr;
    if (app.trace)
        app.printTotals();
    const size_t polls = timeline->polls().size();
    const int exchanges = context.exchangeLog().size();

    machine.start();
    probe.start();
    idle(static_cast<int>(pollingMs));
    const std::vector<Late> idleTicks = probe.stop();
    const std::vector<Late> idleStalls = machine.stop();

    const Figures polling = summarize(lateness(pollingTicks));
    const Figures baseline = summarize(lateness(idleTicks));
    const Figures pollingOwn = summarize(ownLateness(pollingTicks, pollingStalls));
    const Figures baselineOwn = summarize(ownLateness(idleTicks, idleStalls));
    const double tickRatio = baseline.ticks > 0 ? static_cast<double>(polling.ticks) / static_cast<double>(baseline.ticks) : 0.0;
    const bool issue9 = polling.worst <= kPollingWorstTargetMs;
    const bool issue12 = meetsTargets(polling, tickRatio);
    const bool issue12Own = meetsTargets(pollingOwn, tickRatio);
    const double meanPaintMs = app.watchedPaints > 0 ? app.watchedPaintMs / app.watchedPaints : 0.0;
    if (json) {
        std::printf("{\"mode\": \"enchanted-link\", \"poll_seconds\": %d, \"polls\": %zu, \"signed_in\": %s, \"exchanges\": %d, "
                    "\"duration_ms\": %lld, "
                    "\"timeline_paints\": %d, \"timeline_paint_ms\": %.2f, \"timeline_largest_paint_ms\": %.3f, "
                    "\"polling\": {\"worst_ms\": %.2f, \"p99_ms\": %.2f, \"p50_ms\": %.3f, \"ticks\": %zu, \"over_16ms\": %zu}, "
                    "\"idle\": {\"worst_ms\": %.2f, \"p99_ms\": %.2f, \"p50_ms\": %.3f, \"ticks\": %zu, \"over_16ms\": %zu}, "
                    "\"polling_own\": {\"worst_ms\": %.2f, \"p99_ms\": %.2f}, \"idle_own\": {\"worst_ms\": %.2f, \"p99_ms\": %.2f}, "
                    "\"machine_stalls\": {\"polling\": %s, \"idle\": %s}, "
                    "\"tick_ratio\": %.2f, \"issue9_met\": %s, \"issue12_met\": %s, \"issue12_met_without_machine_stalls\": %s}\n",
                    pollSeconds, polls, signedIn ? "true" : "false", exchanges, static_cast<long long>(pollingMs), app.watchedPaints,
                    app.watchedPaintMs, app.largestPaintMs, polling.worst, polling.p99, polling.p50, polling.ticks, polling.over16, baseline.worst, baseline.p99,
                    baseline.p50, baseline.ticks, baseline.over16, pollingOwn.worst, pollingOwn.p99, baselineOwn.worst, baselineOwn.p99,
                    stallsJson(pollingStalls).c_str(), stallsJson(idleStalls).c_str(), tickRatio, issue9 ? "true" : "false",
                    issue12 ? "true" : "false", issue12Own ? "true" : "false");
    } else {
        std::printf("GUI thread lateness of a 1 ms timer (platform %s)\n", qPrintable(QGuiApplication::platformName()));
        std::printf("  enchanted link polled every second for %d s with the timeline drawing, then the right link opened: %zu polls, "
                    "signed in: %s, %d HTTP exchanges, %lld ms\n",
                    pollSeconds, polls, signedIn ? "yes" : "no", exchanges, static_cast<long long>(pollingMs));
        std::printf("  timeline: %d paints, %.1f ms in all, %.3f ms each on average, the largest %.3f ms\n", app.watchedPaints,
                    app.watchedPaintMs, meanPaintMs, app.largestPaintMs);
        printRow("during the polling:", polling);
        printRow("idle (same duration):", baseline);
        std::printf("  ticks during the polling / idle: %.2f\n", tickRatio);
        printMachineRows(machine.realTime(), pollingOwn, baselineOwn, pollingStalls, idleStalls, "polling");
        std::printf("  targets: worst <= %.0f ms (issue 9): %s; worst <= %.0f ms, p99 <= %.0f ms, ticks >= %.1f of idle (issue 12): %s "
                    "(the GUI thread's own: %s)\n",
                    kPollingWorstTargetMs, issue9 ? "met" : "not met in this run", kWorstTargetMs, kP99TargetMs, kTickRatioTarget,
                    issue12 ? "met" : "not met in this run", issue12Own ? "met" : "not met");
    }
    if (!sent || !signedIn) {
        std::fprintf(stderr, "bench_gui: the enchanted link %s\n", sent ? "did not sign in" : "was not sent");
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    TracingApplication app(argc, argv);
    ui::keepFillsOnGuiThread();               // as the app does (OIDCPLAY_PARALLEL_FILLS=1: Qt's way, to compare)
    ui::Appearance::prepareApplicationFont(); // as the app does
    QStandardPaths::setTestModeEnabled(true);
    int iterations = 20;
    bool json = false;
    bool enchantedLink = false;
    int pollSeconds = 40;
    int rounds = 1;
    const QStringList args = QApplication::arguments();
    for (int i = 1; i < args.size(); ++i) {
        if ((args.at(i) == QLatin1String("--iterations") || args.at(i) == QLatin1String("--flows")) && i + 1 < args.size())
            iterations = std::max(1, args.at(++i).toInt());
        else if (args.at(i) == QLatin1String("--enchanted-link"))
            enchantedLink = true;
        else if (args.at(i) == QLatin1String("--rounds") && i + 1 < args.size())
            rounds = std::max(1, args.at(++i).toInt());
        else if (args.at(i) == QLatin1String("--poll-seconds") && i + 1 < args.size())
            pollSeconds = std::max(1, args.at(++i).toInt());
        else if (args.at(i) == QLatin1String("--json"))
            json = true;
        else if (args.at(i) == QLatin1String("--trace"))
            app.trace = true;
        else if (args.at(i) == QLatin1String("--trace-ms") && i + 1 < args.size())
            app.traceMs = args.at(++i).toDouble();
        else if (args.at(i) == QLatin1String("--trace-late") && i + 1 < args.size())
            app.traceLateMs = args.at(++i).toDouble();
        else if (args.at(i) == QLatin1String("--trace-paints") && i + 1 < args.size())
            app.tracePaints = static_cast<size_t>(std::max(0, args.at(++i).toInt()));
    }

    auto testApp = testsupport::makeTestApp();
    ui::AppContext &context = *testApp->context;
    ui::MainWindow window(&context);
    window.show();
    if (!testsupport::startSandbox(context, 180000)) { // generous: key generation under valgrind
        std::fprintf(stderr, "bench_gui: the sandbox did not start\n");
        return 1;
    }
    if (enchantedLink)
        return runEnchantedLink(app, context, window, pollSeconds, json);
    auto *page = qobject_cast<ui::FlowPage *>(window.areaPanel(QStringLiteral("authorization-code")));
    if (!page) {
        std::fprintf(stderr, "bench_gui: no flow page\n");
        return 1;
    }
    page->findChild<QRadioButton *>(QStringLiteral("systemBrowserRadio"))->click();
    page->flushSettings();

    // The browser: another thread, as a real browser is another process.
    QThread browserThread;
    auto *player = new testsupport::BrowserPlayer;
    player->moveToThread(&browserThread);
    QObject::connect(&browserThread, &QThread::finished, player, &QObject::deleteLater);
    browserThread.start();
    page->setSystemBrowserOpener([player](const QUrl &url) {
        const QString target = testsupport::redirectTarget(url);
        QMetaObject::invokeMethod(player, [player, url, target] { player->play(url, QStringLiteral("alice@example.com"), target); });
        return true;
    });
    idle(300); // first paint and settling

    // One round: `iterations` full flows with the probe on, then the same window idle as long.
    struct Round final {
        Figures flow;
        Figures idle;
        Figures flowOwn; // the machine's stalls taken out
        Figures idleOwn;
        std::vector<Late> flowStalls;
        std::vector<Late> idleStalls;
        double tickRatio = 0;
        double cpuMsPerFlow = 0;
        qint64 flowMs = 0;
        int completed = 0;
    };
    QStringList failures;
    MachineProbe machine;
    const auto runRound = [&]() {
        Round round;
        LatenessProbe probe;
        probe.onTick = [&app](double lateness) { app.tick(lateness); };
        QElapsedTimer flowClock;
        flowClock.start();
        app.resetTotals();
        const double cpuAtStart = threadCpuMs();
        startInstrumentation();
        machine.start();
        probe.start();
        for (int i = 0; i < iterations; ++i) {
            page->findChild<QPushButton *>(QStringLiteral("runAllButton"))->click();
            const ui::FlowStepModel *steps = page->runner()->steps();
            if (!waitFor(*page, [page, steps] { return !page->runner()->isBusy() && steps->state(Step::UserInfo) != State::Pending; })
                || steps->state(Step::UserInfo) != State::Ok) {
                failures << QStringLiteral("login %1").arg(i + 1);
                break;
            }
            bool ok = true;
            const std::pair<const char *, Step> actions[] = {{"refreshButton", Step::Refresh}, {"revokeButton", Step::Revoke}, {"logoutButton", Step::Logout}};
            for (const auto &[name, step] : actions) {
                page->findChild<QPushButton *>(QString::fromLatin1(name))->click();
                if (!waitFor(*page, [page] { return !page->runner()->isBusy(); }) || steps->state(step) != State::Ok) {
                    failures << QStringLiteral("%1 %2").arg(ui::FlowStepModel::title(step)).arg(i + 1);
                    ok = false;
                    break;
                }
            }
            if (!ok)
                break;
            ++round.completed;
        }
        const std::vector<Late> flowTicks = probe.stop();
        round.flowStalls = machine.stop();
        stopInstrumentation();
        const double cpuMs = threadCpuMs() - cpuAtStart;
        if (app.trace)
            app.printTotals(round.completed);
        round.flowMs = flowClock.elapsed();

        // Baseline: the same window, idle, as long.
        machine.start();
        probe.start();
        idle(static_cast<int>(round.flowMs));
        const std::vector<Late> idleTicks = probe.stop();
        round.idleStalls = machine.stop();

        round.flow = summarize(lateness(flowTicks));
        round.idle = summarize(lateness(idleTicks));
        round.flowOwn = summarize(ownLateness(flowTicks, round.flowStalls));
        round.idleOwn = summarize(ownLateness(idleTicks, round.idleStalls));
        round.tickRatio = round.idle.ticks > 0 ? static_cast<double>(round.flow.ticks) / static_cast<double>(round.idle.ticks) : 0.0;
        round.cpuMsPerFlow = round.completed > 0 ? cpuMs / round.completed : 0.0;
        return round;
    };
    std::vector<Round> all;
    for (int r = 0; r < rounds && failures.isEmpty(); ++r) {
        all.push_back(runRound());
        const Round &round = all.back();
        const StallSummary stalls = summarizeStalls(round.flowStalls);
        if (rounds > 1 && !json)
            std::printf("  round %d: worst %6.2f ms   p99 %6.2f ms   ticks %.2f of idle   %5.1f ms GUI CPU per flow   %lld ms   "
                        "own worst %.2f p99 %.2f, machine stalls %zu (longest %.2f ms)\n",
                        r + 1, round.flow.worst, round.flow.p99, round.tickRatio, round.cpuMsPerFlow, static_cast<long long>(round.flowMs),
                        round.flowOwn.worst, round.flowOwn.p99, stalls.count, stalls.longest);
    }
    browserThread.quit();
    browserThread.wait();

    // With several rounds, each figure is the median of the rounds' (the machine's noise moves
    // single runs by a factor of two); the rows below are those of the median round by worst.
    const auto median = [&all](auto figure) {
        std::vector<double> values;
        for (const Round &round : all)
            values.push_back(figure(round));
        std::sort(values.begin(), values.end());
        return values.empty() ? 0.0 : values[values.size() / 2];
    };
    std::vector<const Round *> byWorst;
    for (const Round &round : all)
        byWorst.push_back(&round);
    std::sort(byWorst.begin(), byWorst.end(), [](const Round *a, const Round *b) { return a->flow.worst < b->flow.worst; });
    const Round middle = byWorst.empty() ? Round{} : *byWorst[byWorst.size() / 2];
    Figures flow = middle.flow;
    flow.worst = median([](const Round &round) { return round.flow.worst; });
    flow.p99 = median([](const Round &round) { return round.flow.p99; });
    flow.p50 = median([](const Round &round) { return round.flow.p50; });
    const Figures &baseline = middle.idle;
    const double tickRatio = median([](const Round &round) { return round.tickRatio; });
    const double cpuPerFlow = median([](const Round &round) { return round.cpuMsPerFlow; });
    Figures flowOwn = middle.flowOwn;
    flowOwn.worst = median([](const Round &round) { return round.flowOwn.worst; });
    flowOwn.p99 = median([](const Round &round) { return round.flowOwn.p99; });
    const bool metOwn = meetsTargets(flowOwn, tickRatio);
    const qint64 flowMs = middle.flowMs;
    const int completed = middle.completed;
    const bool met = meetsTargets(flow, tickRatio);
    const int exchanges = context.exchangeLog().size();
    if (json) {
        std::printf("{\"iterations\": %d, \"rounds\": %zu, \"completed\": %d, \"duration_ms\": %lld, \"exchanges\": %d, "
                    "\"flow\": {\"worst_ms\": %.2f, \"p99_ms\": %.2f, \"p50_ms\": %.3f, \"ticks\": %zu, \"over_16ms\": %zu}, "
                    "\"idle\": {\"worst_ms\": %.2f, \"p99_ms\": %.2f, \"p50_ms\": %.3f, \"ticks\": %zu, \"over_16ms\": %zu}, "
                    "\"flow_own\": {\"worst_ms\": %.2f, \"p99_ms\": %.2f}, \"idle_own\": {\"worst_ms\": %.2f, \"p99_ms\": %.2f}, "
                    "\"machine_stalls\": {\"flow\": %s, \"idle\": %s}, "
                    "\"tick_ratio\": %.2f, \"gui_cpu_ms_per_flow\": %.2f, \"targets_met\": %s, \"targets_met_without_machine_stalls\": %s}\n",
                    iterations, all.size(), completed, static_cast<long long>(flowMs), exchanges, flow.worst, flow.p99, flow.p50, flow.ticks,
                    flow.over16, baseline.worst, baseline.p99, baseline.p50, baseline.ticks, baseline.over16, flowOwn.worst, flowOwn.p99,
                    middle.idleOwn.worst, middle.idleOwn.p99, stallsJson(middle.flowStalls).c_str(), stallsJson(middle.idleStalls).c_str(),
                    tickRatio, cpuPerFlow, met ? "true" : "false", metOwn ? "true" : "false");
    } else {
        std::printf("GUI thread lateness of a 1 ms timer (platform %s)%s\n", qPrintable(QGuiApplication::platformName()),
                    all.size() > 1 ? qPrintable(QStringLiteral(", medians of %1 rounds").arg(all.size())) : "");
        std::printf("  full flows: %d of %d (login steps 1-9, refresh, revoke, logout), %d HTTP exchanges in all, %lld ms\n", completed,
                    iterations, exchanges, static_cast<long long>(flowMs));
        printRow("during the flows:", flow);
        printRow("idle (same duration):", baseline);
        std::printf("  ticks during the flows / idle: %.2f\n", tickRatio);
        std::printf("  GUI thread CPU time during the flows: %.1f ms per flow (the probe's ticks included)\n", cpuPerFlow);
        printMachineRows(machine.realTime(), flowOwn, middle.idleOwn, middle.flowStalls, middle.idleStalls, "flows");
        std::printf("  targets: worst <= %.0f ms, p99 <= %.0f ms, ticks >= %.1f of idle (%s; the GUI thread's own: %s)\n", kWorstTargetMs, kP99TargetMs,
                    kTickRatioTarget, met ? "met" : "not met in this run", metOwn ? "met" : "not met");
    }
    if (!failures.isEmpty()) {
        std::fprintf(stderr, "bench_gui: the flow failed at %s\n", qPrintable(failures.join(QStringLiteral(", "))));
        return 1;
    }
    return 0;
}
