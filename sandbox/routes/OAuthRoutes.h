#pragma once

// Social login (OAuth, descope-api.md; the Node SDK's oauth.start / oauth.exchange):
//   POST /v1/auth/oauth/authorize[/signin|/signup|/update]?provider=P&redirectURL=R  (body: the
//        login options) answers {"url"} at the sandbox's stand-in page for P;
//   GET  /sandbox/social/{provider}?s=…  the stand-in: it says it is the sandbox, lists the
//        fixtures' demo identities and takes a typed one, a plain form without script;
//   POST /sandbox/social/{provider}      the form's answer: 302 to R with "code", or with
//        error=access_denied when the person cancels;
//   POST /v1/auth/oauth/exchange {code}  the JWT response (the code works once, for codeSeconds).
// The first social sign-in creates the user; every one marks the provider in its "OAuth" map.

#include "sandbox/LoginFlow.h"
#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

#include <string>
#include <string_view>

namespace sandbox {

class SandboxRequest;
struct SandboxContext;
struct OAuthStart;

class OAuthRoutes final : public RouteModule {
public:
    explicit OAuthRoutes(SandboxContext &context) : m_context(context), m_flow(context) {}
    void registerRoutes(Router &router) override;

    // Where a social login may return to: an http(s) URL on a loopback host (127.0.0.1,
    // localhost, [::1]; any port and path, RFC 8252 §7.3), or one a fixture client lists;
    // never one with a fragment.
    [[nodiscard]] static bool redirectAllowed(const SandboxContext &context, std::string_view url);

private:
    oidc::net::LocalHttpResponse start(const SandboxRequest &request, const std::string &operation);
    oidc::net::LocalHttpResponse standInPage(const SandboxRequest &request);
    oidc::net::LocalHttpResponse standInAnswer(const SandboxRequest &request);
    oidc::net::LocalHttpResponse exchange(const SandboxRequest &request);
    // The start a stand-in page request names (its "s"), live and for the page's provider.
    [[nodiscard]] const OAuthStart *liveStart(const std::string &id, std::string_view provider) const;

    SandboxContext &m_context;
    LoginFlow m_flow;
};

} // namespace sandbox
