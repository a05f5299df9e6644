#pragma once

// The data of polling (descope-api.md §5 "Polling behaviour by SDK"; rp-checks P1–P7): the settings
// and their limits, and one record per poll — when it went out, what came back and what the poller
// decided — so a GUI can draw the timeline and the CLI can count the polls.

#include "oidc/Result.h"
#include "oidc/net/Http.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oidc::descope {

// core-js MIN_POLLING_INTERVAL_MS and MAX_POLLING_TIMEOUT_MS (normalizeWaitForSessionConfig).
constexpr int kDefaultPollIntervalMs = 1000;
constexpr int kMinPollIntervalMs = 1000;
constexpr int kMaxPollTimeoutMs = 10 * 60 * 1000;

struct PollSettings final {
    int intervalMs = kDefaultPollIntervalMs; // between polls; the first poll waits one interval too
    int timeoutMs = kMaxPollTimeoutMs;       // overall deadline
    // 401 with one of these errorCodes means "not yet": E062503 (enchanted link pending); NOTP
    // polling would add E066103 (§13).
    std::vector<std::string> pendingCodes{"E062503"};
};

struct PollPlan final {
    PollSettings settings;             // within the limits
    std::vector<std::string> warnings; // what was changed, for the user
};

// Raises an interval under `minimumIntervalMs` to it and caps the timeout at kMaxPollTimeoutMs (a
// timeout of 0 or less becomes the maximum), each change with a warning, as core-js does silently.
[[nodiscard]] PollPlan normalizePollSettings(PollSettings settings, int minimumIntervalMs = kMinPollIntervalMs);

enum class PollDecision {
    Pending,     // 401 + a pending code: poll again after one interval (P1)
    RateLimited, // 429: wait Retry-After (seconds or HTTP date), at least one interval (P2)
    Transient,   // 5xx, or no answer: poll again after one interval, until the deadline (P4)
    Done,        // 2xx: the answer is the result
    Refused,     // any other answer: polling ends with its error (P7)
};

[[nodiscard]] std::string_view pollDecisionName(PollDecision decision); // "pending", "rate-limited", …

struct PollRecord final {
    int number = 0;                // 1, 2, …
    qint64 sentAtMs = 0;           // since polling started
    qint64 sentMsSinceEpoch = 0;
    qint64 elapsedMs = 0;          // until the answer (or the failure)
    int status = 0;                // 0: no answer
    std::string code;              // the Descope errorCode, or the transport's error code; empty on 2xx
    PollDecision decision = PollDecision::Pending;
    qint64 nextDelayMs = 0;        // the wait before the next poll (Pending, RateLimited, Transient)
    std::string detail;            // one line: why
};

struct PollVerdict final {
    PollDecision decision = PollDecision::Pending;
    qint64 delayMs = 0;          // before the next poll
    std::string code;            // as PollRecord::code
    std::string detail;
    std::optional<Error> error;  // Refused: the error polling ends with; Transient: what went wrong
};

// What one poll's answer means (pure). `nowMsSinceEpoch` resolves a Retry-After HTTP date.
// Refusals: the processDescopeError error of the answer (category DESCOPE), DESCOPE_REDIRECT for a
// 3xx, and the transport's unusable answers (DESCOPE_ANSWER_TOO_LARGE, DESCOPE_REDIRECT).
[[nodiscard]] PollVerdict classifyPoll(const Result<net::HttpResponse> &answer, const PollSettings &settings, qint64 nowMsSinceEpoch);

// Retry-After (RFC 9110 §10.2.3) in milliseconds: delay-seconds or an HTTP date; nullopt when
// absent or unreadable. A date in the past is 0.
[[nodiscard]] std::optional<qint64> retryAfterMs(const net::HttpResponse &response, qint64 nowMsSinceEpoch);

} // namespace oidc::descope
