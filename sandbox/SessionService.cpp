#include "SessionService.h"

#include "sandbox/Randomness.h"
#include "sandbox/SandboxContext.h"

#include "oidc/jwt/Jwt.h"
#include "oidc/jwt/SignatureVerifier.h"

#include <QDateTime>

#include <algorithm>
#include <set>
#include <sstream>

namespace sandbox {

namespace {

oidc::Error tokenError(std::string code, std::string message)
{
    return oidc::makeError(oidc::ErrorCategory::Sandbox, std::move(code), std::move(message));
}

bool contains(const std::vector<std::string> &items, std::string_view item)
{
    return std::find(items.begin(), items.end(), item) != items.end();
}

bool scopeHas(std::string_view scope, std::string_view value)
{
    std::istringstream words{std::string(scope)};
    std::string word;
    while (words >> word) {
        if (word == value)
            return true;
    }
    return false;
}

std::string rfc3339(int64_t seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate).toStdString();
}

} // namespace

std::vector<std::string> SessionService::permissionsOf(const std::vector<std::string> &roleNames) const
{
    return m_context.state.directory().permissionsOf(roleNames);
}

oidc::Json SessionService::tenantsClaim(const std::vector<TenantMembership> &tenants) const
{
    oidc::Json claim = oidc::Json::object();
    for (const auto &membership : tenants)
        claim[membership.tenantId] = {{"roles", membership.roleNames},
                                      {"permissions", m_context.state.directory().permissionsOf(membership.roleNames, membership.tenantId)}};
    return claim;
}

oidc::Json SessionService::responseUser(const User &user) const
{
    oidc::Json tenants = oidc::Json::array();
    for (const auto &membership : user.tenants) {
        const Tenant *tenant = m_context.state.directory().tenant(membership.tenantId);
        tenants.push_back({{"tenantId", membership.tenantId},
                           {"tenantName", tenant ? tenant->name : std::string()},
                           {"roleNames", membership.roleNames},
                           {"permissions", m_context.state.directory().permissionsOf(membership.roleNames, membership.tenantId)}});
    }
    oidc::Json oauth = oidc::Json::object(); // {"google": true}: the providers the user signed in with
    for (const auto &[provider, used] : m_context.state.oauthProvidersOf(user.userId))
        oauth[provider] = used;
    return {
        {"userId", user.userId},
        {"loginIds", user.loginIds},
        {"name", user.name},
        {"givenName", user.givenName},
        {"middleName", user.middleName},
        {"familyName", user.familyName},
        {"email", user.email},
        {"verifiedEmail", user.verifiedEmail},
        {"phone", user.phone},
        {"verifiedPhone", user.verifiedPhone},
        {"picture", user.picture},
        {"roleNames", user.roleNames},
        {"permissions", permissionsOf(user.roleNames)},
        {"userTenants", tenants},
        {"status", user.status},
        {"createdTime", user.createdTime},
        {"customAttributes", user.customAttributes.is_object() ? user.customAttributes : oidc::Json::object()},
        {"test", user.test},
        {"editable", true},
        // Method flags with Descope's exact casing (descope-api.md §3).
        {"TOTP", m_context.state.hasTotp(user.userId)},
        {"SAML", user.saml},
        {"SCIM", false},
        {"OIDC", user.oidcSso},
        {"OAuth", oauth},
        {"webauthn", m_context.state.hasWebAuthn(user.userId)},
        {"password", m_context.state.hasPassword(user.userId)},
        {"push", false},
        {"ssoAppIds", oidc::Json::array()},
        {"externalIds", user.loginIds},
    };
}

oidc::Json SessionService::userClaims(const User &user, std::string_view scope) const
{
    oidc::Json claims = {{"sub", user.userId}};
    if (scopeHas(scope, "profile")) {
        claims["name"] = user.name;
        if (!user.givenName.empty())
            claims["given_name"] = user.givenName;
        if (!user.middleName.empty())
            claims["middle_name"] = user.middleName;
        if (!user.familyName.empty())
            claims["family_name"] = user.familyName;
        if (!user.picture.empty())
            claims["picture"] = user.picture;
        if (!user.loginIds.empty())
            claims["preferred_username"] = user.loginIds.front();
    }
    if (scopeHas(scope, "email") && !user.email.empty()) {
        claims["email"] = user.email;
        claims["email_verified"] = user.verifiedEmail;
    }
    if (scopeHas(scope, "phone") && !user.phone.empty()) {
        claims["phone_number"] = user.phone;
        claims["phone_number_verified"] = user.verifiedPhone;
    }
    if (scopeHas(scope, "descope.custom_claims"))
        claims["customAttributes"] = user.customAttributes;
    claims["roles"] = user.roleNames;
    claims["permissions"] = permissionsOf(user.roleNames);
    claims["tenants"] = tenantsClaim(user.tenants);
    return claims;
}

Session &SessionService::createUserSession(const User &user, const std::string &amrMethod, const LoginOptions &options,
                                           const std::string &clientId, const std::string &scope)
{
    Session session;
    session.id = "S" + randomAlphanumeric(27);
    session.kind = SubjectKind::User;
    session.subject = user.userId;
    session.amr = {amrMethod};
    session.authTime = m_context.now();
    session.createdAt = session.authTime;
    session.refreshExpiresAt = session.authTime + m_context.fixtures.lifetimes.refreshSeconds;
    session.clientId = clientId;
    session.scope = scope;
    // dct: the requested tenant when the user belongs to it, else the only tenant (§2.2).
    for (const auto &membership : user.tenants) {
        if (membership.tenantId == options.tenantId)
            session.currentTenant = membership.tenantId;
    }
    if (session.currentTenant.empty() && user.tenants.size() == 1)
        session.currentTenant = user.tenants.front().tenantId;
    if (options.customClaims.is_object() && !options.customClaims.empty())
        session.nsec = options.customClaims;
    if (options.revokeOtherSessions)
        m_context.state.revokeSessionsOf(user.userId);
    return m_context.state.addSession(std::move(session));
}

void SessionService::upgradeSession(Session &session, const std::string &amrMethod, const LoginOptions &options)
{
    std::erase(session.amr, std::string("mfa"));
    if (!contains(session.amr, amrMethod))
        session.amr.push_back(amrMethod);
    // descope-api.md §2.2: "mfa" when two or more distinct methods were used.
    if (session.amr.size() >= 2)
        session.amr.push_back("mfa");
    if (options.stepup)
        session.stepUp = true;
    session.authTime = m_context.now();
    if (options.customClaims.is_object() && !options.customClaims.empty())
        session.nsec = options.customClaims;
}

oidc::Result<TokenIssuer::Minted> SessionService::mintSessionJwt(const Session &session, const TokenFaults &faults,
                                                                 const oidc::Json &extra)
{
    oidc::Json claims = {{"drn", "DS"}, {"sub", session.subject}, {"sid", session.id}, {"amr", session.amr}};
    if (session.stepUp)
        claims["su"] = true;
    // rexp: when the refresh JWT expires. No source shows its format (descope-api.md §15); an
    // RFC 3339 UTC time is the sandbox's choice.
    claims["rexp"] = rfc3339(session.refreshExpiresAt);
    if (const User *user = m_context.state.user(session.subject)) {
        claims["roles"] = user->roleNames;
        claims["permissions"] = permissionsOf(user->roleNames);
        claims["tenants"] = tenantsClaim(user->tenants);
    }
    if (!session.currentTenant.empty())
        claims["dct"] = session.currentTenant;
    if (session.nsec.is_object() && !session.nsec.empty())
        claims["nsec"] = session.nsec;
    if (extra.is_object()) {
        for (const auto &[key, value] : extra.items())
            claims[key] = value;
    }
    // A session JWT never outlives its session's refresh JWT.
    const int64_t lifetime = std::min(m_context.fixtures.lifetimes.sessionSeconds, std::max<int64_t>(1, session.refreshExpiresAt - m_context.now()));
    return m_context.issuer.issue(std::move(claims), lifetime, faults);
}

oidc::Result<TokenIssuer::Minted> SessionService::mintStandaloneJwt(const std::string &subject, const std::vector<std::string> &roleNames,
                                                                    const std::vector<TenantMembership> &tenants,
                                                                    const oidc::Json &topLevelClaims, const oidc::Json &nsec,
                                                                    const std::string &currentTenant, const TokenFaults &faults)
{
    oidc::Json claims = oidc::Json::object();
    // The key's own custom claims sit at the top level (descope-api.md §10); ours win on clashes.
    if (topLevelClaims.is_object()) {
        for (const auto &[key, value] : topLevelClaims.items())
            claims[key] = value;
    }
    claims["drn"] = "DS";
    claims["sub"] = subject;
    claims["roles"] = roleNames;
    claims["permissions"] = permissionsOf(roleNames);
    claims["tenants"] = tenantsClaim(tenants);
    if (!currentTenant.empty())
        claims["dct"] = currentTenant;
    if (nsec.is_object() && !nsec.empty())
        claims["nsec"] = nsec;
    return m_context.issuer.issue(std::move(claims), m_context.fixtures.lifetimes.sessionSeconds, faults);
}

oidc::Result<TokenIssuer::Minted> SessionService::mintRefreshJwt(Session &session)
{
    oidc::Json claims = {{"drn", "DSR"}, {"sub", session.subject}, {"sid", session.id}};
    auto minted = m_context.issuer.issue(std::move(claims), std::max<int64_t>(1, session.refreshExpiresAt - m_context.now()));
    if (!minted)
        return minted;
    if (!session.refreshJti.empty())
        session.retiredRefreshJtis.push_back(session.refreshJti);
    session.refreshJti = minted->jti;
    return minted;
}

oidc::Result<oidc::Json> SessionService::issueJwtResponse(Session &session, bool firstSeen, const TokenFaults &faults)
{
    auto sessionJwt = mintSessionJwt(session, faults);
    if (!sessionJwt)
        return sessionJwt.error();
    auto refreshJwt = mintRefreshJwt(session);
    if (!refreshJwt)
        return refreshJwt.error();
    return jwtResponse(session, sessionJwt.value(), &refreshJwt.value(), firstSeen);
}

oidc::Json SessionService::jwtResponse(const Session &session, const TokenIssuer::Minted &sessionJwt,
                                       const TokenIssuer::Minted *refreshJwt, bool firstSeen) const
{
    const int64_t now = m_context.now();
    oidc::Json body = {
        {"sessionJwt", sessionJwt.jwt},
        {"refreshJwt", refreshJwt ? refreshJwt->jwt : std::string()},
        {"cookieDomain", ""},
        {"cookiePath", "/"},
        {"cookieMaxAge", std::max<int64_t>(0, session.refreshExpiresAt - now)},
        {"cookieExpiration", session.refreshExpiresAt},
        {"sessionExpiration", sessionJwt.expiresAt},
        {"firstSeen", firstSeen},
    };
    if (const User *user = m_context.state.user(session.subject))
        body["user"] = responseUser(*user);
    return body;
}

oidc::Result<SessionService::Validated> SessionService::validate(std::string_view token, std::string_view drn)
{
    auto decoded = oidc::jwt::decodeJwt(oidc::jwt::trimToken(token));
    if (!decoded)
        return tokenError("TOKEN_MALFORMED", "the token is not a JWT: " + decoded.error().message);
    oidc::jwt::SignaturePolicy policy;
    policy.allowedAlgorithms = {oidc::crypto::JwsAlgorithm::RS256};
    if (auto signature = oidc::jwt::verifySignature(decoded.value(), m_context.keys.verificationKeys(), policy); !signature)
        return tokenError("TOKEN_SIGNATURE", "the token's signature does not verify with the sandbox's keys (" + signature.error().code + ")");
    Validated result;
    result.claims = decoded->claims();
    const auto stringClaim = [&](const char *name) {
        const auto it = result.claims.find(name);
        return it != result.claims.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    if (stringClaim("iss") != m_context.issuerUrl)
        return tokenError("TOKEN_ISSUER", "the token was not issued by this sandbox");
    if (stringClaim("drn") != drn)
        return tokenError("TOKEN_TYPE", drn == "DSR" ? "a refresh JWT (drn DSR) is required" : "a session JWT (drn DS) is required");
    const auto exp = result.claims.find("exp");
    if (exp == result.claims.end() || !exp->is_number())
        return tokenError("TOKEN_MALFORMED", "the token has no exp");
    result.expiresAt = exp->get<int64_t>();
    if (result.expiresAt <= m_context.now())
        return tokenError("TOKEN_EXPIRED", "the token has expired");
    result.jti = stringClaim("jti");
    if (!result.jti.empty() && m_context.state.revokedJtis().count(result.jti))
        return tokenError("TOKEN_REVOKED", "the token was revoked");
    const std::string sid = stringClaim("sid");
    if (sid.empty()) {
        if (drn == "DSR")
            return tokenError("TOKEN_MALFORMED", "the refresh JWT names no session");
        return result; // a standalone token (access key, client credentials)
    }
    Session *session = m_context.state.session(sid);
    if (!session)
        return tokenError("TOKEN_UNKNOWN_SESSION", "the token's session has ended");
    if (session->revoked)
        return tokenError("TOKEN_REVOKED", "the session was revoked or logged out");
    if (session->subject != stringClaim("sub"))
        return tokenError("TOKEN_MALFORMED", "the token's subject does not match its session");
    if (drn == "DSR" && result.jti != session->refreshJti) {
        if (contains(session->retiredRefreshJtis, result.jti)) {
            // RFC 9700 §4.14.2: a rotated-out refresh token came back; end the whole session.
            m_context.state.revokeSession(session->id);
            m_context.stateChanged();
            return tokenError("TOKEN_REUSED", "this refresh JWT was already rotated; the session is now revoked");
        }
        return tokenError("TOKEN_REVOKED", "the refresh JWT is no longer valid");
    }
    result.session = session;
    return result;
}

oidc::Result<SessionService::Validated> SessionService::validateRefreshJwt(std::string_view token)
{
    return validate(token, "DSR");
}

oidc::Result<SessionService::Validated> SessionService::validateSessionJwt(std::string_view token)
{
    return validate(token, "DS");
}

void SessionService::recordLogin(const Session &session, const std::string &peer)
{
    std::string ip = peer;
    if (const auto colon = ip.rfind(':'); colon != std::string::npos)
        ip.resize(colon);
    m_context.state.history().push_back(LoginHistoryEntry{session.subject, m_context.now(), ip, session.currentTenant});
}

} // namespace sandbox
