// ID token claim checks (OIDC Core 1.0 §3.1.3.7, RFC 7519 §4.1): each check id with a pass, a
// failure (exact code) and a skip, at the boundaries of the leeway.

#include "SpecVectors.h"

#include "oidc/jwt/ClaimChecks.h"

#include <functional>

namespace oidc::jwt {
namespace {

OIDCPLAY_PRINT_ROW_BY_NAME(CheckRow)
OIDCPLAY_PRINT_ROW_BY_NAME(HashRow)

namespace rfc = test::rfc;

using oidc::test::kNow;
constexpr const char *kIssuer = "https://issuer.example.com";
constexpr const char *kClient = "client-7Hq2";

DecodedJwt tokenWith(const Json &claims, std::string_view alg = "RS256")
{
    auto jwt = decodeJwt(test::compact(Json{{"alg", alg}}.dump(), claims.dump(), "sig"));
    EXPECT_TRUE(jwt.ok()) << (jwt.ok() ? "" : jwt.error().summary());
    return jwt.ok() ? jwt.value() : DecodedJwt{};
}

ClaimCheckOptions baseOptions()
{
    ClaimCheckOptions options;
    options.issuer = kIssuer;
    options.audience = kClient;
    options.now = kNow;
    return options;
}

const ClaimCheck *find(const std::vector<ClaimCheck> &checks, std::string_view id)
{
    for (const auto &check : checks)
        if (check.id == id)
            return &check;
    return nullptr;
}

struct CheckRow {
    const char *name;
    Json claims;
    std::function<void(ClaimCheckOptions &)> configure;
    const char *id;
    CheckOutcome outcome;
    const char *code = "";
    const char *alg = "RS256";
};

void none(ClaimCheckOptions &) {}

class ClaimCheckRows : public ::testing::TestWithParam<CheckRow> {};

TEST_P(ClaimCheckRows, Outcome)
{
    const auto &row = GetParam();
    ClaimCheckOptions options = baseOptions();
    row.configure(options);
    const auto checks = checkClaims(tokenWith(row.claims, row.alg), options);
    const ClaimCheck *check = find(checks, row.id);
    ASSERT_NE(check, nullptr) << row.id;
    EXPECT_EQ(static_cast<int>(check->outcome), static_cast<int>(row.outcome)) << check->detail();
    EXPECT_EQ(check->code, row.code) << check->detail();
    EXPECT_EQ(check->passed(), row.outcome != CheckOutcome::Fail);
    EXPECT_FALSE(check->rule().empty());
    EXPECT_FALSE(check->detail().empty());
}

constexpr auto Pass = CheckOutcome::Pass;
constexpr auto Fail = CheckOutcome::Fail;
constexpr auto Skip = CheckOutcome::Skip;

const std::string kLongSub(256, 's');

INSTANTIATE_TEST_SUITE_P(
    OIDCCore_3_1_3_7, ClaimCheckRows,
    ::testing::Values(
        // #2 iss: exact string comparison.
        CheckRow{"iss_pass", {{"iss", kIssuer}}, none, "iss", Pass},
        CheckRow{"iss_mismatch", {{"iss", "https://evil.example.com"}}, none, "iss", Fail, "ISS_MISMATCH"},
        CheckRow{"iss_trailing_slash", {{"iss", std::string(kIssuer) + "/"}}, none, "iss", Fail, "ISS_MISMATCH"},
        CheckRow{"iss_case", {{"iss", "https://ISSUER.example.com"}}, none, "iss", Fail, "ISS_MISMATCH"},
        CheckRow{"iss_missing", Json::object(), none, "iss", Fail, "ISS_MISSING"},
        CheckRow{"iss_skip", {{"iss", "x"}}, [](auto &o) { o.issuer.reset(); }, "iss", Skip},
        // #3 aud: contains the client_id; a string or an array.
        CheckRow{"aud_string", {{"aud", kClient}}, none, "aud", Pass},
        CheckRow{"aud_array_one", {{"aud", {kClient}}}, none, "aud", Pass},
        CheckRow{"aud_array_several", {{"aud", {"api://x", kClient}}}, none, "aud", Pass},
        CheckRow{"aud_mismatch", {{"aud", "other-client"}}, none, "aud", Fail, "AUD_MISMATCH"},
        CheckRow{"aud_array_without_client", {{"aud", {"a", "b"}}}, none, "aud", Fail, "AUD_MISMATCH"},
        CheckRow{"aud_prefix_is_not_a_match", {{"aud", std::string(kClient) + "x"}}, none, "aud", Fail, "AUD_MISMATCH"},
        CheckRow{"aud_missing", Json::object(), none, "aud", Fail, "AUD_MISSING"},
        CheckRow{"aud_empty_array", {{"aud", Json::array()}}, none, "aud", Fail, "AUD_MISSING"},
        CheckRow{"aud_skip", {{"aud", kClient}}, [](auto &o) { o.audience.reset(); }, "aud", Skip},
        // #4–5 azp.
        CheckRow{"azp_pass", {{"aud", {kClient, "api://x"}}, {"azp", kClient}}, none, "azp", Pass},
        CheckRow{"azp_missing_several_audiences", {{"aud", {kClient, "api://x"}}}, none, "azp", Fail, "AZP_MISSING"},
        CheckRow{"azp_mismatch", {{"aud", kClient}, {"azp", "other-client"}}, none, "azp", Fail, "AZP_MISMATCH"},
        CheckRow{"azp_absent_single_audience", {{"aud", {kClient}}}, none, "azp", Skip},
        CheckRow{"azp_skip_no_client", {{"aud", {kClient, "x"}}}, [](auto &o) { o.audience.reset(); }, "azp", Skip},
        // #9 exp, with the default 30 s leeway.
        CheckRow{"exp_future", {{"exp", kNow + 3600}}, none, "exp", Pass},
        CheckRow{"exp_within_leeway", {{"exp", kNow - 29}}, none, "exp", Pass},
        CheckRow{"exp_leeway_boundary", {{"exp", kNow - 30}}, none, "exp", Fail, "EXPIRED"},
        CheckRow{"exp_long_ago", {{"exp", rfc::kA1Exp}}, none, "exp", Fail, "EXPIRED"},
        CheckRow{"exp_no_leeway_equal", {{"exp", kNow}}, [](auto &o) { o.leewaySeconds = 0; }, "exp", Fail, "EXPIRED"},
        CheckRow{"exp_no_leeway_one_second_left", {{"exp", kNow + 1}}, [](auto &o) { o.leewaySeconds = 0; }, "exp", Pass},
        CheckRow{"exp_far_future_saturates", {{"exp", 1e300}}, none, "exp", Pass},
        CheckRow{"exp_max_int64", {{"exp", std::numeric_limits<int64_t>::max()}}, none, "exp", Pass},
        CheckRow{"exp_min_int64", {{"exp", std::numeric_limits<int64_t>::min()}}, none, "exp", Fail, "EXPIRED"},
        CheckRow{"exp_huge_leeway_saturates", {{"exp", kNow - 10}}, [](auto &o) { o.leewaySeconds = std::numeric_limits<int64_t>::max(); }, "exp", Pass},
        CheckRow{"exp_missing", Json::object(), none, "exp", Fail, "EXP_MISSING"},
        CheckRow{"exp_skip_not_required", Json::object(), [](auto &o) { o.requireExpiry = false; }, "exp", Skip},
        // RFC 7519 §4.1.5 nbf.
        CheckRow{"nbf_past", {{"nbf", kNow - 10}}, none, "nbf", Pass},
        CheckRow{"nbf_leeway_boundary", {{"nbf", kNow + 30}}, none, "nbf", Pass},
        CheckRow{"nbf_future", {{"nbf", kNow + 31}}, none, "nbf", Fail, "NOT_YET_VALID"},
        CheckRow{"nbf_huge_leeway_saturates", {{"nbf", kNow + 10}}, [](auto &o) { o.leewaySeconds = std::numeric_limits<int64_t>::max(); }, "nbf", Pass},
        CheckRow{"nbf_uint64_max", {{"nbf", std::numeric_limits<uint64_t>::max()}}, none, "nbf", Fail, "NOT_YET_VALID"},
        CheckRow{"nbf_absent", Json::object(), none, "nbf", Skip},
        // #10 iat.
        CheckRow{"iat_now", {{"iat", kNow}}, none, "iat", Pass},
        CheckRow{"iat_leeway_boundary", {{"iat", kNow + 30}}, none, "iat", Pass},
        CheckRow{"iat_future", {{"iat", kNow + 31}}, none, "iat", Fail, "IAT_FUTURE"},
        CheckRow{"iat_uint64_max", {{"iat", std::numeric_limits<uint64_t>::max()}}, none, "iat", Fail, "IAT_FUTURE"},
        CheckRow{"iat_week_old_no_limit", {{"iat", kNow - 7 * 86400}}, none, "iat", Pass},
        CheckRow{"iat_week_old", {{"iat", kNow - 7 * 86400}}, [](auto &o) { o.maxIatAge = 3600; }, "iat", Fail, "IAT_TOO_OLD"},
        CheckRow{"iat_age_boundary", {{"iat", kNow - 3600 - 30}}, [](auto &o) { o.maxIatAge = 3600; }, "iat", Pass},
        CheckRow{"iat_age_past_boundary", {{"iat", kNow - 3600 - 31}}, [](auto &o) { o.maxIatAge = 3600; }, "iat", Fail, "IAT_TOO_OLD"},
        CheckRow{"iat_missing_required", Json::object(), [](auto &o) { o.requireIssuedAt = true; }, "iat", Fail, "IAT_MISSING"},
        CheckRow{"iat_absent", Json::object(), none, "iat", Skip},
        // OIDC Core §2 sub.
        CheckRow{"sub_pass", {{"sub", "24400320"}}, [](auto &o) { o.requireSubject = true; }, "sub", Pass},
        CheckRow{"sub_missing", Json::object(), [](auto &o) { o.requireSubject = true; }, "sub", Fail, "SUB_MISSING"},
        CheckRow{"sub_empty", {{"sub", ""}}, none, "sub", Fail, "SUB_INVALID"},
        CheckRow{"sub_too_long", {{"sub", kLongSub}}, none, "sub", Fail, "SUB_INVALID"},
        CheckRow{"sub_255", {{"sub", kLongSub.substr(0, 255)}}, none, "sub", Pass},
        CheckRow{"sub_absent_not_required", Json::object(), none, "sub", Skip},
        // #11 nonce.
        CheckRow{"nonce_pass", {{"nonce", "n-0S6_WzA2Mj"}}, [](auto &o) { o.nonce = "n-0S6_WzA2Mj"; }, "nonce", Pass},
        CheckRow{"nonce_mismatch", {{"nonce", "n-0S6_WzA2Mk"}}, [](auto &o) { o.nonce = "n-0S6_WzA2Mj"; }, "nonce", Fail, "NONCE_MISMATCH"},
        CheckRow{"nonce_missing", Json::object(), [](auto &o) { o.nonce = "n-0S6_WzA2Mj"; }, "nonce", Fail, "NONCE_MISSING"},
        CheckRow{"nonce_skip", {{"nonce", "anything"}}, none, "nonce", Skip},
        // #13 auth_time with max_age.
        CheckRow{"auth_time_recent", {{"auth_time", kNow - 60}}, [](auto &o) { o.maxAge = 300; }, "auth_time", Pass},
        CheckRow{"auth_time_boundary", {{"auth_time", kNow - 330}}, [](auto &o) { o.maxAge = 300; }, "auth_time", Pass},
        CheckRow{"auth_time_too_old", {{"auth_time", kNow - 331}}, [](auto &o) { o.maxAge = 300; }, "auth_time", Fail, "AUTH_TIME_TOO_OLD"},
        CheckRow{"auth_time_max_age_zero", {{"auth_time", kNow - 31}}, [](auto &o) { o.maxAge = 0; }, "auth_time", Fail, "AUTH_TIME_TOO_OLD"},
        CheckRow{"auth_time_missing", Json::object(), [](auto &o) { o.maxAge = 300; }, "auth_time", Fail, "AUTH_TIME_MISSING"},
        CheckRow{"auth_time_skip", {{"auth_time", 1}}, none, "auth_time", Skip},
        // §3.1.3.8 / §3.2.2.9 at_hash, §3.3.2.11 c_hash (OIDC Core Appendix A.3 / A.4 values).
        CheckRow{"OIDCCore_A3_at_hash", {{"at_hash", rfc::kOidcAtHash}}, [](auto &o) { o.accessToken = std::string(rfc::kOidcAccessToken); },
                 "at_hash", Pass},
        CheckRow{"at_hash_mismatch", {{"at_hash", rfc::kOidcAtHash}}, [](auto &o) { o.accessToken = "another-token"; }, "at_hash", Fail,
                 "AT_HASH_MISMATCH"},
        CheckRow{"at_hash_other_alg", {{"at_hash", rfc::kOidcAtHash}}, [](auto &o) { o.accessToken = std::string(rfc::kOidcAccessToken); },
                 "at_hash", Fail, "AT_HASH_MISMATCH", "RS384"},
        CheckRow{"at_hash_alg_none_fails_closed", {{"at_hash", rfc::kOidcAtHash}},
                 [](auto &o) { o.accessToken = std::string(rfc::kOidcAccessToken); }, "at_hash", Fail, "HASH_ALG_UNKNOWN", "none"},
        CheckRow{"at_hash_alg_unknown_fails_closed", {{"at_hash", rfc::kOidcAtHash}},
                 [](auto &o) { o.accessToken = std::string(rfc::kOidcAccessToken); }, "at_hash", Fail, "HASH_ALG_UNKNOWN", "XS256"},
        CheckRow{"at_hash_absent", Json::object(), [](auto &o) { o.accessToken = "t"; }, "at_hash", Skip},
        CheckRow{"at_hash_no_token_given", {{"at_hash", rfc::kOidcAtHash}}, none, "at_hash", Skip},
        CheckRow{"OIDCCore_A4_c_hash", {{"c_hash", rfc::kOidcCHash}}, [](auto &o) { o.code = std::string(rfc::kOidcCode); }, "c_hash", Pass},
        CheckRow{"c_hash_mismatch", {{"c_hash", rfc::kOidcCHash}}, [](auto &o) { o.code = "another-code"; }, "c_hash", Fail, "C_HASH_MISMATCH"},
        CheckRow{"c_hash_alg_none_fails_closed", {{"c_hash", rfc::kOidcCHash}}, [](auto &o) { o.code = std::string(rfc::kOidcCode); },
                 "c_hash", Fail, "HASH_ALG_UNKNOWN", "none"},
        CheckRow{"c_hash_absent", Json::object(), [](auto &o) { o.code = "c"; }, "c_hash", Skip}),
    test::RowName{});

TEST(ClaimChecks, AllChecksInOrder)
{
    const auto checks = checkClaims(tokenWith({{"iss", kIssuer}, {"aud", kClient}, {"exp", kNow + 60}}), baseOptions());
    std::vector<std::string> ids;
    for (const auto &check : checks)
        ids.push_back(check.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"iss", "aud", "azp", "exp", "nbf", "iat", "sub", "nonce", "auth_time", "at_hash", "c_hash"}));
    for (const auto &check : checks)
        EXPECT_TRUE(check.passed()) << check.id << ": " << check.detail();
}

TEST(ClaimChecks, ExpiryDetailShowsBothTimes)
{
    const auto checks = checkClaims(tokenWith({{"exp", kNow - 272}}), baseOptions());
    const ClaimCheck *exp = find(checks, "exp");
    ASSERT_NE(exp, nullptr);
    EXPECT_NE(exp->detail().find("4 min 32 s ago"), std::string::npos) << exp->detail();
    EXPECT_NE(exp->detail().find(std::to_string(kNow - 272)), std::string::npos) << exp->detail();
    EXPECT_NE(exp->detail().find(std::to_string(kNow)), std::string::npos) << exp->detail();
    EXPECT_NE(exp->detail().find("2023-11-14 22:13:20 UTC"), std::string::npos) << exp->detail();
}

TEST(ClaimChecks, NonceDetailNeverEchoesTheValues)
{
    ClaimCheckOptions options = baseOptions();
    options.nonce = "expected-secret-nonce";
    const auto checks = checkClaims(tokenWith({{"nonce", "attacker-nonce"}}), options);
    const ClaimCheck *nonce = find(checks, "nonce");
    ASSERT_NE(nonce, nullptr);
    EXPECT_EQ(nonce->detail().find("expected-secret-nonce"), std::string::npos);
}

// The texts are formatted when read: they quote copies, not the token or the options, which a
// check outlives in the GUI's lists and the CLI's reports.
TEST(ClaimChecks, TextsOutliveTheTokenAndTheOptions)
{
    std::vector<ClaimCheck> checks;
    {
        ClaimCheckOptions options = baseOptions();
        options.issuer = "https://expected.example.com/tenants/a-long-tenant-path";
        options.leewaySeconds = 45;
        const DecodedJwt jwt = tokenWith({{"iss", "https://other.example.com/tenants/another-long-path"},
                                          {"aud", {"an-audience-long-enough-to-allocate", kClient, "x\"y"}},
                                          {"exp", kNow - 10}});
        checks = checkClaims(jwt, options);
    }
    const std::vector<ClaimCheck> copies = checks;
    checks.clear();
    EXPECT_EQ(find(copies, "iss")->detail(), "issuer mismatch: expected \"https://expected.example.com/tenants/a-long-tenant-path\", "
                                             "token says \"https://other.example.com/tenants/another-long-path\"");
    EXPECT_EQ(find(copies, "aud")->detail(), "\"client-7Hq2\"; other audiences: \"an-audience-long-enough-to-allocate\", \"x\"y\"");
    EXPECT_EQ(find(copies, "exp")->rule(), "the current time must be before exp, plus 45 s leeway (OIDC Core §3.1.3.7 #9, RFC 7519 §4.1.4)");
    EXPECT_EQ(find(copies, "exp")->detail(), "expired 10 s ago, within the leeway: exp 2023-11-14 22:13:10 UTC (" + std::to_string(kNow - 10) + ")");
    EXPECT_EQ(find(copies, "at_hash")->rule(),
              "at_hash must be the left half of the RS256 hash of the access token, base64url (OIDC Core §3.1.3.8, §3.3.2.11)");
}

// A check made with its texts keeps them, and a text set later replaces the formatted one.
TEST(ClaimChecks, GivenTextsAreKept)
{
    ClaimCheck given("custom", "a rule", CheckOutcome::Fail, "a detail", "CUSTOM_FAILED");
    EXPECT_EQ(given.rule(), "a rule");
    EXPECT_EQ(given.detail(), "a detail");
    const auto checks = checkClaims(tokenWith({{"sub", "user-1"}}), baseOptions());
    ASSERT_NE(find(checks, "sub"), nullptr);
    ClaimCheck formatted = *find(checks, "sub");
    EXPECT_EQ(formatted.detail(), "\"user-1\"");
    formatted.setDetail("replaced");
    EXPECT_EQ(formatted.detail(), "replaced");
    EXPECT_EQ(formatted.rule(), "sub must be a non-empty string of at most 255 ASCII characters (OIDC Core §2)");
}

TEST(ClaimChecks, SystemClockIsUsedWithoutNow)
{
    ClaimCheckOptions options = baseOptions();
    options.now.reset();
    const int64_t now = unixNow();
    EXPECT_GT(now, kNow);
    EXPECT_EQ(find(checkClaims(tokenWith({{"exp", now + 600}}), options), "exp")->outcome, CheckOutcome::Pass);
    EXPECT_EQ(find(checkClaims(tokenWith({{"exp", now - 600}}), options), "exp")->outcome, CheckOutcome::Fail);
}

struct HashRow {
    const char *name;
    const char *alg;
    const char *value;
    const char *expected;
};

class HalfHash : public ::testing::TestWithParam<HashRow> {};

TEST_P(HalfHash, LeftHalfBase64Url)
{
    EXPECT_EQ(halfHash(GetParam().alg, GetParam().value), GetParam().expected);
}

// OIDC Core A.3/A.4, plus values computed independently with Python's hashlib.
INSTANTIATE_TEST_SUITE_P(
    OIDCCore_3_3_2_11, HalfHash,
    ::testing::Values(HashRow{"A3_at_hash_RS256", "RS256", "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", "77QmUPtjPfzWtF2AnpK9RQ"},
                      HashRow{"A4_c_hash_RS256", "RS256", "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk", "LDktKdoQak3Pk0cnXxCltA"},
                      HashRow{"uuid_RS256", "RS256", "1940a308-d492-3660-a9f8-46723cc582e9", "JrZY9MtYVEIIJUx-DDBmww"},
                      HashRow{"HS256", "HS256", "dNZX1hEZ9wBCzNL40Upu646bdzQA", "wfgvmE9VxjAudsl9lc6TqA"},
                      HashRow{"ES384", "ES384", "dNZX1hEZ9wBCzNL40Upu646bdzQA", "phZaPQJosyg-qi-OIYyQ3xJB9wsHYEEz"},
                      HashRow{"PS512", "PS512", "dNZX1hEZ9wBCzNL40Upu646bdzQA", "8xltSlOGYrWy8W9yNvRlEth1i_bXW-JROWPLvCv5zog"},
                      HashRow{"EdDSA_Ed25519_SHA512", "EdDSA", "dNZX1hEZ9wBCzNL40Upu646bdzQA", "8xltSlOGYrWy8W9yNvRlEth1i_bXW-JROWPLvCv5zog"}),
    test::RowName{});

TEST(HalfHash, UnknownAlgorithmsYieldNothing)
{
    for (const char *alg : {"none", "", "RS1", "rs256", "Ed25519X"})
        EXPECT_EQ(halfHash(alg, "value"), std::nullopt) << alg;
}

} // namespace
} // namespace oidc::jwt
