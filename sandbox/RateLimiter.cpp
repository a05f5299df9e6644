#include "RateLimiter.h"

#include "sandbox/FaultInjector.h"

#include <algorithm>
#include <chrono>

namespace sandbox {

int64_t RateLimiter::monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void RateLimiter::setRules(std::vector<RateLimitRule> rules)
{
    m_entries.clear();
    for (auto &rule : rules)
        addRule(std::move(rule));
}

void RateLimiter::addRule(RateLimitRule rule)
{
    // One rule per endpoint: a new one replaces the old.
    std::erase_if(m_entries, [&](const Entry &entry) { return entry.rule.endpoint == rule.endpoint; });
    rule.windowSeconds = std::max(rule.windowSeconds, 1);
    m_entries.push_back(Entry{std::move(rule), -1, 0});
}

std::vector<RateLimitRule> RateLimiter::rules() const
{
    std::vector<RateLimitRule> out;
    for (const auto &entry : m_entries)
        out.push_back(entry.rule);
    return out;
}

std::optional<int> RateLimiter::check(QByteArrayView path, QByteArrayView routePattern)
{
    if (m_entries.empty())
        return std::nullopt;
    return check(path, routePattern, monotonicMs());
}

std::optional<int> RateLimiter::check(QByteArrayView path, QByteArrayView routePattern, int64_t nowMs)
{
    std::optional<int> retryAfter;
    for (auto &entry : m_entries) {
        if (!pathFilterMatches(entry.rule.endpoint, path, routePattern))
            continue;
        const int64_t windowMs = int64_t{entry.rule.windowSeconds} * 1000;
        if (entry.windowStartMs < 0 || nowMs - entry.windowStartMs >= windowMs) {
            entry.windowStartMs = nowMs;
            entry.count = 0;
        }
        ++entry.count;
        if (entry.count > entry.rule.limit) {
            const int64_t leftMs = entry.windowStartMs + windowMs - nowMs;
            const int seconds = static_cast<int>(std::max<int64_t>(1, (leftMs + 999) / 1000));
            retryAfter = std::max(retryAfter.value_or(0), seconds);
        }
    }
    return retryAfter;
}

} // namespace sandbox
