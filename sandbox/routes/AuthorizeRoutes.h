#pragma once

// The browser side of OIDC: the authorization endpoint with a hosted login page, and the end
// session endpoint.
//
// GET or POST /oauth2/v1/authorize (RFC 6749 §4.1.1, OIDC Core §3.1.2): the request is checked
// in the order RFC 6749 §4.1.2.1 asks for — an unknown client_id or a redirect_uri that is not
// registered gives an error page (never a redirect); every later problem redirects with
// error, error_description, state and iss. When a login is needed the page is a plain HTML form
// (field "loginId", hidden fields carrying the request) that posts back to the same endpoint
// with sandbox_action=login (or =deny for access_denied); success sets the sandbox session
// cookie and redirects with code, state and iss (RFC 9207). prompt=none uses the cookie or
// answers login_required; prompt=login always asks; max_age asks when the cookie's login is
// older; login_hint (Descope also accepts loginHint) pre-fills; Descope's flow parameter is
// accepted and shown. PKCE S256 and plain; the public client must use PKCE.
//
// GET or POST /oauth2/v1/logout (OIDC RP-Initiated Logout 1.0): id_token_hint, client_id,
// post_logout_redirect_uri (must be registered), state (echoed); ends the cookie session.

#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

#include <string>

namespace sandbox {

class FormParams;
class SandboxRequest;
struct BrowserSession;
struct OidcClient;
struct SandboxContext;

class AuthorizeRoutes final : public RouteModule {
public:
    static constexpr const char *kCookieName = "oidcplay_sandbox_sid";

    explicit AuthorizeRoutes(SandboxContext &context) : m_context(context) {}
    void registerRoutes(Router &router) override;

private:
    oidc::net::LocalHttpResponse authorize(const SandboxRequest &request);
    oidc::net::LocalHttpResponse logout(const SandboxRequest &request);

    oidc::net::LocalHttpResponse loginPage(const FormParams &params, const OidcClient &client, const std::string &error, int status);
    oidc::net::LocalHttpResponse issueCode(const SandboxRequest &request, const FormParams &params, const OidcClient &client,
                                           const BrowserSession &session);
    oidc::net::LocalHttpResponse errorRedirect(const SandboxRequest &request, const FormParams &params, const std::string &error,
                                               const std::string &description);
    [[nodiscard]] const BrowserSession *browserSession(const SandboxRequest &request) const;

    SandboxContext &m_context;
};

} // namespace sandbox
