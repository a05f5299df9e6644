#pragma once

// `--measure-startup`: how long a window took to reach the screen, and what it costs in memory.
// Shared with bench/startup's baseline program, so both measure exactly the same way. Qt Widgets
// only: the baseline must not link anything the real application does not.

#include <QByteArray>
#include <QObject>
#include <QPointer>

class QWidget;

namespace ui {

class StartupProbe final : public QObject {
    Q_OBJECT
public:
    struct Figures final {
        double firstPaintMs = -1; // process start → first painted frame of the window; -1 when unknown
        double rssMb = -1;        // VmRSS from /proc/self/status; -1 when unknown
        bool webEngineLoaded = false;
    };

    // Watches `window` (not owned). After its first paint has been flushed, prints one JSON line
    // to stdout and, when `quitWhenDone`, quits the application.
    explicit StartupProbe(QWidget *window, bool quitWhenDone = true, QObject *parent = nullptr);

    bool eventFilter(QObject *watched, QEvent *event) override;

    // Milliseconds since the process started: from OIDCPLAY_LAUNCH_NS (CLOCK_MONOTONIC ns taken by
    // the launcher just before exec) when set, else from /proc/self/stat's starttime
    // (CLOCK_BOOTTIME). -1 when neither is available.
    [[nodiscard]] static double msSinceProcessStart();
    [[nodiscard]] static double residentSetMb();
    [[nodiscard]] static bool webEngineLoaded();
    [[nodiscard]] static QByteArray toJsonLine(const Figures &figures);

Q_SIGNALS:
    void measured(const ui::StartupProbe::Figures &figures);

private:
    void finish();

    QPointer<QWidget> m_window;
    bool m_quitWhenDone;
    bool m_painted = false;
};

} // namespace ui
