#include "HumanTime.h"

#include <charconv>
#include <ctime>

namespace oidc {

namespace {

void appendNumber(std::string &out, uint64_t value)
{
    char digits[20];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end);
}

void appendTwoDigits(std::string &out, unsigned value)
{
    out += static_cast<char>('0' + value / 10);
    out += static_cast<char>('0' + value % 10);
}

// Works on the magnitude as uint64: -INT64_MIN does not fit an int64.
void appendMagnitude(std::string &out, uint64_t seconds)
{
    struct Unit {
        uint64_t size;
        const char *name;
    };
    static constexpr Unit units[] = {{365 * 86400, "y"}, {86400, "d"}, {3600, "h"}, {60, "min"}, {1, "s"}};
    int shown = 0;
    for (const auto &unit : units) {
        if (shown == 2)
            break;
        const uint64_t count = seconds / unit.size;
        if (count == 0 && shown == 0)
            continue;
        if (count == 0) // stop at the first empty unit after a shown one: "1 h", not "1 h 0 min"
            break;
        if (shown > 0)
            out += ' ';
        appendNumber(out, count);
        out += ' ';
        out += unit.name;
        seconds -= count * unit.size;
        ++shown;
    }
    if (shown == 0)
        out += "0 s";
}

std::string formatMagnitude(uint64_t seconds)
{
    std::string text;
    appendMagnitude(text, seconds);
    return text;
}

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant, "chrono-Compatible Low-Level
// Date Algorithms", civil_from_days): arithmetic only, no time zone database, no locale.
void civilFromDays(int64_t days, int64_t &year, unsigned &month, unsigned &day)
{
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned shiftedMonth = (5 * dayOfYear + 2) / 153; // March = 0
    day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    year = static_cast<int64_t>(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0);
}

} // namespace

std::string formatDuration(int64_t seconds)
{
    std::string text;
    appendDuration(text, seconds);
    return text;
}

void appendDuration(std::string &out, int64_t seconds)
{
    const uint64_t magnitude = seconds < 0 ? 0 - static_cast<uint64_t>(seconds) : static_cast<uint64_t>(seconds);
    appendMagnitude(out, magnitude);
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
    std::string text;
    appendUtc(text, unix);
    return text;
}

void appendUtc(std::string &out, int64_t unix)
{
    // Years 1000–9999 (four digits, as strftime's %Y writes them) by arithmetic; anything else
    // as gmtime/strftime write it, or the number when gmtime cannot.
    constexpr int64_t kYear1000 = -30610224000;  // 1000-01-01 00:00:00 UTC
    constexpr int64_t kYear10000 = 253402300800; // 10000-01-01 00:00:00 UTC
    if (unix >= kYear1000 && unix < kYear10000) {
        const int64_t days = (unix >= 0 ? unix : unix - 86399) / 86400;
        const auto secondOfDay = static_cast<unsigned>(unix - days * 86400);
        int64_t year = 0;
        unsigned month = 0;
        unsigned day = 0;
        civilFromDays(days, year, month, day);
        appendNumber(out, static_cast<uint64_t>(year));
        out += '-';
        appendTwoDigits(out, month);
        out += '-';
        appendTwoDigits(out, day);
        out += ' ';
        appendTwoDigits(out, secondOfDay / 3600);
        out += ':';
        appendTwoDigits(out, secondOfDay / 60 % 60);
        out += ':';
        appendTwoDigits(out, secondOfDay % 60);
        out += " UTC";
        return;
    }
    const std::time_t t = static_cast<std::time_t>(unix);
    std::tm tm{};
    if (!gmtime_r(&t, &tm)) {
        out += std::to_string(unix);
        return;
    }
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S UTC", &tm);
    out += buffer;
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
