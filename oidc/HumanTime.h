#pragma once

// Times for people: "4 min 12 s", "2026-11-22 10:15:00 UTC".

#include <cstdint>
#include <string>

namespace oidc {

// Largest two units: "3 d 4 h", "4 min 12 s", "12 s". Negative values use their magnitude.
[[nodiscard]] std::string formatDuration(int64_t seconds);
// "in 4 min 12 s" / "4 min 12 s ago" / "now", relative to `now`.
[[nodiscard]] std::string formatRelative(int64_t unix, int64_t now);
[[nodiscard]] std::string formatUtc(int64_t unix);   // ISO-like, UTC: "2026-11-22 10:15:00 UTC"
[[nodiscard]] std::string formatLocal(int64_t unix); // local time with the zone's abbreviation

// The same texts appended to `out`, for texts built on hot paths (every validated token's checks).
void appendDuration(std::string &out, int64_t seconds);
void appendUtc(std::string &out, int64_t unix);

} // namespace oidc
