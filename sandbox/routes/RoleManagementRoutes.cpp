#include "RoleManagementRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/ManagementApi.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

#include <algorithm>

namespace sandbox {

namespace {

// The role or permission a call names: "name", or "id" (updateWithId and the by-ID calls: the
// sandbox's role and permission IDs are their names).
std::string roleOrPermissionName(const oidc::Json &body)
{
    std::string name = descope::string(body, "name");
    return name.empty() ? descope::string(body, "id") : name;
}

void renameRoleName(std::vector<std::string> &names, const std::string &from, const std::string &to)
{
    for (auto &name : names) {
        if (name == from)
            name = to;
    }
    if (to.empty())
        std::erase(names, std::string());
}

void renameInMemberships(std::vector<TenantMembership> &tenants, const std::string &tenantId, const std::string &from, const std::string &to)
{
    for (auto &membership : tenants) {
        if (membership.tenantId == tenantId)
            renameRoleName(membership.roleNames, from, to);
    }
}

} // namespace

void RoleManagementRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/mgmt/role/create", [this](const SandboxRequest &r) { return createRole(r); },
               "Management: create a role (project, or a tenant's with \"tenantId\")");
    router.add("POST", "/v1/mgmt/role/update", [this](const SandboxRequest &r) { return updateRole(r); },
               "Management: update a role (newName, description, permissionNames)");
    router.add("POST", "/v1/mgmt/role/delete", [this](const SandboxRequest &r) { return deleteRole(r); },
               "Management: delete a role (its holders lose it)");
    router.add("GET", "/v1/mgmt/role/all", [this](const SandboxRequest &r) { return allRoles(r); }, "Management: every role: {roles}");
    router.add("POST", "/v1/mgmt/role/search", [this](const SandboxRequest &r) { return searchRoles(r); },
               "Management: search roles (tenantIds, roleNames, roleNameLike, permissionNames): {roles}");
    router.add("POST", "/v1/mgmt/permission/create", [this](const SandboxRequest &r) { return createPermission(r); },
               "Management: create a permission");
    router.add("POST", "/v1/mgmt/permission/update", [this](const SandboxRequest &r) { return updatePermission(r); },
               "Management: update a permission (newName, description)");
    router.add("POST", "/v1/mgmt/permission/delete", [this](const SandboxRequest &r) { return deletePermission(r); },
               "Management: delete a permission (roles lose it)");
    router.add("GET", "/v1/mgmt/permission/all", [this](const SandboxRequest &r) { return allPermissions(r); },
               "Management: every permission: {permissions}");
}

void RoleManagementRoutes::renameRoleEverywhere(const std::string &tenantId, const std::string &from, const std::string &to)
{
    const ProjectDirectory &directory = m_context.state.directory();
    // A project role also stands in the memberships of tenants that have no own role of that name.
    const auto rename = [&](std::vector<std::string> &projectRoles, std::vector<TenantMembership> &tenants) {
        if (!tenantId.empty()) {
            renameInMemberships(tenants, tenantId, from, to);
            return;
        }
        renameRoleName(projectRoles, from, to);
        for (auto &membership : tenants) {
            if (!directory.scopedRoleExists(from, membership.tenantId))
                renameRoleName(membership.roleNames, from, to);
        }
    };
    for (auto &user : m_context.state.mutableUsers())
        rename(user.roleNames, user.tenants);
    for (auto &key : m_context.state.directory().accessKeys())
        rename(key.roleNames, key.tenants);
}

oidc::net::LocalHttpResponse RoleManagementRoutes::createRole(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    Role role;
    role.name = descope::string(*body, "name");
    role.tenantId = descope::string(*body, "tenantId");
    role.description = descope::string(*body, "description");
    role.permissions = mgmt::strings(*body, "permissionNames");
    if (role.name.empty())
        return mgmt::missing("name");
    ProjectDirectory &directory = m_context.state.directory();
    if (!role.tenantId.empty() && !directory.tenant(role.tenantId))
        return mgmt::invalid("tenant " + role.tenantId + " does not exist");
    if (directory.scopedRole(role.name, role.tenantId))
        return mgmt::invalid("role " + role.name + " already exists" + (role.tenantId.empty() ? "" : " in tenant " + role.tenantId));
    for (const auto &permission : role.permissions) {
        if (!directory.permission(permission))
            return mgmt::invalid("permission " + permission + " does not exist");
    }
    role.createdTime = m_context.now();
    directory.roles().push_back(std::move(role));
    m_context.stateChanged();
    return mgmt::ok();
}

oidc::net::LocalHttpResponse RoleManagementRoutes::updateRole(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    const std::string name = roleOrPermissionName(*body);
    const std::string tenantId = descope::string(*body, "tenantId");
    const std::string newName = descope::string(*body, "newName");
    if (name.empty() || newName.empty())
        return mgmt::missing("name and newName");
    ProjectDirectory &directory = m_context.state.directory();
    Role *role = directory.scopedRole(name, tenantId);
    if (!role)
        return mgmt::invalid("role " + name + " does not exist");
    if (newName != name && directory.scopedRole(newName, tenantId))
        return mgmt::invalid("role " + newName + " already exists");
    const auto permissions = mgmt::strings(*body, "permissionNames");
    for (const auto &permission : permissions) {
        if (!directory.permission(permission))
            return mgmt::invalid("permission " + permission + " does not exist");
    }
    role->name = newName;
    role->description = descope::string(*body, "description");
    role->permissions = permissions;
    if (newName != name)
        renameRoleEverywhere(tenantId, name, newName);
    m_context.stateChanged();
    return mgmt::ok();
}

oidc::net::LocalHttpResponse RoleManagementRoutes::deleteRole(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    const std::string name = roleOrPermissionName(*body);
    const std::string tenantId = descope::string(*body, "tenantId");
    if (name.empty())
        return mgmt::missing("name");
    auto &roles = m_context.state.directory().roles();
    if (std::erase_if(roles, [&](const Role &r) { return r.name == name && r.tenantId == tenantId; }) == 0)
        return mgmt::invalid("role " + name + " does not exist");
    renameRoleEverywhere(tenantId, name, {});
    m_context.stateChanged();
    return mgmt::ok();
}

oidc::net::LocalHttpResponse RoleManagementRoutes::allRoles(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    oidc::Json roles = oidc::Json::array();
    for (const auto &role : m_context.state.directory().roles())
        roles.push_back(mgmt::roleJson(role));
    return mgmt::ok({{"roles", roles}});
}

oidc::net::LocalHttpResponse RoleManagementRoutes::searchRoles(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    const auto tenantIds = mgmt::strings(*body, "tenantIds");
    const auto names = mgmt::strings(*body, "roleNames");
    const auto permissions = mgmt::strings(*body, "permissionNames");
    const std::string like = descope::string(*body, "roleNameLike");
    const auto include = body->find("includeProjectRoles");
    const bool includeProjectRoles = tenantIds.empty() || (include != body->end() && include->is_boolean() && include->get<bool>());
    const auto listed = [](const std::vector<std::string> &filter, const std::string &value) {
        return filter.empty() || std::find(filter.begin(), filter.end(), value) != filter.end();
    };
    oidc::Json roles = oidc::Json::array();
    for (const auto &role : m_context.state.directory().roles()) {
        const bool scopeMatches = role.tenantId.empty() ? includeProjectRoles : listed(tenantIds, role.tenantId);
        const bool permissionMatches = permissions.empty() || std::any_of(role.permissions.begin(), role.permissions.end(), [&](const std::string &p) {
            return listed(permissions, p);
        });
        if (scopeMatches && listed(names, role.name) && permissionMatches && (like.empty() || role.name.find(like) != std::string::npos))
            roles.push_back(mgmt::roleJson(role));
    }
    return mgmt::ok({{"roles", roles}});
}

oidc::net::LocalHttpResponse RoleManagementRoutes::createPermission(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    Permission permission{descope::string(*body, "name"), descope::string(*body, "description")};
    if (permission.name.empty())
        return mgmt::missing("name");
    if (m_context.state.directory().permission(permission.name))
        return mgmt::invalid("permission " + permission.name + " already exists");
    m_context.state.directory().permissions().push_back(std::move(permission));
    m_context.stateChanged();
    return mgmt::ok();
}

oidc::net::LocalHttpResponse RoleManagementRoutes::updatePermission(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    const std::string name = roleOrPermissionName(*body);
    const std::string newName = descope::string(*body, "newName");
    if (name.empty() || newName.empty())
        return mgmt::missing("name and newName");
    ProjectDirectory &directory = m_context.state.directory();
    auto &permissions = directory.permissions();
    const auto it = std::find_if(permissions.begin(), permissions.end(), [&](const Permission &p) { return p.name == name; });
    if (it == permissions.end())
        return mgmt::invalid("permission " + name + " does not exist");
    if (newName != name && directory.permission(newName))
        return mgmt::invalid("permission " + newName + " already exists");
    it->name = newName;
    it->description = descope::string(*body, "description");
    for (auto &role : directory.roles())
        renameRoleName(role.permissions, name, newName);
    m_context.stateChanged();
    return mgmt::ok();
}

oidc::net::LocalHttpResponse RoleManagementRoutes::deletePermission(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    const std::string name = roleOrPermissionName(*body);
    if (name.empty())
        return mgmt::missing("name");
    ProjectDirectory &directory = m_context.state.directory();
    if (std::erase_if(directory.permissions(), [&](const Permission &p) { return p.name == name; }) == 0)
        return mgmt::invalid("permission " + name + " does not exist");
    for (auto &role : directory.roles())
        renameRoleName(role.permissions, name, {});
    m_context.stateChanged();
    return mgmt::ok();
}

oidc::net::LocalHttpResponse RoleManagementRoutes::allPermissions(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    oidc::Json permissions = oidc::Json::array();
    for (const auto &permission : m_context.state.directory().permissions())
        permissions.push_back(mgmt::permissionJson(permission));
    return mgmt::ok({{"permissions", permissions}});
}

} // namespace sandbox
