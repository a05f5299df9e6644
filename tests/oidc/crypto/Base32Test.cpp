// base32 (RFC 4648 §6), with the §10 test vectors.

#include "oidc/crypto/Base32.h"

#include "tests/support/TestSupport.h"

namespace oidc::crypto {
namespace {

using oidc::test::failsWith;

struct Base32Row {
    std::string name;
    std::string bytes;
    std::string padded;   // RFC 4648 §10
    std::string unpadded; // what we emit
};

class Base32Rfc4648 : public ::testing::TestWithParam<Base32Row> {};

TEST_P(Base32Rfc4648, EncodesWithoutPaddingAndDecodesBothForms)
{
    const auto &row = GetParam();
    EXPECT_EQ(base32Encode(row.bytes), row.unpadded);
    auto fromPadded = base32Decode(row.padded);
    ASSERT_TRUE(fromPadded.ok()) << fromPadded.error().summary();
    EXPECT_EQ(*fromPadded, row.bytes);
    auto fromUnpadded = base32Decode(row.unpadded);
    ASSERT_TRUE(fromUnpadded.ok()) << fromUnpadded.error().summary();
    EXPECT_EQ(*fromUnpadded, row.bytes);
}

INSTANTIATE_TEST_SUITE_P(Rfc4648Section10, Base32Rfc4648,
                         ::testing::Values(Base32Row{"empty", "", "", ""},
                                           Base32Row{"f", "f", "MY======", "MY"},
                                           Base32Row{"fo", "fo", "MZXQ====", "MZXQ"},
                                           Base32Row{"foo", "foo", "MZXW6===", "MZXW6"},
                                           Base32Row{"foob", "foob", "MZXW6YQ=", "MZXW6YQ"},
                                           Base32Row{"fooba", "fooba", "MZXW6YTB", "MZXW6YTB"},
                                           Base32Row{"foobar", "foobar", "MZXW6YTBOI======", "MZXW6YTBOI"}),
                         oidc::test::RowName());

TEST(Base32, DecodesLowerCase)
{
    auto decoded = base32Decode("mzxw6ytboi");
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, "foobar");
}

TEST(Base32, RoundTripsEveryByteValue)
{
    std::string bytes;
    for (int i = 0; i < 256; ++i)
        bytes.push_back(static_cast<char>(i));
    for (size_t length = 0; length <= bytes.size(); length += 7) {
        const std::string slice = bytes.substr(0, length);
        auto decoded = base32Decode(base32Encode(slice));
        ASSERT_TRUE(decoded.ok()) << length;
        EXPECT_EQ(*decoded, slice);
    }
}

struct BadBase32Row {
    std::string name;
    std::string text;
};

class Base32Refuses : public ::testing::TestWithParam<BadBase32Row> {};

TEST_P(Base32Refuses, WithBase32Invalid)
{
    EXPECT_TRUE(failsWith(base32Decode(GetParam().text), "BASE32_INVALID", oidc::ErrorCategory::Input));
}

INSTANTIATE_TEST_SUITE_P(Malformed, Base32Refuses,
                         ::testing::Values(BadBase32Row{"digit_one", "MZ1W6"},       // '1' is not in the alphabet
                                           BadBase32Row{"digit_eight", "MZXW8"},
                                           BadBase32Row{"space", "MZXW 6YTB"},
                                           BadBase32Row{"one_char_group", "MZXW6YTBO"}, // 9 chars: 1 left over
                                           BadBase32Row{"three_char_group", "MZX"},
                                           BadBase32Row{"six_char_group", "MZXW6Y"},
                                           BadBase32Row{"padding_inside", "MY==MZXQ"},
                                           BadBase32Row{"padding_short", "MY===="},
                                           BadBase32Row{"padding_whole_group", "MZXW6YTB========"},
                                           BadBase32Row{"non_canonical_bits", "MZ"}), // 'Z' leaves bits set
                         oidc::test::RowName());

} // namespace
} // namespace oidc::crypto
