#include "TokenRoutes.h"

#include "sandbox/FormParams.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/OAuthSupport.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

#include "oidc/Pkce.h"

namespace sandbox {

namespace {

oidc::net::LocalHttpResponse tokenResponse(const oidc::Json &body)
{
    // RFC 6749 §5.1: Cache-Control: no-store and Pragma: no-cache (added by the server).
    return reply::json(200, body);
}

} // namespace

void TokenRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/oauth2/v1/token", [this](const SandboxRequest &r) { return token(r); },
               "Token endpoint: authorization_code (PKCE), refresh_token (rotation), client_credentials");
    router.add("GET,POST", "/oauth2/v1/userinfo", [this](const SandboxRequest &r) { return userInfo(r); },
               "UserInfo (Bearer access token): flat claims");
    router.add("POST", "/oauth2/v1/revoke", [this](const SandboxRequest &r) { return revoke(r); },
               "Revocation (RFC 7009): 200 for unknown tokens");
}

oidc::net::LocalHttpResponse TokenRoutes::token(const SandboxRequest &request)
{
    auto parsed = request.oauthParams();
    if (!parsed)
        return reply::oauthError(400, "invalid_request", parsed.error().message);
    const FormParams params = std::move(parsed).value();
    if (const auto duplicate = params.duplicated())
        return reply::oauthError(400, "invalid_request", "the parameter " + *duplicate + " appears more than once (RFC 6749 §3.2)");
    auto authenticated = oauth::authenticateClient(request, params, m_context);
    if (!authenticated)
        return authenticated.takeReply();
    const oauth::ClientAuthentication &client = *authenticated;
    const std::string grantType = params.value("grant_type");
    if (grantType.empty())
        return reply::oauthError(400, "invalid_request", "grant_type is missing");
    if (grantType != "authorization_code" && grantType != "refresh_token" && grantType != "client_credentials")
        return reply::oauthError(400, "unsupported_grant_type", "the sandbox supports authorization_code, refresh_token and client_credentials");
    // An access key turns the public client into a machine client for client_credentials.
    const bool allowed = client.client->allowsGrant(grantType) || (grantType == "client_credentials" && client.accessKey);
    if (!allowed)
        return reply::oauthError(400, "unauthorized_client", "this client may not use the " + grantType + " grant");
    if (grantType == "authorization_code")
        return authorizationCode(request, params, client);
    if (grantType == "refresh_token")
        return refreshToken(request, params, client);
    return clientCredentials(request, params, client);
}

oidc::net::LocalHttpResponse TokenRoutes::authorizationCode(const SandboxRequest &request, const FormParams &params,
                                                            const oauth::ClientAuthentication &client)
{
    const std::string value = params.value("code");
    if (value.empty())
        return reply::oauthError(400, "invalid_request", "code is missing");
    auto &codes = m_context.state.codes();
    const auto it = codes.find(value);
    if (it == codes.end())
        return reply::oauthError(400, "invalid_grant", "the code is unknown");
    AuthorizationCode &code = it->second;
    if (code.used) {
        // RFC 6749 §4.1.2: a code used twice revokes what it issued (RFC 9700 §4.2.4).
        if (!code.issuedSessionId.empty() && m_context.state.revokeSession(code.issuedSessionId) > 0)
            m_context.stateChanged();
        return reply::oauthError(400, "invalid_grant", "the code was already used; the tokens it issued are revoked");
    }
    if (code.clientId != client.client->clientId)
        return reply::oauthError(400, "invalid_grant", "the code was issued to another client");
    if (code.expiresAt <= m_context.now())
        return reply::oauthError(400, "invalid_grant", "the code has expired");
    if (params.value("redirect_uri") != code.redirectUri)
        return reply::oauthError(400, "invalid_grant", "redirect_uri differs from the authorization request's (RFC 6749 §4.1.3)");
    const auto verifier = params.get("code_verifier");
    if (!code.codeChallenge.empty()) {
        if (!verifier)
            return reply::oauthError(400, "invalid_grant", "code_verifier is missing (RFC 7636 §4.5)");
        const auto method = code.codeChallengeMethod == "S256" ? oidc::PkceMethod::S256 : oidc::PkceMethod::Plain;
        auto challenge = oidc::pkceChallenge(*verifier, method);
        if (!challenge)
            return reply::oauthError(400, "invalid_grant", "code_verifier is malformed: " + challenge.error().message);
        if (!oauth::constantTimeEquals(challenge.value(), code.codeChallenge))
            return reply::oauthError(400, "invalid_grant", "PKCE verification failed: the code_verifier does not match the code_challenge");
    } else if (verifier) {
        return reply::oauthError(400, "invalid_grant", "code_verifier sent, but the authorization request had no code_challenge");
    }
    code.used = true;
    const User *user = m_context.state.user(code.userId);
    if (!user)
        return reply::oauthError(400, "invalid_grant", "the user no longer exists");
    // A code issued before the user was disabled (RFC 6749 §5.2: the grant is no longer valid).
    if (user->disabled())
        return reply::oauthError(400, "invalid_grant", "the user is disabled");

    LoginOptions options;
    options.tenantId = code.tenant;
    Session &session = m_context.sessions.createUserSession(*user, code.amr.empty() ? std::string("email") : code.amr.front(), options,
                                                            client.client->clientId, code.scope);
    session.amr = code.amr;
    session.authTime = code.authTime;
    code.issuedSessionId = session.id;
    const bool refresh = !m_context.fixtures.refreshTokenRequiresOfflineAccess || oauth::scopeHas(code.scope, "offline_access");
    auto response = sessionTokens(request, session, code.nonce, refresh);
    m_context.sessions.recordLogin(session, request.peer());
    m_context.stateChanged();
    return response;
}

oidc::net::LocalHttpResponse TokenRoutes::refreshToken(const SandboxRequest &request, const FormParams &params,
                                                       const oauth::ClientAuthentication &client)
{
    const std::string token = params.value("refresh_token");
    if (token.empty())
        return reply::oauthError(400, "invalid_request", "refresh_token is missing");
    auto validated = m_context.sessions.validateRefreshJwt(token);
    if (!validated)
        return reply::oauthError(400, "invalid_grant", validated.error().message);
    Session &session = *validated->session;
    // Sessions from the Descope API (no client) may be refreshed by the project's public client.
    if (!session.clientId.empty() && session.clientId != client.client->clientId)
        return reply::oauthError(400, "invalid_grant", "the refresh token was issued to another client");
    if (session.clientId.empty() && client.client->clientId != m_context.projectId())
        return reply::oauthError(400, "invalid_grant", "the refresh token was issued to another client");
    auto response = sessionTokens(request, session, {}, true);
    m_context.stateChanged();
    return response;
}

oidc::net::LocalHttpResponse TokenRoutes::sessionTokens(const SandboxRequest &request, Session &session, const std::string &nonce,
                                                        bool issueRefresh)
{
    const bool openid = oauth::scopeHas(session.scope, "openid");
    // The primary token for the fault injector: the ID token when there is one.
    const TokenFaults faults = m_context.faults.takeTokenFaults(request.path(), request.routePattern());
    oidc::Json extra = {{"azp", session.clientId.empty() ? m_context.projectId() : session.clientId}};
    if (!session.scope.empty())
        extra["scope"] = session.scope;
    auto access = m_context.sessions.mintSessionJwt(session, openid ? TokenFaults{} : faults, extra);
    if (!access)
        return reply::oauthError(500, "server_error", access.error().message);
    oidc::Json body = {{"access_token", access->jwt}, {"token_type", "Bearer"}, {"expires_in", access->expiresAt - access->issuedAt}};
    if (!session.scope.empty())
        body["scope"] = session.scope;
    if (issueRefresh) {
        auto refresh = m_context.sessions.mintRefreshJwt(session);
        if (!refresh)
            return reply::oauthError(500, "server_error", refresh.error().message);
        body["refresh_token"] = refresh->jwt;
    }
    if (openid) {
        const User *user = m_context.state.user(session.subject);
        oidc::Json claims = user ? m_context.sessions.userClaims(*user, session.scope) : oidc::Json{{"sub", session.subject}};
        claims["aud"] = session.clientId;
        claims["auth_time"] = session.authTime;
        claims["amr"] = session.amr;
        claims["sid"] = session.id;
        if (!nonce.empty())
            claims["nonce"] = nonce; // OIDC Core §3.1.3.6; not repeated on refresh (§12.2)
        claims["at_hash"] = m_context.issuer.atHash(access->jwt); // OIDC Core §3.2.2.9
        if (!session.currentTenant.empty())
            claims["dct"] = session.currentTenant;
        auto idToken = m_context.issuer.issue(std::move(claims), m_context.fixtures.lifetimes.sessionSeconds, faults);
        if (!idToken)
            return reply::oauthError(500, "server_error", idToken.error().message);
        body["id_token"] = idToken->jwt;
    }
    return tokenResponse(body);
}

oidc::net::LocalHttpResponse TokenRoutes::clientCredentials(const SandboxRequest &request, const FormParams &params,
                                                            const oauth::ClientAuthentication &client)
{
    if (client.method == "none")
        return reply::oauthError(401, "invalid_client", "client_credentials needs client authentication");
    const std::string scope = params.value("scope");
    const std::string subject = client.accessKey ? client.accessKey->id : client.client->clientId;
    const auto &roles = client.accessKey ? client.accessKey->roleNames : client.client->roleNames;
    const std::vector<TenantMembership> tenants = client.accessKey ? client.accessKey->tenants : std::vector<TenantMembership>{};
    oidc::Json extra = client.accessKey ? client.accessKey->customClaims : oidc::Json::object();
    extra["azp"] = client.client->clientId;
    if (!scope.empty())
        extra["scope"] = scope;
    const std::string tenant = tenants.size() == 1 ? tenants.front().tenantId : std::string();
    const TokenFaults faults = m_context.faults.takeTokenFaults(request.path(), request.routePattern());
    auto minted = m_context.sessions.mintStandaloneJwt(subject, roles, tenants, extra, {}, tenant, faults);
    if (!minted)
        return reply::oauthError(500, "server_error", minted.error().message);
    oidc::Json body = {{"access_token", minted->jwt}, {"token_type", "Bearer"}, {"expires_in", minted->expiresAt - minted->issuedAt}};
    if (!scope.empty())
        body["scope"] = scope;
    return tokenResponse(body);
}

oidc::net::LocalHttpResponse TokenRoutes::userInfo(const SandboxRequest &request)
{
    std::optional<std::string> token = request.bearer();
    if (!token && request.method() == "POST" && request.hasFormBody())
        token = FormParams::fromUrlEncoded(request.http().body()).get("access_token"); // RFC 6750 §2.2
    if (!token || token->empty())
        return reply::bearerChallenge({}, "an access token is required"); // RFC 6750 §3.1: no error code
    auto validated = m_context.sessions.validateSessionJwt(*token);
    if (!validated)
        return reply::bearerChallenge("invalid_token", validated.error().message);
    const User *user = nullptr;
    std::string scope = "openid profile email phone";
    if (validated->session) {
        user = m_context.state.user(validated->session->subject);
        if (!validated->session->scope.empty())
            scope = validated->session->scope;
    }
    if (!user) {
        auto response = reply::json(403, oidc::Json{{"error", "insufficient_scope"}, {"error_description", "this access token has no end-user"}});
        response.addHeader("WWW-Authenticate", "Bearer realm=\"oidcplay-sandbox\", error=\"insufficient_scope\"");
        return response;
    }
    return reply::json(200, m_context.sessions.userClaims(*user, scope));
}

oidc::net::LocalHttpResponse TokenRoutes::revoke(const SandboxRequest &request)
{
    auto parsed = request.oauthParams();
    if (!parsed)
        return reply::oauthError(400, "invalid_request", parsed.error().message);
    const FormParams params = std::move(parsed).value();
    // Client authentication is optional here, but credentials that are sent must be right.
    if (params.has("client_id") || !request.header("authorization").isNull()) {
        auto authenticated = oauth::authenticateClient(request, params, m_context);
        if (!authenticated)
            return authenticated.takeReply();
    }
    const std::string token = params.value("token");
    if (token.empty())
        return reply::oauthError(400, "invalid_request", "token is missing");
    // token_type_hint is only a hint (RFC 7009 §2.1): both kinds are tried whatever it says.
    if (auto refresh = m_context.sessions.validateRefreshJwt(token)) {
        m_context.state.revokeSession(refresh->session->id);
        m_context.stateChanged();
    } else if (auto access = m_context.sessions.validateSessionJwt(token)) {
        if (!access->jti.empty())
            m_context.state.revokedJtis()[access->jti] = access->expiresAt;
        m_context.stateChanged();
    }
    // RFC 7009 §2.2: 200 whether or not the token was valid.
    return reply::json(200, oidc::Json::object());
}

} // namespace sandbox
