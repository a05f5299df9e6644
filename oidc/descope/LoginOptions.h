#pragma once

// loginOptions (descope-api.md §11), sent by the start and verify calls that sign a user in.
// Step-up and MFA act for a signed-in user: the call then carries that user's refresh JWT in the
// bearer (Bearer <projectId>:<refreshJwt>, §1.2), as Go's LoginOptions.IsJWTRequired demands;
// the new session JWT gets su:true (step-up) or an amr listing every method used (MFA). Sign-up
// options are the same object without stepup and mfa (Go newAuthenticationSignUpRequestBody).

#include "oidc/Json.h"
#include "oidc/descope/DescopeRequest.h"

#include <map>
#include <string>

namespace oidc::descope {

struct LoginOptions final {
    bool stepup = false;                               // "stepup"
    bool mfa = false;                                  // "mfa"
    bool revokeOtherSessions = false;                  // "revokeOtherSessions"
    Json customClaims = nullptr;                       // "customClaims": an object; the token carries them under nsec
    std::map<std::string, std::string> templateOptions; // "templateOptions": message templating
    std::string templateId;                            // "templateId"
    std::string locale;                                // "locale"
    std::string tenantId;                              // "tenantId": associate the login with a tenant
    std::string refreshJwt;                            // not in the body: the bearer's second part for stepup / mfa

    [[nodiscard]] bool needsRefreshJwt() const { return stepup || mfa; }
};

enum class OptionsUse { SignIn, SignUp };

// The "loginOptions" member, or null when nothing is set (it is then left out). Errors (INPUT):
// DESCOPE_CUSTOM_CLAIMS (not a JSON object), DESCOPE_STEPUP_SIGNIN_ONLY (stepup or mfa on a
// sign-up or sign-up-or-in), DESCOPE_REFRESH_JWT_REQUIRED (stepup or mfa without a refresh JWT).
[[nodiscard]] Result<Json> loginOptionsJson(const LoginOptions &options, OptionsUse use);

// The bearer a call with these options needs: the refresh JWT for stepup and MFA, else the project.
[[nodiscard]] Bearer loginBearer(const LoginOptions &options);

} // namespace oidc::descope
