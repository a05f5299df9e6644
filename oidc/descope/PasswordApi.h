#pragma once

// Passwords (the Node SDK's password.*, descope-openapi-auth.yml /v1/auth/password/*): sign-up,
// sign-in and replace answer the JWT response (processJwtResponse); update (with the refresh JWT)
// answers {} (processDescopeStatus); reset sends a link (a magic link: verify it, then update);
// policy says what a new password must contain. Passwords travel only in request bodies, which
// the exchange log redacts ("password", "oldPassword", "newPassword").

#include "oidc/descope/LoginOptions.h"
#include "oidc/descope/PasswordlessStart.h"

#include <string>
#include <vector>

namespace oidc::descope {

// POST v1/auth/password/signup {"loginId","password","user"?,"loginOptions"?}. Errors (INPUT):
// DESCOPE_LOGIN_ID_MISSING, DESCOPE_PASSWORD_MISSING, those of loginOptionsJson (sign-up use).
[[nodiscard]] Result<net::HttpRequest> buildPasswordSignUpRequest(const DescopeProject &project, const std::string &loginId,
                                                                  const std::string &password, const SignUpUser &user = {},
                                                                  const LoginOptions &options = {});
// POST v1/auth/password/signin {"loginId","password","loginOptions"?}; step-up and MFA send the
// refresh JWT. Errors (INPUT): DESCOPE_LOGIN_ID_MISSING, DESCOPE_PASSWORD_MISSING, those of
// loginOptionsJson.
[[nodiscard]] Result<net::HttpRequest> buildPasswordSignInRequest(const DescopeProject &project, const std::string &loginId,
                                                                  const std::string &password, const LoginOptions &options = {});
// POST v1/auth/password/replace {"loginId","oldPassword","newPassword"}. Errors (INPUT):
// DESCOPE_LOGIN_ID_MISSING, DESCOPE_PASSWORD_MISSING.
[[nodiscard]] Result<net::HttpRequest> buildPasswordReplaceRequest(const DescopeProject &project, const std::string &loginId,
                                                                   const std::string &oldPassword, const std::string &newPassword);
// POST v1/auth/password/update {"loginId","newPassword"}, Bearer <projectId>:<refreshJwt>.
// Errors (INPUT): DESCOPE_LOGIN_ID_MISSING, DESCOPE_PASSWORD_MISSING, DESCOPE_TOKEN_MISSING.
[[nodiscard]] Result<net::HttpRequest> buildPasswordUpdateRequest(const DescopeProject &project, const std::string &loginId,
                                                                  const std::string &newPassword, const std::string &refreshJwt);

// POST v1/auth/password/reset {"loginId","redirectUrl"?}. Errors (INPUT): DESCOPE_LOGIN_ID_MISSING,
// DESCOPE_REDIRECT_URL.
[[nodiscard]] Result<net::HttpRequest> buildPasswordResetRequest(const DescopeProject &project, const std::string &loginId,
                                                                 const std::string &redirectUrl = {});
// PasswordResetResponse (core-js).
struct PasswordResetSent final {
    std::string resetMethod; // "magiclink", "enchantedlink"…
    std::string maskedEmail;
    std::string pendingRef;  // enchanted-link resets only
    std::string linkId;
};
// Errors: those of processDescopeJson, DESCOPE_FIELD_TYPE.
[[nodiscard]] Result<PasswordResetSent> processPasswordResetResponse(const net::HttpResponse &response);

// GET v1/auth/password/policy.
[[nodiscard]] Result<net::HttpRequest> buildPasswordPolicyRequest(const DescopeProject &project);
// PasswordPolicyResponse: the subset a client can check before sending (core-js).
struct PasswordPolicy final {
    int64_t minLength = 0;
    bool lowercase = false;
    bool uppercase = false;
    bool number = false;
    bool nonAlphanumeric = false;

    // What `password` lacks ("at least 8 characters", "an uppercase letter"…): empty when it
    // meets the policy. The server decides; this is for showing it before sending.
    [[nodiscard]] std::vector<std::string> unmet(std::string_view password) const;
};
// Errors: those of processDescopeJson, DESCOPE_FIELD_TYPE.
[[nodiscard]] Result<PasswordPolicy> processPasswordPolicyResponse(const net::HttpResponse &response);

} // namespace oidc::descope
