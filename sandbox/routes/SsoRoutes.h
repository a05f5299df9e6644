#pragma once

// Tenant SSO, the auth side (descope-openapi-auth.yml /v1/auth/saml/*, /v1/auth/sso/*;
// core-js-sdk sso.ts and saml): POST /v1/auth/saml/authorize (or sso/authorize) with ?tenant=
// (a tenant ID, or an email whose domain a tenant's SSO settings own) and ?redirectURL= (a
// loopback URL, or the settings' redirect URL) answers {url} at the sandbox's stand-in for that
// tenant's IdP: a plain HTML form, no script, saying plainly that it is the sandbox, where one
// picks or types an identity and its groups; Cancel goes back with error=access_denied. Signing
// in goes back with a single-use code that lives lifetimes.codeSeconds, which POST
// /v1/auth/saml/exchange (or sso/exchange) turns into the JWT response. The user (created on a
// first sign-in) gets "SAML": true (or "OIDC" for OIDC settings) and, in the tenant, the roles the
// settings' mapping gives the asserted groups plus the default SSO roles; the session names the
// tenant (dct) and carries it in "tenants". The sandbox reaches no real IdP.

#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class SsoRoutes final : public RouteModule {
public:
    explicit SsoRoutes(SandboxContext &context) : m_context(context) {}
    void registerRoutes(Router &router) override;

private:
    oidc::net::LocalHttpResponse authorize(const SandboxRequest &request);
    oidc::net::LocalHttpResponse idpPage(const SandboxRequest &request);
    oidc::net::LocalHttpResponse idpAnswer(const SandboxRequest &request);
    oidc::net::LocalHttpResponse exchange(const SandboxRequest &request);

    SandboxContext &m_context;
};

} // namespace sandbox
