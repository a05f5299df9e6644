// The pure halves of social login and passwords (OAuthApi, PasswordApi): paths, query, bodies,
// bearers as core-js sends them, the answers, and the refusals of bad input.

#include "DescopeTestSupport.h"

#include "oidc/descope/OAuthApi.h"
#include "oidc/descope/PasswordApi.h"

#include <QUrlQuery>

namespace oidc::descope {
namespace {

using oidc::test::failsWith;
using oidc::test::succeeds;
using test::answerJson;
using test::bodyOf;
using test::project;

const QByteArray kBearer = QByteArray("Bearer ") + test::kProjectId;

std::string queryItem(const net::HttpRequest &request, const char *name)
{
    return QUrlQuery(request.url).queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded).toStdString();
}

TEST(OAuthApiTest, StartSendsProviderAndRedirectInTheQueryAndOptionsAsTheBody)
{
    OAuthStart start;
    start.provider = "github";
    start.redirectUrl = "http://127.0.0.1:5000/cb?x=1";
    auto request = buildOAuthStartRequest(project(), start);
    ASSERT_TRUE(succeeds(request));
    EXPECT_EQ(request->method, "POST");
    EXPECT_EQ(request->url.path().toStdString(), "/v1/auth/oauth/authorize");
    EXPECT_EQ(queryItem(*request, "provider"), "github");
    EXPECT_EQ(queryItem(*request, "redirectURL"), "http://127.0.0.1:5000/cb?x=1"); // core-js's spelling
    EXPECT_EQ(bodyOf(*request), Json::object());
    EXPECT_EQ(request->header("Authorization"), kBearer);

    start.operation = OAuthOperation::SignIn;
    start.loginOptions.customClaims = Json{{"plan", "pro"}};
    auto signIn = buildOAuthStartRequest(project(), start);
    ASSERT_TRUE(succeeds(signIn));
    EXPECT_EQ(signIn->url.path().toStdString(), "/v1/auth/oauth/authorize/signin");
    EXPECT_EQ(bodyOf(*signIn), (Json{{"customClaims", {{"plan", "pro"}}}}));

    start.operation = OAuthOperation::SignUp;
    EXPECT_EQ(buildOAuthStartRequest(project(), start)->url.path().toStdString(), "/v1/auth/oauth/authorize/signup");
}

TEST(OAuthApiTest, UpdateAndStepUpSendTheRefreshJwt)
{
    OAuthStart update;
    update.provider = "slack";
    update.operation = OAuthOperation::Update;
    EXPECT_TRUE(failsWith(buildOAuthStartRequest(project(), update), "DESCOPE_REFRESH_JWT_REQUIRED", ErrorCategory::Input));
    update.refreshJwt = "refresh.jwt.value";
    auto request = buildOAuthStartRequest(project(), update);
    ASSERT_TRUE(succeeds(request));
    EXPECT_EQ(request->url.path().toStdString(), "/v1/auth/oauth/authorize/update");
    EXPECT_EQ(request->header("Authorization"), kBearer + ":refresh.jwt.value");

    OAuthStart stepUp;
    stepUp.provider = "google";
    stepUp.loginOptions.stepup = true;
    EXPECT_TRUE(failsWith(buildOAuthStartRequest(project(), stepUp), "DESCOPE_REFRESH_JWT_REQUIRED", ErrorCategory::Input));
    stepUp.loginOptions.refreshJwt = "r.j.w";
    auto stepped = buildOAuthStartRequest(project(), stepUp);
    ASSERT_TRUE(succeeds(stepped));
    EXPECT_EQ(bodyOf(*stepped), (Json{{"stepup", true}}));
    EXPECT_EQ(stepped->header("Authorization"), kBearer + ":r.j.w");
}

TEST(OAuthApiTest, BadStartsAreRefusedBeforeSending)
{
    OAuthStart start;
    EXPECT_TRUE(failsWith(buildOAuthStartRequest(project(), start), "DESCOPE_PROVIDER_MISSING", ErrorCategory::Input));
    start.provider = "Google&x=1";
    EXPECT_TRUE(failsWith(buildOAuthStartRequest(project(), start), "DESCOPE_PROVIDER", ErrorCategory::Input));
    start.provider = "google";
    for (const char *bad : {"javascript:alert(1)", "relative/path", "https://app.example/cb#frag"}) {
        start.redirectUrl = bad;
        EXPECT_TRUE(failsWith(buildOAuthStartRequest(project(), start), "DESCOPE_REDIRECT_URL", ErrorCategory::Input)) << bad;
    }
    EXPECT_EQ(oauthProviders().size(), 9u);
}

TEST(OAuthApiTest, StartAnswerRedirectAndExchange)
{
    auto started = processOAuthStartResponse(answerJson(200, {{"url", "https://accounts.example/o/oauth2/auth?state=1"}}));
    ASSERT_TRUE(succeeds(started));
    EXPECT_EQ(started->url, "https://accounts.example/o/oauth2/auth?state=1");
    EXPECT_TRUE(failsWith(processOAuthStartResponse(answerJson(200, Json::object())), "DESCOPE_FIELD_MISSING", ErrorCategory::Descope));
    EXPECT_TRUE(failsWith(processOAuthStartResponse(answerJson(200, {{"url", "javascript:alert(1)"}})), "DESCOPE_OAUTH_URL", ErrorCategory::Descope));
    EXPECT_TRUE(failsWith(processOAuthStartResponse(answerJson(400, {{"errorCode", "E011004"}})), "E011004", ErrorCategory::Descope));

    auto code = oauthCodeFromRedirect("http://127.0.0.1:5000/cb?x=1&code=abc%2B123#ignored");
    ASSERT_TRUE(succeeds(code));
    EXPECT_EQ(*code, "abc+123");
    EXPECT_EQ(*oauthCodeFromRedirect("code=only"), "only");
    auto denied = oauthCodeFromRedirect("http://127.0.0.1:5000/cb?error=access_denied&error_description=the+user+cancelled");
    ASSERT_TRUE(failsWith(denied, "DESCOPE_OAUTH_DENIED", ErrorCategory::Input));
    EXPECT_EQ(denied.error().actual, "the user cancelled");
    EXPECT_TRUE(failsWith(oauthCodeFromRedirect("http://127.0.0.1:5000/cb"), "DESCOPE_CODE_MISSING", ErrorCategory::Input));

    auto exchange = buildOAuthExchangeRequest(project(), "abc");
    ASSERT_TRUE(succeeds(exchange));
    EXPECT_EQ(exchange->url.path().toStdString(), "/v1/auth/oauth/exchange");
    EXPECT_EQ(bodyOf(*exchange), (Json{{"code", "abc"}}));
    EXPECT_TRUE(failsWith(buildOAuthExchangeRequest(project(), ""), "DESCOPE_CODE_MISSING", ErrorCategory::Input));
}

TEST(PasswordApiTest, BodiesAndBearersAsCoreJsSendsThem)
{
    SignUpUser user;
    user.name = "Erin";
    auto signUp = buildPasswordSignUpRequest(project(), "erin@example.com", "Pass-1-word", user);
    ASSERT_TRUE(succeeds(signUp));
    EXPECT_EQ(signUp->url.path().toStdString(), "/v1/auth/password/signup");
    EXPECT_EQ(bodyOf(*signUp), (Json{{"loginId", "erin@example.com"}, {"password", "Pass-1-word"}, {"user", {{"name", "Erin"}}}}));

    LoginOptions mfa;
    mfa.mfa = true;
    mfa.refreshJwt = "r.j.w";
    auto signIn = buildPasswordSignInRequest(project(), "erin@example.com", "Pass-1-word", mfa);
    ASSERT_TRUE(succeeds(signIn));
    EXPECT_EQ(signIn->url.path().toStdString(), "/v1/auth/password/signin");
    EXPECT_EQ(bodyOf(*signIn), (Json{{"loginId", "erin@example.com"}, {"password", "Pass-1-word"}, {"loginOptions", {{"mfa", true}}}}));
    EXPECT_EQ(signIn->header("Authorization"), kBearer + ":r.j.w");

    auto replace = buildPasswordReplaceRequest(project(), "erin@example.com", "Old-Pass-1", "New-Pass-2");
    ASSERT_TRUE(succeeds(replace));
    EXPECT_EQ(bodyOf(*replace), (Json{{"loginId", "erin@example.com"}, {"oldPassword", "Old-Pass-1"}, {"newPassword", "New-Pass-2"}}));
    EXPECT_EQ(replace->header("Authorization"), kBearer);

    auto update = buildPasswordUpdateRequest(project(), "erin@example.com", "New-Pass-2", "refresh.jwt");
    ASSERT_TRUE(succeeds(update));
    EXPECT_EQ(update->url.path().toStdString(), "/v1/auth/password/update");
    EXPECT_EQ(bodyOf(*update), (Json{{"loginId", "erin@example.com"}, {"newPassword", "New-Pass-2"}}));
    EXPECT_EQ(update->header("Authorization"), kBearer + ":refresh.jwt");

    auto reset = buildPasswordResetRequest(project(), "erin@example.com", "https://app.example/reset");
    ASSERT_TRUE(succeeds(reset));
    EXPECT_EQ(bodyOf(*reset), (Json{{"loginId", "erin@example.com"}, {"redirectUrl", "https://app.example/reset"}}));

    auto policy = buildPasswordPolicyRequest(project());
    ASSERT_TRUE(succeeds(policy));
    EXPECT_EQ(policy->method, "GET");
    EXPECT_EQ(policy->url.path().toStdString(), "/v1/auth/password/policy");
}

TEST(PasswordApiTest, BadInputIsRefusedBeforeSending)
{
    EXPECT_TRUE(failsWith(buildPasswordSignUpRequest(project(), "", "Pass-1-word"), "DESCOPE_LOGIN_ID_MISSING", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(buildPasswordSignInRequest(project(), "erin@example.com", ""), "DESCOPE_PASSWORD_MISSING", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(buildPasswordReplaceRequest(project(), "erin@example.com", "Old-Pass-1", ""), "DESCOPE_PASSWORD_MISSING", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(buildPasswordUpdateRequest(project(), "erin@example.com", "New-Pass-2", ""), "DESCOPE_TOKEN_MISSING", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(buildPasswordResetRequest(project(), "erin@example.com", "javascript:x"), "DESCOPE_REDIRECT_URL", ErrorCategory::Input));
    LoginOptions stepUp;
    stepUp.stepup = true;
    stepUp.refreshJwt = "r";
    EXPECT_TRUE(failsWith(buildPasswordSignUpRequest(project(), "erin@example.com", "Pass-1-word", {}, stepUp), "DESCOPE_STEPUP_SIGNIN_ONLY", ErrorCategory::Input));
}

TEST(PasswordApiTest, ResetAndPolicyAnswers)
{
    auto sent = processPasswordResetResponse(answerJson(200, {{"resetMethod", "magiclink"}, {"maskedEmail", "e***@example.com"}}));
    ASSERT_TRUE(succeeds(sent));
    EXPECT_EQ(sent->resetMethod, "magiclink");
    EXPECT_EQ(sent->maskedEmail, "e***@example.com");
    EXPECT_TRUE(failsWith(processPasswordResetResponse(answerJson(200, {{"maskedEmail", 7}})), "DESCOPE_FIELD_TYPE", ErrorCategory::Descope));

    auto policy = processPasswordPolicyResponse(
        answerJson(200, {{"minLength", 10}, {"lowercase", true}, {"uppercase", false}, {"number", true}, {"nonAlphanumeric", true}}));
    ASSERT_TRUE(succeeds(policy));
    EXPECT_EQ(policy->minLength, 10);
    EXPECT_TRUE(policy->nonAlphanumeric);
    EXPECT_FALSE(policy->uppercase);
    EXPECT_TRUE(failsWith(processPasswordPolicyResponse(answerJson(200, {{"number", "yes"}})), "DESCOPE_FIELD_TYPE", ErrorCategory::Descope));
}

TEST(PasswordApiTest, PolicyNamesWhatAPasswordLacks)
{
    const PasswordPolicy policy{8, true, true, true, true};
    EXPECT_TRUE(policy.unmet("Abcdef1!").empty());
    EXPECT_EQ(policy.unmet("abc"), (std::vector<std::string>{"at least 8 characters", "an uppercase letter", "a digit",
                                                             "a character that is not a letter or digit"}));
    EXPECT_EQ(policy.unmet("ABCDEFG1!"), (std::vector<std::string>{"a lowercase letter"}));
    // Length counts characters: five two-byte letters are five, not ten.
    const PasswordPolicy sixLong{6, false, false, false, false};
    EXPECT_EQ(sixLong.unmet("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"), (std::vector<std::string>{"at least 6 characters"}));
    EXPECT_TRUE(PasswordPolicy{}.unmet("").empty());
}

} // namespace
} // namespace oidc::descope
