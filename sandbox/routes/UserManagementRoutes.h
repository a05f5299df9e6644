#pragma once

// Management API, users (descope-openapi-mgmt.yml /v1/mgmt/user*, /v2/mgmt/user/*, node-sdk
// management user.ts): create and create test user, update (every field the body names), update
// email / phone / status, set / add / remove roles (project roles, or a tenant's with "tenantId"),
// add / remove a tenant, load by login ID or user ID, load several, search (v1 and v2), delete
// and log out. Users are the same records the auth routes sign in: a created user can sign in at
// once, a role added shows in the next session's claims, a disabled or deleted user's sessions
// end. Every call needs the management key (ManagementApi.h); every user answer is ResponseUser.

#include "sandbox/ReplyOr.h"
#include "sandbox/RouteModule.h"

#include "oidc/Json.h"
#include "oidc/net/LocalHttpServer.h"

namespace sandbox {

class SandboxRequest;
struct SandboxContext;
struct User;

class UserManagementRoutes final : public RouteModule {
public:
    explicit UserManagementRoutes(SandboxContext &context) : m_context(context) {}
    void registerRoutes(Router &router) override;

private:
    enum class RoleChange { Set, Add, Remove };
    enum class Field { Email, Phone, Status };

    oidc::net::LocalHttpResponse create(const SandboxRequest &request, bool test);
    oidc::net::LocalHttpResponse update(const SandboxRequest &request);
    oidc::net::LocalHttpResponse updateField(const SandboxRequest &request, Field field);
    oidc::net::LocalHttpResponse changeRoles(const SandboxRequest &request, RoleChange change);
    oidc::net::LocalHttpResponse changeTenant(const SandboxRequest &request, bool add);
    oidc::net::LocalHttpResponse load(const SandboxRequest &request);
    oidc::net::LocalHttpResponse loadMany(const SandboxRequest &request);
    oidc::net::LocalHttpResponse search(const SandboxRequest &request);
    oidc::net::LocalHttpResponse remove(const SandboxRequest &request);
    oidc::net::LocalHttpResponse logout(const SandboxRequest &request);

    // The pipeline of the calls on one user: the management key, the body, and the user its
    // "loginId" (or "userId") names.
    struct UserCall final {
        oidc::Json body;
        User *user = nullptr;
    };
    ReplyOr<UserCall> acceptUserCall(const SandboxRequest &request);
    // {"user": ResponseUser}, after a change.
    oidc::net::LocalHttpResponse changed(const User &user);

    SandboxContext &m_context;
};

} // namespace sandbox
