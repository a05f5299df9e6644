#pragma once

// TOTP (descope-api.md §8): sign-up answers the secret three ways — the key, an otpauth:// URL and
// a QR image of it — for an authenticator app; verify signs in with the app's current code and
// answers the JWT response (processJwtResponse). The key is a long-lived secret: the exchange log
// redacts "key", "provisioningURL" and "image".

#include "oidc/descope/LoginOptions.h"
#include "oidc/descope/PasswordlessStart.h"

#include <QByteArray>

namespace oidc::descope {

struct TotpEnrollment final {
    std::string provisioningUrl; // "provisioningURL": otpauth://totp/…?secret=…
    std::string key;             // "key": the base32 secret
    QByteArray image;            // "image", decoded: a PNG of the QR code (may be empty)
};

// POST v1/auth/totp/signup {"loginId","user"?}. Error (INPUT): DESCOPE_LOGIN_ID_MISSING.
[[nodiscard]] Result<net::HttpRequest> buildTotpSignUpRequest(const DescopeProject &project, const std::string &loginId,
                                                              const SignUpUser &user = {});
// Errors: those of processDescopeJson, DESCOPE_FIELD_MISSING (key or provisioningURL),
// DESCOPE_FIELD_TYPE, DESCOPE_TOTP_URL (not otpauth://), DESCOPE_TOTP_IMAGE (not base64).
[[nodiscard]] Result<TotpEnrollment> processTotpSignUpResponse(const net::HttpResponse &response);

// POST v1/auth/totp/verify {"loginId","code","loginOptions"?}; step-up and MFA send the refresh
// JWT. Errors (INPUT): DESCOPE_LOGIN_ID_MISSING, DESCOPE_CODE_MISSING, those of loginOptionsJson.
[[nodiscard]] Result<net::HttpRequest> buildTotpVerifyRequest(const DescopeProject &project, const std::string &loginId,
                                                              std::string_view code, const LoginOptions &options = {});

} // namespace oidc::descope
