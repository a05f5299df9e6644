// Authenticator data (WebAuthn §6.1) byte layout, built by hand.

#include "oidc/webauthn/AuthenticatorData.h"

#include "TestSupport.h"

#include "oidc/crypto/Digest.h"

namespace oidc::webauthn {
namespace {

using test::failsWith;
using test::fromHex;

const std::string kCoseKey = fromHex("a5 0102 0326 2001 215820") + std::string(32, '\x11') + fromHex("225820") + std::string(32, '\x22');

TEST(AuthenticatorData, ParsesTheFixedPart)
{
    const std::string bytes = oidc::crypto::sha256("localhost") + fromHex("1d 0000012c");
    auto data = parseAuthenticatorData(bytes);
    ASSERT_TRUE(data.ok()) << data.error().summary();
    EXPECT_EQ(data->rpIdHash, oidc::crypto::sha256("localhost"));
    EXPECT_TRUE(data->userPresent());
    EXPECT_TRUE(data->userVerified());
    EXPECT_TRUE(data->backupEligible());
    EXPECT_TRUE(data->backupState());
    EXPECT_EQ(data->signCount, 300u);
    EXPECT_FALSE(data->attestedCredential);
    EXPECT_EQ(encodeAuthenticatorData(*data), bytes);
}

TEST(AuthenticatorData, ParsesAttestedCredentialDataAndExtensions)
{
    const std::string aaguid(16, '\xaa');
    const std::string id(1023, '\x05'); // the Level 3 maximum
    const std::string extensions = fromHex("a1 6b6372656450726f74656374 02"); // {"credProtect": 2}
    const std::string bytes = std::string(32, '\0') + fromHex("c5 00000000") + aaguid + fromHex("03ff") + id + kCoseKey + extensions;
    auto data = parseAuthenticatorData(bytes);
    ASSERT_TRUE(data.ok()) << data.error().summary();
    ASSERT_TRUE(data->attestedCredential);
    EXPECT_EQ(data->attestedCredential->aaguid, aaguid);
    EXPECT_EQ(data->attestedCredential->credentialId, id);
    EXPECT_EQ(data->attestedCredential->publicKeyCose, kCoseKey);
    EXPECT_EQ(data->extensions, extensions);
    EXPECT_EQ(encodeAuthenticatorData(*data), bytes);
}

TEST(AuthenticatorData, RefusesBadLengths)
{
    const std::string head = std::string(32, '\0') + fromHex("41 00000000") + std::string(16, '\0');
    EXPECT_TRUE(failsWith(parseAuthenticatorData(head + fromHex("0400") + std::string(1024, 'i') + kCoseKey), "WEBAUTHN_AUTHDATA"));
    EXPECT_TRUE(failsWith(parseAuthenticatorData(head + fromHex("0010") + std::string(15, 'i')), "WEBAUTHN_AUTHDATA"));
    EXPECT_TRUE(failsWith(parseAuthenticatorData(head + fromHex("0001") + "i"), "WEBAUTHN_CBOR"));
    EXPECT_TRUE(parseAuthenticatorData(head + fromHex("0001") + "i" + kCoseKey).ok());
    EXPECT_TRUE(failsWith(parseAuthenticatorData(std::string(16 * 1024 + 1, '\0')), "WEBAUTHN_AUTHDATA"));
}

} // namespace
} // namespace oidc::webauthn
