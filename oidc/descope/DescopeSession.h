#pragma once

// A Descope session as the client keeps it: only built from a JWT response whose session JWT
// passed every check (SessionValidator, and the roles / permissions / tenant asked for). A session
// JWT that fails a check never becomes a session: its claims travel as untrustedClaims, beside
// the checks that say why.

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/descope/AuthorizationChecks.h"
#include "oidc/descope/JwtResponse.h"
#include "oidc/descope/SessionClaims.h"
#include "oidc/descope/SessionValidator.h"

#include <optional>
#include <string>
#include <vector>

namespace oidc::descope {

struct DescopeSession final {
    std::string sessionJwt;
    std::string refreshJwt;                   // empty for an access key (§10: no refresh JWT)
    TokenSource sessionSource = TokenSource::Absent;
    TokenSource refreshSource = TokenSource::Absent;
    jwt::DecodedJwt session;                  // the validated session JWT
    std::string userId;                       // user.userId, else dsub, else sub (an access key's ID)
    std::vector<std::string> loginIds;        // user.loginIds
    int64_t expiresAt = 0;                    // the session JWT's exp
    std::optional<int64_t> refreshExpiresAt;  // the refresh JWT's exp (read, as Go does), else cookieExpiration
    std::optional<DescopeUser> user;
    bool firstSeen = false;
    std::vector<jwt::ClaimCheck> checks;      // every check, all passed or skipped
    std::vector<ClaimNote> notes;             // su and amr in words
};

struct SessionOutcome final {
    Result<DescopeSession> result = makeError(ErrorCategory::Descope, "DESCOPE_NOT_RUN", "no session yet");
    std::vector<jwt::ClaimCheck> checks; // every check run, passed or failed (empty when none could run)
    Json untrustedClaims = nullptr;      // the claims of a session JWT that failed a check

    [[nodiscard]] bool ok() const { return result.ok(); }
};

// An outcome without a session: an error before any check ran.
[[nodiscard]] SessionOutcome failedOutcome(Error error);

// The session of `tokens`, or why not: DESCOPE_NO_SESSION_JWT (category DESCOPE) when there is no
// session JWT, the SessionValidator error (KEYS, CLOCK or IDT), or the first failed authorization
// check (IDT: DESCOPE_TENANT_NOT_ASSOCIATED, DESCOPE_ROLE_MISSING, DESCOPE_PERMISSION_MISSING).
// Pure and thread-safe.
[[nodiscard]] SessionOutcome evaluateSession(const JwtResponse &tokens, const crypto::JsonWebKeySet &keys, const DescopeProject &project,
                                             const AuthorizationRequirements &requirements = {}, const SessionCheckOptions &options = {});

} // namespace oidc::descope
