#pragma once

// The sandbox's notion of "now": the system clock plus an offset that QA can move
// (POST /sandbox/clock), so expiry can be demonstrated without waiting. The offset stays within
// ±kMaxOffsetSeconds whatever is asked (setting clamps, advancing saturates), so now() cannot
// overflow (issue 14, defect 10: an offset of 2^63 - 1 did).

#include <QDateTime>

#include <algorithm>
#include <cstdint>

namespace sandbox {

class Clock final {
public:
    // Ten years either way: far beyond every lifetime in the fixtures (30 minutes at most).
    static constexpr int64_t kMaxOffsetSeconds = int64_t{10} * 366 * 86400;

    [[nodiscard]] static bool isValidOffset(int64_t offset)
    {
        return offset >= -kMaxOffsetSeconds && offset <= kMaxOffsetSeconds;
    }

    [[nodiscard]] int64_t now() const { return QDateTime::currentSecsSinceEpoch() + m_offsetSeconds; }
    [[nodiscard]] int64_t offsetSeconds() const { return m_offsetSeconds; }
    void setOffsetSeconds(int64_t offset) { m_offsetSeconds = std::clamp(offset, -kMaxOffsetSeconds, kMaxOffsetSeconds); }

    // Whether advance(seconds) keeps the offset within range (computed without overflow: the
    // offset is within range, so both bounds below are too).
    [[nodiscard]] bool canAdvance(int64_t seconds) const
    {
        return seconds >= -kMaxOffsetSeconds - m_offsetSeconds && seconds <= kMaxOffsetSeconds - m_offsetSeconds;
    }
    void advance(int64_t seconds)
    {
        if (canAdvance(seconds))
            m_offsetSeconds += seconds;
        else
            m_offsetSeconds = seconds > 0 ? kMaxOffsetSeconds : -kMaxOffsetSeconds;
    }

private:
    int64_t m_offsetSeconds = 0;
};

} // namespace sandbox
