#pragma once

// What every fuzz target shares: the input as text, and property checks. A violated property
// aborts like a crash, so libFuzzer keeps the input as a reproducer (scripts/fuzz.sh).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace oidc::fuzz {

[[nodiscard]] inline std::string_view asText(const uint8_t *data, size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

// A property the code under test promises (a round trip, a bound, no echo of secrets).
inline void require(bool holds, const char *property)
{
    if (!holds) {
        std::fprintf(stderr, "fuzz property violated: %s\n", property);
        std::abort();
    }
}

} // namespace oidc::fuzz
