#pragma once

// Management API, a tenant's SSO settings (descope-openapi-mgmt.yml /v1/mgmt/sso/*, node-sdk
// management sso.ts): configure SAML (/v1/mgmt/sso/saml, or the older /v1/mgmt/sso/settings
// POST) or OIDC (/v1/mgmt/sso/oidc) with the IdP URL, entity ID, certificate, domains and role
// mappings; the mapping alone (/v1/mgmt/sso/mapping); load (GET /v1/mgmt/sso/settings and
// /v2/mgmt/sso/settings) and delete (DELETE /v1/mgmt/sso/settings). The stored settings decide
// which tenant an email's domain selects and which roles an SSO sign-in gets (SsoRoutes); the
// sign-in always goes to the sandbox's stand-in IdP page. Every call needs the management key.

#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class SsoManagementRoutes final : public RouteModule {
public:
    explicit SsoManagementRoutes(SandboxContext &context) : m_context(context) {}
    void registerRoutes(Router &router) override;

private:
    enum class Shape { LegacySaml, Saml, Oidc, Mapping };

    oidc::net::LocalHttpResponse configure(const SandboxRequest &request, Shape shape);
    oidc::net::LocalHttpResponse load(const SandboxRequest &request, bool v2);
    oidc::net::LocalHttpResponse remove(const SandboxRequest &request);

    SandboxContext &m_context;
};

} // namespace sandbox
