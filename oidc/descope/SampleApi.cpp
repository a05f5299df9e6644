#include "SampleApi.h"

#include "oidc/descope/AuthorizationChecks.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace oidc::descope {

namespace {

// A space-separated string (RFC 6749 §3.3 scope syntax) or an array of strings.
void addWords(const Json &value, std::set<std::string> &out)
{
    if (value.is_string()) {
        std::istringstream words(value.get<std::string>());
        std::string word;
        while (words >> word)
            out.insert(word);
    } else if (value.is_array()) {
        for (const auto &item : value)
            if (item.is_string())
                out.insert(item.get<std::string>());
    }
}

void addMembers(const Json &object, std::initializer_list<const char *> names, std::set<std::string> &out)
{
    if (!object.is_object())
        return;
    for (const char *name : names)
        if (const auto it = object.find(name); it != object.end())
            addWords(*it, out);
}

// `member` of every tenant in "tenants" ({"<tenantId>": {"roles": […], "permissions": […]}}).
void addTenantMembers(const Json &claims, const char *member, std::set<std::string> &out)
{
    const auto tenants = claims.find("tenants");
    if (tenants == claims.end() || !tenants->is_object())
        return;
    for (const auto &[id, tenant] : tenants->items())
        addMembers(tenant, {member}, out);
}

std::set<std::string> scopeSet(const Json &claims)
{
    std::set<std::string> granted;
    if (!claims.is_object())
        return granted;
    addMembers(claims, {"scope", "scopes", "permissions"}, granted);
    if (const auto nsec = claims.find("nsec"); nsec != claims.end())
        addMembers(*nsec, {"scope", "scopes", "permissions"}, granted);
    addTenantMembers(claims, "permissions", granted);
    return granted;
}

std::set<std::string> roleSet(const Json &claims)
{
    std::set<std::string> roles;
    if (!claims.is_object())
        return roles;
    addMembers(claims, {"roles"}, roles);
    addTenantMembers(claims, "roles", roles);
    return roles;
}

std::vector<std::string> sortedItems(const std::set<std::string> &items)
{
    return {items.begin(), items.end()};
}

} // namespace

const std::vector<SampleApiRoute> &sampleApiRoutes()
{
    static const std::vector<SampleApiRoute> routes = {
        {"/api/protected", "any valid session JWT", {}},
        {"/api/user", "needs the scope read:data", {{"read:data"}, {}}},
        {"/api/admin", "needs the role admin", {{}, {"admin"}}},
    };
    return routes;
}

const SampleApiRoute *findSampleApiRoute(const QUrl &url, const QUrl &base)
{
    if (url.scheme() != base.scheme() || url.host() != base.host() || url.port(-1) != base.port(-1))
        return nullptr;
    const std::string path = url.path().toStdString();
    const auto &routes = sampleApiRoutes();
    const auto it = std::find_if(routes.begin(), routes.end(), [&](const SampleApiRoute &route) { return route.path == path; });
    return it == routes.end() ? nullptr : &*it;
}

std::vector<std::string> grantedScopes(const Json &claims)
{
    return sortedItems(scopeSet(claims));
}

std::vector<std::string> heldRoles(const Json &claims)
{
    return sortedItems(roleSet(claims));
}

std::vector<jwt::ClaimCheck> checkApiRequirement(const Json &claims, const ApiRequirement &requirement)
{
    std::vector<jwt::ClaimCheck> checks;
    const std::set<std::string> scopes = scopeSet(claims);
    const std::string scopesHeld = joinHeld(sortedItems(scopes));
    for (const auto &scope : requirement.scopes) {
        const bool granted = scopes.count(scope) > 0;
        checks.push_back({"scope." + scope,
                          "the token must grant the scope \"" + scope
                              + "\": in scope / scopes / permissions, the same under nsec, or a tenant's permissions (the M2M sample's extractScopes)",
                          granted ? jwt::CheckOutcome::Pass : jwt::CheckOutcome::Fail,
                          "expected scope \"" + scope + "\"; the token grants: " + scopesHeld, granted ? std::string() : "API_SCOPE_MISSING"});
    }
    const std::set<std::string> roles = roleSet(claims);
    for (const auto &role : requirement.roles) {
        const bool held = roles.count(role) > 0 || scopes.count(role) > 0;
        checks.push_back({"role." + role,
                          "the token must hold the role \"" + role + "\": in roles or a tenant's roles, or granted as a scope (the sample checks it as one)",
                          held ? jwt::CheckOutcome::Pass : jwt::CheckOutcome::Fail,
                          "expected role \"" + role + "\"; the token holds roles: " + joinHeld(sortedItems(roles)) + "; scopes: " + scopesHeld,
                          held ? std::string() : "API_ROLE_MISSING"});
    }
    return checks;
}

} // namespace oidc::descope
