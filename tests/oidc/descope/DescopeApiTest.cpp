// The pure request builders and response processors of each Descope operation (descope-api.md
// §4–§11): paths, bodies, bearers, and the refusals of bad input.

#include "DescopeTestSupport.h"

#include "oidc/descope/AccessKeyApi.h"
#include "oidc/descope/EnchantedLinkApi.h"
#include "oidc/descope/MagicLinkApi.h"
#include "oidc/descope/OtpApi.h"
#include "oidc/descope/SessionApi.h"
#include "oidc/descope/TotpApi.h"
#include "oidc/descope/WebAuthnApi.h"

namespace oidc::descope {
namespace {

using oidc::test::failsWith;
using oidc::test::succeeds;
using test::answer;
using test::answerJson;
using test::bodyOf;
using test::project;

const QByteArray kProjectBearer = QByteArray("Bearer ") + test::kProjectId;

std::string pathOf(const net::HttpRequest &request)
{
    return request.url.path().toStdString();
}

PasswordlessStart startFor(const std::string &loginId, LoginOperation operation = LoginOperation::SignIn)
{
    PasswordlessStart start;
    start.loginId = loginId;
    start.operation = operation;
    return start;
}

TEST(EnchantedLinkApiTest, StartBodiesAndPaths_5)
{
    PasswordlessStart start = startFor("alice@example.com");
    start.redirectUrl = "https://app.example.com/verify";
    auto signIn = buildEnchantedLinkStartRequest(project(), start);
    ASSERT_TRUE(succeeds(signIn));
    EXPECT_EQ(pathOf(*signIn), "/v1/auth/enchantedlink/signin/email");
    EXPECT_EQ(bodyOf(*signIn), (Json{{"loginId", "alice@example.com"}, {"URI", "https://app.example.com/verify"}}));
    EXPECT_EQ(signIn->header("Authorization"), kProjectBearer);

    PasswordlessStart signUp = startFor("new@example.com", LoginOperation::SignUp);
    signUp.user.name = "New User";
    signUp.loginOptions.templateOptions = {{"greeting", "hi"}};
    auto up = buildEnchantedLinkStartRequest(project(), signUp);
    ASSERT_TRUE(succeeds(up));
    EXPECT_EQ(pathOf(*up), "/v1/auth/enchantedlink/signup/email");
    EXPECT_EQ(bodyOf(*up), (Json{{"loginId", "new@example.com"}, {"user", {{"name", "New User"}}},
                                 {"loginOptions", {{"templateOptions", {{"greeting", "hi"}}}}}}));
    auto either = buildEnchantedLinkStartRequest(project(), startFor("a@example.com", LoginOperation::SignUpOrIn));
    ASSERT_TRUE(succeeds(either));
    EXPECT_EQ(pathOf(*either), "/v1/auth/enchantedlink/signup-in/email");
}

TEST(EnchantedLinkApiTest, StepUpSendsTheRefreshJwt_11)
{
    PasswordlessStart start = startFor("alice@example.com");
    start.loginOptions.stepup = true;
    start.loginOptions.customClaims = {{"scope", "admin"}};
    EXPECT_TRUE(failsWith(buildEnchantedLinkStartRequest(project(), start), "DESCOPE_REFRESH_JWT_REQUIRED", ErrorCategory::Input));
    start.loginOptions.refreshJwt = "eyJrefresh.a.b";
    auto request = buildEnchantedLinkStartRequest(project(), start);
    ASSERT_TRUE(succeeds(request));
    EXPECT_EQ(request->header("Authorization"), kProjectBearer + ":eyJrefresh.a.b");
    EXPECT_EQ(bodyOf(*request)["loginOptions"], (Json{{"stepup", true}, {"customClaims", {{"scope", "admin"}}}}));
    start.operation = LoginOperation::SignUpOrIn;
    EXPECT_TRUE(failsWith(buildEnchantedLinkStartRequest(project(), start), "DESCOPE_STEPUP_SIGNIN_ONLY", ErrorCategory::Input));
}

TEST(EnchantedLinkApiTest, BadInputIsRefusedBeforeSending)
{
    EXPECT_TRUE(failsWith(buildEnchantedLinkStartRequest(project(), startFor("")), "DESCOPE_LOGIN_ID_MISSING", ErrorCategory::Input));
    PasswordlessStart start = startFor("a@example.com");
    start.redirectUrl = "javascript:alert(1)";
    EXPECT_TRUE(failsWith(buildEnchantedLinkStartRequest(project(), start), "DESCOPE_REDIRECT_URL", ErrorCategory::Input));
    start.redirectUrl = "https://app.example.com/#frag";
    EXPECT_TRUE(failsWith(buildEnchantedLinkStartRequest(project(), start), "DESCOPE_REDIRECT_URL", ErrorCategory::Input));
    start.redirectUrl = "/relative/path";
    EXPECT_TRUE(failsWith(buildEnchantedLinkStartRequest(project(), start), "DESCOPE_REDIRECT_URL", ErrorCategory::Input));
    start.redirectUrl = "oidcplay://verify"; // a desktop app's private-use scheme
    EXPECT_TRUE(succeeds(buildEnchantedLinkStartRequest(project(), start)));
    start.redirectUrl.clear();
    start.loginOptions.customClaims = Json::array({1});
    EXPECT_TRUE(failsWith(buildEnchantedLinkStartRequest(project(), start), "DESCOPE_CUSTOM_CLAIMS", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(buildPendingSessionRequest(project(), ""), "DESCOPE_PENDING_REF_MISSING", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(buildEnchantedLinkVerifyRequest(project(), ""), "DESCOPE_LINK_TOKEN_MISSING", ErrorCategory::Input));
}

TEST(EnchantedLinkApiTest, StartAnswerPollAndVerify)
{
    auto started = processEnchantedLinkStartResponse(answerJson(200, Json{{"linkId", "42"}, {"pendingRef", "ref"}, {"maskedEmail", "a***@e.com"}, {"new", 1}}));
    ASSERT_TRUE(succeeds(started));
    EXPECT_EQ(started->linkId, "42");
    EXPECT_EQ(started->pendingRef, "ref");
    EXPECT_EQ(started->maskedEmail, "a***@e.com");
    EXPECT_TRUE(failsWith(processEnchantedLinkStartResponse(answerJson(200, Json{{"linkId", "42"}})), "DESCOPE_FIELD_MISSING", ErrorCategory::Descope));
    EXPECT_TRUE(failsWith(processEnchantedLinkStartResponse(answerJson(200, Json{{"linkId", 42}, {"pendingRef", "r"}})), "DESCOPE_FIELD_TYPE",
                          ErrorCategory::Descope));
    auto poll = buildPendingSessionRequest(project(), "ref");
    ASSERT_TRUE(succeeds(poll));
    EXPECT_EQ(pathOf(*poll), "/v1/auth/enchantedlink/pending-session");
    EXPECT_EQ(bodyOf(*poll), (Json{{"pendingRef", "ref"}}));
    auto verify = buildEnchantedLinkVerifyRequest(project(), "tok");
    ASSERT_TRUE(succeeds(verify));
    EXPECT_EQ(bodyOf(*verify), (Json{{"token", "tok"}}));
    EXPECT_TRUE(succeeds(processEnchantedLinkVerifyResponse(answer(200, QByteArray("{}")))));
    EXPECT_TRUE(failsWith(processEnchantedLinkVerifyResponse(answerJson(401, Json{{"errorCode", "E011003"}})), "E011003", ErrorCategory::Descope));
}

TEST(MagicLinkApiTest, MethodsAndVerify_6)
{
    auto sms = buildMagicLinkStartRequest(project(), DeliveryMethod::Sms, startFor("+15555550102"));
    ASSERT_TRUE(succeeds(sms));
    EXPECT_EQ(pathOf(*sms), "/v1/auth/magiclink/signin/sms");
    auto whatsapp = buildMagicLinkStartRequest(project(), DeliveryMethod::WhatsApp, startFor("+15555550102", LoginOperation::SignUpOrIn));
    ASSERT_TRUE(succeeds(whatsapp));
    EXPECT_EQ(pathOf(*whatsapp), "/v1/auth/magiclink/signup-in/whatsapp");
    EXPECT_TRUE(failsWith(buildMagicLinkStartRequest(project(), DeliveryMethod::Voice, startFor("+1")), "DESCOPE_METHOD_UNSUPPORTED",
                          ErrorCategory::Input));
    auto verify = buildMagicLinkVerifyRequest(project(), "tok");
    ASSERT_TRUE(succeeds(verify));
    EXPECT_EQ(pathOf(*verify), "/v1/auth/magiclink/verify");
    auto masked = processMaskedAddressResponse(answerJson(200, Json{{"maskedPhone", "+1******02"}}));
    ASSERT_TRUE(succeeds(masked));
    EXPECT_EQ(masked->masked(), "+1******02");
}

TEST(MagicLinkApiTest, LinkTokenFromALinkOrAlone)
{
    EXPECT_EQ(linkToken("  https://app.example.com/verify?t=abc%2Bd&x=1 \n").value(), "abc+d");
    EXPECT_EQ(linkToken("abc123\n").value(), "abc123");
    EXPECT_TRUE(failsWith(linkToken("https://app.example.com/verify?x=1"), "DESCOPE_LINK_TOKEN_MISSING", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(linkToken("  "), "DESCOPE_LINK_TOKEN_MISSING", ErrorCategory::Input));
}

TEST(OtpApiTest, StartAndVerify_7)
{
    auto voice = buildOtpStartRequest(project(), DeliveryMethod::Voice, startFor("+15555550102"));
    ASSERT_TRUE(succeeds(voice));
    EXPECT_EQ(pathOf(*voice), "/v1/auth/otp/signin/voice");
    PasswordlessStart withLink = startFor("a@example.com");
    withLink.redirectUrl = "https://app.example.com";
    EXPECT_TRUE(failsWith(buildOtpStartRequest(project(), DeliveryMethod::Email, withLink), "DESCOPE_REDIRECT_URL", ErrorCategory::Input));
    auto verify = buildOtpVerifyRequest(project(), DeliveryMethod::Email, "a@example.com", " 123 456\n");
    ASSERT_TRUE(succeeds(verify));
    EXPECT_EQ(pathOf(*verify), "/v1/auth/otp/verify/email");
    EXPECT_EQ(bodyOf(*verify), (Json{{"loginId", "a@example.com"}, {"code", "123456"}}));
    EXPECT_TRUE(failsWith(buildOtpVerifyRequest(project(), DeliveryMethod::Email, "a@example.com", " "), "DESCOPE_CODE_MISSING", ErrorCategory::Input));
    EXPECT_TRUE(failsWith(parseDeliveryMethod("carrier-pigeon"), "DESCOPE_METHOD", ErrorCategory::Input));
    EXPECT_EQ(parseDeliveryMethod("whatsapp").value(), DeliveryMethod::WhatsApp);
}

struct PastedCodeRow {
    std::string name;
    std::string pasted;
    std::string digits; // empty with a code: refused
    std::string code;
};

class PastedCode : public ::testing::TestWithParam<PastedCodeRow> {};

// What a person pastes from a message or an authenticator app into a digits-only code field.
TEST_P(PastedCode, DigitsOrRefusal)
{
    const auto &row = GetParam();
    auto digits = codeDigits(row.pasted);
    if (row.code.empty()) {
        ASSERT_TRUE(succeeds(digits));
        EXPECT_EQ(*digits, row.digits);
    } else {
        EXPECT_TRUE(failsWith(digits, row.code, ErrorCategory::Input));
    }
}

INSTANTIATE_TEST_SUITE_P(
    OtpApiTest, PastedCode,
    ::testing::Values(PastedCodeRow{"plain", "123456", "123456", {}}, PastedCodeRow{"spaced", " 123 456\n", "123456", {}},
                      PastedCodeRow{"dashed", "123-456", "123456", {}},
                      PastedCodeRow{"en_dash", "123\u2013456", "123456", {}},
                      PastedCodeRow{"no_break_space", "123\u00a0456", "123456", {}},
                      PastedCodeRow{"thin_space_tab", "12\u20093\t456", "123456", {}},
                      PastedCodeRow{"empty", "", "", {}}, PastedCodeRow{"separators_only", " - ", "", {}},
                      PastedCodeRow{"eight_digits", "1234 5678", "12345678", {}},
                      PastedCodeRow{"nine_digits", "123456789", {}, "DESCOPE_CODE_FORMAT"},
                      PastedCodeRow{"letters", "12a456", {}, "DESCOPE_CODE_FORMAT"},
                      PastedCodeRow{"sentence", "Your code is 123456", {}, "DESCOPE_CODE_FORMAT"},
                      PastedCodeRow{"fullwidth_digits", "\uff11\uff12\uff13", {}, "DESCOPE_CODE_FORMAT"},
                      PastedCodeRow{"dot_grouped", "123.456", {}, "DESCOPE_CODE_FORMAT"}),
    oidc::test::RowName());

TEST(TotpApiTest, SignUpAnswerAndVerify_8)
{
    auto signUp = buildTotpSignUpRequest(project(), "dana@example.com", SignUpUser{"Dana", {}, {}, {}, {}, {}});
    ASSERT_TRUE(succeeds(signUp));
    EXPECT_EQ(bodyOf(*signUp), (Json{{"loginId", "dana@example.com"}, {"user", {{"name", "Dana"}}}}));
    const QByteArray png("\x89PNG\r\n\x1a\n", 8);
    auto enrollment = processTotpSignUpResponse(answerJson(200, Json{{"provisioningURL", "otpauth://totp/x?secret=ABC"}, {"key", "ABC"},
                                                                 {"image", png.toBase64().toStdString()}}));
    ASSERT_TRUE(succeeds(enrollment));
    EXPECT_EQ(enrollment->key, "ABC");
    EXPECT_EQ(enrollment->image, png);
    EXPECT_TRUE(failsWith(processTotpSignUpResponse(answerJson(200, Json{{"provisioningURL", "https://x"}, {"key", "ABC"}})), "DESCOPE_TOTP_URL",
                          ErrorCategory::Descope));
    EXPECT_TRUE(failsWith(processTotpSignUpResponse(answerJson(200, Json{{"provisioningURL", "otpauth://totp/x"}, {"key", "K"}, {"image", "!!"}})),
                          "DESCOPE_TOTP_IMAGE", ErrorCategory::Descope));
    LoginOptions mfa;
    mfa.mfa = true;
    mfa.refreshJwt = "eyJr.a.b";
    auto verify = buildTotpVerifyRequest(project(), "dana@example.com", "123456", mfa);
    ASSERT_TRUE(succeeds(verify));
    EXPECT_EQ(verify->header("Authorization"), kProjectBearer + ":eyJr.a.b");
    EXPECT_EQ(bodyOf(*verify), (Json{{"loginId", "dana@example.com"}, {"code", "123456"}, {"loginOptions", {{"mfa", true}}}}));
}

TEST(WebAuthnApiTest, StartsAndFinishes_9)
{
    WebAuthnStart start;
    start.kind = WebAuthnStartKind::SignUp;
    start.loginId = "erin@example.com";
    start.origin = "https://localhost";
    start.user.name = "Erin";
    auto signUp = buildWebAuthnStartRequest(project(), start);
    ASSERT_TRUE(succeeds(signUp));
    EXPECT_EQ(pathOf(*signUp), "/v1/auth/webauthn/signup/start");
    EXPECT_EQ(bodyOf(*signUp), (Json{{"loginId", "erin@example.com"}, {"origin", "https://localhost"}, {"user", {{"name", "Erin"}}}}));

    WebAuthnStart discoverable;
    discoverable.origin = "https://localhost";
    auto signIn = buildWebAuthnStartRequest(project(), discoverable);
    ASSERT_TRUE(succeeds(signIn));
    EXPECT_EQ(bodyOf(*signIn), (Json{{"origin", "https://localhost"}}));

    WebAuthnStart update;
    update.kind = WebAuthnStartKind::Update;
    update.loginId = "erin@example.com";
    EXPECT_TRUE(failsWith(buildWebAuthnStartRequest(project(), update), "DESCOPE_TOKEN_MISSING", ErrorCategory::Input));
    update.refreshJwt = "eyJr.a.b";
    update.mfa = true;
    auto added = buildWebAuthnStartRequest(project(), update);
    ASSERT_TRUE(succeeds(added));
    EXPECT_EQ(added->header("Authorization"), kProjectBearer + ":eyJr.a.b");
    EXPECT_EQ(bodyOf(*added), (Json{{"loginId", "erin@example.com"}, {"mfa", true}}));

    auto started = processWebAuthnStartResponse(answerJson(200, Json{{"transactionId", "tx"}, {"options", R"({"publicKey":{}})"}, {"create", true}}));
    ASSERT_TRUE(succeeds(started));
    EXPECT_TRUE(started->create);
    EXPECT_EQ(finishKindFor(WebAuthnStartKind::SignUpOrIn, started->create), WebAuthnFinishKind::SignUp);
    EXPECT_EQ(finishKindFor(WebAuthnStartKind::SignUpOrIn, false), WebAuthnFinishKind::SignIn);
    EXPECT_TRUE(failsWith(processWebAuthnStartResponse(answerJson(200, Json{{"transactionId", "tx"}, {"options", "{not json"}})),
                          "DESCOPE_WEBAUTHN_OPTIONS", ErrorCategory::Descope));
    auto finish = buildWebAuthnFinishRequest(project(), WebAuthnFinishKind::SignIn, "tx", R"({"id":"x"})");
    ASSERT_TRUE(succeeds(finish));
    EXPECT_EQ(pathOf(*finish), "/v1/auth/webauthn/signin/finish");
    EXPECT_EQ(bodyOf(*finish), (Json{{"transactionId", "tx"}, {"response", R"({"id":"x"})"}}));
    EXPECT_TRUE(failsWith(buildWebAuthnFinishRequest(project(), WebAuthnFinishKind::SignIn, "", "{}"), "DESCOPE_TRANSACTION_MISSING",
                          ErrorCategory::Input));
}

TEST(WebAuthnApiTest, UpdateFinishAnswersNothingOrASession)
{
    auto nothing = processWebAuthnUpdateFinishResponse(answer(200, QByteArray("{}")));
    ASSERT_TRUE(succeeds(nothing));
    EXPECT_FALSE(nothing->has_value());
    auto session = processWebAuthnUpdateFinishResponse(answerJson(200, Json{{"jwt", {{"sessionJwt", "s"}, {"refreshJwt", "r"}}}}));
    ASSERT_TRUE(succeeds(session));
    ASSERT_TRUE(session->has_value());
    EXPECT_EQ((*session)->sessionJwt, "s");
}

TEST(SessionApiTest, RefreshMeLogout_4)
{
    auto refresh = buildRefreshRequest(project(), "eyJr.a.b");
    ASSERT_TRUE(succeeds(refresh));
    EXPECT_EQ(pathOf(*refresh), "/v1/auth/refresh");
    EXPECT_EQ(refresh->header("Authorization"), kProjectBearer + ":eyJr.a.b");
    EXPECT_TRUE(failsWith(buildRefreshRequest(project(), ""), "DESCOPE_TOKEN_MISSING", ErrorCategory::Input));
    auto me = buildMeRequest(project(), "eyJr.a.b");
    ASSERT_TRUE(succeeds(me));
    EXPECT_EQ(me->method, "GET");
    auto user = processMeResponse(answerJson(200, Json{{"userId", "U1"}, {"loginIds", {"a@example.com"}}, {"OAuth", Json::object()}}));
    ASSERT_TRUE(succeeds(user));
    EXPECT_EQ(user->userId, "U1");
    EXPECT_EQ(user->loginIds, std::vector<std::string>{"a@example.com"});
    EXPECT_TRUE(failsWith(processMeResponse(answerJson(200, Json{{"loginIds", {"a"}}})), "DESCOPE_FIELD_MISSING", ErrorCategory::Descope));
    auto all = buildLogoutRequest(project(), "eyJr.a.b", LogoutScope::AllSessions);
    ASSERT_TRUE(succeeds(all));
    EXPECT_EQ(pathOf(*all), "/v1/auth/logoutall");
    EXPECT_TRUE(succeeds(processLogoutResponse(answerJson(200, Json{{"sessionJwt", ""}, {"refreshJwt", ""}}))));
}

TEST(AccessKeyApiTest, Exchange_10)
{
    AccessKeyOptions options;
    options.customClaims = {{"scope", "read:data"}};
    options.selectedTenant = "T1";
    auto request = buildAccessKeyExchangeRequest(project(), "K2key:secret", options);
    ASSERT_TRUE(succeeds(request));
    EXPECT_EQ(pathOf(*request), "/v1/auth/accesskey/exchange");
    EXPECT_EQ(request->header("Authorization"), kProjectBearer + ":K2key:secret");
    EXPECT_EQ(bodyOf(*request), (Json{{"loginOptions", {{"customClaims", {{"scope", "read:data"}}}, {"selectedTenant", "T1"}}}}));
    auto plain = buildAccessKeyExchangeRequest(project(), "K2key");
    ASSERT_TRUE(succeeds(plain));
    EXPECT_EQ(bodyOf(*plain), (Json{{"loginOptions", Json::object()}}));
    EXPECT_TRUE(failsWith(buildAccessKeyExchangeRequest(project(), ""), "DESCOPE_TOKEN_MISSING", ErrorCategory::Input));
    auto exchanged = processAccessKeyExchangeResponse(answerJson(200, Json{{"keyId", "K2"}, {"sessionJwt", "s"}, {"expiration", 1700000000}}));
    ASSERT_TRUE(succeeds(exchanged));
    EXPECT_EQ(exchanged->keyId, "K2");
    EXPECT_EQ(exchanged->expiration, 1700000000);
    EXPECT_TRUE(failsWith(processAccessKeyExchangeResponse(answerJson(200, Json{{"keyId", "K2"}})), "DESCOPE_FIELD_MISSING", ErrorCategory::Descope));
    EXPECT_TRUE(failsWith(processAccessKeyExchangeResponse(answerJson(401, Json{{"errorCode", "E062803"}})), "E062803", ErrorCategory::Descope));
}

} // namespace
} // namespace oidc::descope
