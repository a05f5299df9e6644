#pragma once

// One DescopeClient operation as it ended, for recordings and their replay: a stable key for what
// was done ("otp.verify"), what was asked without a secret (the login ID, the delivery method, the
// passkey ceremony's kind — never a code, token, password or access key), and how it ended: the
// error, and the session JWT's checks when the operation checked one. DescopeClient reports every
// operation it ends (actionReported), so the GUI's Descope areas and a headless replay produce the
// same steps from the same code, and a replay can be compared with a recording step by step.

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/jwt/ClaimChecks.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oidc::descope {

// The keys (stable: recordings keep them).
namespace action {
inline constexpr std::string_view kEnchantedLinkStart = "enchantedlink.start";
inline constexpr std::string_view kEnchantedLinkPoll = "enchantedlink.poll";
inline constexpr std::string_view kEnchantedLinkVerify = "enchantedlink.verify";
inline constexpr std::string_view kMagicLinkStart = "magiclink.start";
inline constexpr std::string_view kMagicLinkVerify = "magiclink.verify";
inline constexpr std::string_view kOtpStart = "otp.start";
inline constexpr std::string_view kOtpVerify = "otp.verify";
inline constexpr std::string_view kTotpSignUp = "totp.signup";
inline constexpr std::string_view kTotpVerify = "totp.verify";
inline constexpr std::string_view kOAuthStart = "oauth.start";
inline constexpr std::string_view kOAuthExchange = "oauth.exchange";
inline constexpr std::string_view kPasswordSignUp = "password.signup";
inline constexpr std::string_view kPasswordSignIn = "password.signin";
inline constexpr std::string_view kPasswordReplace = "password.replace";
inline constexpr std::string_view kPasswordUpdate = "password.update";
inline constexpr std::string_view kPasswordReset = "password.reset";
inline constexpr std::string_view kPasswordPolicy = "password.policy";
inline constexpr std::string_view kWebAuthnStart = "webauthn.start";
inline constexpr std::string_view kWebAuthnFinish = "webauthn.finish";
inline constexpr std::string_view kSessionRefresh = "session.refresh";
inline constexpr std::string_view kSessionMe = "session.me";
inline constexpr std::string_view kSessionLogout = "session.logout";
inline constexpr std::string_view kSessionValidate = "session.validate";
inline constexpr std::string_view kAccessKeyExchange = "accesskey.exchange";
inline constexpr std::string_view kSsoStart = "sso.start";
inline constexpr std::string_view kSsoExchange = "sso.exchange";
inline constexpr std::string_view kBearerCall = "api.call";
inline constexpr std::string_view kFetchKeys = "keys.fetch";
} // namespace action

struct DescopeActionReport final {
    std::string action;               // one of action::k…
    Json parameters = Json::object(); // what was asked, never a secret (see each operation in DescopeClient.cpp)
    std::optional<Error> error;       // why it failed; none when it succeeded
    std::vector<jwt::ClaimCheck> checks; // the session JWT's checks, when one was checked
    std::string summary;              // one line for people ("masked: j***@example.com"); no secret

    [[nodiscard]] bool ok() const { return !error.has_value(); }
};

// "OTP verify", "Passkey finish": the action's name for people (the key itself when unknown).
[[nodiscard]] std::string actionTitle(std::string_view action);

} // namespace oidc::descope
