#include "ProjectDirectory.h"

#include "sandbox/OAuthSupport.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace sandbox {

namespace {

std::string lowerDomain(std::string_view text)
{
    std::string lowered(text);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lowered;
}

} // namespace

void ProjectDirectory::reset(const Fixtures &fixtures, int64_t now)
{
    m_tenants = fixtures.tenants;
    m_roles = fixtures.roles;
    m_permissions = fixtures.permissions;
    m_accessKeys = fixtures.accessKeys;
    m_sso = fixtures.sso;
    for (auto &tenant : m_tenants)
        tenant.createdTime = tenant.createdTime ? tenant.createdTime : now;
    for (auto &role : m_roles)
        role.createdTime = role.createdTime ? role.createdTime : now;
    for (auto &key : m_accessKeys)
        key.createdTime = key.createdTime ? key.createdTime : now;
}

const Tenant *ProjectDirectory::tenant(std::string_view id) const
{
    const auto it = std::find_if(m_tenants.begin(), m_tenants.end(), [id](const Tenant &t) { return t.id == id; });
    return it == m_tenants.end() ? nullptr : &*it;
}

Tenant *ProjectDirectory::tenant(std::string_view id)
{
    return const_cast<Tenant *>(std::as_const(*this).tenant(id));
}

bool ProjectDirectory::removeTenant(std::string_view id)
{
    if (std::erase_if(m_tenants, [id](const Tenant &t) { return t.id == id; }) == 0)
        return false;
    std::erase_if(m_roles, [id](const Role &r) { return r.tenantId == id; });
    removeSsoSettings(id);
    for (auto &key : m_accessKeys)
        std::erase_if(key.tenants, [id](const TenantMembership &m) { return m.tenantId == id; });
    return true;
}

const Role *ProjectDirectory::role(std::string_view name, std::string_view tenantId) const
{
    const Role *projectRole = nullptr;
    for (const auto &role : m_roles) {
        if (role.name != name)
            continue;
        if (!tenantId.empty() && role.tenantId == tenantId)
            return &role;
        if (role.tenantId.empty())
            projectRole = &role;
    }
    return projectRole;
}

Role *ProjectDirectory::scopedRole(std::string_view name, std::string_view tenantId)
{
    const auto it = std::find_if(m_roles.begin(), m_roles.end(), [&](const Role &r) { return r.name == name && r.tenantId == tenantId; });
    return it == m_roles.end() ? nullptr : &*it;
}

bool ProjectDirectory::scopedRoleExists(std::string_view name, std::string_view tenantId) const
{
    return std::any_of(m_roles.begin(), m_roles.end(), [&](const Role &r) { return r.name == name && r.tenantId == tenantId; });
}

std::vector<std::string> ProjectDirectory::permissionsOf(const std::vector<std::string> &roleNames, std::string_view tenantId) const
{
    std::vector<std::string> permissions;
    for (const auto &name : roleNames) {
        if (const Role *found = role(name, tenantId)) {
            for (const auto &permission : found->permissions) {
                if (std::find(permissions.begin(), permissions.end(), permission) == permissions.end())
                    permissions.push_back(permission);
            }
        }
    }
    return permissions;
}

const Permission *ProjectDirectory::permission(std::string_view name) const
{
    const auto it = std::find_if(m_permissions.begin(), m_permissions.end(), [name](const Permission &p) { return p.name == name; });
    return it == m_permissions.end() ? nullptr : &*it;
}

const AccessKey *ProjectDirectory::accessKeyBySecret(std::string_view secret) const
{
    if (secret.empty())
        return nullptr;
    const AccessKey *found = nullptr;
    for (const auto &key : m_accessKeys) {
        if (oauth::constantTimeEquals(key.secret, secret))
            found = &key;
    }
    return found;
}

AccessKey *ProjectDirectory::accessKey(std::string_view id)
{
    const auto it = std::find_if(m_accessKeys.begin(), m_accessKeys.end(), [id](const AccessKey &k) { return k.id == id; });
    return it == m_accessKeys.end() ? nullptr : &*it;
}

const SsoSettings *ProjectDirectory::ssoSettings(std::string_view tenantId) const
{
    const auto it = std::find_if(m_sso.begin(), m_sso.end(), [tenantId](const SsoSettings &s) { return s.tenantId == tenantId; });
    return it == m_sso.end() ? nullptr : &*it;
}

SsoSettings &ProjectDirectory::setSsoSettings(SsoSettings settings)
{
    for (auto &existing : m_sso) {
        if (existing.tenantId == settings.tenantId)
            return existing = std::move(settings);
    }
    m_sso.push_back(std::move(settings));
    return m_sso.back();
}

bool ProjectDirectory::removeSsoSettings(std::string_view tenantId)
{
    return std::erase_if(m_sso, [tenantId](const SsoSettings &s) { return s.tenantId == tenantId; }) > 0;
}

const SsoSettings *ProjectDirectory::ssoSettingsForEmail(std::string_view email) const
{
    const auto at = email.rfind('@');
    if (at == std::string_view::npos || at + 1 >= email.size())
        return nullptr;
    const std::string domain = lowerDomain(email.substr(at + 1));
    for (const auto &settings : m_sso) {
        for (const auto &owned : settings.domains) {
            if (lowerDomain(owned) == domain)
                return &settings;
        }
    }
    return nullptr;
}

} // namespace sandbox
