#include "PasswordApi.h"

#include "oidc/descope/DescopeFields.h"
#include "oidc/descope/DescopeResponse.h"

#include <algorithm>
#include <cctype>

namespace oidc::descope {

namespace {

Status checkPasswordCall(const std::string &loginId, std::initializer_list<const std::string *> passwords)
{
    if (loginId.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_LOGIN_ID_MISSING", "a login ID is required");
    if (std::any_of(passwords.begin(), passwords.end(), [](const std::string *password) { return password->empty(); }))
        return makeError(ErrorCategory::Input, "DESCOPE_PASSWORD_MISSING", "a password is required");
    return {};
}

Result<net::HttpRequest> passwordCall(const DescopeProject &project, std::string operation, Json body, Bearer bearer, const char *label)
{
    return buildDescopeRequest(project, DescopeCall{"POST", "v1/auth/password/" + operation, std::move(body), std::move(bearer),
                                                    QString::fromLatin1(label)});
}

} // namespace

Result<net::HttpRequest> buildPasswordSignUpRequest(const DescopeProject &project, const std::string &loginId, const std::string &password,
                                                    const SignUpUser &user, const LoginOptions &options)
{
    if (auto valid = checkPasswordCall(loginId, {&password}); !valid)
        return valid.error();
    auto loginOptions = loginOptionsJson(options, OptionsUse::SignUp);
    if (!loginOptions)
        return loginOptions.error();
    Json body = {{"loginId", loginId}, {"password", password}};
    if (!user.toJson().empty())
        body["user"] = user.toJson();
    if (!loginOptions->is_null())
        body["loginOptions"] = *loginOptions;
    return passwordCall(project, "signup", std::move(body), Bearer::project(), "Descope password sign-up");
}

Result<net::HttpRequest> buildPasswordSignInRequest(const DescopeProject &project, const std::string &loginId, const std::string &password,
                                                    const LoginOptions &options)
{
    if (auto valid = checkPasswordCall(loginId, {&password}); !valid)
        return valid.error();
    auto loginOptions = loginOptionsJson(options, OptionsUse::SignIn);
    if (!loginOptions)
        return loginOptions.error();
    Json body = {{"loginId", loginId}, {"password", password}};
    if (!loginOptions->is_null())
        body["loginOptions"] = *loginOptions;
    return passwordCall(project, "signin", std::move(body), loginBearer(options), "Descope password sign-in");
}

Result<net::HttpRequest> buildPasswordReplaceRequest(const DescopeProject &project, const std::string &loginId, const std::string &oldPassword,
                                                     const std::string &newPassword)
{
    if (auto valid = checkPasswordCall(loginId, {&oldPassword, &newPassword}); !valid)
        return valid.error();
    return passwordCall(project, "replace", Json{{"loginId", loginId}, {"oldPassword", oldPassword}, {"newPassword", newPassword}},
                        Bearer::project(), "Descope password replace");
}

Result<net::HttpRequest> buildPasswordUpdateRequest(const DescopeProject &project, const std::string &loginId, const std::string &newPassword,
                                                    const std::string &refreshJwt)
{
    if (auto valid = checkPasswordCall(loginId, {&newPassword}); !valid)
        return valid.error();
    return passwordCall(project, "update", Json{{"loginId", loginId}, {"newPassword", newPassword}}, Bearer::refreshJwt(refreshJwt),
                        "Descope password update");
}

Result<net::HttpRequest> buildPasswordResetRequest(const DescopeProject &project, const std::string &loginId, const std::string &redirectUrl)
{
    if (auto valid = checkPasswordCall(loginId, {}); !valid)
        return valid.error();
    Json body = {{"loginId", loginId}};
    if (!redirectUrl.empty()) {
        if (auto valid = checkAppRedirectUrl(redirectUrl, "the reset link's redirect URL"); !valid)
            return valid.error();
        body["redirectUrl"] = redirectUrl;
    }
    return passwordCall(project, "reset", std::move(body), Bearer::project(), "Descope password reset");
}

Result<PasswordResetSent> processPasswordResetResponse(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    constexpr const char *kWhat = "the password reset answer";
    auto method = optionalString(*body, "resetMethod", kWhat);
    auto masked = optionalString(*body, "maskedEmail", kWhat);
    auto pendingRef = optionalString(*body, "pendingRef", kWhat);
    auto linkId = optionalString(*body, "linkId", kWhat);
    if (auto error = firstError(method, masked, pendingRef, linkId))
        return *error;
    return PasswordResetSent{std::move(method).value(), std::move(masked).value(), std::move(pendingRef).value(), std::move(linkId).value()};
}

Result<net::HttpRequest> buildPasswordPolicyRequest(const DescopeProject &project)
{
    return buildDescopeRequest(project, DescopeCall{"GET", "v1/auth/password/policy", std::nullopt, Bearer::project(),
                                                    QStringLiteral("Descope password policy")});
}

Result<PasswordPolicy> processPasswordPolicyResponse(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    constexpr const char *kWhat = "the password policy";
    auto minLength = optionalInteger(*body, "minLength", kWhat);
    auto lowercase = optionalBool(*body, "lowercase", kWhat);
    auto uppercase = optionalBool(*body, "uppercase", kWhat);
    auto number = optionalBool(*body, "number", kWhat);
    auto nonAlphanumeric = optionalBool(*body, "nonAlphanumeric", kWhat);
    if (auto error = firstError(minLength, lowercase, uppercase, number, nonAlphanumeric))
        return *error;
    return PasswordPolicy{minLength->value_or(0), *lowercase, *uppercase, *number, *nonAlphanumeric};
}

std::vector<std::string> PasswordPolicy::unmet(std::string_view password) const
{
    const auto has = [password](auto predicate) {
        return std::any_of(password.begin(), password.end(), [&](char c) { return predicate(static_cast<unsigned char>(c)); });
    };
    std::vector<std::string> missing;
    // Characters, not bytes: UTF-8 continuation bytes do not count.
    const auto characters = std::count_if(password.begin(), password.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    if (characters < minLength)
        missing.push_back("at least " + std::to_string(minLength) + " characters");
    if (lowercase && !has([](unsigned char c) { return std::islower(c) != 0; }))
        missing.emplace_back("a lowercase letter");
    if (uppercase && !has([](unsigned char c) { return std::isupper(c) != 0; }))
        missing.emplace_back("an uppercase letter");
    if (number && !has([](unsigned char c) { return std::isdigit(c) != 0; }))
        missing.emplace_back("a digit");
    if (nonAlphanumeric && !has([](unsigned char c) { return c < 0x80 && std::isalnum(c) == 0; }))
        missing.emplace_back("a character that is not a letter or digit");
    return missing;
}

} // namespace oidc::descope
