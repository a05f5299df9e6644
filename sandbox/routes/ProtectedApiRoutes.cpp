#include "ProtectedApiRoutes.h"

#include "sandbox/HttpReplies.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

#include <set>
#include <sstream>

namespace sandbox {

namespace {

void addWords(const oidc::Json &value, std::set<std::string> &out)
{
    if (value.is_string()) {
        std::istringstream words(value.get<std::string>());
        std::string word;
        while (words >> word)
            out.insert(word);
    } else if (value.is_array()) {
        for (const auto &item : value) {
            if (item.is_string())
                out.insert(item.get<std::string>());
        }
    }
}

// Everything the sample's extractScopes() reads, plus top-level permissions and nsec.
std::set<std::string> grantedPermissions(const oidc::Json &claims)
{
    std::set<std::string> granted;
    for (const char *key : {"permissions", "scope", "scopes"}) {
        if (const auto it = claims.find(key); it != claims.end())
            addWords(*it, granted);
    }
    if (const auto nsec = claims.find("nsec"); nsec != claims.end() && nsec->is_object()) {
        for (const char *key : {"scope", "scopes", "permissions"}) {
            if (const auto it = nsec->find(key); it != nsec->end())
                addWords(*it, granted);
        }
    }
    if (const auto tenants = claims.find("tenants"); tenants != claims.end() && tenants->is_object()) {
        for (const auto &[id, tenant] : tenants->items()) {
            if (tenant.is_object() && tenant.contains("permissions"))
                addWords(tenant["permissions"], granted);
        }
    }
    return granted;
}

std::set<std::string> grantedRoles(const oidc::Json &claims)
{
    std::set<std::string> roles;
    if (const auto it = claims.find("roles"); it != claims.end())
        addWords(*it, roles);
    if (const auto tenants = claims.find("tenants"); tenants != claims.end() && tenants->is_object()) {
        for (const auto &[id, tenant] : tenants->items()) {
            if (tenant.is_object() && tenant.contains("roles"))
                addWords(tenant["roles"], roles);
        }
    }
    return roles;
}

oidc::net::LocalHttpResponse apiError(int status, const char *error, const std::string &message)
{
    return reply::json(status, oidc::Json{{"success", false}, {"error", error}, {"message", message}});
}

} // namespace

void ProtectedApiRoutes::registerRoutes(Router &router)
{
    router.add("GET,POST", "/api/protected", [this](const SandboxRequest &r) { return handle(r, Requirement::AnyToken); },
               "M2M sample API: any valid session JWT");
    router.add("GET,POST", "/api/user", [this](const SandboxRequest &r) { return handle(r, Requirement::ReadData); },
               "M2M sample API: needs permission read:data");
    router.add("GET,POST", "/api/admin", [this](const SandboxRequest &r) { return handle(r, Requirement::Admin); },
               "M2M sample API: needs role admin");
}

oidc::net::LocalHttpResponse ProtectedApiRoutes::handle(const SandboxRequest &request, Requirement requirement)
{
    auto token = request.bearer();
    if (!token || token->empty())
        return apiError(401, "unauthorized", "Missing or invalid Authorization header");
    // Also accept Descope's "<projectId>:<jwt>" form.
    if (const auto colon = token->find(':'); colon != std::string::npos && token->substr(0, colon) == m_context.projectId())
        token = token->substr(colon + 1);
    auto validated = m_context.sessions.validateSessionJwt(*token);
    if (!validated)
        return apiError(401, "unauthorized", "JWT verification failed: " + validated.error().message);
    const oidc::Json &claims = validated->claims;
    if (requirement == Requirement::ReadData && !grantedPermissions(claims).count("read:data"))
        return apiError(403, "forbidden", "Missing required permission: 'read:data'");
    if (requirement == Requirement::Admin && !grantedRoles(claims).count("admin") && !grantedPermissions(claims).count("admin"))
        return apiError(403, "forbidden", "Missing required role: 'admin'");
    const char *message = requirement == Requirement::AnyToken ? "Protected API call succeeded!"
        : requirement == Requirement::ReadData                 ? "User API call succeeded!"
                                                               : "Admin API call succeeded!";
    return reply::json(200, oidc::Json{{"success", true}, {"message", message}, {"claims", claims}});
}

} // namespace sandbox
