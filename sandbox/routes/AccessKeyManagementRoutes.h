#pragma once

// Management API, access keys (descope-openapi-mgmt.yml /v1/mgmt/accesskey*, node-sdk
// management accesskey.ts): create (the cleartext key answered once, never again), load (GET
// ?id=), search (by tenant, bound user), update, activate, deactivate and delete. The keys are
// the ones /v1/auth/accesskey/exchange and client_credentials accept: a deactivated or deleted
// key no longer exchanges. Every call needs the management key (ManagementApi.h).

#include "sandbox/ReplyOr.h"
#include "sandbox/RouteModule.h"

#include "oidc/Json.h"

#include "oidc/net/LocalHttpServer.h"

namespace sandbox {

class SandboxRequest;
struct AccessKey;
struct SandboxContext;

class AccessKeyManagementRoutes final : public RouteModule {
public:
    explicit AccessKeyManagementRoutes(SandboxContext &context) : m_context(context) {}
    void registerRoutes(Router &router) override;

private:
    enum class Change { Activate, Deactivate, Delete };

    oidc::net::LocalHttpResponse create(const SandboxRequest &request);
    oidc::net::LocalHttpResponse load(const SandboxRequest &request);
    oidc::net::LocalHttpResponse search(const SandboxRequest &request);
    oidc::net::LocalHttpResponse update(const SandboxRequest &request);
    oidc::net::LocalHttpResponse change(const SandboxRequest &request, Change change);

    // The pipeline of the calls on one key: the management key, the body, the key its "id" names.
    struct KeyCall final {
        oidc::Json body;
        AccessKey *key = nullptr;
    };
    ReplyOr<KeyCall> acceptKeyCall(const SandboxRequest &request);

    SandboxContext &m_context;
};

} // namespace sandbox
