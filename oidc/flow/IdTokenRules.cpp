#include "IdTokenRules.h"

namespace oidc::flow {

jwt::JwtValidation validateIdToken(const QString &idToken, const ProviderMetadata &metadata, const crypto::JsonWebKeySet &keys,
                                   const IdTokenExpectations &expectations)
{
    jwt::SignaturePolicy policy;
    policy.allowedAlgorithms = expectations.algorithms.empty() ? metadata.idTokenAlgorithms() : expectations.algorithms;
    policy.allowUnsigned = expectations.allowUnsigned;
    jwt::ClaimCheckOptions options;
    options.issuer = expectations.issuer.toStdString();
    options.audience = expectations.clientId.toStdString();
    if (!expectations.nonce.isEmpty())
        options.nonce = expectations.nonce.toStdString();
    if (!expectations.accessToken.isEmpty())
        options.accessToken = expectations.accessToken.toStdString();
    options.maxAge = expectations.maxAge;
    options.maxIatAge = expectations.maxIatAgeSeconds;
    options.leewaySeconds = expectations.leewaySeconds;
    options.now = expectations.now;
    options.requireExpiry = true;
    options.requireIssuedAt = true;
    options.requireSubject = true;
    auto validation = jwt::validateJwt(idToken.toStdString(), keys, policy, options);
    // OIDC Core §3.1.3.7 #11: a nonce sent must come back; validateJwt reports NONCE_MISSING then.
    return validation;
}

void checkRefreshedIdToken(const jwt::DecodedJwt &previous, jwt::JwtValidation &validation)
{
    if (!validation.jwt)
        return;
    const auto &current = *validation.jwt;
    const auto compare = [&](const char *claim, const char *id, const char *code, bool onlyIfPresent) {
        const auto before = previous.claims().find(claim);
        const auto after = current.claims().find(claim);
        const std::string rule = std::string("a refreshed ID token keeps the original ") + claim + " (OIDC Core §12.2)";
        if (before == previous.claims().end() && onlyIfPresent) {
            validation.checks.push_back({id, rule, jwt::CheckOutcome::Skip, std::string("no ") + claim + " in the original", {}});
            return;
        }
        const bool same = before != previous.claims().end() && after != current.claims().end() && *before == *after;
        if (same) {
            validation.checks.push_back({id, rule, jwt::CheckOutcome::Pass, "unchanged", {}});
            return;
        }
        validation.checks.push_back({id, rule, jwt::CheckOutcome::Fail,
                                     std::string(claim) + " changed from " + (before == previous.claims().end() ? "(none)" : before->dump()) + " to "
                                         + (after == current.claims().end() ? "(none)" : after->dump()),
                                     code});
        if (!validation.error)
            validation.error = makeError(ErrorCategory::IdToken, code, std::string(id) + ": the refreshed ID token has another " + claim
                                                                           + "; the earlier session is kept");
    };
    compare("iss", "refresh_iss", "REFRESH_ISS_CHANGED", false);
    compare("sub", "refresh_sub", "REFRESH_SUB_CHANGED", false);
    compare("aud", "refresh_aud", "REFRESH_AUD_CHANGED", false);
    compare("auth_time", "refresh_auth_time", "REFRESH_AUTH_TIME_CHANGED", true);
}

} // namespace oidc::flow
