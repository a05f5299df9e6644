#pragma once

// Passwords (the Node SDK's password.*; descope-openapi-auth.yml /v1/auth/password/*):
//   POST signup {loginId, password, user?, loginOptions?}         → JWT response (a new user)
//   POST signin {loginId, password, loginOptions?}                → JWT response
//   POST replace {loginId, oldPassword, newPassword}              → JWT response
//   POST update {loginId, newPassword} + Bearer <pid>:<refreshJwt> → {}
//   POST reset {loginId, redirectUrl?}  a reset link (a magic link: verify it with
//        /v1/auth/magiclink/verify, then update) into the Inbox → {resetMethod, maskedEmail}
//   GET  policy → the project's policy {minLength, lowercase, uppercase, number, nonAlphanumeric}
// New passwords must meet the fixtures' policy (400 E011004 naming what is missing); a wrong
// password is 401 E011003. Passwords are kept only as sandbox::auth::PasswordHash values.

#include "sandbox/LoginFlow.h"
#include "sandbox/ReplyOr.h"
#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

#include <string>

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class PasswordRoutes final : public RouteModule {
public:
    explicit PasswordRoutes(SandboxContext &context) : m_context(context), m_flow(context) {}
    void registerRoutes(Router &router) override;

private:
    oidc::net::LocalHttpResponse signUp(const SandboxRequest &request);
    oidc::net::LocalHttpResponse signIn(const SandboxRequest &request);
    oidc::net::LocalHttpResponse replace(const SandboxRequest &request);
    oidc::net::LocalHttpResponse update(const SandboxRequest &request);
    oidc::net::LocalHttpResponse reset(const SandboxRequest &request);
    oidc::net::LocalHttpResponse policy(const SandboxRequest &request);

    // The hash of a new password, or the refusal: missing (E011002), not meeting the policy
    // (E011004), hashing failed (500).
    [[nodiscard]] ReplyOr<std::string> hashNewPassword(const std::string &password, const char *field) const;
    // Whether `password` is the user's (false when the user has none).
    [[nodiscard]] bool passwordMatches(const std::string &userId, const std::string &password) const;
    // The user a replace or a reset acts for: E062108 when no user has `loginId`, refused when
    // the user is disabled (before anything is kept or sent).
    [[nodiscard]] ReplyOr<const User *> enabledUser(const std::string &loginId) const;

    SandboxContext &m_context;
    LoginFlow m_flow;
};

} // namespace sandbox
