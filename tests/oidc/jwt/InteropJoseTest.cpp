// Interop with an independent implementation: every case that panva's jose generated
// (tests/node/jose-vectors.mjs → <dir>/vectors.json) must reach the outcome and exact error code
// recorded next to it. In the other direction this test signs tokens with our core and writes
// <dir>/ours.json, which tests/node/jose-verify-ours.mjs verifies with jose.
//
//   interop_jose_tests <dir>   (ctest runs it after the jose_vectors fixture)

#include "oidc/Json.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/JsonWebKey.h"
#include "oidc/jwt/JwtValidator.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

using namespace oidc;
using crypto::JwsAlgorithm;

std::string g_dir;
Json g_vectors;

std::string member(const Json &object, const char *name)
{
    return object.contains(name) && object[name].is_string() ? object[name].get<std::string>() : std::string();
}

bool flag(const Json &object, const char *name, bool fallback)
{
    return object.contains(name) && object[name].is_boolean() ? object[name].get<bool>() : fallback;
}

crypto::JsonWebKeySet joseKeys()
{
    auto keys = crypto::parseJwks(g_vectors["jwks"].dump());
    EXPECT_TRUE(keys.ok()) << (keys.ok() ? "" : keys.error().summary());
    return keys.ok() ? keys.value() : crypto::JsonWebKeySet{};
}

std::string hmacSecret()
{
    return crypto::base64UrlDecode(member(g_vectors, "hmacSecret")).value();
}

jwt::ClaimCheckOptions claimOptions(const Json &entry)
{
    jwt::ClaimCheckOptions options;
    options.issuer = member(g_vectors, "issuer");
    options.audience = member(g_vectors, "audience");
    options.nonce = member(g_vectors, "nonce");
    if (flag(entry, "withAccessToken", true))
        options.accessToken = member(g_vectors, "accessToken");
    if (flag(entry, "withCode", true))
        options.code = member(g_vectors, "code");
    options.now = g_vectors["now"].get<int64_t>();
    options.requireIssuedAt = true;
    options.requireSubject = true;
    return options;
}

jwt::SignaturePolicy signaturePolicy(const Json &entry)
{
    jwt::SignaturePolicy policy;
    if (entry.contains("allowedAlgorithms")) {
        for (const auto &name : entry["allowedAlgorithms"]) {
            const auto algorithm = crypto::parseJwsAlgorithm(name.get<std::string>());
            EXPECT_TRUE(algorithm.has_value()) << name;
            if (algorithm)
                policy.allowedAlgorithms.push_back(*algorithm);
        }
    } else {
        policy.allowedAlgorithms = crypto::supportedAlgorithms(); // HS256 included: the secret is configured
    }
    if (flag(entry, "withHmacSecret", true))
        policy.hmacSecret = hmacSecret();
    policy.allowUnsigned = flag(entry, "allowUnsigned", false);
    return policy;
}

// Not final: GoogleTest derives from the fixture type internally.
class JoseCase : public ::testing::Test {
public:
    explicit JoseCase(Json entry) : m_entry(std::move(entry)) {}

    void TestBody() override
    {
        const std::string token = member(m_entry, "token");
        const auto validation = jwt::validateJwt(token, joseKeys(), signaturePolicy(m_entry), claimOptions(m_entry));
        std::string trace;
        for (const auto &check : validation.checks)
            trace += "\n  " + check.id + ": " + (check.outcome == jwt::CheckOutcome::Pass ? "pass" : check.outcome == jwt::CheckOutcome::Fail ? "FAIL " + check.code : "skip") + " — " + check.detail();
        if (member(m_entry, "expect") == "valid") {
            EXPECT_TRUE(validation.ok()) << validation.error->summary() << trace;
        } else {
            ASSERT_FALSE(validation.ok()) << "accepted; expected " << member(m_entry, "code") << trace;
            EXPECT_EQ(validation.error->code, member(m_entry, "code")) << validation.error->summary() << trace;
            EXPECT_EQ(validation.error->category, ErrorCategory::IdToken);
        }
        if (const std::string alg = member(m_entry, "alg"); !alg.empty()) {
            if (m_entry.contains("atHash")) {
                EXPECT_EQ(jwt::halfHash(alg, member(g_vectors, "accessToken")), member(m_entry, "atHash")) << "at_hash for " << alg;
            }
            if (m_entry.contains("cHash")) {
                EXPECT_EQ(jwt::halfHash(alg, member(g_vectors, "code")), member(m_entry, "cHash")) << "c_hash for " << alg;
            }
        }
        if (const std::string note = member(m_entry, "notesContain"); !note.empty()) {
            ASSERT_TRUE(validation.signature.has_value());
            bool found = false;
            for (const auto &text : validation.signature->notes)
                found = found || text.find(note) != std::string::npos;
            EXPECT_TRUE(found) << "no signature note mentions " << note;
        }
    }

private:
    Json m_entry;
};

TEST(JoseKeys, JwksParsesWithTheEncryptionKeySkipped)
{
    const auto keys = joseKeys();
    ASSERT_EQ(keys.keys.size(), g_vectors["jwks"]["keys"].size() - 1);
    ASSERT_EQ(keys.skipped.size(), 1u);
    EXPECT_NE(keys.skipped[0].find("rsa-enc"), std::string::npos) << keys.skipped[0];
}

TEST(JoseKeys, ThumbprintsAndPublicMembersAgree)
{
    const auto keys = joseKeys();
    const Json &thumbprints = g_vectors["thumbprints"];
    ASSERT_EQ(thumbprints.size(), keys.keys.size());
    for (const auto &key : keys.keys) {
        EXPECT_EQ(crypto::jwkThumbprint(key), member(thumbprints, key.kid.c_str())) << key.kid;
        const Json ours = crypto::publicJwk(key);
        for (const auto &published : g_vectors["jwks"]["keys"]) {
            if (member(published, "kid") != key.kid)
                continue;
            for (const char *name : {"kty", "crv", "n", "e", "x", "y", "kid", "alg", "use"})
                EXPECT_EQ(member(ours, name), member(published, name)) << key.kid << " member " << name;
        }
    }
}

TEST(JoseKeys, OursSignedForJoseToVerify)
{
    Json out = {{"tokens", Json::array()}, {"publicJwks", Json::array()}};
    const int64_t now = g_vectors["now"].get<int64_t>();
    const Json claims = {{"iss", member(g_vectors, "issuer")}, {"aud", member(g_vectors, "audience")}, {"sub", "signed-by-oidcplay"},
                         {"nonce", member(g_vectors, "nonce")}, {"iat", now}, {"exp", now + 600}};
    const auto verifyKeys = joseKeys();
    const auto addToken = [&](const std::string &name, const std::string &alg, const std::string &input, const std::string &signature) {
        const std::string token = input + "." + crypto::base64UrlEncode(signature);
        std::string tampered = token;
        tampered[input.find('.') + 5] = tampered[input.find('.') + 5] == 'A' ? 'B' : 'A';
        // Our own validator must agree before jose is asked.
        Json entry = Json::object();
        const auto validation = jwt::validateJwt(token, verifyKeys, signaturePolicy(entry), claimOptions({{"withAccessToken", false}, {"withCode", false}}));
        EXPECT_TRUE(validation.ok()) << name << ": " << validation.error->summary();
        out["tokens"].push_back({{"name", name}, {"alg", alg}, {"token", token}, {"tampered", tampered}});
    };
    size_t signedCount = 0;
    for (const auto &privateJwk : g_vectors["privateJwks"]) {
        auto key = crypto::parseJwk(privateJwk);
        ASSERT_TRUE(key.ok()) << key.error().summary();
        ASSERT_TRUE(key->hasPrivate);
        const auto algorithm = crypto::parseJwsAlgorithm(key->alg);
        ASSERT_TRUE(algorithm.has_value()) << key->alg;
        const std::string input = crypto::base64UrlEncode(Json{{"alg", key->alg}, {"kid", key->kid}, {"typ", "JWT"}}.dump()) + "."
            + crypto::base64UrlEncode(claims.dump());
        auto signature = crypto::signWithKey(*algorithm, key->key.get(), input);
        ASSERT_TRUE(signature.ok()) << signature.error().summary();
        addToken("ours_" + key->alg, key->alg, input, *signature);
        out["publicJwks"].push_back({{"kid", key->kid}, {"jwk", crypto::publicJwk(*key)}, {"thumbprint", crypto::jwkThumbprint(*key)}});
        ++signedCount;
    }
    for (const auto algorithm : {JwsAlgorithm::HS256, JwsAlgorithm::HS384, JwsAlgorithm::HS512}) {
        const std::string alg(crypto::jwsAlgorithmName(algorithm));
        const std::string input = crypto::base64UrlEncode(Json{{"alg", alg}}.dump()) + "." + crypto::base64UrlEncode(claims.dump());
        auto mac = crypto::signHmac(algorithm, hmacSecret(), input);
        ASSERT_TRUE(mac.ok());
        addToken("ours_" + alg, alg, input, *mac);
    }
    EXPECT_EQ(signedCount, 10u);
    std::ofstream file(g_dir + "/ours.json");
    file << out.dump(2) << "\n";
    ASSERT_TRUE(file.good()) << "cannot write " << g_dir << "/ours.json";
}

} // namespace

int main(int argc, char **argv)
{
    ::testing::InitGoogleTest(&argc, argv);
    if (argc < 2) {
        std::cerr << "usage: interop_jose_tests <dir with vectors.json from tests/node/jose-vectors.mjs>\n";
        return 2;
    }
    g_dir = argv[1];
    std::ifstream file(g_dir + "/vectors.json");
    std::stringstream text;
    text << file.rdbuf();
    auto parsed = oidc::parseJsonObject(text.str(), {oidc::ErrorCategory::Input, "vectors.json"});
    if (!file || !parsed.ok() || !parsed->contains("cases") || (*parsed)["cases"].empty()) {
        std::cerr << "cannot read " << g_dir << "/vectors.json" << (parsed.ok() ? "" : ": " + parsed.error().summary()) << "\n";
        return 2;
    }
    g_vectors = std::move(parsed).value();
    for (const auto &entry : g_vectors["cases"]) {
        const std::string name = member(entry, "name");
        ::testing::RegisterTest("JoseVectors", name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                                [entry]() -> JoseCase * { return new JoseCase(entry); });
    }
    return RUN_ALL_TESTS();
}
