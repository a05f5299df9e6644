// A call to a protected API and why it was answered so (descope-api.md §10, RFC 6750 §3.1): the
// request with a bearer token or none, the API's own words, the M2M sample's requirements read
// from a token's claims, and the explanation of 200 / 401 / 403.

#include "DescopeTestSupport.h"

#include "oidc/descope/ApiCallExplanation.h"
#include "oidc/descope/BearerCall.h"
#include "oidc/descope/SampleApi.h"

namespace oidc::descope {
namespace {

using oidc::test::failsWith;
using oidc::test::succeeds;
using test::answer;
using test::answerJson;

const QUrl kApiBase(QStringLiteral("http://127.0.0.1:3000"));
const QUrl kApi(QStringLiteral("http://127.0.0.1:3000/api/admin"));

const jwt::ClaimCheck *findCheck(const std::vector<jwt::ClaimCheck> &checks, const std::string &id)
{
    for (const auto &check : checks)
        if (check.id == id)
            return &check;
    return nullptr;
}

// "pass", "fail", "skip", or "absent".
std::string outcomeOf(const std::vector<jwt::ClaimCheck> &checks, const std::string &id)
{
    const jwt::ClaimCheck *check = findCheck(checks, id);
    if (!check)
        return "absent";
    return check->outcome == jwt::CheckOutcome::Pass ? "pass" : check->outcome == jwt::CheckOutcome::Fail ? "fail" : "skip";
}

// An m2m session JWT like the sandbox's for its reader key: role user, its permission read:data.
Json readerClaims()
{
    Json claims = test::sessionClaims(oidc::test::kNow);
    claims["sub"] = "K2SbxReader00000000000000001";
    claims["roles"] = Json::array({"user"});
    claims["permissions"] = Json::array({"read:data"});
    claims["tenants"] = Json::object();
    return claims;
}

TEST(BearerCallTest, ApiCallWithATokenOrWithout_RFC6750_2_1)
{
    auto with = buildApiCallRequest(kApi, "post", "opaque-token-value", true);
    ASSERT_TRUE(succeeds(with));
    EXPECT_EQ(with->method, "POST");
    EXPECT_EQ(with->header("Authorization"), "Bearer opaque-token-value");
    EXPECT_EQ(with->maxResponseBytes, kMaxBearerCallBytes);
    auto without = buildApiCallRequest(kApi, "GET", "", true);
    ASSERT_TRUE(succeeds(without));
    EXPECT_TRUE(without->header("Authorization").isEmpty());
    EXPECT_EQ(without->label, QStringLiteral("API call without a token"));

    EXPECT_TRUE(failsWith(buildApiCallRequest(kApi, "GET", "t", false), "DESCOPE_CALL_URL", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(buildApiCallRequest(QUrl(QStringLiteral("http://api.example/x")), "GET", "t", true), "DESCOPE_CALL_URL",
                          ErrorCategory::Input));
    EXPECT_TRUE(failsWith(buildApiCallRequest(kApi, "TRACE", "t", true), "DESCOPE_CALL_METHOD", ErrorCategory::Input));
    // The session-JWT call still needs its token.
    EXPECT_TRUE(failsWith(buildBearerCallRequest(kApi, "GET", "", true), "DESCOPE_TOKEN_MISSING", ErrorCategory::Input));
    auto session = buildBearerCallRequest(kApi, "GET", "a.b.c", true);
    ASSERT_TRUE(succeeds(session));
    EXPECT_EQ(session->label, QStringLiteral("API call with the session JWT"));
}

TEST(BearerCallTest, TheApisOwnWordsAreKeptRedacted)
{
    // The sandbox's and the sample's 401 say "message", the sample's 403 "error".
    EXPECT_EQ(processBearerCallResponse(answerJson(401, Json{{"success", false}, {"error", "unauthorized"}, {"message", "Missing or invalid Authorization header"}}))
                  .message,
              "Missing or invalid Authorization header");
    EXPECT_EQ(processBearerCallResponse(answerJson(403, Json{{"success", false}, {"error", "Missing required scope: 'read:data'"}})).message,
              "Missing required scope: 'read:data'");
    EXPECT_EQ(processBearerCallResponse(answerJson(401, Json{{"error", "invalid_token"}, {"error_description", "expired"}})).message, "expired");
    EXPECT_EQ(processBearerCallResponse(answer(500, "<html>oops</html>", {{"Content-Type", "text/html"}})).message, "");
    // A secret echoed by the API is not shown.
    const auto echoed = processBearerCallResponse(answerJson(200, Json{{"message", "ok"}, {"access_token", "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl"}}));
    EXPECT_EQ(echoed.body.find("eyJhbGciOiJSUzI1NiJ9.e30"), std::string::npos);
    EXPECT_EQ(echoed.message, "ok");
    // A long message is bounded and kept on one line.
    const auto longer = processBearerCallResponse(answerJson(403, Json{{"message", std::string(1000, 'x') + "\nnext"}}));
    EXPECT_LE(longer.message.size(), 310u);
    EXPECT_EQ(longer.message.find('\n'), std::string::npos);
}

TEST(SampleApiTest, RoutesAndWhereTheSampleLooks)
{
    ASSERT_EQ(sampleApiRoutes().size(), 3u);
    const SampleApiRoute *user = findSampleApiRoute(QUrl(QStringLiteral("http://127.0.0.1:3000/api/user?x=1")), kApiBase);
    ASSERT_NE(user, nullptr);
    EXPECT_EQ(user->requirement.scopes, std::vector<std::string>{"read:data"});
    EXPECT_TRUE(findSampleApiRoute(QUrl(QStringLiteral("http://127.0.0.1:3000/api/protected")), kApiBase)->requirement.empty());
    EXPECT_EQ(findSampleApiRoute(QUrl(QStringLiteral("http://127.0.0.1:3000/other")), kApiBase), nullptr);
    // Another API's /api/admin is not the sample's.
    EXPECT_EQ(findSampleApiRoute(QUrl(QStringLiteral("http://127.0.0.1:3001/api/admin")), kApiBase), nullptr);
    EXPECT_EQ(findSampleApiRoute(QUrl(QStringLiteral("https://127.0.0.1:3000/api/admin")), kApiBase), nullptr);

    // scope (string), scopes (array), nsec.scope (custom claims of the exchange), tenants' permissions.
    const Json claims = {{"scope", "a b"},
                         {"scopes", {"c"}},
                         {"nsec", {{"scope", "d"}}},
                         {"tenants", {{"T1", {{"permissions", {"e"}}, {"roles", {"tenant-admin"}}}}}},
                         {"roles", {"user"}}};
    EXPECT_EQ(grantedScopes(claims), (std::vector<std::string>{"a", "b", "c", "d", "e"}));
    EXPECT_EQ(heldRoles(claims), (std::vector<std::string>{"tenant-admin", "user"}));
    EXPECT_TRUE(grantedScopes(Json::array()).empty());
}

TEST(SampleApiTest, EachRequirementIsACheckWithWhatTheTokenHolds)
{
    const auto checks = checkApiRequirement(readerClaims(), ApiRequirement{{"read:data", "write:data"}, {"admin"}});
    ASSERT_EQ(checks.size(), 3u);
    EXPECT_EQ(outcomeOf(checks, "scope.read:data"), "pass");
    EXPECT_EQ(outcomeOf(checks, "scope.write:data"), "fail");
    EXPECT_EQ(checks[1].code, "API_SCOPE_MISSING");
    EXPECT_EQ(outcomeOf(checks, "role.admin"), "fail");
    EXPECT_EQ(checks[2].code, "API_ROLE_MISSING");
    EXPECT_NE(checks[2].detail().find("roles: user"), std::string::npos) << checks[2].detail();
    // The sample checks "admin" as a scope: granted that way, the role check passes.
    Json scoped = readerClaims();
    scoped["nsec"] = {{"scope", "admin"}};
    EXPECT_EQ(outcomeOf(checkApiRequirement(scoped, ApiRequirement{{}, {"admin"}}), "role.admin"), "pass");
    // A tenant's role counts.
    Json tenantAdmin = readerClaims();
    tenantAdmin["tenants"] = {{"T2SbxAcme0000000000000000001", {{"roles", {"admin"}}}}};
    EXPECT_EQ(outcomeOf(checkApiRequirement(tenantAdmin, ApiRequirement{{}, {"admin"}}), "role.admin"), "pass");
}

TEST(ApiCallExplanationTest, ForbiddenNamesTheMissingRole_RFC6750_3_1)
{
    const std::string token = test::signJwt(readerClaims());
    const SampleApiRoute *admin = findSampleApiRoute(kApi, kApiBase);
    const auto explained = explainApiCall(BearerCallAnswer{403, "{}", "Missing required role: 'admin'"}, token, &admin->requirement, oidc::test::kNow);
    EXPECT_EQ(explained.headline, "403 Forbidden: the token lacks the role \"admin\"");
    EXPECT_EQ(outcomeOf(explained.checks, "token.sent"), "pass");
    EXPECT_EQ(outcomeOf(explained.checks, "token.jwt"), "pass");
    EXPECT_EQ(outcomeOf(explained.checks, "exp"), "pass");
    EXPECT_EQ(outcomeOf(explained.checks, "role.admin"), "fail");
    EXPECT_EQ(explained.untrustedClaims["sub"], "K2SbxReader00000000000000001");
    // An unknown route: the API's verdict stands, without a reason from the claims.
    const auto unknown = explainApiCall(BearerCallAnswer{403, "{}", ""}, token, nullptr, oidc::test::kNow);
    EXPECT_EQ(unknown.headline, "403 Forbidden: the API refused the token: this route's requirement is not known here (see what the API said)");
    EXPECT_EQ(unknown.checks.size(), 3u);
}

TEST(ApiCallExplanationTest, UnauthorizedSaysWhy_RFC6750_3_1)
{
    const auto none = explainApiCall(BearerCallAnswer{401, "{}", "Missing or invalid Authorization header"}, "", nullptr, oidc::test::kNow);
    EXPECT_EQ(none.headline, "401 Unauthorized: no token was sent");
    EXPECT_EQ(outcomeOf(none.checks, "token.sent"), "fail");
    EXPECT_EQ(outcomeOf(none.checks, "token.jwt"), "skip");
    EXPECT_TRUE(none.untrustedClaims.is_null());

    Json old = readerClaims();
    old["exp"] = oidc::test::kNow - 120;
    const auto expired = explainApiCall(BearerCallAnswer{401, "{}", "jwt expired"}, test::signJwt(old), nullptr, oidc::test::kNow);
    EXPECT_EQ(expired.headline, "401 Unauthorized: the token has expired");
    EXPECT_EQ(outcomeOf(expired.checks, "exp"), "fail");
    EXPECT_NE(findCheck(expired.checks, "exp")->detail().find("2 min ago"), std::string::npos);

    const auto opaque = explainApiCall(BearerCallAnswer{401, "{}", ""}, "opaque-access-token", nullptr, oidc::test::kNow);
    EXPECT_EQ(outcomeOf(opaque.checks, "token.jwt"), "skip");
    EXPECT_NE(opaque.headline.find("opaque"), std::string::npos) << opaque.headline;

    const auto forged = explainApiCall(BearerCallAnswer{401, "{}", "invalid signature"}, test::signJwt(readerClaims()), nullptr, oidc::test::kNow);
    EXPECT_EQ(forged.headline, "401 Unauthorized: the API could not verify the token (its signature, issuer or key: see what the API said)");
}

TEST(ApiCallExplanationTest, AllowedCallsAndDisagreements)
{
    const std::string token = test::signJwt(readerClaims());
    const SampleApiRoute *user = findSampleApiRoute(QUrl(QStringLiteral("http://127.0.0.1:3000/api/user")), kApiBase);
    EXPECT_EQ(explainApiCall(BearerCallAnswer{200, "{}", "User API call succeeded!"}, token, &user->requirement, oidc::test::kNow).headline,
              "200 OK: the API accepted the token, which holds everything the route requires");
    // An API that lets through what the sample's rule refuses is shown as such.
    const SampleApiRoute *admin = findSampleApiRoute(kApi, kApiBase);
    EXPECT_EQ(explainApiCall(BearerCallAnswer{200, "{}", ""}, token, &admin->requirement, oidc::test::kNow).headline,
              "200 OK: the API accepted the call, although the token lacks the role \"admin\"");
    EXPECT_EQ(explainApiCall(BearerCallAnswer{418, "", ""}, token, nullptr, oidc::test::kNow).headline, "418: the API answered 418");
}

} // namespace
} // namespace oidc::descope
