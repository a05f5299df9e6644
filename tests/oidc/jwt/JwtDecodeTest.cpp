// JWS compact decoding (RFC 7515 §7.1, RFC 7519 §7.2) and its error codes (oidc/jwt/Jwt.h).

#include "SpecVectors.h"

#include "oidc/jwt/Jwt.h"

#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace oidc::jwt {
namespace {

OIDCPLAY_PRINT_ROW_BY_NAME(DecodeRow)
OIDCPLAY_PRINT_ROW_BY_NAME(TrimRow)

using test::b64;
using test::compact;
using test::failsWith;

constexpr std::string_view kHeader = R"({"alg":"RS256","kid":"k1","typ":"JWT"})";
constexpr std::string_view kPayload = R"({"iss":"https://issuer.example","sub":"u1","aud":"client","exp":2000000000,"iat":1700000000})";

TEST(JwtDecode, RFC7515_A1_DecodesHeaderClaimsAndSigningInput)
{
    auto jwt = decodeJwt(test::rfc::kA1Token);
    ASSERT_TRUE(test::succeeds(jwt));
    EXPECT_EQ(jwt->alg, "HS256");
    EXPECT_EQ(jwt->typ, "JWT");
    EXPECT_EQ(jwt->kid, "");
    EXPECT_EQ(jwt->headerJson, "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}");
    EXPECT_EQ(jwt->claimsJson, "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}");
    EXPECT_EQ(jwt->claims()["http://example.com/is_root"], true);
    EXPECT_EQ(jwt->stringClaim("iss"), "joe");
    EXPECT_EQ(jwt->numericClaim("exp"), test::rfc::kA1Exp);
    EXPECT_EQ(jwt->signingInput, test::rfc::kA1Token.substr(0, test::rfc::kA1Token.rfind('.')));
    EXPECT_EQ(jwt->signature.size(), 32u);
    EXPECT_EQ(b64(jwt->signature), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

TEST(JwtDecode, KidAndAbsentClaims)
{
    auto jwt = decodeJwt(compact(kHeader, kPayload, "sig"));
    ASSERT_TRUE(test::succeeds(jwt));
    EXPECT_EQ(jwt->kid, "k1");
    EXPECT_EQ(jwt->stringClaim("nonce"), std::nullopt);
    EXPECT_EQ(jwt->numericClaim("nbf"), std::nullopt);
    EXPECT_EQ(jwt->numericClaim("iss"), std::nullopt);
    EXPECT_EQ(jwt->stringClaim("exp"), std::nullopt);
}

TEST(JwtDecode, UnsignedTokenHasAnEmptySignature)
{
    auto jwt = decodeJwt(b64(R"({"alg":"none"})") + "." + b64(kPayload) + ".");
    ASSERT_TRUE(test::succeeds(jwt));
    EXPECT_EQ(jwt->alg, "none");
    EXPECT_TRUE(jwt->signature.empty());
}

struct DecodeRow {
    const char *name;
    std::string token;
    const char *code;
    std::string actual = {}; // when set, the error's `actual` must equal it
};

class JwtDecodeErrors : public ::testing::TestWithParam<DecodeRow> {};

TEST_P(JwtDecodeErrors, ExactCode)
{
    const auto &row = GetParam();
    auto jwt = decodeJwt(row.token);
    ASSERT_TRUE(failsWith(jwt, row.code, ErrorCategory::IdToken));
    if (!row.actual.empty()) {
        EXPECT_EQ(jwt.error().actual, row.actual);
    }
    EXPECT_FALSE(jwt.error().message.empty());
}

std::string withHeader(std::string_view header)
{
    return compact(header, kPayload, "sig");
}

std::string withPayload(std::string_view payload)
{
    return compact(kHeader, payload, "sig");
}

const std::string kGoodHeader = b64(kHeader);
const std::string kGoodPayload = b64(kPayload);

INSTANTIATE_TEST_SUITE_P(
    RFC7515_7519, JwtDecodeErrors,
    ::testing::Values(
        DecodeRow{"empty", "", "JWT_EMPTY"},
        DecodeRow{"too_large_64KiB_plus_1", kGoodHeader + "." + std::string(64 * 1024, 'A') + ".sig", "JWT_TOO_LARGE"},
        DecodeRow{"too_large_1MB_of_dots", std::string(1024 * 1024, '.'), "JWT_TOO_LARGE"},
        DecodeRow{"RFC7516_5_parts_JWE", "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", "JWT_JWE_UNSUPPORTED"},
        DecodeRow{"one_part", kGoodHeader, "JWT_PART_COUNT", "1 parts"},
        DecodeRow{"two_parts", kGoodHeader + "." + kGoodPayload, "JWT_PART_COUNT", "2 parts"},
        DecodeRow{"four_parts", kGoodHeader + "." + kGoodPayload + ".a.b", "JWT_PART_COUNT", "4 parts"},
        DecodeRow{"six_parts", "a.b.c.d.e.f", "JWT_PART_COUNT", "6 parts"},
        DecodeRow{"only_dots", "..", "JWT_HEADER_JSON"},
        DecodeRow{"base64url_header_padding", b64(kHeader) + "=." + kGoodPayload + ".sig", "JWT_BASE64URL", "header"},
        DecodeRow{"base64url_header_plus", "eyJhbGciOi+SUzI1NiJ9." + kGoodPayload + ".sig", "JWT_BASE64URL", "header"},
        DecodeRow{"base64url_payload_char", kGoodHeader + ".eyJ*.sig", "JWT_BASE64URL", "payload"},
        DecodeRow{"base64url_payload_4n_plus_1", kGoodHeader + ".eyJhIjoxfQAAA.sig", "JWT_BASE64URL", "payload"},
        DecodeRow{"base64url_signature_padding", kGoodHeader + "." + kGoodPayload + ".c2ln==", "JWT_BASE64URL", "signature"},
        DecodeRow{"base64url_signature_space", kGoodHeader + "." + kGoodPayload + ".c2 l", "JWT_BASE64URL", "signature"},
        DecodeRow{"header_not_json", withHeader("alg=RS256"), "JWT_HEADER_JSON"},
        DecodeRow{"header_truncated_json", withHeader(R"({"alg":"RS256")"), "JWT_HEADER_JSON"},
        DecodeRow{"header_invalid_utf8", withHeader("{\"alg\":\"RS256\",\"x\":\"\xff\"}"), "JWT_HEADER_JSON"},
        DecodeRow{"header_array", withHeader(R"(["alg","RS256"])"), "JWT_HEADER_NOT_OBJECT", "array"},
        DecodeRow{"header_string", withHeader(R"("RS256")"), "JWT_HEADER_NOT_OBJECT", "string"},
        DecodeRow{"header_null", withHeader("null"), "JWT_HEADER_NOT_OBJECT", "null"},
        DecodeRow{"payload_not_json_RFC7515_A4", std::string(test::rfc::kA4Token), "JWT_PAYLOAD_JSON"},
        DecodeRow{"payload_empty", kGoodHeader + "..sig", "JWT_PAYLOAD_JSON"},
        DecodeRow{"payload_array", withPayload("[]"), "JWT_PAYLOAD_NOT_OBJECT", "array"},
        DecodeRow{"payload_null", withPayload("null"), "JWT_PAYLOAD_NOT_OBJECT", "null"},
        DecodeRow{"payload_number", withPayload("1"), "JWT_PAYLOAD_NOT_OBJECT", "number"},
        DecodeRow{"payload_nul_then_second_object", withPayload(std::string("{\"sub\":\"alice\"}\0{\"sub\":\"admin\"}", 31)), "JWT_PAYLOAD_JSON"},
        DecodeRow{"payload_too_deep", withPayload(R"({"a":)" + std::string(100, '[') + std::string(100, ']') + "}"), "JWT_PAYLOAD_JSON"},
        DecodeRow{"header_duplicate_alg", withHeader(R"({"alg":"RS256","alg":"none"})"), "JWT_DUPLICATE_NAME", "alg"},
        DecodeRow{"payload_duplicate_sub", withPayload(R"({"sub":"alice","exp":2000000000,"sub":"admin"})"), "JWT_DUPLICATE_NAME", "sub"},
        DecodeRow{"payload_duplicate_nested", withPayload(R"({"address":{"country":"NL","country":"US"}})"), "JWT_DUPLICATE_NAME", "country"},
        DecodeRow{"alg_missing", withHeader(R"({"typ":"JWT"})"), "JWT_ALG_MISSING"},
        DecodeRow{"alg_number", withHeader(R"({"alg":256})"), "JWT_ALG_MISSING"},
        DecodeRow{"alg_null", withHeader(R"({"alg":null})"), "JWT_ALG_MISSING"},
        DecodeRow{"exp_string", withPayload(R"({"exp":"2000000000"})"), "JWT_CLAIM_TYPE", "string"},
        DecodeRow{"exp_null", withPayload(R"({"exp":null})"), "JWT_CLAIM_TYPE", "null"},
        DecodeRow{"iat_bool", withPayload(R"({"iat":true})"), "JWT_CLAIM_TYPE", "boolean"},
        DecodeRow{"nbf_array", withPayload(R"({"nbf":[1]})"), "JWT_CLAIM_TYPE", "array"},
        DecodeRow{"auth_time_string", withPayload(R"({"auth_time":"yesterday"})"), "JWT_CLAIM_TYPE", "string"},
        DecodeRow{"iss_number", withPayload(R"({"iss":1})"), "JWT_CLAIM_TYPE", "number"},
        DecodeRow{"sub_object", withPayload(R"({"sub":{}})"), "JWT_CLAIM_TYPE", "object"},
        DecodeRow{"nonce_number", withPayload(R"({"nonce":12345})"), "JWT_CLAIM_TYPE", "number"},
        DecodeRow{"azp_array", withPayload(R"({"azp":["a"]})"), "JWT_CLAIM_TYPE", "array"},
        DecodeRow{"at_hash_number", withPayload(R"({"at_hash":1})"), "JWT_CLAIM_TYPE", "number"},
        DecodeRow{"aud_number", withPayload(R"({"aud":1})"), "JWT_CLAIM_TYPE", "number"},
        DecodeRow{"aud_array_with_number", withPayload(R"({"aud":["client",1]})"), "JWT_CLAIM_TYPE", "array"},
        DecodeRow{"RFC7515_4_1_11_crit_unknown", withHeader(R"({"alg":"RS256","crit":["exp"],"exp":1})"), "JWT_CRIT_UNKNOWN", "exp"},
        DecodeRow{"RFC7797_crit_b64", withHeader(R"({"alg":"HS256","b64":false,"crit":["b64"]})"), "JWT_CRIT_UNKNOWN", "b64"},
        DecodeRow{"crit_empty_array", withHeader(R"({"alg":"RS256","crit":[]})"), "JWT_CRIT_UNKNOWN"},
        DecodeRow{"crit_not_array", withHeader(R"({"alg":"RS256","crit":"exp"})"), "JWT_CRIT_UNKNOWN"},
        // The header is checked first: a bad header wins over a bad payload and a bad signature.
        DecodeRow{"header_error_first", b64("[]") + ".!!." + "==", "JWT_HEADER_NOT_OBJECT"}),
    test::RowName{});

TEST(JwtDecode, SizeCapIsConfigurableAndCheckedBeforeSplitting)
{
    const std::string token = compact(kHeader, kPayload, "sig");
    JwtDecodeOptions options;
    options.maxSize = token.size();
    EXPECT_TRUE(decodeJwt(token, options).ok());
    options.maxSize = token.size() - 1;
    auto tooLarge = decodeJwt(token, options);
    ASSERT_TRUE(failsWith(tooLarge, "JWT_TOO_LARGE", ErrorCategory::IdToken));
    EXPECT_EQ(tooLarge.error().actual, std::to_string(token.size()) + " bytes");

    // Raised above the input, the cap lets a megabyte of dots through to the part count.
    options.maxSize = 2 * 1024 * 1024;
    auto dots = decodeJwt(std::string(1024 * 1024, '.'), options);
    ASSERT_TRUE(failsWith(dots, "JWT_PART_COUNT", ErrorCategory::IdToken));
    EXPECT_EQ(dots.error().actual, std::to_string(1024 * 1024 + 1) + " parts");
}

TEST(JwtDecode, DefaultCapIs64KiB)
{
    const std::string prefix = b64(kHeader) + ".";
    const std::string suffix = ".sig";
    // A token of exactly 64 KiB passes the cap (and fails later, on its payload).
    const std::string exact = prefix + std::string(64 * 1024 - prefix.size() - suffix.size(), 'A') + suffix;
    ASSERT_EQ(exact.size(), 64u * 1024u);
    auto atCap = decodeJwt(exact);
    ASSERT_FALSE(atCap.ok());
    EXPECT_NE(atCap.error().code, "JWT_TOO_LARGE");
}

TEST(JwtDecode, NumericDatesAcceptFractionsAndStayInRange)
{
    auto jwt = decodeJwt(withPayload(R"({"exp":1700000000.75,"iat":-5,"nbf":18446744073709551615,"auth_time":1e300,"x":-1e300})"));
    ASSERT_TRUE(test::succeeds(jwt));
    EXPECT_EQ(jwt->numericClaim("exp"), 1700000000);
    EXPECT_EQ(jwt->numericClaim("iat"), -5);
    // Out-of-range numbers saturate instead of wrapping (an nbf of 2^64-1 must not read as -1).
    EXPECT_EQ(jwt->numericClaim("nbf"), std::numeric_limits<int64_t>::max());
    EXPECT_EQ(jwt->numericClaim("auth_time"), std::numeric_limits<int64_t>::max());
    EXPECT_EQ(jwt->numericClaim("x"), std::numeric_limits<int64_t>::min());
}

// The errors decodeJwt's own parse gives, byte for byte (they come from the strict parser, which
// now scans the parts without a tree).
TEST(JwtDecode, ErrorTextsAreExact)
{
    const auto expectError = [](const std::string &token, std::string_view code, std::string_view message,
                                std::string_view expected, std::string_view actual) {
        auto jwt = decodeJwt(token);
        ASSERT_TRUE(failsWith(jwt, code, ErrorCategory::IdToken)) << message;
        EXPECT_EQ(jwt.error().message, message);
        EXPECT_EQ(jwt.error().expected, expected);
        EXPECT_EQ(jwt.error().actual, actual);
    };
    expectError(withHeader("alg=RS256"), "JWT_HEADER_JSON", "header is not valid JSON: unexpected character 'a' at offset 0", "", "");
    expectError(withPayload(R"({"sub":"u1")"), "JWT_PAYLOAD_JSON", "payload is not valid JSON: unexpected end of input at offset 11", "", "");
    expectError(withPayload(R"({"sub":"alice","sub":"admin"})"), "JWT_DUPLICATE_NAME",
                "payload has the member name \"sub\" more than once", "unique names", "sub");
    expectError(withPayload(R"({"a":{"b":1,"b":2},"c":1,"c":2})"), "JWT_DUPLICATE_NAME",
                "payload has the member name \"b\" more than once", "unique names", "b");
    expectError(withHeader(R"({"alg":"RS256","x":{"y":[{"k":1,"k":2}]}})"), "JWT_DUPLICATE_NAME",
                "header has the member name \"k\" more than once", "unique names", "k");
    expectError(withHeader("[]"), "JWT_HEADER_NOT_OBJECT", "the header must be a JSON object", "object", "array");
    expectError(withPayload("true"), "JWT_PAYLOAD_NOT_OBJECT", "the payload must be a JSON object", "object", "boolean");
    expectError(withPayload(R"({"exp":"soon"})"), "JWT_CLAIM_TYPE", "\"exp\" must be a number (NumericDate)", "number", "string");
    expectError(withPayload(R"({"nonce":{"n":1}})"), "JWT_CLAIM_TYPE", "\"nonce\" must be a string", "string", "object");
    expectError(withPayload(R"({"aud":["a",["b"]]})"), "JWT_CLAIM_TYPE", "\"aud\" must be a string or an array of strings",
                "string or array of strings", "array");
    // The first wrong type in the order exp, iat, nbf, auth_time, iss, sub, nonce, azp, at_hash, c_hash, aud.
    expectError(withPayload(R"({"aud":1,"sub":2,"iat":"x"})"), "JWT_CLAIM_TYPE", "\"iat\" must be a number (NumericDate)", "number",
                "string");
    expectError(withHeader(R"({"alg":"RS256","crit":["b64",{"x":1}]})"), "JWT_CRIT_UNKNOWN",
                "the header marks extensions as critical that this client does not understand", "no \"crit\"", "b64, {\"x\":1}");
    expectError(withHeader(R"({"alg":"RS256","crit":7})"), "JWT_CRIT_UNKNOWN",
                "the header marks extensions as critical that this client does not understand", "no \"crit\"", "7");
}

// Registered claims in nested objects or arrays are not registered claims: neither read nor
// type-checked.
TEST(JwtDecode, OnlyTopLevelClaimsAreRegistered)
{
    auto jwt = decodeJwt(withPayload(R"({"address":{"iss":"inner","exp":"never"},"list":[{"aud":1}],"iss":"outer","aud":"c"})"));
    ASSERT_TRUE(test::succeeds(jwt));
    EXPECT_EQ(jwt->registered.iss(), "outer");
    EXPECT_EQ(jwt->registered.exp, std::nullopt);
    EXPECT_EQ(jwt->registered.audienceCount(), 1u);
}

struct RegisteredRow {
    const char *name;
    std::string payload;
};
OIDCPLAY_PRINT_ROW_BY_NAME(RegisteredRow)

class RegisteredClaimsAgree : public ::testing::TestWithParam<RegisteredRow> {};

// The record decodeJwt fills while it parses equals the one read from the claims tree, for every
// registered claim.
TEST_P(RegisteredClaimsAgree, WithTheTree)
{
    auto jwt = decodeJwt(withPayload(GetParam().payload));
    ASSERT_TRUE(test::succeeds(jwt));
    const Json &tree = jwt->claims();
    EXPECT_TRUE(jwt->registered == RegisteredClaims::of(tree));
    for (const char *name : {"exp", "iat", "nbf", "auth_time"}) {
        const auto it = tree.find(name);
        EXPECT_EQ(jwt->numericClaim(name), it == tree.end() ? std::nullopt : numericDate(*it)) << name;
    }
    for (const char *name : {"iss", "sub", "nonce", "azp", "at_hash", "c_hash"}) {
        const auto it = tree.find(name);
        EXPECT_EQ(jwt->stringClaim(name), it == tree.end() ? std::nullopt : std::optional<std::string>(it->get<std::string>())) << name;
    }
    std::vector<std::string> audiences;
    jwt->registered.forEachAudience([&audiences](std::string_view audience) { audiences.emplace_back(audience); });
    std::vector<std::string> expected;
    if (const auto aud = tree.find("aud"); aud != tree.end()) {
        if (aud->is_string())
            expected.push_back(aud->get<std::string>());
        else
            for (const auto &entry : *aud)
                expected.push_back(entry.get<std::string>());
    }
    EXPECT_EQ(audiences, expected);
    EXPECT_EQ(jwt->registered.audienceCount(), expected.size());
}

INSTANTIATE_TEST_SUITE_P(
    Payloads, RegisteredClaimsAgree,
    ::testing::Values(
        RegisteredRow{"typical", std::string(kPayload)},
        RegisteredRow{"OIDC_Core_all_registered",
                      R"({"iss":"https://server.example.com","sub":"248289761001","aud":"s6BhdRkqt3","nonce":"n-0S6_WzA2Mj","exp":1311281970,"iat":1311280970,"nbf":1311280000,"auth_time":1311280969,"azp":"s6BhdRkqt3","at_hash":"77QmUPtjPfzWtF2AnpK9RQ","c_hash":"LDktKdoQak3Pk0cnXxCltA","acr":"urn:mace:incommon:iap:silver"})"},
        RegisteredRow{"none", R"({"name":"Jane","email_verified":true,"x":null})"},
        RegisteredRow{"empty_object", "{}"},
        RegisteredRow{"aud_array_one", R"({"aud":["client"]})"},
        RegisteredRow{"aud_array_many_spill", R"({"aud":["a","b","c","d","e","f","g"],"azp":"a"})"},
        RegisteredRow{"aud_empty_array", R"({"aud":[]})"},
        RegisteredRow{"aud_empty_string", R"({"aud":"","sub":""})"},
        RegisteredRow{"huge_numbers", R"({"exp":1e300,"iat":18446744073709551615,"nbf":-9223372036854775809,"auth_time":-1e300})"},
        RegisteredRow{"fractions_and_exponents", R"({"exp":1.7e9,"iat":1700000000.999,"nbf":-0.5,"auth_time":0})"},
        RegisteredRow{"int64_edges", R"({"exp":9223372036854775807,"iat":-9223372036854775808,"nbf":9223372036854775808})"},
        RegisteredRow{"escaped_strings", R"({"iss":"https:\/\/issuer.example\/t\"q\\x","sub":"line\nbreak\ttab","azp":"\b\f\r"})"},
        RegisteredRow{"unicode_escapes_in_iss_and_nonce",
                      R"({"iss":"https://\u00e9xample.com/\ud83d\ude00","nonce":"\u004e\u006f\u006e\u0063\u0065","aud":["\u00e9",  "plain"]})"},
        RegisteredRow{"utf8_text", "{\"iss\":\"https://\xc3\xa9xample.com\",\"c_hash\":\"\xf0\x9f\x98\x80\"}"},
        RegisteredRow{"escaped_names", R"({"\u0069ss":"by-escaped-name","\u0065xp":5,"a\u0075d":"c"})"},
        RegisteredRow{"whitespace_everywhere", " \r\n{ \"iss\" : \"x\" ,\t\"aud\" : [ \"a\" , \"b\" ] , \"exp\" : 1 } \n"},
        RegisteredRow{"byte_order_mark", "\xEF\xBB\xBF{\"sub\":\"bom\"}"},
        RegisteredRow{"nested_lookalikes", R"({"x":{"iss":"no","aud":[1]},"y":[{"exp":"no"}],"sub":"yes"})"},
        RegisteredRow{"long_values", R"({"sub":")" + std::string(300, 's') + R"(","aud":[")" + std::string(5000, 'a') + R"("]})"}),
    test::RowName{});

TEST(JwtDecode, EscapedValuesAreDecodedInTheRecord)
{
    auto jwt = decodeJwt(withPayload(R"({"iss":"https:\/\/issuer.example","nonce":"n\u00e9\ud83d\ude00","aud":["a\"b","\u0063"]})"));
    ASSERT_TRUE(test::succeeds(jwt));
    EXPECT_EQ(jwt->registered.iss(), "https://issuer.example");
    EXPECT_EQ(jwt->registered.nonce(), "n\xc3\xa9\xf0\x9f\x98\x80");
    std::vector<std::string> audiences;
    jwt->registered.forEachAudience([&audiences](std::string_view audience) { audiences.emplace_back(audience); });
    EXPECT_EQ(audiences, (std::vector<std::string>{"a\"b", "c"}));
}

TEST(JwtDecode, HeaderFieldsWithoutATree)
{
    auto jwt = decodeJwt(withHeader(
        R"({"alg":"RS\u0032\u0035\u0036","kid":"k\/1","typ":"at+jwt","x5c":["MIIB"],"\u006aku":"https://x","nested":{"jwk":{}}})"));
    ASSERT_TRUE(test::succeeds(jwt));
    EXPECT_EQ(jwt->alg, "RS256");
    EXPECT_EQ(jwt->kid, "k/1");
    EXPECT_EQ(jwt->typ, "at+jwt");
    // jku (by an escaped name) and x5c, not the nested jwk: bits in the order jwk, jku, x5u, x5c.
    EXPECT_EQ(jwt->keyParameters, 0b1010);
    EXPECT_EQ(jwt->header().at("jku"), "https://x");
}

// header() and claims() parse on first read; copies share the tree; reads from several threads
// at once all get the one published tree.
TEST(JwtDecode, TreesAreParsedOnFirstReadAndShared)
{
    auto decoded = decodeJwt(compact(kHeader, kPayload, "sig"));
    ASSERT_TRUE(test::succeeds(decoded));
    const DecodedJwt jwt = decoded.value();
    std::vector<const Json *> seen(8, nullptr);
    std::vector<std::thread> readers;
    for (size_t i = 0; i < seen.size(); ++i)
        readers.emplace_back([&jwt, &seen, i] { seen[i] = i % 2 ? &jwt.claims() : &jwt.header(); });
    for (auto &reader : readers)
        reader.join();
    for (size_t i = 0; i < seen.size(); ++i)
        EXPECT_EQ(seen[i], i % 2 ? seen[1] : seen[0]) << i;
    EXPECT_EQ(jwt.claims(), Json::parse(kPayload));
    EXPECT_EQ(jwt.header(), Json::parse(kHeader));

    const DecodedJwt copy = jwt; // after the first read: the same tree
    EXPECT_EQ(&copy.claims(), &jwt.claims());
    DecodedJwt assigned;
    EXPECT_TRUE(assigned.claims().is_null()); // nothing decoded
    assigned = copy;
    EXPECT_EQ(&assigned.header(), &jwt.header());
    EXPECT_TRUE(assigned.registered == jwt.registered);
}

struct TrimRow {
    const char *name;
    std::string_view input;
    std::string_view expected;
};

class TrimToken : public ::testing::TestWithParam<TrimRow> {};

TEST_P(TrimToken, RemovesWhitespaceAndBearerPrefix)
{
    EXPECT_EQ(trimToken(GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, TrimToken,
    ::testing::Values(TrimRow{"plain", "a.b.c", "a.b.c"}, TrimRow{"surrounding_whitespace", " \t\r\na.b.c \n", "a.b.c"},
                      TrimRow{"RFC6750_2_1_bearer", "Bearer a.b.c", "a.b.c"}, TrimRow{"bearer_lowercase", "bearer a.b.c", "a.b.c"},
                      TrimRow{"bearer_uppercase", "BEARER a.b.c", "a.b.c"},
                      TrimRow{"bearer_extra_spaces", "  Bearer   a.b.c  ", "a.b.c"},
                      TrimRow{"bearer_alone", "Bearer", "Bearer"}, TrimRow{"bearer_prefix_of_word", "Bearerx.y.z", "Bearerx.y.z"},
                      TrimRow{"empty", "", ""}, TrimRow{"only_spaces", "   ", ""}),
    test::RowName{});

TEST(JwtDecode, TrimmedBearerTokenDecodes)
{
    const std::string token = compact(kHeader, kPayload, "sig");
    EXPECT_TRUE(decodeJwt(trimToken("Bearer " + token + "\n")).ok());
    // Untrimmed, the space is not base64url.
    EXPECT_TRUE(failsWith(decodeJwt(" " + token), "JWT_BASE64URL", ErrorCategory::IdToken));
}

} // namespace
} // namespace oidc::jwt
