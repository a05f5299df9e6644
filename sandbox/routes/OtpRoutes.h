#pragma once

// One-time codes (descope-api.md §7): POST /v1/auth/otp/{signin|signup|signup-in}/{method} puts
// a 6-digit code in the Inbox; POST /v1/auth/otp/verify/{method} answers the JWT response.
// A wrong code is 401 E061102; the otpMaxAttempts-th wrong code is 401 E061103 and locks the
// code until a new one is requested.

#include "sandbox/LoginFlow.h"
#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class OtpRoutes final : public RouteModule {
public:
    explicit OtpRoutes(SandboxContext &context) : m_context(context), m_flow(context) {}
    void registerRoutes(Router &router) override;

private:
    oidc::net::LocalHttpResponse start(const SandboxRequest &request);
    oidc::net::LocalHttpResponse verify(const SandboxRequest &request);

    SandboxContext &m_context;
    LoginFlow m_flow;
};

} // namespace sandbox
