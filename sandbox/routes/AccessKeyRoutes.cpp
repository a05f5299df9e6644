#include "AccessKeyRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/ErrorCodes.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

#include <algorithm>

namespace sandbox {

void AccessKeyRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/auth/accesskey/exchange", [this](const SandboxRequest &r) { return exchange(r); },
               "Access key exchange (Bearer pid:accessKey): {keyId, sessionJwt, expiration}");
}

oidc::net::LocalHttpResponse AccessKeyRoutes::exchange(const SandboxRequest &request)
{
    auto bearer = descope::authorize(request, m_context);
    if (!bearer)
        return bearer.takeReply();
    if (bearer->token.empty())
        return reply::descopeError(401, errc::kMissingAccessKey, "Missing access key",
                                   "Authorization must be Bearer <projectId>:<accessKey>");
    // The management API's directory, not the fixtures: a key created, deactivated or deleted
    // there takes effect here at once.
    const AccessKey *key = m_context.state.directory().accessKeyBySecret(bearer->token);
    if (!key)
        return reply::descopeError(401, errc::kInvalidAccessKey, "Invalid access key", "the access key is not valid");
    if (!key->active)
        return reply::descopeError(401, errc::kInvalidAccessKey, "Invalid access key", "the access key is deactivated");
    if (!key->usableAt(m_context.now()))
        return reply::descopeError(401, errc::kInvalidAccessKey, "Invalid access key", "the access key has expired");
    // Swift sends no body (descope-api.md §14.4); python sends {}. Read after the key is checked.
    auto parsed = descope::body(request);
    if (!parsed)
        return parsed.takeReply();
    const oidc::Json &body = *parsed;
    oidc::Json nsec;
    std::string tenant;
    if (const auto options = body.find("loginOptions"); options != body.end() && options->is_object()) {
        if (const auto claims = options->find("customClaims"); claims != options->end() && claims->is_object())
            nsec = *claims;
        tenant = descope::string(*options, "selectedTenant");
    }
    if (!tenant.empty()) {
        const bool member = std::any_of(key->tenants.begin(), key->tenants.end(), [&](const TenantMembership &m) { return m.tenantId == tenant; });
        if (!member)
            return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments", "the access key has no tenant " + tenant);
    } else if (key->tenants.size() == 1) {
        tenant = key->tenants.front().tenantId;
    }
    const TokenFaults faults = m_context.faults.takeTokenFaults(request.path(), request.routePattern());
    auto minted = m_context.sessions.mintStandaloneJwt(key->id, key->roleNames, key->tenants, key->customClaims, nsec, tenant, faults);
    if (!minted)
        return reply::descopeError(500, errc::kBadRequest, "Internal sandbox error", minted.error().message);
    return reply::json(200, oidc::Json{{"keyId", key->id}, {"sessionJwt", minted->jwt}, {"expiration", minted->expiresAt}});
}

} // namespace sandbox
