#include "TotpApi.h"

#include "oidc/descope/DescopeFields.h"
#include "oidc/descope/DescopeResponse.h"
#include "oidc/descope/OtpApi.h"

namespace oidc::descope {

namespace {

Status checkLoginId(const std::string &loginId)
{
    if (loginId.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_LOGIN_ID_MISSING", "a login ID is required");
    return {};
}

} // namespace

Result<net::HttpRequest> buildTotpSignUpRequest(const DescopeProject &project, const std::string &loginId, const SignUpUser &user)
{
    if (auto valid = checkLoginId(loginId); !valid)
        return valid.error();
    Json body = {{"loginId", loginId}};
    if (!user.toJson().empty())
        body["user"] = user.toJson();
    return buildDescopeRequest(project, DescopeCall{"POST", "v1/auth/totp/signup", std::move(body), Bearer::project(),
                                                    QStringLiteral("Descope TOTP sign-up")});
}

Result<TotpEnrollment> processTotpSignUpResponse(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    constexpr const char *kWhat = "the TOTP sign-up answer";
    auto url = requiredString(*body, "provisioningURL", kWhat);
    auto key = requiredString(*body, "key", kWhat);
    auto image = optionalString(*body, "image", kWhat);
    if (auto error = firstError(url, key, image))
        return *error;
    if (!url->starts_with("otpauth://"))
        return makeError(ErrorCategory::Descope, "DESCOPE_TOTP_URL", "the provisioning URL is not an otpauth:// URL", "otpauth://totp/…");
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(*image), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return makeError(ErrorCategory::Descope, "DESCOPE_TOTP_IMAGE", "the QR image is not base64 (" + std::to_string(image->size()) + " characters)");
    return TotpEnrollment{std::move(url).value(), std::move(key).value(), *decoded};
}

Result<net::HttpRequest> buildTotpVerifyRequest(const DescopeProject &project, const std::string &loginId, std::string_view code,
                                                const LoginOptions &options)
{
    if (auto valid = checkLoginId(loginId); !valid)
        return valid.error();
    const std::string typed = normalizeCode(code);
    if (typed.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_CODE_MISSING", "no code given");
    auto loginOptions = loginOptionsJson(options, OptionsUse::SignIn);
    if (!loginOptions)
        return loginOptions.error();
    Json body = {{"loginId", loginId}, {"code", typed}};
    if (!loginOptions->is_null())
        body["loginOptions"] = *loginOptions;
    return buildDescopeRequest(project, DescopeCall{"POST", "v1/auth/totp/verify", std::move(body), loginBearer(options),
                                                    QStringLiteral("Descope TOTP verify")});
}

} // namespace oidc::descope
