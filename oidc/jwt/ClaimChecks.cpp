#include "ClaimChecks.h"

#include "oidc/HumanTime.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Digest.h"

#include <chrono>

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

std::string quoted(const std::string &value)
{
    return "\"" + value + "\"";
}

std::string when(int64_t unix)
{
    return formatUtc(unix) + " (" + std::to_string(unix) + ")";
}

std::vector<std::string> audiences(const Json &claims)
{
    std::vector<std::string> list;
    const auto aud = claims.find("aud");
    if (aud == claims.end())
        return list;
    if (aud->is_string())
        list.push_back(aud->get<std::string>());
    else if (aud->is_array())
        for (const auto &entry : *aud)
            if (entry.is_string())
                list.push_back(entry.get<std::string>());
    return list;
}

ClaimCheck checkIssuer(const DecodedJwt &jwt, const ClaimCheckOptions &options)
{
    const std::string rule = "iss must equal the provider's issuer exactly (OIDC Core §3.1.3.7 #2)";
    const auto iss = jwt.stringClaim("iss");
    if (!options.issuer)
        return skip("iss", rule, iss ? "no expected issuer given; token says " + quoted(*iss) : "no expected issuer given");
    if (!iss)
        return fail("iss", rule, "ISS_MISSING", "the token has no iss; expected " + quoted(*options.issuer));
    if (*iss != *options.issuer)
        return fail("iss", rule, "ISS_MISMATCH", "issuer mismatch: expected " + quoted(*options.issuer) + ", token says " + quoted(*iss));
    return pass("iss", rule, quoted(*iss));
}

ClaimCheck checkAudience(const DecodedJwt &jwt, const ClaimCheckOptions &options)
{
    const std::string rule = "aud must contain the client_id (OIDC Core §3.1.3.7 #3)";
    const auto list = audiences(jwt.claims);
    if (!options.audience)
        return skip("aud", rule, list.empty() ? "no expected audience given" : "no expected audience given; token says " + quoted(list.front())
                    + (list.size() > 1 ? " and " + std::to_string(list.size() - 1) + " more" : ""));
    if (list.empty())
        return fail("aud", rule, "AUD_MISSING", "the token has no aud; expected " + quoted(*options.audience));
    bool found = false;
    std::string others;
    for (const auto &entry : list) {
        if (entry == *options.audience)
            found = true;
        else
            others += (others.empty() ? "" : ", ") + quoted(entry);
    }
    if (!found)
        return fail("aud", rule, "AUD_MISMATCH", "audience mismatch: " + quoted(*options.audience) + " is not among " + std::to_string(list.size())
                    + " audience(s)" + (others.empty() ? "" : ": " + others));
    return pass("aud", rule, quoted(*options.audience) + (others.empty() ? "" : "; other audiences: " + others));
}

ClaimCheck checkAuthorizedParty(const DecodedJwt &jwt, const ClaimCheckOptions &options)
{
    const std::string rule = "with several audiences azp should be present; if present it must equal the client_id (OIDC Core §3.1.3.7 #4–5)";
    const auto azp = jwt.stringClaim("azp");
    const auto list = audiences(jwt.claims);
    if (!options.audience)
        return skip("azp", rule, azp ? "no client_id given; token says " + quoted(*azp) : "no client_id given");
    if (!azp) {
        if (list.size() > 1)
            return fail("azp", rule, "AZP_MISSING", "several audiences and no azp");
        return skip("azp", rule, "not present (single audience)");
    }
    if (*azp != *options.audience)
        return fail("azp", rule, "AZP_MISMATCH", "azp " + quoted(*azp) + " is not the client_id " + quoted(*options.audience));
    return pass("azp", rule, quoted(*azp));
}

ClaimCheck checkExpiry(const DecodedJwt &jwt, const ClaimCheckOptions &options, int64_t now)
{
    const std::string rule = "the current time must be before exp, plus " + std::to_string(options.leewaySeconds)
        + " s leeway (OIDC Core §3.1.3.7 #9, RFC 7519 §4.1.4)";
    const auto exp = jwt.numericClaim("exp");
    if (!exp) {
        if (options.requireExpiry)
            return fail("exp", rule, "EXP_MISSING", "the token has no exp");
        return skip("exp", rule, "no exp: the token does not expire");
    }
    if (now >= *exp + options.leewaySeconds)
        return fail("exp", rule, "EXPIRED", "expired " + formatDuration(now - *exp) + " ago: exp " + when(*exp) + ", now " + when(now));
    if (now >= *exp)
        return pass("exp", rule, "expired " + formatDuration(now - *exp) + " ago, within the leeway: exp " + when(*exp));
    return pass("exp", rule, "expires in " + formatDuration(*exp - now) + ": " + when(*exp));
}

ClaimCheck checkNotBefore(const DecodedJwt &jwt, const ClaimCheckOptions &options, int64_t now)
{
    const std::string rule = "the current time plus leeway must not be before nbf (RFC 7519 §4.1.5)";
    const auto nbf = jwt.numericClaim("nbf");
    if (!nbf)
        return skip("nbf", rule, "no nbf");
    if (now + options.leewaySeconds < *nbf)
        return fail("nbf", rule, "NOT_YET_VALID", "not valid for another " + formatDuration(*nbf - now) + ": nbf " + when(*nbf) + ", now " + when(now)
                    + " (is the local clock right?)");
    return pass("nbf", rule, "valid since " + when(*nbf));
}

ClaimCheck checkIssuedAt(const DecodedJwt &jwt, const ClaimCheckOptions &options, int64_t now)
{
    std::string rule = "iat must not be in the future beyond the leeway (OIDC Core §3.1.3.7 #10)";
    if (options.maxIatAge)
        rule += ", nor older than " + formatDuration(*options.maxIatAge);
    const auto iat = jwt.numericClaim("iat");
    if (!iat) {
        if (options.requireIssuedAt)
            return fail("iat", rule, "IAT_MISSING", "the token has no iat");
        return skip("iat", rule, "no iat");
    }
    if (*iat > now + options.leewaySeconds)
        return fail("iat", rule, "IAT_FUTURE", "issued " + formatDuration(*iat - now) + " in the future: iat " + when(*iat) + ", now " + when(now)
                    + " (is the local clock right?)");
    if (options.maxIatAge && now - *iat > *options.maxIatAge + options.leewaySeconds)
        return fail("iat", rule, "IAT_TOO_OLD", "issued " + formatDuration(now - *iat) + " ago: iat " + when(*iat));
    return pass("iat", rule, "issued " + formatDuration(std::max<int64_t>(0, now - *iat)) + " ago: " + when(*iat));
}

ClaimCheck checkSubject(const DecodedJwt &jwt, const ClaimCheckOptions &options)
{
    const std::string rule = "sub must be a non-empty string of at most 255 ASCII characters (OIDC Core §2)";
    const auto sub = jwt.stringClaim("sub");
    if (!sub) {
        if (options.requireSubject)
            return fail("sub", rule, "SUB_MISSING", "the token has no sub");
        return skip("sub", rule, "no sub");
    }
    if (sub->empty() || sub->size() > 255)
        return fail("sub", rule, "SUB_INVALID", "sub is empty or longer than 255 characters");
    return pass("sub", rule, quoted(*sub));
}

ClaimCheck checkNonce(const DecodedJwt &jwt, const ClaimCheckOptions &options)
{
    const std::string rule = "nonce must equal the value sent in the authorization request (OIDC Core §3.1.3.7 #11)";
    const auto nonce = jwt.stringClaim("nonce");
    if (!options.nonce)
        return skip("nonce", rule, nonce ? "no expected nonce given; the token carries one" : "no expected nonce given");
    if (!nonce)
        return fail("nonce", rule, "NONCE_MISSING", "a nonce was sent but the token has none");
    if (*nonce != *options.nonce)
        return fail("nonce", rule, "NONCE_MISMATCH", "nonce mismatch");
    return pass("nonce", rule, "matches the nonce sent");
}

ClaimCheck checkAuthTime(const DecodedJwt &jwt, const ClaimCheckOptions &options, int64_t now)
{
    const std::string rule = "with max_age, auth_time is required and now − auth_time ≤ max_age + leeway (OIDC Core §3.1.3.7 #13)";
    const auto authTime = jwt.numericClaim("auth_time");
    if (!options.maxAge)
        return skip("auth_time", rule, authTime ? "no max_age sent; authenticated " + when(*authTime) : "no max_age sent");
    if (!authTime)
        return fail("auth_time", rule, "AUTH_TIME_MISSING", "max_age was sent but the token has no auth_time");
    if (now - *authTime > *options.maxAge + options.leewaySeconds)
        return fail("auth_time", rule, "AUTH_TIME_TOO_OLD", "authenticated " + formatDuration(now - *authTime) + " ago, max_age is "
                    + formatDuration(*options.maxAge));
    return pass("auth_time", rule, "authenticated " + formatDuration(std::max<int64_t>(0, now - *authTime)) + " ago, within max_age");
}

ClaimCheck checkHash(const DecodedJwt &jwt, const char *id, const std::optional<std::string> &value, const char *what)
{
    const std::string rule = std::string(id) + " must be the left half of the " + jwt.alg + " hash of the " + what
        + ", base64url (OIDC Core §3.1.3.8, §3.3.2.11)";
    const auto claim = jwt.stringClaim(id);
    if (!claim)
        return skip(id, rule, value ? std::string("the token has no ") + id + " (optional in the code flow)" : std::string("no ") + id);
    if (!value)
        return skip(id, rule, std::string("present; no ") + what + " given to compare");
    const auto expected = halfHash(jwt.alg, *value);
    if (!expected)
        return fail(id, rule, "HASH_ALG_UNKNOWN", std::string("cannot compute ") + id + " for alg " + quoted(jwt.alg) + ": failing closed");
    if (*expected != *claim)
        return fail(id, rule, std::string(id) == "at_hash" ? "AT_HASH_MISMATCH" : "C_HASH_MISMATCH",
                    std::string(id) + " does not match the " + what);
    return pass(id, rule, std::string("matches the ") + what);
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
    return {
        checkIssuer(jwt, options),
        checkAudience(jwt, options),
        checkAuthorizedParty(jwt, options),
        checkExpiry(jwt, options, now),
        checkNotBefore(jwt, options, now),
        checkIssuedAt(jwt, options, now),
        checkSubject(jwt, options),
        checkNonce(jwt, options),
        checkAuthTime(jwt, options, now),
        checkHash(jwt, "at_hash", options.accessToken, "access token"),
        checkHash(jwt, "c_hash", options.code, "authorization code"),
    };
}

} // namespace oidc::jwt
