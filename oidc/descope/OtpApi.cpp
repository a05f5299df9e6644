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
