#include "ApiCallExplanation.h"

#include "oidc/HumanTime.h"
#include "oidc/jwt/Jwt.h"

namespace oidc::descope {

namespace {

using jwt::CheckOutcome;
using jwt::ClaimCheck;

ClaimCheck tokenSentCheck(std::string_view token)
{
    std::string rule = "RFC 6750 §2.1: a protected resource is called with Authorization: Bearer <token>";
    if (token.empty())
        return {"token.sent", std::move(rule), CheckOutcome::Fail, "no token was sent: the API cannot know who calls", "API_TOKEN_MISSING"};
    return {"token.sent", std::move(rule), CheckOutcome::Pass, "a token of " + std::to_string(token.size()) + " characters was sent", {}};
}

ClaimCheck tokenJwtCheck(std::string_view token, const Result<jwt::DecodedJwt> *decoded)
{
    std::string rule = "RFC 7519: the API reads the caller's claims from a JWT; read here without verifying its signature (the API verifies it)";
    if (token.empty())
        return {"token.jwt", std::move(rule), CheckOutcome::Skip, "no token", {}};
    if (!decoded->ok())
        return {"token.jwt", std::move(rule), CheckOutcome::Skip,
                "not a JWT (" + decoded->error().code + "): an opaque token whose claims only its issuer knows (RFC 7662 introspection)", {}};
    const jwt::DecodedJwt &jwt = decoded->value();
    std::string detail = "a JWT signed with " + jwt.alg;
    if (!jwt.kid.empty())
        detail += ", kid " + jwt.kid;
    if (const auto iss = jwt.stringClaim("iss"))
        detail += ", issued by " + *iss;
    return {"token.jwt", std::move(rule), CheckOutcome::Pass, std::move(detail), {}};
}

ClaimCheck expiryCheck(const Result<jwt::DecodedJwt> *decoded, int64_t now)
{
    std::string rule = "RFC 7519 §4.1.4: a token must not be accepted on or after its exp";
    if (!decoded || !decoded->ok())
        return {"exp", std::move(rule), CheckOutcome::Skip, "no claims to read", {}};
    const auto exp = decoded->value().numericClaim("exp");
    if (!exp)
        return {"exp", std::move(rule), CheckOutcome::Skip, "the token has no exp", {}};
    if (now >= *exp)
        return {"exp", std::move(rule), CheckOutcome::Fail, "expired " + formatRelative(*exp, now) + " (" + formatUtc(*exp) + ")", "API_TOKEN_EXPIRED"};
    return {"exp", std::move(rule), CheckOutcome::Pass, "expires " + formatRelative(*exp, now) + " (" + formatUtc(*exp) + ")", {}};
}

const ClaimCheck *firstFailed(const std::vector<ClaimCheck> &checks)
{
    for (const auto &check : checks)
        if (check.outcome == CheckOutcome::Fail)
            return &check;
    return nullptr;
}

// What a failed check means for the call, in a few words.
std::string lacking(const ClaimCheck &check)
{
    if (check.code == "API_TOKEN_MISSING")
        return "no token was sent";
    if (check.code == "API_TOKEN_EXPIRED")
        return "the token has expired";
    const auto dot = check.id.find('.');
    const std::string kind = check.id.substr(0, dot);
    const std::string name = dot == std::string::npos ? check.id : check.id.substr(dot + 1);
    return "the token lacks the " + kind + " \"" + name + "\"";
}

std::string explainStatus(int status, const std::vector<ClaimCheck> &checks, bool requirementKnown, bool opaque)
{
    const ClaimCheck *failed = firstFailed(checks);
    if (status >= 200 && status < 300) {
        if (failed)
            return "the API accepted the call, although " + lacking(*failed);
        return requirementKnown ? "the API accepted the token, which holds everything the route requires" : "the API accepted the token";
    }
    if (status == 401) {
        if (failed && (failed->code == "API_TOKEN_MISSING" || failed->code == "API_TOKEN_EXPIRED"))
            return lacking(*failed);
        if (opaque)
            return "the API could not verify the token (an opaque token, not a JWT it can read)";
        return "the API could not verify the token (its signature, issuer or key: see what the API said)";
    }
    if (status == 403) {
        if (failed)
            return lacking(*failed);
        return requirementKnown ? "the API refused the token, although it holds what the route is known to require"
                                : "the API refused the token: this route's requirement is not known here (see what the API said)";
    }
    return "the API answered " + std::to_string(status);
}

} // namespace

std::string statusReason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return {};
    }
}

ApiCallExplanation explainApiCall(const BearerCallAnswer &answer, std::string_view token, const ApiRequirement *requirement, int64_t now)
{
    ApiCallExplanation explanation;
    explanation.status = answer.status;
    std::optional<Result<jwt::DecodedJwt>> decoded;
    if (!token.empty())
        decoded.emplace(jwt::decodeJwt(token));
    const Result<jwt::DecodedJwt> *claims = decoded ? &*decoded : nullptr;
    explanation.checks.push_back(tokenSentCheck(token));
    explanation.checks.push_back(tokenJwtCheck(token, claims));
    explanation.checks.push_back(expiryCheck(claims, now));
    const bool readable = claims && claims->ok();
    if (readable)
        explanation.untrustedClaims = claims->value().claims();
    if (requirement && readable)
        for (auto &check : checkApiRequirement(claims->value().claims(), *requirement))
            explanation.checks.push_back(std::move(check));
    const std::string reason = statusReason(answer.status);
    explanation.headline = std::to_string(answer.status) + (reason.empty() ? "" : " " + reason) + ": "
        + explainStatus(answer.status, explanation.checks, requirement != nullptr, !token.empty() && !readable);
    return explanation;
}

} // namespace oidc::descope
