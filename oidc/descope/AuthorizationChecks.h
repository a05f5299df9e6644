#pragma once

// Roles, permissions and tenants of a validated session JWT, the checks the SDKs offer
// (node validateRoles / validatePermissions / validateTenantRoles / validateTenantPermissions;
// descope-api.md §2.2): project-level ones are the top-level "roles" / "permissions" arrays; for a
// tenant, "tenants".<id>."roles" / ."permissions", and the user must belong to that tenant. Each
// required item is its own named check, with what was expected and what the token holds.

#include "oidc/Json.h"
#include "oidc/jwt/ClaimChecks.h"

#include <optional>
#include <string>
#include <vector>

namespace oidc::descope {

struct AuthorizationRequirements final {
    std::vector<std::string> roles;       // each must be held
    std::vector<std::string> permissions; // each must be held
    std::string tenant;                   // empty: project level; else within this tenant

    [[nodiscard]] bool empty() const { return roles.empty() && permissions.empty() && tenant.empty(); }
};

// Checks, in this order: "tenant.<id>" (when a tenant is given: the token's tenants has it),
// "roles.<name>" for each role, "permissions.<name>" for each permission. Failure codes:
// DESCOPE_TENANT_NOT_ASSOCIATED, DESCOPE_ROLE_MISSING, DESCOPE_PERMISSION_MISSING.
[[nodiscard]] std::vector<jwt::ClaimCheck> checkAuthorization(const Json &claims, const AuthorizationRequirements &requirements);

// The first failed check as an error (category IDT), or nullopt.
[[nodiscard]] std::optional<Error> firstFailure(const std::vector<jwt::ClaimCheck> &checks);

// "a, b" (or "none") — the items the token holds, for details and messages.
[[nodiscard]] std::string joinHeld(const std::vector<std::string> &items);

// The token's items of `claim` ("roles" / "permissions"): top-level, or the tenant's.
[[nodiscard]] std::vector<std::string> heldItems(const Json &claims, const char *claim, const std::string &tenant);

} // namespace oidc::descope
