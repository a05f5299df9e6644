#include "DescopeActionReport.h"

#include <array>
#include <utility>

namespace oidc::descope {

std::string actionTitle(std::string_view key)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 28> kTitles = {{
        {action::kEnchantedLinkStart, "Enchanted link start"},
        {action::kEnchantedLinkPoll, "Enchanted link session (polled)"},
        {action::kEnchantedLinkVerify, "Enchanted link verify"},
        {action::kMagicLinkStart, "Magic link start"},
        {action::kMagicLinkVerify, "Magic link verify"},
        {action::kOtpStart, "OTP start"},
        {action::kOtpVerify, "OTP verify"},
        {action::kTotpSignUp, "TOTP sign-up"},
        {action::kTotpVerify, "TOTP verify"},
        {action::kOAuthStart, "Social login start"},
        {action::kOAuthExchange, "Social login exchange"},
        {action::kPasswordSignUp, "Password sign-up"},
        {action::kPasswordSignIn, "Password sign-in"},
        {action::kPasswordReplace, "Password replace"},
        {action::kPasswordUpdate, "Password update"},
        {action::kPasswordReset, "Password reset"},
        {action::kPasswordPolicy, "Password policy"},
        {action::kWebAuthnStart, "Passkey start"},
        {action::kWebAuthnFinish, "Passkey finish"},
        {action::kSessionRefresh, "Session refresh"},
        {action::kSessionMe, "Session me"},
        {action::kSessionLogout, "Logout"},
        {action::kSessionValidate, "Session validation"},
        {action::kAccessKeyExchange, "Access key exchange"},
        {action::kSsoStart, "SSO start"},
        {action::kSsoExchange, "SSO exchange"},
        {action::kBearerCall, "API call with the session"},
        {action::kFetchKeys, "Project keys"},
    }};
    for (const auto &[name, title] : kTitles)
        if (name == key)
            return std::string(title);
    return std::string(key);
}

} // namespace oidc::descope
