#include "WebAuthnRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/ErrorCodes.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/Randomness.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"
#include "sandbox/auth/WebAuthnCredential.h"
#include "sandbox/auth/WebAuthnOptions.h"
#include "sandbox/auth/WebAuthnVerifier.h"


namespace sandbox {

namespace {

using Kind = WebAuthnTransaction::Kind;

constexpr const char *kAndroidOriginPrefix = "android:apk-key-hash:";

// scheme://localhost[:port] with the scheme http or https, the host in the lower case browsers
// serialise (HTML §7.5 origin serialisation) and a port of 1–65535.
bool isLocalhostOrigin(std::string_view origin)
{
    std::string_view rest;
    if (origin.starts_with("http://localhost"))
        rest = origin.substr(16);
    else if (origin.starts_with("https://localhost"))
        rest = origin.substr(17);
    else
        return false;
    if (rest.empty())
        return true;
    if (rest.front() != ':' || rest.size() < 2 || rest.size() > 6 || rest[1] == '0'
        || rest.substr(1).find_first_not_of("0123456789") != std::string_view::npos)
        return false;
    return std::stoi(std::string(rest.substr(1))) <= 65535;
}

// An engine error as a Descope body: shape and parse errors 400, verification failures 401,
// stored documents or crypto that fail 500 (a sandbox bug). The engine's code leads the message.
oidc::net::LocalHttpResponse webauthnRejected(const oidc::Error &error)
{
    const std::string message = error.code + ": " + error.message;
    const std::string &code = error.code;
    if (code == "WEBAUTHN_TRANSACTION" || code == "WEBAUTHN_CREDENTIAL_RECORD" || error.category == oidc::ErrorCategory::Crypto)
        return reply::descopeError(500, errc::kBadRequest, "Internal sandbox error", message);
    if (error.category == oidc::ErrorCategory::Input || code == "WEBAUTHN_RESPONSE_SHAPE" || code == "WEBAUTHN_CLIENT_DATA"
        || code == "WEBAUTHN_CBOR" || code == "WEBAUTHN_AUTHDATA" || code == "WEBAUTHN_TIMEOUT")
        return reply::descopeError(400, errc::kInvalidRequest, "Invalid WebAuthn request", message);
    return reply::descopeError(401, errc::kInvalidRequest, "WebAuthn verification failed", message);
}

std::vector<auth::CredentialDescriptor> descriptorsOf(SandboxState &state, const std::string &userId)
{
    std::vector<auth::CredentialDescriptor> descriptors;
    for (const auto &[id, record] : state.webauthnCredentials()) {
        if (record.userId != userId)
            continue;
        auth::CredentialDescriptor descriptor;
        descriptor.id = id;
        if (record.credential.contains("transports") && record.credential["transports"].is_array())
            for (const auto &transport : record.credential["transports"])
                if (transport.is_string())
                    descriptor.transports.push_back(transport.get<std::string>());
        descriptors.push_back(std::move(descriptor));
    }
    return descriptors;
}

// The body's "passkeyOptions" (absent: every member unset).
oidc::Result<auth::PasskeyOptions> passkeyOptionsOf(const oidc::Json &body)
{
    return auth::parsePasskeyOptions(body.contains("passkeyOptions") ? body["passkeyOptions"] : oidc::Json());
}

} // namespace

struct WebAuthnRoutes::Registered final {
    WebAuthnTransaction transaction;
    auth::WebAuthnCredential credential;
};

void WebAuthnRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/auth/webauthn/signup/start", [this](const SandboxRequest &r) { return signUpStart(r); },
               "Passkey sign-up start: {transactionId, options, create:true}");
    router.add("POST", "/v1/auth/webauthn/signup/finish", [this](const SandboxRequest &r) { return signUpFinish(r); },
               "Passkey sign-up finish: JWT response");
    router.add("POST", "/v1/auth/webauthn/signin/start", [this](const SandboxRequest &r) { return signInStart(r); },
               "Passkey sign-in start (empty loginId: discoverable): {transactionId, options, create:false}");
    router.add("POST", "/v1/auth/webauthn/signin/finish", [this](const SandboxRequest &r) { return signInFinish(r); },
               "Passkey sign-in finish: JWT response");
    router.add("POST", "/v1/auth/webauthn/signup-in/start", [this](const SandboxRequest &r) { return signUpOrInStart(r); },
               "Passkey sign-up-or-in start: create tells signup/finish or signin/finish");
    router.add("POST", "/v1/auth/webauthn/update/start", [this](const SandboxRequest &r) { return updateStart(r); },
               "Passkey add-device start (refresh JWT required)");
    router.add("POST", "/v1/auth/webauthn/update/finish", [this](const SandboxRequest &r) { return updateFinish(r); },
               "Passkey add-device finish: {} or {\"jwt\": …} with mfa");
}

oidc::Result<WebAuthnRoutes::Origin> WebAuthnRoutes::originFor(const oidc::Json &body) const
{
    // Without an origin (Swift), the sandbox's own: http://localhost:<port> (RP ID "localhost"),
    // or the 127.0.0.1 base URL itself.
    const std::string localhost = m_context.localhostOrigin();
    Origin result;
    result.rpId = "localhost";
    result.origins = {localhost};
    const std::string origin = descope::string(body, "origin");
    if (origin.empty())
        return result;
    // An Android app's origin (android:apk-key-hash:<SHA-256 of its signing certificate>) names no
    // host: the app asserts for the RP ID its Digital Asset Links tie it to, which on the sandbox
    // is the sandbox's own, "localhost".
    if (origin.starts_with(kAndroidOriginPrefix) && origin.size() > std::string_view(kAndroidOriginPrefix).size()) {
        result.origins = {origin};
        return result;
    }
    // A web page on this computer: the system-browser ceremony page (http://localhost:<its
    // port>) or the software authenticator's https://localhost[:port]. "localhost" exactly: RP ID
    // "localhost" is only the effective domain of a localhost origin (WebAuthn §5.1.2), so
    // 127.0.0.1, another host and localhost.evil.com are refused here rather than at finish.
    if (!isLocalhostOrigin(origin))
        return oidc::makeError(oidc::ErrorCategory::Sandbox, "WEBAUTHN_ORIGIN",
                               "the sandbox accepts passkey origins http(s)://localhost[:port] and android:apk-key-hash:…, not " + origin,
                               "http://localhost:<port>", origin);
    result.origins = {origin};
    return result;
}

oidc::net::LocalHttpResponse WebAuthnRoutes::keep(WebAuthnTransaction transaction, const std::string &options, bool create)
{
    const std::string transactionId = randomAlphanumeric(32);
    m_context.state.webauthnTransactions()[transactionId] = std::move(transaction);
    m_context.stateChanged();
    return reply::json(200, oidc::Json{{"transactionId", transactionId}, {"options", options}, {"create", create}});
}

oidc::net::LocalHttpResponse WebAuthnRoutes::startRegistration(Kind kind, PendingLogin login, const oidc::Json &body,
                                                               const std::string &userHandle, bool mfa,
                                                               const std::string &sessionId)
{
    auto passkeyOptions = passkeyOptionsOf(body);
    if (!passkeyOptions)
        return webauthnRejected(passkeyOptions.error());
    const auto origin = originFor(body);
    if (!origin)
        return reply::descopeError(400, errc::kInvalidRequest, "Invalid origin", origin.error().code + ": " + origin.error().message);
    auth::RegistrationOptionsRequest options;
    options.relyingParty = {origin->rpId, m_context.fixtures.projectName.empty() ? origin->rpId : m_context.fixtures.projectName,
                            origin->origins};
    std::string displayName;
    if (login.signUpUser.is_object())
        displayName = descope::string(login.signUpUser, "name");
    if (const User *user = m_context.state.user(userHandle); user && displayName.empty())
        displayName = user->name;
    options.user = {userHandle, login.loginId, displayName.empty() ? login.loginId : displayName};
    options.excludeCredentials = descriptorsOf(m_context.state, userHandle);
    options.passkeyOptions = *passkeyOptions;
    options.nowUnix = m_context.now();
    auto started = auth::startRegistration(options);
    if (!started)
        return webauthnRejected(started.error());

    WebAuthnTransaction transaction;
    transaction.kind = kind;
    transaction.login = std::move(login);
    transaction.transaction = started->transaction.toJson();
    transaction.mfa = mfa;
    transaction.sessionId = sessionId;
    transaction.expiresAt = started->transaction.expiresAtUnix;
    return keep(std::move(transaction), started->options, true);
}

oidc::net::LocalHttpResponse WebAuthnRoutes::startAuthentication(PendingLogin login, const oidc::Json &body)
{
    auto passkeyOptions = passkeyOptionsOf(body);
    if (!passkeyOptions)
        return webauthnRejected(passkeyOptions.error());
    const auto origin = originFor(body);
    if (!origin)
        return reply::descopeError(400, errc::kInvalidRequest, "Invalid origin", origin.error().code + ": " + origin.error().message);
    auth::AuthenticationOptionsRequest options;
    options.relyingParty = {origin->rpId, origin->rpId, origin->origins};
    options.userHandle = login.userId;
    if (!login.userId.empty()) {
        options.allowCredentials = descriptorsOf(m_context.state, login.userId);
        if (options.allowCredentials.empty())
            return reply::descopeError(400, errc::kInvalidRequest, "No passkey",
                                       "the user " + login.loginId + " has no passkey; sign up or add a device first");
    }
    options.passkeyOptions = *passkeyOptions;
    options.nowUnix = m_context.now();
    auto started = auth::startAuthentication(options);
    if (!started)
        return webauthnRejected(started.error());

    WebAuthnTransaction transaction;
    transaction.kind = Kind::SignIn;
    transaction.login = std::move(login);
    transaction.transaction = started->transaction.toJson();
    transaction.expiresAt = started->transaction.expiresAtUnix;
    return keep(std::move(transaction), started->options, false);
}

oidc::net::LocalHttpResponse WebAuthnRoutes::signUpStart(const SandboxRequest &request)
{
    auto started = m_flow.begin(request, LoginFlow::Operation::SignUp, "webauthn");
    if (!started)
        return started.takeReply();
    // The user ID the sign-up will create is the passkey's user handle.
    started->login.userId = "U" + randomAlphanumeric(27);
    const std::string handle = started->login.userId;
    return startRegistration(Kind::SignUp, std::move(started->login), started->body, handle);
}

oidc::net::LocalHttpResponse WebAuthnRoutes::signInStart(const SandboxRequest &request)
{
    // The body decides which pipeline applies, so it is read first.
    auto body = descope::body(request);
    if (!body)
        return body.takeReply();
    if (descope::string(*body, "loginId").empty()) {
        // A discoverable-credential sign-in: the authenticator names the user.
        auto bearer = descope::authorize(request, m_context);
        if (!bearer)
            return bearer.takeReply();
        PendingLogin login;
        login.method = "webauthn";
        login.options = descope::loginOptions(*body);
        if (login.options.stepup || login.options.mfa)
            return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "step-up and MFA need a loginId");
        return startAuthentication(std::move(login), *body);
    }
    auto started = m_flow.begin(request, LoginFlow::Operation::SignIn, "webauthn");
    if (!started)
        return started.takeReply();
    return startAuthentication(std::move(started->login), started->body);
}

oidc::net::LocalHttpResponse WebAuthnRoutes::signUpOrInStart(const SandboxRequest &request)
{
    auto started = m_flow.begin(request, LoginFlow::Operation::SignUpOrIn, "webauthn");
    if (!started)
        return started.takeReply();
    PendingLogin &login = started->login;
    if (!login.signUp && !descriptorsOf(m_context.state, login.userId).empty())
        return startAuthentication(std::move(login), started->body);
    // A new user, or a user without a passkey yet: registration, finished by signup/finish.
    if (login.signUp)
        login.userId = "U" + randomAlphanumeric(27);
    const std::string handle = login.userId;
    return startRegistration(Kind::SignUp, std::move(login), started->body, handle);
}

oidc::net::LocalHttpResponse WebAuthnRoutes::updateStart(const SandboxRequest &request)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    auto updating = m_flow.beginUpdate(*call, "webauthn/update");
    if (!updating)
        return updating.takeReply();
    const oidc::Json &body = call->body;
    PendingLogin login;
    login.loginId = updating->loginId;
    login.method = "webauthn";
    login.userId = updating->user->userId;
    login.upgradeSessionId = updating->session->id;
    login.options.mfa = body.contains("mfa") && body["mfa"].is_boolean() && body["mfa"].get<bool>();
    const bool mfa = login.options.mfa;
    const std::string sessionId = updating->session->id;
    const std::string handle = updating->user->userId;
    return startRegistration(Kind::Update, std::move(login), body, handle, mfa, sessionId);
}

ReplyOr<WebAuthnRoutes::Taken> WebAuthnRoutes::take(const SandboxRequest &request, Kind kind)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    const oidc::Json &body = call->body;
    // Go spells it transactionID (descope-api.md §14.3).
    std::string transactionId = descope::string(body, "transactionId");
    if (transactionId.empty())
        transactionId = descope::string(body, "transactionID");
    Taken taken;
    taken.response = descope::string(body, "response");
    if (transactionId.empty() || taken.response.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "transactionId and response are required");
    auto &transactions = m_context.state.webauthnTransactions();
    const auto it = transactions.find(transactionId);
    if (it == transactions.end())
        return reply::descopeError(400, errc::kInvalidRequest, "Unknown transaction",
                                   "no WebAuthn transaction has this ID (finished, expired or never started)");
    // A challenge is good for one attempt: the transaction goes whatever the outcome.
    taken.transaction = std::move(it->second);
    transactions.erase(it);
    m_context.stateChanged();
    if (taken.transaction.kind != kind)
        return reply::descopeError(400, errc::kInvalidRequest, "Wrong transaction", "this transaction was not started for this finish call");
    return taken;
}

ReplyOr<WebAuthnRoutes::Registered> WebAuthnRoutes::finishRegistration(const SandboxRequest &request, Kind kind)
{
    auto taken = take(request, kind);
    if (!taken)
        return taken.takeReply();
    auto transaction = auth::RegistrationTransaction::fromJson(taken->transaction.transaction);
    if (!transaction)
        return webauthnRejected(transaction.error());
    auto credential = auth::verifyRegistration(*transaction, taken->response, m_context.now());
    if (!credential)
        return webauthnRejected(credential.error());
    if (m_context.state.webauthnCredentials().count(credential->id))
        return reply::descopeError(400, errc::kInvalidRequest, "Credential already registered",
                                   "WEBAUTHN_CREDENTIAL_DUPLICATE: this credential ID is already registered");
    return Registered{std::move(taken->transaction), std::move(credential).value()};
}

oidc::net::LocalHttpResponse WebAuthnRoutes::signUpFinish(const SandboxRequest &request)
{
    auto registered = finishRegistration(request, Kind::SignUp);
    if (!registered)
        return registered.takeReply();
    const PendingLogin &login = registered->transaction.login;
    if (login.signUp && m_context.state.userByLoginId(login.loginId))
        return reply::descopeError(400, errc::kUserAlreadyExists, "User already exists",
                                   "a user with the login ID " + login.loginId + " already exists");
    // Stored first so that ResponseUser.webauthn is true; dropped if no user came of it.
    const std::string credentialId = registered->credential.id;
    auto &credentials = m_context.state.webauthnCredentials();
    credentials[credentialId] = WebAuthnCredentialRecord{login.userId, registered->credential.toJson(), m_context.now()};
    auto response = m_flow.complete(login, request);
    if (!m_context.state.user(login.userId))
        credentials.erase(credentialId);
    m_context.stateChanged();
    return response;
}

oidc::net::LocalHttpResponse WebAuthnRoutes::signInFinish(const SandboxRequest &request)
{
    auto taken = take(request, Kind::SignIn);
    if (!taken)
        return taken.takeReply();
    auto transaction = auth::AuthenticationTransaction::fromJson(taken->transaction.transaction);
    if (!transaction)
        return webauthnRejected(transaction.error());
    auto assertion = auth::parseAssertionResponse(taken->response);
    if (!assertion)
        return webauthnRejected(assertion.error());
    auto &credentials = m_context.state.webauthnCredentials();
    const auto it = credentials.find(assertion->credentialId);
    if (it == credentials.end())
        return reply::descopeError(401, errc::kInvalidRequest, "WebAuthn verification failed",
                                   "WEBAUTHN_CREDENTIAL_UNKNOWN: no passkey has this credential ID");
    auto credential = auth::WebAuthnCredential::fromJson(it->second.credential);
    if (!credential)
        return webauthnRejected(credential.error());
    auto result = auth::verifyAssertion(*transaction, *assertion, *credential, m_context.now());
    if (!result)
        return webauthnRejected(result.error());
    // The new counter is the clone and replay defence.
    it->second.credential = credential->toJson();
    m_context.stateChanged();

    PendingLogin login = taken->transaction.login;
    const User *user = m_context.state.user(it->second.userId);
    if (!user)
        return reply::descopeError(400, errc::kUserNotFound, "User not found", "the passkey's user no longer exists");
    if (!login.userId.empty() && login.userId != user->userId)
        return reply::descopeError(401, errc::kInvalidRequest, "WebAuthn verification failed",
                                   "WEBAUTHN_CREDENTIAL_USER: the passkey belongs to another user");
    login.userId = user->userId;
    if (login.loginId.empty())
        login.loginId = user->loginIds.empty() ? user->userId : user->loginIds.front();
    login.signUp = false;
    return m_flow.complete(login, request);
}

oidc::net::LocalHttpResponse WebAuthnRoutes::updateFinish(const SandboxRequest &request)
{
    auto registered = finishRegistration(request, Kind::Update);
    if (!registered)
        return registered.takeReply();
    const PendingLogin &login = registered->transaction.login;
    if (!m_context.state.user(login.userId))
        return reply::descopeError(400, errc::kUserNotFound, "User not found", "the user no longer exists");
    m_context.state.webauthnCredentials()[registered->credential.id] =
        WebAuthnCredentialRecord{login.userId, registered->credential.toJson(), m_context.now()};
    m_context.stateChanged();
    if (!registered->transaction.mfa)
        return reply::json(200, oidc::Json::object());
    // MFA: the session of the refresh JWT gains the webauthn factor.
    auto response = m_flow.complete(login, request);
    if (response.status != 200)
        return response;
    const oidc::Json jwt = oidc::Json::parse(response.body.toStdString(), nullptr, false);
    return reply::json(200, oidc::Json{{"jwt", jwt}});
}

} // namespace sandbox
