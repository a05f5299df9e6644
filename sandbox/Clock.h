#pragma once

// The sandbox's notion of "now": the system clock plus an offset that QA can move
// (POST /sandbox/clock), so expiry can be demonstrated without waiting.

#include <QDateTime>

#include <cstdint>

namespace sandbox {

class Clock final {
public:
    [[nodiscard]] int64_t now() const { return QDateTime::currentSecsSinceEpoch() + m_offsetSeconds; }
    [[nodiscard]] int64_t offsetSeconds() const { return m_offsetSeconds; }
    void setOffsetSeconds(int64_t offset) { m_offsetSeconds = offset; }
    void advance(int64_t seconds) { m_offsetSeconds += seconds; }

private:
    int64_t m_offsetSeconds = 0;
};

} // namespace sandbox
