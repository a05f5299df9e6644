#pragma once

// Management API, tenants (descope-openapi-mgmt.yml /v1/mgmt/tenant*, node-sdk management
// tenant.ts): create (a generated "T…" ID, or the body's "id"), update, delete (the tenant leaves
// every user and access key, its roles and SSO settings go too), load (GET ?id=), load all, and
// search by IDs, names, self-provisioning domains and custom attributes. Every call needs the
// management key (ManagementApi.h).

#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class TenantManagementRoutes final : public RouteModule {
public:
    explicit TenantManagementRoutes(SandboxContext &context) : m_context(context) {}
    void registerRoutes(Router &router) override;

private:
    oidc::net::LocalHttpResponse create(const SandboxRequest &request);
    oidc::net::LocalHttpResponse update(const SandboxRequest &request);
    oidc::net::LocalHttpResponse remove(const SandboxRequest &request);
    oidc::net::LocalHttpResponse load(const SandboxRequest &request);
    oidc::net::LocalHttpResponse loadAll(const SandboxRequest &request);
    oidc::net::LocalHttpResponse search(const SandboxRequest &request);

    SandboxContext &m_context;
};

} // namespace sandbox
