#pragma once

// What the HAR analyzer flags: a stable code (tests and scripts match on it), a severity, the
// entry it concerns (0-based index into log.entries) and one plain sentence that never holds a
// token or code unredacted.

#include <string>
#include <string_view>

namespace oidc::har {

enum class Severity { Error, Warning, Info };

[[nodiscard]] constexpr std::string_view severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
    }
    return "info";
}

// The codes. Severity in brackets.
namespace finding {
// [warning] an authorization request for a code without code_challenge (RFC 7636 §4.3; OAuth 2.0
// Security BCP, RFC 9700 §2.1.1); [error] a token request without code_verifier after one with it.
inline constexpr std::string_view kPkceMissing = "PKCE_MISSING";
// [warning] code_challenge_method=plain (RFC 7636 §4.2: S256 is mandatory to implement).
inline constexpr std::string_view kPkcePlain = "PKCE_PLAIN";
// [error] a callback's state is none the authorization requests sent (RFC 6749 §10.12).
inline constexpr std::string_view kStateMismatch = "STATE_MISMATCH";
// [error] an ID token's nonce is none the authorization requests sent (OIDC Core §3.1.3.7 #11).
inline constexpr std::string_view kNonceMismatch = "NONCE_MISMATCH";
// [error] the same authorization code in two token requests (RFC 6749 §4.1.2: single use).
inline constexpr std::string_view kCodeReused = "CODE_REUSED";
// [error] a token sent or received after its exp (RFC 7519 §4.1.4), 30 s leeway.
inline constexpr std::string_view kTokenExpired = "TOKEN_EXPIRED";
// [warning] the provider's Date header, or a fresh token's iat/nbf, off the client's clock by
// more than a minute (RFC 9110 §6.6.1; OIDC Core §3.1.3.7 #10).
inline constexpr std::string_view kClockSkew = "CLOCK_SKEW";
// [warning] HTTP 429 Too Many Requests (RFC 6585 §4).
inline constexpr std::string_view kRateLimited = "RATE_LIMITED";
// [error] a token in a URL's query or fragment or a redirect's Location (RFC 9700 §2.1.2,
// RFC 6750 §5.3: URLs end up in logs, history and Referer headers).
inline constexpr std::string_view kTokenInUrl = "TOKEN_IN_URL";
// [error] an ID token whose signature a key of the HAR's JWKS does not verify (OIDC Core
// §3.1.3.7 #6), or that is unsigned.
inline constexpr std::string_view kIdtSignatureInvalid = "IDT_SIGNATURE_INVALID";
// [warning] the HAR's JWKS has no key for the ID token's kid (rotated keys: rp-checks K2).
inline constexpr std::string_view kIdtKidUnknown = "IDT_KID_UNKNOWN";
// [error] another offline ID-token check failed (iss, aud, azp, sub, at_hash…; OIDC Core §3.1.3.7).
inline constexpr std::string_view kIdtClaimInvalid = "IDT_CLAIM_INVALID";
// [error] a Descope session JWT whose signature the project's keys in the HAR do not verify.
inline constexpr std::string_view kSessionSignatureInvalid = "SESSION_SIGNATURE_INVALID";
// [error] another offline session-JWT check failed (descope-api.md §2.4: iss, sub, drn).
inline constexpr std::string_view kSessionClaimInvalid = "SESSION_CLAIM_INVALID";
// [warning] a value named as a token that looks like a JWT but does not decode.
inline constexpr std::string_view kTokenUndecodable = "TOKEN_UNDECODABLE";
// [warning] the provider refused (an OAuth error, a Descope error, a 4xx/5xx on its endpoints).
inline constexpr std::string_view kProviderError = "PROVIDER_ERROR";
// [info] token values in the file are redacted: the checks that need them were skipped.
inline constexpr std::string_view kTokensRedacted = "TOKENS_REDACTED";
} // namespace finding

struct HarFinding final {
    std::string code;
    Severity severity = Severity::Info;
    int entry = 0;
    std::string message;

    friend bool operator==(const HarFinding &, const HarFinding &) = default;
};

} // namespace oidc::har
