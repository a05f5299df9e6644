#pragma once

// The sample protected API of Descope's M2M sample (stevenbarash/descope-node-m2m-sample):
// POST (or GET) /api/protected needs any valid session JWT; /api/user needs the permission
// read:data (top-level permissions, any tenant's permissions, or a scope / nsec.scope string or
// array); /api/admin needs the role admin (top level or in a tenant, or "admin" in a scope, as
// the sample accepts). 401 and 403 answer {"success":false,"error":…,"message":…}.

#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

#include <string_view>

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class ProtectedApiRoutes final : public RouteModule {
public:
    explicit ProtectedApiRoutes(SandboxContext &context) : m_context(context) {}
    void registerRoutes(Router &router) override;

private:
    enum class Requirement { AnyToken, ReadData, Admin };
    oidc::net::LocalHttpResponse handle(const SandboxRequest &request, Requirement requirement);

    SandboxContext &m_context;
};

} // namespace sandbox
