#pragma once

// Validating a Descope session JWT locally (descope-api.md §2.4), as the SDKs' validateSession
// does, each check reported as data like the ID-token checks (id, rule, outcome, detail):
//   session.signature  a key of the project's JWKS (<base>/v2/keys/<projectId>, §2.3) verifies it;
//                      the header never picks the algorithm or the key
//   session.iss        the project's: the bare project ID, or a URL whose last path segment is
//                      the project ID — or the one before it (an app-scoped issuer) — as node's
//                      issuerMatchesProject; Go and Python take the last segment (§2.2). The detail
//                      says whether it is exactly <base>/<projectId>.
//   session.exp        before exp plus the leeway (5 s: node's clockTolerance, Go's JWTLeeway)
//   session.nbf, session.iat  not in the future beyond the leeway
//   session.sub        present (Swift refuses a token without it)
//   session.drn        "DS": a session JWT, not a refresh JWT (Go tells them apart by it, §2.1)
// Pure and thread-safe: the client runs it off the GUI thread.

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/descope/DescopeProject.h"
#include "oidc/jwt/ClaimChecks.h"
#include "oidc/jwt/Jwt.h"

#include <optional>
#include <vector>

namespace oidc::descope {

struct SessionCheckOptions final {
    int64_t leewaySeconds = 5;
    std::optional<int64_t> now;                      // Unix seconds; the system clock when absent
    std::vector<crypto::JwsAlgorithm> algorithms;    // empty: every asymmetric algorithm (Descope signs RS256)
    const char *expectedDrn = "DS";                  // "DSR" to check a refresh JWT the same way
};

struct SessionValidation final {
    std::optional<jwt::DecodedJwt> jwt;  // absent when decoding failed
    std::vector<jwt::ClaimCheck> checks; // session.signature, .iss, .exp, .nbf, .iat, .sub, .drn
    std::optional<Error> error;          // decoding error or the first failed check

    [[nodiscard]] bool ok() const { return !error.has_value(); }
    // The signature failed on a kid the key set does not have: the keys may have rotated (rp-checks K2).
    [[nodiscard]] bool unknownKid() const;
};

// Errors (as `error`): the decodeJwt errors (IDT); a failed check's code in category KEYS for key
// problems (KEYS_MISSING, KID_UNKNOWN, NO_SUITABLE_KEY), CLOCK for time (EXPIRED, NOT_YET_VALID,
// IAT_FUTURE), IDT otherwise (SIGNATURE_INVALID, ALG_*, DESCOPE_ISS_MISMATCH, DESCOPE_ISS_MISSING,
// SUB_MISSING, DESCOPE_DRN_MISMATCH…).
[[nodiscard]] SessionValidation validateSessionJwt(std::string_view token, const crypto::JsonWebKeySet &keys, const DescopeProject &project,
                                                   const SessionCheckOptions &options = {});

// The session.iss check alone.
[[nodiscard]] jwt::ClaimCheck checkDescopeIssuer(const jwt::DecodedJwt &jwt, const DescopeProject &project);

} // namespace oidc::descope
