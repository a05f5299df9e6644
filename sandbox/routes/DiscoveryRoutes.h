#pragma once

// Provider metadata and keys: OpenID Provider metadata at /<projectId>/.well-known/openid-configuration
// (OIDC Discovery 1.0 §3, descope-api.md §12), the same document as OAuth AS metadata (RFC 8414)
// at /<projectId>/.well-known/oauth-authorization-server and /.well-known/oauth-authorization-server/<projectId>,
// and the key set at /<projectId>/.well-known/jwks.json and /v2/keys/<projectId> (§2.3), plus
// the single current key at /v1/keys/<projectId>.

#include "sandbox/RouteModule.h"

#include "oidc/Json.h"
#include "oidc/net/LocalHttpServer.h"

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class DiscoveryRoutes final : public RouteModule {
public:
    explicit DiscoveryRoutes(SandboxContext &context) : m_context(context) {}
    void registerRoutes(Router &router) override;

    [[nodiscard]] static oidc::Json metadata(const SandboxContext &context);

private:
    [[nodiscard]] bool isProject(const SandboxRequest &request) const;

    SandboxContext &m_context;
};

} // namespace sandbox
