#pragma once

// Descope session API (descope-api.md §4), all with Authorization: Bearer <projectId>:<refreshJwt>
// (validate takes the session JWT): refresh (rotates the refresh JWT), try-refresh, logout,
// logoutall, me, me/tenants, me/history, tenant/select and validate. The refresh JWT may also
// come in the DSR cookie. An empty body and {} are the same (§14.4).

#include "sandbox/ReplyOr.h"
#include "sandbox/RouteModule.h"
#include "sandbox/SessionService.h"

#include "oidc/Json.h"
#include "oidc/net/LocalHttpServer.h"

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class SessionRoutes final : public RouteModule {
public:
    explicit SessionRoutes(SandboxContext &context) : m_context(context) {}
    void registerRoutes(Router &router) override;

private:
    // The validated refresh JWT of the request (bearer part 2, else the DSR cookie), or the 401
    // to answer.
    [[nodiscard]] ReplyOr<SessionService::Validated> refreshToken(const SandboxRequest &request);
    // The request pipeline of the POST routes: the body (400 E011001), then refreshToken().
    struct SessionCall final {
        oidc::Json body;
        Session &session;
    };
    [[nodiscard]] ReplyOr<SessionCall> accept(const SandboxRequest &request);
    // 200 + a fresh JWT response for `session` (the refresh JWT rotates), token faults applied.
    oidc::net::LocalHttpResponse jwtResponse(Session &session, const SandboxRequest &request);

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
