#pragma once

// The back channel of OIDC/OAuth:
// - POST /oauth2/v1/token (RFC 6749 §3.2, §4.1.3, §4.4, §6; OIDC Core §3.1.3): authorization_code
//   (PKCE verified per RFC 7636 §4.6; a code is single-use, bound to its client and redirect URI,
//   short-lived, and a replay revokes the tokens it issued: RFC 6749 §4.1.2), refresh_token
//   (rotation; a rotated-out token is refused and, replayed, revokes the session: RFC 9700
//   §4.14.2), client_credentials (the confidential client, or a Descope access key as
//   client_secret with client_id = the project ID). Form or JSON bodies. Errors are
//   {error, error_description}: 400 invalid_request / invalid_grant / unsupported_grant_type /
//   unauthorized_client, 401 invalid_client (+ WWW-Authenticate: Basic when Basic was used).
// - GET or POST /oauth2/v1/userinfo (OIDC Core §5.3): Bearer access token; flat claims.
// - POST /oauth2/v1/revoke (RFC 7009): 200 for unknown tokens; a revoked refresh token ends its
//   session (and the access tokens minted from it), a revoked access token stops working.

#include "sandbox/RouteModule.h"
#include "sandbox/TokenFaults.h"

#include "oidc/Json.h"
#include "oidc/net/LocalHttpServer.h"

namespace sandbox {

class FormParams;
class SandboxRequest;
struct OidcClient;
struct Session;
struct SandboxContext;
namespace oauth {
struct ClientAuthentication;
}

class TokenRoutes final : public RouteModule {
public:
    explicit TokenRoutes(SandboxContext &context) : m_context(context) {}
    void registerRoutes(Router &router) override;

private:
    oidc::net::LocalHttpResponse token(const SandboxRequest &request);
    oidc::net::LocalHttpResponse authorizationCode(const SandboxRequest &request, const FormParams &params,
                                                   const oauth::ClientAuthentication &client);
    oidc::net::LocalHttpResponse refreshToken(const SandboxRequest &request, const FormParams &params,
                                              const oauth::ClientAuthentication &client);
    oidc::net::LocalHttpResponse clientCredentials(const SandboxRequest &request, const FormParams &params,
                                                   const oauth::ClientAuthentication &client);
    // access_token, id_token (when the scope has openid), refresh_token (per the fixtures'
    // offline_access rule, or always when `rotateRefresh`), expires_in, scope.
    oidc::net::LocalHttpResponse sessionTokens(const SandboxRequest &request, Session &session, const std::string &nonce,
                                               bool issueRefresh);

    oidc::net::LocalHttpResponse userInfo(const SandboxRequest &request);
    oidc::net::LocalHttpResponse revoke(const SandboxRequest &request);

    SandboxContext &m_context;
};

} // namespace sandbox
