// A user disabled through the management API (issue 15: /v1/mgmt/user/update/status) signs in
// nowhere: each row prepares what its method needs while the user is enabled, disables the user,
// sees the sign-in refused — Descope's 401 E011003 on the auth API, the hosted login page's
// message, OAuth's invalid_grant or login_required on the OIDC endpoints — then enables the user
// again and sees the same sign-in succeed, so the refusal is the status and nothing else. A
// start (OTP, magic link, enchanted link, password reset, passkey) is refused before anything is
// delivered: the Inbox stays as it was; a user disabled after the start is refused at its end.

#include "SandboxTestSupport.h"

#include "oidc/crypto/Base32.h"
#include "oidc/otp/Totp.h"
#include "oidc/webauthn/SoftwareAuthenticator.h"
#include "tests/support/TestSupport.h"

#include <QUrl>
#include <QUrlQuery>

using namespace sandbox::test;

namespace {

const char *const kDisabledBob = "bob@example.com";
const char *const kDisabledWebAuthnOrigin = "http://localhost:8443";
const char *const kDisabledSocialRedirect = "http://127.0.0.1:4567/social/callback";
const char *const kDisabledSsoRedirect = "http://127.0.0.1:4321/sso/callback";
const char *const kDisabledGlobexTenant = "T2SbxGlobex00000000000000001";

} // namespace

class DisabledUser : public SandboxTest {
protected:
    void setStatus(const std::string &loginId, const std::string &status)
    {
        const Response changed = descope("/v1/mgmt/user/update/status", {{"loginId", loginId}, {"status", status}}, server().context().managementKey);
        ASSERT_EQ(changed.status, 200) << changed.text();
    }
    static void expectDisabledRefusal(const Response &refused)
    {
        EXPECT_EQ(refused.status, 401) << refused.text();
        EXPECT_EQ(refused.json()["errorCode"], "E011003");
        EXPECT_EQ(refused.json()["errorMessage"], "the user is disabled");
        EXPECT_EQ(refused.json().value("sessionJwt", std::string()), "");
    }
    // Runs `start` (while enabled: what the attempt completes), disables `loginId`, expects
    // `attempt` refused by the Descope routes, enables it again and expects the same attempt (a
    // fresh one, after a fresh start) to succeed.
    void expectRefusedOnlyWhileDisabled(const std::string &loginId, const std::function<Response()> &attempt,
                                        const std::function<void()> &start = {})
    {
        if (start)
            start();
        setStatus(loginId, "disabled");
        expectDisabledRefusal(attempt());
        setStatus(loginId, "enabled");
        if (start)
            start();
        const Response signedIn = attempt();
        EXPECT_EQ(signedIn.status, 200) << signedIn.text();
        EXPECT_TRUE(validate(signedIn.json().value("sessionJwt", std::string())).ok());
    }
    std::string latestLinkToken(const std::string &loginId)
    {
        const auto messages = server().inbox().messages(loginId);
        EXPECT_FALSE(messages.empty());
        return messages.empty() || messages.front().links.empty() ? std::string() : queryOf(messages.front().links.front().url)["t"];
    }
    Response authorizeOAuth(const std::string &provider)
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("provider"), QString::fromStdString(provider));
        query.addQueryItem(QStringLiteral("redirectURL"), QString::fromUtf8(kDisabledSocialRedirect));
        return descope("/v1/auth/oauth/authorize?" + query.toString(QUrl::FullyEncoded).toStdString());
    }
    // The hosted login page's parameters for the public client.
    std::vector<std::pair<std::string, std::string>> authorizeParams(const std::string &prompt = {})
    {
        std::vector<std::pair<std::string, std::string>> params = {
            {"response_type", "code"}, {"client_id", publicClient()}, {"redirect_uri", "http://127.0.0.1:50000/callback"},
            {"scope", "openid email"}, {"state", "st-1"}, {"code_challenge", pkce().challenge}, {"code_challenge_method", "S256"}};
        if (!prompt.empty())
            params.emplace_back("prompt", prompt);
        return params;
    }
};

// A start for a disabled user: refused with the exact code, nothing in the Inbox; the same start
// delivers once the user is enabled again.
struct StartRow final {
    const char *name;
    const char *path;
    oidc::Json body;
};

class DisabledUserStart : public DisabledUser, public ::testing::WithParamInterface<StartRow> {};

TEST_P(DisabledUserStart, RefusedBeforeAnythingIsDelivered)
{
    const StartRow &row = GetParam();
    setStatus(kDisabledBob, "disabled");
    const size_t before = server().inbox().size();
    expectDisabledRefusal(descope(row.path, row.body));
    EXPECT_EQ(server().inbox().size(), before) << "nothing is delivered to a disabled user";
    EXPECT_TRUE(server().inbox().messages(kDisabledBob).empty());
    setStatus(kDisabledBob, "enabled");
    const Response started = descope(row.path, row.body);
    EXPECT_EQ(started.status, 200) << started.text();
    EXPECT_EQ(server().inbox().messages(kDisabledBob).size(), 1u) << "the same start delivers to the enabled user";
}

INSTANTIATE_TEST_SUITE_P(
    Routes, DisabledUserStart,
    ::testing::Values(StartRow{"otp_signin_email", "/v1/auth/otp/signin/email", {{"loginId", kDisabledBob}}},
                      StartRow{"otp_signup_in_email", "/v1/auth/otp/signup-in/email", {{"loginId", kDisabledBob}}},
                      StartRow{"otp_signin_sms", "/v1/auth/otp/signin/sms", {{"loginId", kDisabledBob}}},
                      StartRow{"magiclink_signin_email", "/v1/auth/magiclink/signin/email", {{"loginId", kDisabledBob}}},
                      StartRow{"magiclink_signup_in_email", "/v1/auth/magiclink/signup-in/email", {{"loginId", kDisabledBob}}},
                      StartRow{"enchantedlink_signin", "/v1/auth/enchantedlink/signin/email", {{"loginId", kDisabledBob}, {"URI", "https://app.example/el"}}},
                      StartRow{"enchantedlink_signup_in", "/v1/auth/enchantedlink/signup-in/email",
                               {{"loginId", kDisabledBob}, {"URI", "https://app.example/el"}}},
                      StartRow{"password_reset", "/v1/auth/password/reset", {{"loginId", kDisabledBob}}}),
    oidc::test::RowName());

TEST_F(DisabledUser, OtpVerifyAfterTheStart)
{
    expectRefusedOnlyWhileDisabled(
        kDisabledBob, [&] { return descope("/v1/auth/otp/verify/email", {{"loginId", kDisabledBob}, {"code", latestOtp(kDisabledBob)}}); },
        [&] { EXPECT_EQ(descope("/v1/auth/otp/signin/email", {{"loginId", kDisabledBob}}).status, 200); });
}

TEST_F(DisabledUser, MagicLinkVerifyAfterTheStart)
{
    expectRefusedOnlyWhileDisabled(
        kDisabledBob, [&] { return descope("/v1/auth/magiclink/verify", {{"token", latestLinkToken(kDisabledBob)}}); },
        [&] { EXPECT_EQ(descope("/v1/auth/magiclink/signin/email", {{"loginId", kDisabledBob}}).status, 200); });
}

TEST_F(DisabledUser, EnchantedLinkSessionAfterTheStart)
{
    Response started;
    expectRefusedOnlyWhileDisabled(
        kDisabledBob,
        [&] {
            const std::string linkId = started.json().value("linkId", std::string());
            // A local: ranging over a member of the temporary vector would read it after it is gone.
            const auto messages = server().inbox().messages(kDisabledBob);
            EXPECT_FALSE(messages.empty());
            for (const auto &link : messages.empty() ? std::vector<sandbox::InboxLink>{} : messages.front().links) {
                if (link.number == linkId) {
                    EXPECT_EQ(descope("/v1/auth/enchantedlink/verify", {{"token", queryOf(link.url)["t"]}}).status, 200);
                }
            }
            return descope("/v1/auth/enchantedlink/pending-session", {{"pendingRef", started.json().value("pendingRef", std::string())}});
        },
        [&] {
            started = descope("/v1/auth/enchantedlink/signin/email", {{"loginId", kDisabledBob}, {"URI", "https://app.example/el"}});
            EXPECT_EQ(started.status, 200) << started.text();
        });
}

TEST_F(DisabledUser, PasswordSignIn)
{
    const std::string loginId = "pat@example.com";
    ASSERT_EQ(descope("/v1/auth/password/signup", {{"loginId", loginId}, {"password", "Corr3ct-Horse-Battery!"}}).status, 200);
    expectRefusedOnlyWhileDisabled(loginId, [&] {
        return descope("/v1/auth/password/signin", {{"loginId", loginId}, {"password", "Corr3ct-Horse-Battery!"}});
    });
}

TEST_F(DisabledUser, PasswordReplaceKeepsTheOldPassword)
{
    const std::string loginId = "pat@example.com";
    ASSERT_EQ(descope("/v1/auth/password/signup", {{"loginId", loginId}, {"password", "Corr3ct-Horse-Battery!"}}).status, 200);
    setStatus(loginId, "disabled");
    expectDisabledRefusal(descope("/v1/auth/password/replace",
                                  {{"loginId", loginId}, {"oldPassword", "Corr3ct-Horse-Battery!"}, {"newPassword", "N3w-Staple-Horse-Battery!"}}));
    setStatus(loginId, "enabled");
    EXPECT_EQ(descope("/v1/auth/password/signin", {{"loginId", loginId}, {"password", "Corr3ct-Horse-Battery!"}}).status, 200)
        << "the refused replace kept nothing";
    EXPECT_EQ(descope("/v1/auth/password/signin", {{"loginId", loginId}, {"password", "N3w-Staple-Horse-Battery!"}}).status, 401);
}

TEST_F(DisabledUser, TotpVerify)
{
    const std::string loginId = "tess@example.com";
    const Response enrolled = descope("/v1/auth/totp/signup", {{"loginId", loginId}});
    ASSERT_EQ(enrolled.status, 200) << enrolled.text();
    const std::string secret = oidc::crypto::base32Decode(enrolled.json()["key"].get<std::string>()).value();
    // Each verify takes the next time step's code, all within the window of one step either side
    // of now: a code is good once (RFC 6238 §5.2).
    int64_t at = server().context().now() - 30;
    ASSERT_EQ(descope("/v1/auth/totp/verify", {{"loginId", loginId}, {"code", oidc::otp::totp(secret, at).value()}}).status, 200);
    expectRefusedOnlyWhileDisabled(loginId, [&] {
        at += 30;
        return descope("/v1/auth/totp/verify", {{"loginId", loginId}, {"code", oidc::otp::totp(secret, at).value()}});
    });
}

TEST_F(DisabledUser, PasskeySignInStartAndFinish)
{
    oidc::webauthn::SoftwareAuthenticatorOptions options;
    options.algorithms = {oidc::webauthn::CoseAlgorithm::ES256};
    oidc::webauthn::SoftwareAuthenticator authenticator(options);
    const std::string loginId = "kim@example.com";
    const Response signUp = descope("/v1/auth/webauthn/signup/start", {{"loginId", loginId}, {"origin", kDisabledWebAuthnOrigin}});
    ASSERT_EQ(signUp.status, 200) << signUp.text();
    auto created = authenticator.createCredential(signUp.json()["options"].get<std::string>(), kDisabledWebAuthnOrigin);
    ASSERT_TRUE(created.ok()) << created.error().summary();
    ASSERT_EQ(descope("/v1/auth/webauthn/signup/finish", {{"transactionId", signUp.json()["transactionId"]}, {"response", *created}}).status, 200);

    // The start is refused: no ceremony for a disabled user.
    setStatus(loginId, "disabled");
    for (const char *start : {"/v1/auth/webauthn/signin/start", "/v1/auth/webauthn/signup-in/start"})
        expectDisabledRefusal(descope(start, {{"loginId", loginId}, {"origin", kDisabledWebAuthnOrigin}}));
    setStatus(loginId, "enabled");

    // Disabled after the start: the finish is refused.
    Response started;
    expectRefusedOnlyWhileDisabled(
        loginId,
        [&] {
            auto assertion = authenticator.getAssertion(started.json().value("options", std::string()), kDisabledWebAuthnOrigin);
            EXPECT_TRUE(assertion.ok());
            const std::string response = assertion ? *assertion : std::string();
            return descope("/v1/auth/webauthn/signin/finish", {{"transactionId", started.json().value("transactionId", std::string())}, {"response", response}});
        },
        [&] {
            started = descope("/v1/auth/webauthn/signin/start", {{"loginId", loginId}, {"origin", kDisabledWebAuthnOrigin}});
            EXPECT_EQ(started.status, 200) << started.text();
        });
}

TEST_F(DisabledUser, SocialLoginExchangeAddsNoProviderToADisabledUser)
{
    expectRefusedOnlyWhileDisabled(kDisabledBob, [&] {
        const Response started = authorizeOAuth("github");
        EXPECT_EQ(started.status, 200) << started.text();
        const QUrl page(QString::fromStdString(started.json().value("url", std::string())));
        const Response shown = get(page.path(QUrl::FullyEncoded).toStdString() + "?" + page.query(QUrl::FullyEncoded).toStdString());
        const Response answered = postForm("/sandbox/social/github", {{"action", "continue"}, {"identity", kDisabledBob}, {"s", inputValue(shown.text(), "s").value_or("")}});
        EXPECT_EQ(answered.status, 302) << answered.text();
        const Response exchanged = descope("/v1/auth/oauth/exchange", {{"code", queryOf(answered.location())["code"]}});
        if (exchanged.status != 200) {
            const sandbox::User *carol = server().context().state.userByLoginId(kDisabledBob);
            EXPECT_TRUE(carol && carol->disabled());
            EXPECT_FALSE(carol && server().context().state.oauthProvidersOf(carol->userId).count("github")) << "a refused sign-in records nothing";
        }
        return exchanged;
    });
}

TEST_F(DisabledUser, SsoExchange)
{
    const Response configured = descope("/v1/mgmt/sso/saml",
                                        {{"tenantId", kDisabledGlobexTenant},
                                         {"settings", {{"idpUrl", "https://idp.globex.test/sso"}, {"entityId", "https://idp.globex.test"}}},
                                         {"domains", {"globex.test"}}},
                                        server().context().managementKey);
    ASSERT_EQ(configured.status, 200) << configured.text();
    const std::string loginId = "sam@globex.test";
    const auto signIn = [&] {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("tenant"), QString::fromUtf8(kDisabledGlobexTenant));
        query.addQueryItem(QStringLiteral("redirectURL"), QString::fromUtf8(kDisabledSsoRedirect));
        const Response started = descope("/v1/auth/saml/authorize?" + query.toString(QUrl::FullyEncoded).toStdString());
        EXPECT_EQ(started.status, 200) << started.text();
        const std::string path = QUrl(QString::fromStdString(started.json().value("url", std::string()))).path().toStdString();
        const Response answered = postForm(path, {{"action", "signin"}, {"email", loginId}});
        EXPECT_EQ(answered.status, 302) << answered.text();
        return descope("/v1/auth/saml/exchange", {{"code", queryOf(answered.location())["code"]}});
    };
    ASSERT_EQ(signIn().status, 200) << "the first SSO sign-in creates the user";
    expectRefusedOnlyWhileDisabled(loginId, signIn);
}

TEST_F(DisabledUser, HostedLoginPageSignIn)
{
    setStatus(kDisabledBob, "disabled");
    const Response page = authorizeAndLogin(authorizeParams(), kDisabledBob);
    EXPECT_EQ(page.status, 403) << page.text();
    EXPECT_TRUE(page.location().empty()) << "no code goes back";
    EXPECT_NE(page.text().find("is disabled and cannot sign in"), std::string::npos) << page.text();
    setStatus(kDisabledBob, "enabled");
    const Response redirect = authorizeAndLogin(authorizeParams(), kDisabledBob);
    ASSERT_EQ(redirect.status, 302) << redirect.text();
    EXPECT_TRUE(queryOf(redirect.location()).count("code"));
}

TEST_F(DisabledUser, HostedPagesBrowserSessionEndsWithTheUser)
{
    const Response signedIn = authorizeAndLogin(authorizeParams(), kDisabledBob);
    ASSERT_EQ(signedIn.status, 302);
    const QByteArray cookie = signedIn.header("set-cookie").split(';').front();
    ASSERT_FALSE(cookie.isEmpty());
    setStatus(kDisabledBob, "disabled");
    const Response silent = get("/oauth2/v1/authorize?" + formEncode(authorizeParams("none")), {{"Cookie", cookie}});
    ASSERT_EQ(silent.status, 302) << silent.text();
    EXPECT_EQ(queryOf(silent.location())["error"], "login_required");
    EXPECT_FALSE(queryOf(silent.location()).count("code"));
    const Response shown = get("/oauth2/v1/authorize?" + formEncode(authorizeParams()), {{"Cookie", cookie}});
    EXPECT_EQ(shown.status, 200) << "the login page, not a code";
    setStatus(kDisabledBob, "enabled");
    const Response again = get("/oauth2/v1/authorize?" + formEncode(authorizeParams("none")), {{"Cookie", cookie}});
    ASSERT_EQ(again.status, 302);
    EXPECT_TRUE(queryOf(again.location()).count("code")) << again.location();
}

TEST_F(DisabledUser, TokenEndpointRefusesACodeIssuedBeforeTheUserWasDisabled)
{
    const CodeGrant grant = publicClientCode(kDisabledBob);
    setStatus(kDisabledBob, "disabled");
    const oidc::Json refused = exchangeCode(grant, 400);
    EXPECT_EQ(refused["error"], "invalid_grant");
    EXPECT_EQ(refused["error_description"], "the user is disabled");
    setStatus(kDisabledBob, "enabled");
    EXPECT_TRUE(exchangeCode(grant, 400).contains("error")) << "the code was spent by the refused attempt";
    EXPECT_FALSE(exchangeCode(publicClientCode(kDisabledBob)).value("id_token", std::string()).empty());
}
