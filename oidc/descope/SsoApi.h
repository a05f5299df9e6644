#pragma once

// Tenant SSO (descope-openapi-auth.yml /v1/auth/saml/authorize, /v1/auth/sso/authorize and their
// exchanges; core-js-sdk sso.ts): the start names the tenant — its ID, or an email whose domain
// the tenant's SSO settings own — and the redirect URL in the query (?tenant=…&redirectURL=…),
// posts the login options as the body, and answers {url} at the tenant's IdP (the sandbox's
// stand-in page). The IdP sends the browser back with ?code=…, which the exchange turns into the
// JWT response (processJwtResponse). The app never speaks SAML: Descope does.

#include "oidc/descope/DescopeRequest.h"
#include "oidc/descope/LoginOptions.h"

#include <string_view>

namespace oidc::descope {

// saml/* is what core-js-sdk's saml and sso both call; sso/* is the newer path of the same API.
enum class SsoRoute { Saml, Sso };

struct SsoStart final {
    std::string tenantOrEmail; // "tenant" query parameter
    std::string redirectUrl;   // "redirectURL" query parameter; empty: the tenant's configured one
    LoginOptions options;      // the body
    SsoRoute route = SsoRoute::Saml;
};

// What the "tenant" parameter names, as Descope reads it: an email (it has an '@'; the tenant is
// the one whose SSO settings own its domain) or else a tenant ID. The sandbox reads it the same way.
enum class SsoTarget { TenantId, Email };
[[nodiscard]] SsoTarget ssoTargetOf(std::string_view tenantOrEmail);

struct SsoStarted final {
    std::string url; // "url": where the browser goes
};

// POST v1/auth/{saml|sso}/authorize. Errors (INPUT): DESCOPE_TENANT_MISSING, those of
// loginOptionsJson.
[[nodiscard]] Result<net::HttpRequest> buildSsoStartRequest(const DescopeProject &project, const SsoStart &start);
// Errors: those of processDescopeJson, DESCOPE_FIELD_MISSING (url), DESCOPE_FIELD_TYPE.
[[nodiscard]] Result<SsoStarted> processSsoStartResponse(const net::HttpResponse &response);

// POST v1/auth/{saml|sso}/exchange {"code"}; the answer is the JWT response. Error (INPUT):
// DESCOPE_CODE_MISSING.
[[nodiscard]] Result<net::HttpRequest> buildSsoExchangeRequest(const DescopeProject &project, const std::string &code,
                                                               SsoRoute route = SsoRoute::Saml);

} // namespace oidc::descope
