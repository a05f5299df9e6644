#include "OAuthApi.h"

#include "oidc/descope/DescopeFields.h"
#include "oidc/descope/DescopeResponse.h"
#include "oidc/descope/PasswordlessStart.h"
#include "oidc/net/LocalHttpServer.h"

#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <array>

namespace oidc::descope {

namespace {

constexpr std::array<std::string_view, 9> kOAuthProviders = {"google", "github", "apple", "microsoft", "facebook",
                                                             "gitlab", "discord", "linkedin", "slack"};

std::string_view oauthStartPath(OAuthOperation operation)
{
    switch (operation) {
    case OAuthOperation::SignIn: return "v1/auth/oauth/authorize/signin";
    case OAuthOperation::SignUp: return "v1/auth/oauth/authorize/signup";
    case OAuthOperation::Update: return "v1/auth/oauth/authorize/update";
    case OAuthOperation::SignUpOrIn: break;
    }
    return "v1/auth/oauth/authorize";
}

} // namespace

std::span<const std::string_view> oauthProviders()
{
    return kOAuthProviders;
}

Result<net::HttpRequest> buildOAuthStartRequest(const DescopeProject &project, const OAuthStart &start)
{
    if (start.provider.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_PROVIDER_MISSING", "choose a social login provider");
    const bool nameLike = std::all_of(start.provider.begin(), start.provider.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
    if (!nameLike)
        return makeError(ErrorCategory::Input, "DESCOPE_PROVIDER", "a provider is a name of lowercase letters and digits", "google",
                         start.provider);
    if (!start.redirectUrl.empty())
        if (auto valid = checkAppRedirectUrl(start.redirectUrl, "the redirect URL"); !valid)
            return valid.error();
    auto options = loginOptionsJson(start.loginOptions, start.operation == OAuthOperation::SignIn || start.operation == OAuthOperation::SignUpOrIn
                                                            ? OptionsUse::SignIn
                                                            : OptionsUse::SignUp);
    if (!options)
        return options.error();
    Bearer bearer = loginBearer(start.loginOptions);
    if (start.operation == OAuthOperation::Update) {
        if (start.refreshJwt.empty())
            return makeError(ErrorCategory::Input, "DESCOPE_REFRESH_JWT_REQUIRED", "adding a provider needs the signed-in user's refresh JWT");
        bearer = Bearer::refreshJwt(start.refreshJwt);
    }
    auto request = buildDescopeRequest(project, DescopeCall{"POST", std::string(oauthStartPath(start.operation)),
                                                            options->is_null() ? Json::object() : *options, std::move(bearer),
                                                            QStringLiteral("Descope OAuth start")});
    if (!request)
        return request;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("provider"), QString::fromStdString(start.provider));
    if (!start.redirectUrl.empty())
        query.addQueryItem(QStringLiteral("redirectURL"), QString::fromStdString(start.redirectUrl));
    request->url.setQuery(query);
    return request;
}

Result<OAuthStarted> processOAuthStartResponse(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    auto url = requiredString(*body, "url", "the OAuth start answer");
    if (!url)
        return url.error();
    const QUrl parsed(QString::fromStdString(*url), QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || parsed.host().isEmpty() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return makeError(ErrorCategory::Descope, "DESCOPE_OAUTH_URL", "the provider URL is not an absolute http(s) URL", "https://…",
                         std::to_string(url->size()) + " characters");
    return OAuthStarted{std::move(url).value()};
}

Result<std::string> oauthCodeFromRedirect(std::string_view url)
{
    std::string_view query = url;
    if (const size_t question = query.find('?'); question != std::string_view::npos)
        query.remove_prefix(question + 1);
    if (const size_t hash = query.find('#'); hash != std::string_view::npos)
        query = query.substr(0, hash);
    // The redirect's query is application/x-www-form-urlencoded (RFC 6749 Appendix B): '+' is a space.
    std::string code;
    std::string error;
    std::string description;
    for (const auto &[name, value] : net::parseUrlEncoded(QByteArrayView(query.data(), static_cast<qsizetype>(query.size())))) {
        std::string *target = name == "code" ? &code : name == "error" ? &error : name == "error_description" ? &description : nullptr;
        if (target && target->empty())
            *target = value.toStdString();
    }
    if (!error.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_OAUTH_DENIED", "the provider answered " + error + " instead of a code", "code",
                         description);
    if (code.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_CODE_MISSING", "the redirect carries no code");
    return code;
}

Result<net::HttpRequest> buildOAuthExchangeRequest(const DescopeProject &project, const std::string &code)
{
    if (code.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_CODE_MISSING", "no OAuth code to exchange");
    return buildDescopeRequest(project, DescopeCall{"POST", "v1/auth/oauth/exchange", Json{{"code", code}}, Bearer::project(),
                                                    QStringLiteral("Descope OAuth exchange")});
}

} // namespace oidc::descope
