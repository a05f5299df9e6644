#include "OtpApi.h"

#include <cctype>

namespace oidc::descope {

Result<net::HttpRequest> buildOtpStartRequest(const DescopeProject &project, DeliveryMethod method, const PasswordlessStart &start)
{
    auto call = passwordlessStartCall("otp", method, start);
    if (!call)
        return call.error();
    return buildDescopeRequest(project, *call);
}

std::string normalizeCode(std::string_view code)
{
    std::string normalized;
    for (const char c : code)
        if (!std::isspace(static_cast<unsigned char>(c)))
            normalized.push_back(c);
    return normalized;
}

namespace {

// The UTF-8 spellings of the separators codeDigits drops besides ASCII whitespace and '-': no-break
// space, thin space, narrow no-break space, the dashes U+2010…U+2015 and the minus sign U+2212.
constexpr std::string_view kCodeSeparators[] = {
    "\u00a0", "\u2009", "\u202f", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212",
};

// The length of the separator `text` starts with, or 0.
size_t codeSeparatorLength(std::string_view text)
{
    const auto c = static_cast<unsigned char>(text.front());
    if (c == '-' || std::isspace(c))
        return 1;
    for (const std::string_view separator : kCodeSeparators) {
        if (text.starts_with(separator))
            return separator.size();
    }
    return 0;
}

} // namespace

Result<std::string> codeDigits(std::string_view text)
{
    std::string digits;
    while (!text.empty()) {
        if (const size_t separator = codeSeparatorLength(text)) {
            text.remove_prefix(separator);
            continue;
        }
        if (text.front() < '0' || text.front() > '9')
            return makeError(ErrorCategory::Input, "DESCOPE_CODE_FORMAT", "a one-time code has digits only", "digits",
                             "a character that is not a digit, space or dash");
        digits.push_back(text.front());
        text.remove_prefix(1);
    }
    if (digits.size() > kMaxCodeDigits)
        return makeError(ErrorCategory::Input, "DESCOPE_CODE_FORMAT", "a one-time code has at most " + std::to_string(kMaxCodeDigits) + " digits",
                         "at most " + std::to_string(kMaxCodeDigits) + " digits", std::to_string(digits.size()) + " digits");
    return digits;
}

Result<net::HttpRequest> buildOtpVerifyRequest(const DescopeProject &project, DeliveryMethod method, const std::string &loginId,
                                               std::string_view code)
{
    if (loginId.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_LOGIN_ID_MISSING", "the login ID the code was sent for is required");
    const std::string typed = normalizeCode(code);
    if (typed.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_CODE_MISSING", "no code given");
    return buildDescopeRequest(project, DescopeCall{"POST", "v1/auth/otp/verify/" + std::string(methodPath(method)),
                                                    Json{{"loginId", loginId}, {"code", typed}}, Bearer::project(),
                                                    QStringLiteral("Descope OTP verify")});
}

} // namespace oidc::descope
