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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oidc::jwt {

enum class CheckOutcome { Pass, Fail, Skip };

// Where a check's texts come from when they are formatted on demand: validateJwt makes a dozen
// checks per token and most of their texts are never shown, so they are built when read
// (issue 12). An implementation holds what the texts quote, immutable, shared by the checks of
// one validation; `text` selects the check and the variant of its texts.
class CheckTextSource {
public:
    virtual ~CheckTextSource() = default;
    [[nodiscard]] virtual std::string rule(int text) const = 0;
    [[nodiscard]] virtual std::string detail(int text) const = 0;
};

class ClaimCheck final {
public:
    ClaimCheck() = default;
    // A check whose texts are given.
    ClaimCheck(std::string checkId, std::string ruleText, CheckOutcome checkOutcome, std::string detailText, std::string failureCode = {});
    // A check whose texts `texts` formats when they are read.
    ClaimCheck(std::string_view checkId, CheckOutcome checkOutcome, std::string_view failureCode,
               std::shared_ptr<const CheckTextSource> texts, int text);

    std::string id;      // stable: "signature", "iss", "aud", "azp", "exp", "nbf", "iat", "sub", "nonce", "auth_time", "at_hash", "c_hash"
    CheckOutcome outcome = CheckOutcome::Skip;
    std::string code;    // failure code when outcome == Fail (e.g. "ISS_MISMATCH")

    // What is required and where it is written.
    [[nodiscard]] std::string rule() const;
    // Why it passed, failed or was skipped, with both values where useful.
    [[nodiscard]] std::string detail() const;
    void setRule(std::string ruleText);
    void setDetail(std::string detailText);

    [[nodiscard]] bool passed() const { return outcome != CheckOutcome::Fail; }

private:
    std::string m_rule;
    std::string m_detail;
    std::shared_ptr<const CheckTextSource> m_texts; // formats the texts not given
    int m_text = 0;
    bool m_ruleGiven = true;
    bool m_detailGiven = true;
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
