// HOTP (RFC 4226 Appendix D), TOTP (RFC 6238 Appendix B), the verification window and replay
// protection (RFC 6238 §5.2).

#include "oidc/otp/Totp.h"

#include "tests/support/TestSupport.h"

namespace oidc::otp {
namespace {

using oidc::test::failsWith;

const std::string kSeed20 = "12345678901234567890";
const std::string kSeed32 = "12345678901234567890123456789012";
const std::string kSeed64 = "1234567890123456789012345678901234567890123456789012345678901234";

TEST(Hotp, Rfc4226AppendixD)
{
    const char *expected[] = {"755224", "287082", "359152", "969429", "338314",
                              "254676", "287922", "162583", "399871", "520489"};
    for (uint64_t counter = 0; counter < 10; ++counter) {
        auto code = hotp(kSeed20, counter);
        ASSERT_TRUE(code.ok()) << code.error().summary();
        EXPECT_EQ(*code, expected[counter]) << "counter " << counter;
    }
}

TEST(Hotp, RefusesUnusableInputs)
{
    EXPECT_TRUE(failsWith(hotp("", 0), "TOTP_SECRET", oidc::ErrorCategory::Input));
    EXPECT_TRUE(failsWith(hotp(std::string(129, 'x'), 0), "TOTP_SECRET", oidc::ErrorCategory::Input));
    EXPECT_TRUE(failsWith(hotp(kSeed20, 0, OtpAlgorithm::Sha1, 5), "TOTP_PARAMETERS", oidc::ErrorCategory::Input));
    EXPECT_TRUE(failsWith(hotp(kSeed20, 0, OtpAlgorithm::Sha1, 9), "TOTP_PARAMETERS", oidc::ErrorCategory::Input));
}

struct TotpRow {
    std::string name;
    int64_t time;
    OtpAlgorithm algorithm;
    std::string code;
};

class TotpRfc6238 : public ::testing::TestWithParam<TotpRow> {};

TEST_P(TotpRfc6238, AppendixB)
{
    const auto &row = GetParam();
    TotpParameters parameters;
    parameters.algorithm = row.algorithm;
    parameters.digits = 8;
    const std::string &seed = row.algorithm == OtpAlgorithm::Sha1 ? kSeed20 : row.algorithm == OtpAlgorithm::Sha256 ? kSeed32 : kSeed64;
    auto code = totp(seed, row.time, parameters);
    ASSERT_TRUE(code.ok()) << code.error().summary();
    EXPECT_EQ(*code, row.code);
}

INSTANTIATE_TEST_SUITE_P(
    AppendixB, TotpRfc6238,
    ::testing::Values(TotpRow{"t59_sha1", 59, OtpAlgorithm::Sha1, "94287082"},
                      TotpRow{"t59_sha256", 59, OtpAlgorithm::Sha256, "46119246"},
                      TotpRow{"t59_sha512", 59, OtpAlgorithm::Sha512, "90693936"},
                      TotpRow{"t1111111109_sha1", 1111111109, OtpAlgorithm::Sha1, "07081804"},
                      TotpRow{"t1111111109_sha256", 1111111109, OtpAlgorithm::Sha256, "68084774"},
                      TotpRow{"t1111111109_sha512", 1111111109, OtpAlgorithm::Sha512, "25091201"},
                      TotpRow{"t1111111111_sha1", 1111111111, OtpAlgorithm::Sha1, "14050471"},
                      TotpRow{"t1111111111_sha256", 1111111111, OtpAlgorithm::Sha256, "67062674"},
                      TotpRow{"t1111111111_sha512", 1111111111, OtpAlgorithm::Sha512, "99943326"},
                      TotpRow{"t1234567890_sha1", 1234567890, OtpAlgorithm::Sha1, "89005924"},
                      TotpRow{"t1234567890_sha256", 1234567890, OtpAlgorithm::Sha256, "91819424"},
                      TotpRow{"t1234567890_sha512", 1234567890, OtpAlgorithm::Sha512, "93441116"},
                      TotpRow{"t2000000000_sha1", 2000000000, OtpAlgorithm::Sha1, "69279037"},
                      TotpRow{"t2000000000_sha256", 2000000000, OtpAlgorithm::Sha256, "90698825"},
                      TotpRow{"t2000000000_sha512", 2000000000, OtpAlgorithm::Sha512, "38618901"},
                      TotpRow{"t20000000000_sha1", 20000000000, OtpAlgorithm::Sha1, "65353130"},
                      TotpRow{"t20000000000_sha256", 20000000000, OtpAlgorithm::Sha256, "77737706"},
                      TotpRow{"t20000000000_sha512", 20000000000, OtpAlgorithm::Sha512, "47863826"}),
    oidc::test::RowName());

TEST(Totp, SixDigitsAreTheLowDigitsOfTheSameValue)
{
    // RFC 6238's 8-digit value at T=59 is 94287082; 6 digits is the same number mod 10^6.
    auto code = totp(kSeed20, 59);
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(*code, "287082");
}

TEST(Totp, TimeStepFollowsT0AndPeriod)
{
    TotpParameters parameters;
    EXPECT_EQ(totpTimeStep(59, parameters).value(), 1);
    EXPECT_EQ(totpTimeStep(60, parameters).value(), 2);
    parameters.t0 = 30;
    parameters.periodSeconds = 60;
    EXPECT_EQ(totpTimeStep(89, parameters).value(), 0);
    EXPECT_EQ(totpTimeStep(90, parameters).value(), 1);
    EXPECT_TRUE(failsWith(totpTimeStep(29, parameters), "TOTP_CLOCK", oidc::ErrorCategory::Input));
    parameters.periodSeconds = 0;
    EXPECT_TRUE(failsWith(totpTimeStep(100, parameters), "TOTP_PARAMETERS", oidc::ErrorCategory::Input));
}

TEST(Totp, StepBoundsAreTheCountdown)
{
    // RFC 6238 §4.2 with X = 30: 59 lies in step 1, [30, 60); the code changes at 60.
    auto step = totpStepAt(59);
    ASSERT_TRUE(step.ok()) << step.error().summary();
    EXPECT_EQ(step->step, 1);
    EXPECT_EQ(step->startsAt, 30);
    EXPECT_EQ(step->endsAt, 60);
    EXPECT_EQ(totpStepAt(60).value().startsAt, 60);
    TotpParameters parameters;
    parameters.t0 = 10;
    parameters.periodSeconds = 60;
    auto shifted = totpStepAt(75, parameters);
    ASSERT_TRUE(shifted.ok());
    EXPECT_EQ(shifted->step, 1);
    EXPECT_EQ(shifted->startsAt, 70);
    EXPECT_EQ(shifted->endsAt, 130);
    EXPECT_EQ(totp(kSeed20, shifted->startsAt, parameters).value(), totp(kSeed20, shifted->endsAt - 1, parameters).value());
    EXPECT_TRUE(failsWith(totpStepAt(5, parameters), "TOTP_CLOCK", oidc::ErrorCategory::Input));
}

TEST(Totp, SecretFromAKeyAsCopied)
{
    // "12345678901234567890" in base32 (RFC 4648 §6), as apps show it: grouped, lower case.
    const std::string key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    EXPECT_EQ(secretFromKey(key).value(), kSeed20);
    EXPECT_EQ(secretFromKey(" gezd gnbv gy3t qojq gezd gnbv gy3t qojq\n").value(), kSeed20);
    EXPECT_EQ(secretFromKey("GEZDG-NBVGY-3TQOJ-QGEZD-GNBVG-Y3TQO-JQ").value(), kSeed20);
    EXPECT_TRUE(failsWith(secretFromKey("  "), "TOTP_SECRET", oidc::ErrorCategory::Input));
    EXPECT_TRUE(failsWith(secretFromKey("GEZDGNB1"), "BASE32_INVALID", oidc::ErrorCategory::Input));
    EXPECT_TRUE(failsWith(secretFromKey(std::string(208, 'A') + "AA"), "TOTP_SECRET", oidc::ErrorCategory::Input));
}

// ---- verification -----------------------------------------------------------------------------

constexpr int64_t kNow = 1111111111; // time step 37037037 (RFC 6238 Appendix B)

std::string codeAt(int64_t time)
{
    return totp(kSeed20, time).value();
}

TEST(TotpVerify, AcceptsTheCurrentCodeAndRecordsTheStep)
{
    TotpReplayState state;
    auto match = verifyTotp(kSeed20, codeAt(kNow), kNow, state);
    ASSERT_TRUE(match.ok()) << match.error().summary();
    EXPECT_EQ(match->offset, 0);
    EXPECT_EQ(match->step, kNow / 30);
    EXPECT_EQ(state.lastAcceptedStep, kNow / 30);
}

TEST(TotpVerify, AcceptsOneStepEitherSide)
{
    {
        TotpReplayState state;
        auto previous = verifyTotp(kSeed20, codeAt(kNow - 30), kNow, state);
        ASSERT_TRUE(previous.ok()) << previous.error().summary();
        EXPECT_EQ(previous->offset, -1);
    }
    {
        TotpReplayState state;
        auto next = verifyTotp(kSeed20, codeAt(kNow + 30), kNow, state);
        ASSERT_TRUE(next.ok()) << next.error().summary();
        EXPECT_EQ(next->offset, 1);
    }
}

TEST(TotpVerify, RefusesTwoStepsAway)
{
    TotpReplayState state;
    EXPECT_TRUE(failsWith(verifyTotp(kSeed20, codeAt(kNow - 60), kNow, state), "TOTP_CODE_INVALID", oidc::ErrorCategory::Input));
    EXPECT_TRUE(failsWith(verifyTotp(kSeed20, codeAt(kNow + 60), kNow, state), "TOTP_CODE_INVALID", oidc::ErrorCategory::Input));
    EXPECT_FALSE(state.lastAcceptedStep.has_value());
}

TEST(TotpVerify, WindowZeroAcceptsOnlyTheCurrentStep)
{
    TotpParameters parameters;
    parameters.window = 0;
    TotpReplayState state;
    EXPECT_TRUE(failsWith(verifyTotp(kSeed20, codeAt(kNow - 30), kNow, state, parameters), "TOTP_CODE_INVALID",
                          oidc::ErrorCategory::Input));
    EXPECT_TRUE(verifyTotp(kSeed20, codeAt(kNow), kNow, state, parameters).ok());
}

TEST(TotpVerify, RefusesAReplayedCode)
{
    TotpReplayState state;
    ASSERT_TRUE(verifyTotp(kSeed20, codeAt(kNow), kNow, state).ok());
    const TotpReplayState before = state;
    EXPECT_TRUE(failsWith(verifyTotp(kSeed20, codeAt(kNow), kNow, state), "TOTP_REPLAY", oidc::ErrorCategory::Input));
    // Still refused a little later, while the code is inside the window.
    EXPECT_TRUE(failsWith(verifyTotp(kSeed20, codeAt(kNow), kNow + 30, state), "TOTP_REPLAY", oidc::ErrorCategory::Input));
    EXPECT_EQ(state.lastAcceptedStep, before.lastAcceptedStep);
}

TEST(TotpVerify, RefusesAnOlderCodeAfterANewerOne)
{
    TotpReplayState state;
    ASSERT_TRUE(verifyTotp(kSeed20, codeAt(kNow + 30), kNow, state).ok()); // the device runs ahead
    EXPECT_TRUE(failsWith(verifyTotp(kSeed20, codeAt(kNow), kNow, state), "TOTP_REPLAY", oidc::ErrorCategory::Input));
}

TEST(TotpVerify, AcceptsTheNextStepsCode)
{
    TotpReplayState state;
    ASSERT_TRUE(verifyTotp(kSeed20, codeAt(kNow), kNow, state).ok());
    auto later = verifyTotp(kSeed20, codeAt(kNow + 30), kNow + 30, state);
    ASSERT_TRUE(later.ok()) << later.error().summary();
    EXPECT_EQ(state.lastAcceptedStep, (kNow + 30) / 30);
}

TEST(TotpVerify, RefusesMalformedCodes)
{
    TotpReplayState state;
    for (const char *code : {"", "12345", "1234567", "12345a", " 123456", "１２３４５６"})
        EXPECT_TRUE(failsWith(verifyTotp(kSeed20, code, kNow, state), "TOTP_CODE_FORMAT", oidc::ErrorCategory::Input)) << code;
}

TEST(TotpVerify, RefusesAWrongCode)
{
    TotpReplayState state;
    std::string code = codeAt(kNow);
    code[0] = code[0] == '9' ? '0' : static_cast<char>(code[0] + 1);
    EXPECT_TRUE(failsWith(verifyTotp(kSeed20, code, kNow, state), "TOTP_CODE_INVALID", oidc::ErrorCategory::Input));
}

TEST(TotpVerify, EightDigitSha512)
{
    TotpParameters parameters;
    parameters.algorithm = OtpAlgorithm::Sha512;
    parameters.digits = 8;
    TotpReplayState state;
    auto match = verifyTotp(kSeed64, "99943326", 1111111111, state, parameters); // RFC 6238 Appendix B
    ASSERT_TRUE(match.ok()) << match.error().summary();
    EXPECT_TRUE(failsWith(verifyTotp(kSeed64, "943326", 1111111111, state, parameters), "TOTP_CODE_FORMAT",
                          oidc::ErrorCategory::Input));
}

} // namespace
} // namespace oidc::otp
