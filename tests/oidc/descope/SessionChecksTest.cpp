// Session JWT checks (descope-api.md §2.2, §2.4): signature against the project's keys, iss in
// the forms the SDKs accept, exp with node's 5 s tolerance, drn; roles, permissions and tenants as
// node's validate* functions; su and amr explained. Each check is data with an id.

#include "DescopeTestSupport.h"

#include "oidc/descope/DescopeSession.h"

#include <algorithm>

namespace oidc::descope {
namespace {

using oidc::test::failsWith;
using oidc::test::succeeds;

constexpr int64_t kNow = 1700000000;

SessionCheckOptions at(int64_t now)
{
    SessionCheckOptions options;
    options.now = now;
    return options;
}

const jwt::ClaimCheck *find(const std::vector<jwt::ClaimCheck> &checks, const std::string &id)
{
    const auto it = std::find_if(checks.begin(), checks.end(), [&](const jwt::ClaimCheck &check) { return check.id == id; });
    return it == checks.end() ? nullptr : &*it;
}

SessionValidation validate(const Json &claims, const std::string &kid = {})
{
    return validateSessionJwt(test::signJwt(claims, kid), test::publicKeys(), test::project(), at(kNow));
}

TEST(SessionValidatorTest, ADescopeSessionJwtPasses)
{
    const auto validation = validate(test::sessionClaims(kNow));
    ASSERT_TRUE(validation.ok()) << validation.error->summary();
    std::vector<std::string> ids;
    for (const auto &check : validation.checks)
        ids.push_back(check.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"session.signature", "session.iss", "session.exp", "session.nbf", "session.iat", "session.sub",
                                             "session.drn"}));
    EXPECT_NE(find(validation.checks, "session.iss")->detail().find("exactly <base>/<projectId>"), std::string::npos);
}

struct IssuerRow {
    const char *name;
    const char *iss;
    bool passes;
};

OIDCPLAY_PRINT_ROW_BY_NAME(IssuerRow)

class SessionIssuer : public ::testing::TestWithParam<IssuerRow> {};

TEST_P(SessionIssuer, AcceptsTheFormsTheSdksAccept_2_2)
{
    Json claims = test::sessionClaims(kNow);
    claims["iss"] = GetParam().iss;
    const auto validation = validate(claims);
    const auto *check = find(validation.checks, "session.iss");
    ASSERT_NE(check, nullptr);
    EXPECT_EQ(check->passed(), GetParam().passes) << check->detail();
    if (!GetParam().passes) {
        ASSERT_TRUE(validation.error.has_value());
        EXPECT_EQ(validation.error->code, "DESCOPE_ISS_MISMATCH");
        EXPECT_EQ(validation.error->category, ErrorCategory::IdToken);
    }
}

INSTANTIATE_TEST_SUITE_P(Rows, SessionIssuer,
                         ::testing::Values(IssuerRow{"url_base_and_project", test::kIssuer, true},
                                           IssuerRow{"bare_project_id", test::kProjectId, true},
                                           IssuerRow{"other_host_same_project", "https://auth.example.com/P2TestProject0000000000000001", true},
                                           IssuerRow{"app_scoped_issuer", "https://api.descope.com/P2TestProject0000000000000001/app1", true},
                                           IssuerRow{"other_project", "https://api.descope.com/P2OtherProject00000000000001", false},
                                           IssuerRow{"project_too_deep", "https://api.descope.com/P2TestProject0000000000000001/a/b", false},
                                           IssuerRow{"prefix_of_project", "https://api.descope.com/P2TestProject", false}),
                         oidc::test::RowName());

TEST(SessionValidatorTest, ExpiryUsesFiveSecondsLeewayAndIsAClockError)
{
    Json claims = test::sessionClaims(kNow - 400);
    claims["exp"] = kNow - 4;
    EXPECT_TRUE(validate(claims).ok());
    claims["exp"] = kNow - 6;
    const auto expired = validate(claims);
    ASSERT_FALSE(expired.ok());
    EXPECT_EQ(expired.error->code, "EXPIRED");
    EXPECT_EQ(expired.error->category, ErrorCategory::Clock);
    EXPECT_FALSE(find(expired.checks, "session.exp")->passed());
}

TEST(SessionValidatorTest, RefreshJwtIsNotASessionJwt)
{
    Json claims = test::sessionClaims(kNow);
    claims["drn"] = "DSR";
    const auto validation = validate(claims);
    ASSERT_FALSE(validation.ok());
    EXPECT_EQ(validation.error->code, "DESCOPE_DRN_MISMATCH");
    EXPECT_NE(find(validation.checks, "session.drn")->detail().find("refresh JWT"), std::string::npos);
    claims.erase("drn");
    EXPECT_EQ(validate(claims).error->code, "DESCOPE_DRN_MISSING");
}

TEST(SessionValidatorTest, SignatureAndKeys)
{
    const auto unknown = validate(test::sessionClaims(kNow), "rotated-key");
    ASSERT_FALSE(unknown.ok());
    EXPECT_TRUE(unknown.unknownKid());
    EXPECT_EQ(unknown.error->category, ErrorCategory::Keys);
    std::string token = test::signJwt(test::sessionClaims(kNow));
    char &inSignature = token[token.size() - 10]; // not the last character, whose low bits are padding
    inSignature = inSignature == 'A' ? 'B' : 'A';
    const auto tampered = validateSessionJwt(token, test::publicKeys(), test::project(), at(kNow));
    ASSERT_FALSE(tampered.ok());
    EXPECT_EQ(tampered.error->code, "SIGNATURE_INVALID");
    EXPECT_EQ(tampered.error->category, ErrorCategory::IdToken);
    const auto noKeys = validateSessionJwt(test::signJwt(test::sessionClaims(kNow)), {}, test::project(), at(kNow));
    EXPECT_EQ(noKeys.error->code, "KEYS_MISSING");
    const auto garbage = validateSessionJwt("not.a.jwt", test::publicKeys(), test::project(), at(kNow));
    EXPECT_FALSE(garbage.jwt.has_value());
    EXPECT_EQ(garbage.error->category, ErrorCategory::IdToken);
}

TEST(AuthorizationChecksTest, ProjectLevelRolesAndPermissions)
{
    const Json claims = test::sessionClaims(kNow);
    const auto checks = checkAuthorization(claims, {{"user", "admin"}, {"read:data"}, {}});
    ASSERT_EQ(checks.size(), 3u);
    EXPECT_EQ(checks[0].id, "roles.user");
    EXPECT_TRUE(checks[0].passed());
    EXPECT_EQ(checks[1].id, "roles.admin");
    EXPECT_FALSE(checks[1].passed());
    EXPECT_EQ(checks[1].code, "DESCOPE_ROLE_MISSING");
    EXPECT_NE(checks[1].detail().find("expected role \"admin\" at project level; the token holds: user"), std::string::npos) << checks[1].detail();
    EXPECT_EQ(checks[2].id, "permissions.read:data");
    EXPECT_TRUE(checks[2].passed());
    const auto error = firstFailure(checks);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->code, "DESCOPE_ROLE_MISSING");
}

TEST(AuthorizationChecksTest, TenantRolesNeedTheTenant)
{
    const Json claims = test::sessionClaims(kNow);
    const auto inTenant = checkAuthorization(claims, {{"admin"}, {"write:data"}, "T1"});
    ASSERT_EQ(inTenant.size(), 3u);
    EXPECT_EQ(inTenant[0].id, "tenant.T1");
    EXPECT_FALSE(firstFailure(inTenant).has_value());
    const auto foreign = checkAuthorization(claims, {{"admin"}, {}, "T2"});
    EXPECT_EQ(foreign[0].code, "DESCOPE_TENANT_NOT_ASSOCIATED");
    EXPECT_NE(foreign[0].detail().find("holds tenants: T1"), std::string::npos);
    EXPECT_EQ(foreign[1].code, "DESCOPE_ROLE_MISSING");
}

TEST(SessionClaimsTest, StepUpAndMethodsInWords)
{
    Json claims = test::sessionClaims(kNow);
    claims["su"] = true;
    claims["amr"] = Json::array({"email", "totp", "mfa"});
    const auto notes = explainSessionClaims(claims);
    ASSERT_EQ(notes.size(), 2u);
    EXPECT_EQ(notes[0].claim, "su");
    EXPECT_EQ(notes[0].title, "Stepped up");
    EXPECT_NE(notes[0].meaning.find("step-up"), std::string::npos);
    EXPECT_EQ(notes[1].value, R"(["email","totp","mfa"])");
    EXPECT_NE(notes[1].meaning.find("an authenticator app code (totp)"), std::string::npos) << notes[1].meaning;
    EXPECT_NE(notes[1].meaning.find("two or more different methods (mfa)"), std::string::npos);
    claims.erase("su");
    EXPECT_EQ(explainSessionClaims(claims)[0].value, "absent");
}

TEST(DescopeSessionTest, ASessionOnlyAfterEveryCheck)
{
    JwtResponse tokens;
    tokens.sessionJwt = test::signJwt(test::sessionClaims(kNow));
    tokens.refreshJwt = test::signJwt({{"drn", "DSR"}, {"sub", "U2TestUser00000000000000001"}, {"exp", kNow + 1800}});
    tokens.user = DescopeUser{"U2TestUser00000000000000001", {"alice@example.com"}, {}, {}, {}, {}, Json::object()};
    const auto outcome = evaluateSession(tokens, test::publicKeys(), test::project(), {}, at(kNow));
    ASSERT_TRUE(succeeds(outcome.result));
    EXPECT_EQ(outcome.result->userId, "U2TestUser00000000000000001");
    EXPECT_EQ(outcome.result->loginIds, std::vector<std::string>{"alice@example.com"});
    EXPECT_EQ(outcome.result->expiresAt, kNow + 300);
    EXPECT_EQ(outcome.result->refreshExpiresAt, kNow + 1800);
    EXPECT_TRUE(outcome.untrustedClaims.is_null());

    const auto foreignRole = evaluateSession(tokens, test::publicKeys(), test::project(), {{"admin"}, {}, {}}, at(kNow));
    ASSERT_TRUE(failsWith(foreignRole.result, "DESCOPE_ROLE_MISSING", ErrorCategory::IdToken));
    EXPECT_EQ(foreignRole.untrustedClaims["sub"], "U2TestUser00000000000000001");
    EXPECT_NE(find(foreignRole.checks, "roles.admin"), nullptr);

    const auto late = evaluateSession(tokens, test::publicKeys(), test::project(), {}, at(kNow + 3600));
    ASSERT_TRUE(failsWith(late.result, "EXPIRED", ErrorCategory::Clock));
    EXPECT_FALSE(late.untrustedClaims.is_null());
    EXPECT_EQ(late.result.error().summary().find(tokens.sessionJwt.substr(0, 20)), std::string::npos);

    const auto none = evaluateSession(JwtResponse{}, test::publicKeys(), test::project());
    EXPECT_TRUE(failsWith(none.result, "DESCOPE_NO_SESSION_JWT", ErrorCategory::Descope));
}

TEST(DescopeSessionTest, UserIdFromDsubThenSub)
{
    Json claims = test::sessionClaims(kNow);
    claims["dsub"] = "U2Other";
    JwtResponse tokens;
    tokens.sessionJwt = test::signJwt(claims);
    EXPECT_EQ(evaluateSession(tokens, test::publicKeys(), test::project(), {}, at(kNow)).result->userId, "U2Other");
    claims.erase("dsub");
    tokens.sessionJwt = test::signJwt(claims);
    EXPECT_EQ(evaluateSession(tokens, test::publicKeys(), test::project(), {}, at(kNow)).result->userId, "U2TestUser00000000000000001");
}

} // namespace
} // namespace oidc::descope
