#pragma once

// Claim validation as a list of small named checks, each citing its rule (OIDC Core 1.0
// §3.1.3.7 for ID tokens, RFC 7519 §4.1 for JWTs). Each outcome is data the GUI and CLI show.
//
// Rules we deliberately do not check here:
// - §3.1.3.7 #1 (decrypt a JWE): encrypted ID tokens are refused at decoding (JWT_JWE_UNSUPPORTED).
// - §3.1.3.7 #3 "additional audiences not trusted": we cannot know whom the user trusts; extra
//   audiences are listed in the aud check's detail instead.
// - §3.1.3.7 #12 (acr): shown in the claims, not enforced, since acr values are provider-defined.

#include "oidc/crypto/JwsAlgorithm.h"
#include "oidc/jwt/Jwt.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace oidc::jwt {

enum class CheckOutcome { Pass, Fail, Skip };

struct ClaimCheck final {
    std::string id;      // stable: "signature", "iss", "aud", "azp", "exp", "nbf", "iat", "sub", "nonce", "auth_time", "at_hash", "c_hash"
    std::string rule;    // what is required and where it is written
    CheckOutcome outcome = CheckOutcome::Skip;
    std::string detail;  // why it passed, failed or was skipped, with both values where useful
    std::string code;    // failure code when outcome == Fail (e.g. "ISS_MISMATCH")

    [[nodiscard]] bool passed() const { return outcome != CheckOutcome::Fail; }
};

struct ClaimCheckOptions final {
    std::optional<std::string> issuer;     // exact string comparison (§3.1.3.7 #2)
    std::optional<std::string> audience;   // the client_id (§3.1.3.7 #3)
    std::optional<std::string> nonce;      // the nonce sent in the authorization request (#11)
    std::optional<std::string> accessToken; // for at_hash (§3.2.2.9 / §3.3.2.11)
    std::optional<std::string> code;       // for c_hash (§3.3.2.11)
    std::optional<int64_t> maxAge;         // max_age sent in the request: auth_time required and checked (#13)
    std::optional<int64_t> maxIatAge;      // reject an iat older than this many seconds (rp-checks J8)
    int64_t leewaySeconds = 30;            // clock skew allowed for exp, nbf, iat and auth_time
    std::optional<int64_t> now;            // Unix seconds; the system clock when absent
    bool requireExpiry = true;             // exp must be present (ID tokens: OIDC Core §2)
    bool requireIssuedAt = false;          // iat must be present (ID tokens: OIDC Core §2)
    bool requireSubject = false;           // sub must be present (ID tokens: OIDC Core §2)
};

[[nodiscard]] std::vector<ClaimCheck> checkClaims(const DecodedJwt &jwt, const ClaimCheckOptions &options);

// The same checks appended to `checks` (validateJwt's list, which starts with the signature).
void appendClaimChecks(std::vector<ClaimCheck> &checks, const DecodedJwt &jwt, const ClaimCheckOptions &options);

// OIDC Core §3.3.2.11: left half of the hash of the ASCII value, base64url. Unknown or
// unsupported algorithms yield nullopt (the caller must fail closed: rp-checks J11).
[[nodiscard]] std::optional<std::string> halfHash(std::string_view alg, std::string_view value);

[[nodiscard]] int64_t unixNow();

} // namespace oidc::jwt
