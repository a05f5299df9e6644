// crypto::verifySignature keeps a verification context per key and algorithm (per thread) and
// copies it for each check. These tests pin what the cache must never change: a verdict depends
// only on the key, algorithm, input and signature given, whatever was verified before, with
// which key, on which thread.

#include "SpecVectors.h"

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/crypto/JwsAlgorithm.h"

#include <atomic>
#include <thread>
#include <vector>

namespace oidc::crypto {
namespace {

using test::failsWith;

struct SignedInput {
    JsonWebKey key;
    std::string input;
    std::string signature;
};

SignedInput signedBy(KeyKind kind, JwsAlgorithm algorithm, const std::string &input)
{
    auto key = generateKey(kind, "k", std::string(jwsAlgorithmName(algorithm)));
    EXPECT_TRUE(test::succeeds(key));
    auto signature = signWithKey(algorithm, key->key.get(), input);
    EXPECT_TRUE(test::succeeds(signature));
    return {std::move(key).value(), input, std::move(signature).value()};
}

// A verification after a cached success still refuses a changed input or signature, and a
// failure leaves the next good verification unharmed, for every family (PSS's padding settings
// and EdDSA's digest-less context included).
TEST(VerifyContexts, EachVerdictDependsOnlyOnItsOwnArguments)
{
    const std::vector<std::pair<KeyKind, JwsAlgorithm>> rows = {
        {KeyKind::Rsa2048, JwsAlgorithm::RS256}, {KeyKind::Rsa2048, JwsAlgorithm::PS256},
        {KeyKind::EcP256, JwsAlgorithm::ES256},  {KeyKind::EcP384, JwsAlgorithm::ES384},
        {KeyKind::Ed25519, JwsAlgorithm::EdDSA},
    };
    for (const auto &[kind, algorithm] : rows) {
        SCOPED_TRACE(std::string(jwsAlgorithmName(algorithm)));
        const auto s = signedBy(kind, algorithm, "header.payload");
        std::string flipped = s.signature;
        flipped.back() = static_cast<char>(flipped.back() ^ 1);
        for (int round = 0; round < 3; ++round) {
            EXPECT_TRUE(verifySignature(algorithm, s.key.key.get(), s.input, s.signature).ok());
            EXPECT_TRUE(failsWith(verifySignature(algorithm, s.key.key.get(), "header.payloaD", s.signature),
                                  "SIGNATURE_INVALID", ErrorCategory::IdToken));
            EXPECT_TRUE(failsWith(verifySignature(algorithm, s.key.key.get(), s.input, flipped), "SIGNATURE_INVALID",
                                  ErrorCategory::IdToken));
        }
    }
}

// PS256 and RS256 with the same RSA key are two contexts: a PSS signature never verifies as
// PKCS#1 v1.5 nor the reverse, in either order.
TEST(VerifyContexts, OneKeyWithTwoAlgorithmsKeepsTwoContexts)
{
    const auto pss = signedBy(KeyKind::Rsa2048, JwsAlgorithm::PS256, "a.b");
    auto pkcs1 = signWithKey(JwsAlgorithm::RS256, pss.key.key.get(), "a.b");
    ASSERT_TRUE(test::succeeds(pkcs1));
    for (int round = 0; round < 2; ++round) {
        EXPECT_TRUE(verifySignature(JwsAlgorithm::PS256, pss.key.key.get(), "a.b", pss.signature).ok());
        EXPECT_TRUE(verifySignature(JwsAlgorithm::RS256, pss.key.key.get(), "a.b", *pkcs1).ok());
        EXPECT_FALSE(verifySignature(JwsAlgorithm::RS256, pss.key.key.get(), "a.b", pss.signature).ok());
        EXPECT_FALSE(verifySignature(JwsAlgorithm::PS256, pss.key.key.get(), "a.b", *pkcs1).ok());
    }
}

// A key freed after a verification must not be "found" again when a new key is allocated at the
// same address: the cache holds a reference, so the address cannot be reused while cached. Each
// round frees the previous key first, so the allocator would hand its memory to the next one.
TEST(VerifyContexts, ANewKeyNeverInheritsAFreedKeysContext)
{
    std::string previousSignature;
    for (int round = 0; round < 12; ++round) {
        const auto s = signedBy(KeyKind::EcP256, JwsAlgorithm::ES256, "same.input");
        ASSERT_TRUE(verifySignature(JwsAlgorithm::ES256, s.key.key.get(), s.input, s.signature).ok());
        if (!previousSignature.empty()) {
            EXPECT_TRUE(failsWith(verifySignature(JwsAlgorithm::ES256, s.key.key.get(), s.input, previousSignature),
                                  "SIGNATURE_INVALID", ErrorCategory::IdToken))
                << "round " << round << ": another key's signature verified";
        }
        previousSignature = s.signature;
    }
}

// More keys than the cache holds, verified in rotation: every verdict stays right as entries are
// evicted and made again; a key unfit for the algorithm is refused every time (never cached).
TEST(VerifyContexts, EvictionKeepsEveryVerdict)
{
    std::vector<SignedInput> keys;
    for (int i = 0; i < 11; ++i)
        keys.push_back(signedBy(KeyKind::EcP256, JwsAlgorithm::ES256, "input." + std::to_string(i)));
    const auto rsa = signedBy(KeyKind::Rsa2048, JwsAlgorithm::RS256, "x.y");
    for (int round = 0; round < 3; ++round) {
        for (size_t i = 0; i < keys.size(); ++i) {
            const auto &k = keys[i];
            EXPECT_TRUE(verifySignature(JwsAlgorithm::ES256, k.key.key.get(), k.input, k.signature).ok()) << i;
            const auto &other = keys[(i + 1) % keys.size()];
            EXPECT_FALSE(verifySignature(JwsAlgorithm::ES256, k.key.key.get(), other.input, other.signature).ok()) << i;
        }
        EXPECT_TRUE(failsWith(verifySignature(JwsAlgorithm::ES256, rsa.key.key.get(), rsa.input, rsa.signature),
                              "KEY_ALG_MISMATCH", ErrorCategory::Keys));
    }
}

// Threads share keys but not contexts: concurrent verifications with one key all give the right
// verdicts (ThreadSanitizer-clean by construction; the sanitizer suites run this under ASan).
TEST(VerifyContexts, ThreadsVerifyWithTheSameKeyConcurrently)
{
    const auto s = signedBy(KeyKind::Rsa2048, JwsAlgorithm::RS256, "shared.key");
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 25; ++i) {
                if (!verifySignature(JwsAlgorithm::RS256, s.key.key.get(), s.input, s.signature).ok())
                    ++wrong;
                if (verifySignature(JwsAlgorithm::RS256, s.key.key.get(), "shared.kez", s.signature).ok())
                    ++wrong;
            }
        });
    for (auto &thread : threads)
        thread.join();
    EXPECT_EQ(wrong.load(), 0);
}

} // namespace
} // namespace oidc::crypto
