#include "PasswordlessStart.h"

#include "oidc/descope/DescopeFields.h"
#include "oidc/descope/DescopeResponse.h"

#include <QUrlQuery>

#include <array>

namespace oidc::descope {

namespace {

constexpr std::array<std::pair<DeliveryMethod, std::string_view>, 4> kDeliveryMethods = {{
    {DeliveryMethod::Email, "email"}, {DeliveryMethod::Sms, "sms"}, {DeliveryMethod::Voice, "voice"}, {DeliveryMethod::WhatsApp, "whatsapp"}}};

Status checkRedirectUrl(std::string_view family, const std::string &redirectUrl)
{
    if (redirectUrl.empty())
        return {};
    if (family == "otp")
        return makeError(ErrorCategory::Input, "DESCOPE_REDIRECT_URL", "OTP sends a code, not a link: it takes no redirect URL");
    return checkAppRedirectUrl(redirectUrl, "the link's URI");
}

} // namespace

Status checkAppRedirectUrl(const std::string &redirectUrl, std::string_view what)
{
    // An absolute URL the app can receive (https, or a private-use scheme of a desktop or mobile
    // app), never one that would run or read something where the link is shown.
    const QUrl url(QString::fromStdString(redirectUrl), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    const bool dangerous = scheme == QLatin1String("javascript") || scheme == QLatin1String("data") || scheme == QLatin1String("file")
        || scheme == QLatin1String("vbscript");
    if (!url.isValid() || scheme.isEmpty() || dangerous || url.hasFragment())
        return makeError(ErrorCategory::Input, "DESCOPE_REDIRECT_URL", std::string(what) + " must be an absolute URL without a fragment",
                         "https://app.example.com/verify", redirectUrl);
    return {};
}

std::string_view operationPath(LoginOperation operation)
{
    switch (operation) {
    case LoginOperation::SignIn: return "signin";
    case LoginOperation::SignUp: return "signup";
    case LoginOperation::SignUpOrIn: return "signup-in";
    }
    return "signin";
}

std::string_view methodPath(DeliveryMethod method)
{
    for (const auto &[value, name] : kDeliveryMethods)
        if (value == method)
            return name;
    return "email";
}

Result<DeliveryMethod> parseDeliveryMethod(std::string_view name)
{
    for (const auto &[value, text] : kDeliveryMethods)
        if (text == name)
            return value;
    return makeError(ErrorCategory::Input, "DESCOPE_METHOD", "unknown delivery method", "email, sms, voice or whatsapp", std::string(name));
}

Json SignUpUser::toJson() const
{
    Json json = Json::object();
    for (const auto &[member, value] : {std::pair("name", &name), std::pair("givenName", &givenName), std::pair("middleName", &middleName),
                                        std::pair("familyName", &familyName), std::pair("email", &email), std::pair("phone", &phone)})
        if (!value->empty())
            json[member] = *value;
    return json;
}

Result<DescopeCall> passwordlessStartCall(std::string_view family, DeliveryMethod method, const PasswordlessStart &start)
{
    if (start.loginId.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_LOGIN_ID_MISSING", "a login ID (email address or phone number) is required");
    if (auto url = checkRedirectUrl(family, start.redirectUrl); !url)
        return url.error();
    const bool signUp = start.operation != LoginOperation::SignIn;
    auto options = loginOptionsJson(start.loginOptions, signUp ? OptionsUse::SignUp : OptionsUse::SignIn);
    if (!options)
        return options.error();
    Json body = {{"loginId", start.loginId}};
    if (!start.redirectUrl.empty())
        body["URI"] = start.redirectUrl;
    if (start.operation == LoginOperation::SignUp && !start.user.toJson().empty())
        body["user"] = start.user.toJson();
    if (!options->is_null())
        body["loginOptions"] = *options;
    DescopeCall call;
    call.path = "v1/auth/" + std::string(family) + "/" + std::string(operationPath(start.operation)) + "/" + std::string(methodPath(method));
    call.body = std::move(body);
    call.bearer = loginBearer(start.loginOptions);
    call.label = QString::fromStdString("Descope " + std::string(family) + " " + std::string(operationPath(start.operation)));
    return call;
}

Result<MaskedAddress> processMaskedAddressResponse(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    auto email = optionalString(*body, "maskedEmail", "the start answer");
    auto phone = optionalString(*body, "maskedPhone", "the start answer");
    if (auto error = firstError(email, phone))
        return *error;
    return MaskedAddress{std::move(email).value(), std::move(phone).value()};
}

Result<std::string> linkToken(std::string_view text)
{
    const QString trimmed = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).trimmed();
    const QUrl url(trimmed, QUrl::StrictMode);
    if (url.isValid() && !url.scheme().isEmpty() && !url.host().isEmpty()) {
        const QString token = QUrlQuery(url).queryItemValue(QStringLiteral("t"), QUrl::FullyDecoded);
        if (token.isEmpty())
            return makeError(ErrorCategory::Input, "DESCOPE_LINK_TOKEN_MISSING", "the link has no t parameter: paste the whole link or its token");
        return token.toStdString();
    }
    if (trimmed.isEmpty())
        return makeError(ErrorCategory::Input, "DESCOPE_LINK_TOKEN_MISSING", "no link or token given");
    return trimmed.toStdString();
}

} // namespace oidc::descope
