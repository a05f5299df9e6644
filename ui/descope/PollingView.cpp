#include "PollingView.h"

#include "ui/UiText.h"
#include "ui/descope/PollTimeline.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include <QLabel>
#include <QProgressBar>

#include <algorithm>

namespace ui {

using namespace oidc::descope;

namespace {

QString pollingClockText(int seconds)
{
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString pollingSecondsText(qint64 ms)
{
    return QStringLiteral("%1 s").arg(static_cast<double>(ms) / 1000.0, 0, 'f', 1);
}

} // namespace

PollingView::PollingView(QWidget *parent)
    : QWidget(parent)
    , m_number(plainLabel(QStringLiteral("—")))
    , m_numberCaption(typeLabel(Type::Caption))
    , m_timeline(new PollTimeline)
    , m_remaining(new QProgressBar)
    , m_interval(typeLabel(Type::Caption))
    , m_lastPoll(plainLabel(QString()))
    , m_warnings(toneLabel(QStringLiteral("pollWarningsLabel"), Tone::Warning))
{
    setObjectName(QStringLiteral("pollingView"));
    m_remaining->setObjectName(QStringLiteral("remainingBar"));
    m_remaining->setTextVisible(true);
    m_interval->setObjectName(QStringLiteral("intervalLabel"));
    m_lastPoll->setObjectName(QStringLiteral("lastPollLabel"));
    m_lastPoll->setWordWrap(true);
    m_lastPoll->setTextInteractionFlags(Qt::TextSelectableByMouse);

    QVBoxLayout *polls = layout::column({layout::Item(m_timeline), buildLegend(), m_remaining, m_interval, layout::Stretch{}},
                                        {.margins = layout::kFlush, .spacing = 4});
    layout::attach(this, layout::column({layout::row({buildNumber(), layout::Item(polls, 1)}, {.margins = layout::kFlush, .spacing = 14}),
                                         m_lastPoll, m_warnings, layout::Stretch{}},
                                        {.margins = layout::kFlush, .spacing = 6}));
    connect(m_timeline, &PollTimeline::ticked, this, &PollingView::showRemaining);
    clear();
}

QWidget *PollingView::buildNumber()
{
    m_number->setObjectName(QStringLiteral("linkNumberLabel"));
    m_number->setAlignment(Qt::AlignCenter);
    QFont font = m_number->font();
    font.setPointSizeF(font.pointSizeF() * 3.2);
    font.setWeight(QFont::Bold);
    m_number->setFont(font);
    m_number->setMinimumWidth(120);
    setBox(m_number, Box::BigNumber, QStringLiteral("border-radius: 6px; padding: 4px 12px;"));
    m_numberCaption->setObjectName(QStringLiteral("linkNumberCaption"));
    m_numberCaption->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_numberCaption->setMaximumWidth(180);
    QWidget *box = layout::widget(layout::column({m_number, m_numberCaption, layout::Stretch{}}, {.margins = layout::kFlush, .spacing = 4}));
    box->setFixedWidth(180);
    return box;
}

QWidget *PollingView::buildLegend()
{
    QHBoxLayout *row = layout::row({}, {.margins = layout::kFlush, .spacing = 14});
    static constexpr std::pair<PollDecision, const char *> kDecisions[] = {
        {PollDecision::Pending, "pending"},
        {PollDecision::RateLimited, "rate limited"},
        {PollDecision::Transient, "transient"},
        {PollDecision::Done, "done"},
        {PollDecision::Refused, "refused"},
    };
    for (const auto &[decision, name] : kDecisions) {
        QLabel *label = plainLabel(QStringLiteral("■ ") + QString::fromUtf8(name));
        QPalette palette = label->palette();
        palette.setColor(QPalette::WindowText, PollTimeline::decisionColor(decision));
        label->setPalette(palette);
        if (decision == PollDecision::RateLimited)
            label->setToolTip(QStringLiteral("429: the hatched band is the wait Descope asked for (Retry-After), at least one interval"));
        else if (decision == PollDecision::Transient)
            label->setToolTip(QStringLiteral("A 5xx or no answer: polled again after one interval, until the timeout"));
        row->addWidget(label);
    }
    row->addStretch(1);
    return layout::widget(row);
}

void PollingView::showSending(const QString &loginId)
{
    clear();
    m_numberCaption->setText(QStringLiteral("Sending the email to %1…").arg(loginId));
}

void PollingView::showLinkSent(const EnchantedLinkStarted &started, const PollPlan &plan)
{
    m_number->setText(qs(started.linkId));
    m_numberCaption->setText(QStringLiteral("Click the link with this number in the email to %1.")
                                 .arg(started.maskedEmail.empty() ? QStringLiteral("the user") : qs(started.maskedEmail)));
    m_sent = true;
    m_timeoutSeconds = std::max(1, plan.settings.timeoutMs / 1000);
    m_shownLeft = -1;
    m_remaining->setRange(0, m_timeoutSeconds);
    showRemaining(0);
    m_interval->setText(QStringLiteral("A poll every %1, the first after one interval; gives up after %2.")
                            .arg(pollingSecondsText(plan.settings.intervalMs), pollingClockText(m_timeoutSeconds)));
    m_interval->setToolTip(QStringLiteral("Polling ends with a session (200), a refusal, or the timeout. 401 E062503 means \"not yet\"; "
                                          "a 429 waits its Retry-After (at least one interval); a 5xx or no answer is retried after one "
                                          "interval (descope-api.md §5, the core's Poller)."));
    QStringList warnings;
    for (const std::string &warning : plan.warnings)
        warnings << qs(warning);
    m_warnings->setText(warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!warnings.isEmpty());
    m_lastPoll->setText(QStringLiteral("Waiting for the first poll…"));
    m_timeline->begin(plan.settings);
}

void PollingView::addPoll(const PollRecord &record)
{
    m_timeline->addPoll(record);
    QString text = PollTimeline::describe(record);
    if (record.nextDelayMs > 0)
        text += QStringLiteral(" · next poll in %1").arg(pollingSecondsText(record.nextDelayMs));
    m_lastPoll->setText(text);
}

void PollingView::showEnd(const SessionOutcome &outcome)
{
    m_timeline->end();
    showRemaining(m_timeline->elapsedMs());
    const size_t polls = m_timeline->polls().size();
    const QString elapsed = pollingSecondsText(m_timeline->elapsedMs());
    if (outcome.ok())
        m_lastPoll->setText(QStringLiteral("Signed in after %1 poll(s) in %2.").arg(polls).arg(elapsed));
    else if (!m_sent)
        m_lastPoll->setText(QStringLiteral("No link was sent (%1).").arg(qs(outcome.result.error().code)));
    else
        m_lastPoll->setText(QStringLiteral("Polling ended after %1 poll(s) in %2 (%3).").arg(polls).arg(elapsed, qs(outcome.result.error().code)));
    // The poller's deadline is the word on the time left: its timer may fire a little before ours
    // has counted the whole timeout.
    if (!outcome.ok() && outcome.result.error().code == "POLL_TIMEOUT") {
        m_shownLeft = 0;
        m_remaining->setValue(0);
        m_remaining->setFormat(QStringLiteral("timed out after %1").arg(pollingClockText(m_timeoutSeconds)));
    }
}

void PollingView::clear()
{
    m_number->setText(QStringLiteral("—"));
    m_numberCaption->setText(QStringLiteral("The number to match appears here once the email is sent."));
    m_timeline->clear();
    m_sent = false;
    m_timeoutSeconds = 0;
    m_shownLeft = -1;
    m_remaining->setRange(0, 1);
    m_remaining->setValue(0);
    m_remaining->setFormat(QStringLiteral("not polling"));
    m_interval->setText(QString());
    m_lastPoll->setText(QString());
    m_warnings->hide();
}

void PollingView::showRemaining(qint64 elapsedMs)
{
    if (m_timeoutSeconds <= 0)
        return;
    // Whole seconds (to the nearest): the bar and its text change once a second, not every frame.
    const int left = std::clamp(m_timeoutSeconds - static_cast<int>((elapsedMs + 500) / 1000), 0, m_timeoutSeconds);
    if (left == m_shownLeft)
        return;
    m_shownLeft = left;
    m_remaining->setValue(left);
    m_remaining->setFormat(QStringLiteral("%1 left of %2 until polling gives up").arg(pollingClockText(left), pollingClockText(m_timeoutSeconds)));
}

} // namespace ui

#include "moc_PollingView.cpp"
