#include "AuthorizationChecks.h"

#include <algorithm>

namespace oidc::descope {

namespace {

std::string where(const std::string &tenant)
{
    return tenant.empty() ? std::string("at project level") : "in tenant \"" + tenant + "\"";
}

jwt::ClaimCheck tenantCheck(const Json &claims, const std::string &tenant)
{
    std::string rule = "the user must belong to tenant \"" + tenant + "\": tenants." + tenant + " present (node isUserAssociatedWithTenant)";
    const auto tenants = claims.find("tenants");
    if (tenants != claims.end() && tenants->is_object() && tenants->contains(tenant))
        return {"tenant." + tenant, std::move(rule), jwt::CheckOutcome::Pass, "the token lists tenant \"" + tenant + "\"", {}};
    std::vector<std::string> held;
    if (tenants != claims.end() && tenants->is_object())
        for (const auto &[id, value] : tenants->items())
            held.push_back(id);
    return {"tenant." + tenant, std::move(rule), jwt::CheckOutcome::Fail,
            "expected tenant \"" + tenant + "\"; the token holds tenants: " + joinHeld(held), "DESCOPE_TENANT_NOT_ASSOCIATED"};
}

void itemChecks(std::vector<jwt::ClaimCheck> &checks, const Json &claims, const char *claim, const char *singular,
                const std::vector<std::string> &required, const std::string &tenant, const char *code)
{
    const std::vector<std::string> held = heldItems(claims, claim, tenant);
    for (const auto &name : required) {
        std::string rule = std::string("the token must hold the ") + singular + " \"" + name + "\" " + where(tenant)
            + (tenant.empty() ? std::string(" (top-level ") + claim + ")" : std::string(" (tenants.") + tenant + "." + claim + ")");
        const bool found = std::find(held.begin(), held.end(), name) != held.end();
        std::string detail = std::string("expected ") + singular + " \"" + name + "\" " + where(tenant) + "; the token holds: " + joinHeld(held);
        checks.push_back({std::string(claim) + "." + name, std::move(rule), found ? jwt::CheckOutcome::Pass : jwt::CheckOutcome::Fail,
                          std::move(detail), found ? std::string() : std::string(code)});
    }
}

} // namespace

std::string joinHeld(const std::vector<std::string> &items)
{
    if (items.empty())
        return "none";
    std::string text;
    for (const auto &item : items)
        text += (text.empty() ? "" : ", ") + item;
    return text;
}

std::vector<std::string> heldItems(const Json &claims, const char *claim, const std::string &tenant)
{
    const Json *list = nullptr;
    if (tenant.empty()) {
        const auto it = claims.find(claim);
        list = it != claims.end() ? &*it : nullptr;
    } else if (const auto tenants = claims.find("tenants"); tenants != claims.end() && tenants->is_object()) {
        const auto entry = tenants->find(tenant);
        if (entry != tenants->end() && entry->is_object()) {
            const auto it = entry->find(claim);
            list = it != entry->end() ? &*it : nullptr;
        }
    }
    std::vector<std::string> items;
    if (list && list->is_array())
        for (const auto &item : *list)
            if (item.is_string())
                items.push_back(item.get<std::string>());
    return items;
}

std::vector<jwt::ClaimCheck> checkAuthorization(const Json &claims, const AuthorizationRequirements &requirements)
{
    std::vector<jwt::ClaimCheck> checks;
    if (!requirements.tenant.empty())
        checks.push_back(tenantCheck(claims, requirements.tenant));
    itemChecks(checks, claims, "roles", "role", requirements.roles, requirements.tenant, "DESCOPE_ROLE_MISSING");
    itemChecks(checks, claims, "permissions", "permission", requirements.permissions, requirements.tenant, "DESCOPE_PERMISSION_MISSING");
    return checks;
}

std::optional<Error> firstFailure(const std::vector<jwt::ClaimCheck> &checks)
{
    for (const auto &check : checks)
        if (check.outcome == jwt::CheckOutcome::Fail)
            return makeError(ErrorCategory::IdToken, check.code, check.id + ": " + check.detail());
    return std::nullopt;
}

} // namespace oidc::descope
