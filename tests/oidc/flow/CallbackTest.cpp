// The authorization response checks (validateCallback in oidc/flow/AuthorizationRequest, rp-checks A1–A6).

#include "FlowFixtures.h"

#include "oidc/flow/AuthorizationRequest.h"

#include <gtest/gtest.h>

namespace {

using namespace oidc;
using namespace oidc::flow;
using flowtest::pendingFor;

// ---- Callback (rp-checks A1–A6) ----

struct CallbackRow {
    const char *name;
    const char *query;
    bool issRequired;
    const char *code; // expected error code, or "" for success
};

class CallbackTest : public ::testing::TestWithParam<CallbackRow> {};

TEST_P(CallbackTest, Validates)
{
    const auto &row = GetParam();
    const QUrl url(QStringLiteral("http://127.0.0.1:5555/callback?") + QString::fromLatin1(row.query));
    const auto result = validateCallback(url, pendingFor(row.issRequired));
    if (std::string(row.code).empty()) {
        ASSERT_TRUE(result.ok()) << result.error->summary();
        EXPECT_EQ(result.callback->code(), QStringLiteral("abc"));
    } else {
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error->category, ErrorCategory::Authz);
        EXPECT_EQ(result.error->code, row.code);
        EXPECT_FALSE(result.callback.has_value());
    }
    // Every check is named, in the core's order, and the verdict is the first one that failed.
    std::vector<std::string> ids;
    const jwt::ClaimCheck *firstFailure = nullptr;
    for (const auto &check : result.checks) {
        ids.push_back(check.id);
        EXPECT_FALSE(check.rule().empty()) << check.id;
        EXPECT_EQ(check.code.empty(), check.outcome != jwt::CheckOutcome::Fail) << check.id;
        if (!firstFailure && check.outcome == jwt::CheckOutcome::Fail)
            firstFailure = &check;
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"parameters", "state", "iss", "error", "implicit", "code"}));
    EXPECT_EQ(firstFailure ? firstFailure->code : std::string(), row.code);
    // Issue 14, defect 4: only a callback whose state check failed is another request's (stray).
    EXPECT_EQ(result.answersRequest, !std::string(row.code).starts_with("AUTHZ_STATE_"));
}

INSTANTIATE_TEST_SUITE_P(
    RpChecks, CallbackTest,
    ::testing::Values(CallbackRow{"Valid", "code=abc&state=s1&iss=https%3A%2F%2Fop.example", true, ""},
                      CallbackRow{"ValidWithoutIssWhenNotAnnounced", "code=abc&state=s1", false, ""},
                      CallbackRow{"A1_StateWrong", "code=abc&state=s2&iss=https%3A%2F%2Fop.example", true, "AUTHZ_STATE_MISMATCH"},
                      CallbackRow{"A1_StateMissing", "code=abc&iss=https%3A%2F%2Fop.example", true, "AUTHZ_STATE_MISSING"},
                      CallbackRow{"A2_IssWrong", "code=abc&state=s1&iss=https%3A%2F%2Fevil.example", true, "AUTHZ_ISS_MISMATCH"},
                      CallbackRow{"A2_IssWrongEvenWhenNotAnnounced", "code=abc&state=s1&iss=https%3A%2F%2Fevil.example", false,
                                  "AUTHZ_ISS_MISMATCH"},
                      CallbackRow{"A3_IssMissing", "code=abc&state=s1", true, "AUTHZ_ISS_MISSING"},
                      CallbackRow{"A4_ProviderError", "error=access_denied&error_description=%3Cb%3Eno%3C%2Fb%3E&state=s1&iss=https%3A%2F%2Fop.example",
                                  true, "AUTHZ_PROVIDER_ERROR"},
                      CallbackRow{"A4_StateCheckedBeforeError", "error=access_denied&state=zz", true, "AUTHZ_STATE_MISMATCH"},
                      CallbackRow{"A5_DuplicateCode", "code=abc&code=def&state=s1&iss=https%3A%2F%2Fop.example", true, "AUTHZ_DUPLICATE_PARAM"},
                      CallbackRow{"A5_NoCodeNoError", "state=s1&iss=https%3A%2F%2Fop.example", true, "AUTHZ_NO_CODE"},
                      CallbackRow{"A6_ImplicitParams", "code=abc&id_token=x.y.z&state=s1&iss=https%3A%2F%2Fop.example", true,
                                  "AUTHZ_UNEXPECTED_PARAM"}),
    [](const auto &row) { return std::string(row.param.name); });

TEST(Callback, A4_ProviderTextIsKeptAsPlainText)
{
    const QUrl url(QStringLiteral("http://127.0.0.1/cb?error=access_denied&error_description=%3Cscript%3Ex%3C%2Fscript%3E&state=s1&iss=https%3A%2F%2Fop.example"));
    const auto result = validateCallback(url, pendingFor());
    ASSERT_FALSE(result.ok());
    EXPECT_NE(result.error->message.find("<script>x</script>"), std::string::npos); // shown verbatim, never rendered
    EXPECT_EQ(result.error->actual, "access_denied");
}

// The checks the flow page shows are the ones that decided (issue 7): skipped rules say why, the
// code is shown redacted, and a callback without a state when none was sent is not tied to anything.
TEST(Callback, ChecksAreDataWithTheirOutcomes)
{
    const auto outcome = [](const CallbackValidation &validation, const char *id) {
        for (const auto &check : validation.checks)
            if (check.id == id)
                return check;
        ADD_FAILURE() << "no check " << id;
        return jwt::ClaimCheck{};
    };
    const auto valid = validateCallback(QUrl(QStringLiteral("http://127.0.0.1/cb?code=SECRET-CODE-123456&state=s1")), pendingFor(false));
    ASSERT_TRUE(valid.ok());
    EXPECT_EQ(outcome(valid, "state").outcome, jwt::CheckOutcome::Pass);
    EXPECT_EQ(outcome(valid, "iss").outcome, jwt::CheckOutcome::Skip);
    EXPECT_EQ(outcome(valid, "code").outcome, jwt::CheckOutcome::Pass);
    EXPECT_EQ(outcome(valid, "code").detail().find("SECRET-CODE-123456"), std::string::npos);

    auto noState = pendingFor(false);
    noState.state.clear();
    const auto untied = validateCallback(QUrl(QStringLiteral("http://127.0.0.1/cb?code=abc")), noState);
    ASSERT_TRUE(untied.ok());
    EXPECT_EQ(outcome(untied, "state").outcome, jwt::CheckOutcome::Skip);
    EXPECT_EQ(validateCallback(QUrl(QStringLiteral("http://127.0.0.1/cb?code=abc&state=x")), noState).error->code, "AUTHZ_STATE_UNEXPECTED");

    const auto refused = validateCallback(QUrl(QStringLiteral("http://127.0.0.1/cb?error=login_required&state=s1&iss=https%3A%2F%2Fop.example")),
                                          pendingFor());
    EXPECT_EQ(outcome(refused, "error").outcome, jwt::CheckOutcome::Fail);
    EXPECT_EQ(outcome(refused, "code").outcome, jwt::CheckOutcome::Skip); // an error response carries no code
    EXPECT_EQ(refused.error->code, "AUTHZ_PROVIDER_ERROR");
}

} // namespace
