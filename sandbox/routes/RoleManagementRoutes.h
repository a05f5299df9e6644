#pragma once

// Management API, roles and permissions (descope-openapi-mgmt.yml /v1/mgmt/role*,
// /v1/mgmt/permission*, node-sdk management role.ts, permission.ts). Roles are project roles, or
// a tenant's own roles with "tenantId", side by side as Descope keeps them. Renaming or deleting
// a role or a permission follows through to the users, access keys and roles that hold it, so
// the next session's claims show the change. Every call needs the management key.

#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class RoleManagementRoutes final : public RouteModule {
public:
    explicit RoleManagementRoutes(SandboxContext &context) : m_context(context) {}
    void registerRoutes(Router &router) override;

private:
    oidc::net::LocalHttpResponse createRole(const SandboxRequest &request);
    oidc::net::LocalHttpResponse updateRole(const SandboxRequest &request);
    oidc::net::LocalHttpResponse deleteRole(const SandboxRequest &request);
    oidc::net::LocalHttpResponse allRoles(const SandboxRequest &request);
    oidc::net::LocalHttpResponse searchRoles(const SandboxRequest &request);
    oidc::net::LocalHttpResponse createPermission(const SandboxRequest &request);
    oidc::net::LocalHttpResponse updatePermission(const SandboxRequest &request);
    oidc::net::LocalHttpResponse deletePermission(const SandboxRequest &request);
    oidc::net::LocalHttpResponse allPermissions(const SandboxRequest &request);

    // Every holder of role `from` in `tenantId`'s scope gets `to` instead (nothing when `to` is empty).
    void renameRoleEverywhere(const std::string &tenantId, const std::string &from, const std::string &to);

    SandboxContext &m_context;
};

} // namespace sandbox
