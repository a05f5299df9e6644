#include "DescopeSession.h"

namespace oidc::descope {

namespace {

std::string userIdOf(const JwtResponse &tokens, const jwt::DecodedJwt &jwt)
{
    if (tokens.user && !tokens.user->userId.empty())
        return tokens.user->userId;
    if (auto dsub = jwt.stringClaim("dsub"); dsub && !dsub->empty())
        return *dsub;
    return jwt.stringClaim("sub").value_or(std::string());
}

std::optional<int64_t> refreshExpiry(const JwtResponse &tokens)
{
    if (!tokens.refreshJwt.empty())
        if (auto refresh = jwt::decodeJwt(tokens.refreshJwt))
            if (auto exp = refresh->numericClaim("exp"))
                return exp;
    return tokens.cookieExpiration;
}

DescopeSession sessionOf(const JwtResponse &tokens, jwt::DecodedJwt jwt, std::vector<jwt::ClaimCheck> checks)
{
    DescopeSession session;
    session.sessionJwt = tokens.sessionJwt;
    session.refreshJwt = tokens.refreshJwt;
    session.sessionSource = tokens.sessionSource;
    session.refreshSource = tokens.refreshSource;
    session.userId = userIdOf(tokens, jwt);
    if (tokens.user)
        session.loginIds = tokens.user->loginIds;
    session.expiresAt = jwt.numericClaim("exp").value_or(0);
    session.refreshExpiresAt = refreshExpiry(tokens);
    session.user = tokens.user;
    session.firstSeen = tokens.firstSeen;
    session.notes = explainSessionClaims(jwt.claims());
    session.checks = std::move(checks);
    session.session = std::move(jwt);
    return session;
}

} // namespace

SessionOutcome failedOutcome(Error error)
{
    return SessionOutcome{std::move(error), {}, nullptr};
}

SessionOutcome evaluateSession(const JwtResponse &tokens, const crypto::JsonWebKeySet &keys, const DescopeProject &project,
                               const AuthorizationRequirements &requirements, const SessionCheckOptions &options)
{
    if (tokens.sessionJwt.empty())
        return failedOutcome(makeError(ErrorCategory::Descope, "DESCOPE_NO_SESSION_JWT",
                                       "the answer carries no session JWT, neither in the body nor as a cookie"));
    SessionValidation validation = validateSessionJwt(tokens.sessionJwt, keys, project, options);
    SessionOutcome outcome;
    outcome.checks = std::move(validation.checks);
    if (validation.jwt) {
        auto authorization = checkAuthorization(validation.jwt->claims(), requirements);
        outcome.checks.insert(outcome.checks.end(), authorization.begin(), authorization.end());
        if (!validation.error)
            validation.error = firstFailure(authorization);
    }
    if (validation.error) {
        outcome.result = *validation.error;
        if (validation.jwt)
            outcome.untrustedClaims = validation.jwt->claims();
        return outcome;
    }
    outcome.result = sessionOf(tokens, std::move(*validation.jwt), outcome.checks);
    return outcome;
}

} // namespace oidc::descope
