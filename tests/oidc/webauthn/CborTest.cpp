// The CBOR wrapper: bounds checks before libcbor sees the bytes, duplicate keys, canonical
// integer encoding. Hex items from RFC 8949 Appendix A where they apply.

#include "oidc/webauthn/Cbor.h"

#include "TestSupport.h"

namespace oidc::webauthn {
namespace {

using test::failsWith;
using test::fromHex;

TEST(Cbor, DecodesRfc8949Examples)
{
    auto map = CborDocument::decode(fromHex("a201020304")); // {1: 2, 3: 4}
    ASSERT_TRUE(map.ok()) << map.error().summary();
    EXPECT_EQ(cborInt(cborMapGet(map->root(), 1).value()), 2);
    EXPECT_EQ(cborInt(cborMapGet(map->root(), 3).value()), 4);
    EXPECT_EQ(cborMapGet(map->root(), 5).value(), nullptr);

    auto negative = CborDocument::decode(fromHex("3903e7")); // -1000
    ASSERT_TRUE(negative.ok());
    EXPECT_EQ(cborInt(negative->root()), -1000);

    auto bytes = CborDocument::decode(fromHex("4401020304"));
    ASSERT_TRUE(bytes.ok());
    EXPECT_EQ(cborBytes(bytes->root()), std::string_view("\x01\x02\x03\x04", 4));
    EXPECT_EQ(cborText(bytes->root()), std::nullopt);

    auto text = CborDocument::decode(fromHex("6449455446")); // "IETF"
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(cborText(text->root()), "IETF");

    auto textKeys = CborDocument::decode(fromHex("a26161016162820203")); // {"a": 1, "b": [2, 3]}
    ASSERT_TRUE(textKeys.ok());
    EXPECT_EQ(cborInt(cborMapGet(textKeys->root(), std::string_view("a")).value()), 1);
    EXPECT_TRUE(cbor_isa_array(cborMapGet(textKeys->root(), std::string_view("b")).value()));
}

TEST(Cbor, Int64Limits)
{
    auto largest = CborDocument::decode(fromHex("1b7fffffffffffffff"));
    ASSERT_TRUE(largest.ok());
    EXPECT_EQ(cborInt(largest->root()), INT64_MAX);
    auto smallest = CborDocument::decode(fromHex("3b7fffffffffffffff"));
    ASSERT_TRUE(smallest.ok());
    EXPECT_EQ(cborInt(smallest->root()), INT64_MIN);
    auto tooLarge = CborDocument::decode(fromHex("1bffffffffffffffff")); // 2^64 − 1
    ASSERT_TRUE(tooLarge.ok());
    EXPECT_EQ(cborInt(tooLarge->root()), std::nullopt);
}

TEST(Cbor, TrailingBytes)
{
    EXPECT_TRUE(failsWith(CborDocument::decode(fromHex("0102")), "WEBAUTHN_CBOR"));
    auto first = CborDocument::decode(fromHex("a10102ff"), true);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->consumed(), 3u);
}

struct MalformedRow {
    std::string name;
    std::string hex;
};

class CborRefuses : public ::testing::TestWithParam<MalformedRow> {};

TEST_P(CborRefuses, BeforeLibcborAllocates)
{
    EXPECT_TRUE(failsWith(CborDocument::decode(fromHex(GetParam().hex)), "WEBAUTHN_CBOR"));
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, CborRefuses,
    ::testing::Values(MalformedRow{"empty", ""},
                      MalformedRow{"truncated_header", "19 01"},
                      MalformedRow{"bytes_longer_than_input", "44 0102"},
                      MalformedRow{"bytes_length_2_pow_64", "5b ffffffffffffffff 00"},
                      MalformedRow{"text_length_huge", "7a ffffffff 61"},
                      MalformedRow{"array_count_huge", "9b 00000000ffffffff 01"},
                      MalformedRow{"map_count_huge", "ba ffffffff 0102"},
                      MalformedRow{"map_missing_value", "a2 0102 03"},
                      MalformedRow{"indefinite_bytes", "5f 4101 ff"},
                      MalformedRow{"indefinite_map", "bf 0102 ff"},
                      MalformedRow{"break_alone", "ff"},
                      MalformedRow{"reserved_info_28", "1c"},
                      MalformedRow{"simple_two_byte_below_32", "f8 10"},
                      MalformedRow{"tag_ctap2_canonical", "c1 1a514b67b0"},
                      MalformedRow{"tag_6_long_form_fuzz", "da 00000006 00"}, // libcbor re-encoded it as c6 00, which it refuses
                      MalformedRow{"nested_too_deep", "818181818181818181818181818181818101"}), // 17 arrays
    [](const ::testing::TestParamInfo<MalformedRow> &row) { return row.param.name; });

TEST(Cbor, LimitsAreEnforced)
{
    CborLimits limits;
    limits.maxItems = 3;
    EXPECT_TRUE(failsWith(CborDocument::decode(fromHex("83010203"), false, limits), "WEBAUTHN_CBOR"));
    limits.maxItems = 4;
    EXPECT_TRUE(CborDocument::decode(fromHex("83010203"), false, limits).ok());
    limits.maxBytes = 3;
    EXPECT_TRUE(failsWith(CborDocument::decode(fromHex("83010203"), false, limits), "WEBAUTHN_CBOR"));
    EXPECT_TRUE(failsWith(CborDocument::decode(fromHex("83010203"), false, limits, "MY_CODE"), "MY_CODE"));
}

TEST(Cbor, DuplicateMapKeysAreRefusedOnLookup)
{
    auto map = CborDocument::decode(fromHex("a2 0102 0103"));
    ASSERT_TRUE(map.ok());
    EXPECT_TRUE(failsWith(cborMapGet(map->root(), 1), "WEBAUTHN_CBOR"));
    auto textMap = CborDocument::decode(fromHex("a2 616101 616102"));
    ASSERT_TRUE(textMap.ok());
    EXPECT_TRUE(failsWith(cborMapGet(textMap->root(), std::string_view("a")), "WEBAUTHN_CBOR"));
    auto notMap = CborDocument::decode(fromHex("01"));
    ASSERT_TRUE(notMap.ok());
    EXPECT_TRUE(failsWith(cborMapGet(notMap->root(), 1), "WEBAUTHN_CBOR"));
}

TEST(Cbor, EncodesIntegersInTheShortestForm)
{
    const auto encoded = [](int64_t value) { return cborEncode(cborMakeInt(value).get()).value(); };
    EXPECT_EQ(encoded(0), fromHex("00"));
    EXPECT_EQ(encoded(23), fromHex("17"));
    EXPECT_EQ(encoded(24), fromHex("1818"));
    EXPECT_EQ(encoded(256), fromHex("190100"));
    EXPECT_EQ(encoded(-1), fromHex("20"));
    EXPECT_EQ(encoded(-7), fromHex("26"));
    EXPECT_EQ(encoded(-8), fromHex("27"));
    EXPECT_EQ(encoded(-257), fromHex("390100"));
    EXPECT_EQ(encoded(INT64_MIN), fromHex("3b7fffffffffffffff"));
}

TEST(Cbor, EncodesMapsInTheGivenOrder)
{
    std::vector<std::pair<CborItemPtr, CborItemPtr>> entries;
    entries.emplace_back(cborMakeText("fmt"), cborMakeText("none"));
    entries.emplace_back(cborMakeText("attStmt"), cborMakeMap({}));
    entries.emplace_back(cborMakeText("authData"), cborMakeBytes(std::string("\x01\x02", 2)));
    auto encoded = cborEncode(cborMakeMap(std::move(entries)).get());
    ASSERT_TRUE(encoded.ok());
    EXPECT_EQ(*encoded, fromHex("a3 63666d74 646e6f6e65 6761747453746d74 a0 68617574684461746142 0102"));
    EXPECT_TRUE(failsWith(cborEncode(nullptr), "CBOR_ENCODE"));
}

} // namespace
} // namespace oidc::webauthn
