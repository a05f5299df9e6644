#pragma once

// Machine-to-machine (descope-api.md §10): POST /v1/auth/accesskey/exchange with
// Authorization: Bearer <projectId>:<accessKey> answers {keyId, sessionJwt, expiration}. The
// JWT carries the key's roles, permissions, tenants and own custom claims at the top level, and
// the client's loginOptions.customClaims under "nsec" (the M2M sample's "scope" lands in nsec.scope).

#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class AccessKeyRoutes final : public RouteModule {
public:
    explicit AccessKeyRoutes(SandboxContext &context) : m_context(context) {}
    void registerRoutes(Router &router) override;

private:
    oidc::net::LocalHttpResponse exchange(const SandboxRequest &request);

    SandboxContext &m_context;
};

} // namespace sandbox
