// The ID-token rules of the flow (oidc/flow/IdTokenRules, rp-checks J8–J10, J17, K2).

#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/JsonWebKey.h"
#include "oidc/flow/IdTokenRules.h"

#include <gtest/gtest.h>

namespace {

using namespace oidc;
using namespace oidc::flow;

// ---- ID token rules (J17, K2) ----

std::string signedToken(const crypto::JsonWebKey &key, const Json &claims)
{
    const std::string input = crypto::base64UrlEncode(Json({{"alg", "RS256"}, {"kid", key.kid}}).dump()) + "." + crypto::base64UrlEncode(claims.dump());
    return input + "." + crypto::base64UrlEncode(crypto::signWithKey(crypto::JwsAlgorithm::RS256, key.key.get(), input).value());
}

TEST(IdToken, J17_RefreshMustKeepIssuerAndSubject)
{
    const auto key = crypto::generateKey(crypto::KeyKind::Rsa2048, "k1", "RS256").value();
    crypto::JsonWebKeySet keys;
    keys.keys.push_back(key);
    ProviderMetadata metadata;
    metadata.issuer = QStringLiteral("https://op.example");
    const qint64 now = 1'800'000'000;
    const Json original = {{"iss", "https://op.example"}, {"sub", "u1"}, {"aud", "c"}, {"iat", now}, {"exp", now + 300}};
    IdTokenExpectations expected;
    expected.issuer = metadata.issuer;
    expected.clientId = QStringLiteral("c");
    expected.now = now;
    const auto first = validateIdToken(QString::fromStdString(signedToken(key, original)), metadata, keys, expected);
    ASSERT_TRUE(first.ok()) << first.error->summary();

    Json otherSub = original;
    otherSub["sub"] = "u2";
    auto second = validateIdToken(QString::fromStdString(signedToken(key, otherSub)), metadata, keys, expected);
    ASSERT_TRUE(second.ok());
    checkRefreshedIdToken(*first.jwt, second);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error->code, "REFRESH_SUB_CHANGED");

    auto same = validateIdToken(QString::fromStdString(signedToken(key, original)), metadata, keys, expected);
    checkRefreshedIdToken(*first.jwt, same);
    EXPECT_TRUE(same.ok());
}

TEST(IdToken, RequiredClaimsAndFreshness)
{
    const auto key = crypto::generateKey(crypto::KeyKind::Rsa2048, "k1", "RS256").value();
    crypto::JsonWebKeySet keys;
    keys.keys.push_back(key);
    ProviderMetadata metadata;
    metadata.issuer = QStringLiteral("https://op.example");
    const qint64 now = 1'800'000'000;
    IdTokenExpectations expected;
    expected.issuer = metadata.issuer;
    expected.clientId = QStringLiteral("c");
    expected.nonce = QStringLiteral("n1");
    expected.now = now;
    const Json noNonce = {{"iss", "https://op.example"}, {"sub", "u1"}, {"aud", "c"}, {"iat", now}, {"exp", now + 300}};
    EXPECT_EQ(validateIdToken(QString::fromStdString(signedToken(key, noNonce)), metadata, keys, expected).error->code, "NONCE_MISSING"); // J9
    Json weekOld = noNonce;
    weekOld["nonce"] = "n1";
    weekOld["iat"] = now - 7 * 86400;
    EXPECT_EQ(validateIdToken(QString::fromStdString(signedToken(key, weekOld)), metadata, keys, expected).error->code, "IAT_TOO_OLD"); // J8
    Json noSub = noNonce;
    noSub["nonce"] = "n1";
    noSub.erase("sub");
    EXPECT_EQ(validateIdToken(QString::fromStdString(signedToken(key, noSub)), metadata, keys, expected).error->code, "SUB_MISSING"); // J10
}

TEST(IdToken, K2_RefetchGateCooldown)
{
    KeySetRefetchGate gate(60);
    EXPECT_TRUE(gate.mayRefetch(1000));
    gate.recordRefetch(1000);
    EXPECT_FALSE(gate.mayRefetch(1030));
    EXPECT_TRUE(gate.mayRefetch(1060));
}

} // namespace
