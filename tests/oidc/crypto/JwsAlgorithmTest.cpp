// The JWS algorithm table and the raw primitives behind it (RFC 7518 §3): names, families and
// digests, key/algorithm fit, HMAC comparison and HMAC key length.

#include "SpecVectors.h"

#include "oidc/crypto/JwsAlgorithm.h"

namespace oidc::crypto {
namespace {

OIDCPLAY_PRINT_ROW_BY_NAME(HmacKeyRow)
OIDCPLAY_PRINT_ROW_BY_NAME(MismatchRow)

using test::failsWith;
namespace rfc = test::rfc;

struct MismatchRow {
    const char *name;
    JwsAlgorithm algorithm;
    std::string_view jwk;
};

class KeyAlgorithmMismatch : public ::testing::TestWithParam<MismatchRow> {};

TEST_P(KeyAlgorithmMismatch, LowLevelVerifierRefusesTheKey)
{
    auto key = parseJwk(Json::parse(GetParam().jwk));
    ASSERT_TRUE(test::succeeds(key));
    EXPECT_TRUE(failsWith(verifySignature(GetParam().algorithm, key->key.get(), "a.b", std::string(64, '\1')), "KEY_ALG_MISMATCH",
                          ErrorCategory::Keys));
}

INSTANTIATE_TEST_SUITE_P(
    RFC7518, KeyAlgorithmMismatch,
    ::testing::Values(MismatchRow{"ES256_with_RSA", JwsAlgorithm::ES256, rfc::kA2PublicJwk},
                      MismatchRow{"ES256_with_P521", JwsAlgorithm::ES256, rfc::kA4PublicJwk},
                      MismatchRow{"ES512_with_P256", JwsAlgorithm::ES512, rfc::kA3PublicJwk},
                      MismatchRow{"RS256_with_EC", JwsAlgorithm::RS256, rfc::kA3PublicJwk},
                      MismatchRow{"PS256_with_Ed25519", JwsAlgorithm::PS256, rfc::k8037PublicJwk},
                      MismatchRow{"EdDSA_with_EC", JwsAlgorithm::EdDSA, rfc::kA3PublicJwk},
                      MismatchRow{"HS256_with_RSA", JwsAlgorithm::HS256, rfc::kA2PublicJwk},
                      MismatchRow{"none_with_RSA", JwsAlgorithm::None, rfc::kA2PublicJwk}),
    test::RowName{});

TEST(JwsAlgorithms, NamesFamiliesAndDigests)
{
    EXPECT_EQ(supportedAlgorithms().size(), 13u);
    for (const auto algorithm : supportedAlgorithms()) {
        const auto name = jwsAlgorithmName(algorithm);
        EXPECT_EQ(parseJwsAlgorithm(name), algorithm) << name;
        EXPECT_TRUE(algorithmDigest(algorithm).has_value()) << name;
    }
    EXPECT_EQ(parseJwsAlgorithm("none"), JwsAlgorithm::None);
    EXPECT_EQ(parseJwsAlgorithm("rs256"), std::nullopt);
    EXPECT_EQ(algorithmDigest(JwsAlgorithm::None), std::nullopt);
    EXPECT_EQ(algorithmDigest(JwsAlgorithm::EdDSA), DigestAlgorithm::Sha512);
    EXPECT_EQ(algorithmDigest(JwsAlgorithm::PS384), DigestAlgorithm::Sha384);
    EXPECT_EQ(algorithmFamily(JwsAlgorithm::PS512), AlgorithmFamily::RsaPss);
    EXPECT_EQ(algorithmFamily(JwsAlgorithm::HS384), AlgorithmFamily::Hmac);
}

TEST(Hmac, ConstantTimeCompareRefusesShortAndLongMacs)
{
    const std::string secret = base64UrlDecode(rfc::kA1Key).value();
    auto mac = signHmac(JwsAlgorithm::HS512, secret, "input");
    ASSERT_TRUE(test::succeeds(mac));
    EXPECT_EQ(mac->size(), 64u);
    EXPECT_TRUE(verifyHmac(JwsAlgorithm::HS512, secret, "input", *mac).ok());
    EXPECT_TRUE(failsWith(verifyHmac(JwsAlgorithm::HS512, secret, "input", mac->substr(0, 32)), "SIGNATURE_INVALID",
                          ErrorCategory::IdToken));
    EXPECT_TRUE(failsWith(verifyHmac(JwsAlgorithm::HS512, secret, "input", *mac + "x"), "SIGNATURE_INVALID", ErrorCategory::IdToken));
    EXPECT_TRUE(failsWith(verifyHmac(JwsAlgorithm::HS512, secret, "input", ""), "SIGNATURE_INVALID", ErrorCategory::IdToken));
    EXPECT_TRUE(failsWith(verifyHmac(JwsAlgorithm::RS256, secret, "input", *mac), "KEY_ALG_MISMATCH", ErrorCategory::Keys));
}

struct HmacKeyRow {
    const char *name;
    JwsAlgorithm algorithm;
    size_t hashBytes; // the hash output, the shortest key RFC 7518 §3.2 allows
};

class HmacKeyLength : public ::testing::TestWithParam<HmacKeyRow> {};

// RFC 7518 §3.2: "A key of the same size as the hash output (for instance, 256 bits for "HS256")
// or larger MUST be used with this algorithm." One byte short is refused, signing and verifying.
TEST_P(HmacKeyLength, Defect9_KeysShorterThanTheHashAreRefused)
{
    const auto &row = GetParam();
    const std::string shortKey(row.hashBytes - 1, 'k');
    const std::string enough(row.hashBytes, 'k');
    auto mac = signHmac(row.algorithm, enough, "input");
    ASSERT_TRUE(test::succeeds(mac));
    EXPECT_TRUE(verifyHmac(row.algorithm, enough, "input", *mac).ok());
    EXPECT_TRUE(test::succeeds(signHmac(row.algorithm, std::string(row.hashBytes + 1, 'k'), "input")));

    EXPECT_TRUE(failsWith(signHmac(row.algorithm, shortKey, "input"), "KEY_HMAC_TOO_SHORT", ErrorCategory::Keys));
    // Refused before any comparison: a short key that happens to produce the MAC is still refused.
    auto shortMac = signHmac(row.algorithm, shortKey, "input", HmacKeyRule::AllowShorter);
    ASSERT_TRUE(test::succeeds(shortMac));
    const Status refused = verifyHmac(row.algorithm, shortKey, "input", *shortMac);
    EXPECT_TRUE(failsWith(refused, "KEY_HMAC_TOO_SHORT", ErrorCategory::Keys));
    if (!refused.ok()) {
        EXPECT_EQ(refused.error().expected, "at least " + std::to_string(row.hashBytes) + " bytes");
        EXPECT_EQ(refused.error().actual, std::to_string(row.hashBytes - 1) + " bytes");
    }
    EXPECT_TRUE(failsWith(verifyHmac(row.algorithm, "", "input", *shortMac), "KEY_HMAC_TOO_SHORT", ErrorCategory::Keys));
    // The leniency is named at the call site, and it is the only way through.
    EXPECT_TRUE(verifyHmac(row.algorithm, shortKey, "input", *shortMac, HmacKeyRule::AllowShorter).ok());
}

INSTANTIATE_TEST_SUITE_P(RFC7518_3_2, HmacKeyLength,
                         ::testing::Values(HmacKeyRow{"HS256", JwsAlgorithm::HS256, 32}, HmacKeyRow{"HS384", JwsAlgorithm::HS384, 48},
                                           HmacKeyRow{"HS512", JwsAlgorithm::HS512, 64}),
                         test::RowName{});

} // namespace
} // namespace oidc::crypto
