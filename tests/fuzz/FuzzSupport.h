#pragma once

// What every fuzz target shares: the input as text, and property checks. A violated property
// aborts like a crash, so libFuzzer keeps the input as a reproducer (scripts/fuzz.sh).

#include "oidc/net/Http.h"

#include <array>
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

// An HTTP answer from fuzz input: the first byte picks one of `statuses`, the rest is the body.
// The input must not be empty.
template <size_t N>
[[nodiscard]] net::HttpResponse httpResponse(const uint8_t *data, size_t size, const std::array<int, N> &statuses)
{
    net::HttpResponse response;
    response.status = statuses[data[0] % N];
    response.body = QByteArray(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));
    return response;
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
