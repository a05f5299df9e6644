#include "ClaimChecks.h"

#include "oidc/HumanTime.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Digest.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <limits>
#include <string_view>

namespace oidc::jwt {

namespace {

// Texts for people, built in one buffer per check: these are built for every validated token.
struct Quoted final {
    std::string_view value; // "value"
};
struct When final {
    int64_t unix; // 2026-11-22 10:15:00 UTC (1795336500)
};
struct Duration final {
    int64_t seconds; // 4 min 12 s
};
struct Number final {
    int64_t value;
};

void put(std::string &out, std::string_view part)
{
    out += part;
}

void put(std::string &out, Number number)
{
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, number.value).ptr);
}

void put(std::string &out, Quoted quoted)
{
    out += '"';
    out += quoted.value;
    out += '"';
}

void put(std::string &out, When when)
{
    appendUtc(out, when.unix);
    out += " (";
    put(out, Number{when.unix});
    out += ')';
}

void put(std::string &out, Duration duration)
{
    appendDuration(out, duration.seconds);
}

// Upper bounds of what each part writes, so that a text is allocated once (or not at all when
// it fits the string's own buffer).
size_t room(std::string_view part)
{
    return part.size();
}
size_t room(Quoted quoted)
{
    return quoted.value.size() + 2;
}
size_t room(When)
{
    return 48; // "-292277022657-01-27 08:29:52 UTC (-9223372036854775808)" is longer, and rare
}
size_t room(Duration)
{
    return 32;
}
size_t room(Number)
{
    return 20;
}

template <typename... Parts>
std::string text(const Parts &...parts)
{
    std::string out;
    out.reserve((room(parts) + ...));
    (put(out, parts), ...);
    return out;
}

ClaimCheck check(std::string_view id, std::string rule, CheckOutcome outcome, std::string detail, std::string_view code = {})
{
    return {std::string(id), std::move(rule), outcome, std::move(detail), std::string(code)};
}

ClaimCheck pass(std::string_view id, std::string rule, std::string detail)
{
    return check(id, std::move(rule), CheckOutcome::Pass, std::move(detail));
}

ClaimCheck fail(std::string_view id, std::string rule, std::string_view code, std::string detail)
{
    return check(id, std::move(rule), CheckOutcome::Fail, std::move(detail), code);
}

ClaimCheck skip(std::string_view id, std::string rule, std::string detail)
{
    return check(id, std::move(rule), CheckOutcome::Skip, std::move(detail));
}

// The rules that depend on nothing, written once.
constexpr std::string_view kIssuerRule = "iss must equal the provider's issuer exactly (OIDC Core §3.1.3.7 #2)";
constexpr std::string_view kAudienceRule = "aud must contain the client_id (OIDC Core §3.1.3.7 #3)";
constexpr std::string_view kAzpRule =
    "with several audiences azp should be present; if present it must equal the client_id (OIDC Core §3.1.3.7 #4–5)";
constexpr std::string_view kNotBeforeRule = "the current time plus leeway must not be before nbf (RFC 7519 §4.1.5)";
constexpr std::string_view kIssuedAtRule = "iat must not be in the future beyond the leeway (OIDC Core §3.1.3.7 #10)";
constexpr std::string_view kSubjectRule = "sub must be a non-empty string of at most 255 ASCII characters (OIDC Core §2)";
constexpr std::string_view kNonceRule = "nonce must equal the value sent in the authorization request (OIDC Core §3.1.3.7 #11)";
constexpr std::string_view kAuthTimeRule =
    "with max_age, auth_time is required and now − auth_time ≤ max_age + leeway (OIDC Core §3.1.3.7 #13)";

// Claims are attacker-chosen int64 values (numericDate saturates at the int64 range): the
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

// aud as its strings (a string or an array of strings; other entries are not audiences), read
// in place.
class Audiences final {
public:
    explicit Audiences(const Json *aud) : m_aud(aud) {}

    template <typename F>
    void forEach(F &&function) const
    {
        if (!m_aud)
            return;
        if (m_aud->is_string()) {
            function(m_aud->get_ref<const std::string &>());
        } else if (m_aud->is_array()) {
            for (const auto &entry : *m_aud)
                if (entry.is_string())
                    function(entry.get_ref<const std::string &>());
        }
    }
    [[nodiscard]] size_t size() const
    {
        size_t count = 0;
        forEach([&count](const std::string &) { ++count; });
        return count;
    }
    [[nodiscard]] const std::string *front() const
    {
        const std::string *first = nullptr;
        forEach([&first](const std::string &entry) {
            if (!first)
                first = &entry;
        });
        return first;
    }

private:
    const Json *m_aud;
};

// The claims the checks read, found in one pass over the payload instead of a lookup per check.
// A string claim of another type reads as absent, as does a time claim that is not a number.
struct Claims final {
    const std::string *iss = nullptr;
    const std::string *sub = nullptr;
    const std::string *azp = nullptr;
    const std::string *nonce = nullptr;
    const std::string *atHash = nullptr;
    const std::string *cHash = nullptr;
    const Json *aud = nullptr;
    std::optional<int64_t> exp;
    std::optional<int64_t> nbf;
    std::optional<int64_t> iat;
    std::optional<int64_t> authTime;

    explicit Claims(const Json &claims)
    {
        if (!claims.is_object())
            return;
        for (const auto &[name, value] : claims.get_ref<const Json::object_t &>()) {
            const std::string *string = value.is_string() ? &value.get_ref<const std::string &>() : nullptr;
            const std::string_view key = name;
            if (key == "iss")
                iss = string;
            else if (key == "sub")
                sub = string;
            else if (key == "aud")
                aud = &value;
            else if (key == "azp")
                azp = string;
            else if (key == "exp")
                exp = numericDate(value);
            else if (key == "nbf")
                nbf = numericDate(value);
            else if (key == "iat")
                iat = numericDate(value);
            else if (key == "nonce")
                nonce = string;
            else if (key == "auth_time")
                authTime = numericDate(value);
            else if (key == "at_hash")
                atHash = string;
            else if (key == "c_hash")
                cHash = string;
        }
    }
};

ClaimCheck checkIssuer(const Claims &claims, const ClaimCheckOptions &options)
{
    std::string rule(kIssuerRule);
    const std::string *iss = claims.iss;
    if (!options.issuer)
        return skip("iss", std::move(rule), iss ? text("no expected issuer given; token says ", Quoted{*iss}) : "no expected issuer given");
    if (!iss)
        return fail("iss", std::move(rule), "ISS_MISSING", text("the token has no iss; expected ", Quoted{*options.issuer}));
    if (*iss != *options.issuer)
        return fail("iss", std::move(rule), "ISS_MISMATCH",
                    text("issuer mismatch: expected ", Quoted{*options.issuer}, ", token says ", Quoted{*iss}));
    return pass("iss", std::move(rule), text(Quoted{*iss}));
}

ClaimCheck checkAudience(const ClaimCheckOptions &options, const Audiences &audiences)
{
    std::string rule(kAudienceRule);
    const size_t count = audiences.size();
    if (!options.audience) {
        if (count == 0)
            return skip("aud", std::move(rule), "no expected audience given");
        std::string detail = text("no expected audience given; token says ", Quoted{*audiences.front()});
        if (count > 1)
            detail += text(" and ", Number{static_cast<int64_t>(count - 1)}, " more");
        return skip("aud", std::move(rule), std::move(detail));
    }
    if (count == 0)
        return fail("aud", std::move(rule), "AUD_MISSING", text("the token has no aud; expected ", Quoted{*options.audience}));
    bool found = false;
    std::string others;
    audiences.forEach([&](const std::string &entry) {
        if (entry == *options.audience) {
            found = true;
            return;
        }
        if (!others.empty())
            others += ", ";
        put(others, Quoted{entry});
    });
    if (!found)
        return fail("aud", std::move(rule), "AUD_MISMATCH",
                    text("audience mismatch: ", Quoted{*options.audience}, " is not among ", Number{static_cast<int64_t>(count)},
                         " audience(s)", others.empty() ? "" : ": ", others));
    return pass("aud", std::move(rule), text(Quoted{*options.audience}, others.empty() ? "" : "; other audiences: ", others));
}

ClaimCheck checkAuthorizedParty(const Claims &claims, const ClaimCheckOptions &options, const Audiences &audiences)
{
    std::string rule(kAzpRule);
    const std::string *azp = claims.azp;
    if (!options.audience)
        return skip("azp", std::move(rule), azp ? text("no client_id given; token says ", Quoted{*azp}) : "no client_id given");
    if (!azp) {
        if (audiences.size() > 1)
            return fail("azp", std::move(rule), "AZP_MISSING", "several audiences and no azp");
        return skip("azp", std::move(rule), "not present (single audience)");
    }
    if (*azp != *options.audience)
        return fail("azp", std::move(rule), "AZP_MISMATCH", text("azp ", Quoted{*azp}, " is not the client_id ", Quoted{*options.audience}));
    return pass("azp", std::move(rule), text(Quoted{*azp}));
}

ClaimCheck checkExpiry(const Claims &claims, const ClaimCheckOptions &options, int64_t now)
{
    std::string rule = text("the current time must be before exp, plus ", Number{options.leewaySeconds},
                            " s leeway (OIDC Core §3.1.3.7 #9, RFC 7519 §4.1.4)");
    const auto exp = claims.exp;
    if (!exp) {
        if (options.requireExpiry)
            return fail("exp", std::move(rule), "EXP_MISSING", "the token has no exp");
        return skip("exp", std::move(rule), "no exp: the token does not expire");
    }
    if (now >= plus(*exp, options.leewaySeconds))
        return fail("exp", std::move(rule), "EXPIRED",
                    text("expired ", Duration{minus(now, *exp)}, " ago: exp ", When{*exp}, ", now ", When{now}));
    if (now >= *exp)
        return pass("exp", std::move(rule), text("expired ", Duration{minus(now, *exp)}, " ago, within the leeway: exp ", When{*exp}));
    return pass("exp", std::move(rule), text("expires in ", Duration{minus(*exp, now)}, ": ", When{*exp}));
}

ClaimCheck checkNotBefore(const Claims &claims, const ClaimCheckOptions &options, int64_t now)
{
    std::string rule(kNotBeforeRule);
    const auto nbf = claims.nbf;
    if (!nbf)
        return skip("nbf", std::move(rule), "no nbf");
    if (plus(now, options.leewaySeconds) < *nbf)
        return fail("nbf", std::move(rule), "NOT_YET_VALID",
                    text("not valid for another ", Duration{minus(*nbf, now)}, ": nbf ", When{*nbf}, ", now ", When{now},
                         " (is the local clock right?)"));
    return pass("nbf", std::move(rule), text("valid since ", When{*nbf}));
}

ClaimCheck checkIssuedAt(const Claims &claims, const ClaimCheckOptions &options, int64_t now)
{
    std::string rule = options.maxIatAge ? text(kIssuedAtRule, ", nor older than ", Duration{*options.maxIatAge}) : std::string(kIssuedAtRule);
    const auto iat = claims.iat;
    if (!iat) {
        if (options.requireIssuedAt)
            return fail("iat", std::move(rule), "IAT_MISSING", "the token has no iat");
        return skip("iat", std::move(rule), "no iat");
    }
    if (*iat > plus(now, options.leewaySeconds))
        return fail("iat", std::move(rule), "IAT_FUTURE",
                    text("issued ", Duration{minus(*iat, now)}, " in the future: iat ", When{*iat}, ", now ", When{now},
                         " (is the local clock right?)"));
    if (options.maxIatAge && minus(now, *iat) > plus(*options.maxIatAge, options.leewaySeconds))
        return fail("iat", std::move(rule), "IAT_TOO_OLD", text("issued ", Duration{minus(now, *iat)}, " ago: iat ", When{*iat}));
    return pass("iat", std::move(rule), text("issued ", Duration{std::max<int64_t>(0, minus(now, *iat))}, " ago: ", When{*iat}));
}

ClaimCheck checkSubject(const Claims &claims, const ClaimCheckOptions &options)
{
    std::string rule(kSubjectRule);
    const std::string *sub = claims.sub;
    if (!sub) {
        if (options.requireSubject)
            return fail("sub", std::move(rule), "SUB_MISSING", "the token has no sub");
        return skip("sub", std::move(rule), "no sub");
    }
    if (sub->empty() || sub->size() > 255)
        return fail("sub", std::move(rule), "SUB_INVALID", "sub is empty or longer than 255 characters");
    return pass("sub", std::move(rule), text(Quoted{*sub}));
}

ClaimCheck checkNonce(const Claims &claims, const ClaimCheckOptions &options)
{
    std::string rule(kNonceRule);
    const std::string *nonce = claims.nonce;
    if (!options.nonce)
        return skip("nonce", std::move(rule), nonce ? "no expected nonce given; the token carries one" : "no expected nonce given");
    if (!nonce)
        return fail("nonce", std::move(rule), "NONCE_MISSING", "a nonce was sent but the token has none");
    if (*nonce != *options.nonce)
        return fail("nonce", std::move(rule), "NONCE_MISMATCH", "nonce mismatch");
    return pass("nonce", std::move(rule), "matches the nonce sent");
}

ClaimCheck checkAuthTime(const Claims &claims, const ClaimCheckOptions &options, int64_t now)
{
    std::string rule(kAuthTimeRule);
    const auto authTime = claims.authTime;
    if (!options.maxAge)
        return skip("auth_time", std::move(rule), authTime ? text("no max_age sent; authenticated ", When{*authTime}) : "no max_age sent");
    if (!authTime)
        return fail("auth_time", std::move(rule), "AUTH_TIME_MISSING", "max_age was sent but the token has no auth_time");
    if (minus(now, *authTime) > plus(*options.maxAge, options.leewaySeconds))
        return fail("auth_time", std::move(rule), "AUTH_TIME_TOO_OLD",
                    text("authenticated ", Duration{minus(now, *authTime)}, " ago, max_age is ", Duration{*options.maxAge}));
    return pass("auth_time", std::move(rule),
                text("authenticated ", Duration{std::max<int64_t>(0, minus(now, *authTime))}, " ago, within max_age"));
}

ClaimCheck checkHash(const DecodedJwt &jwt, std::string_view id, const std::string *claim, const std::optional<std::string> &value,
                     std::string_view what)
{
    std::string rule = text(id, " must be the left half of the ", jwt.alg, " hash of the ", what, ", base64url (OIDC Core §3.1.3.8, §3.3.2.11)");
    if (!claim)
        return skip(id, std::move(rule), value ? text("the token has no ", id, " (optional in the code flow)") : text("no ", id));
    if (!value)
        return skip(id, std::move(rule), text("present; no ", what, " given to compare"));
    const auto expected = halfHash(jwt.alg, *value);
    if (!expected)
        return fail(id, std::move(rule), "HASH_ALG_UNKNOWN", text("cannot compute ", id, " for alg ", Quoted{jwt.alg}, ": failing closed"));
    if (*expected != *claim)
        return fail(id, std::move(rule), id == "at_hash" ? "AT_HASH_MISMATCH" : "C_HASH_MISMATCH", text(id, " does not match the ", what));
    return pass(id, std::move(rule), text("matches the ", what));
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

void appendClaimChecks(std::vector<ClaimCheck> &checks, const DecodedJwt &jwt, const ClaimCheckOptions &options)
{
    const int64_t now = options.now.value_or(unixNow());
    const Claims claims(jwt.claims);
    const Audiences audiences(claims.aud);
    // push_back, not a braced list: an initializer_list would copy every check.
    checks.reserve(checks.size() + 11);
    checks.push_back(checkIssuer(claims, options));
    checks.push_back(checkAudience(options, audiences));
    checks.push_back(checkAuthorizedParty(claims, options, audiences));
    checks.push_back(checkExpiry(claims, options, now));
    checks.push_back(checkNotBefore(claims, options, now));
    checks.push_back(checkIssuedAt(claims, options, now));
    checks.push_back(checkSubject(claims, options));
    checks.push_back(checkNonce(claims, options));
    checks.push_back(checkAuthTime(claims, options, now));
    checks.push_back(checkHash(jwt, "at_hash", claims.atHash, options.accessToken, "access token"));
    checks.push_back(checkHash(jwt, "c_hash", claims.cHash, options.code, "authorization code"));
}

std::vector<ClaimCheck> checkClaims(const DecodedJwt &jwt, const ClaimCheckOptions &options)
{
    std::vector<ClaimCheck> checks;
    appendClaimChecks(checks, jwt, options);
    return checks;
}

} // namespace oidc::jwt
