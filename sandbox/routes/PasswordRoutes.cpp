#include "PasswordRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/ErrorCodes.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/Randomness.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"
#include "sandbox/auth/PasswordHash.h"
#include "sandbox/routes/MagicLinkRoutes.h"

namespace sandbox {

namespace {

// amr of a password sign-in (descope-api.md §2.2).
constexpr const char *kPasswordAmr = "pwd";

oidc::net::LocalHttpResponse wrongPassword()
{
    return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized", "the login ID and password do not match");
}

} // namespace

void PasswordRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/auth/password/signup", [this](const SandboxRequest &r) { return signUp(r); },
               "Password sign-up {loginId, password, user?}: JWT response (the project's policy applies)");
    router.add("POST", "/v1/auth/password/signin", [this](const SandboxRequest &r) { return signIn(r); },
               "Password sign-in {loginId, password}: JWT response");
    router.add("POST", "/v1/auth/password/replace", [this](const SandboxRequest &r) { return replace(r); },
               "Password replace {loginId, oldPassword, newPassword}: JWT response");
    router.add("POST", "/v1/auth/password/update", [this](const SandboxRequest &r) { return update(r); },
               "Password update {loginId, newPassword} with the refresh JWT: {}");
    router.add("POST", "/v1/auth/password/reset", [this](const SandboxRequest &r) { return reset(r); },
               "Password reset {loginId, redirectUrl?}: a reset link into the Inbox");
    router.add("GET", "/v1/auth/password/policy", [this](const SandboxRequest &r) { return policy(r); },
               "The project's password policy");
}

ReplyOr<std::string> PasswordRoutes::hashNewPassword(const std::string &password, const char *field) const
{
    if (password.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", std::string(field) + " is required");
    const auto missing = m_context.fixtures.passwordPolicy.unmet(password);
    if (!missing.empty()) {
        std::string needs;
        for (const std::string &item : missing)
            needs += (needs.empty() ? "" : ", ") + item;
        return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments",
                                   "the password does not meet the project's policy: it needs " + needs);
    }
    auto hashed = auth::PasswordHash::hash(password);
    if (!hashed)
        return reply::descopeError(500, errc::kBadRequest, "Internal sandbox error", hashed.error().message);
    return std::move(hashed).value();
}

bool PasswordRoutes::passwordMatches(const std::string &userId, const std::string &password) const
{
    const auto &hashes = m_context.state.passwordHashes();
    const auto it = hashes.find(userId);
    return it != hashes.end() && auth::PasswordHash::verify(password, it->second);
}

ReplyOr<const User *> PasswordRoutes::enabledUser(const std::string &loginId) const
{
    const User *user = m_context.state.userByLoginId(loginId);
    if (!user)
        return reply::descopeError(400, errc::kUserNotFound, "User not found", "no user has the login ID " + loginId);
    // A refused sign-in changes nothing: no new password kept, no reset link sent.
    if (user->disabled())
        return descope::userDisabled();
    return user;
}

oidc::net::LocalHttpResponse PasswordRoutes::signUp(const SandboxRequest &request)
{
    auto started = m_flow.begin(request, LoginFlow::Operation::SignUp, kPasswordAmr);
    if (!started)
        return started.takeReply();
    auto hashed = hashNewPassword(descope::string(started->body, "password"), "password");
    if (!hashed)
        return hashed.takeReply();
    return m_flow.complete(started->login, request, [this, hash = std::move(hashed).value()](User &user, bool) {
        m_context.state.passwordHashes()[user.userId] = hash;
    });
}

oidc::net::LocalHttpResponse PasswordRoutes::signIn(const SandboxRequest &request)
{
    auto started = m_flow.begin(request, LoginFlow::Operation::SignIn, kPasswordAmr);
    if (!started)
        return started.takeReply();
    const std::string password = descope::string(started->body, "password");
    if (password.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "password is required");
    if (!passwordMatches(started->login.userId, password))
        return wrongPassword();
    return m_flow.complete(started->login, request);
}

oidc::net::LocalHttpResponse PasswordRoutes::replace(const SandboxRequest &request)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    const std::string loginId = descope::string(call->body, "loginId");
    const std::string oldPassword = descope::string(call->body, "oldPassword");
    if (loginId.empty() || oldPassword.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "loginId and oldPassword are required");
    auto found = enabledUser(loginId);
    if (!found)
        return found.takeReply();
    const User *user = *found;
    if (!passwordMatches(user->userId, oldPassword))
        return wrongPassword();
    auto hashed = hashNewPassword(descope::string(call->body, "newPassword"), "newPassword");
    if (!hashed)
        return hashed.takeReply();
    m_context.state.passwordHashes()[user->userId] = std::move(hashed).value();
    PendingLogin login;
    login.loginId = loginId;
    login.method = kPasswordAmr;
    login.userId = user->userId;
    return m_flow.complete(login, request);
}

oidc::net::LocalHttpResponse PasswordRoutes::update(const SandboxRequest &request)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    auto updating = m_flow.beginUpdate(*call, "password/update");
    if (!updating)
        return updating.takeReply();
    auto hashed = hashNewPassword(descope::string(call->body, "newPassword"), "newPassword");
    if (!hashed)
        return hashed.takeReply();
    m_context.state.passwordHashes()[updating->user->userId] = std::move(hashed).value();
    m_context.stateChanged();
    return reply::json(200, oidc::Json::object());
}

oidc::net::LocalHttpResponse PasswordRoutes::reset(const SandboxRequest &request)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    const std::string loginId = descope::string(call->body, "loginId");
    if (loginId.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "loginId is required");
    // The reset link signs the user in: a disabled user is sent none.
    auto found = enabledUser(loginId);
    if (!found)
        return found.takeReply();
    const User *user = *found;
    if (user->email.empty())
        return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments", "the user has no email address to send the reset link to");

    // Descope's reset is a magic link (resetMethod "magiclink"): verifying it signs the user in,
    // and that session's refresh JWT may then set a new password (update).
    MagicLink link;
    link.login.loginId = loginId;
    link.login.method = "email";
    link.login.userId = user->userId;
    link.login.deliveredTo = user->email;
    link.token = randomUrlToken(32);
    link.expiresAt = m_context.now() + m_context.fixtures.lifetimes.linkSeconds;
    const std::string url = MagicLinkRoutes::linkFor(m_context, descope::redirectUri(call->body), link.token);
    if (url.empty())
        return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments", "redirectUrl must be an absolute URL without a fragment");
    const PendingLogin login = link.login;
    m_context.state.magicLinks()[link.token] = std::move(link);

    InboxMessage message = m_flow.message(login, "password-reset", "Reset your password");
    message.links.push_back(InboxLink{{}, url});
    message.text = "Open this link to choose a new password for the OIDC Playground sandbox: " + url;
    return m_flow.deliver(login, std::move(message), {{"resetMethod", "magiclink"}});
}

oidc::net::LocalHttpResponse PasswordRoutes::policy(const SandboxRequest &request)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    const oidc::descope::PasswordPolicy &p = m_context.fixtures.passwordPolicy;
    return reply::json(200, {{"minLength", p.minLength},
                             {"lowercase", p.lowercase},
                             {"uppercase", p.uppercase},
                             {"number", p.number},
                             {"nonAlphanumeric", p.nonAlphanumeric}});
}

} // namespace sandbox
