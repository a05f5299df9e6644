// Social login and passwords end to end: the client's operations against the sandbox, the
// stand-in provider page driven over HTTP as a browser would, the sessions' checks, the
// refusals, and the exchange log never showing a password or a code.

#include "SandboxClientTest.h"

#include "oidc/net/BlockingSend.h"
#include "oidc/net/QtHttpTransport.h"

#include <QUrlQuery>

#include <regex>

namespace oidc::descope {
namespace {

using oidc::test::failsWith;
using oidc::test::succeeds;
using test::failedChecks;
using test::kAlice;
using test::kAliceId;

constexpr const char *kSocialRedirect = "http://127.0.0.1:4999/social/callback";

class SocialPasswordSandbox : public test::SandboxClientTest {
protected:
    // The stand-in page at `url` answered as a person would: `fields` plus its hidden "s". Returns
    // the redirect's Location.
    std::string answerStandIn(const std::string &url, const std::vector<std::pair<QString, QString>> &fields)
    {
        net::HttpRequest page;
        page.url = QUrl(QString::fromStdString(url));
        auto shown = net::sendAndWait(m_browser, page);
        EXPECT_TRUE(succeeds(shown));
        if (!shown)
            return {};
        EXPECT_EQ(shown->status, 200);
        std::smatch match;
        const std::string html = shown->body.toStdString();
        EXPECT_TRUE(std::regex_search(html, match, std::regex("name=\"s\" value=\"([^\"]+)\"")));
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("s"), QString::fromStdString(match[1].str()));
        for (const auto &[name, value] : fields)
            form.addQueryItem(name, value);
        net::HttpRequest post;
        post.method = "POST";
        post.url = page.url;
        post.url.setQuery(QString());
        post.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        post.body = form.toString(QUrl::FullyEncoded).toUtf8();
        auto answered = net::sendAndWait(m_browser, post);
        EXPECT_TRUE(succeeds(answered));
        if (!answered)
            return {};
        EXPECT_EQ(answered->status, 302);
        return answered->header("Location").toStdString();
    }

    SessionOutcome socialSignIn(const std::string &provider, const std::vector<std::pair<QString, QString>> &fields,
                                std::string *codeOut = nullptr)
    {
        OAuthStart start;
        start.provider = provider;
        start.redirectUrl = kSocialRedirect;
        auto started = client().startOAuth(start);
        EXPECT_TRUE(succeeds(started));
        if (!started)
            return failedOutcome(started.error());
        auto code = oauthCodeFromRedirect(answerStandIn(started->url, fields));
        EXPECT_TRUE(succeeds(code));
        if (!code)
            return failedOutcome(code.error());
        if (codeOut)
            *codeOut = *code;
        return client().exchangeOAuth(*code);
    }

    net::QtHttpTransport m_browser;
};

TEST_F(SocialPasswordSandbox, SocialSignInCreatesTheUserThenAddsProviders)
{
    std::string code;
    const auto first = socialSignIn("google", {{QStringLiteral("action"), QStringLiteral("continue")},
                                               {QStringLiteral("email"), QStringLiteral("hana@example.org")}},
                                    &code);
    ASSERT_TRUE(first.ok()) << first.result.error().summary() << failedChecks(first);
    EXPECT_TRUE(first.result->firstSeen);
    EXPECT_EQ(first.result->session.claims()["amr"], Json::array({"oauth"}));
    ASSERT_TRUE(first.result->user.has_value());
    EXPECT_EQ(first.result->user->raw["OAuth"], (Json{{"google", true}}));
    EXPECT_EQ(client().client().session()->userId, first.result->userId); // kept as the current session

    // The code works once; the log shows neither it nor the tokens.
    EXPECT_TRUE(failsWith(client().exchangeOAuth(code).result, "E011003", ErrorCategory::Descope));
    EXPECT_EQ(redactedLog().find(code), std::string::npos);

    const auto second = socialSignIn("microsoft", {{QStringLiteral("action"), QStringLiteral("continue")},
                                                   {QStringLiteral("email"), QStringLiteral("hana@example.org")}});
    ASSERT_TRUE(second.ok()) << second.result.error().summary();
    EXPECT_EQ(second.result->userId, first.result->userId);
    EXPECT_EQ(second.result->user->raw["OAuth"], (Json{{"google", true}, {"microsoft", true}}));
}

TEST_F(SocialPasswordSandbox, SocialRefusals)
{
    OAuthStart start;
    start.provider = "google";
    start.redirectUrl = "https://attacker.example/callback";
    EXPECT_TRUE(failsWith(client().startOAuth(start), "E011004", ErrorCategory::Descope));
    start.provider = "myspace";
    start.redirectUrl = kSocialRedirect;
    EXPECT_TRUE(failsWith(client().startOAuth(start), "E011004", ErrorCategory::Descope));

    start.provider = "facebook";
    auto started = client().startOAuth(start);
    ASSERT_TRUE(succeeds(started));
    const auto cancelled = oauthCodeFromRedirect(answerStandIn(started->url, {{QStringLiteral("action"), QStringLiteral("cancel")}}));
    ASSERT_TRUE(failsWith(cancelled, "DESCOPE_OAUTH_DENIED", ErrorCategory::Input));
    EXPECT_NE(cancelled.error().message.find("access_denied"), std::string::npos);

    const auto signIn = [&](OAuthOperation operation, const char *email) {
        OAuthStart variant;
        variant.provider = "gitlab";
        variant.redirectUrl = kSocialRedirect;
        variant.operation = operation;
        auto begun = client().startOAuth(variant);
        EXPECT_TRUE(succeeds(begun));
        auto code = oauthCodeFromRedirect(answerStandIn(begun->url, {{QStringLiteral("action"), QStringLiteral("continue")},
                                                                     {QStringLiteral("email"), QString::fromLatin1(email)}}));
        return client().exchangeOAuth(code.value());
    };
    EXPECT_TRUE(failsWith(signIn(OAuthOperation::SignIn, "nobody@example.org").result, "E062108", ErrorCategory::Descope));
    EXPECT_TRUE(failsWith(signIn(OAuthOperation::SignUp, kAlice).result, "E062107", ErrorCategory::Descope));
    EXPECT_TRUE(signIn(OAuthOperation::SignIn, kAlice).ok());
}

TEST_F(SocialPasswordSandbox, UpdateAddsTheProviderToTheSignedInUser)
{
    const DescopeSession signedIn = signIn(kAlice);
    OAuthStart update;
    update.provider = "discord";
    update.redirectUrl = kSocialRedirect;
    update.operation = OAuthOperation::Update;
    update.refreshJwt = signedIn.refreshJwt;
    auto started = client().startOAuth(update);
    ASSERT_TRUE(succeeds(started));
    auto code = oauthCodeFromRedirect(answerStandIn(started->url, {{QStringLiteral("action"), QStringLiteral("continue")},
                                                                   {QStringLiteral("email"), QStringLiteral("alice.gamer@example.org")}}));
    ASSERT_TRUE(succeeds(code));
    const auto outcome = client().exchangeOAuth(*code);
    ASSERT_TRUE(outcome.ok()) << outcome.result.error().summary();
    EXPECT_EQ(outcome.result->userId, kAliceId);
    EXPECT_EQ(outcome.result->user->raw["OAuth"], (Json{{"discord", true}}));
}

TEST_F(SocialPasswordSandbox, PasswordLifecycle)
{
    auto policy = client().passwordPolicy();
    ASSERT_TRUE(succeeds(policy));
    EXPECT_EQ(policy->minLength, 8);
    EXPECT_EQ(policy->unmet("weak"), (std::vector<std::string>{"at least 8 characters", "an uppercase letter", "a digit"}));

    EXPECT_TRUE(failsWith(client().signUpPassword("ivy@example.org", "weak").result, "E011004", ErrorCategory::Descope));
    SignUpUser user;
    user.name = "Ivy Password";
    const auto created = client().signUpPassword("ivy@example.org", "Ivy-Pass-1", user);
    ASSERT_TRUE(created.ok()) << created.result.error().summary() << failedChecks(created);
    EXPECT_EQ(created.result->session.claims()["amr"], Json::array({"pwd"}));
    EXPECT_EQ(created.result->user->raw["password"], true);

    EXPECT_TRUE(failsWith(client().signInPassword("ivy@example.org", "Ivy-Pass-2").result, "E011003", ErrorCategory::Descope));
    ASSERT_TRUE(client().signInPassword("ivy@example.org", "Ivy-Pass-1").ok());

    const auto replaced = client().replacePassword("ivy@example.org", "Ivy-Pass-1", "Ivy-Pass-3");
    ASSERT_TRUE(replaced.ok()) << replaced.result.error().summary();
    EXPECT_TRUE(succeeds(client().updatePassword("ivy@example.org", "Ivy-Pass-4", replaced.result->refreshJwt)));
    EXPECT_FALSE(client().signInPassword("ivy@example.org", "Ivy-Pass-3").ok());
    EXPECT_TRUE(client().signInPassword("ivy@example.org", "Ivy-Pass-4").ok());

    auto sent = client().sendPasswordReset("ivy@example.org", "http://127.0.0.1:4999/reset");
    ASSERT_TRUE(succeeds(sent));
    EXPECT_EQ(sent->resetMethod, "magiclink");
    EXPECT_EQ(sent->maskedEmail, "i***@example.org");
    const auto verified = client().verifyMagicLink(linkToken(latestMessage("ivy@example.org").links.at(0).url).value());
    ASSERT_TRUE(verified.ok());
    EXPECT_TRUE(succeeds(client().updatePassword("ivy@example.org", "Ivy-Pass-5", verified.result->refreshJwt)));
    EXPECT_TRUE(client().signInPassword("ivy@example.org", "Ivy-Pass-5").ok());

    // Every password stays out of the exchange log.
    const std::string log = redactedLog();
    for (const char *password : {"Ivy-Pass-1", "Ivy-Pass-2", "Ivy-Pass-3", "Ivy-Pass-4", "Ivy-Pass-5"})
        EXPECT_EQ(log.find(password), std::string::npos) << password;
    EXPECT_NE(log.find("ivy@example.org"), std::string::npos);
}

} // namespace
} // namespace oidc::descope
