#pragma once

// base64url without padding (RFC 4648 §5, as JOSE uses it: RFC 7515 §2 "Base64url Encoding").

#include "oidc/Result.h"

#include <string>
#include <string_view>

namespace oidc::crypto {

[[nodiscard]] std::string base64UrlEncode(std::string_view bytes);

// Strict: rejects '=', '+', '/', whitespace, any other character, and a length of 4n+1. Also
// rejects non-canonical trailing bits so that one value has exactly one encoding.
[[nodiscard]] Result<std::string> base64UrlDecode(std::string_view text);

// Standard base64 with padding (for PEM bodies, x5c, Basic auth). Decoding skips line breaks,
// spaces and tabs; padding is optional but, when present, must be complete (BASE64_PADDING).
[[nodiscard]] std::string base64Encode(std::string_view bytes);
[[nodiscard]] Result<std::string> base64Decode(std::string_view text);

[[nodiscard]] std::string hexEncode(std::string_view bytes);

} // namespace oidc::crypto
