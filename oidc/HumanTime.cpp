#include "HumanTime.h"

#include <ctime>

namespace oidc {

namespace {

// Works on the magnitude as uint64: -INT64_MIN does not fit an int64.
std::string formatMagnitude(uint64_t seconds)
{
    struct Unit {
        uint64_t size;
        const char *name;
    };
    static constexpr Unit units[] = {{365 * 86400, "y"}, {86400, "d"}, {3600, "h"}, {60, "min"}, {1, "s"}};
    std::string text;
    int shown = 0;
    for (const auto &unit : units) {
        if (shown == 2)
            break;
        const uint64_t count = seconds / unit.size;
        if (count == 0 && shown == 0)
            continue;
        if (count == 0) // stop at the first empty unit after a shown one: "1 h", not "1 h 0 min"
            break;
        text += (text.empty() ? "" : " ") + std::to_string(count) + " " + unit.name;
        seconds -= count * unit.size;
        ++shown;
    }
    return text.empty() ? "0 s" : text;
}

} // namespace

std::string formatDuration(int64_t seconds)
{
    const uint64_t magnitude = seconds < 0 ? 0 - static_cast<uint64_t>(seconds) : static_cast<uint64_t>(seconds);
    return formatMagnitude(magnitude);
}

std::string formatRelative(int64_t unix, int64_t now)
{
    if (unix == now)
        return "now";
    // The difference of two int64 always fits a uint64 (modular subtraction is exact here).
    if (unix > now)
        return "in " + formatMagnitude(static_cast<uint64_t>(unix) - static_cast<uint64_t>(now));
    return formatMagnitude(static_cast<uint64_t>(now) - static_cast<uint64_t>(unix)) + " ago";
}

std::string formatUtc(int64_t unix)
{
    const std::time_t t = static_cast<std::time_t>(unix);
    std::tm tm{};
    if (!gmtime_r(&t, &tm))
        return std::to_string(unix);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return buffer;
}

std::string formatLocal(int64_t unix)
{
    const std::time_t t = static_cast<std::time_t>(unix);
    std::tm tm{};
    if (!localtime_r(&t, &tm))
        return std::to_string(unix);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S %Z", &tm);
    return buffer;
}

} // namespace oidc
