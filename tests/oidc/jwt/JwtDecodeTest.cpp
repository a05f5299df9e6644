// JWS compact decoding (RFC 7515 §7.1, RFC 7519 §7.2) and its error codes (oidc/jwt/Jwt.h).

#include "SpecVectors.h"

#include "oidc/jwt/Jwt.h"

#include <limits>

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
    EXPECT_EQ(jwt->claims["http://example.com/is_root"], true);
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
