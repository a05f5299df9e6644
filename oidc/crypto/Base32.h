#pragma once

// base32 (RFC 4648 §6), the alphabet authenticator apps use for TOTP secrets ("key" in Descope's
// TOTPResponse, "secret" in an otpauth:// URL). Beside Base64Url.h: both are RFC 4648 encodings.

#include "oidc/Result.h"

#include <string>
#include <string_view>

namespace oidc::crypto {

// Upper-case, without '=' padding (what Google Authenticator's key-uri format asks for).
[[nodiscard]] std::string base32Encode(std::string_view bytes);

// Accepts upper or lower case and, optionally, the '=' padding of RFC 4648 §6 (then the text
// must be a multiple of 8 characters). Refuses any other character, an impossible length
// (1, 3 or 6 characters in the last group) and non-zero trailing bits, so that each value has
// exactly one accepted spelling up to case and padding. Error code: BASE32_INVALID (INPUT).
[[nodiscard]] Result<std::string> base32Decode(std::string_view text);

} // namespace oidc::crypto
