#pragma once

// Magic links (descope-api.md §6): POST /v1/auth/magiclink/{signin|signup|signup-in}/{email|sms|whatsapp}
// puts a link "<URI or the sandbox landing page>?t=<token>" in the Inbox and answers the masked
// address; POST /v1/auth/magiclink/verify {token} answers the JWT response (once per token).

#include "sandbox/LoginFlow.h"
#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

#include <string>

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class MagicLinkRoutes final : public RouteModule {
public:
    explicit MagicLinkRoutes(SandboxContext &context) : m_context(context), m_flow(context) {}
    void registerRoutes(Router &router) override;

    // Shared with the landing page: verifies a magic-link token and answers the JWT response.
    static oidc::net::LocalHttpResponse verifyToken(SandboxContext &context, LoginFlow &flow, const std::string &token,
                                                    const SandboxRequest &request);
    // "<uri>?t=<token>" (or "&t=" when the URI has a query). Empty when `uri` is not acceptable.
    static std::string linkFor(const SandboxContext &context, const std::string &uri, const std::string &token);

private:
    oidc::net::LocalHttpResponse start(const SandboxRequest &request);
    oidc::net::LocalHttpResponse verify(const SandboxRequest &request);

    SandboxContext &m_context;
    LoginFlow m_flow;
};

} // namespace sandbox
