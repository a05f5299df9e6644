#pragma once

// Descope session API (descope-api.md §4), all with Authorization: Bearer <projectId>:<refreshJwt>
// (validate takes the session JWT): refresh (rotates the refresh JWT), try-refresh, logout,
// logoutall, me, me/tenants, me/history, tenant/select and validate. The refresh JWT may also
// come in the DSR cookie. An empty body and {} are the same (§14.4).

#include "sandbox/RouteModule.h"
#include "sandbox/SessionService.h"

#include "oidc/net/LocalHttpServer.h"

#include <variant>

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class SessionRoutes final : public RouteModule {
public:
    explicit SessionRoutes(SandboxContext &context) : m_context(context) {}
    void registerRoutes(Router &router) override;

private:
    // The validated refresh JWT of the request, or the 401 to answer.
    std::variant<SessionService::Validated, oidc::net::LocalHttpResponse> refreshToken(const SandboxRequest &request);

    oidc::net::LocalHttpResponse refresh(const SandboxRequest &request, bool lenient);
    oidc::net::LocalHttpResponse logout(const SandboxRequest &request, bool everywhere);
    oidc::net::LocalHttpResponse me(const SandboxRequest &request);
    oidc::net::LocalHttpResponse myTenants(const SandboxRequest &request);
    oidc::net::LocalHttpResponse history(const SandboxRequest &request);
    oidc::net::LocalHttpResponse selectTenant(const SandboxRequest &request);
    oidc::net::LocalHttpResponse validate(const SandboxRequest &request);

    SandboxContext &m_context;
};

} // namespace sandbox
