#pragma once

// One-time codes (descope-api.md §7): start by email, SMS, voice or WhatsApp, then verify the code
// the user typed; verify answers the JWT response (processJwtResponse). A wrong code is E061102,
// too many attempts E061103.

#include "oidc/descope/PasswordlessStart.h"

namespace oidc::descope {

// POST v1/auth/otp/<op>/<method>; answers a MaskedAddress (processMaskedAddressResponse).
// Errors: those of passwordlessStartCall (a redirect URL is refused) and buildDescopeRequest.
[[nodiscard]] Result<net::HttpRequest> buildOtpStartRequest(const DescopeProject &project, DeliveryMethod method,
                                                            const PasswordlessStart &start);

// POST v1/auth/otp/verify/<method> {"loginId","code"}. Errors (INPUT): DESCOPE_LOGIN_ID_MISSING,
// DESCOPE_CODE_MISSING (empty once whitespace is trimmed).
[[nodiscard]] Result<net::HttpRequest> buildOtpVerifyRequest(const DescopeProject &project, DeliveryMethod method,
                                                             const std::string &loginId, std::string_view code);

// A typed code without the whitespace around it (and inside it: "123 456" as some apps show it).
[[nodiscard]] std::string normalizeCode(std::string_view code);

// The longest one-time code a field accepts: HOTP/TOTP codes have 6 to 8 digits (RFC 4226 §5.3,
// oidc/otp/Totp.h), Descope's OTP codes 6.
constexpr size_t kMaxCodeDigits = 8;

// A one-time code as a person types or pastes it into a digits-only field: the separators that
// messages and authenticator apps put between groups of digits ("123 456", "123-456", "123–456",
// a no-break or thin space) are dropped, and what is left must be ASCII digits, at most
// kMaxCodeDigits of them. Empty text is an empty code (nothing typed yet).
// Error (INPUT): DESCOPE_CODE_FORMAT (another character, or too many digits).
[[nodiscard]] Result<std::string> codeDigits(std::string_view text);

} // namespace oidc::descope
