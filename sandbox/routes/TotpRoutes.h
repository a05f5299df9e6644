#pragma once

// TOTP (descope-api.md §8): POST /v1/auth/totp/signup answers {provisioningURL, image, key} and
// keeps the new user pending until the first good code; POST /v1/auth/totp/verify checks a code
// (RFC 6238, ±1 step, a used step is refused) and answers the JWT response with amr "totp"
// (step-up / MFA with the refresh JWT as for OTP); POST /v1/auth/totp/update (refresh JWT
// required) makes a new seed that replaces the old one once a verify succeeds with it.
// A wrong or replayed code is 401 E061102; a malformed code 400 E011003.

#include "sandbox/LoginFlow.h"
#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class TotpRoutes final : public RouteModule {
public:
    explicit TotpRoutes(SandboxContext &context) : m_context(context), m_flow(context) {}
    void registerRoutes(Router &router) override;

private:
    oidc::net::LocalHttpResponse signUp(const SandboxRequest &request);
    oidc::net::LocalHttpResponse verify(const SandboxRequest &request);
    oidc::net::LocalHttpResponse update(const SandboxRequest &request);

    SandboxContext &m_context;
    LoginFlow m_flow;
};

} // namespace sandbox
