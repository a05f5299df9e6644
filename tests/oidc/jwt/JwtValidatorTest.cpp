// validateJwt: decode → signature → claims as one list of checks; the first failure is the error.

#include "SpecVectors.h"

#include "oidc/jwt/JwtValidator.h"

namespace oidc::jwt {
namespace {


using crypto::JwsAlgorithm;
using test::b64;
namespace rfc = test::rfc;

using oidc::test::kNow;

class Validator : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_key = new crypto::JsonWebKey(crypto::generateKey(crypto::KeyKind::EcP256, "ec-1", "ES256").value());
    }
    static void TearDownTestSuite() { delete s_key; }

    static crypto::JsonWebKeySet keys()
    {
        return test::keySetFrom(Json{{"keys", {crypto::publicJwk(*s_key)}}}.dump());
    }

    static std::string sign(const Json &claims, const Json &header = {{"alg", "ES256"}, {"kid", "ec-1"}})
    {
        const std::string input = b64(header.dump()) + "." + b64(claims.dump());
        return input + "." + b64(crypto::signWithKey(JwsAlgorithm::ES256, s_key->key.get(), input).value());
    }

    static Json idToken()
    {
        return {{"iss", "https://op.example"}, {"sub", "u1"}, {"aud", "rp"}, {"nonce", "n1"}, {"iat", kNow - 5}, {"exp", kNow + 300}};
    }

    static ClaimCheckOptions options()
    {
        ClaimCheckOptions o;
        o.issuer = "https://op.example";
        o.audience = "rp";
        o.nonce = "n1";
        o.now = kNow;
        o.requireIssuedAt = true;
        o.requireSubject = true;
        return o;
    }

    static inline crypto::JsonWebKey *s_key = nullptr;
};

TEST_F(Validator, ValidIdToken)
{
    const auto validation = validateJwt(sign(idToken()), keys(), {}, options());
    ASSERT_TRUE(validation.ok()) << validation.error->summary();
    ASSERT_TRUE(validation.jwt.has_value());
    ASSERT_TRUE(validation.signature.has_value());
    EXPECT_EQ(validation.signature->algorithm, "ES256");
    ASSERT_EQ(validation.checks.size(), 12u);
    EXPECT_EQ(validation.checks[0].id, "signature");
    EXPECT_EQ(validation.checks[0].outcome, CheckOutcome::Pass);
    for (const auto &check : validation.checks)
        EXPECT_TRUE(check.passed()) << check.id << ": " << check.detail();
}

TEST_F(Validator, BearerPrefixAndWhitespaceAreTrimmed)
{
    EXPECT_TRUE(validateJwt("Bearer " + sign(idToken()) + "\r\n", keys(), {}, options()).ok());
}

TEST_F(Validator, DecodeErrorHasNoChecks)
{
    const auto validation = validateJwt("not.a.jwt.at.all.really", keys(), {}, options());
    ASSERT_FALSE(validation.ok());
    EXPECT_EQ(validation.error->code, "JWT_PART_COUNT");
    EXPECT_EQ(validation.error->category, ErrorCategory::IdToken);
    EXPECT_FALSE(validation.jwt.has_value());
    EXPECT_TRUE(validation.checks.empty());
}

TEST_F(Validator, SignatureFailureComesFirstAndClaimsAreStillListed)
{
    Json claims = idToken();
    claims["iss"] = "https://evil.example";
    std::string token = sign(claims);
    token[token.size() - 3] = token[token.size() - 3] == 'A' ? 'B' : 'A';
    const auto validation = validateJwt(token, keys(), {}, options());
    ASSERT_FALSE(validation.ok());
    EXPECT_EQ(validation.error->code, "SIGNATURE_INVALID");
    EXPECT_EQ(validation.error->category, ErrorCategory::IdToken);
    EXPECT_FALSE(validation.signature.has_value());
    ASSERT_TRUE(validation.jwt.has_value());
    ASSERT_EQ(validation.checks.size(), 12u);
    EXPECT_EQ(validation.checks[0].outcome, CheckOutcome::Fail);
    EXPECT_EQ(validation.checks[1].code, "ISS_MISMATCH");
}

TEST_F(Validator, FirstFailingClaimWins)
{
    Json claims = idToken();
    claims["exp"] = kNow - 3600;
    claims["nonce"] = "replayed";
    auto validation = validateJwt(sign(claims), keys(), {}, options());
    ASSERT_FALSE(validation.ok());
    EXPECT_EQ(validation.error->code, "EXPIRED");
    EXPECT_NE(validation.error->message.find("exp: "), std::string::npos) << validation.error->message;

    claims["aud"] = "someone-else";
    validation = validateJwt(sign(claims), keys(), {}, options());
    EXPECT_EQ(validation.error->code, "AUD_MISMATCH");
}

TEST_F(Validator, NoKeysIsItsOwnFailure)
{
    const auto validation = validateJwt(sign(idToken()), {}, {}, options());
    ASSERT_FALSE(validation.ok());
    EXPECT_EQ(validation.error->code, "KEYS_MISSING");
}

TEST_F(Validator, UnsignedTokenOnlyWithTheOption)
{
    const std::string token = b64(R"({"alg":"none"})") + "." + b64(idToken().dump()) + ".";
    EXPECT_EQ(validateJwt(token, keys(), {}, options()).error->code, "ALG_NONE_REJECTED");
    SignaturePolicy lenient;
    lenient.allowUnsigned = true;
    const auto validation = validateJwt(token, {}, lenient, options());
    ASSERT_TRUE(validation.ok()) << validation.error->summary();
    EXPECT_TRUE(validation.signature->unsigned_);
    EXPECT_NE(validation.checks[0].detail().find("UNSIGNED"), std::string::npos);
}

TEST_F(Validator, DecodeOptionsArePassedThrough)
{
    JwtDecodeOptions small;
    small.maxSize = 64;
    EXPECT_EQ(validateJwt(sign(idToken()), keys(), {}, options(), small).error->code, "JWT_TOO_LARGE");
}

TEST(ValidatorRfc, RFC7515_A2_ClaimsAtTheirTime)
{
    const auto keys = test::keySetFrom(rfc::kA2PublicJwk);
    ClaimCheckOptions options;
    options.issuer = "joe";
    options.now = rfc::kA1Exp - 60;
    auto validation = validateJwt(rfc::kA2Token, keys, {}, options);
    ASSERT_TRUE(validation.ok()) << validation.error->summary();
    EXPECT_EQ(validation.checks[1].outcome, CheckOutcome::Pass); // iss
    // Today the RFC's token is long expired.
    options.now.reset();
    validation = validateJwt(rfc::kA2Token, keys, {}, options);
    ASSERT_FALSE(validation.ok());
    EXPECT_EQ(validation.error->code, "EXPIRED");
}

TEST(ValidatorRfc, RFC7515_A1_HmacThroughTheValidator)
{
    SignaturePolicy policy;
    policy.allowedAlgorithms = {JwsAlgorithm::HS256};
    policy.hmacSecret = crypto::base64UrlDecode(rfc::kA1Key).value();
    ClaimCheckOptions options;
    options.now = rfc::kA1Exp - 1;
    const auto validation = validateJwt(rfc::kA1Token, {}, policy, options);
    ASSERT_TRUE(validation.ok()) << validation.error->summary();
    EXPECT_EQ(validation.signature->keyDescription, "shared secret");
}

} // namespace
} // namespace oidc::jwt
