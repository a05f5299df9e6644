#pragma once

// Per-endpoint request limits (fixtures "rateLimits" and /sandbox/ratelimits). A limited request
// gets 429 with {"errorCode":"E130429",…} and Retry-After: <seconds> (descope-api.md §1.4).
// Fixed windows per rule, on a monotonic clock (the sandbox clock offset does not move them).

#include "sandbox/Fixtures.h"

#include <QByteArrayView>

#include <cstdint>
#include <optional>
#include <vector>

namespace sandbox {

class RateLimiter final {
public:
    void setRules(std::vector<RateLimitRule> rules);
    void addRule(RateLimitRule rule);
    void clear() { setRules({}); }
    [[nodiscard]] std::vector<RateLimitRule> rules() const;
    [[nodiscard]] bool isEmpty() const { return m_entries.empty(); }

    // Counts the request against every matching rule; returns the Retry-After seconds when any
    // rule is over its limit.
    std::optional<int> check(QByteArrayView path, QByteArrayView routePattern, int64_t nowMs);
    std::optional<int> check(QByteArrayView path, QByteArrayView routePattern);

    static int64_t monotonicMs();

private:
    struct Entry final {
        RateLimitRule rule;
        int64_t windowStartMs = -1;
        int count = 0;
    };
    std::vector<Entry> m_entries;
};

} // namespace sandbox
