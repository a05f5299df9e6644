#include "LoginFlow.h"

#include "sandbox/ErrorCodes.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/Randomness.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

namespace sandbox {

std::optional<LoginFlow::Operation> LoginFlow::parseOperation(std::string_view text)
{
    if (text == "signin")
        return Operation::SignIn;
    if (text == "signup")
        return Operation::SignUp;
    if (text == "signup-in")
        return Operation::SignUpOrIn;
    return std::nullopt;
}

std::string LoginFlow::amrFor(std::string_view method)
{
    if (method == "voice")
        return "sms";
    return std::string(method);
}

bool LoginFlow::isDeliveryMethod(std::string_view method)
{
    return method == "email" || isPhoneMethod(method);
}

bool LoginFlow::isPhoneMethod(std::string_view method)
{
    return method == "sms" || method == "voice" || method == "whatsapp";
}

ReplyOr<LoginFlow::Started> LoginFlow::begin(const SandboxRequest &request, Operation operation, const std::string &method)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    Started started;
    started.body = std::move(call->body);
    const oidc::Json &body = started.body;
    PendingLogin &login = started.login;
    login.loginId = descope::string(body, "loginId");
    // core-js sends a sign-up's login ID inside "user" (descope-api.md §14.2).
    if (login.loginId.empty() && body.contains("user"))
        login.loginId = descope::string(body["user"], "loginId");
    if (login.loginId.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "loginId is required");
    login.method = method;
    login.options = descope::loginOptions(body);
    if (body.contains("user") && body["user"].is_object())
        login.signUpUser = body["user"];

    const User *user = m_context.state.userByLoginId(login.loginId);
    if (operation == Operation::SignIn && !user)
        return reply::descopeError(400, errc::kUserNotFound, "User not found", "no user has the login ID " + login.loginId);
    if (operation == Operation::SignUp && user)
        return reply::descopeError(400, errc::kUserAlreadyExists, "User already exists",
                                   "a user with the login ID " + login.loginId + " already exists");
    // A disabled user signs in nowhere, so nothing to sign in with is sent or kept either: no
    // code, no link, no ceremony (complete() refuses one disabled after its start).
    if (user && user->disabled())
        return descope::userDisabled();
    login.signUp = !user;
    if (user)
        login.userId = user->userId;

    // Step-up and MFA need the refresh JWT of the session being upgraded (§11).
    if (login.options.stepup || login.options.mfa) {
        auto validated = descope::refreshSession(m_context, call->bearer.token, "step-up and MFA need");
        if (!validated)
            return validated.takeReply();
        if (!user || validated->session->subject != user->userId)
            return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized",
                                       "the refresh JWT belongs to another user than the login ID");
        login.upgradeSessionId = validated->session->id;
    }

    // TOTP and WebAuthn deliver nothing.
    if (!isDeliveryMethod(method))
        return started;

    // Where the message goes.
    const bool phone = isPhoneMethod(method);
    std::string target;
    if (user)
        target = phone ? user->phone : user->email;
    if (target.empty() && login.signUpUser.is_object())
        target = descope::string(login.signUpUser, phone ? "phone" : "email");
    if (target.empty())
        target = descope::string(body, phone ? (method == "whatsapp" ? "whatsapp" : "phone") : "email");
    if (target.empty()) {
        const bool looksLikePhone = !login.loginId.empty() && (login.loginId.front() == '+' || std::isdigit(static_cast<unsigned char>(login.loginId.front())));
        const bool looksLikeEmail = login.loginId.find('@') != std::string::npos;
        if ((phone && looksLikePhone) || (!phone && looksLikeEmail))
            target = login.loginId;
    }
    if (target.empty())
        return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments",
                                   std::string("no ") + (phone ? "phone number" : "email address") + " to deliver to for " + login.loginId);
    login.deliveredTo = target;
    return started;
}

ReplyOr<LoginFlow::Started> LoginFlow::beginFromPath(const SandboxRequest &request, const std::string &method)
{
    const auto operation = parseOperation(request.param("op"));
    if (!operation)
        return reply::notFound();
    return begin(request, *operation, method);
}

InboxMessage LoginFlow::message(const PendingLogin &login, std::string kind, std::string subject) const
{
    InboxMessage message;
    message.createdAt = m_context.now();
    message.kind = std::move(kind);
    message.channel = login.method;
    message.to = login.deliveredTo;
    message.loginId = login.loginId;
    message.subject = std::move(subject);
    return message;
}

oidc::net::LocalHttpResponse LoginFlow::deliver(const PendingLogin &login, InboxMessage message, oidc::Json body)
{
    m_context.inbox.deliver(std::move(message));
    m_context.stateChanged();
    if (isPhoneMethod(login.method))
        body["maskedPhone"] = descope::maskPhone(login.deliveredTo);
    else
        body["maskedEmail"] = descope::maskEmail(login.deliveredTo);
    return reply::json(200, body);
}

ReplyOr<LoginFlow::Updating> LoginFlow::beginUpdate(const descope::DescopeCall &call, std::string_view route)
{
    auto validated = descope::refreshSession(m_context, call.bearer.token, std::string(route) + " needs");
    if (!validated)
        return validated.takeReply();
    if (!validated->session)
        return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized", "the token names no session");
    Updating updating;
    updating.session = validated->session;
    updating.user = m_context.state.user(updating.session->subject);
    if (!updating.user)
        return reply::descopeError(400, errc::kUserNotFound, "User not found", "the refresh JWT's user no longer exists");
    updating.loginId = descope::string(call.body, "loginId");
    if (!updating.loginId.empty() && m_context.state.userByLoginId(updating.loginId) != updating.user)
        return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized",
                                   "the refresh JWT belongs to another user than the login ID");
    if (updating.loginId.empty())
        updating.loginId = updating.user->loginIds.empty() ? updating.user->userId : updating.user->loginIds.front();
    return updating;
}

oidc::net::LocalHttpResponse LoginFlow::complete(const PendingLogin &login, const SandboxRequest &request, const PrepareUser &prepare)
{
    bool firstSeen = false;
    const User *user = login.userId.empty() ? m_context.state.userByLoginId(login.loginId) : m_context.state.user(login.userId);
    if (!user) {
        if (!login.signUp)
            return reply::descopeError(400, errc::kUserNotFound, "User not found", "the user no longer exists");
        User created;
        // A WebAuthn sign-up names the user ID it created the passkey's user handle from.
        created.userId = login.userId.empty() ? "U" + randomAlphanumeric(27) : login.userId;
        created.loginIds = {login.loginId};
        const oidc::Json &u = login.signUpUser;
        created.name = descope::string(u, "name");
        created.givenName = descope::string(u, "givenName");
        created.middleName = descope::string(u, "middleName");
        created.familyName = descope::string(u, "familyName");
        created.email = descope::string(u, "email");
        created.phone = descope::string(u, "phone");
        if (!isDeliveryMethod(login.method)) {
            // TOTP / WebAuthn: nothing was delivered, so nothing is verified.
            if (created.email.empty() && login.loginId.find('@') != std::string::npos)
                created.email = login.loginId;
        } else if (isPhoneMethod(login.method)) {
            if (created.phone.empty())
                created.phone = login.deliveredTo;
            created.verifiedPhone = true;
        } else {
            if (created.email.empty())
                created.email = login.deliveredTo;
            created.verifiedEmail = true;
        }
        created.createdTime = m_context.now();
        if (!login.options.tenantId.empty() && m_context.state.directory().tenant(login.options.tenantId))
            created.tenants.push_back(TenantMembership{login.options.tenantId, {}});
        user = &m_context.state.addUser(std::move(created));
        firstSeen = true;
    }
    // Before the method records anything on the user: a refused sign-in leaves no trace.
    if (user->disabled())
        return descope::userDisabled();
    if (prepare)
        prepare(*m_context.state.user(user->userId), firstSeen);

    Session *session = nullptr;
    if (!login.upgradeSessionId.empty()) {
        session = m_context.state.session(login.upgradeSessionId);
        if (!session || session->revoked)
            return reply::descopeError(401, errc::kTokenExpiredByLoggedOut, "Unauthorized", "the session to upgrade has ended");
        m_context.sessions.upgradeSession(*session, amrFor(login.method), login.options);
    } else {
        session = &m_context.sessions.createUserSession(*user, amrFor(login.method), login.options);
    }
    const TokenFaults faults = m_context.faults.takeTokenFaults(request.path(), request.routePattern());
    auto response = m_context.sessions.issueJwtResponse(*session, firstSeen, faults);
    if (!response)
        return reply::descopeError(500, errc::kBadRequest, "Internal sandbox error", response.error().message);
    m_context.sessions.recordLogin(*session, request.peer());
    m_context.stateChanged();
    return reply::json(200, response.value());
}

} // namespace sandbox
