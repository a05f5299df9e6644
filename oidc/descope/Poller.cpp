#include "Poller.h"

#include <QDateTime>

#include <algorithm>

namespace oidc::descope {

namespace {

Error pollError(std::string code, std::string message, std::string actual = {})
{
    return makeError(ErrorCategory::Poll, std::move(code), std::move(message), {}, std::move(actual));
}

} // namespace

Poller::Poller(net::HttpTransport &transport, net::HttpRequest request, PollSettings settings, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_request(std::move(request))
    , m_requested(settings)
    , m_plan(normalizePollSettings(std::move(settings)))
{
    m_next.setSingleShot(true);
    m_deadline.setSingleShot(true);
    m_next.setTimerType(Qt::PreciseTimer);
    connect(&m_next, &QTimer::timeout, this, &Poller::poll);
    connect(&m_deadline, &QTimer::timeout, this, &Poller::timedOut);
}

Poller::~Poller()
{
    // A request still in flight is aborted with its context (this); its callback never runs.
    m_finished = true;
}

void Poller::lowerMinimumInterval(int minimumIntervalMs)
{
    if (!m_started)
        m_plan = normalizePollSettings(m_requested, std::max(0, minimumIntervalMs));
}

void Poller::start(Observer observer, Done done)
{
    if (m_started)
        return;
    m_started = true;
    m_observer = std::move(observer);
    m_done = std::move(done);
    m_clock.start();
    m_deadline.start(m_plan.settings.timeoutMs);
    m_next.start(m_plan.settings.intervalMs);
}

void Poller::cancel()
{
    if (!m_started || m_finished)
        return;
    finish(pollError("POLL_CANCELLED", "polling cancelled after " + std::to_string(m_records.size()) + " poll(s)"));
}

void Poller::poll()
{
    if (m_finished)
        return;
    net::HttpRequest request = m_request;
    const qint64 remaining = std::max<qint64>(1, m_plan.settings.timeoutMs - m_clock.elapsed());
    request.timeoutMs = static_cast<int>(std::min<qint64>(request.timeoutMs, remaining));
    const qint64 sentAt = m_clock.elapsed();
    const qint64 sentEpoch = QDateTime::currentMSecsSinceEpoch();
    m_inFlight = m_transport.send(std::move(request), this, [this, sentAt, sentEpoch](Result<net::HttpResponse> answer) {
        answered(std::move(answer), sentAt, sentEpoch);
    });
}

void Poller::answered(Result<net::HttpResponse> answer, qint64 sentAtMs, qint64 sentMsSinceEpoch)
{
    if (m_finished)
        return;
    m_inFlight = {};
    const PollVerdict verdict = classifyPoll(answer, m_plan.settings, QDateTime::currentMSecsSinceEpoch());
    PollRecord record;
    record.number = static_cast<int>(m_records.size()) + 1;
    record.sentAtMs = sentAtMs;
    record.sentMsSinceEpoch = sentMsSinceEpoch;
    record.elapsedMs = m_clock.elapsed() - sentAtMs;
    record.status = answer ? answer->status : answer.error().httpStatus;
    record.code = verdict.code;
    record.decision = verdict.decision;
    record.nextDelayMs = verdict.delayMs;
    record.detail = verdict.detail;
    m_records.push_back(record);
    if (verdict.decision == PollDecision::Transient)
        m_lastTransient = verdict.error;
    if (m_observer)
        m_observer(m_records.back());
    if (m_finished) // the observer cancelled
        return;
    if (verdict.decision == PollDecision::Done)
        finish(std::move(answer));
    else if (verdict.decision == PollDecision::Refused)
        finish(*verdict.error);
    else
        m_next.start(static_cast<int>(verdict.delayMs));
}

void Poller::timedOut()
{
    if (m_finished)
        return;
    std::string message = "no session within " + std::to_string(m_plan.settings.timeoutMs / 1000) + " s after "
        + std::to_string(m_records.size()) + " poll(s)";
    std::string actual;
    if (m_lastTransient) {
        message += "; the last failure was " + m_lastTransient->code + ": " + m_lastTransient->message;
        actual = m_lastTransient->code;
    }
    finish(pollError("POLL_TIMEOUT", std::move(message), std::move(actual)));
}

void Poller::finish(Result<net::HttpResponse> result)
{
    m_finished = true;
    m_next.stop();
    m_deadline.stop();
    // Cancelling delivers NET_CANCELLED to answered() at once, which ignores it (m_finished).
    std::exchange(m_inFlight, {}).cancel();
    Done done = std::move(m_done);
    m_done = nullptr;
    if (done)
        done(PollOutcome{std::move(result), m_records}); // may delete this: nothing after it
}

} // namespace oidc::descope

#include "moc_Poller.cpp"
