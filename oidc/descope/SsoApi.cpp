#include "SsoApi.h"

#include "oidc/descope/DescopeFields.h"
#include "oidc/descope/DescopeResponse.h"

#include <QUrlQuery>

namespace oidc::descope {

namespace {

const char *routePrefix(SsoRoute route)
{
    return route == SsoRoute::Saml ? "v1/auth/saml/" : "v1/auth/sso/";
}

} // namespace

SsoTarget ssoTargetOf(std::string_view tenantOrEmail)
{
    return tenantOrEmail.find('@') == std::string_view::npos ? SsoTarget::TenantId : SsoTarget::Email;
}

Result<net::HttpRequest> buildSsoStartRequest(const DescopeProject &project, const SsoStart &start)
{
    if (start.tenantOrEmail.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_TENANT_MISSING", "SSO needs a tenant ID or an email whose domain a tenant owns");
    auto options = loginOptionsJson(start.options, OptionsUse::SignIn);
    if (!options)
        return options.error();
    // core-js-sdk posts the login options themselves as the body ({} when none).
    Json body = options->is_null() ? Json::object() : *options;
    auto request = buildDescopeRequest(project, DescopeCall{"POST", std::string(routePrefix(start.route)) + "authorize", std::move(body),
                                                            loginBearer(start.options), QStringLiteral("Descope SSO start")});
    if (!request)
        return request;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("tenant"), QString::fromStdString(start.tenantOrEmail));
    if (!start.redirectUrl.empty())
        query.addQueryItem(QStringLiteral("redirectURL"), QString::fromStdString(start.redirectUrl));
    // QUrlQuery leaves '+' and '&' inside values as they are; encode them so the server reads them.
    QString encoded = query.toString(QUrl::FullyEncoded);
    encoded.replace(QLatin1Char('+'), QStringLiteral("%2B"));
    request->url.setQuery(encoded, QUrl::StrictMode);
    return request;
}

Result<SsoStarted> processSsoStartResponse(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    auto url = requiredString(*body, "url", "the SSO start answer");
    if (!url)
        return url.error();
    return SsoStarted{std::move(url).value()};
}

Result<net::HttpRequest> buildSsoExchangeRequest(const DescopeProject &project, const std::string &code, SsoRoute route)
{
    if (code.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_CODE_MISSING", "the SSO exchange needs the code the IdP sent back");
    return buildDescopeRequest(project, DescopeCall{"POST", std::string(routePrefix(route)) + "exchange", Json{{"code", code}}, Bearer::project(),
                                                    QStringLiteral("Descope SSO exchange")});
}

} // namespace oidc::descope
