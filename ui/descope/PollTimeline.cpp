#include "PollTimeline.h"

#include "ui/UiText.h"

#include <QHelpEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace ui {

using oidc::descope::PollDecision;
using oidc::descope::PollRecord;

namespace {

// The bands of the widget, top to bottom (pixels): poll numbers, the marks, the axis and its labels.
constexpr int kTimelineNumberTop = 2;
constexpr int kTimelineNumberHeight = 14;
constexpr int kTimelineBandTop = 18;
constexpr int kTimelineBandHeight = 40;
constexpr int kTimelineAxisY = kTimelineBandTop + kTimelineBandHeight + 4;
constexpr int kTimelineLabelHeight = 16;
constexpr int kTimelineHeight = kTimelineAxisY + 4 + kTimelineLabelHeight + 2;
constexpr int kTimelineLabelGapPx = 64;   // between time labels
constexpr int kTimelineNumberPaddingPx = 4; // between poll numbers
constexpr int kTimelineFutureInsetPx = 28;  // right of "now" once the axis scrolls: the next planned poll shows
constexpr int kTimelineMarkHalfWidthPx = 14; // around a mark: its number is centred on it

QString timelineSeconds(qint64 ms)
{
    if (ms >= 60'000 && ms % 60'000 == 0)
        return QStringLiteral("%1 min").arg(ms / 60'000);
    if (ms % 1000 == 0)
        return QStringLiteral("%1 s").arg(ms / 1000);
    return QStringLiteral("%1 s").arg(static_cast<double>(ms) / 1000.0, 0, 'f', 1);
}

// The step between labelled ticks: the first of these that leaves kTimelineLabelGapPx between labels.
qint64 timelineLabelStepMs(double pxPerMs)
{
    static constexpr qint64 kSteps[] = {1'000, 2'000, 5'000, 10'000, 15'000, 30'000, 60'000, 120'000, 300'000};
    for (const qint64 step : kSteps) {
        if (static_cast<double>(step) * pxPerMs >= kTimelineLabelGapPx)
            return step;
    }
    return 600'000;
}

} // namespace

PollTimeline::PollTimeline(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("pollTimeline"));
    setAccessibleName(QStringLiteral("Polling timeline"));
    // Every pixel is painted, so Qt can scroll what is drawn instead of repainting it.
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(&m_frame, &QTimer::timeout, this, &PollTimeline::frame);
}

QSize PollTimeline::sizeHint() const
{
    return {560, kTimelineHeight};
}

QSize PollTimeline::minimumSizeHint() const
{
    return {240, kTimelineHeight};
}

void PollTimeline::begin(const oidc::descope::PollSettings &settings)
{
    m_settings = settings;
    m_polls.clear();
    m_clock.start();
    m_endedAtMs = 0;
    m_nowMs = 0;
    m_offsetPx = 0;
    m_nowPx = 0;
    m_running = true;
    m_begun = true;
    setAccessibleDescription(QStringLiteral("Polling started"));
    restartFrameClock();
    update();
}

void PollTimeline::addPoll(const PollRecord &record)
{
    m_polls.push_back(record);
    setAccessibleDescription(QStringLiteral("%1 poll(s); the last: %2").arg(m_polls.size()).arg(describe(record)));
    update(pollRect(record));
}

void PollTimeline::end()
{
    if (!m_running)
        return;
    m_endedAtMs = m_clock.elapsed();
    m_running = false;
    m_frame.stop();
    // The planned next polls after the end are no longer drawn: one full repaint.
    m_nowMs = m_endedAtMs;
    m_nowPx = axisPx(m_nowMs);
    m_offsetPx = offsetPxAt(m_nowMs);
    update();
}

void PollTimeline::clear()
{
    m_frame.stop();
    m_polls.clear();
    m_running = false;
    m_begun = false;
    m_endedAtMs = m_nowMs = 0;
    m_offsetPx = m_nowPx = 0;
    setAccessibleDescription({});
    update();
}

qint64 PollTimeline::elapsedMs() const
{
    if (!m_begun)
        return 0;
    return m_running ? m_clock.elapsed() : m_endedAtMs;
}

QColor PollTimeline::decisionColor(PollDecision decision)
{
    switch (decision) {
    case PollDecision::Pending: return ink(Ink::PollPending);
    case PollDecision::RateLimited: return warnColor();
    case PollDecision::Transient: return ink(Ink::Transient); // purple: apart from the amber of a rate limit
    case PollDecision::Done: return passColor();
    case PollDecision::Refused: return failColor();
    }
    return mutedColor();
}

QString PollTimeline::describe(const PollRecord &record)
{
    QString text = QStringLiteral("Poll %1 at %2: ").arg(record.number).arg(timelineSeconds(record.sentAtMs));
    text += record.status ? QStringLiteral("HTTP %1").arg(record.status) : QStringLiteral("no answer");
    if (!record.code.empty())
        text += QLatin1Char(' ') + qs(record.code);
    text += QStringLiteral(" in %1 ms — %2").arg(record.elapsedMs).arg(qs(record.detail));
    return text;
}

QRect PollTimeline::plotRect() const
{
    return rect();
}

qint64 PollTimeline::spanMs() const
{
    return std::clamp<qint64>(m_settings.timeoutMs, 1, kWindowMs);
}

int PollTimeline::axisWidth() const
{
    return std::max(1, plotRect().width() - kTimelineFutureInsetPx);
}

int PollTimeline::axisPx(qint64 ms) const
{
    return static_cast<int>(std::llround(static_cast<double>(ms) * axisWidth() / static_cast<double>(spanMs())));
}

int PollTimeline::offsetPxAt(qint64 nowMs) const
{
    return std::max(0, axisPx(nowMs) - axisWidth());
}

QRect PollTimeline::pollRect(const PollRecord &record) const
{
    const int left = toWidgetX(record.sentAtMs) - kTimelineMarkHalfWidthPx;
    const int right = toWidgetX(record.sentAtMs + record.elapsedMs + record.nextDelayMs) + kTimelineMarkHalfWidthPx;
    return QRect(QPoint(left, 0), QPoint(right, kTimelineAxisY)).intersected(plotRect());
}

void PollTimeline::restartFrameClock()
{
    // No faster than a frame, and no faster than the axis moves by a pixel.
    const double msPerPx = static_cast<double>(spanMs()) / axisWidth();
    m_frame.setInterval(std::clamp(static_cast<int>(std::ceil(msPerPx)), 16, 250));
    if (m_running && isVisible())
        m_frame.start();
}

void PollTimeline::frame()
{
    const qint64 now = m_clock.elapsed();
    const int nowPx = axisPx(now);
    m_nowMs = now;
    if (nowPx != m_nowPx) {
        const QRect plot = plotRect();
        const int oldEdge = plot.left() + m_nowPx - m_offsetPx;
        const int offset = offsetPxAt(now);
        const int dx = offset - m_offsetPx;
        m_nowPx = nowPx;
        m_offsetPx = offset;
        if (dx >= plot.width()) {
            update(plot);
        } else if (dx > 0) {
            // The drawn pixels move left; Qt paints the exposed strip on the right. The old "now"
            // edge moved with them and is repainted too.
            scroll(-dx, 0, plot);
            const int stale = oldEdge - dx - 1;
            update(QRect(QPoint(stale, plot.top()), QPoint(plot.right(), plot.bottom())));
        } else {
            const int newEdge = plot.left() + m_nowPx - m_offsetPx;
            update(QRect(QPoint(std::min(oldEdge, newEdge) - 1, plot.top()), QPoint(std::max(oldEdge, newEdge) + 1, plot.bottom())));
        }
    }
    Q_EMIT ticked(now);
}

void PollTimeline::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_nowPx = axisPx(m_nowMs);
    m_offsetPx = offsetPxAt(m_nowMs);
    restartFrameClock();
}

void PollTimeline::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Back in view: catch up at once (the whole widget is painted on showing), then follow.
    if (m_running) {
        m_nowMs = m_clock.elapsed();
        m_nowPx = axisPx(m_nowMs);
        m_offsetPx = offsetPxAt(m_nowMs);
        m_frame.start();
        Q_EMIT ticked(m_nowMs);
    }
}

void PollTimeline::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_frame.stop();
}

void PollTimeline::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    const QRect dirty = event->rect();
    painter.fillRect(dirty, palette().window());
    const QRect plot = plotRect();
    painter.setClipRect(plot.intersected(dirty));
    painter.fillRect(plot, fill(Fill::Plot));
    if (!m_begun) {
        painter.setPen(mutedColor());
        painter.drawText(plot, Qt::AlignCenter | Qt::TextWordWrap,
                         QStringLiteral("Each poll appears here as it is decided: a mark where it went out, coloured by what the "
                                        "poller made of the answer, and the wait before the next one."));
        return;
    }
    const int nowX = plot.left() + m_nowPx - m_offsetPx;
    if (nowX >= plot.left())
        painter.fillRect(QRect(QPoint(plot.left(), plot.top()), QPoint(nowX, kTimelineAxisY)), fill(Fill::PlotElapsed));
    paintAxis(painter, dirty);
    for (const PollRecord &record : m_polls) {
        if (pollRect(record).intersects(dirty))
            paintPoll(painter, record);
    }
    paintNow(painter);
}

void PollTimeline::paintAxis(QPainter &painter, const QRect &dirty) const
{
    const QRect plot = plotRect();
    painter.setPen(fill(Fill::PlotAxis));
    painter.drawLine(plot.left(), kTimelineAxisY, plot.right(), kTimelineAxisY);
    const double pxPerMs = static_cast<double>(axisWidth()) / static_cast<double>(spanMs());
    const qint64 step = timelineLabelStepMs(pxPerMs);
    // Minor ticks every second when they are at least 6 px apart.
    const qint64 minor = 1000.0 * pxPerMs >= 6.0 ? 1000 : step;
    const auto firstVisible = [&](qint64 every) {
        const qint64 fromMs = static_cast<qint64>(static_cast<double>(m_offsetPx + dirty.left() - plot.left() - kTimelineLabelGapPx) / pxPerMs);
        return std::max<qint64>(0, fromMs / every * every);
    };
    const qint64 lastMs = static_cast<qint64>(static_cast<double>(m_offsetPx + dirty.right() - plot.left() + kTimelineLabelGapPx) / pxPerMs);
    for (qint64 t = firstVisible(minor); t <= lastMs; t += minor) {
        const int x = toWidgetX(t);
        painter.drawLine(x, kTimelineAxisY, x, kTimelineAxisY + (t % step == 0 ? 4 : 2));
    }
    painter.setPen(mutedColor());
    for (qint64 t = firstVisible(step); t <= lastMs; t += step) {
        const int x = toWidgetX(t);
        // The origin's label starts at its tick, so that it is not cut in half by the edge.
        const QRect box = t == 0 ? QRect(x, kTimelineAxisY + 4, kTimelineLabelGapPx, kTimelineLabelHeight)
                                 : QRect(x - kTimelineLabelGapPx / 2, kTimelineAxisY + 4, kTimelineLabelGapPx, kTimelineLabelHeight);
        painter.drawText(box, (t == 0 ? Qt::AlignLeft : Qt::AlignHCenter) | Qt::AlignTop, timelineSeconds(t));
    }
    // The deadline, when it is in view.
    const int deadline = toWidgetX(m_settings.timeoutMs);
    if (deadline >= plot.left() && deadline <= plot.right()) {
        QPen pen(failColor(), 1, Qt::DashLine);
        painter.setPen(pen);
        painter.drawLine(deadline, kTimelineBandTop, deadline, kTimelineAxisY);
    }
}

void PollTimeline::paintPoll(QPainter &painter, const PollRecord &record) const
{
    const QColor color = decisionColor(record.decision);
    const int sent = toWidgetX(record.sentAtMs);
    const qint64 answeredMs = record.sentAtMs + record.elapsedMs;
    const int answered = std::max(sent + 3, toWidgetX(answeredMs));
    const int middle = kTimelineBandTop + kTimelineBandHeight / 2;

    // The mark where the poll went out, and the bar while it was in flight.
    painter.fillRect(QRect(sent, kTimelineBandTop + 4, 2, kTimelineAxisY - kTimelineBandTop - 4), color);
    painter.fillRect(QRect(QPoint(sent, middle - 6), QPoint(answered, middle + 5)), color);

    // The wait the poller chose before the next poll, up to the end of polling.
    if (record.nextDelayMs > 0) {
        qint64 untilMs = answeredMs + record.nextDelayMs;
        if (!m_running)
            untilMs = std::min(untilMs, m_endedAtMs);
        const int until = toWidgetX(untilMs);
        if (until > answered) {
            QColor wait = color;
            if (record.decision == PollDecision::RateLimited) {
                // Told to wait: a hatched band, so it reads as the server's doing.
                painter.fillRect(QRect(QPoint(answered, middle - 4), QPoint(until, middle + 3)), QBrush(wait, Qt::BDiagPattern));
            } else {
                wait.setAlpha(130);
                painter.fillRect(QRect(QPoint(answered, middle - 1), QPoint(until, middle)), wait);
            }
        }
    }

    // The number above the mark, thinned out when polls are closer than their numbers are wide (the
    // widest number this run can reach, so that the thinning is the same all along).
    const QString number = QString::number(record.number);
    const int intervalMs = std::max(1, m_settings.intervalMs);
    const double pxPerPoll = std::max(1.0, static_cast<double>(axisPx(intervalMs)));
    const QString widest = QString::number(std::max<qint64>(record.number, m_settings.timeoutMs / intervalMs));
    const int needed = painter.fontMetrics().horizontalAdvance(widest) + kTimelineNumberPaddingPx;
    const int every = std::max(1, static_cast<int>(std::ceil(needed / pxPerPoll)));
    if (record.number % every == 0 || record.number == 1) {
        painter.setPen(color);
        const QRect box(sent - kTimelineMarkHalfWidthPx, kTimelineNumberTop, 2 * kTimelineMarkHalfWidthPx + 2, kTimelineNumberHeight);
        painter.drawText(box, Qt::AlignHCenter | Qt::AlignTop, number);
    }
}

void PollTimeline::paintNow(QPainter &painter) const
{
    const QRect plot = plotRect();
    const int x = plot.left() + m_nowPx - m_offsetPx;
    if (x < plot.left() || x > plot.right())
        return;
    painter.fillRect(QRect(x, kTimelineBandTop, 1, kTimelineAxisY - kTimelineBandTop), m_running ? ink(Ink::Accent) : mutedColor());
}

const PollRecord *PollTimeline::pollAt(int x) const
{
    const PollRecord *found = nullptr;
    for (const PollRecord &record : m_polls) {
        const int left = toWidgetX(record.sentAtMs) - 3;
        const int right = toWidgetX(record.sentAtMs + record.elapsedMs + record.nextDelayMs);
        if (x >= left && x <= right)
            found = &record;
    }
    return found;
}

bool PollTimeline::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        if (const PollRecord *record = pollAt(help->pos().x()))
            QToolTip::showText(help->globalPos(), plainToolTip(describe(*record)), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace ui

#include "moc_PollTimeline.cpp"
