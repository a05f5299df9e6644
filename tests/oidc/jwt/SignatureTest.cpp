// JWS signature verification (RFC 7515 §5.2, RFC 7518 §3, RFC 8037 §3.1, RFC 8725 §3.1):
// spec vectors first, then the attacks a relying party must refuse (rp-checks J1–J3).

#include "SpecVectors.h"

#include "oidc/crypto/JwsAlgorithm.h"
#include "oidc/jwt/SignatureVerifier.h"

namespace oidc::jwt {
namespace {

OIDCPLAY_PRINT_ROW_BY_NAME(VectorRow)

using crypto::JwsAlgorithm;
using test::b64;
using test::failsWith;
namespace rfc = test::rfc;
namespace pem = test::pem;

// A decoded JWS whose payload need not be JSON (RFC 7515 A.4, RFC 7520 §4 and RFC 8037 A.4 sign
// plain text): decodeJwt refuses those as JWTs (JWT_PAYLOAD_JSON), but their signatures are the
// spec's vectors for the verifier, which only reads the header's fields, the signing input and
// the signature. So the header and signature are decoded with an empty claims set in place of the
// payload, and the real signing input put back.
DecodedJwt rawJws(std::string_view token)
{
    const size_t first = token.find('.');
    const size_t last = token.rfind('.');
    auto decoded = decodeJwt(std::string(token.substr(0, first)) + "." + b64("{}") + std::string(token.substr(last)));
    EXPECT_TRUE(decoded.ok()) << token << (decoded.ok() ? "" : decoded.error().summary());
    if (!decoded.ok())
        return DecodedJwt{};
    DecodedJwt jwt = std::move(decoded).value();
    jwt.signingInput = std::string(token.substr(0, last));
    return jwt;
}

std::string rfc7520(std::string_view header, std::string_view signature)
{
    return std::string(header) + "." + std::string(rfc::k7520Payload) + "." + std::string(signature);
}

SignaturePolicy only(std::initializer_list<JwsAlgorithm> algorithms, std::string secret = {})
{
    SignaturePolicy policy;
    policy.allowedAlgorithms = algorithms;
    policy.hmacSecret = std::move(secret);
    return policy;
}

std::string rfcHmacKey()
{
    return crypto::base64UrlDecode(rfc::kA1Key).value();
}

struct VectorRow {
    const char *name;
    std::string token;
    std::string keys;          // key material (JWK, JWKS or PEM); empty for HMAC
    std::string hmacSecret;    // for HS*
    JwsAlgorithm algorithm;
    bool jsonPayload;          // the payload is a JWT claims set (decodeJwt applies)
};

class RfcVectors : public ::testing::TestWithParam<VectorRow> {};

TEST_P(RfcVectors, Verify)
{
    const auto &row = GetParam();
    DecodedJwt jwt = rawJws(row.token);
    if (row.jsonPayload) {
        auto decoded = decodeJwt(row.token);
        ASSERT_TRUE(test::succeeds(decoded));
        jwt = std::move(decoded).value();
    } else {
        EXPECT_TRUE(failsWith(decodeJwt(row.token), "JWT_PAYLOAD_JSON", ErrorCategory::IdToken));
    }
    const crypto::JsonWebKeySet keys = row.keys.empty() ? crypto::JsonWebKeySet{} : test::keySetFrom(row.keys);
    const SignaturePolicy policy = only({row.algorithm}, row.hmacSecret);
    auto verified = verifySignature(jwt, keys, policy);
    ASSERT_TRUE(test::succeeds(verified));
    EXPECT_EQ(verified->algorithm, crypto::jwsAlgorithmName(row.algorithm));
    EXPECT_FALSE(verified->unsigned_);

    // One changed byte anywhere in the signing input breaks it.
    for (size_t at : {size_t{0}, jwt.signingInput.size() / 2, jwt.signingInput.size() - 1}) {
        DecodedJwt tampered = jwt;
        tampered.signingInput[at] = tampered.signingInput[at] == 'A' ? 'B' : 'A';
        EXPECT_TRUE(failsWith(verifySignature(tampered, keys, policy), "SIGNATURE_INVALID", ErrorCategory::IdToken)) << at;
    }
    // And so does one flipped bit of the signature (for ECDSA it stays the right length).
    DecodedJwt flipped = jwt;
    flipped.signature[flipped.signature.size() / 2] ^= 0x01;
    EXPECT_TRUE(failsWith(verifySignature(flipped, keys, policy), "SIGNATURE_INVALID", ErrorCategory::IdToken));
}

INSTANTIATE_TEST_SUITE_P(
    Specs, RfcVectors,
    ::testing::Values(
        VectorRow{"RFC7515_A1_HS256", std::string(rfc::kA1Token), "", rfcHmacKey(), JwsAlgorithm::HS256, true},
        VectorRow{"RFC7515_A2_RS256", std::string(rfc::kA2Token), std::string(rfc::kA2PublicJwk), "", JwsAlgorithm::RS256, true},
        VectorRow{"RFC7515_A2_RS256_PEM", std::string(rfc::kA2Token), std::string(pem::kA2Spki), "", JwsAlgorithm::RS256, true},
        VectorRow{"RFC7515_A3_ES256", std::string(rfc::kA3Token), std::string(rfc::kA3PublicJwk), "", JwsAlgorithm::ES256, true},
        VectorRow{"RFC7515_A4_ES512", std::string(rfc::kA4Token), std::string(rfc::kA4PublicJwk), "", JwsAlgorithm::ES512, false},
        VectorRow{"RFC8037_A4_A5_EdDSA", std::string(rfc::k8037Token), std::string(rfc::k8037PublicJwk), "", JwsAlgorithm::EdDSA, false},
        VectorRow{"RFC7520_4_1_RS256", rfc7520(rfc::k7520_41_Header, rfc::k7520_41_Signature), std::string(rfc::k7520RsaJwk), "",
                  JwsAlgorithm::RS256, false},
        VectorRow{"RFC7520_4_2_PS384", rfc7520(rfc::k7520_42_Header, rfc::k7520_42_Signature), std::string(rfc::k7520RsaJwk), "",
                  JwsAlgorithm::PS384, false},
        VectorRow{"RFC7520_4_3_ES512", rfc7520(rfc::k7520_43_Header, rfc::k7520_43_Signature), std::string(rfc::k7520EcJwk), "",
                  JwsAlgorithm::ES512, false},
        VectorRow{"RFC7520_4_4_HS256", rfc7520(rfc::k7520_44_Header, rfc::k7520_44_Signature), "",
                  crypto::base64UrlDecode(rfc::k7520HmacKey).value(), JwsAlgorithm::HS256, false}),
    test::RowName{});

TEST(Signing, RFC7515_A1_and_A2_AreReproducedExactly)
{
    const auto a1 = rawJws(rfc::kA1Token);
    auto mac = crypto::signHmac(JwsAlgorithm::HS256, rfcHmacKey(), a1.signingInput);
    ASSERT_TRUE(test::succeeds(mac));
    EXPECT_EQ(*mac, a1.signature);

    // RSASSA-PKCS1-v1_5 is deterministic: our signer must produce the RFC's bytes.
    const auto a2 = rawJws(rfc::kA2Token);
    auto key = crypto::parseJwk(Json::parse(rfc::kA2PrivateJwk));
    ASSERT_TRUE(test::succeeds(key));
    auto signature = crypto::signWithKey(JwsAlgorithm::RS256, key->key.get(), a2.signingInput);
    ASSERT_TRUE(test::succeeds(signature));
    EXPECT_EQ(*signature, a2.signature);
}

TEST(Signing, RFC8037_A4_Ed25519IsReproducedExactly)
{
    const auto jws = rawJws(rfc::k8037Token);
    auto key = crypto::parseJwk(Json::parse(rfc::k8037PrivateJwk));
    ASSERT_TRUE(test::succeeds(key));
    auto signature = crypto::signWithKey(JwsAlgorithm::EdDSA, key->key.get(), jws.signingInput);
    ASSERT_TRUE(test::succeeds(signature));
    EXPECT_EQ(*signature, jws.signature);
}

TEST(Signing, Es256SignaturesAreRawRAndSOfFixedLength)
{
    auto key = crypto::parseJwk(Json::parse(rfc::kA3PrivateJwk));
    ASSERT_TRUE(test::succeeds(key));
    for (int i = 0; i < 50; ++i) {
        // ~1 in 256 ECDSA signatures has a short r or s: the encoding must still pad to 32 bytes.
        auto signature = crypto::signWithKey(JwsAlgorithm::ES256, key->key.get(), "input " + std::to_string(i));
        ASSERT_TRUE(test::succeeds(signature));
        EXPECT_EQ(signature->size(), 64u);
    }
}

// Keys generated once for the negative cases.
class Attacks : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_rsa = new crypto::JsonWebKey(crypto::generateKey(crypto::KeyKind::Rsa2048, "rsa-1", "RS256").value());
        s_attacker = new crypto::JsonWebKey(crypto::generateKey(crypto::KeyKind::Rsa2048, "", "").value());
        s_ec = new crypto::JsonWebKey(crypto::generateKey(crypto::KeyKind::EcP256, "ec-1", "ES256").value());
    }
    static void TearDownTestSuite()
    {
        delete s_rsa;
        delete s_attacker;
        delete s_ec;
    }

    // The public half only, as a provider would publish it.
    static crypto::JsonWebKeySet published(std::initializer_list<const crypto::JsonWebKey *> keys)
    {
        Json jwks = {{"keys", Json::array()}};
        for (const auto *key : keys)
            jwks["keys"].push_back(crypto::publicJwk(*key));
        auto set = crypto::parseJwks(jwks.dump());
        EXPECT_TRUE(set.ok());
        return set.ok() ? set.value() : crypto::JsonWebKeySet{};
    }

    static DecodedJwt signedBy(const crypto::JsonWebKey &key, JwsAlgorithm algorithm, const Json &header,
                               std::string_view payload = R"({"sub":"u1"})")
    {
        const std::string input = b64(header.dump()) + "." + b64(payload);
        auto signature = crypto::signWithKey(algorithm, key.key.get(), input);
        EXPECT_TRUE(signature.ok());
        auto jwt = decodeJwt(input + "." + b64(signature.ok() ? *signature : std::string()));
        EXPECT_TRUE(jwt.ok()) << (jwt.ok() ? "" : jwt.error().summary());
        return jwt.ok() ? jwt.value() : DecodedJwt{};
    }

    static DecodedJwt hmacSigned(std::string_view secret, const Json &header, std::string_view payload = R"({"sub":"u1"})")
    {
        const std::string input = b64(header.dump()) + "." + b64(payload);
        auto mac = crypto::signHmac(JwsAlgorithm::HS256, secret, input);
        EXPECT_TRUE(mac.ok());
        return decodeJwt(input + "." + b64(mac.ok() ? *mac : std::string())).value();
    }

    static inline crypto::JsonWebKey *s_rsa = nullptr;
    static inline crypto::JsonWebKey *s_attacker = nullptr;
    static inline crypto::JsonWebKey *s_ec = nullptr;
};

TEST_F(Attacks, ValidTokenVerifiesWithKidAndNotes)
{
    auto verified = verifySignature(signedBy(*s_rsa, JwsAlgorithm::RS256, {{"alg", "RS256"}, {"kid", "rsa-1"}}), published({s_rsa, s_ec}), {});
    ASSERT_TRUE(test::succeeds(verified));
    EXPECT_EQ(verified->kid, "rsa-1");
    EXPECT_EQ(verified->keyDescription, "RSA 2048, kid rsa-1, alg RS256, use sig");
    EXPECT_TRUE(verified->notes.empty());
}

TEST_F(Attacks, RFC7515_A5_AlgNoneRejectedUnlessAllowed)
{
    const std::string payload = R"({"iss":"joe","exp":1300819380})";
    const std::string unsignedToken = b64(R"({"alg":"none"})") + "." + b64(payload) + ".";
    auto jwt = decodeJwt(unsignedToken).value();
    const auto keys = published({s_rsa});
    EXPECT_TRUE(failsWith(verifySignature(jwt, keys, {}), "ALG_NONE_REJECTED", ErrorCategory::IdToken));
    // Listing "none" among the algorithms is not the opt-in; allowUnsigned is.
    EXPECT_TRUE(failsWith(verifySignature(jwt, keys, only({JwsAlgorithm::None, JwsAlgorithm::RS256})), "ALG_NONE_REJECTED",
                          ErrorCategory::IdToken));
    SignaturePolicy lenient;
    lenient.allowUnsigned = true;
    auto accepted = verifySignature(jwt, keys, lenient);
    ASSERT_TRUE(test::succeeds(accepted));
    EXPECT_TRUE(accepted->unsigned_);
    // A signature next to alg none is a forged or broken token.
    DecodedJwt withSignature = jwt;
    withSignature.signature = "x";
    EXPECT_TRUE(failsWith(verifySignature(withSignature, keys, lenient), "SIGNATURE_PRESENT_FOR_NONE", ErrorCategory::IdToken));
    // "None" and "NONE" are not "none": unknown algorithms.
    for (const char *alg : {"None", "NONE", "nOnE"}) {
        auto variant = decodeJwt(b64(Json{{"alg", alg}}.dump()) + "." + b64(payload) + ".").value();
        EXPECT_TRUE(failsWith(verifySignature(variant, keys, lenient), "ALG_UNKNOWN", ErrorCategory::IdToken)) << alg;
    }
}

TEST_F(Attacks, AlgorithmNotInAllowList)
{
    const auto jwt = signedBy(*s_rsa, JwsAlgorithm::RS256, {{"alg", "RS256"}, {"kid", "rsa-1"}});
    auto refused = verifySignature(jwt, published({s_rsa}), only({JwsAlgorithm::ES256, JwsAlgorithm::PS256}));
    ASSERT_TRUE(failsWith(refused, "ALG_NOT_ALLOWED", ErrorCategory::IdToken));
    EXPECT_EQ(refused.error().expected, "ES256, PS256");
    EXPECT_EQ(refused.error().actual, "RS256");
    // The RFC's HS256 token is refused by the default (asymmetric-only) policy.
    EXPECT_TRUE(failsWith(verifySignature(decodeJwt(rfc::kA1Token).value(), {}, SignaturePolicy{}), "ALG_NOT_ALLOWED",
                          ErrorCategory::IdToken));
}

TEST_F(Attacks, UnknownAlgorithms)
{
    for (const char *alg : {"RS1", "HS1", "", "ES256K", "Ed25519", "RSA-OAEP", "dir"}) {
        auto jwt = decodeJwt(b64(Json{{"alg", alg}}.dump()) + "." + b64("{}") + ".c2ln").value();
        EXPECT_TRUE(failsWith(verifySignature(jwt, published({s_rsa}), {}), "ALG_UNKNOWN", ErrorCategory::IdToken)) << alg;
    }
}

TEST_F(Attacks, CVE_2015_9235_Hs256KeyedWithTheRsaPublicKey)
{
    // The classic key confusion: the attacker HMACs with the public key the verifier holds, in
    // every form a confused verifier might use as the secret.
    const auto keys = published({s_rsa});
    const Json pub = crypto::publicJwk(*s_rsa);
    const std::string modulus = crypto::base64UrlDecode(pub["n"].get<std::string>()).value();
    for (const std::string &secret : {pub.dump(), modulus, pub["n"].get<std::string>()}) {
        const auto jwt = hmacSigned(secret, {{"alg", "HS256"}, {"kid", "rsa-1"}});
        EXPECT_TRUE(failsWith(verifySignature(jwt, keys, {}), "ALG_NOT_ALLOWED", ErrorCategory::IdToken));
        EXPECT_TRUE(failsWith(verifySignature(jwt, keys, only({JwsAlgorithm::RS256, JwsAlgorithm::HS256})), "HMAC_SECRET_MISSING",
                              ErrorCategory::IdToken));
        EXPECT_TRUE(failsWith(verifySignature(jwt, keys, only({JwsAlgorithm::RS256, JwsAlgorithm::HS256}, "the-real-shared-secret-of-32-bytes")),
                              "SIGNATURE_INVALID", ErrorCategory::IdToken));
    }
    // The RFC 7515 A.2 key as PEM, the form CVE-2015-9235 exploited.
    const auto a2Keys = test::keySetFrom(pem::kA2Spki);
    const auto pemSigned = hmacSigned(pem::kA2Spki, {{"alg", "HS256"}});
    EXPECT_TRUE(failsWith(verifySignature(pemSigned, a2Keys, only({JwsAlgorithm::RS256, JwsAlgorithm::HS256})), "HMAC_SECRET_MISSING",
                          ErrorCategory::IdToken));
}

TEST_F(Attacks, Defect9_ShortHmacSecretNeedsTheNamedLeniency)
{
    // RFC 7518 §3.2: a secret shorter than the hash output is refused before any comparison,
    // even when it made the token's MAC; only SignaturePolicy::allowShortHmacSecret lets it in.
    const std::string shortSecret = "sixteen-bytes!!!";
    const std::string input = b64(R"({"alg":"HS256"})") + "." + b64(R"({"sub":"u1"})");
    auto mac = crypto::signHmac(JwsAlgorithm::HS256, shortSecret, input, crypto::HmacKeyRule::AllowShorter);
    ASSERT_TRUE(test::succeeds(mac));
    const auto jwt = decodeJwt(input + "." + b64(*mac));
    ASSERT_TRUE(test::succeeds(jwt));
    SignaturePolicy policy = only({JwsAlgorithm::HS256}, shortSecret);
    const auto refused = verifySignature(*jwt, {}, policy);
    ASSERT_TRUE(failsWith(refused, "KEY_HMAC_TOO_SHORT", ErrorCategory::Keys));
    EXPECT_EQ(refused.error().actual, "16 bytes");

    policy.allowShortHmacSecret = true;
    const auto accepted = verifySignature(*jwt, {}, policy);
    ASSERT_TRUE(test::succeeds(accepted));
    ASSERT_EQ(accepted->notes.size(), 1u);
    EXPECT_EQ(accepted->notes.front(), "the shared secret is 16 bytes, shorter than the 32 RFC 7518 §3.2 requires for HS256: accepted by option");
    // The leniency relaxes the length rule only: a wrong short secret is still a wrong secret.
    policy.hmacSecret = "sixteen-bytes!!?";
    EXPECT_TRUE(failsWith(verifySignature(*jwt, {}, policy), "SIGNATURE_INVALID", ErrorCategory::IdToken));
    // A secret of the full length carries no note.
    policy = only({JwsAlgorithm::HS256}, std::string(32, 's'));
    auto full = crypto::signHmac(JwsAlgorithm::HS256, policy.hmacSecret, input);
    ASSERT_TRUE(test::succeeds(full));
    const auto fullVerified = verifySignature(decodeJwt(input + "." + b64(*full)).value(), {}, policy);
    ASSERT_TRUE(test::succeeds(fullVerified));
    EXPECT_TRUE(fullVerified->notes.empty());
}

TEST_F(Attacks, RFC8725_3_10_KeysNamedInTheHeaderAreIgnored)
{
    const Json attackerJwk = crypto::publicJwk(*s_attacker);
    const auto keys = published({s_rsa});

    // Signed by the attacker's key, which travels in the header's "jwk": never used.
    const auto embedded = signedBy(*s_attacker, JwsAlgorithm::RS256, {{"alg", "RS256"}, {"jwk", attackerJwk}});
    EXPECT_EQ(ignoredKeyHeaders(embedded), std::vector<std::string>{"jwk"});
    EXPECT_TRUE(failsWith(verifySignature(embedded, keys, {}), "SIGNATURE_INVALID", ErrorCategory::IdToken));
    // Against an empty key set the embedded key does not help either.
    EXPECT_FALSE(verifySignature(embedded, {}, {}).ok());

    // With a kid of its own: no such key in the set.
    Json withKid = attackerJwk;
    withKid["kid"] = "attacker";
    const auto named = signedBy(*s_attacker, JwsAlgorithm::RS256, {{"alg", "RS256"}, {"kid", "attacker"}, {"jwk", withKid}});
    EXPECT_TRUE(failsWith(verifySignature(named, keys, {}), "KID_UNKNOWN", ErrorCategory::IdToken));

    // jku / x5u / x5c pointing at attacker material, with the provider's kid.
    const auto remote = signedBy(*s_attacker, JwsAlgorithm::RS256,
                                 {{"alg", "RS256"}, {"kid", "rsa-1"}, {"jku", "https://attacker.example/jwks"},
                                  {"x5u", "https://attacker.example/c.pem"}, {"x5c", Json::array({"MIIB"})}});
    EXPECT_EQ(ignoredKeyHeaders(remote), (std::vector<std::string>{"jku", "x5u", "x5c"}));
    EXPECT_TRUE(failsWith(verifySignature(remote, keys, {}), "SIGNATURE_INVALID", ErrorCategory::IdToken));

    // A genuine token that carries jku verifies, and says the header was ignored.
    const auto genuine = signedBy(*s_rsa, JwsAlgorithm::RS256, {{"alg", "RS256"}, {"kid", "rsa-1"}, {"jku", "https://attacker.example/jwks"}});
    auto verified = verifySignature(genuine, keys, {});
    ASSERT_TRUE(test::succeeds(verified));
    ASSERT_EQ(verified->notes.size(), 1u);
    EXPECT_NE(verified->notes[0].find("\"jku\""), std::string::npos) << verified->notes[0];
}

TEST_F(Attacks, KidSelection)
{
    const auto keys = published({s_rsa, s_ec});
    const auto unknown = signedBy(*s_rsa, JwsAlgorithm::RS256, {{"alg", "RS256"}, {"kid", "rotated-away"}});
    auto refused = verifySignature(unknown, keys, {});
    ASSERT_TRUE(failsWith(refused, "KID_UNKNOWN", ErrorCategory::IdToken));
    EXPECT_EQ(refused.error().expected, "a key with kid rotated-away");

    // The kid names the EC key but the header says RS256.
    const auto mismatched = signedBy(*s_rsa, JwsAlgorithm::RS256, {{"alg", "RS256"}, {"kid", "ec-1"}});
    EXPECT_TRUE(failsWith(verifySignature(mismatched, keys, {}), "NO_SUITABLE_KEY", ErrorCategory::IdToken));

    // No kid: every key fit for the algorithm is tried.
    const auto noKid = signedBy(*s_rsa, JwsAlgorithm::RS256, {{"alg", "RS256"}});
    const auto other = *crypto::generateKey(crypto::KeyKind::Rsa2048, "rsa-0", "RS256");
    EXPECT_TRUE(test::succeeds(verifySignature(noKid, published({&other, s_ec, s_rsa}), {})));

    // A single key without a kid (a pasted PEM) is tried for a token that names a kid.
    const auto pemKeys = test::keySetFrom(std::string(crypto::publicJwk(*s_attacker).dump()));
    const auto attackerToken = signedBy(*s_attacker, JwsAlgorithm::RS256, {{"alg", "RS256"}, {"kid", "whatever"}});
    auto single = verifySignature(attackerToken, pemKeys, {});
    ASSERT_TRUE(test::succeeds(single));
    ASSERT_EQ(single->notes.size(), 1u);
    // …but not when there are several.
    crypto::JsonWebKeySet two = pemKeys;
    two.keys.push_back(pemKeys.keys[0]);
    EXPECT_TRUE(failsWith(verifySignature(attackerToken, two, {}), "KID_UNKNOWN", ErrorCategory::IdToken));

    // An empty key set and no kid: nothing to select, and nothing a refetch by kid would fix.
    EXPECT_TRUE(failsWith(verifySignature(noKid, {}, {}), "NO_SUITABLE_KEY", ErrorCategory::IdToken));
}

TEST_F(Attacks, KeyPinnedToAnotherAlgorithmIsNotUsed)
{
    // The same RSA key published with "alg":"PS256": an RS256 token may not use it.
    Json jwk = crypto::publicJwk(*s_rsa);
    jwk["alg"] = "PS256";
    const auto keys = test::keySetFrom(jwk.dump());
    const auto jwt = signedBy(*s_rsa, JwsAlgorithm::RS256, {{"alg", "RS256"}, {"kid", "rsa-1"}});
    EXPECT_TRUE(failsWith(verifySignature(jwt, keys, {}), "NO_SUITABLE_KEY", ErrorCategory::IdToken));
    jwk["alg"] = "RS256";
    EXPECT_TRUE(test::succeeds(verifySignature(jwt, test::keySetFrom(jwk.dump()), {})));
    // "use":"sig" is fine; a key without alg accepts any RSA algorithm, and the signature decides.
    jwk.erase("alg");
    const auto unpinned = test::keySetFrom(jwk.dump());
    const auto pss = signedBy(*s_rsa, JwsAlgorithm::PS256, {{"alg", "PS256"}, {"kid", "rsa-1"}});
    EXPECT_TRUE(test::succeeds(verifySignature(pss, unpinned, {})));
    DecodedJwt relabelled = pss;
    relabelled.alg = "RS256";
    EXPECT_TRUE(failsWith(verifySignature(relabelled, unpinned, {}), "SIGNATURE_INVALID", ErrorCategory::IdToken));
}

TEST_F(Attacks, EcdsaSignatureLength)
{
    const auto keys = published({s_ec});
    const auto jwt = signedBy(*s_ec, JwsAlgorithm::ES256, {{"alg", "ES256"}, {"kid", "ec-1"}});
    ASSERT_TRUE(test::succeeds(verifySignature(jwt, keys, {})));
    for (size_t length : {size_t{0}, size_t{63}, size_t{65}, size_t{70}, size_t{96}, size_t{132}}) {
        DecodedJwt wrong = jwt;
        wrong.signature = std::string(length, '\x01');
        auto refused = verifySignature(wrong, keys, {});
        ASSERT_TRUE(failsWith(refused, "SIGNATURE_LENGTH", ErrorCategory::IdToken)) << length;
        EXPECT_EQ(refused.error().expected, "64 bytes");
    }
    // Right length, impossible values: r = s = 0, and r = s = 2^256 - 1 (above the group order).
    for (char fill : {'\x00', '\xff'}) {
        DecodedJwt wrong = jwt;
        wrong.signature = std::string(64, fill);
        EXPECT_TRUE(failsWith(verifySignature(wrong, keys, {}), "SIGNATURE_INVALID", ErrorCategory::IdToken));
    }
}

TEST_F(Attacks, RsaAndEdDsaSignatureLength)
{
    const auto keys = published({s_rsa});
    const auto jwt = signedBy(*s_rsa, JwsAlgorithm::RS256, {{"alg", "RS256"}, {"kid", "rsa-1"}});
    for (size_t length : {size_t{0}, size_t{255}, size_t{257}}) {
        DecodedJwt wrong = jwt;
        wrong.signature = jwt.signature.substr(0, std::min(length, jwt.signature.size())) + std::string(length > 256 ? 1 : 0, '\0');
        EXPECT_TRUE(failsWith(verifySignature(wrong, keys, {}), "SIGNATURE_INVALID", ErrorCategory::IdToken)) << length;
    }
    auto ed = test::keySetFrom(rfc::k8037PublicJwk);
    DecodedJwt eddsa = rawJws(rfc::k8037Token);
    eddsa.signature.pop_back();
    EXPECT_TRUE(failsWith(verifySignature(eddsa, ed, {}), "SIGNATURE_INVALID", ErrorCategory::IdToken));
}

} // namespace
} // namespace oidc::jwt
