#include "ClaimChecks.h"

#include "oidc/HumanTime.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Digest.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

namespace oidc::jwt {

namespace {

// Texts for people, each built in one buffer when it is read.
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
std::string build(const Parts &...parts)
{
    std::string out;
    out.reserve((room(parts) + ...));
    (put(out, parts), ...);
    return out;
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
// in place from the decoded record.
class Audiences final {
public:
    explicit Audiences(const RegisteredClaims &claims) : m_claims(claims) {}

    template <typename F>
    void forEach(F &&function) const
    {
        m_claims.forEachAudience(std::forward<F>(function));
    }
    [[nodiscard]] size_t size() const { return m_claims.audienceCount(); }
    [[nodiscard]] bool contains(std::string_view wanted) const
    {
        bool found = false;
        forEach([&](std::string_view entry) { found = found || entry == wanted; });
        return found;
    }

private:
    const RegisteredClaims &m_claims;
};

// The claims the checks read, as decodeJwt found them while parsing (DecodedJwt::registered):
// no lookup in a JSON tree. A string claim of another type reads as absent, as does a time
// claim that is not a number.
struct Claims final {
    std::optional<std::string_view> iss;
    std::optional<std::string_view> sub;
    std::optional<std::string_view> azp;
    std::optional<std::string_view> nonce;
    std::optional<std::string_view> atHash;
    std::optional<std::string_view> cHash;
    std::optional<int64_t> exp;
    std::optional<int64_t> nbf;
    std::optional<int64_t> iat;
    std::optional<int64_t> authTime;

    explicit Claims(const RegisteredClaims &claims)
        : iss(claims.iss()), sub(claims.sub()), azp(claims.azp()), nonce(claims.nonce()), atHash(claims.atHash()),
          cHash(claims.cHash()), exp(claims.exp), nbf(claims.nbf), iat(claims.iat), authTime(claims.authTime)
    {
    }
};

// The checks, and the variants of each one's detail text: a check's text number is
// kind * kVariants + variant.
enum class Kind { Issuer, Audience, Azp, Expiry, NotBefore, IssuedAt, Subject, Nonce, AuthTime, AtHash, CHash };
enum class Variant {
    SkipGiven,   // skipped; the token carries the claim
    SkipAbsent,  // skipped; the token has no such claim
    SkipOther,   // skipped for another reason (single audience, nothing to compare)
    Missing,     // failed: the claim is required and absent
    Mismatch,    // failed: the claim differs from the expected value
    TooOld,      // failed: iat older than allowed, auth_time older than max_age
    Invalid,     // failed: sub empty or too long; hash algorithm unknown
    Pass,
    PassLeeway,  // passed within the leeway
};
constexpr int kVariants = 16;

constexpr int textNumber(Kind kind, Variant variant)
{
    return static_cast<int>(kind) * kVariants + static_cast<int>(variant);
}

// What the texts of one validation's claim checks quote, copied once into one buffer so that
// the checks outlive the token and the options; the texts are built only when read.
class ClaimTexts final : public CheckTextSource {
public:
    ClaimTexts(const Claims &claims, const Audiences &audiences, const ClaimCheckOptions &options, int64_t now, std::string_view alg)
        : m_exp(claims.exp), m_nbf(claims.nbf), m_iat(claims.iat), m_authTime(claims.authTime), m_maxAge(options.maxAge),
          m_maxIatAge(options.maxIatAge), m_now(now), m_leeway(options.leewaySeconds)
    {
        size_t size = alg.size();
        for (const auto &value : {claims.iss, claims.azp, claims.sub, given(options.issuer), given(options.audience)})
            size += value ? value->size() : 0;
        audiences.forEach([&size](std::string_view entry) { size += sizeof(uint32_t) + entry.size(); });
        m_strings.reserve(size);
        m_iss = keep(claims.iss);
        m_azp = keep(claims.azp);
        m_sub = keep(claims.sub);
        m_expectedIssuer = keep(given(options.issuer));
        m_expectedAudience = keep(given(options.audience));
        m_alg = keep(alg);
        // aud entries as (length, bytes) records: entries may hold any character.
        m_audiences.at = static_cast<uint32_t>(m_strings.size());
        audiences.forEach([this](std::string_view entry) {
            const auto length = static_cast<uint32_t>(entry.size());
            m_strings.append(reinterpret_cast<const char *>(&length), sizeof length).append(entry);
            ++m_audienceCount;
        });
        m_audiences.size = static_cast<uint32_t>(m_strings.size()) - m_audiences.at;
        m_audiences.present = m_audienceCount > 0;
    }

    [[nodiscard]] std::string rule(int text) const override
    {
        switch (static_cast<Kind>(text / kVariants)) {
        case Kind::Issuer: return std::string(kIssuerRule);
        case Kind::Audience: return std::string(kAudienceRule);
        case Kind::Azp: return std::string(kAzpRule);
        case Kind::Expiry:
            return build("the current time must be before exp, plus ", Number{m_leeway}, " s leeway (OIDC Core §3.1.3.7 #9, RFC 7519 §4.1.4)");
        case Kind::NotBefore: return std::string(kNotBeforeRule);
        case Kind::IssuedAt:
            return m_maxIatAge ? build(kIssuedAtRule, ", nor older than ", Duration{*m_maxIatAge}) : std::string(kIssuedAtRule);
        case Kind::Subject: return std::string(kSubjectRule);
        case Kind::Nonce: return std::string(kNonceRule);
        case Kind::AuthTime: return std::string(kAuthTimeRule);
        case Kind::AtHash:
        case Kind::CHash: {
            const auto [id, what] = hashNames(text);
            return build(id, " must be the left half of the ", view(m_alg), " hash of the ", what,
                         ", base64url (OIDC Core §3.1.3.8, §3.3.2.11)");
        }
        }
        return {};
    }

    [[nodiscard]] std::string detail(int text) const override
    {
        const auto variant = static_cast<Variant>(text % kVariants);
        switch (static_cast<Kind>(text / kVariants)) {
        case Kind::Issuer: return issuerDetail(variant);
        case Kind::Audience: return audienceDetail(variant);
        case Kind::Azp: return azpDetail(variant);
        case Kind::Expiry: return expiryDetail(variant);
        case Kind::NotBefore: return notBeforeDetail(variant);
        case Kind::IssuedAt: return issuedAtDetail(variant);
        case Kind::Subject: return subjectDetail(variant);
        case Kind::Nonce: return nonceDetail(variant);
        case Kind::AuthTime: return authTimeDetail(variant);
        case Kind::AtHash:
        case Kind::CHash: return hashDetail(text, variant);
        }
        return {};
    }

private:
    struct Span final {
        uint32_t at = 0;
        uint32_t size = 0;
        bool present = false;
    };

    Span keep(std::string_view value)
    {
        const Span span{static_cast<uint32_t>(m_strings.size()), static_cast<uint32_t>(value.size()), true};
        m_strings.append(value);
        return span;
    }
    Span keep(std::optional<std::string_view> value) { return value ? keep(*value) : Span{}; }
    static std::optional<std::string_view> given(const std::optional<std::string> &value)
    {
        return value ? std::optional<std::string_view>(*value) : std::nullopt;
    }

    [[nodiscard]] std::string_view view(Span span) const { return std::string_view(m_strings).substr(span.at, span.size); }
    [[nodiscard]] Quoted quoted(Span span) const { return Quoted{view(span)}; }

    template <typename F>
    void forEachAudience(F &&function) const
    {
        std::string_view records = view(m_audiences);
        while (!records.empty()) {
            uint32_t length = 0;
            std::memcpy(&length, records.data(), sizeof length);
            function(records.substr(sizeof length, length));
            records.remove_prefix(sizeof length + length);
        }
    }

    static std::pair<std::string_view, std::string_view> hashNames(int text)
    {
        if (static_cast<Kind>(text / kVariants) == Kind::AtHash)
            return {"at_hash", "access token"};
        return {"c_hash", "authorization code"};
    }

    [[nodiscard]] std::string issuerDetail(Variant variant) const
    {
        switch (variant) {
        case Variant::SkipGiven: return build("no expected issuer given; token says ", quoted(m_iss));
        case Variant::SkipAbsent: return "no expected issuer given";
        case Variant::Missing: return build("the token has no iss; expected ", quoted(m_expectedIssuer));
        case Variant::Mismatch: return build("issuer mismatch: expected ", quoted(m_expectedIssuer), ", token says ", quoted(m_iss));
        default: return build(quoted(m_iss));
        }
    }

    // The audiences other than the expected one, quoted and comma-separated.
    [[nodiscard]] std::string otherAudiences() const
    {
        std::string others;
        const std::string_view expected = view(m_expectedAudience);
        forEachAudience([&](std::string_view entry) {
            if (entry == expected)
                return;
            if (!others.empty())
                others += ", ";
            put(others, Quoted{entry});
        });
        return others;
    }

    [[nodiscard]] std::string audienceDetail(Variant variant) const
    {
        switch (variant) {
        case Variant::SkipAbsent: return "no expected audience given";
        case Variant::SkipGiven: {
            std::string_view front;
            forEachAudience([&front, first = true](std::string_view entry) mutable {
                if (first)
                    front = entry;
                first = false;
            });
            std::string detail = build("no expected audience given; token says ", Quoted{front});
            if (m_audienceCount > 1)
                detail += build(" and ", Number{static_cast<int64_t>(m_audienceCount - 1)}, " more");
            return detail;
        }
        case Variant::Missing: return build("the token has no aud; expected ", quoted(m_expectedAudience));
        case Variant::Mismatch: {
            const std::string others = otherAudiences();
            return build("audience mismatch: ", quoted(m_expectedAudience), " is not among ", Number{static_cast<int64_t>(m_audienceCount)},
                         " audience(s)", others.empty() ? "" : ": ", others);
        }
        default: {
            const std::string others = otherAudiences();
            return build(quoted(m_expectedAudience), others.empty() ? "" : "; other audiences: ", others);
        }
        }
    }

    [[nodiscard]] std::string azpDetail(Variant variant) const
    {
        switch (variant) {
        case Variant::SkipGiven: return build("no client_id given; token says ", quoted(m_azp));
        case Variant::SkipAbsent: return "no client_id given";
        case Variant::Missing: return "several audiences and no azp";
        case Variant::SkipOther: return "not present (single audience)";
        case Variant::Mismatch: return build("azp ", quoted(m_azp), " is not the client_id ", quoted(m_expectedAudience));
        default: return build(quoted(m_azp));
        }
    }

    [[nodiscard]] std::string expiryDetail(Variant variant) const
    {
        switch (variant) {
        case Variant::Missing: return "the token has no exp";
        case Variant::SkipAbsent: return "no exp: the token does not expire";
        case Variant::TooOld:
            return build("expired ", Duration{minus(m_now, *m_exp)}, " ago: exp ", When{*m_exp}, ", now ", When{m_now});
        case Variant::PassLeeway: return build("expired ", Duration{minus(m_now, *m_exp)}, " ago, within the leeway: exp ", When{*m_exp});
        default: return build("expires in ", Duration{minus(*m_exp, m_now)}, ": ", When{*m_exp});
        }
    }

    [[nodiscard]] std::string notBeforeDetail(Variant variant) const
    {
        switch (variant) {
        case Variant::SkipAbsent: return "no nbf";
        case Variant::Mismatch:
            return build("not valid for another ", Duration{minus(*m_nbf, m_now)}, ": nbf ", When{*m_nbf}, ", now ", When{m_now},
                         " (is the local clock right?)");
        default: return build("valid since ", When{*m_nbf});
        }
    }

    [[nodiscard]] std::string issuedAtDetail(Variant variant) const
    {
        switch (variant) {
        case Variant::Missing: return "the token has no iat";
        case Variant::SkipAbsent: return "no iat";
        case Variant::Mismatch:
            return build("issued ", Duration{minus(*m_iat, m_now)}, " in the future: iat ", When{*m_iat}, ", now ", When{m_now},
                         " (is the local clock right?)");
        case Variant::TooOld: return build("issued ", Duration{minus(m_now, *m_iat)}, " ago: iat ", When{*m_iat});
        default: return build("issued ", Duration{std::max<int64_t>(0, minus(m_now, *m_iat))}, " ago: ", When{*m_iat});
        }
    }

    [[nodiscard]] std::string subjectDetail(Variant variant) const
    {
        switch (variant) {
        case Variant::Missing: return "the token has no sub";
        case Variant::SkipAbsent: return "no sub";
        case Variant::Invalid: return "sub is empty or longer than 255 characters";
        default: return build(quoted(m_sub));
        }
    }

    static std::string nonceDetail(Variant variant)
    {
        switch (variant) {
        case Variant::SkipGiven: return "no expected nonce given; the token carries one";
        case Variant::SkipAbsent: return "no expected nonce given";
        case Variant::Missing: return "a nonce was sent but the token has none";
        case Variant::Mismatch: return "nonce mismatch";
        default: return "matches the nonce sent";
        }
    }

    [[nodiscard]] std::string authTimeDetail(Variant variant) const
    {
        switch (variant) {
        case Variant::SkipGiven: return build("no max_age sent; authenticated ", When{*m_authTime});
        case Variant::SkipAbsent: return "no max_age sent";
        case Variant::Missing: return "max_age was sent but the token has no auth_time";
        case Variant::TooOld:
            return build("authenticated ", Duration{minus(m_now, *m_authTime)}, " ago, max_age is ", Duration{*m_maxAge});
        default: return build("authenticated ", Duration{std::max<int64_t>(0, minus(m_now, *m_authTime))}, " ago, within max_age");
        }
    }

    [[nodiscard]] std::string hashDetail(int text, Variant variant) const
    {
        const auto [id, what] = hashNames(text);
        switch (variant) {
        case Variant::SkipGiven: return build("the token has no ", id, " (optional in the code flow)");
        case Variant::SkipAbsent: return build("no ", id);
        case Variant::SkipOther: return build("present; no ", what, " given to compare");
        case Variant::Invalid: return build("cannot compute ", id, " for alg ", quoted(m_alg), ": failing closed");
        case Variant::Mismatch: return build(id, " does not match the ", what);
        default: return build("matches the ", what);
        }
    }

    std::string m_strings; // every quoted value, one after another
    Span m_iss;
    Span m_azp;
    Span m_sub;
    Span m_expectedIssuer;
    Span m_expectedAudience;
    Span m_alg;
    Span m_audiences;
    size_t m_audienceCount = 0;
    std::optional<int64_t> m_exp;
    std::optional<int64_t> m_nbf;
    std::optional<int64_t> m_iat;
    std::optional<int64_t> m_authTime;
    std::optional<int64_t> m_maxAge;
    std::optional<int64_t> m_maxIatAge;
    int64_t m_now;
    int64_t m_leeway;
};

// The outcome of each check, decided now; its texts are ClaimTexts' to format when read.
class ClaimCheckMaker final {
public:
    ClaimCheckMaker(std::vector<ClaimCheck> &checks, std::shared_ptr<const ClaimTexts> texts)
        : m_checks(checks), m_texts(std::move(texts))
    {
    }

    void pass(std::string_view id, Kind kind, Variant variant = Variant::Pass) { add(id, kind, CheckOutcome::Pass, variant); }
    void skip(std::string_view id, Kind kind, Variant variant) { add(id, kind, CheckOutcome::Skip, variant); }
    void fail(std::string_view id, Kind kind, Variant variant, std::string_view code) { add(id, kind, CheckOutcome::Fail, variant, code); }

private:
    void add(std::string_view id, Kind kind, CheckOutcome outcome, Variant variant, std::string_view code = {})
    {
        m_checks.emplace_back(id, outcome, code, m_texts, textNumber(kind, variant));
    }

    std::vector<ClaimCheck> &m_checks;
    std::shared_ptr<const ClaimTexts> m_texts;
};

void checkIssuer(ClaimCheckMaker &make, const Claims &claims, const ClaimCheckOptions &options)
{
    constexpr Kind kind = Kind::Issuer;
    if (!options.issuer)
        return make.skip("iss", kind, claims.iss ? Variant::SkipGiven : Variant::SkipAbsent);
    if (!claims.iss)
        return make.fail("iss", kind, Variant::Missing, "ISS_MISSING");
    if (*claims.iss != *options.issuer)
        return make.fail("iss", kind, Variant::Mismatch, "ISS_MISMATCH");
    make.pass("iss", kind);
}

void checkAudience(ClaimCheckMaker &make, const ClaimCheckOptions &options, const Audiences &audiences, size_t count)
{
    constexpr Kind kind = Kind::Audience;
    if (!options.audience)
        return make.skip("aud", kind, count == 0 ? Variant::SkipAbsent : Variant::SkipGiven);
    if (count == 0)
        return make.fail("aud", kind, Variant::Missing, "AUD_MISSING");
    if (!audiences.contains(*options.audience))
        return make.fail("aud", kind, Variant::Mismatch, "AUD_MISMATCH");
    make.pass("aud", kind);
}

void checkAuthorizedParty(ClaimCheckMaker &make, const Claims &claims, const ClaimCheckOptions &options, size_t audienceCount)
{
    constexpr Kind kind = Kind::Azp;
    if (!options.audience)
        return make.skip("azp", kind, claims.azp ? Variant::SkipGiven : Variant::SkipAbsent);
    if (!claims.azp) {
        if (audienceCount > 1)
            return make.fail("azp", kind, Variant::Missing, "AZP_MISSING");
        return make.skip("azp", kind, Variant::SkipOther);
    }
    if (*claims.azp != *options.audience)
        return make.fail("azp", kind, Variant::Mismatch, "AZP_MISMATCH");
    make.pass("azp", kind);
}

void checkExpiry(ClaimCheckMaker &make, const Claims &claims, const ClaimCheckOptions &options, int64_t now)
{
    constexpr Kind kind = Kind::Expiry;
    const auto exp = claims.exp;
    if (!exp) {
        if (options.requireExpiry)
            return make.fail("exp", kind, Variant::Missing, "EXP_MISSING");
        return make.skip("exp", kind, Variant::SkipAbsent);
    }
    if (now >= plus(*exp, options.leewaySeconds))
        return make.fail("exp", kind, Variant::TooOld, "EXPIRED");
    make.pass("exp", kind, now >= *exp ? Variant::PassLeeway : Variant::Pass);
}

void checkNotBefore(ClaimCheckMaker &make, const Claims &claims, const ClaimCheckOptions &options, int64_t now)
{
    constexpr Kind kind = Kind::NotBefore;
    const auto nbf = claims.nbf;
    if (!nbf)
        return make.skip("nbf", kind, Variant::SkipAbsent);
    if (plus(now, options.leewaySeconds) < *nbf)
        return make.fail("nbf", kind, Variant::Mismatch, "NOT_YET_VALID");
    make.pass("nbf", kind);
}

void checkIssuedAt(ClaimCheckMaker &make, const Claims &claims, const ClaimCheckOptions &options, int64_t now)
{
    constexpr Kind kind = Kind::IssuedAt;
    const auto iat = claims.iat;
    if (!iat) {
        if (options.requireIssuedAt)
            return make.fail("iat", kind, Variant::Missing, "IAT_MISSING");
        return make.skip("iat", kind, Variant::SkipAbsent);
    }
    if (*iat > plus(now, options.leewaySeconds))
        return make.fail("iat", kind, Variant::Mismatch, "IAT_FUTURE");
    if (options.maxIatAge && minus(now, *iat) > plus(*options.maxIatAge, options.leewaySeconds))
        return make.fail("iat", kind, Variant::TooOld, "IAT_TOO_OLD");
    make.pass("iat", kind);
}

void checkSubject(ClaimCheckMaker &make, const Claims &claims, const ClaimCheckOptions &options)
{
    constexpr Kind kind = Kind::Subject;
    const auto sub = claims.sub;
    if (!sub) {
        if (options.requireSubject)
            return make.fail("sub", kind, Variant::Missing, "SUB_MISSING");
        return make.skip("sub", kind, Variant::SkipAbsent);
    }
    if (sub->empty() || sub->size() > 255)
        return make.fail("sub", kind, Variant::Invalid, "SUB_INVALID");
    make.pass("sub", kind);
}

void checkNonce(ClaimCheckMaker &make, const Claims &claims, const ClaimCheckOptions &options)
{
    constexpr Kind kind = Kind::Nonce;
    const auto nonce = claims.nonce;
    if (!options.nonce)
        return make.skip("nonce", kind, nonce ? Variant::SkipGiven : Variant::SkipAbsent);
    if (!nonce)
        return make.fail("nonce", kind, Variant::Missing, "NONCE_MISSING");
    if (*nonce != *options.nonce)
        return make.fail("nonce", kind, Variant::Mismatch, "NONCE_MISMATCH");
    make.pass("nonce", kind);
}

void checkAuthTime(ClaimCheckMaker &make, const Claims &claims, const ClaimCheckOptions &options, int64_t now)
{
    constexpr Kind kind = Kind::AuthTime;
    const auto authTime = claims.authTime;
    if (!options.maxAge)
        return make.skip("auth_time", kind, authTime ? Variant::SkipGiven : Variant::SkipAbsent);
    if (!authTime)
        return make.fail("auth_time", kind, Variant::Missing, "AUTH_TIME_MISSING");
    if (minus(now, *authTime) > plus(*options.maxAge, options.leewaySeconds))
        return make.fail("auth_time", kind, Variant::TooOld, "AUTH_TIME_TOO_OLD");
    make.pass("auth_time", kind);
}

void checkHash(ClaimCheckMaker &make, const DecodedJwt &jwt, Kind kind, std::optional<std::string_view> claim,
               const std::optional<std::string> &value)
{
    const std::string_view id = kind == Kind::AtHash ? "at_hash" : "c_hash";
    if (!claim)
        return make.skip(id, kind, value ? Variant::SkipGiven : Variant::SkipAbsent);
    if (!value)
        return make.skip(id, kind, Variant::SkipOther);
    const auto expected = halfHash(jwt.alg, *value);
    if (!expected)
        return make.fail(id, kind, Variant::Invalid, "HASH_ALG_UNKNOWN");
    if (*expected != *claim)
        return make.fail(id, kind, Variant::Mismatch, kind == Kind::AtHash ? "AT_HASH_MISMATCH" : "C_HASH_MISMATCH");
    make.pass(id, kind);
}

} // namespace

ClaimCheck::ClaimCheck(std::string checkId, std::string ruleText, CheckOutcome checkOutcome, std::string detailText, std::string failureCode)
    : id(std::move(checkId)), outcome(checkOutcome), code(std::move(failureCode)), m_rule(std::move(ruleText)),
      m_detail(std::move(detailText))
{
}

ClaimCheck::ClaimCheck(std::string_view checkId, CheckOutcome checkOutcome, std::string_view failureCode,
                       std::shared_ptr<const CheckTextSource> texts, int text)
    : id(checkId), outcome(checkOutcome), code(failureCode), m_texts(std::move(texts)), m_text(text), m_ruleGiven(false), m_detailGiven(false)
{
}

std::string ClaimCheck::rule() const
{
    return m_ruleGiven || !m_texts ? m_rule : m_texts->rule(m_text);
}

std::string ClaimCheck::detail() const
{
    return m_detailGiven || !m_texts ? m_detail : m_texts->detail(m_text);
}

void ClaimCheck::setRule(std::string ruleText)
{
    m_rule = std::move(ruleText);
    m_ruleGiven = true;
}

void ClaimCheck::setDetail(std::string detailText)
{
    m_detail = std::move(detailText);
    m_detailGiven = true;
}

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
    const Claims claims(jwt.registered);
    const Audiences audiences(jwt.registered);
    const size_t audienceCount = audiences.size();
    ClaimCheckMaker make(checks, std::make_shared<const ClaimTexts>(claims, audiences, options, now, jwt.alg));
    checks.reserve(checks.size() + 11);
    checkIssuer(make, claims, options);
    checkAudience(make, options, audiences, audienceCount);
    checkAuthorizedParty(make, claims, options, audienceCount);
    checkExpiry(make, claims, options, now);
    checkNotBefore(make, claims, options, now);
    checkIssuedAt(make, claims, options, now);
    checkSubject(make, claims, options);
    checkNonce(make, claims, options);
    checkAuthTime(make, claims, options, now);
    checkHash(make, jwt, Kind::AtHash, claims.atHash, options.accessToken);
    checkHash(make, jwt, Kind::CHash, claims.cHash, options.code);
}

std::vector<ClaimCheck> checkClaims(const DecodedJwt &jwt, const ClaimCheckOptions &options)
{
    std::vector<ClaimCheck> checks;
    appendClaimChecks(checks, jwt, options);
    return checks;
}

} // namespace oidc::jwt
