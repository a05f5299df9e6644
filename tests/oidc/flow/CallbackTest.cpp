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
        ASSERT_TRUE(result.ok()) << result.error().summary();
        EXPECT_EQ(result->code(), QStringLiteral("abc"));
    } else {
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().category, ErrorCategory::Authz);
        EXPECT_EQ(result.error().code, row.code);
    }
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
    EXPECT_NE(result.error().message.find("<script>x</script>"), std::string::npos); // shown verbatim, never rendered
    EXPECT_EQ(result.error().actual, "access_denied");
}

} // namespace
