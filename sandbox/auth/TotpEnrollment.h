#pragma once

// What /v1/auth/totp/signup and /v1/auth/totp/update return: a fresh secret, the otpauth:// URL
// (Google Authenticator "Key Uri Format") and its QR code, as Descope's TOTPResponse
// {"provisioningURL","image","key"} (descope-api.md §8).

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/otp/Totp.h"

#include <string>
#include <string_view>

namespace sandbox::auth {

struct TotpEnrollmentRequest final {
    std::string issuer;      // shown by the app above the code, e.g. the project name; required
    std::string accountName; // the login ID; required
    oidc::otp::TotpParameters parameters;
    size_t secretBytes = 20; // RFC 4226 R6: at least 128 bits, 160 recommended; 16…64
};

struct TotpEnrollment final {
    std::string secret;          // raw key bytes: SECRET, store it per user (with an oidc::otp::TotpReplayState)
    std::string key;             // base32(secret), no padding: "key"
    std::string provisioningUrl; // "provisioningURL"
    std::string qrPng;           // the QR code of provisioningUrl as PNG bytes
    std::string image;           // standard base64 of qrPng (no "data:" prefix): "image"

    // {"provisioningURL": …, "image": …, "key": …}
    [[nodiscard]] oidc::Json toDescopeJson() const;
};

// otpauth://totp/<issuer>:<account>?secret=<base32>&issuer=<issuer>&algorithm=SHA1&digits=6&period=30
// Label and issuer are percent-encoded (RFC 3986: everything but unreserved characters), so a
// ':' inside the issuer or account cannot be mistaken for the separator.
[[nodiscard]] std::string totpProvisioningUrl(std::string_view issuer, std::string_view accountName,
                                              std::string_view secret, const oidc::otp::TotpParameters &parameters = {});

// A new random secret (oidc::crypto::randomBytes) and everything derived from it.
// Errors: TOTP_ENROLLMENT (INPUT: empty issuer/account, secretBytes out of range),
// TOTP_PARAMETERS, QR_* / PNG_* (SANDBOX), RANDOM_FAILED (CRYPTO).
[[nodiscard]] oidc::Result<TotpEnrollment> createTotpEnrollment(const TotpEnrollmentRequest &request);

// The same for a given secret (deterministic; tests and re-display of an existing seed).
[[nodiscard]] oidc::Result<TotpEnrollment> totpEnrollmentForSecret(std::string secret, const TotpEnrollmentRequest &request);

} // namespace sandbox::auth
