#pragma once

// The project's directory as the management API changes it (issue 15): tenants, roles (project
// roles and tenant roles side by side, as Descope keeps them), permissions, access keys and the
// tenants' SSO settings. Starts from the fixtures at every reset; the auth routes read it, so a
// change takes effect at once (a deactivated key no longer exchanges, a role added shows in the
// next session's claims). Owned by SandboxState, touched only on the server's thread.

#include "sandbox/Fixtures.h"
#include "sandbox/SsoRecords.h"

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace sandbox {

class ProjectDirectory final {
public:
    void reset(const Fixtures &fixtures, int64_t now);

    // Tenants. IDs match exactly.
    [[nodiscard]] const Tenant *tenant(std::string_view id) const;
    [[nodiscard]] Tenant *tenant(std::string_view id);
    [[nodiscard]] std::vector<Tenant> &tenants() { return m_tenants; }
    [[nodiscard]] const std::vector<Tenant> &tenants() const { return m_tenants; }
    // Removes the tenant, its roles and its SSO settings; false when there was none.
    bool removeTenant(std::string_view id);

    // Roles: `tenantId` empty looks up a project role; otherwise the tenant's own role, else the
    // project role of that name (a tenant member may hold project roles in the tenant).
    [[nodiscard]] const Role *role(std::string_view name, std::string_view tenantId = {}) const;
    // Exactly the role of that scope (no fallback), for the management calls.
    [[nodiscard]] Role *scopedRole(std::string_view name, std::string_view tenantId);
    [[nodiscard]] bool scopedRoleExists(std::string_view name, std::string_view tenantId) const;
    [[nodiscard]] std::vector<Role> &roles() { return m_roles; }
    // The permissions of roles, in order, without repeats.
    [[nodiscard]] std::vector<std::string> permissionsOf(const std::vector<std::string> &roleNames, std::string_view tenantId = {}) const;

    [[nodiscard]] const Permission *permission(std::string_view name) const;
    [[nodiscard]] std::vector<Permission> &permissions() { return m_permissions; }

    // Access keys; secrets compared in constant time.
    [[nodiscard]] const AccessKey *accessKeyBySecret(std::string_view secret) const;
    [[nodiscard]] AccessKey *accessKey(std::string_view id);
    [[nodiscard]] std::vector<AccessKey> &accessKeys() { return m_accessKeys; }

    // SSO settings, one per tenant.
    [[nodiscard]] const SsoSettings *ssoSettings(std::string_view tenantId) const;
    SsoSettings &setSsoSettings(SsoSettings settings);
    bool removeSsoSettings(std::string_view tenantId);
    // The tenant whose SSO settings list the domain of `email` (case-insensitive), or null.
    [[nodiscard]] const SsoSettings *ssoSettingsForEmail(std::string_view email) const;

private:
    std::vector<Tenant> m_tenants;
    std::vector<Role> m_roles;
    std::vector<Permission> m_permissions;
    std::vector<AccessKey> m_accessKeys;
    std::vector<SsoSettings> m_sso;
};

} // namespace sandbox
