#include "SessionValidator.h"

#include "oidc/jwt/JwtValidator.h"

#include <QStringList>

#include <algorithm>
#include <array>

namespace oidc::descope {

namespace {

constexpr std::array<std::string_view, 5> kKeptChecks = {"signature", "exp", "nbf", "iat", "sub"};

jwt::ClaimCheck check(std::string id, std::string rule, jwt::CheckOutcome outcome, std::string detail, std::string code = {})
{
    return {std::move(id), std::move(rule), outcome, std::move(detail), std::move(code)};
}

// The segments of an issuer: a URL's path, or the text split on '/' (node's fallback).
QStringList issuerSegments(const QString &iss)
{
    const QUrl url(iss, QUrl::StrictMode);
    const QString path = url.isValid() && !url.scheme().isEmpty() && !url.host().isEmpty() ? url.path() : iss;
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

jwt::ClaimCheck checkDrn(const jwt::DecodedJwt &jwt, const char *expected)
{
    std::string rule = std::string("drn must be \"") + expected + "\": Descope marks session JWTs DS and refresh JWTs DSR (descope-api.md §2.1)";
    const auto drn = jwt.stringClaim("drn");
    if (!drn)
        return check("session.drn", std::move(rule), jwt::CheckOutcome::Fail, "the token has no drn", "DESCOPE_DRN_MISSING");
    if (*drn != expected)
        return check("session.drn", std::move(rule), jwt::CheckOutcome::Fail,
                     "drn is \"" + *drn + "\"" + (*drn == "DSR" ? ": this is a refresh JWT" : ""), "DESCOPE_DRN_MISMATCH");
    return check("session.drn", std::move(rule), jwt::CheckOutcome::Pass, std::string("\"") + expected + "\"");
}

ErrorCategory categoryOf(const std::string &code)
{
    static constexpr std::array<std::string_view, 3> kKeys = {"KEYS_MISSING", "KID_UNKNOWN", "NO_SUITABLE_KEY"};
    static constexpr std::array<std::string_view, 3> kClock = {"EXPIRED", "NOT_YET_VALID", "IAT_FUTURE"};
    if (std::find(kKeys.begin(), kKeys.end(), code) != kKeys.end())
        return ErrorCategory::Keys;
    if (std::find(kClock.begin(), kClock.end(), code) != kClock.end())
        return ErrorCategory::Clock;
    return ErrorCategory::IdToken;
}

} // namespace

bool SessionValidation::unknownKid() const
{
    return error && error->code == "KID_UNKNOWN";
}

jwt::ClaimCheck checkDescopeIssuer(const jwt::DecodedJwt &jwt, const DescopeProject &project)
{
    std::string rule = "iss must name the project: its ID, or a URL ending in /<projectId> (descope-api.md §2.2; node issuerMatchesProject)";
    const auto iss = jwt.stringClaim("iss");
    if (!iss)
        return check("session.iss", std::move(rule), jwt::CheckOutcome::Fail, "the token has no iss", "DESCOPE_ISS_MISSING");
    const QString text = QString::fromStdString(*iss);
    const QString &projectId = project.projectId();
    if (text == projectId)
        return check("session.iss", std::move(rule), jwt::CheckOutcome::Pass, "the bare project ID \"" + *iss + "\"");
    if (text == project.issuer())
        return check("session.iss", std::move(rule), jwt::CheckOutcome::Pass, "\"" + *iss + "\", exactly <base>/<projectId>");
    const QStringList segments = issuerSegments(text);
    const qsizetype n = segments.size();
    if ((n >= 1 && segments[n - 1] == projectId) || (n >= 2 && segments[n - 2] == projectId))
        return check("session.iss", std::move(rule), jwt::CheckOutcome::Pass,
                     "\"" + *iss + "\" names the project (not exactly " + project.issuer().toStdString() + ")");
    return check("session.iss", std::move(rule), jwt::CheckOutcome::Fail,
                 "issuer mismatch: expected " + project.issuer().toStdString() + " or \"" + projectId.toStdString() + "\", token says \"" + *iss
                     + "\"",
                 "DESCOPE_ISS_MISMATCH");
}

SessionValidation validateSessionJwt(std::string_view token, const crypto::JsonWebKeySet &keys, const DescopeProject &project,
                                     const SessionCheckOptions &options)
{
    SessionValidation validation;
    jwt::SignaturePolicy policy;
    policy.allowedAlgorithms = options.algorithms;
    jwt::ClaimCheckOptions claimOptions;
    claimOptions.leewaySeconds = options.leewaySeconds;
    claimOptions.now = options.now;
    claimOptions.requireExpiry = true;
    claimOptions.requireSubject = true;
    jwt::JwtValidation base = jwt::validateJwt(token, keys, policy, claimOptions);
    if (!base.jwt) {
        validation.error = base.error;
        return validation;
    }
    for (auto &item : base.checks) {
        if (std::find(kKeptChecks.begin(), kKeptChecks.end(), item.id) == kKeptChecks.end())
            continue;
        item.id = "session." + item.id;
        validation.checks.push_back(std::move(item));
    }
    validation.checks.insert(validation.checks.begin() + 1, checkDescopeIssuer(*base.jwt, project));
    validation.checks.push_back(checkDrn(*base.jwt, options.expectedDrn));
    for (const auto &item : validation.checks) {
        if (item.outcome == jwt::CheckOutcome::Fail) {
            validation.error = makeError(categoryOf(item.code), item.code, item.id + ": " + item.detail());
            break;
        }
    }
    validation.jwt = std::move(base.jwt);
    return validation;
}

} // namespace oidc::descope
