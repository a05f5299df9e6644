#include "SessionRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/ErrorCodes.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

#include <algorithm>

namespace sandbox {

void SessionRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/auth/refresh", [this](const SandboxRequest &r) { return refresh(r, false); },
               "Refresh (Bearer pid:refreshJwt): JWT response; the refresh JWT rotates");
    router.add("POST", "/v1/auth/try-refresh", [this](const SandboxRequest &r) { return refresh(r, true); },
               "Try-refresh: like refresh, but {} instead of an error");
    router.add("POST", "/v1/auth/logout", [this](const SandboxRequest &r) { return logout(r, false); }, "Logout this session");
    router.add("POST", "/v1/auth/logoutall", [this](const SandboxRequest &r) { return logout(r, true); },
               "Logout every session of the user");
    router.add("GET", "/v1/auth/me", [this](const SandboxRequest &r) { return me(r); }, "Me: ResponseUser");
    router.add("POST", "/v1/auth/me/tenants", [this](const SandboxRequest &r) { return myTenants(r); },
               "My tenants {dct:true} or {ids:[…]}");
    router.add("GET", "/v1/auth/me/history", [this](const SandboxRequest &r) { return history(r); }, "Login history (flat array)");
    router.add("POST", "/v1/auth/tenant/select", [this](const SandboxRequest &r) { return selectTenant(r); },
               "Select tenant {tenant}: JWT response with dct");
    router.add("POST", "/v1/auth/validate", [this](const SandboxRequest &r) { return validate(r); },
               "Validate (Bearer pid:sessionJwt): the claims, flat");
}

ReplyOr<SessionService::Validated> SessionRoutes::refreshToken(const SandboxRequest &request)
{
    auto bearer = descope::authorize(request, m_context);
    if (!bearer)
        return bearer.takeReply();
    std::string token = bearer->token;
    if (token.empty())
        token = request.cookie("DSR").value_or(std::string()); // §2.1: the refresh cookie
    return descope::refreshSession(m_context, token, "this call needs");
}

ReplyOr<SessionRoutes::SessionCall> SessionRoutes::accept(const SandboxRequest &request)
{
    auto body = descope::body(request);
    if (!body)
        return body.takeReply();
    auto token = refreshToken(request);
    if (!token)
        return token.takeReply();
    return SessionCall{std::move(body).value(), *token->session};
}

oidc::net::LocalHttpResponse SessionRoutes::jwtResponse(Session &session, const SandboxRequest &request)
{
    const TokenFaults faults = m_context.faults.takeTokenFaults(request.path(), request.routePattern());
    auto response = m_context.sessions.issueJwtResponse(session, false, faults);
    if (!response)
        return reply::descopeError(500, errc::kBadRequest, "Internal sandbox error", response.error().message);
    m_context.stateChanged();
    return reply::json(200, response.value());
}

oidc::net::LocalHttpResponse SessionRoutes::refresh(const SandboxRequest &request, bool lenient)
{
    auto call = accept(request);
    if (!call)
        return lenient ? reply::json(200, oidc::Json::object()) : call.takeReply(); // OptionalJWTResponse: fields omitted
    return jwtResponse(call->session, request);
}

oidc::net::LocalHttpResponse SessionRoutes::logout(const SandboxRequest &request, bool everywhere)
{
    auto call = accept(request);
    if (!call)
        return call.takeReply();
    const Session &session = call->session;
    if (everywhere)
        m_context.state.revokeSessionsOf(session.subject);
    else
        m_context.state.revokeSession(session.id);
    m_context.stateChanged();
    // A JWT response with empty tokens, so callers clear their cookies (§4).
    auto response = reply::json(200, oidc::Json{{"sessionJwt", ""}, {"refreshJwt", ""}, {"cookieDomain", ""}, {"cookiePath", "/"},
                                                {"cookieMaxAge", 0}, {"cookieExpiration", 0}});
    response.addHeader("Set-Cookie", "DS=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    response.addHeader("Set-Cookie", "DSR=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    return response;
}

oidc::net::LocalHttpResponse SessionRoutes::me(const SandboxRequest &request)
{
    auto token = refreshToken(request);
    if (!token)
        return token.takeReply();
    const Session &session = *token->session;
    const User *user = m_context.state.user(session.subject);
    if (!user)
        return reply::descopeError(400, errc::kUserNotFound, "User not found", "the session's user no longer exists");
    return reply::json(200, m_context.sessions.responseUser(*user));
}

oidc::net::LocalHttpResponse SessionRoutes::myTenants(const SandboxRequest &request)
{
    auto call = accept(request);
    if (!call)
        return call.takeReply();
    const oidc::Json &body = call->body;
    const Session &session = call->session;
    const User *user = m_context.state.user(session.subject);
    if (!user)
        return reply::descopeError(400, errc::kUserNotFound, "User not found", "the session's user no longer exists");
    const bool currentOnly = body.contains("dct") && body["dct"].is_boolean() && body["dct"].get<bool>();
    std::vector<std::string> ids;
    if (const auto it = body.find("ids"); it != body.end() && it->is_array()) {
        for (const auto &id : *it) {
            if (id.is_string())
                ids.push_back(id.get<std::string>());
        }
    }
    oidc::Json tenants = oidc::Json::array();
    for (const auto &membership : user->tenants) {
        const bool wanted = currentOnly ? membership.tenantId == session.currentTenant
                                        : (ids.empty() || std::find(ids.begin(), ids.end(), membership.tenantId) != ids.end());
        if (!wanted)
            continue;
        const Tenant *tenant = m_context.state.directory().tenant(membership.tenantId);
        tenants.push_back({{"id", membership.tenantId},
                           {"name", tenant ? tenant->name : std::string()},
                           {"customAttributes", tenant ? tenant->customAttributes : oidc::Json::object()}});
    }
    return reply::json(200, oidc::Json{{"tenants", tenants}});
}

oidc::net::LocalHttpResponse SessionRoutes::history(const SandboxRequest &request)
{
    auto token = refreshToken(request);
    if (!token)
        return token.takeReply();
    const Session &session = *token->session;
    // A flat JSON array (descope-api.md §4: .NET's FixRootResponseBodyHandler).
    oidc::Json entries = oidc::Json::array();
    const auto &all = m_context.state.history();
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        if (it->userId != session.subject)
            continue;
        oidc::Json entry = {{"userId", it->userId}, {"loginTime", it->loginTime}, {"city", ""}, {"country", ""}, {"ip", it->ip}};
        if (!it->selectedTenant.empty())
            entry["selectedTenant"] = it->selectedTenant;
        entries.push_back(std::move(entry));
    }
    return reply::json(200, entries);
}

oidc::net::LocalHttpResponse SessionRoutes::selectTenant(const SandboxRequest &request)
{
    auto call = accept(request);
    if (!call)
        return call.takeReply();
    const std::string tenant = descope::string(call->body, "tenant");
    Session &session = call->session;
    if (tenant.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "tenant is required");
    const User *user = m_context.state.user(session.subject);
    const bool member = user && std::any_of(user->tenants.begin(), user->tenants.end(), [&](const TenantMembership &m) { return m.tenantId == tenant; });
    if (!member)
        return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments", "the user is not a member of tenant " + tenant);
    session.currentTenant = tenant;
    return jwtResponse(session, request);
}

oidc::net::LocalHttpResponse SessionRoutes::validate(const SandboxRequest &request)
{
    auto bearer = descope::authorize(request, m_context);
    if (!bearer)
        return bearer.takeReply();
    const std::string &token = bearer->token;
    if (token.empty())
        return reply::descopeError(401, errc::kMissingArguments, "Unauthorized", "this call needs Authorization: Bearer <projectId>:<sessionJwt>");
    auto validated = m_context.sessions.validateSessionJwt(token);
    if (!validated)
        return descope::tokenRejected(validated.error());
    // The claims flat at the root (descope-api.md §4: .NET notes the server does this, not {"parsedJWT":…}).
    return reply::json(200, validated->claims);
}

} // namespace sandbox
