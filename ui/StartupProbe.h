#pragma once

// `--measure-startup`: how long a window took to reach the screen, what it costs in memory, and
// (in oidcplay) how long the built-in sandbox took to serve. Shared with bench/startup's baseline
// program, so both measure exactly the same way. Qt Widgets only: the baseline must not link
// anything the real application does not.

#include <QByteArray>
#include <QObject>

class QWidget;

namespace ui {

class StartupProbe final : public QObject {
    Q_OBJECT
public:
    struct Figures final {
        double firstPaintMs = -1; // process start → first painted frame of the window; -1 when unknown
        double rssMb = -1;        // VmRSS from /proc/self/status; -1 when unknown
        double cpuMs = -1;        // user + system CPU time of the process by then (less sensitive to load)
        bool webEngineLoaded = false;
        double sandboxReadyMs = -1; // process start → the sandbox serving; -1 when not awaited or it failed
        double readyRssMb = -1;     // VmRSS then (everything deferred past the first frame is in)
        double mainMs = -1;         // process start → main() (loading and relocating the libraries); -1 when not marked
        // Page faults taken by then (getrusage's minor + major): on a virtual machine each costs
        // 10-40 µs, so their count explains much of a first paint that CPU time alone does not.
        long long pageFaults = -1;
    };

    // Called first thing in main(): the time the dynamic loader took (mapping and relocating every
    // library, their constructors) is the part of the first paint no code of the program can move.
    static void markMain();

    // Watches `window` (not owned). After its first paint has been flushed (and the sandbox is
    // ready, when expectSandbox() was called), prints one JSON line to stdout and, when
    // `quitWhenDone`, quits the application. Create it after every other FirstPaintWatcher of
    // the window, so that it takes its figures before their deferred work runs.
    explicit StartupProbe(QWidget *window, bool quitWhenDone = true, QObject *parent = nullptr);

    // Waits for sandboxReady() or sandboxFailed() too before reporting (at most 30 s after the
    // first frame; then the sandbox counts as failed).
    void expectSandbox();
    void sandboxReady();
    void sandboxFailed();

    // Milliseconds since the process started: from OIDCPLAY_LAUNCH_NS (CLOCK_MONOTONIC ns taken by
    // the launcher just before exec) when set, else from /proc/self/stat's starttime
    // (CLOCK_BOOTTIME). -1 when neither is available.
    [[nodiscard]] static double msSinceProcessStart();
    [[nodiscard]] static double residentSetMb();
    [[nodiscard]] static double cpuMs(); // getrusage(RUSAGE_SELF): user + system, every thread
    [[nodiscard]] static long long pageFaults(); // getrusage(RUSAGE_SELF): minor + major, every thread; -1 on failure
    [[nodiscard]] static bool webEngineLoaded();
    [[nodiscard]] static QByteArray toJsonLine(const Figures &figures);

Q_SIGNALS:
    void measured(const ui::StartupProbe::Figures &figures);

private:
    void firstFrameShown();
    void finishWhenComplete();

    bool m_quitWhenDone;
    bool m_expectSandbox = false;
    bool m_painted = false;
    bool m_sandboxSettled = false;
    bool m_finished = false;
    Figures m_figures;
};

} // namespace ui
