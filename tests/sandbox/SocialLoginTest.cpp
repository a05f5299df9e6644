// Social login (the Node SDK's oauth.start / oauth.exchange): authorize → the stand-in provider
// page → its form → the redirect with a code → exchange; and every refusal.

#include "SandboxTestSupport.h"

#include <QUrl>
#include <QUrlQuery>

using namespace sandbox::test;

class SocialLogin : public SandboxTest {
protected:
    static constexpr const char *kRedirect = "http://127.0.0.1:4567/social/callback";

    // POST /v1/auth/oauth/authorize[/op]?provider=…&redirectURL=… with the login options as the body.
    Response authorize(const std::string &provider, const std::string &redirect = kRedirect, const std::string &op = {},
                       const oidc::Json &options = oidc::Json::object(), const std::string &token = {})
    {
        QUrl url(QString::fromStdString("/v1/auth/oauth/authorize" + (op.empty() ? std::string() : "/" + op)));
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("provider"), QString::fromStdString(provider));
        query.addQueryItem(QStringLiteral("redirectURL"), QString::fromStdString(redirect));
        url.setQuery(query);
        return descope(url.toString(QUrl::FullyEncoded).toStdString(), options, token);
    }
    // The stand-in page's path and query from the {url} authorize answered.
    std::string pageTarget(const Response &started)
    {
        const QUrl url(QString::fromStdString(started.json()["url"].get<std::string>()));
        EXPECT_EQ(url.host(), QStringLiteral("127.0.0.1"));
        EXPECT_EQ(url.port(), port());
        return url.path(QUrl::FullyEncoded).toStdString() + "?" + url.query(QUrl::FullyEncoded).toStdString();
    }
    // Submits the page's form: `fields` beside its hidden "s".
    Response submit(const std::string &provider, const std::string &page, std::vector<std::pair<std::string, std::string>> fields)
    {
        const auto s = inputValue(page, "s");
        EXPECT_TRUE(s.has_value());
        fields.emplace_back("s", s.value_or(""));
        return postForm("/sandbox/social/" + provider, fields);
    }
    // authorize → page → Continue as `email` (typed when `typed`) → the code.
    std::string codeFor(const std::string &provider, const std::string &email, bool typed, const std::string &op = {},
                        const oidc::Json &options = oidc::Json::object(), const std::string &token = {})
    {
        const Response started = authorize(provider, kRedirect, op, options, token);
        EXPECT_EQ(started.status, 200) << started.text();
        const Response page = get(pageTarget(started));
        EXPECT_EQ(page.status, 200);
        const Response answered = submit(provider, page.text(),
                                         typed ? std::vector<std::pair<std::string, std::string>>{{"action", "continue"}, {"email", email}, {"name", "Dana Social"}}
                                               : std::vector<std::pair<std::string, std::string>>{{"action", "continue"}, {"identity", email}});
        EXPECT_EQ(answered.status, 302) << answered.text();
        EXPECT_TRUE(answered.location().starts_with(std::string(kRedirect) + "?code=")) << answered.location();
        return queryOf(answered.location())["code"];
    }
};

TEST_F(SocialLogin, StandInPageSaysItIsTheSandboxInTheProvidersColours)
{
    const Response started = authorize("github");
    ASSERT_EQ(started.status, 200) << started.text();
    const Response page = get(pageTarget(started));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(page.header("content-type").startsWith("text/html"));
    const std::string html = page.text();
    EXPECT_NE(html.find("background:#24292F"), std::string::npos);
    EXPECT_NE(html.find("This is not GitHub"), std::string::npos);
    EXPECT_NE(html.find("alice@example.com"), std::string::npos); // the fixtures' identities
    EXPECT_NE(html.find("bob@example.com"), std::string::npos);
    EXPECT_NE(html.find("name=\"email\""), std::string::npos);
    EXPECT_NE(html.find("value=\"cancel\""), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    // The redirect URL is shown escaped (and one with raw markup is no URL at all).
    const Response tricky = authorize("google", "http://127.0.0.1:4567/cb?a=1&b='2'");
    ASSERT_EQ(tricky.status, 200) << tricky.text();
    const std::string trickyPage = get(pageTarget(tricky)).text();
    EXPECT_NE(trickyPage.find("cb?a=1&amp;b=&#39;2&#39;"), std::string::npos) << trickyPage;
    EXPECT_EQ(authorize("google", "http://127.0.0.1:4567/cb?x=<b>").status, 400);
}

TEST_F(SocialLogin, EveryProviderHasAStandIn)
{
    for (const std::string provider : {"google", "github", "apple", "microsoft", "facebook", "gitlab", "discord", "linkedin", "slack"}) {
        const Response started = authorize(provider);
        ASSERT_EQ(started.status, 200) << provider << started.text();
        EXPECT_EQ(get(pageTarget(started)).status, 200) << provider;
    }
    const Response unknown = authorize("myspace");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.json()["errorCode"], "E011004");
}

TEST_F(SocialLogin, FirstSignInCreatesTheUserWithTheProvider)
{
    const std::string code = codeFor("google", "dana@example.org", true);
    const Response exchanged = descope("/v1/auth/oauth/exchange", {{"code", code}});
    ASSERT_EQ(exchanged.status, 200) << exchanged.text();
    const oidc::Json body = exchanged.json();
    EXPECT_TRUE(validate(body["sessionJwt"]).ok());
    EXPECT_EQ(body["firstSeen"], true);
    EXPECT_EQ(body["user"]["email"], "dana@example.org");
    EXPECT_EQ(body["user"]["verifiedEmail"], true);
    EXPECT_EQ(body["user"]["name"], "Dana Social");
    EXPECT_EQ(body["user"]["OAuth"], (oidc::Json{{"google", true}}));
    EXPECT_EQ(claimsOf(body["sessionJwt"])["amr"], oidc::Json::array({"oauth"}));

    // The same person again, now through GitHub: the same user, both providers.
    const Response again = descope("/v1/auth/oauth/exchange", {{"code", codeFor("github", "dana@example.org", true)}});
    ASSERT_EQ(again.status, 200) << again.text();
    EXPECT_EQ(again.json()["firstSeen"], false);
    EXPECT_EQ(again.json()["user"]["userId"], body["user"]["userId"]);
    EXPECT_EQ(again.json()["user"]["OAuth"], (oidc::Json{{"github", true}, {"google", true}}));
}

TEST_F(SocialLogin, ExistingUserGetsTheProviderAdded)
{
    const Response exchanged = descope("/v1/auth/oauth/exchange", {{"code", codeFor("slack", "alice@example.com", false)}});
    ASSERT_EQ(exchanged.status, 200) << exchanged.text();
    EXPECT_EQ(exchanged.json()["user"]["userId"], "U2SbxAlice000000000000000001");
    EXPECT_EQ(exchanged.json()["user"]["OAuth"], (oidc::Json{{"slack", true}}));
    EXPECT_EQ(exchanged.json()["firstSeen"], false);
    // And /me says so too.
    const Response me = send("GET", "/v1/auth/me", {}, {},
                             {{"Authorization", QByteArray::fromStdString("Bearer " + projectId() + ":" + exchanged.json()["refreshJwt"].get<std::string>())}});
    ASSERT_EQ(me.status, 200) << me.text();
    EXPECT_EQ(me.json()["OAuth"], (oidc::Json{{"slack", true}}));
}

TEST_F(SocialLogin, CodeWorksOnceAndExpires)
{
    const std::string code = codeFor("google", "bob@example.com", false);
    ASSERT_EQ(descope("/v1/auth/oauth/exchange", {{"code", code}}).status, 200);
    const Response reused = descope("/v1/auth/oauth/exchange", {{"code", code}});
    EXPECT_EQ(reused.status, 401);
    EXPECT_EQ(reused.json()["errorCode"], "E011003");

    const std::string late = codeFor("google", "bob@example.com", false);
    server().context().clock.advance(61);
    const Response expired = descope("/v1/auth/oauth/exchange", {{"code", late}});
    EXPECT_EQ(expired.status, 401);
    EXPECT_EQ(expired.json()["errorCode"], "E011003");
    const Response missing = descope("/v1/auth/oauth/exchange", oidc::Json::object());
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.json()["errorCode"], "E011002");
}

TEST_F(SocialLogin, CancelAnswersAccessDenied)
{
    const Response started = authorize("apple");
    const Response page = get(pageTarget(started));
    const Response cancelled = submit("apple", page.text(), {{"action", "cancel"}});
    ASSERT_EQ(cancelled.status, 302);
    const auto query = queryOf(cancelled.location());
    EXPECT_TRUE(cancelled.location().starts_with(kRedirect));
    EXPECT_EQ(query.at("error"), "access_denied");
    EXPECT_EQ(query.count("code"), 0u);
    // The page answered once: the same form again is refused.
    EXPECT_EQ(submit("apple", page.text(), {{"action", "continue"}, {"identity", "alice@example.com"}}).status, 400);
}

TEST_F(SocialLogin, RedirectMustBeLoopbackOrAClientsRedirectUri)
{
    const Response foreign = authorize("google", "https://attacker.example/callback");
    EXPECT_EQ(foreign.status, 400);
    EXPECT_EQ(foreign.json()["errorCode"], "E011004");
    EXPECT_EQ(authorize("google", "http://127.0.0.1:4567/cb#frag").status, 400);
    EXPECT_EQ(authorize("google", "javascript:alert(1)").status, 400);
    const Response none = descope("/v1/auth/oauth/authorize?provider=google", oidc::Json::object());
    EXPECT_EQ(none.status, 400);
    EXPECT_EQ(none.json()["errorCode"], "E011002");
    EXPECT_EQ(authorize("google", "http://localhost:9999/any/path").status, 200);
    EXPECT_EQ(authorize("google", "com.example.oidcplay:/oauth2redirect").status, 200); // a fixture client's
}

TEST_F(SocialLogin, SignInAndSignUpVariants)
{
    const Response unknown = descope("/v1/auth/oauth/exchange", {{"code", codeFor("gitlab", "nobody@example.net", true, "signin")}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.json()["errorCode"], "E062108");
    const Response exists = descope("/v1/auth/oauth/exchange", {{"code", codeFor("gitlab", "alice@example.com", false, "signup")}});
    EXPECT_EQ(exists.status, 400);
    EXPECT_EQ(exists.json()["errorCode"], "E062107");
    EXPECT_EQ(descope("/v1/auth/oauth/exchange", {{"code", codeFor("gitlab", "alice@example.com", false, "signin")}}).status, 200);
    EXPECT_EQ(authorize("gitlab", kRedirect, "elsewhere").status, 404);
}

TEST_F(SocialLogin, UpdateAddsTheProviderToTheSignedInUser)
{
    const oidc::Json session = otpLogin("bob@example.com");
    const std::string refresh = session["refreshJwt"];
    EXPECT_EQ(authorize("discord", kRedirect, "update").status, 401); // needs the refresh JWT
    const Response updated = descope("/v1/auth/oauth/exchange", {{"code", codeFor("discord", "bob.gamer@example.org", true, "update", oidc::Json::object(), refresh)}});
    ASSERT_EQ(updated.status, 200) << updated.text();
    EXPECT_EQ(updated.json()["user"]["userId"], "U2SbxBob00000000000000000001");
    EXPECT_EQ(updated.json()["user"]["OAuth"], (oidc::Json{{"discord", true}}));
}

TEST_F(SocialLogin, StepUpNeedsTheSameUser)
{
    const oidc::Json session = otpLogin("alice@example.com");
    const std::string refresh = session["refreshJwt"];
    const oidc::Json stepup = {{"stepup", true}};
    EXPECT_EQ(authorize("google", kRedirect, {}, stepup).status, 401);
    const Response other = descope("/v1/auth/oauth/exchange", {{"code", codeFor("google", "bob@example.com", false, {}, stepup, refresh)}});
    EXPECT_EQ(other.status, 401);
    const Response same = descope("/v1/auth/oauth/exchange", {{"code", codeFor("google", "alice@example.com", false, {}, stepup, refresh)}});
    ASSERT_EQ(same.status, 200) << same.text();
    const oidc::Json claims = claimsOf(same.json()["sessionJwt"]);
    EXPECT_EQ(claims["su"], true);
    EXPECT_EQ(claims["amr"], oidc::Json::array({"email", "oauth", "mfa"}));
}

TEST_F(SocialLogin, StandInRefusesBadAnswers)
{
    const Response started = authorize("linkedin");
    const std::string page = get(pageTarget(started)).text();
    EXPECT_EQ(submit("linkedin", page, {{"action", "continue"}, {"email", "not an email"}}).status, 400);
    EXPECT_EQ(submit("linkedin", page, {{"action", "continue"}, {"email", "x@y"}, {"name", std::string(201, 'n')}}).status, 400);
    EXPECT_EQ(submit("facebook", page, {{"action", "continue"}, {"identity", "alice@example.com"}}).status, 400); // another provider's page
    EXPECT_EQ(get("/sandbox/social/linkedin?s=unknown").status, 400);
    EXPECT_EQ(get("/sandbox/social/myspace?s=x").status, 404);
    // The refusals above did not spend the start: it still answers.
    EXPECT_EQ(submit("linkedin", page, {{"action", "continue"}, {"identity", "alice@example.com"}}).status, 302);
}
