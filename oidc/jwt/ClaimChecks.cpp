#include "ClaimChecks.h"

#include "oidc/HumanTime.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Digest.h"

#include <chrono>
#include <initializer_list>
#include <limits>
#include <string_view>

namespace oidc::jwt {

namespace {

ClaimCheck pass(std::string id, std::string rule, std::string detail)
{
    return {std::move(id), std::move(rule), CheckOutcome::Pass, std::move(detail), {}};
}

ClaimCheck fail(std::string id, std::string rule, std::string code, std::string detail)
{
    return {std::move(id), std::move(rule), CheckOutcome::Fail, std::move(detail), std::move(code)};
}

ClaimCheck skip(std::string id, std::string rule, std::string detail)
{
    return {std::move(id), std::move(rule), CheckOutcome::Skip, std::move(detail), {}};
}

// Joins the parts with one allocation: these texts are built for every validated token.
std::string cat(std::initializer_list<std::string_view> parts)
{
    size_t size = 0;
    for (const auto part : parts)
        size += part.size();
    std::string text;
    text.reserve(size);
    for (const auto part : parts)
        text.append(part);
    return text;
}

// Claims are attacker-chosen int64 values (numericClaim saturates at the int64 range): the
// comparisons below saturate too instead of overflowing (undefined behaviour in C++).
int64_t plus(int64_t a, int64_t b)
{
    int64_t sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
    return sum;
}

int64_t minus(int64_t a, int64_t b)
{
    int64_t difference = 0;
    if (__builtin_sub_overflow(a, b, &difference))
        return b < 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
    return difference;
}

std::string inQuotes(std::string_view value)
{
    return cat({"\"", value, "\""});
}

std::string when(int64_t unix)
{
    return cat({formatUtc(unix), " (", std::to_string(unix), ")"});
}

// The claim as a string, without copying it (nullptr when absent or not a string).
const std::string *stringMember(const Json &claims, std::string_view name)
{
    const auto it = claims.find(name);
    return it != claims.end() && it->is_string() ? &it->get_ref<const std::string &>() : nullptr;
}

std::vector<const std::string *> audiences(const Json &claims)
{
    std::vector<const std::string *> list;
    const auto aud = claims.find("aud");
    if (aud == claims.end())
        return list;
    if (aud->is_string()) {
        list.push_back(&aud->get_ref<const std::string &>());
    } else if (aud->is_array()) {
        for (const auto &entry : *aud)
            if (entry.is_string())
                list.push_back(&entry.get_ref<const std::string &>());
    }
    return list;
}

ClaimCheck checkIssuer(const DecodedJwt &jwt, const ClaimCheckOptions &options)
{
    std::string rule = "iss must equal the provider's issuer exactly (OIDC Core §3.1.3.7 #2)";
    const std::string *iss = stringMember(jwt.claims, "iss");
    if (!options.issuer)
        return skip("iss", std::move(rule), iss ? cat({"no expected issuer given; token says ", inQuotes(*iss)}) : "no expected issuer given");
    if (!iss)
        return fail("iss", std::move(rule), "ISS_MISSING", cat({"the token has no iss; expected ", inQuotes(*options.issuer)}));
    if (*iss != *options.issuer)
        return fail("iss", std::move(rule), "ISS_MISMATCH",
                    cat({"issuer mismatch: expected ", inQuotes(*options.issuer), ", token says ", inQuotes(*iss)}));
    return pass("iss", std::move(rule), inQuotes(*iss));
}

ClaimCheck checkAudience(const ClaimCheckOptions &options, const std::vector<const std::string *> &list)
{
    std::string rule = "aud must contain the client_id (OIDC Core §3.1.3.7 #3)";
    if (!options.audience)
        return skip("aud", std::move(rule), list.empty() ? "no expected audience given"
                    : cat({"no expected audience given; token says ", inQuotes(*list.front()),
                           list.size() > 1 ? cat({" and ", std::to_string(list.size() - 1), " more"}) : std::string()}));
    if (list.empty())
        return fail("aud", std::move(rule), "AUD_MISSING", cat({"the token has no aud; expected ", inQuotes(*options.audience)}));
    bool found = false;
    std::string others;
    for (const auto *entry : list) {
        if (*entry == *options.audience) {
            found = true;
        } else {
            if (!others.empty())
                others += ", ";
            others += inQuotes(*entry);
        }
    }
    if (!found)
        return fail("aud", std::move(rule), "AUD_MISMATCH",
                    cat({"audience mismatch: ", inQuotes(*options.audience), " is not among ", std::to_string(list.size()), " audience(s)",
                         others.empty() ? "" : ": ", others}));
    return pass("aud", std::move(rule), cat({inQuotes(*options.audience), others.empty() ? "" : "; other audiences: ", others}));
}

ClaimCheck checkAuthorizedParty(const DecodedJwt &jwt, const ClaimCheckOptions &options, const std::vector<const std::string *> &list)
{
    std::string rule = "with several audiences azp should be present; if present it must equal the client_id (OIDC Core §3.1.3.7 #4–5)";
    const std::string *azp = stringMember(jwt.claims, "azp");
    if (!options.audience)
        return skip("azp", std::move(rule), azp ? cat({"no client_id given; token says ", inQuotes(*azp)}) : "no client_id given");
    if (!azp) {
        if (list.size() > 1)
            return fail("azp", std::move(rule), "AZP_MISSING", "several audiences and no azp");
        return skip("azp", std::move(rule), "not present (single audience)");
    }
    if (*azp != *options.audience)
        return fail("azp", std::move(rule), "AZP_MISMATCH", cat({"azp ", inQuotes(*azp), " is not the client_id ", inQuotes(*options.audience)}));
    return pass("azp", std::move(rule), inQuotes(*azp));
}

ClaimCheck checkExpiry(const DecodedJwt &jwt, const ClaimCheckOptions &options, int64_t now)
{
    std::string rule = cat({"the current time must be before exp, plus ", std::to_string(options.leewaySeconds),
                            " s leeway (OIDC Core §3.1.3.7 #9, RFC 7519 §4.1.4)"});
    const auto exp = jwt.numericClaim("exp");
    if (!exp) {
        if (options.requireExpiry)
            return fail("exp", std::move(rule), "EXP_MISSING", "the token has no exp");
        return skip("exp", std::move(rule), "no exp: the token does not expire");
    }
    if (now >= plus(*exp, options.leewaySeconds))
        return fail("exp", std::move(rule), "EXPIRED",
                    cat({"expired ", formatDuration(minus(now, *exp)), " ago: exp ", when(*exp), ", now ", when(now)}));
    if (now >= *exp)
        return pass("exp", std::move(rule), cat({"expired ", formatDuration(minus(now, *exp)), " ago, within the leeway: exp ", when(*exp)}));
    return pass("exp", std::move(rule), cat({"expires in ", formatDuration(minus(*exp, now)), ": ", when(*exp)}));
}

ClaimCheck checkNotBefore(const DecodedJwt &jwt, const ClaimCheckOptions &options, int64_t now)
{
    std::string rule = "the current time plus leeway must not be before nbf (RFC 7519 §4.1.5)";
    const auto nbf = jwt.numericClaim("nbf");
    if (!nbf)
        return skip("nbf", std::move(rule), "no nbf");
    if (plus(now, options.leewaySeconds) < *nbf)
        return fail("nbf", std::move(rule), "NOT_YET_VALID",
                    cat({"not valid for another ", formatDuration(minus(*nbf, now)), ": nbf ", when(*nbf), ", now ", when(now),
                         " (is the local clock right?)"}));
    return pass("nbf", std::move(rule), cat({"valid since ", when(*nbf)}));
}

ClaimCheck checkIssuedAt(const DecodedJwt &jwt, const ClaimCheckOptions &options, int64_t now)
{
    std::string rule = "iat must not be in the future beyond the leeway (OIDC Core §3.1.3.7 #10)";
    if (options.maxIatAge)
        rule += ", nor older than " + formatDuration(*options.maxIatAge);
    const auto iat = jwt.numericClaim("iat");
    if (!iat) {
        if (options.requireIssuedAt)
            return fail("iat", std::move(rule), "IAT_MISSING", "the token has no iat");
        return skip("iat", std::move(rule), "no iat");
    }
    if (*iat > plus(now, options.leewaySeconds))
        return fail("iat", std::move(rule), "IAT_FUTURE",
                    cat({"issued ", formatDuration(minus(*iat, now)), " in the future: iat ", when(*iat), ", now ", when(now),
                         " (is the local clock right?)"}));
    if (options.maxIatAge && minus(now, *iat) > plus(*options.maxIatAge, options.leewaySeconds))
        return fail("iat", std::move(rule), "IAT_TOO_OLD", cat({"issued ", formatDuration(minus(now, *iat)), " ago: iat ", when(*iat)}));
    return pass("iat", std::move(rule), cat({"issued ", formatDuration(std::max<int64_t>(0, minus(now, *iat))), " ago: ", when(*iat)}));
}

ClaimCheck checkSubject(const DecodedJwt &jwt, const ClaimCheckOptions &options)
{
    std::string rule = "sub must be a non-empty string of at most 255 ASCII characters (OIDC Core §2)";
    const std::string *sub = stringMember(jwt.claims, "sub");
    if (!sub) {
        if (options.requireSubject)
            return fail("sub", std::move(rule), "SUB_MISSING", "the token has no sub");
        return skip("sub", std::move(rule), "no sub");
    }
    if (sub->empty() || sub->size() > 255)
        return fail("sub", std::move(rule), "SUB_INVALID", "sub is empty or longer than 255 characters");
    return pass("sub", std::move(rule), inQuotes(*sub));
}

ClaimCheck checkNonce(const DecodedJwt &jwt, const ClaimCheckOptions &options)
{
    std::string rule = "nonce must equal the value sent in the authorization request (OIDC Core §3.1.3.7 #11)";
    const std::string *nonce = stringMember(jwt.claims, "nonce");
    if (!options.nonce)
        return skip("nonce", std::move(rule), nonce ? "no expected nonce given; the token carries one" : "no expected nonce given");
    if (!nonce)
        return fail("nonce", std::move(rule), "NONCE_MISSING", "a nonce was sent but the token has none");
    if (*nonce != *options.nonce)
        return fail("nonce", std::move(rule), "NONCE_MISMATCH", "nonce mismatch");
    return pass("nonce", std::move(rule), "matches the nonce sent");
}

ClaimCheck checkAuthTime(const DecodedJwt &jwt, const ClaimCheckOptions &options, int64_t now)
{
    std::string rule = "with max_age, auth_time is required and now − auth_time ≤ max_age + leeway (OIDC Core §3.1.3.7 #13)";
    const auto authTime = jwt.numericClaim("auth_time");
    if (!options.maxAge)
        return skip("auth_time", std::move(rule), authTime ? cat({"no max_age sent; authenticated ", when(*authTime)}) : "no max_age sent");
    if (!authTime)
        return fail("auth_time", std::move(rule), "AUTH_TIME_MISSING", "max_age was sent but the token has no auth_time");
    if (minus(now, *authTime) > plus(*options.maxAge, options.leewaySeconds))
        return fail("auth_time", std::move(rule), "AUTH_TIME_TOO_OLD",
                    cat({"authenticated ", formatDuration(minus(now, *authTime)), " ago, max_age is ", formatDuration(*options.maxAge)}));
    return pass("auth_time", std::move(rule),
                cat({"authenticated ", formatDuration(std::max<int64_t>(0, minus(now, *authTime))), " ago, within max_age"}));
}

ClaimCheck checkHash(const DecodedJwt &jwt, const char *id, const std::optional<std::string> &value, const char *what)
{
    std::string rule = cat({id, " must be the left half of the ", jwt.alg, " hash of the ", what, ", base64url (OIDC Core §3.1.3.8, §3.3.2.11)"});
    const std::string *claim = stringMember(jwt.claims, id);
    if (!claim)
        return skip(id, std::move(rule), value ? cat({"the token has no ", id, " (optional in the code flow)"}) : cat({"no ", id}));
    if (!value)
        return skip(id, std::move(rule), cat({"present; no ", what, " given to compare"}));
    const auto expected = halfHash(jwt.alg, *value);
    if (!expected)
        return fail(id, std::move(rule), "HASH_ALG_UNKNOWN", cat({"cannot compute ", id, " for alg ", inQuotes(jwt.alg), ": failing closed"}));
    if (*expected != *claim)
        return fail(id, std::move(rule), std::string_view(id) == "at_hash" ? "AT_HASH_MISMATCH" : "C_HASH_MISMATCH",
                    cat({id, " does not match the ", what}));
    return pass(id, std::move(rule), cat({"matches the ", what}));
}

} // namespace

int64_t unixNow()
{
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::optional<std::string> halfHash(std::string_view alg, std::string_view value)
{
    const auto algorithm = crypto::parseJwsAlgorithm(alg);
    if (!algorithm)
        return std::nullopt;
    const auto digest = crypto::algorithmDigest(*algorithm);
    if (!digest)
        return std::nullopt;
    const std::string hash = crypto::digest(*digest, value);
    return crypto::base64UrlEncode(std::string_view(hash).substr(0, hash.size() / 2));
}

std::vector<ClaimCheck> checkClaims(const DecodedJwt &jwt, const ClaimCheckOptions &options)
{
    const int64_t now = options.now.value_or(unixNow());
    const auto audienceList = audiences(jwt.claims);
    // push_back, not a braced list: an initializer_list would copy every check.
    std::vector<ClaimCheck> checks;
    checks.reserve(11);
    checks.push_back(checkIssuer(jwt, options));
    checks.push_back(checkAudience(options, audienceList));
    checks.push_back(checkAuthorizedParty(jwt, options, audienceList));
    checks.push_back(checkExpiry(jwt, options, now));
    checks.push_back(checkNotBefore(jwt, options, now));
    checks.push_back(checkIssuedAt(jwt, options, now));
    checks.push_back(checkSubject(jwt, options));
    checks.push_back(checkNonce(jwt, options));
    checks.push_back(checkAuthTime(jwt, options, now));
    checks.push_back(checkHash(jwt, "at_hash", options.accessToken, "access token"));
    checks.push_back(checkHash(jwt, "c_hash", options.code, "authorization code"));
    return checks;
}

} // namespace oidc::jwt
