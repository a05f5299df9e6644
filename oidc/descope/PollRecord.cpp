#include "PollRecord.h"

#include "oidc/descope/DescopeError.h"
#include "oidc/descope/DescopeResponse.h"

#include <QDateTime>

#include <algorithm>

namespace oidc::descope {

namespace {

constexpr qint64 kMaxRetryAfterMs = qint64(kMaxPollTimeoutMs);

std::string seconds(qint64 ms)
{
    return std::to_string(ms / 1000) + (ms % 1000 ? "." + std::to_string(ms % 1000 / 100) : std::string()) + " s";
}

PollVerdict again(PollDecision decision, qint64 delayMs, std::string code, std::string detail)
{
    return PollVerdict{decision, delayMs, std::move(code), std::move(detail), std::nullopt};
}

PollVerdict refused(Error error)
{
    PollVerdict verdict{PollDecision::Refused, 0, error.code, "refused: " + error.message, std::nullopt};
    verdict.error = std::move(error);
    return verdict;
}

// Retry-After when the answer has one (bounded), but never less than one interval (rp-checks P2).
qint64 waitBeforeNext(const net::HttpResponse &response, qint64 interval, qint64 now)
{
    return std::max(interval, std::min(retryAfterMs(response, now).value_or(0), kMaxRetryAfterMs));
}

// An answer that is not 2xx: pending, rate limited, transient or refused.
PollVerdict classifyRefusal(const net::HttpResponse &response, const PollSettings &settings, qint64 now)
{
    const qint64 interval = settings.intervalMs;
    if (response.status >= 300 && response.status < 400)
        return refused(processDescopeJson(response).error());
    Error error = processDescopeError(response);
    const auto &pending = settings.pendingCodes;
    if (response.status == 401 && std::find(pending.begin(), pending.end(), error.code) != pending.end())
        return again(PollDecision::Pending, interval, error.code, "pending (" + error.code + "): not verified yet");
    if (response.status == 429) {
        const auto retry = retryAfterMs(response, now);
        const qint64 wait = waitBeforeNext(response, interval, now);
        return again(PollDecision::RateLimited, wait, error.code,
                     "rate limited: " + (retry ? "Retry-After " + seconds(*retry) : std::string("no Retry-After")) + ", next poll in " + seconds(wait));
    }
    if (response.status >= 500) {
        const qint64 wait = waitBeforeNext(response, interval, now); // a 503 may say when to come back
        PollVerdict verdict = again(PollDecision::Transient, wait, error.code,
                                    "HTTP " + std::to_string(response.status) + ": transient, next poll in " + seconds(wait));
        verdict.error = std::move(error);
        return verdict;
    }
    return refused(std::move(error));
}

} // namespace

PollPlan normalizePollSettings(PollSettings settings, int minimumIntervalMs)
{
    PollPlan plan;
    if (settings.intervalMs < minimumIntervalMs) {
        plan.warnings.push_back("polling interval " + std::to_string(settings.intervalMs) + " ms raised to the minimum of "
                                + std::to_string(minimumIntervalMs) + " ms");
        settings.intervalMs = minimumIntervalMs;
    }
    if (settings.timeoutMs <= 0 || settings.timeoutMs > kMaxPollTimeoutMs) {
        plan.warnings.push_back("polling timeout " + std::to_string(settings.timeoutMs) + " ms set to the maximum of "
                                + std::to_string(kMaxPollTimeoutMs) + " ms");
        settings.timeoutMs = kMaxPollTimeoutMs;
    }
    plan.settings = std::move(settings);
    return plan;
}

std::string_view pollDecisionName(PollDecision decision)
{
    switch (decision) {
    case PollDecision::Pending: return "pending";
    case PollDecision::RateLimited: return "rate-limited";
    case PollDecision::Transient: return "transient";
    case PollDecision::Done: return "done";
    case PollDecision::Refused: return "refused";
    }
    return "pending";
}

std::optional<qint64> retryAfterMs(const net::HttpResponse &response, qint64 nowMsSinceEpoch)
{
    const QByteArray value = response.header("Retry-After").trimmed();
    if (value.isEmpty())
        return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return value.size() <= 9 ? value.toLongLong() * 1000 : kMaxRetryAfterMs;
    const QDateTime date = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (!date.isValid())
        return std::nullopt;
    return std::max<qint64>(0, date.toMSecsSinceEpoch() - nowMsSinceEpoch);
}

PollVerdict classifyPoll(const Result<net::HttpResponse> &answer, const PollSettings &settings, qint64 nowMsSinceEpoch)
{
    if (!answer) {
        const Error sorted = descopeTransportError(answer.error());
        // An answer that came and cannot be used would come again: that ends polling. No answer
        // at all (refused, reset, timeout, TLS, cut off mid-body) is transient (rp-checks P4).
        if (sorted.category == ErrorCategory::Descope && sorted.code != "DESCOPE_ANSWER_TRUNCATED")
            return refused(sorted);
        PollVerdict verdict = again(PollDecision::Transient, settings.intervalMs, answer.error().code,
                                    "no answer (" + answer.error().code + "): transient, polling on");
        verdict.error = answer.error();
        return verdict;
    }
    if (answer->isSuccess())
        return again(PollDecision::Done, 0, {}, "HTTP " + std::to_string(answer->status) + ": the session is ready");
    return classifyRefusal(*answer, settings, nowMsSinceEpoch);
}

} // namespace oidc::descope
