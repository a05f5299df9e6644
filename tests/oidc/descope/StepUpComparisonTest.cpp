// A session before and after a step-up (oidc/descope/StepUpComparison): which claims changed, what
// that says, and the checks (same user, su:true, re-issued), with their failure codes.

#include "oidc/descope/StepUpComparison.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace oidc::descope {
namespace {

const Json kStepUpSignedIn = {{"sub", "U1"}, {"amr", {"email"}}, {"iat", 1000}, {"exp", 1300}, {"rexp", "2026-01-01T00:00:00Z"}};

const ClaimComparison &stepUpClaimRow(const StepUpComparison &comparison, const std::string &claim)
{
    const auto found = std::find_if(comparison.claims.begin(), comparison.claims.end(),
                                    [&claim](const ClaimComparison &row) { return row.claim == claim; });
    EXPECT_NE(found, comparison.claims.end()) << claim;
    return *found;
}

const jwt::ClaimCheck &stepUpCheckRow(const StepUpComparison &comparison, const std::string &id)
{
    const auto found = std::find_if(comparison.checks.begin(), comparison.checks.end(),
                                    [&id](const jwt::ClaimCheck &check) { return check.id == id; });
    EXPECT_NE(found, comparison.checks.end()) << id;
    return *found;
}

TEST(StepUpComparisonTest, AStepUpWithAnotherMethod)
{
    Json after = kStepUpSignedIn;
    after["su"] = true;
    after["amr"] = {"email", "sms", "mfa"};
    after["iat"] = 1090;
    after["exp"] = 1390;
    const auto comparison = compareStepUp(kStepUpSignedIn, after);

    std::vector<std::string> claims;
    for (const auto &row : comparison.claims)
        claims.push_back(row.claim);
    EXPECT_EQ(claims, (std::vector<std::string>{"sub", "su", "amr", "iat", "exp", "rexp"}));
    EXPECT_FALSE(stepUpClaimRow(comparison, "sub").changed);
    const auto &su = stepUpClaimRow(comparison, "su");
    EXPECT_TRUE(su.changed);
    EXPECT_EQ(su.before, "absent");
    EXPECT_EQ(su.after, "true");
    EXPECT_EQ(su.title, "Stepped up");
    EXPECT_NE(su.meaning.find("now stepped up"), std::string::npos) << su.meaning;
    const auto &amr = stepUpClaimRow(comparison, "amr");
    EXPECT_TRUE(amr.changed);
    EXPECT_EQ(amr.after, R"(["email", "sms", "mfa"])");
    EXPECT_EQ(amr.before, R"(["email"])");
    EXPECT_NE(amr.meaning.find("(sms)"), std::string::npos) << amr.meaning;
    EXPECT_NE(amr.meaning.find("(mfa)"), std::string::npos) << amr.meaning;
    EXPECT_EQ(amr.meaning.find("(email)"), std::string::npos) << amr.meaning;
    const auto &iat = stepUpClaimRow(comparison, "iat");
    EXPECT_TRUE(iat.changed);
    EXPECT_EQ(iat.before, "1970-01-01 00:16:40 UTC");
    EXPECT_EQ(iat.meaning, "issued: 1 min 30 s later");
    EXPECT_TRUE(stepUpClaimRow(comparison, "exp").changed);
    EXPECT_FALSE(stepUpClaimRow(comparison, "rexp").changed);

    EXPECT_TRUE(comparison.passed());
    ASSERT_EQ(comparison.checks.size(), 3u);
    for (const auto &check : comparison.checks)
        EXPECT_EQ(check.outcome, jwt::CheckOutcome::Pass) << check.id << ": " << check.detail();
}

TEST(StepUpComparisonTest, TheSameMethodAddsNoneButStillStepsUp)
{
    Json after = kStepUpSignedIn;
    after["su"] = true;
    after["iat"] = 1000; // within the same second
    const auto comparison = compareStepUp(kStepUpSignedIn, after);
    EXPECT_FALSE(stepUpClaimRow(comparison, "amr").changed);
    EXPECT_NE(stepUpClaimRow(comparison, "amr").meaning.find("no new method"), std::string::npos);
    EXPECT_FALSE(stepUpClaimRow(comparison, "iat").changed);
    EXPECT_EQ(stepUpClaimRow(comparison, "iat").meaning, "issued: in the same second");
    EXPECT_EQ(stepUpCheckRow(comparison, "stepup_iat").detail(), "issued in the same second as the session it stepped up");
    EXPECT_TRUE(comparison.passed());
}

TEST(StepUpComparisonTest, RefusalsCarryTheirCodes)
{
    Json after = kStepUpSignedIn;
    after["sub"] = "U2";
    after["iat"] = 999;
    const auto comparison = compareStepUp(kStepUpSignedIn, after);
    EXPECT_FALSE(comparison.passed());
    EXPECT_EQ(stepUpCheckRow(comparison, "stepup_sub").code, "STEPUP_OTHER_USER");
    EXPECT_EQ(stepUpCheckRow(comparison, "stepup_su").code, "STEPUP_SU_MISSING");
    EXPECT_EQ(stepUpCheckRow(comparison, "stepup_iat").code, "STEPUP_NOT_REISSUED");
    EXPECT_TRUE(stepUpClaimRow(comparison, "sub").changed);
    EXPECT_NE(stepUpClaimRow(comparison, "su").meaning.find("not stepped up"), std::string::npos);
}

TEST(StepUpComparisonTest, AlreadySteppedUpAndMissingTimes)
{
    Json before = kStepUpSignedIn;
    before["su"] = true;
    before.erase("iat");
    Json after = before;
    const auto comparison = compareStepUp(before, after);
    EXPECT_FALSE(stepUpClaimRow(comparison, "su").changed);
    EXPECT_NE(stepUpClaimRow(comparison, "su").meaning.find("still stepped up"), std::string::npos);
    EXPECT_EQ(stepUpClaimRow(comparison, "iat").before, "absent");
    EXPECT_EQ(stepUpCheckRow(comparison, "stepup_iat").code, "STEPUP_NOT_REISSUED");
    EXPECT_EQ(stepUpCheckRow(comparison, "stepup_iat").detail(), "a token has no numeric iat");
}

} // namespace
} // namespace oidc::descope
