#include "Jwt.h"

#include "oidc/crypto/Base64Url.h"

#include <array>
#include <cstring>
#include <list>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace oidc::jwt {

namespace {

Error jwtError(std::string code, std::string message, std::string expected = {}, std::string actual = {})
{
    return makeError(ErrorCategory::IdToken, std::move(code), std::move(message), std::move(expected), std::move(actual));
}

// Decodes one part into `text` (kept: it is exactly what was signed) and scans it into `events`
// (strict JSON, duplicate names refused at any depth) without building a tree.
Status scanPart(std::string_view encoded, const char *part, const char *jsonCode, std::string &text, JsonEvents &events)
{
    auto bytes = crypto::base64UrlDecode(encoded);
    if (!bytes)
        return jwtError("JWT_BASE64URL", std::string("the ") + part + " is not valid base64url (" + bytes.error().message + ")",
                        "base64url", part);
    text = std::move(bytes).value();
    JsonParseOptions options;
    options.category = ErrorCategory::IdToken;
    options.what = part;
    if (auto scanned = scanJson(text, events, options); !scanned) {
        if (scanned.error().code == "JSON_DUPLICATE_NAME")
            return jwtError("JWT_DUPLICATE_NAME", scanned.error().message, "unique names", scanned.error().actual);
        return jwtError(jsonCode, scanned.error().message);
    }
    return {};
}

Error notObject(const char *part, const char *objectCode, std::string_view type)
{
    return jwtError(objectCode, std::string("the ") + part + " must be a JSON object", "object", std::string(type));
}

// The claims whose types decodeJwt checks (ClaimsScan::checkTypes); their order is the order of
// RegisteredClaims' numbers and texts.
constexpr std::array<std::string_view, 4> kNumericDateClaims = {"exp", "iat", "nbf", "auth_time"};
constexpr std::array<std::string_view, 6> kStringClaims = {"iss", "sub", "nonce", "azp", "at_hash", "c_hash"};

// name == literal, the literal's length known when compiling: a few inline comparisons instead
// of a call to memcmp for every name of the same length.
template <size_t N>
constexpr bool isName(std::string_view name, const char (&literal)[N])
{
    return name.size() == N - 1 && name == std::string_view(literal, N - 1);
}

// Where a typed claim's name sits in kNumericDateClaims, then kStringClaims, then "aud" (10).
constexpr std::optional<size_t> typedClaimIndex(std::string_view name)
{
    switch (name.size()) {
    case 3:
        if (isName(name, "exp"))
            return 0;
        if (isName(name, "iat"))
            return 1;
        if (isName(name, "nbf"))
            return 2;
        if (isName(name, "iss"))
            return 4;
        if (isName(name, "sub"))
            return 5;
        if (isName(name, "azp"))
            return 7;
        if (isName(name, "aud"))
            return 10;
        return std::nullopt;
    case 5: return isName(name, "nonce") ? std::optional<size_t>(6) : std::nullopt;
    case 6: return isName(name, "c_hash") ? std::optional<size_t>(9) : std::nullopt;
    case 7: return isName(name, "at_hash") ? std::optional<size_t>(8) : std::nullopt;
    case 9: return isName(name, "auth_time") ? std::optional<size_t>(3) : std::nullopt;
    default: return std::nullopt;
    }
}

constexpr bool typedClaimIndexMatchesLists()
{
    size_t index = 0;
    for (const auto name : kNumericDateClaims)
        if (typedClaimIndex(name) != index++)
            return false;
    for (const auto name : kStringClaims)
        if (typedClaimIndex(name) != index++)
            return false;
    return typedClaimIndex("aud") == index && !typedClaimIndex("amr");
}
static_assert(typedClaimIndexMatchesLists());

// Keeps a few top-level members of a JSON object while scanJson reads it, and the type of each
// (nlohmann's type_name(), which the errors quote), instead of building a tree.
class TopLevelScan : public JsonEvents {
public:
    void beginObject() override
    {
        value("object");
        ++m_depth;
    }
    void beginArray() override
    {
        const int member = value("array");
        if (m_depth == 1)
            m_arrayMember = member;
        ++m_depth;
    }
    void end() override
    {
        if (--m_depth == 1)
            m_arrayMember = -1;
    }
    void name(std::string_view name) override
    {
        if (m_depth == 1)
            m_member = memberIndex(name);
    }
    void string(std::string_view text, bool escaped) override
    {
        if (m_depth == 2 && m_arrayMember >= 0)
            return onEntry(m_arrayMember, text, escaped, true);
        if (const int member = value("string"); member >= 0)
            onString(member, text, escaped);
    }
    void scalar(const Json &scalar) override
    {
        if (const int member = value(scalar.type_name()); member >= 0)
            onNumber(member, scalar);
    }

    // The document's type: "object" for a header or payload that may be one.
    [[nodiscard]] std::string_view rootType() const { return m_rootType; }

protected:
    // The index of a member to keep, or -1.
    [[nodiscard]] virtual int memberIndex(std::string_view name) const = 0;
    // A kept member is present with a value of this type.
    virtual void onType(int, const char *) {}
    // A kept member's value is a string / a number, true, false or null.
    virtual void onString(int, std::string_view, bool) {}
    virtual void onNumber(int, const Json &) {}
    // An entry of a kept member's array: a string, or (isString false) another value.
    virtual void onEntry(int, std::string_view, bool, bool) {}

private:
    // A value other than an array entry's string begins: the kept member it belongs to, or -1.
    int value(const char *type)
    {
        if (m_depth == 0)
            m_rootType = type;
        else if (m_depth == 2 && m_arrayMember >= 0)
            onEntry(m_arrayMember, {}, false, false);
        if (m_depth != 1 || m_member < 0)
            return -1;
        const int member = m_member;
        m_member = -1;
        onType(member, type);
        return member;
    }

    int m_depth = 0;        // open objects and arrays
    int m_member = -1;      // the kept top-level member whose value comes next
    int m_arrayMember = -1; // the kept top-level member whose array is open
    const char *m_rootType = "discarded";
};

// The header parameters decodeJwt reads (RFC 7515 §4.1), straight into the DecodedJwt.
class HeaderScan final : public TopLevelScan {
public:
    explicit HeaderScan(DecodedJwt &jwt) : m_jwt(jwt) {}

    bool algIsString = false;
    bool critPresent = false;

private:
    enum Member { Alg, Kid, Typ, Crit, KeyParameters };

    int memberIndex(std::string_view name) const override
    {
        if (isName(name, "alg"))
            return Alg;
        if (isName(name, "kid"))
            return Kid;
        if (isName(name, "typ"))
            return Typ;
        if (isName(name, "crit"))
            return Crit;
        for (size_t i = 0; i < kKeyHeaderParameters.size(); ++i)
            if (name == kKeyHeaderParameters[i])
                return KeyParameters + static_cast<int>(i);
        return -1;
    }

    void onType(int member, const char *) override
    {
        if (member == Crit)
            critPresent = true;
        else if (member >= KeyParameters)
            m_jwt.keyParameters = static_cast<uint8_t>(m_jwt.keyParameters | 1U << (member - KeyParameters));
    }

    void onString(int member, std::string_view text, bool) override
    {
        if (member == Alg) {
            m_jwt.alg = text;
            algIsString = true;
        } else if (member == Kid) {
            m_jwt.kid = text;
        } else if (member == Typ) {
            m_jwt.typ = text;
        }
    }

    DecodedJwt &m_jwt;
};

// The registered claims the checks read, for DecodedJwt::registered, and the types decodeJwt
// checks.
class ClaimsScan final : public TopLevelScan {
public:
    // RFC 7519 §4.1.4–4.1.6: NumericDate claims must be numbers. §4.1.1–4.1.3: iss/sub
    // StringOrURI, aud a string or an array of strings. OIDC Core §2: nonce a string. The first
    // wrong type in the order of the lists above is reported.
    [[nodiscard]] Status checkTypes() const
    {
        size_t index = 0;
        for (const auto name : kNumericDateClaims) {
            if (const char *type = m_types[index++]; type && std::string_view(type) != "number")
                return jwtError("JWT_CLAIM_TYPE", "\"" + std::string(name) + "\" must be a number (NumericDate)", "number", type);
        }
        for (const auto name : kStringClaims) {
            if (const char *type = m_types[index++]; type && std::string_view(type) != "string")
                return jwtError("JWT_CLAIM_TYPE", "\"" + std::string(name) + "\" must be a string", "string", type);
        }
        if (const char *type = m_types[index]) {
            const std::string_view aud = type;
            if (aud != "string" && !(aud == "array" && m_audienceStrings))
                return jwtError("JWT_CLAIM_TYPE", "\"aud\" must be a string or an array of strings", "string or array of strings",
                                type);
        }
        return {};
    }

    void fill(RegisteredClaims &claims) const
    {
        claims.exp = m_numbers[0];
        claims.iat = m_numbers[1];
        claims.nbf = m_numbers[2];
        claims.authTime = m_numbers[3];
        const std::span<const std::string_view> audiences = m_audienceSpill.empty()
            ? std::span<const std::string_view>(m_audienceInline.data(), m_audienceCount)
            : std::span<const std::string_view>(m_audienceSpill);
        claims.assign(m_texts, audiences);
    }

private:
    static constexpr size_t kFirstString = kNumericDateClaims.size();
    static constexpr int kAud = static_cast<int>(kNumericDateClaims.size() + kStringClaims.size());

    int memberIndex(std::string_view name) const override
    {
        const auto index = typedClaimIndex(name);
        return index ? static_cast<int>(*index) : -1;
    }

    void onType(int member, const char *type) override { m_types[static_cast<size_t>(member)] = type; }

    void onString(int member, std::string_view text, bool escaped) override
    {
        if (member == kAud)
            addAudience(keep(text, escaped));
        else if (static_cast<size_t>(member) >= kFirstString)
            m_texts[static_cast<size_t>(member) - kFirstString] = keep(text, escaped);
    }

    void onNumber(int member, const Json &value) override
    {
        if (static_cast<size_t>(member) < kFirstString && value.is_number())
            m_numbers[static_cast<size_t>(member)] = numericDate(value);
    }

    void onEntry(int member, std::string_view text, bool escaped, bool isString) override
    {
        if (member != kAud)
            return;
        if (isString)
            addAudience(keep(text, escaped));
        else
            m_audienceStrings = false;
    }

    // An unescaped text is a view into the payload text, which outlives the scan; a decoded
    // one lives in a reused buffer, so it is copied into stable storage (rare: escapes).
    std::string_view keep(std::string_view text, bool escaped)
    {
        return escaped ? std::string_view(m_decoded.emplace_back(text)) : text;
    }

    void addAudience(std::string_view audience)
    {
        if (m_audienceSpill.empty() && m_audienceCount < m_audienceInline.size()) {
            m_audienceInline[m_audienceCount++] = audience;
            return;
        }
        if (m_audienceSpill.empty())
            m_audienceSpill.assign(m_audienceInline.begin(), m_audienceInline.end());
        m_audienceSpill.push_back(audience);
        ++m_audienceCount;
    }

    std::array<const char *, kNumericDateClaims.size() + kStringClaims.size() + 1> m_types{};
    std::array<std::optional<int64_t>, kNumericDateClaims.size()> m_numbers{};
    std::array<std::optional<std::string_view>, RegisteredClaims::kTexts> m_texts{};
    std::array<std::string_view, 4> m_audienceInline{};
    std::vector<std::string_view> m_audienceSpill; // all of them, once there are more than four
    size_t m_audienceCount = 0;
    bool m_audienceStrings = true;
    std::list<std::string> m_decoded; // stable addresses, and no allocation until an escape needs it
};

} // namespace

std::optional<int64_t> numericDate(const Json &value)
{
    if (!value.is_number())
        return std::nullopt;
    // Out-of-range values saturate: a cast would be undefined for doubles, and an unsigned
    // 2^64-1 read as int64 would wrap to -1 and turn a far-future nbf or iat into the past.
    constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
    constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
    if (value.is_number_unsigned()) {
        const uint64_t number = value.get<uint64_t>();
        return number > static_cast<uint64_t>(kMax) ? kMax : static_cast<int64_t>(number);
    }
    if (value.is_number_float()) {
        const double number = value.get<double>();
        if (number >= 9223372036854775808.0) // 2^63, exactly representable
            return kMax;
        if (number < -9223372036854775808.0)
            return kMin;
        return static_cast<int64_t>(number); // truncates toward zero
    }
    return value.get<int64_t>();
}

std::optional<std::string_view> RegisteredClaims::text(Text which) const
{
    const Span &span = m_texts[static_cast<size_t>(which)];
    if (!span.present)
        return std::nullopt;
    return std::string_view(m_buffer).substr(span.at, span.size);
}

void RegisteredClaims::assign(const std::array<std::optional<std::string_view>, kTexts> &texts,
                              std::span<const std::string_view> audiences)
{
    size_t size = 0;
    for (const auto &text : texts)
        size += text ? text->size() : 0;
    for (const auto audience : audiences)
        size += sizeof(uint32_t) + audience.size();
    m_buffer.clear();
    m_buffer.reserve(size);
    for (size_t i = 0; i < kTexts; ++i) {
        m_texts[i] = texts[i] ? Span{static_cast<uint32_t>(m_buffer.size()), static_cast<uint32_t>(texts[i]->size()), true} : Span{};
        if (texts[i])
            m_buffer.append(*texts[i]);
    }
    // aud entries as (length, bytes) records: entries may hold any character.
    m_audiences.at = static_cast<uint32_t>(m_buffer.size());
    for (const auto audience : audiences) {
        const auto length = static_cast<uint32_t>(audience.size());
        m_buffer.append(reinterpret_cast<const char *>(&length), sizeof length).append(audience);
    }
    m_audiences.size = static_cast<uint32_t>(m_buffer.size()) - m_audiences.at;
    m_audiences.present = !audiences.empty();
    m_audienceCount = audiences.size();
}

RegisteredClaims RegisteredClaims::of(const Json &claims)
{
    RegisteredClaims record;
    if (!claims.is_object())
        return record;
    std::array<std::optional<std::string_view>, kTexts> texts{};
    std::vector<std::string_view> audiences;
    for (const auto &[name, value] : claims.get_ref<const Json::object_t &>()) {
        const auto index = typedClaimIndex(name);
        if (!index)
            continue;
        if (*index < kNumericDateClaims.size()) {
            const auto number = numericDate(value);
            switch (*index) {
            case 0: record.exp = number; break;
            case 1: record.iat = number; break;
            case 2: record.nbf = number; break;
            default: record.authTime = number; break;
            }
        } else if (*index < kNumericDateClaims.size() + kStringClaims.size()) {
            if (value.is_string())
                texts[*index - kNumericDateClaims.size()] = value.get_ref<const std::string &>();
        } else if (value.is_string()) {
            audiences.emplace_back(value.get_ref<const std::string &>());
        } else if (value.is_array()) {
            for (const auto &entry : value)
                if (entry.is_string())
                    audiences.emplace_back(entry.get_ref<const std::string &>());
        }
    }
    record.assign(texts, audiences);
    return record;
}

bool RegisteredClaims::operator==(const RegisteredClaims &other) const
{
    if (exp != other.exp || iat != other.iat || nbf != other.nbf || authTime != other.authTime
        || m_audienceCount != other.m_audienceCount)
        return false;
    for (size_t i = 0; i < kTexts; ++i)
        if (text(static_cast<Text>(i)) != other.text(static_cast<Text>(i)))
            return false;
    std::vector<std::string_view> mine;
    std::vector<std::string_view> theirs;
    forEachAudience([&mine](std::string_view audience) { mine.push_back(audience); });
    other.forEachAudience([&theirs](std::string_view audience) { theirs.push_back(audience); });
    return mine == theirs;
}

const Json &LazyJsonTree::get(std::string_view text, std::string_view what) const
{
    // The published tree is never replaced (only by assigning the whole DecodedJwt), so the
    // reference stays valid after the local shared_ptr is gone.
    if (const auto tree = m_tree.load())
        return *tree;
    JsonParseOptions options;
    options.category = ErrorCategory::IdToken;
    options.what = what;
    auto parsed = parseJson(text, options);
    auto mine = std::make_shared<const Json>(parsed ? std::move(parsed).value() : Json());
    std::shared_ptr<const Json> published;
    if (m_tree.compare_exchange_strong(published, mine))
        return *mine;
    return *published; // another thread parsed it first
}

std::optional<int64_t> DecodedJwt::numericClaim(std::string_view name) const
{
    if (const auto index = typedClaimIndex(name); index && *index < kNumericDateClaims.size()) {
        switch (*index) {
        case 0: return registered.exp;
        case 1: return registered.iat;
        case 2: return registered.nbf;
        default: return registered.authTime;
        }
    }
    const Json &tree = claims();
    const auto it = tree.find(name);
    if (it == tree.end())
        return std::nullopt;
    return numericDate(*it);
}

std::optional<std::string> DecodedJwt::stringClaim(std::string_view name) const
{
    if (const auto index = typedClaimIndex(name);
        index && *index >= kNumericDateClaims.size() && *index < kNumericDateClaims.size() + kStringClaims.size()) {
        const auto text = registered.text(static_cast<RegisteredClaims::Text>(*index - kNumericDateClaims.size()));
        return text ? std::optional<std::string>(*text) : std::nullopt;
    }
    const Json &tree = claims();
    const auto it = tree.find(name);
    if (it == tree.end() || !it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

std::string_view trimToken(std::string_view text)
{
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    // RFC 6750 §2.1: "Bearer" 1*SP token; the scheme name is case-insensitive (RFC 9110 §11.1).
    const auto isBearer = [](std::string_view prefix) {
        constexpr std::string_view kScheme = "bearer ";
        for (size_t i = 0; i < kScheme.size(); ++i) {
            const char c = prefix[i] >= 'A' && prefix[i] <= 'Z' ? static_cast<char>(prefix[i] - 'A' + 'a') : prefix[i];
            if (c != kScheme[i])
                return false;
        }
        return true;
    };
    if (text.size() > 7 && isBearer(text.substr(0, 7)))
        text.remove_prefix(7);
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    return text;
}

Result<DecodedJwt> decodeJwt(std::string_view token, const JwtDecodeOptions &options)
{
    if (token.empty())
        return jwtError("JWT_EMPTY", "no token given");
    if (token.size() > options.maxSize)
        return jwtError("JWT_TOO_LARGE", "the token is too large", "≤ " + std::to_string(options.maxSize) + " bytes",
                        std::to_string(token.size()) + " bytes");
    // Count separators first: a token of thousands of '.' is refused without allocating parts.
    std::array<size_t, 4> dots{};
    size_t dotCount = 0;
    for (const char *p = token.data(), *end = token.data() + token.size();
         (p = static_cast<const char *>(std::memchr(p, '.', static_cast<size_t>(end - p)))) != nullptr; ++p) {
        if (dotCount < dots.size())
            dots[dotCount] = static_cast<size_t>(p - token.data());
        ++dotCount;
    }
    if (dotCount == 4)
        return jwtError("JWT_JWE_UNSUPPORTED",
                        "this is an encrypted JWT (JWE, 5 parts): it cannot be read without the decryption key", "3 parts (JWS)",
                        "5 parts (JWE)");
    if (dotCount != 2)
        return jwtError("JWT_PART_COUNT", "a JWS compact token has exactly 3 parts separated by '.'", "3 parts",
                        std::to_string(dotCount + 1) + " parts");
    const std::string_view headerPart = token.substr(0, dots[0]);
    const std::string_view payloadPart = token.substr(dots[0] + 1, dots[1] - dots[0] - 1);
    const std::string_view signaturePart = token.substr(dots[1] + 1);

    DecodedJwt jwt;
    HeaderScan header(jwt);
    if (auto scanned = scanPart(headerPart, "header", "JWT_HEADER_JSON", jwt.headerJson, header); !scanned)
        return scanned.error();
    if (header.rootType() != "object")
        return notObject("header", "JWT_HEADER_NOT_OBJECT", header.rootType());
    if (!header.algIsString)
        return jwtError("JWT_ALG_MISSING", "the header has no \"alg\" string (RFC 7515 §4.1.1)");
    // RFC 7515 §4.1.11: we understand no extension header parameter, so any "crit" is refused
    // (with its names, read from the tree: a refusal, not the hot path).
    if (header.critPresent) {
        const Json &tree = jwt.header();
        const Json &crit = tree.at("crit");
        std::string names;
        if (crit.is_array())
            for (const auto &entry : crit)
                names += (names.empty() ? "" : ", ") + (entry.is_string() ? entry.get<std::string>() : entry.dump());
        return jwtError("JWT_CRIT_UNKNOWN", "the header marks extensions as critical that this client does not understand",
                        "no \"crit\"", names.empty() ? crit.dump() : names);
    }

    ClaimsScan claims;
    if (auto scanned = scanPart(payloadPart, "payload", "JWT_PAYLOAD_JSON", jwt.claimsJson, claims); !scanned)
        return scanned.error();
    if (claims.rootType() != "object")
        return notObject("payload", "JWT_PAYLOAD_NOT_OBJECT", claims.rootType());
    if (auto types = claims.checkTypes(); !types)
        return types.error();
    claims.fill(jwt.registered);

    auto signature = crypto::base64UrlDecode(signaturePart);
    if (!signature)
        return jwtError("JWT_BASE64URL", "the signature is not valid base64url (" + signature.error().message + ")",
                        "base64url", "signature");
    jwt.signature = std::move(signature).value();
    jwt.signingInput = std::string(token.substr(0, dots[1]));
    return jwt;
}

} // namespace oidc::jwt
