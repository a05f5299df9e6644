#pragma once

// What enchanted links, magic links and OTP share (descope-api.md §5–§7): the start call
// POST /v1/auth/<method family>/<signin|signup|signup-in>/<delivery> with
// {"loginId", "URI"?, "user"? (sign-up), "loginOptions"?}, the masked address it answers, and the
// token a link carries in its "t" parameter.

#include "oidc/descope/DescopeRequest.h"
#include "oidc/descope/LoginOptions.h"

#include <string>
#include <string_view>

namespace oidc::descope {

enum class LoginOperation { SignIn, SignUp, SignUpOrIn };
enum class DeliveryMethod { Email, Sms, Voice, WhatsApp };

[[nodiscard]] std::string_view operationPath(LoginOperation operation); // "signin", "signup", "signup-in"
[[nodiscard]] std::string_view methodPath(DeliveryMethod method);       // "email", "sms", "voice", "whatsapp"
// Error (INPUT): DESCOPE_METHOD for anything but the four names above.
[[nodiscard]] Result<DeliveryMethod> parseDeliveryMethod(std::string_view name);

// "user" of a sign-up (§5 sign up): only the members given are sent.
struct SignUpUser final {
    std::string name;
    std::string givenName;
    std::string middleName;
    std::string familyName;
    std::string email;
    std::string phone;

    [[nodiscard]] Json toJson() const; // {} when nothing is set
};

struct PasswordlessStart final {
    LoginOperation operation = LoginOperation::SignIn;
    std::string loginId;     // "loginId": an email address or phone number
    std::string redirectUrl; // "URI" (Go, core-js, node, Python; §14.1): links only, empty = the project's setting
    SignUpUser user;         // "user": sign-up only
    LoginOptions loginOptions;
};

// The start call of `family` ("enchantedlink", "magiclink", "otp"). Errors (INPUT):
// DESCOPE_LOGIN_ID_MISSING, DESCOPE_REDIRECT_URL (not an absolute URL without a fragment, a javascript:,
// data:, file: or vbscript: URL, or given to OTP, which sends no link), and those of loginOptionsJson.
[[nodiscard]] Result<DescopeCall> passwordlessStartCall(std::string_view family, DeliveryMethod method, const PasswordlessStart &start);

// A URL Descope sends the browser or a link to (links, social login, password reset): absolute,
// without a fragment, never javascript:, data:, file: or vbscript:. Error (INPUT):
// DESCOPE_REDIRECT_URL, its message starting with `what`.
[[nodiscard]] Status checkAppRedirectUrl(const std::string &redirectUrl, std::string_view what);

// Where a code or link went: "maskedEmail" or "maskedPhone" (§6, §7).
struct MaskedAddress final {
    std::string maskedEmail;
    std::string maskedPhone;

    [[nodiscard]] const std::string &masked() const { return maskedEmail.empty() ? maskedPhone : maskedEmail; }
};

// Errors: those of processDescopeJson, DESCOPE_FIELD_TYPE.
[[nodiscard]] Result<MaskedAddress> processMaskedAddressResponse(const net::HttpResponse &response);

// The token of a link as a person pastes it: the token alone, or the whole link (its "t" query
// parameter, §5: the link is <URI>?t=<token>). Surrounding whitespace is trimmed. Errors (INPUT):
// DESCOPE_LINK_TOKEN_MISSING (empty, or a link without t).
[[nodiscard]] Result<std::string> linkToken(std::string_view text);

} // namespace oidc::descope
