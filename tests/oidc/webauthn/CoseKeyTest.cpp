// COSE_Key parsing and encoding (RFC 9052/9053) and the WebAuthn signature formats.

#include "oidc/webauthn/CoseKey.h"

#include "TestSupport.h"

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/crypto/OpenSsl.h"

namespace oidc::webauthn {
namespace {

using test::failsWith;
using test::fromHex;
using test::unb64;

// RFC 7515 Appendix A.3's P-256 key.
const char *kRfc7515EcKey = R"({"kty":"EC","crv":"P-256",
    "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
    "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
    "d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"})";

oidc::crypto::JsonWebKey rfc7515Key()
{
    auto key = oidc::crypto::parseJwk(oidc::Json::parse(kRfc7515EcKey));
    EXPECT_TRUE(key.ok()) << (key.ok() ? "" : key.error().summary());
    return key.value();
}

std::string coseMap(std::vector<std::pair<int64_t, CborItemPtr>> members)
{
    std::vector<std::pair<CborItemPtr, CborItemPtr>> entries;
    for (auto &[label, value] : members)
        entries.emplace_back(cborMakeInt(label), std::move(value));
    return cborEncode(cborMakeMap(std::move(entries)).get()).value();
}

TEST(CoseKey, EncodesRfc7515KeyAsCanonicalEc2)
{
    auto encoded = encodeCoseKey(rfc7515Key().key.get(), CoseAlgorithm::ES256);
    ASSERT_TRUE(encoded.ok()) << encoded.error().summary();
    const std::string x = unb64("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU");
    const std::string y = unb64("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");
    // {1: 2, 3: -7, -1: 1, -2: x, -3: y}
    EXPECT_EQ(*encoded, fromHex("a5 0102 0326 2001 215820") + x + fromHex("225820") + y);

    auto decoded = decodeCoseKey(*encoded);
    ASSERT_TRUE(decoded.ok()) << decoded.error().summary();
    EXPECT_EQ(decoded->algorithm, CoseAlgorithm::ES256);
    EXPECT_EQ(decoded->encoded, *encoded);
    EXPECT_EQ(EVP_PKEY_eq(decoded->publicKey.get(), rfc7515Key().key.get()), 1);
}

struct AlgorithmRow {
    std::string name;
    CoseAlgorithm algorithm;
    oidc::crypto::KeyKind kind;
};

class CoseRoundTrip : public ::testing::TestWithParam<AlgorithmRow> {};

TEST_P(CoseRoundTrip, EncodeDecodeSignVerify)
{
    const auto &row = GetParam();
    auto key = oidc::crypto::generateKey(row.kind, {}, {});
    ASSERT_TRUE(key.ok());
    auto encoded = encodeCoseKey(key->key.get(), row.algorithm);
    ASSERT_TRUE(encoded.ok()) << encoded.error().summary();
    auto decoded = decodeCoseKey(*encoded);
    ASSERT_TRUE(decoded.ok()) << decoded.error().summary();
    EXPECT_EQ(decoded->algorithm, row.algorithm);
    EXPECT_EQ(coseAlgorithmFromInt(static_cast<int64_t>(row.algorithm)), row.algorithm);

    auto signature = signCose(row.algorithm, key->key.get(), "authData||hash");
    ASSERT_TRUE(signature.ok()) << signature.error().summary();
    EXPECT_TRUE(verifyCoseSignature(row.algorithm, decoded->publicKey.get(), "authData||hash", *signature).ok());
    EXPECT_TRUE(failsWith(verifyCoseSignature(row.algorithm, decoded->publicKey.get(), "authData||hasH", *signature),
                          "WEBAUTHN_SIGNATURE"));
}

INSTANTIATE_TEST_SUITE_P(Algorithms, CoseRoundTrip,
                         ::testing::Values(AlgorithmRow{"ES256", CoseAlgorithm::ES256, oidc::crypto::KeyKind::EcP256},
                                           AlgorithmRow{"RS256", CoseAlgorithm::RS256, oidc::crypto::KeyKind::Rsa2048},
                                           AlgorithmRow{"EdDSA", CoseAlgorithm::EdDSA, oidc::crypto::KeyKind::Ed25519}),
                         test::RowName());

// A DER signature made by OpenSSL itself (not by our raw→DER conversion) verifies.
TEST(CoseSignature, Es256AcceptsOpenSslNativeDer)
{
    const auto key = rfc7515Key();
    oidc::crypto::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    ASSERT_EQ(EVP_DigestSignInit_ex(ctx.get(), nullptr, "SHA256", nullptr, nullptr, key.key.get(), nullptr), 1);
    const std::string data = "signed by OpenSSL";
    size_t length = 0;
    ASSERT_EQ(EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char *>(data.data()), data.size()), 1);
    std::string der(length, '\0');
    ASSERT_EQ(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(der.data()), &length,
                             reinterpret_cast<const unsigned char *>(data.data()), data.size()),
              1);
    der.resize(length);
    EXPECT_TRUE(verifyCoseSignature(CoseAlgorithm::ES256, key.key.get(), data, der).ok());

    // The same signature as JOSE's raw R||S is not what WebAuthn sends: refused.
    auto raw = derToRawEcdsa(der, 32);
    ASSERT_TRUE(raw.ok());
    EXPECT_EQ(raw->size(), 64u);
    EXPECT_TRUE(failsWith(verifyCoseSignature(CoseAlgorithm::ES256, key.key.get(), data, *raw), "WEBAUTHN_SIGNATURE"));
    // And back.
    EXPECT_EQ(rawToDerEcdsa(*raw).value(), der);
    // Trailing garbage after the DER is refused.
    EXPECT_TRUE(failsWith(verifyCoseSignature(CoseAlgorithm::ES256, key.key.get(), data, der + '\0'), "WEBAUTHN_SIGNATURE"));
}

TEST(CoseSignature, RefusesNonCanonicalDer)
{
    // SEQUENCE { INTEGER 1, INTEGER 1 } with a long-form length: valid BER, not DER.
    EXPECT_TRUE(failsWith(derToRawEcdsa(fromHex("3081 06 020101 020101"), 32), "WEBAUTHN_SIGNATURE"));
    // An INTEGER padded with a needless zero byte.
    EXPECT_TRUE(failsWith(derToRawEcdsa(fromHex("3007 02020001 020101"), 32), "WEBAUTHN_SIGNATURE"));
    EXPECT_TRUE(derToRawEcdsa(fromHex("3006 020101 020101"), 32).ok());
}

TEST(CoseSignature, RefusesAKeyOfAnotherType)
{
    auto rsa = oidc::crypto::generateKey(oidc::crypto::KeyKind::Rsa2048, {}, {});
    ASSERT_TRUE(rsa.ok());
    auto signature = signCose(CoseAlgorithm::RS256, rsa->key.get(), "data");
    ASSERT_TRUE(signature.ok());
    EXPECT_TRUE(failsWith(verifyCoseSignature(CoseAlgorithm::ES256, rsa->key.get(), "data", *signature), "WEBAUTHN_SIGNATURE"));
    EXPECT_TRUE(failsWith(verifyCoseSignature(CoseAlgorithm::EdDSA, rsa->key.get(), "data", *signature), "WEBAUTHN_SIGNATURE"));
    EXPECT_TRUE(failsWith(encodeCoseKey(rsa->key.get(), CoseAlgorithm::ES256), "WEBAUTHN_COSE_KEY"));
}

// ---- malformed keys ------------------------------------------------------------------------

std::string ecX()
{
    return unb64("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU");
}

std::string ecY()
{
    return unb64("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");
}

std::string ec2(int64_t alg, int64_t crv, std::string x, std::string y)
{
    std::vector<std::pair<int64_t, CborItemPtr>> members;
    members.emplace_back(1, cborMakeInt(2));
    members.emplace_back(3, cborMakeInt(alg));
    members.emplace_back(-1, cborMakeInt(crv));
    members.emplace_back(-2, cborMakeBytes(x));
    members.emplace_back(-3, cborMakeBytes(y));
    return coseMap(std::move(members));
}

TEST(CoseKey, AcceptsTheHandBuiltEc2Key)
{
    EXPECT_TRUE(decodeCoseKey(ec2(-7, 1, ecX(), ecY())).ok());
}

TEST(CoseKey, RefusesMalformedKeys)
{
    const auto refused = [](const std::string &bytes) { return failsWith(decodeCoseKey(bytes), "WEBAUTHN_COSE_KEY"); };
    EXPECT_TRUE(refused(ec2(-35, 1, ecX(), ecY())));              // ES384: unsupported
    EXPECT_TRUE(refused(ec2(-7, 2, ecX(), ecY())));               // P-384 curve with ES256
    EXPECT_TRUE(refused(ec2(-7, 1, ecX().substr(1), ecY())));     // 31-byte x
    EXPECT_TRUE(refused(ec2(-7, 1, ecX(), std::string(32, '\x02')))); // not on the curve
    EXPECT_TRUE(refused(ec2(-257, 1, ecX(), ecY())));             // RS256 alg on an EC2 key
    EXPECT_TRUE(refused(fromHex("a2 0102 2001")));          // no alg
    EXPECT_TRUE(refused(fromHex("01")));                    // not a map
    EXPECT_TRUE(refused(ec2(-7, 1, ecX(), ecY()) + '\0'));        // trailing byte

    // Compressed point: y is a boolean (RFC 9053 §7.1.1).
    std::vector<std::pair<int64_t, CborItemPtr>> compressed;
    compressed.emplace_back(1, cborMakeInt(2));
    compressed.emplace_back(3, cborMakeInt(-7));
    compressed.emplace_back(-1, cborMakeInt(1));
    compressed.emplace_back(-2, cborMakeBytes(ecX()));
    compressed.emplace_back(-3, CborItemPtr(cbor_build_bool(true)));
    EXPECT_TRUE(refused(coseMap(std::move(compressed))));

    // A private key member (d, label -4).
    std::vector<std::pair<int64_t, CborItemPtr>> withD;
    withD.emplace_back(1, cborMakeInt(2));
    withD.emplace_back(3, cborMakeInt(-7));
    withD.emplace_back(-1, cborMakeInt(1));
    withD.emplace_back(-2, cborMakeBytes(ecX()));
    withD.emplace_back(-3, cborMakeBytes(ecY()));
    withD.emplace_back(-4, cborMakeBytes(std::string(32, '\x01')));
    EXPECT_TRUE(refused(coseMap(std::move(withD))));
}

TEST(CoseKey, RefusesSmallRsaKeys)
{
    oidc::crypto::EvpPkeyPtr small(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{1024}));
    ASSERT_TRUE(small);
    auto encoded = encodeCoseKey(small.get(), CoseAlgorithm::RS256);
    ASSERT_TRUE(encoded.ok());
    EXPECT_TRUE(failsWith(decodeCoseKey(*encoded), "WEBAUTHN_COSE_KEY"));
}

} // namespace
} // namespace oidc::webauthn
