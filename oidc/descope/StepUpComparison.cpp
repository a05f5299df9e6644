#include "StepUpComparison.h"

#include "oidc/HumanTime.h"
#include "oidc/descope/SessionClaims.h"
#include "oidc/jwt/ClaimCatalog.h"
#include "oidc/jwt/Jwt.h"

#include <algorithm>
#include <optional>

namespace oidc::descope {

namespace {

const Json *comparedClaim(const Json &claims, std::string_view name)
{
    if (!claims.is_object())
        return nullptr;
    const auto found = claims.find(std::string(name));
    return found == claims.end() ? nullptr : &*found;
}

std::optional<int64_t> comparedTime(const Json &claims, std::string_view name)
{
    const Json *value = comparedClaim(claims, name);
    return value ? jwt::numericDate(*value) : std::nullopt;
}

bool isStepUp(const Json &claims)
{
    const Json *su = comparedClaim(claims, "su");
    return su && su->is_boolean() && su->get<bool>();
}

std::string shownClaim(const Json &claims, std::string_view name)
{
    const Json *value = comparedClaim(claims, name);
    if (!value)
        return "absent";
    if (const auto kind = jwt::claimInfo(name); kind && kind->kind == jwt::ClaimKind::Time) {
        if (const auto seconds = jwt::numericDate(*value))
            return formatUtc(*seconds);
    }
    // An array with a space after each comma, so a narrow column can wrap it.
    if (value->is_array()) {
        std::string shown = "[";
        for (const auto &element : *value)
            shown += (shown.size() > 1 ? ", " : "") + element.dump();
        return shown + "]";
    }
    return value->dump();
}

ClaimComparison compareClaim(const Json &before, const Json &after, std::string_view name)
{
    const auto *info = jwt::claimInfo(name);
    ClaimComparison comparison{std::string(name), info ? std::string(info->title) : std::string(name), shownClaim(before, name),
                               shownClaim(after, name), false, {}};
    const Json *was = comparedClaim(before, name);
    const Json *now = comparedClaim(after, name);
    comparison.changed = (was == nullptr) != (now == nullptr) || (was && now && *was != *now);
    return comparison;
}

// The amr methods of `after` that `before` did not list.
std::vector<std::string> addedMethods(const Json &before, const Json &after)
{
    std::vector<std::string> added;
    const Json *now = comparedClaim(after, "amr");
    if (!now || !now->is_array())
        return added;
    const Json *was = comparedClaim(before, "amr");
    for (const auto &method : *now) {
        if (!method.is_string())
            continue;
        const bool known = was && was->is_array() && std::find(was->begin(), was->end(), method) != was->end();
        if (!known)
            added.push_back(method.get<std::string>());
    }
    return added;
}

std::string timeDelta(int64_t from, int64_t to)
{
    if (to == from)
        return "in the same second";
    return formatDuration(to - from) + (to > from ? " later" : " earlier");
}

ClaimComparison subjectRow(const Json &before, const Json &after)
{
    ClaimComparison comparison = compareClaim(before, after, "sub");
    comparison.meaning = comparison.changed ? "a different user: a step-up must re-authenticate the user of the session"
                                            : "the same user, re-authenticated";
    return comparison;
}

ClaimComparison stepUpRow(const Json &before, const Json &after)
{
    ClaimComparison comparison = compareClaim(before, after, "su");
    if (isStepUp(after))
        comparison.meaning = isStepUp(before) ? "still stepped up: this session had been stepped up before"
                                              : "now stepped up: the user proved it again with this session's refresh JWT, so an app "
                                                "may allow what needs more assurance";
    else
        comparison.meaning = "not stepped up: the new session JWT has no su:true";
    return comparison;
}

ClaimComparison methodsRow(const Json &before, const Json &after)
{
    ClaimComparison comparison = compareClaim(before, after, "amr");
    const auto added = addedMethods(before, after);
    if (added.empty()) {
        comparison.meaning = "no new method: the step-up used a method this session had already used";
        return comparison;
    }
    std::string methods;
    for (const auto &method : added)
        methods += (methods.empty() ? "" : "; ") + amrMeaning(method);
    comparison.meaning = "added " + methods;
    return comparison;
}

ClaimComparison timeRow(const Json &before, const Json &after, std::string_view name, std::string_view what)
{
    ClaimComparison comparison = compareClaim(before, after, name);
    const auto was = comparedTime(before, name);
    const auto now = comparedTime(after, name);
    if (!was || !now) {
        comparison.meaning = "not comparable: a token has no numeric " + std::string(name);
        return comparison;
    }
    comparison.meaning = std::string(what) + ": " + timeDelta(*was, *now);
    return comparison;
}

ClaimComparison refreshExpiryRow(const Json &before, const Json &after)
{
    ClaimComparison comparison = compareClaim(before, after, "rexp");
    comparison.meaning = comparison.changed ? "the session's refresh JWT expires at another time"
                                            : "the same session: a step-up upgrades it and keeps its refresh expiry";
    return comparison;
}

jwt::ClaimCheck stepUpCheck(std::string id, std::string rule, bool passed, std::string detail, std::string code)
{
    return jwt::ClaimCheck{std::move(id), std::move(rule), passed ? jwt::CheckOutcome::Pass : jwt::CheckOutcome::Fail, std::move(detail),
                           passed ? std::string() : std::move(code)};
}

std::vector<jwt::ClaimCheck> stepUpChecks(const Json &before, const Json &after)
{
    std::vector<jwt::ClaimCheck> checks;
    const Json *was = comparedClaim(before, "sub");
    const Json *now = comparedClaim(after, "sub");
    const bool sameUser = was && now && was->is_string() && *was == *now;
    checks.push_back(stepUpCheck(
        "stepup_sub", "a step-up re-authenticates the session's user (descope-api.md §11: the refresh JWT and the login ID name one user)",
        sameUser,
        sameUser ? "sub " + now->get<std::string>() + " before and after"
                 : "sub " + shownClaim(before, "sub") + " became " + shownClaim(after, "sub"),
        "STEPUP_OTHER_USER"));

    const bool stepped = isStepUp(after);
    checks.push_back(stepUpCheck("stepup_su", "the stepped-up session JWT carries su:true (descope-api.md §2.2, §11 loginOptions.stepup)",
                                 stepped, stepped ? "su is true" : "su is " + shownClaim(after, "su"), "STEPUP_SU_MISSING"));

    const auto issuedBefore = comparedTime(before, "iat");
    const auto issuedAfter = comparedTime(after, "iat");
    const bool reissued = issuedBefore && issuedAfter && *issuedAfter >= *issuedBefore;
    std::string issued = "a token has no numeric iat";
    if (issuedBefore && issuedAfter)
        issued = *issuedAfter == *issuedBefore ? "issued in the same second as the session it stepped up"
                                               : "issued " + timeDelta(*issuedBefore, *issuedAfter) + " than the session it stepped up";
    checks.push_back(stepUpCheck("stepup_iat", "the step-up issued a new session JWT: its iat is not before the old one's (RFC 7519 §4.1.6)",
                                 reissued, std::move(issued), "STEPUP_NOT_REISSUED"));
    return checks;
}

} // namespace

bool StepUpComparison::passed() const
{
    return std::all_of(checks.begin(), checks.end(), [](const jwt::ClaimCheck &c) { return c.passed(); });
}

StepUpComparison compareStepUp(const Json &before, const Json &after)
{
    StepUpComparison comparison;
    comparison.claims = {subjectRow(before, after),
                         stepUpRow(before, after),
                         methodsRow(before, after),
                         timeRow(before, after, "iat", "issued"),
                         timeRow(before, after, "exp", "expires"),
                         refreshExpiryRow(before, after)};
    comparison.checks = stepUpChecks(before, after);
    return comparison;
}

} // namespace oidc::descope
