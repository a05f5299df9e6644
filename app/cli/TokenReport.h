#pragma once

// The human-readable times of a decoded token, shared by `decode` and `verify`.

#include "oidc/Json.h"
#include "oidc/jwt/Jwt.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cli {

struct TimeClaim final {
    std::string name;
    int64_t unix = 0;
    std::string utc;
    std::string local;
    std::string relative;
};

[[nodiscard]] std::vector<TimeClaim> timeClaims(const oidc::jwt::DecodedJwt &jwt, int64_t now);
[[nodiscard]] oidc::Json timesJson(const std::vector<TimeClaim> &times);
[[nodiscard]] std::optional<int64_t> secondsUntilExpiry(const oidc::jwt::DecodedJwt &jwt, int64_t now);

} // namespace cli
