#include "DiscoveryRoutes.h"

#include "sandbox/HttpReplies.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

namespace sandbox {

oidc::Json DiscoveryRoutes::metadata(const SandboxContext &context)
{
    const std::string &issuer = context.issuerUrl;
    return {
        {"issuer", issuer},
        {"authorization_endpoint", context.url("/oauth2/v1/authorize")},
        {"token_endpoint", context.url("/oauth2/v1/token")},
        {"userinfo_endpoint", context.url("/oauth2/v1/userinfo")},
        {"jwks_uri", issuer + "/.well-known/jwks.json"},
        {"end_session_endpoint", context.url("/oauth2/v1/logout")},
        {"revocation_endpoint", context.url("/oauth2/v1/revoke")},
        {"response_types_supported", {"code"}},
        {"response_modes_supported", {"query"}},
        {"grant_types_supported", {"authorization_code", "refresh_token", "client_credentials"}},
        {"subject_types_supported", {"public"}},
        {"id_token_signing_alg_values_supported", {"RS256"}},
        {"token_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post", "none"}},
        {"revocation_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post", "none"}},
        {"code_challenge_methods_supported", {"S256", "plain"}},
        {"scopes_supported", {"openid", "profile", "email", "phone", "offline_access", "roles", "descope.custom_claims"}},
        {"claims_supported",
         {"iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "amr", "sid", "name", "given_name", "middle_name",
          "family_name", "preferred_username", "picture", "email", "email_verified", "phone_number", "phone_number_verified",
          "roles", "permissions", "tenants"}},
        {"prompt_values_supported", {"none", "login", "consent", "select_account"}},
        {"claims_parameter_supported", false},
        {"request_parameter_supported", false},
        {"request_uri_parameter_supported", false},
        {"require_request_uri_registration", false},
        // RFC 9207: every authorization response carries iss (rp-checks A2, A3).
        {"authorization_response_iss_parameter_supported", true},
    };
}

bool DiscoveryRoutes::isProject(const SandboxRequest &request) const
{
    return request.param("projectId") == m_context.projectId();
}

void DiscoveryRoutes::registerRoutes(Router &router)
{
    const auto document = [this](const SandboxRequest &request) {
        return isProject(request) ? reply::json(200, metadata(m_context)) : reply::notFound();
    };
    router.add("GET", "/{projectId}/.well-known/openid-configuration", document, "OpenID Provider metadata (Discovery 1.0)");
    router.add("GET", "/{projectId}/.well-known/oauth-authorization-server", document, "OAuth AS metadata (RFC 8414)");
    router.add("GET", "/.well-known/oauth-authorization-server/{projectId}", document, "OAuth AS metadata, RFC 8414 §3.1 form");
    const auto jwks = [this](const SandboxRequest &request) {
        if (!isProject(request))
            return reply::notFound();
        auto response = reply::rawJson(200, m_context.keys.jwksJson());
        // Keys may be cached briefly; a client refetches on an unknown kid (§2.3).
        response.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("public, max-age=60")});
        return response;
    };
    router.add("GET", "/{projectId}/.well-known/jwks.json", jwks, "JWKS {keys:[{alg,e,kid,kty,n,use}]}");
    router.add("GET", "/v2/keys/{projectId}", jwks, "JWKS (v2 keys path)");
    router.add("GET", "/v1/keys/{projectId}", [this](const SandboxRequest &request) {
        return isProject(request) ? reply::rawJson(200, m_context.keys.currentKeyJson()) : reply::notFound();
    }, "The current key alone (v1 keys path)");
}

} // namespace sandbox
