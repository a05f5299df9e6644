#pragma once

// JWS compact serialization (RFC 7515 §7.1) decoding, without any signature check.

#include "oidc/Json.h"
#include "oidc/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace oidc::jwt {

struct JwtDecodeOptions final {
    size_t maxSize = 64 * 1024; // checked before splitting or decoding (rp-checks J15)
};

struct DecodedJwt final {
    Json header;                // JOSE header, a JSON object
    Json claims;                // payload, a JSON object (JWT claims set)
    std::string headerJson;     // decoded header text, exactly as signed
    std::string claimsJson;     // decoded payload text, exactly as signed
    std::string signingInput;   // ASCII(BASE64URL(header) '.' BASE64URL(payload)), RFC 7515 §5.2 #8
    std::string signature;      // raw signature bytes (empty for alg "none")
    std::string alg;            // header "alg"
    std::string kid;            // header "kid" (may be empty)
    std::string typ;            // header "typ" (may be empty)

    [[nodiscard]] std::optional<int64_t> numericClaim(std::string_view name) const;
    [[nodiscard]] std::optional<std::string> stringClaim(std::string_view name) const;
};

// A NumericDate value (RFC 7519 §2) as whole seconds; out-of-range values saturate. nullopt when
// the value is not a number.
[[nodiscard]] std::optional<int64_t> numericDate(const Json &value);

// Errors (category IDT):
//   JWT_EMPTY, JWT_TOO_LARGE, JWT_JWE_UNSUPPORTED (5 parts), JWT_PART_COUNT,
//   JWT_BASE64URL (actual = "header"/"payload"/"signature"), JWT_HEADER_JSON, JWT_HEADER_NOT_OBJECT,
//   JWT_PAYLOAD_JSON, JWT_PAYLOAD_NOT_OBJECT, JWT_DUPLICATE_NAME, JWT_ALG_MISSING,
//   JWT_CLAIM_TYPE (exp/iat/nbf not a number, or iss/sub/aud/nonce of the wrong type), JWT_CRIT_UNKNOWN.
[[nodiscard]] Result<DecodedJwt> decodeJwt(std::string_view token, const JwtDecodeOptions &options = {});

// A token as a person pastes it: surrounding whitespace and a "Bearer " prefix removed.
[[nodiscard]] std::string_view trimToken(std::string_view text);

} // namespace oidc::jwt
