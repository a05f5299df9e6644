// Passwords (/v1/auth/password/*, the Node SDK's password.*): sign-up under the project's
// policy, sign-in, replace, update with the refresh JWT, reset through the Inbox, the policy.

#include "SandboxTestSupport.h"

#include "sandbox/Inbox.h"

using namespace sandbox::test;

class PasswordRoutes : public SandboxTest {
protected:
    static constexpr const char *kGood = "Sandbox-Pass-1";

    Response signUp(const std::string &loginId, const std::string &password)
    {
        return descope("/v1/auth/password/signup", {{"loginId", loginId}, {"password", password}, {"user", {{"name", "Erin Password"}}}});
    }
    Response signIn(const std::string &loginId, const std::string &password)
    {
        return descope("/v1/auth/password/signin", {{"loginId", loginId}, {"password", password}});
    }
};

TEST_F(PasswordRoutes, SignUpThenSignIn)
{
    const Response created = signUp("erin@example.com", kGood);
    ASSERT_EQ(created.status, 200) << created.text();
    EXPECT_TRUE(validate(created.json()["sessionJwt"]).ok());
    EXPECT_EQ(created.json()["firstSeen"], true);
    EXPECT_EQ(created.json()["user"]["password"], true);
    EXPECT_EQ(created.json()["user"]["name"], "Erin Password");
    EXPECT_EQ(created.json()["user"]["email"], "erin@example.com");
    EXPECT_EQ(created.json()["user"]["verifiedEmail"], false); // nothing was delivered
    EXPECT_EQ(claimsOf(created.json()["sessionJwt"])["amr"], oidc::Json::array({"pwd"}));

    const Response signedIn = signIn("erin@example.com", kGood);
    ASSERT_EQ(signedIn.status, 200) << signedIn.text();
    EXPECT_EQ(signedIn.json()["user"]["userId"], created.json()["user"]["userId"]);
    EXPECT_EQ(signedIn.json()["firstSeen"], false);

    const Response again = signUp("erin@example.com", kGood);
    EXPECT_EQ(again.status, 400);
    EXPECT_EQ(again.json()["errorCode"], "E062107");
}

TEST_F(PasswordRoutes, WrongPasswordAndUnknownUser)
{
    ASSERT_EQ(signUp("erin@example.com", kGood).status, 200);
    const Response wrong = signIn("erin@example.com", "Sandbox-Pass-2");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.json()["errorCode"], "E011003");
    EXPECT_EQ(wrong.text().find("Sandbox-Pass"), std::string::npos); // never echoed
    // A user without a password cannot sign in with one.
    EXPECT_EQ(signIn("alice@example.com", kGood).status, 401);
    const Response unknown = signIn("nobody@example.com", kGood);
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.json()["errorCode"], "E062108");
    const Response missing = descope("/v1/auth/password/signin", {{"loginId", "erin@example.com"}});
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.json()["errorCode"], "E011002");
}

TEST_F(PasswordRoutes, WeakPasswordsAreRefusedByThePolicy)
{
    const std::vector<std::pair<std::string, std::string>> weak = {
        {"Sh0rt-a", "at least 8 characters"},
        {"no-upper-case-1", "an uppercase letter"},
        {"NO-LOWER-CASE-1", "a lowercase letter"},
        {"No-Digits-Here", "a digit"},
    };
    for (const auto &[password, needs] : weak) {
        const Response refused = signUp("weak@example.com", password);
        EXPECT_EQ(refused.status, 400) << password;
        EXPECT_EQ(refused.json()["errorCode"], "E011004") << password;
        EXPECT_NE(refused.json()["errorMessage"].get<std::string>().find(needs), std::string::npos) << refused.text();
        EXPECT_EQ(refused.text().find(password), std::string::npos);
    }
    // Nothing was created by the refusals.
    EXPECT_EQ(signIn("weak@example.com", kGood).json()["errorCode"], "E062108");
}

TEST_F(PasswordRoutes, Policy)
{
    const Response policy = send("GET", "/v1/auth/password/policy", {}, {}, {{"Authorization", QByteArray::fromStdString("Bearer " + projectId())}});
    ASSERT_EQ(policy.status, 200) << policy.text();
    EXPECT_EQ(policy.json(), (oidc::Json{{"minLength", 8}, {"lowercase", true}, {"uppercase", true}, {"number", true}, {"nonAlphanumeric", false}}));
    EXPECT_EQ(send("GET", "/v1/auth/password/policy", {}, {}).status, 401);
}

TEST_F(PasswordRoutes, ReplaceNeedsTheOldPassword)
{
    ASSERT_EQ(signUp("erin@example.com", kGood).status, 200);
    const Response wrongOld = descope("/v1/auth/password/replace", {{"loginId", "erin@example.com"}, {"oldPassword", "Wrong-Pass-1"}, {"newPassword", "Replaced-Pass-2"}});
    EXPECT_EQ(wrongOld.status, 401);
    const Response weakNew = descope("/v1/auth/password/replace", {{"loginId", "erin@example.com"}, {"oldPassword", kGood}, {"newPassword", "weak"}});
    EXPECT_EQ(weakNew.status, 400);
    EXPECT_EQ(weakNew.json()["errorCode"], "E011004");
    const Response replaced = descope("/v1/auth/password/replace", {{"loginId", "erin@example.com"}, {"oldPassword", kGood}, {"newPassword", "Replaced-Pass-2"}});
    ASSERT_EQ(replaced.status, 200) << replaced.text();
    EXPECT_TRUE(validate(replaced.json()["sessionJwt"]).ok());
    EXPECT_EQ(signIn("erin@example.com", kGood).status, 401);
    EXPECT_EQ(signIn("erin@example.com", "Replaced-Pass-2").status, 200);
}

TEST_F(PasswordRoutes, UpdateWithTheRefreshJwt)
{
    const Response created = signUp("erin@example.com", kGood);
    ASSERT_EQ(created.status, 200);
    const std::string refresh = created.json()["refreshJwt"];
    const oidc::Json body = {{"loginId", "erin@example.com"}, {"newPassword", "Updated-Pass-3"}};
    EXPECT_EQ(descope("/v1/auth/password/update", body).status, 401); // no refresh JWT
    const Response otherUser = descope("/v1/auth/password/update", {{"loginId", "alice@example.com"}, {"newPassword", "Updated-Pass-3"}}, refresh);
    EXPECT_EQ(otherUser.status, 401);
    EXPECT_EQ(descope("/v1/auth/password/update", {{"loginId", "erin@example.com"}, {"newPassword", "weak"}}, refresh).status, 400);
    const Response updated = descope("/v1/auth/password/update", body, refresh);
    ASSERT_EQ(updated.status, 200) << updated.text();
    EXPECT_EQ(updated.json(), oidc::Json::object());
    EXPECT_EQ(signIn("erin@example.com", "Updated-Pass-3").status, 200);
    EXPECT_EQ(signIn("erin@example.com", kGood).status, 401);
}

TEST_F(PasswordRoutes, ResetSendsAMagicLinkThatLetsTheUserSetANewPassword)
{
    ASSERT_EQ(signUp("erin@example.com", kGood).status, 200);
    const Response sent = descope("/v1/auth/password/reset", {{"loginId", "erin@example.com"}, {"redirectUrl", "http://127.0.0.1:4567/reset"}});
    ASSERT_EQ(sent.status, 200) << sent.text();
    EXPECT_EQ(sent.json()["resetMethod"], "magiclink");
    EXPECT_EQ(sent.json()["maskedEmail"], "e***@example.com");
    const auto messages = server().inbox().messages("erin@example.com");
    ASSERT_FALSE(messages.empty());
    EXPECT_EQ(messages.front().kind, "password-reset");
    ASSERT_EQ(messages.front().links.size(), 1u);
    const std::string link = messages.front().links.front().url;
    EXPECT_TRUE(link.starts_with("http://127.0.0.1:4567/reset?t=")) << link;

    const Response verified = descope("/v1/auth/magiclink/verify", {{"token", queryOf(link)["t"]}});
    ASSERT_EQ(verified.status, 200) << verified.text();
    const Response updated = descope("/v1/auth/password/update", {{"loginId", "erin@example.com"}, {"newPassword", "After-Reset-4"}},
                                     verified.json()["refreshJwt"]);
    ASSERT_EQ(updated.status, 200) << updated.text();
    EXPECT_EQ(signIn("erin@example.com", "After-Reset-4").status, 200);

    EXPECT_EQ(descope("/v1/auth/password/reset", {{"loginId", "nobody@example.com"}}).json()["errorCode"], "E062108");
    EXPECT_EQ(descope("/v1/auth/password/reset", {{"loginId", "erin@example.com"}, {"redirectUrl", "javascript:alert(1)"}}).status, 400);
}
