#include "SessionApi.h"

#include "oidc/descope/DescopeResponse.h"

namespace oidc::descope {

Result<net::HttpRequest> buildRefreshRequest(const DescopeProject &project, const std::string &refreshJwt)
{
    return buildDescopeRequest(project, DescopeCall{"POST", "v1/auth/refresh", std::nullopt, Bearer::refreshJwt(refreshJwt),
                                                    QStringLiteral("Descope refresh")});
}

Result<net::HttpRequest> buildMeRequest(const DescopeProject &project, const std::string &refreshJwt)
{
    return buildDescopeRequest(project, DescopeCall{"GET", "v1/auth/me", std::nullopt, Bearer::refreshJwt(refreshJwt), QStringLiteral("Descope me")});
}

Result<DescopeUser> processMeResponse(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    return parseResponseUser(*body, "the me answer");
}

Result<net::HttpRequest> buildLogoutRequest(const DescopeProject &project, const std::string &refreshJwt, LogoutScope scope)
{
    const bool all = scope == LogoutScope::AllSessions;
    return buildDescopeRequest(project, DescopeCall{"POST", all ? "v1/auth/logoutall" : "v1/auth/logout", std::nullopt,
                                                    Bearer::refreshJwt(refreshJwt),
                                                    all ? QStringLiteral("Descope logout all") : QStringLiteral("Descope logout")});
}

Status processLogoutResponse(const net::HttpResponse &response)
{
    return processDescopeStatus(response);
}

} // namespace oidc::descope
