#pragma once

// The sandbox's own routes, all under /sandbox/ (never faulted, never rate limited):
//   GET  /sandbox/ping                      trivial 200 (the benchmark's baseline)
//   GET  /sandbox/info                      what `oidcplay-cli sandbox --json` prints
//   GET  /sandbox/inbox[?loginId=…]         {"messages":[…]}, newest first;  DELETE clears
//   GET  /sandbox/faults                    {"faults":[…],"kinds":[…]}
//   POST /sandbox/faults                    {kind, path|endpoint?, count?, ms?, status?, retryAfter?} or {"faults":[…]}
//   DELETE /sandbox/faults, POST /sandbox/faults/clear, DELETE /sandbox/faults/{id}
//   GET  /sandbox/keys;  POST /sandbox/keys/rotate
//   POST /sandbox/reset
//   GET, POST, DELETE /sandbox/ratelimits   {endpoint, limit, windowSeconds} or {"rules":[…]}
//   GET, POST /sandbox/clock                {"offsetSeconds":N} or {"advanceSeconds":N}, |offset| ≤ Clock::kMaxOffsetSeconds
//   GET  /sandbox/sessions                  live sessions, for people
//   GET, POST /sandbox/link?t=…             landing page for Inbox links
//   GET  /                                  an index page listing every route
//
// Routes that change the sandbox (every POST and DELETE but /sandbox/link) refuse what a web
// page in the user's browser could send without a CORS preflight (issue 14, defect 10): a
// foreign Origin gets 403 E011003 (no Origin, as from curl or the app, and the sandbox's own
// http://127.0.0.1:<port> and http://localhost:<port> are served), a POST whose Content-Type is
// not application/json 415 E011001, an offset beyond the bound 400 E011004.

#include "sandbox/LoginFlow.h"
#include "sandbox/RouteModule.h"
#include "sandbox/Router.h"

#include "oidc/Json.h"
#include "oidc/net/LocalHttpServer.h"

#include <functional>
#include <optional>

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class AdminRoutes final : public RouteModule {
public:
    AdminRoutes(SandboxContext &context, const Router &router, std::function<oidc::Json()> describe)
        : m_context(context), m_router(router), m_describe(std::move(describe)), m_flow(context)
    {
    }
    void registerRoutes(Router &router) override;

private:
    // nullopt when `request` may change the sandbox, else the refusal (see above). GET and HEAD
    // change nothing and pass.
    [[nodiscard]] std::optional<oidc::net::LocalHttpResponse> refuseCrossSite(const SandboxRequest &request) const;
    // `handler` behind refuseCrossSite().
    [[nodiscard]] SyncHandler guarded(SyncHandler handler) const;

    oidc::net::LocalHttpResponse addFaults(const SandboxRequest &request);
    oidc::net::LocalHttpResponse listFaults() const;
    oidc::net::LocalHttpResponse setRateLimits(const SandboxRequest &request);
    oidc::net::LocalHttpResponse listRateLimits() const;
    oidc::net::LocalHttpResponse clock(const SandboxRequest &request);
    oidc::net::LocalHttpResponse keys() const;
    oidc::net::LocalHttpResponse sessions() const;
    oidc::net::LocalHttpResponse linkLanding(const SandboxRequest &request);
    oidc::net::LocalHttpResponse index() const;

    SandboxContext &m_context;
    const Router &m_router;
    std::function<oidc::Json()> m_describe;
    LoginFlow m_flow;
};

} // namespace sandbox
