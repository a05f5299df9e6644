#include "Jwt.h"

#include "oidc/crypto/Base64Url.h"

#include <array>
#include <cstring>
#include <limits>

namespace oidc::jwt {

namespace {

Error jwtError(std::string code, std::string message, std::string expected = {}, std::string actual = {})
{
    return makeError(ErrorCategory::IdToken, std::move(code), std::move(message), std::move(expected), std::move(actual));
}

// Decodes one part into `text` (kept: it is exactly what was signed) and parses it.
Result<Json> decodeJsonPart(std::string_view encoded, const char *part, const char *jsonCode, const char *objectCode,
                            std::string &text)
{
    auto bytes = crypto::base64UrlDecode(encoded);
    if (!bytes)
        return jwtError("JWT_BASE64URL", std::string("the ") + part + " is not valid base64url (" + bytes.error().message + ")",
                        "base64url", part);
    text = std::move(bytes).value();
    JsonParseOptions options;
    options.category = ErrorCategory::IdToken;
    options.what = part;
    auto json = parseJson(text, options);
    if (!json) {
        if (json.error().code == "JSON_DUPLICATE_NAME")
            return jwtError("JWT_DUPLICATE_NAME", json.error().message, "unique names", json.error().actual);
        return jwtError(jsonCode, json.error().message);
    }
    if (!json->is_object())
        return jwtError(objectCode, std::string("the ") + part + " must be a JSON object", "object", json->type_name());
    return json;
}

// RFC 7519 §4.1.4–4.1.6: NumericDate claims must be numbers. §4.1.1–4.1.3: iss/sub StringOrURI,
// aud a string or an array of strings. OIDC Core §2: nonce a string.
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

Status checkClaimTypes(const Json &claims)
{
    // One pass over the members instead of a lookup per name; the first wrong type in the
    // order of the lists above is reported.
    std::array<const Json *, kNumericDateClaims.size() + kStringClaims.size() + 1> typed{};
    for (const auto &[name, value] : claims.get_ref<const Json::object_t &>())
        if (const auto index = typedClaimIndex(name))
            typed[*index] = &value;
    size_t index = 0;
    for (const auto name : kNumericDateClaims) {
        if (const Json *value = typed[index++]; value && !value->is_number())
            return jwtError("JWT_CLAIM_TYPE", "\"" + std::string(name) + "\" must be a number (NumericDate)", "number",
                            value->type_name());
    }
    for (const auto name : kStringClaims) {
        if (const Json *value = typed[index++]; value && !value->is_string())
            return jwtError("JWT_CLAIM_TYPE", "\"" + std::string(name) + "\" must be a string", "string", value->type_name());
    }
    if (const Json *aud = typed[index]) {
        bool fine = aud->is_string();
        if (aud->is_array()) {
            fine = true;
            for (const auto &entry : *aud)
                fine = fine && entry.is_string();
        }
        if (!fine)
            return jwtError("JWT_CLAIM_TYPE", "\"aud\" must be a string or an array of strings", "string or array of strings",
                            aud->type_name());
    }
    return {};
}

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

std::optional<int64_t> DecodedJwt::numericClaim(std::string_view name) const
{
    const auto it = claims.find(name);
    if (it == claims.end())
        return std::nullopt;
    return numericDate(*it);
}

std::optional<std::string> DecodedJwt::stringClaim(std::string_view name) const
{
    const auto it = claims.find(name);
    if (it == claims.end() || !it->is_string())
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
    auto header = decodeJsonPart(headerPart, "header", "JWT_HEADER_JSON", "JWT_HEADER_NOT_OBJECT", jwt.headerJson);
    if (!header)
        return header.error();
    jwt.header = std::move(header).value();

    // The parameters we read, found in one pass over the header.
    const Json *alg = nullptr;
    const Json *kid = nullptr;
    const Json *typ = nullptr;
    const Json *crit = nullptr;
    for (const auto &[name, value] : jwt.header.get_ref<const Json::object_t &>()) {
        if (isName(name, "alg"))
            alg = &value;
        else if (isName(name, "kid"))
            kid = &value;
        else if (isName(name, "typ"))
            typ = &value;
        else if (isName(name, "crit"))
            crit = &value;
    }
    if (!alg || !alg->is_string())
        return jwtError("JWT_ALG_MISSING", "the header has no \"alg\" string (RFC 7515 §4.1.1)");
    jwt.alg = alg->get_ref<const std::string &>();
    if (kid && kid->is_string())
        jwt.kid = kid->get_ref<const std::string &>();
    if (typ && typ->is_string())
        jwt.typ = typ->get_ref<const std::string &>();
    // RFC 7515 §4.1.11: we understand no extension header parameter, so any "crit" is refused.
    if (crit) {
        std::string names;
        if (crit->is_array())
            for (const auto &entry : *crit)
                names += (names.empty() ? "" : ", ") + (entry.is_string() ? entry.get<std::string>() : entry.dump());
        return jwtError("JWT_CRIT_UNKNOWN", "the header marks extensions as critical that this client does not understand",
                        "no \"crit\"", names.empty() ? crit->dump() : names);
    }

    auto claims = decodeJsonPart(payloadPart, "payload", "JWT_PAYLOAD_JSON", "JWT_PAYLOAD_NOT_OBJECT", jwt.claimsJson);
    if (!claims)
        return claims.error();
    jwt.claims = std::move(claims).value();
    if (auto types = checkClaimTypes(jwt.claims); !types)
        return types.error();

    auto signature = crypto::base64UrlDecode(signaturePart);
    if (!signature)
        return jwtError("JWT_BASE64URL", "the signature is not valid base64url (" + signature.error().message + ")",
                        "base64url", "signature");
    jwt.signature = std::move(signature).value();
    jwt.signingInput = std::string(token.substr(0, dots[1]));
    return jwt;
}

} // namespace oidc::jwt
