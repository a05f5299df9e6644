#pragma once

// Descope error codes the sandbox answers with (descope-api.md §13). Statuses marked INFERRED
// in the comments are the sandbox's choice where the reference has no source.

namespace sandbox::errc {

inline constexpr const char *kBadRequest = "E011001";          // 400: malformed body (415: an admin POST that is not JSON: INFERRED)
inline constexpr const char *kMissingArguments = "E011002";    // 400 (401 when a token is missing: INFERRED)
inline constexpr const char *kInvalidRequest = "E011003";      // 400 (401 for bad tokens / project and a disabled user, 403 for a foreign Origin on an admin route: INFERRED)
inline constexpr const char *kInvalidArguments = "E011004";    // 400 (also a clock offset out of range)
inline constexpr const char *kWrongOtpCode = "E061102";        // 401 (INFERRED status)
inline constexpr const char *kTooManyOtpAttempts = "E061103";  // 401 (INFERRED status)
inline constexpr const char *kUserAlreadyExists = "E062107";   // 400 (INFERRED status)
inline constexpr const char *kUserNotFound = "E062108";        // 400 (INFERRED status)
inline constexpr const char *kEnchantedLinkPending = "E062503"; // 401 (confirmed)
inline constexpr const char *kMissingAccessKey = "E062802";    // 401 (INFERRED status)
inline constexpr const char *kInvalidAccessKey = "E062803";    // 401 (INFERRED status)
inline constexpr const char *kTokenExpiredByLoggedOut = "E064001"; // 401 (INFERRED)
// Management API (issue 15). Statuses INFERRED: Descope answers 4xx with these bodies.
inline constexpr const char *kMgmtUserNotFound = "E112102";    // 400 (GO: management user not found)
inline constexpr const char *kRateLimitExceeded = "E130429";   // 429 + Retry-After (confirmed)

} // namespace sandbox::errc
