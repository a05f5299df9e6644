#pragma once

// Why an API answered a bearer call as it did (RFC 6750 §3.1: 401 for a missing or invalid
// token, 403 for one without the scope the resource needs), from what the caller knows: the token
// it sent — its claims read without verifying them, since the API is the one that verifies — and,
// when the route is known (SampleApi.h), what the route requires. The API's answer is the verdict;
// the checks explain it and say where the token falls short. Pure: the GUI and the CLI show it.

#include "oidc/Json.h"
#include "oidc/descope/BearerCall.h"
#include "oidc/descope/SampleApi.h"
#include "oidc/jwt/ClaimChecks.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace oidc::descope {

struct ApiCallExplanation final {
    int status = 0;
    // One plain sentence, e.g. "403 Forbidden: the token lacks the role \"admin\"".
    std::string headline;
    // In order: "token.sent" (API_TOKEN_MISSING), "token.jwt" (skipped for an opaque token),
    // "exp" (API_TOKEN_EXPIRED), then the route's "scope.<name>" / "role.<name>" checks.
    std::vector<jwt::ClaimCheck> checks;
    // The token's claims as read without verification (null when no token or not a JWT).
    Json untrustedClaims = nullptr;
};

// `token` is what was sent (empty: none); `requirement` is the route's, or nullptr when unknown.
[[nodiscard]] ApiCallExplanation explainApiCall(const BearerCallAnswer &answer, std::string_view token, const ApiRequirement *requirement,
                                                int64_t now);

// "OK", "Unauthorized", "Forbidden", … (RFC 9110 §15), empty for a status it does not name.
[[nodiscard]] std::string statusReason(int status);

} // namespace oidc::descope
