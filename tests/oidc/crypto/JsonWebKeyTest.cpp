// JSON Web Keys and key sets (RFC 7517, RFC 7518 §6, RFC 8037 §2), thumbprints (RFC 7638),
// PEM input, key generation.

#include "SpecVectors.h"

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/jwt/SignatureVerifier.h"

#include <openssl/evp.h>

namespace oidc::crypto {
namespace {

OIDCPLAY_PRINT_ROW_BY_NAME(BadKeyRow)
OIDCPLAY_PRINT_ROW_BY_NAME(GenerateRow)
OIDCPLAY_PRINT_ROW_BY_NAME(JwksRow)
OIDCPLAY_PRINT_ROW_BY_NAME(PemRow)

using test::failsWith;
namespace rfc = test::rfc;
namespace pem = test::pem;

Json json(std::string_view text)
{
    auto parsed = parseJson(text);
    EXPECT_TRUE(parsed.ok()) << text;
    return parsed.ok() ? parsed.value() : Json();
}

Result<JsonWebKey> jwk(std::string_view text)
{
    return parseJwk(json(text));
}

TEST(JsonWebKey, RFC7517_A1_PublicKeySet)
{
    auto set = parseJwks(rfc::k7517A1Jwks);
    ASSERT_TRUE(test::succeeds(set));
    // A.1's EC key is marked "use":"enc": a verifier must skip it (RFC 7517 §4.2) and say why.
    ASSERT_EQ(set->keys.size(), 1u);
    ASSERT_EQ(set->skipped.size(), 1u);
    EXPECT_NE(set->skipped[0].find("kid 1"), std::string::npos) << set->skipped[0];
    EXPECT_NE(set->skipped[0].find("enc"), std::string::npos) << set->skipped[0];
    const JsonWebKey &rsa = set->keys[0];
    EXPECT_EQ(rsa.kty, "RSA");
    EXPECT_EQ(rsa.kid, "2011-04-29");
    EXPECT_EQ(rsa.alg, "RS256");
    EXPECT_EQ(rsa.bits, 2048);
    EXPECT_FALSE(rsa.hasPrivate);
    EXPECT_NE(rsa.source.find("#2"), std::string::npos) << rsa.source;
    EXPECT_EQ(rsa.describe(), "RSA 2048, kid 2011-04-29, alg RS256");
    EXPECT_TRUE(rsa.usableFor(JwsAlgorithm::RS256));
    EXPECT_FALSE(rsa.usableFor(JwsAlgorithm::RS384)); // one algorithm per key (RFC 8725 §3.1)
    EXPECT_FALSE(rsa.usableFor(JwsAlgorithm::PS256));
    EXPECT_FALSE(rsa.usableFor(JwsAlgorithm::HS256));
}

TEST(JsonWebKey, RFC7517_A1_EcKeyParsesWithoutUseEnc)
{
    auto key = jwk(R"({"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","kid":"1"})");
    ASSERT_TRUE(test::succeeds(key));
    EXPECT_EQ(key->crv, "P-256");
    EXPECT_EQ(key->bits, 256);
    EXPECT_TRUE(key->usableFor(JwsAlgorithm::ES256));
    EXPECT_FALSE(key->usableFor(JwsAlgorithm::ES384));
    EXPECT_FALSE(key->usableFor(JwsAlgorithm::RS256));
    EXPECT_FALSE(key->usableFor(JwsAlgorithm::EdDSA));
    EXPECT_TRUE(failsWith(jwk(R"({"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","use":"enc"})"),
                          "JWK_USE_ENC", ErrorCategory::Keys));
}

TEST(JsonWebKey, RFC7517_A2_PrivateKeysRoundTrip)
{
    for (const auto text : {rfc::k7517A2EcJwk, rfc::k7517A2RsaJwk, rfc::kA2PrivateJwk, rfc::kA3PrivateJwk, rfc::k8037PrivateJwk}) {
        const Json input = json(text);
        auto key = parseJwk(input);
        ASSERT_TRUE(test::succeeds(key)) << text;
        EXPECT_TRUE(key->hasPrivate);
        auto exported = privateJwk(*key);
        ASSERT_TRUE(test::succeeds(exported));
        for (const auto &[name, value] : input.items())
            EXPECT_EQ((*exported)[name], value) << name << " in " << text;
        // The public half drops every private member.
        const Json pub = publicJwk(*key);
        for (const char *secret : {"d", "p", "q", "dp", "dq", "qi"})
            EXPECT_FALSE(pub.contains(secret)) << secret;
    }
}

TEST(JsonWebKey, PublicJwkRoundTripsEveryMember)
{
    for (const auto text : {rfc::kA2PublicJwk, rfc::kA3PublicJwk, rfc::kA4PublicJwk, rfc::k8037PublicJwk, rfc::k7520RsaJwk, rfc::k7520EcJwk}) {
        const Json input = json(text);
        auto key = parseJwk(input);
        ASSERT_TRUE(test::succeeds(key)) << text;
        EXPECT_FALSE(key->hasPrivate);
        EXPECT_EQ(publicJwk(*key), input) << text;
        EXPECT_TRUE(failsWith(privateJwk(*key), "JWK_NOT_PRIVATE", ErrorCategory::Keys));
    }
}

TEST(JsonWebKey, RFC7638_3_1_Thumbprint)
{
    auto set = parseJwks(rfc::k7517A1Jwks);
    ASSERT_TRUE(test::succeeds(set));
    EXPECT_EQ(jwkThumbprint(set->keys[0]), rfc::k7638Thumbprint);
    // Members outside the required set (kid, alg, use, private ones) do not change it.
    auto priv = jwk(rfc::k7517A2RsaJwk);
    ASSERT_TRUE(test::succeeds(priv));
    EXPECT_EQ(jwkThumbprint(*priv), rfc::k7638Thumbprint);
}

TEST(JsonWebKey, RFC8037_A1_A2_A3_Ed25519)
{
    auto priv = jwk(rfc::k8037PrivateJwk);
    ASSERT_TRUE(test::succeeds(priv));
    EXPECT_EQ(priv->kty, "OKP");
    EXPECT_EQ(priv->crv, "Ed25519");
    EXPECT_TRUE(priv->hasPrivate);
    auto pub = jwk(rfc::k8037PublicJwk);
    ASSERT_TRUE(test::succeeds(pub));
    EXPECT_FALSE(pub->hasPrivate);
    EXPECT_TRUE(pub->usableFor(JwsAlgorithm::EdDSA));
    EXPECT_FALSE(pub->usableFor(JwsAlgorithm::ES256));
    EXPECT_EQ(jwkThumbprint(*pub), rfc::k8037Thumbprint);
    EXPECT_EQ(jwkThumbprint(*priv), rfc::k8037Thumbprint);
}

TEST(JsonWebKey, RFC7520_3_1_and_3_3)
{
    auto ec = jwk(rfc::k7520EcJwk);
    ASSERT_TRUE(test::succeeds(ec));
    EXPECT_EQ(ec->crv, "P-521");
    EXPECT_EQ(ec->bits, 521);
    EXPECT_EQ(ec->use, "sig");
    EXPECT_TRUE(ec->usableFor(JwsAlgorithm::ES512));
    auto rsa = jwk(rfc::k7520RsaJwk);
    ASSERT_TRUE(test::succeeds(rsa));
    EXPECT_EQ(rsa->bits, 2048);
    EXPECT_TRUE(rsa->usableFor(JwsAlgorithm::PS384)); // no "alg": any RSA algorithm
    EXPECT_TRUE(rsa->usableFor(JwsAlgorithm::RS512));
}

struct BadKeyRow {
    const char *name;
    std::string jwk;
    const char *code;
};

class UnusableKeys : public ::testing::TestWithParam<BadKeyRow> {};

const std::string kRsa1024N =
    "ur2A6HUaCJONpUx4mBNcAGgWMwAnnQ4ET3AyTk9bwKKuQEcz9eugDp08LZvlUwPRRWtJ6xt8pynFUzcpBG4uzEWpe29myOwiiqyF6pfHNw-yiRXX1Y5qjZE49CRw-2tf8T2LPz2-UbC93q9uEigN7L8SVGZwvNEFuwMKQj-IwvE";
// The RFC 7515 A.2 modulus with its lowest bits cleared: 2048 bits, even, so not an RSA modulus.
const std::string kEvenModulus =
    "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoA";
// The RFC 7515 A.3 x with another point's y: not on P-256 (an invalid-curve attack input).
const std::string kOffCurve =
    R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"})";

// An RSA public key that passed OpenSSL's checks is kept, by modulus and exponent: the same JWK parses
// to the same key object without checking it again (each check is a composite test of the modulus),
// another exponent with the same modulus is another key, and a refused key is refused every time.
TEST(JsonWebKey, CheckedRsaPublicKeysAreKeptByModulusAndExponent)
{
    auto first = parseJwks(rfc::k7517A1Jwks);
    auto second = parseJwks(rfc::k7517A1Jwks);
    ASSERT_TRUE(test::succeeds(first));
    ASSERT_TRUE(test::succeeds(second));
    EXPECT_EQ(first->keys.at(0).key, second->keys.at(0).key); // the kept one
    EXPECT_EQ(second->keys.at(0).bits, 2048);
    EXPECT_EQ(second->keys.at(0).kid, "2011-04-29"); // the JWK's own members, not the kept key's

    const std::string n = json(rfc::k7517A1Jwks)["keys"][1]["n"].get<std::string>();
    auto exponent3 = jwk(R"({"kty":"RSA","kid":"e3","e":"Aw","n":")" + n + "\"}");
    ASSERT_TRUE(test::succeeds(exponent3));
    EXPECT_NE(exponent3->key, first->keys.at(0).key);
    EXPECT_NE(EVP_PKEY_eq(exponent3->key.get(), first->keys.at(0).key.get()), 1);

    for (int time = 0; time < 2; ++time)
        EXPECT_TRUE(failsWith(jwk(R"({"kty":"RSA","e":"AQAB","n":")" + kEvenModulus + "\"}"), "JWK_INVALID", ErrorCategory::Keys));
}

TEST_P(UnusableKeys, RefusedWithCode)
{
    const auto &row = GetParam();
    auto parsed = parseJson(row.jwk);
    ASSERT_TRUE(parsed.ok()) << row.jwk;
    EXPECT_TRUE(failsWith(parseJwk(*parsed), row.code, ErrorCategory::Keys));
}

INSTANTIATE_TEST_SUITE_P(
    RFC7517_7518_8037, UnusableKeys,
    ::testing::Values(
        BadKeyRow{"not_object", R"(["RSA"])", "JWK_NOT_OBJECT"},
        BadKeyRow{"kty_oct", R"({"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ"})", "JWK_KTY_UNKNOWN"},
        BadKeyRow{"kty_missing", R"({"n":"AQAB","e":"AQAB"})", "JWK_KTY_UNKNOWN"},
        BadKeyRow{"kty_lowercase", R"({"kty":"rsa","n":"AQAB","e":"AQAB"})", "JWK_KTY_UNKNOWN"},
        BadKeyRow{"use_enc", R"({"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB"})", "JWK_USE_ENC"},
        BadKeyRow{"alg_unknown", R"({"kty":"RSA","alg":"RSA-OAEP","n":"AQAB","e":"AQAB"})", "JWK_ALG_UNKNOWN"},
        BadKeyRow{"rsa_missing_n", R"({"kty":"RSA","e":"AQAB"})", "JWK_MEMBER"},
        BadKeyRow{"rsa_n_number", R"({"kty":"RSA","n":12345,"e":"AQAB"})", "JWK_MEMBER"},
        BadKeyRow{"rsa_n_padded_base64", R"({"kty":"RSA","n":"AQAB==","e":"AQAB"})", "JWK_MEMBER"},
        BadKeyRow{"RFC7518_3_3_rsa_1024", R"({"kty":"RSA","e":"AQAB","n":")" + kRsa1024N + "\"}", "JWK_RSA_TOO_SMALL"},
        BadKeyRow{"rsa_even_modulus_2048", R"({"kty":"RSA","e":"AQAB","n":")" + kEvenModulus + "\"}", "JWK_INVALID"},
        BadKeyRow{"ec_secp256k1", R"({"kty":"EC","crv":"secp256k1","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})", "JWK_CURVE_UNSUPPORTED"},
        BadKeyRow{"ec_crv_missing", R"({"kty":"EC","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})", "JWK_CURVE_UNSUPPORTED"},
        BadKeyRow{"ec_short_x", R"({"kty":"EC","crv":"P-256","x":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})", "JWK_MEMBER"},
        BadKeyRow{"ec_p256_coordinates_on_p384", R"({"kty":"EC","crv":"P-384","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})", "JWK_MEMBER"},
        BadKeyRow{"ec_point_not_on_curve", kOffCurve, "JWK_INVALID"},
        BadKeyRow{"ec_private_d_does_not_match", R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE"})", "JWK_INVALID"},
        BadKeyRow{"okp_x25519", R"({"kty":"OKP","crv":"X25519","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"})", "JWK_CURVE_UNSUPPORTED"},
        BadKeyRow{"okp_ed448", R"({"kty":"OKP","crv":"Ed448","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})", "JWK_CURVE_UNSUPPORTED"},
        BadKeyRow{"okp_short_x", R"({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcH"})", "JWK_MEMBER"},
        BadKeyRow{"okp_private_x_does_not_match", R"({"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"})", "JWK_INVALID"}),
    test::RowName{});

TEST(JsonWebKeySet, UnusableKeysAreSkippedAndTheUsableOneStillVerifies)
{
    const std::string jwks = std::string(R"({"keys":[
        {"kty":"oct","kid":"sym","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ"},
        {"kty":"RSA","kid":"enc","use":"enc","n":"AQAB","e":"AQAB"},
        {"kty":"EC","kid":"k256","crv":"secp256k1","x":"AA","y":"AA"},
        "garbage",
        42,
        {"kty":"RSA","kid":"no-n","e":"AQAB"},
        {"kty":"RSA","kid":"small","e":"AQAB","n":")") + kRsa1024N + R"("},
        )" + kOffCurve + R"(,
        {"kty":"RSA","kid":"a2","alg":"RS256","use":"sig","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB"}
    ]})";
    auto set = parseJwks(jwks);
    ASSERT_TRUE(test::succeeds(set));
    ASSERT_EQ(set->keys.size(), 1u);
    EXPECT_EQ(set->keys[0].kid, "a2");
    ASSERT_EQ(set->skipped.size(), 8u);
    EXPECT_NE(set->skipped[0].find("kid sym"), std::string::npos) << set->skipped[0];
    EXPECT_NE(set->skipped[3].find("key #4"), std::string::npos) << set->skipped[3];
    EXPECT_NE(set->skipped[6].find("2048"), std::string::npos) << set->skipped[6];

    auto jwt = jwt::decodeJwt(rfc::kA2Token);
    ASSERT_TRUE(test::succeeds(jwt));
    auto verified = jwt::verifySignature(*jwt, *set, {});
    ASSERT_TRUE(test::succeeds(verified));
    EXPECT_EQ(verified->kid, "");
    EXPECT_EQ(verified->keyDescription, "RSA 2048, kid a2, alg RS256, use sig");
}

struct JwksRow {
    const char *name;
    std::string_view text;
    const char *code;
};

class JwksDocuments : public ::testing::TestWithParam<JwksRow> {};

TEST_P(JwksDocuments, Refused)
{
    EXPECT_TRUE(failsWith(parseJwks(GetParam().text), GetParam().code, ErrorCategory::Keys));
}

INSTANTIATE_TEST_SUITE_P(
    RFC7517_5, JwksDocuments,
    ::testing::Values(JwksRow{"not_json", "<html>502</html>", "JSON_SYNTAX"}, JwksRow{"array", "[]", "JSON_NOT_OBJECT"},
                      JwksRow{"no_keys", "{}", "JWKS_SHAPE"}, JwksRow{"keys_object", R"({"keys":{}})", "JWKS_SHAPE"},
                      JwksRow{"keys_empty", R"({"keys":[]})", "JWKS_NO_USABLE_KEY"},
                      JwksRow{"only_enc_key", R"({"keys":[{"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB"}]})", "JWKS_NO_USABLE_KEY"},
                      JwksRow{"only_garbage", R"({"keys":[1,"x",null,{}]})", "JWKS_NO_USABLE_KEY"},
                      JwksRow{"duplicate_keys_member", R"({"keys":[],"keys":[]})", "JSON_DUPLICATE_NAME"}),
    test::RowName{});

TEST(JsonWebKeySet, NoUsableKeySaysWhy)
{
    auto set = parseJwks(R"({"keys":[{"kty":"RSA","kid":"e1","use":"enc","n":"AQAB","e":"AQAB"}]})");
    ASSERT_FALSE(set.ok());
    EXPECT_NE(set.error().message.find("kid e1"), std::string::npos) << set.error().message;
}

TEST(Pem, PublicKeyFormatsVerifyTheRfcToken)
{
    auto jwt = jwt::decodeJwt(rfc::kA2Token);
    ASSERT_TRUE(test::succeeds(jwt));
    for (const auto text : {pem::kA2Spki, pem::kA2Pkcs1}) {
        auto keys = parseKeyMaterial(text);
        ASSERT_TRUE(test::succeeds(keys)) << text;
        ASSERT_EQ(keys->keys.size(), 1u);
        const JsonWebKey &key = keys->keys[0];
        EXPECT_EQ(key.kty, "RSA");
        EXPECT_EQ(key.bits, 2048);
        EXPECT_EQ(key.source, "PEM public key");
        EXPECT_FALSE(key.hasPrivate);
        EXPECT_EQ(publicJwk(key), json(rfc::kA2PublicJwk));
        EXPECT_TRUE(jwt::verifySignature(*jwt, *keys, {}).ok());
    }
}

TEST(Pem, CertificateGivesItsPublicKey)
{
    auto keys = parseKeyMaterial("\n  " + std::string(pem::kEcCertificate));
    ASSERT_TRUE(test::succeeds(keys));
    ASSERT_EQ(keys->keys.size(), 1u);
    const JsonWebKey &key = keys->keys[0];
    EXPECT_EQ(key.kty, "EC");
    EXPECT_EQ(key.crv, "P-256");
    EXPECT_EQ(key.source, "PEM certificate");
    EXPECT_EQ(jwkThumbprint(key), pem::kEcThumbprint);
    auto spki = parsePem(pem::kEcPublicKey);
    ASSERT_TRUE(test::succeeds(spki));
    EXPECT_EQ(jwkThumbprint(*spki), pem::kEcThumbprint);

    // A token signed with the certificate's private key verifies against the certificate.
    auto priv = jwk(pem::kEcPrivateJwk);
    ASSERT_TRUE(test::succeeds(priv));
    const std::string input = test::b64(R"({"alg":"ES256"})") + "." + test::b64(R"({"sub":"x"})");
    auto signature = signWithKey(JwsAlgorithm::ES256, priv->key.get(), input);
    ASSERT_TRUE(test::succeeds(signature));
    auto jwt = jwt::decodeJwt(input + "." + test::b64(*signature));
    ASSERT_TRUE(test::succeeds(jwt));
    EXPECT_TRUE(test::succeeds(jwt::verifySignature(*jwt, *keys, {})));
}

struct PemRow {
    const char *name;
    std::string text;
    const char *code;
};

class PemRefused : public ::testing::TestWithParam<PemRow> {};

TEST_P(PemRefused, WithCode)
{
    EXPECT_TRUE(failsWith(parseKeyMaterial(GetParam().text), GetParam().code, ErrorCategory::Keys));
}

INSTANTIATE_TEST_SUITE_P(
    Rows, PemRefused,
    ::testing::Values(PemRow{"private_pkcs8", std::string(pem::kEcPrivateKey), "PEM_PRIVATE"},
                      PemRow{"private_sec1", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n", "PEM_PRIVATE"},
                      PemRow{"private_rsa", "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n", "PEM_PRIVATE"},
                      PemRow{"encrypted_private", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ENCRYPTED PRIVATE KEY-----\n", "PEM_PRIVATE"},
                      PemRow{"rsa_1024", std::string(pem::kRsa1024), "JWK_RSA_TOO_SMALL"},
                      PemRow{"garbage_body", "-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----\n", "PEM_INVALID"},
                      PemRow{"truncated_certificate", std::string(pem::kEcCertificate.substr(0, 200)), "PEM_INVALID"},
                      PemRow{"empty", "  \n\t", "KEYS_EMPTY"},
                      PemRow{"json_array", "[1,2]", "JSON_NOT_OBJECT"},
                      PemRow{"single_jwk_unusable", R"({"kty":"oct","k":"AA"})", "JWK_KTY_UNKNOWN"}),
    test::RowName{});

TEST(KeyMaterial, SingleJwkAndJwksAreAccepted)
{
    auto single = parseKeyMaterial(rfc::kA3PublicJwk);
    ASSERT_TRUE(test::succeeds(single));
    ASSERT_EQ(single->keys.size(), 1u);
    EXPECT_EQ(single->keys[0].source, "JWK");
    auto set = parseKeyMaterial(rfc::k7517A1Jwks);
    ASSERT_TRUE(test::succeeds(set));
    EXPECT_EQ(set->keys.size(), 1u);
    EXPECT_EQ(set->skipped.size(), 1u);
}

struct GenerateRow {
    const char *name;
    KeyKind kind;
    JwsAlgorithm algorithm;
    const char *kty;
    const char *crv;
    int bits;
};

class GeneratedKeys : public ::testing::TestWithParam<GenerateRow> {};

TEST_P(GeneratedKeys, SignVerifyAndExport)
{
    const auto &row = GetParam();
    const std::string alg(jwsAlgorithmName(row.algorithm));
    auto key = generateKey(row.kind, "kid-" + alg, alg);
    ASSERT_TRUE(test::succeeds(key));
    EXPECT_EQ(key->kty, row.kty);
    EXPECT_EQ(key->crv, row.crv);
    EXPECT_EQ(key->bits, row.bits);
    EXPECT_TRUE(key->hasPrivate);
    EXPECT_EQ(key->use, "sig");
    EXPECT_TRUE(key->usableFor(row.algorithm));

    // The exported public JWK parses back to a key that verifies what the private key signed.
    auto pub = parseJwk(publicJwk(*key));
    ASSERT_TRUE(test::succeeds(pub));
    EXPECT_FALSE(pub->hasPrivate);
    EXPECT_EQ(jwkThumbprint(*pub), jwkThumbprint(*key));
    const std::string input = "header.payload";
    auto signature = signWithKey(row.algorithm, key->key.get(), input);
    ASSERT_TRUE(test::succeeds(signature));
    EXPECT_TRUE(verifySignature(row.algorithm, pub->key.get(), input, *signature).ok());
    EXPECT_TRUE(failsWith(verifySignature(row.algorithm, pub->key.get(), "header.payloaD", *signature), "SIGNATURE_INVALID",
                          ErrorCategory::IdToken));

    // And the private JWK parses back to the same key pair.
    auto exported = privateJwk(*key);
    ASSERT_TRUE(test::succeeds(exported));
    auto reparsed = parseJwk(*exported);
    ASSERT_TRUE(test::succeeds(reparsed));
    EXPECT_TRUE(reparsed->hasPrivate);
    EXPECT_EQ(jwkThumbprint(*reparsed), jwkThumbprint(*key));
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, GeneratedKeys,
    ::testing::Values(GenerateRow{"RSA2048_RS256", KeyKind::Rsa2048, JwsAlgorithm::RS256, "RSA", "", 2048},
                      GenerateRow{"RSA3072_PS384", KeyKind::Rsa3072, JwsAlgorithm::PS384, "RSA", "", 3072},
                      GenerateRow{"P256_ES256", KeyKind::EcP256, JwsAlgorithm::ES256, "EC", "P-256", 256},
                      GenerateRow{"P384_ES384", KeyKind::EcP384, JwsAlgorithm::ES384, "EC", "P-384", 384},
                      GenerateRow{"P521_ES512", KeyKind::EcP521, JwsAlgorithm::ES512, "EC", "P-521", 521},
                      GenerateRow{"Ed25519_EdDSA", KeyKind::Ed25519, JwsAlgorithm::EdDSA, "OKP", "Ed25519", 256}),
    test::RowName{});

TEST(JsonWebKey, KeyOpsWithoutVerifyIsNotUsable)
{
    auto key = jwk(R"({"kty":"EC","crv":"P-256","key_ops":["encrypt"],"x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})");
    ASSERT_TRUE(test::succeeds(key));
    EXPECT_FALSE(key->usableFor(JwsAlgorithm::ES256));
    auto verifying = jwk(R"({"kty":"EC","crv":"P-256","key_ops":["verify"],"x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})");
    ASSERT_TRUE(test::succeeds(verifying));
    EXPECT_TRUE(verifying->usableFor(JwsAlgorithm::ES256));
}

} // namespace
} // namespace oidc::crypto
