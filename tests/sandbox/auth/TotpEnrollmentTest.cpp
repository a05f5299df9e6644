// The enrollment document of /v1/auth/totp/signup and /update (descope-api.md §8): the otpauth://
// URL, a random secret and its QR code, the codes it verifies (oidc/otp).

#include "sandbox/auth/TotpEnrollment.h"

#include "TestSupport.h"

#include "oidc/crypto/Base32.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/otp/Totp.h"

namespace sandbox::auth {
namespace {

using oidc::crypto::base32Decode;
using oidc::crypto::base32Encode;
using oidc::otp::OtpAlgorithm;
using oidc::otp::totp;
using oidc::otp::TotpParameters;
using oidc::otp::TotpReplayState;
using oidc::otp::verifyTotp;
using test::failsWith;

const std::string kSeed20 = "12345678901234567890";
constexpr int64_t kRfcNow = 1111111111; // time step 37037037 (RFC 6238 Appendix B)

// ---- enrollment -------------------------------------------------------------------------------

TEST(TotpEnrollment, ProvisioningUrlFollowsTheKeyUriFormat)
{
    EXPECT_EQ(totpProvisioningUrl("OIDC Playground", "alice@example.com", kSeed20),
              "otpauth://totp/OIDC%20Playground:alice%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
              "&issuer=OIDC%20Playground&algorithm=SHA1&digits=6&period=30");
    TotpParameters parameters;
    parameters.algorithm = OtpAlgorithm::Sha256;
    parameters.digits = 8;
    parameters.periodSeconds = 60;
    EXPECT_EQ(totpProvisioningUrl("a:b", "c/d", "x", parameters),
              "otpauth://totp/a%3Ab:c%2Fd?secret=PA&issuer=a%3Ab&algorithm=SHA256&digits=8&period=60");
}

TEST(TotpEnrollment, CreatesARandomSecretAndTheDescopeDocument)
{
    TotpEnrollmentRequest request{"OIDC Playground", "alice", {}, 20};
    auto first = createTotpEnrollment(request);
    ASSERT_TRUE(first.ok()) << first.error().summary();
    auto second = createTotpEnrollment(request);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(first->secret.size(), 20u);
    EXPECT_NE(first->secret, second->secret);
    EXPECT_EQ(first->key, base32Encode(first->secret));
    EXPECT_EQ(first->key.size(), 32u);
    EXPECT_EQ(base32Decode(first->key).value(), first->secret);
    EXPECT_NE(first->provisioningUrl.find("secret=" + first->key + "&"), std::string::npos);

    const oidc::Json document = first->toDescopeJson();
    EXPECT_EQ(document.size(), 3u);
    EXPECT_EQ(document["provisioningURL"], first->provisioningUrl);
    EXPECT_EQ(document["key"], first->key);
    auto png = oidc::crypto::base64Decode(document["image"].get<std::string>());
    ASSERT_TRUE(png.ok());
    EXPECT_EQ(*png, first->qrPng);
    EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));

    // The enrolled secret verifies codes.
    TotpReplayState state;
    EXPECT_TRUE(verifyTotp(first->secret, totp(first->secret, kRfcNow).value(), kRfcNow, state).ok());
}

TEST(TotpEnrollment, RefusesBadRequests)
{
    EXPECT_TRUE(failsWith(createTotpEnrollment({"", "alice", {}, 20}), "TOTP_ENROLLMENT", oidc::ErrorCategory::Input));
    EXPECT_TRUE(failsWith(createTotpEnrollment({"issuer", "", {}, 20}), "TOTP_ENROLLMENT", oidc::ErrorCategory::Input));
    EXPECT_TRUE(failsWith(createTotpEnrollment({"issuer", "alice", {}, 10}), "TOTP_ENROLLMENT", oidc::ErrorCategory::Input));
    TotpParameters parameters;
    parameters.digits = 10;
    EXPECT_TRUE(failsWith(createTotpEnrollment({"issuer", "alice", parameters, 20}), "TOTP_PARAMETERS", oidc::ErrorCategory::Input));
}

} // namespace
} // namespace sandbox::auth
