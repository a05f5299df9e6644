// base64url (RFC 4648 §5) as JOSE uses it (RFC 7515 §2): no padding, strict decoding.

#include "SpecVectors.h"

#include "oidc/crypto/Base64Url.h"

namespace oidc::crypto {
namespace {

OIDCPLAY_PRINT_ROW_BY_NAME(EncodingRow)
OIDCPLAY_PRINT_ROW_BY_NAME(RejectRow)

using test::failsWith;

struct EncodingRow {
    const char *name;
    std::string_view bytes;
    std::string_view base64url; // unpadded
    std::string_view base64;    // padded, standard alphabet
};

// RFC 4648 §10 test vectors.
const EncodingRow kRfc4648[] = {
    {"RFC4648_10_empty", "", "", ""},
    {"RFC4648_10_f", "f", "Zg", "Zg=="},
    {"RFC4648_10_fo", "fo", "Zm8", "Zm8="},
    {"RFC4648_10_foo", "foo", "Zm9v", "Zm9v"},
    {"RFC4648_10_foob", "foob", "Zm9vYg", "Zm9vYg=="},
    {"RFC4648_10_fooba", "fooba", "Zm9vYmE", "Zm9vYmE="},
    {"RFC4648_10_foobar", "foobar", "Zm9vYmFy", "Zm9vYmFy"},
    // The two characters where base64url differs from base64 (RFC 4648 §5).
    {"RFC4648_5_url_alphabet", "\xfb\xff\xbf", "-_-_", "+/+/"},
};

class Base64Vectors : public ::testing::TestWithParam<EncodingRow> {};

TEST_P(Base64Vectors, EncodesAndDecodes)
{
    const auto &row = GetParam();
    EXPECT_EQ(base64UrlEncode(row.bytes), row.base64url);
    EXPECT_EQ(base64Encode(row.bytes), row.base64);
    auto decoded = base64UrlDecode(row.base64url);
    ASSERT_TRUE(test::succeeds(decoded));
    EXPECT_EQ(*decoded, row.bytes);
    auto standard = base64Decode(row.base64);
    ASSERT_TRUE(test::succeeds(standard));
    EXPECT_EQ(*standard, row.bytes);
}

INSTANTIATE_TEST_SUITE_P(Rfc4648, Base64Vectors, ::testing::ValuesIn(kRfc4648),
                         test::RowName{});

struct RejectRow {
    const char *name;
    std::string_view text;
    const char *code;
};

const RejectRow kRejected[] = {
    {"padding_two", "Zg==", "BASE64_CHARACTER"},
    {"padding_one", "Zm8=", "BASE64_CHARACTER"},
    {"standard_plus", "+/+/", "BASE64_CHARACTER"},
    {"standard_slash", "Zm9v/A", "BASE64_CHARACTER"},
    {"leading_space", " Zm9", "BASE64_CHARACTER"},
    {"inner_newline", "Zm9v\nYmF", "BASE64_CHARACTER"},
    {"nul_byte", std::string_view("Zm\0v", 4), "BASE64_CHARACTER"},
    {"non_ascii", "Zm9v\xc3\xa9", "BASE64_CHARACTER"},
    {"dot", "Zm9v.mFy", "BASE64_CHARACTER"},
    {"length_4n_plus_1_one", "Z", "BASE64_LENGTH"},
    {"length_4n_plus_1_five", "Zm9vY", "BASE64_LENGTH"},
    {"length_4n_plus_1_nine", "Zm9vYmFyZ", "BASE64_LENGTH"},
    // One value, one encoding: the unused low bits of the last character must be zero.
    {"trailing_bits_Zh", "Zh", "BASE64_TRAILING_BITS"},
    {"trailing_bits_Zm9", "Zm9", "BASE64_TRAILING_BITS"},
    {"trailing_bits_Zm9vYh", "Zm9vYh", "BASE64_TRAILING_BITS"},
    {"trailing_bits_Zm9vYmF", "Zm9vYmF", "BASE64_TRAILING_BITS"},
};

class Base64UrlRejects : public ::testing::TestWithParam<RejectRow> {};

TEST_P(Base64UrlRejects, WithExactCode)
{
    const auto &row = GetParam();
    EXPECT_TRUE(failsWith(base64UrlDecode(row.text), row.code, ErrorCategory::Input));
}

INSTANTIATE_TEST_SUITE_P(Strict, Base64UrlRejects, ::testing::ValuesIn(kRejected),
                         test::RowName{});

TEST(Base64Url, RoundTripsEveryByteValueAtEveryLength)
{
    std::string bytes;
    for (int i = 0; i < 256; ++i)
        bytes += static_cast<char>(i);
    for (size_t length = 0; length <= bytes.size(); length += 7) {
        const auto slice = std::string_view(bytes).substr(0, length);
        const std::string encoded = base64UrlEncode(slice);
        EXPECT_EQ(encoded.size() % 4 == 1, false) << length;
        EXPECT_EQ(encoded.find('='), std::string::npos);
        auto decoded = base64UrlDecode(encoded);
        ASSERT_TRUE(test::succeeds(decoded)) << length;
        EXPECT_EQ(*decoded, slice);
    }
}

TEST(Base64, StandardDecodingToleratesPemLineBreaksButNotForeignCharacters)
{
    auto decoded = base64Decode("Zm9v\r\nYmFy\n");
    ASSERT_TRUE(test::succeeds(decoded));
    EXPECT_EQ(*decoded, "foobar");
    EXPECT_TRUE(failsWith(base64Decode("Zm9v-_"), "BASE64_CHARACTER", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(base64Decode("Zm9=YmFy"), "BASE64_CHARACTER", ErrorCategory::Input));
    // Unpadded input is accepted; padding, when present, must complete the group exactly.
    EXPECT_EQ(base64Decode("Zm8").value(), "fo");
    EXPECT_TRUE(failsWith(base64Decode("Zm8=="), "BASE64_PADDING", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(base64Decode("Zg="), "BASE64_PADDING", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(base64Decode("Zg==="), "BASE64_PADDING", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(base64Decode("Zm9v===="), "BASE64_PADDING", ErrorCategory::Input));
}

TEST(Hex, EncodesLowercase)
{
    EXPECT_EQ(hexEncode(std::string_view("\x00\x9f\xff", 3)), "009fff");
    EXPECT_EQ(hexEncode(""), "");
}

} // namespace
} // namespace oidc::crypto
