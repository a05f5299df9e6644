// How the sandbox keeps passwords: PBKDF2-HMAC-SHA256 with a random salt (PasswordHash).

#include "sandbox/auth/PasswordHash.h"

#include "oidc/crypto/Base64Url.h"

#include <gtest/gtest.h>

#include <openssl/evp.h>

namespace sandbox::auth {
namespace {

TEST(PasswordHash, StoresNoPasswordAndVerifiesOnlyTheSame)
{
    const auto stored = PasswordHash::hash("Correct-Horse-9", 1000);
    ASSERT_TRUE(stored) << stored.error().message;
    EXPECT_EQ(stored->find("Correct-Horse-9"), std::string::npos);
    EXPECT_TRUE(stored->starts_with("pbkdf2-sha256$1000$"));
    EXPECT_TRUE(PasswordHash::verify("Correct-Horse-9", *stored));
    EXPECT_FALSE(PasswordHash::verify("correct-Horse-9", *stored));
    EXPECT_FALSE(PasswordHash::verify("", *stored));
}

TEST(PasswordHash, SaltsEveryHash)
{
    const auto first = PasswordHash::hash("Same-Password-1", 1000);
    const auto second = PasswordHash::hash("Same-Password-1", 1000);
    ASSERT_TRUE(first && second);
    EXPECT_NE(*first, *second);
    EXPECT_TRUE(PasswordHash::verify("Same-Password-1", *second));
}

// The stored key is PBKDF2-HMAC-SHA256 itself (RFC 8018 §5.2), recomputed here with OpenSSL
// from the stored salt and count.
TEST(PasswordHash, KeyIsPbkdf2Sha256OfTheSalt)
{
    const auto stored = PasswordHash::hash("Pbkdf2-Check-7", 2000);
    ASSERT_TRUE(stored);
    const size_t saltStart = std::string("pbkdf2-sha256$2000$").size();
    const size_t keyStart = stored->find('$', saltStart) + 1;
    const auto salt = oidc::crypto::base64UrlDecode(stored->substr(saltStart, keyStart - 1 - saltStart));
    const auto key = oidc::crypto::base64UrlDecode(stored->substr(keyStart));
    ASSERT_TRUE(salt && key);
    EXPECT_EQ(salt->size(), 16u);
    std::string expected(32, '\0');
    ASSERT_EQ(PKCS5_PBKDF2_HMAC("Pbkdf2-Check-7", 14, reinterpret_cast<const unsigned char *>(salt->data()), static_cast<int>(salt->size()),
                                2000, EVP_sha256(), 32, reinterpret_cast<unsigned char *>(expected.data())),
              1);
    EXPECT_EQ(*key, expected);
}

TEST(PasswordHash, MalformedStoredHashesNeverVerify)
{
    for (const std::string bad : {"", "pbkdf2-sha256", "pbkdf2-sha256$x$AAAA$AAAA", "pbkdf2-sha256$0$AAAA$AAAA",
                                  "pbkdf2-sha256$99999999999$AAAA$AAAA", "md5$1000$AAAA$AAAA", "pbkdf2-sha256$1000$AAAA$AAAA",
                                  "pbkdf2-sha256$1000$!!$AAAA"})
        EXPECT_FALSE(PasswordHash::verify("anything", bad)) << bad;
    EXPECT_FALSE(PasswordHash::hash("x", 0));
}

} // namespace
} // namespace sandbox::auth
