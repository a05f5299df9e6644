#pragma once

// Enchanted links (descope-api.md §5, email only): POST /v1/auth/enchantedlink/{op}/email answers
// {linkId, pendingRef, maskedEmail} and puts an email with three numbered links in the Inbox,
// one of them the right one (its number is linkId). POST …/verify {token} with the right link's
// token completes the login (200 {}); another link's token is refused (401 E011003) and the
// login stays pending. POST …/pending-session {pendingRef} answers 401 E062503 until then, the
// JWT response once, and 400 E011003 afterwards (an unknown, expired or used pendingRef: the
// reference has no source for it, §15).

#include "sandbox/LoginFlow.h"
#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

#include <string>

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class EnchantedLinkRoutes final : public RouteModule {
public:
    explicit EnchantedLinkRoutes(SandboxContext &context) : m_context(context), m_flow(context) {}
    void registerRoutes(Router &router) override;

    enum class VerifyOutcome { Verified, WrongLink, Unknown };
    // Shared with the landing page. `number` receives the clicked link's number.
    static VerifyOutcome verifyToken(SandboxContext &context, const std::string &token, std::string *number = nullptr);

private:
    oidc::net::LocalHttpResponse start(const SandboxRequest &request);
    oidc::net::LocalHttpResponse verify(const SandboxRequest &request);
    oidc::net::LocalHttpResponse pendingSession(const SandboxRequest &request);

    SandboxContext &m_context;
    LoginFlow m_flow;
};

} // namespace sandbox
