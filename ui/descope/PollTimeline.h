#pragma once

// The polls of an enchanted link (or any Poller) on a time axis, as they are decided: each poll a
// mark where it went out, a bar for as long as it was in flight and a thin line for the wait the
// poller chose after it, coloured by its decision (pending, rate limited, transient error, done,
// refused). The data is the core's PollRecord (oidc/descope/PollRecord.h): this widget draws it
// and decides nothing.
//
// It is drawn cheaply, because it moves while the GUI thread serves everything else (issue 9,
// issue 12: no stall over 16 ms, under half a frame): the axis shows a window of at most
// kWindowMs; a frame clock wakes at most once per frame, and no more often than the time one pixel
// stands for; the "now" edge is repainted only when it moved by a whole pixel, and only the
// strip it moved over. Once the window scrolls, the drawn pixels are scrolled (QWidget::scroll on
// an opaque widget) and only the newly exposed strip is painted. A new poll repaints its own
// mark. Hidden (another area shown), it does not wake at all. Positions are whole pixels in the
// axis's own coordinates, so scrolled pixels and freshly painted ones agree. A strip right of
// "now" shows the next planned poll.

#include "oidc/descope/PollRecord.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <vector>

namespace ui {

class PollTimeline final : public QWidget {
    Q_OBJECT
public:
    // The widest stretch of time shown; longer polling scrolls.
    static constexpr qint64 kWindowMs = 30'000;

    explicit PollTimeline(QWidget *parent = nullptr);

    // A new run: the settings as the poller normalised them. The clock starts now (the poller's
    // starts in the same turn of the event loop).
    void begin(const oidc::descope::PollSettings &settings);
    // A poll as the Poller decided it (Poller::Observer).
    void addPoll(const oidc::descope::PollRecord &record);
    // Polling has ended: the axis stops moving.
    void end();
    // Nothing shown.
    void clear();

    [[nodiscard]] const std::vector<oidc::descope::PollRecord> &polls() const { return m_polls; }
    [[nodiscard]] bool isRunning() const { return m_running; }
    // Since begin(), frozen at end().
    [[nodiscard]] qint64 elapsedMs() const;

    [[nodiscard]] static QColor decisionColor(oidc::descope::PollDecision decision);
    // "Poll 3 at 2.0 s: HTTP 401 E062503, pending …": what the mark's tooltip says.
    [[nodiscard]] static QString describe(const oidc::descope::PollRecord &record);

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

Q_SIGNALS:
    // Once per frame while running, with elapsedMs() (the panel's remaining-time bar follows it).
    void ticked(qint64 elapsedMs);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    bool event(QEvent *event) override;

private:
    // The plotted band: the axis, the marks and the edge of "now".
    [[nodiscard]] QRect plotRect() const;
    [[nodiscard]] qint64 spanMs() const;
    // The pixels the window of spanMs() takes: the plot less a strip for what comes next.
    [[nodiscard]] int axisWidth() const;
    // Whole pixels from the axis's origin (t = 0) to time `ms`.
    [[nodiscard]] int axisPx(qint64 ms) const;
    // The axis position of the plot's left edge (0 until the window scrolls).
    [[nodiscard]] int offsetPxAt(qint64 nowMs) const;
    [[nodiscard]] int toWidgetX(qint64 ms) const { return plotRect().left() + axisPx(ms) - m_offsetPx; }
    // The widget rectangle a poll's drawing covers (its number, mark, bar and wait).
    [[nodiscard]] QRect pollRect(const oidc::descope::PollRecord &record) const;
    void frame();
    void restartFrameClock();
    void paintAxis(QPainter &painter, const QRect &dirty) const;
    void paintPoll(QPainter &painter, const oidc::descope::PollRecord &record) const;
    void paintNow(QPainter &painter) const;
    [[nodiscard]] const oidc::descope::PollRecord *pollAt(int x) const;

    std::vector<oidc::descope::PollRecord> m_polls;
    oidc::descope::PollSettings m_settings;
    QElapsedTimer m_clock;
    QTimer m_frame;
    qint64 m_endedAtMs = 0;
    qint64 m_nowMs = 0;  // the time the widget's pixels show
    int m_offsetPx = 0;  // axis pixels scrolled out on the left
    int m_nowPx = 0;     // axis pixel of the "now" edge as painted
    bool m_running = false;
    bool m_begun = false;
};

} // namespace ui
