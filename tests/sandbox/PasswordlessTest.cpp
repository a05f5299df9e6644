// OTP (descope-api.md §7), magic link (§6), enchanted link (§5), step-up and MFA (§11), and the
// sandbox's Inbox and link landing page.

#include "SandboxTestSupport.h"

#include "sandbox/Inbox.h"

#include <cctype>
#include <set>

using namespace sandbox::test;

class Passwordless : public SandboxTest {
protected:
    sandbox::InboxMessage latest(const std::string &loginId)
    {
        const auto messages = server().inbox().messages(loginId);
        EXPECT_FALSE(messages.empty());
        return messages.empty() ? sandbox::InboxMessage{} : messages.front();
    }
    static std::string tokenOf(const std::string &url)
    {
        return queryOf(url)["t"];
    }
};

TEST_F(Passwordless, OtpEmailSignIn)
{
    const Response start = descope("/v1/auth/otp/signin/email", {{"loginId", "alice@example.com"}});
    ASSERT_EQ(start.status, 200) << start.text();
    EXPECT_EQ(start.json()["maskedEmail"], "a***@example.com");
    const auto message = latest("alice@example.com");
    EXPECT_EQ(message.kind, "otp");
    EXPECT_EQ(message.channel, "email");
    EXPECT_EQ(message.to, "alice@example.com");
    ASSERT_EQ(message.code.size(), 6u);
    EXPECT_NE(message.text.find(message.code), std::string::npos);
    const Response verify = descope("/v1/auth/otp/verify/email", {{"loginId", "alice@example.com"}, {"code", message.code}});
    ASSERT_EQ(verify.status, 200) << verify.text();
    EXPECT_TRUE(validate(verify.json()["sessionJwt"]).ok());
    // A code works once.
    EXPECT_EQ(descope("/v1/auth/otp/verify/email", {{"loginId", "alice@example.com"}, {"code", message.code}}).status, 401);
}

TEST_F(Passwordless, OtpPhoneMethods)
{
    for (const std::string &method : std::vector<std::string>{"sms", "voice", "whatsapp"}) {
        const Response start = descope("/v1/auth/otp/signin/" + method, {{"loginId", "+15555550103"}});
        ASSERT_EQ(start.status, 200) << method << start.text();
        EXPECT_EQ(start.json()["maskedPhone"], "+*******0103");
        EXPECT_EQ(latest("+15555550103").channel, method);
        const Response verify = descope("/v1/auth/otp/verify/" + method, {{"loginId", "+15555550103"}, {"code", latestOtp("+15555550103")}});
        ASSERT_EQ(verify.status, 200) << method;
        EXPECT_EQ(claimsOf(verify.json()["sessionJwt"])["amr"], oidc::Json::array({method == "voice" ? "sms" : method}));
    }
    EXPECT_EQ(descope("/v1/auth/otp/signin/fax", {{"loginId", "+15555550103"}}).status, 404);
}

TEST_F(Passwordless, WrongOtpAndTooManyAttempts)
{
    ASSERT_EQ(descope("/v1/auth/otp/signin/email", {{"loginId", "alice@example.com"}}).status, 200);
    const std::string code = latestOtp("alice@example.com");
    const std::string wrong = code == "000000" ? "111111" : "000000";
    for (int attempt = 1; attempt <= 4; ++attempt) {
        const Response response = descope("/v1/auth/otp/verify/email", {{"loginId", "alice@example.com"}, {"code", wrong}});
        EXPECT_EQ(response.status, 401);
        EXPECT_EQ(response.json()["errorCode"], "E061102") << attempt;
    }
    const Response fifth = descope("/v1/auth/otp/verify/email", {{"loginId", "alice@example.com"}, {"code", wrong}});
    EXPECT_EQ(fifth.json()["errorCode"], "E061103");
    // Locked: even the right code is refused until a new one is sent.
    EXPECT_EQ(descope("/v1/auth/otp/verify/email", {{"loginId", "alice@example.com"}, {"code", code}}).json()["errorCode"], "E061103");
    ASSERT_EQ(descope("/v1/auth/otp/signin/email", {{"loginId", "alice@example.com"}}).status, 200);
    EXPECT_EQ(descope("/v1/auth/otp/verify/email", {{"loginId", "alice@example.com"}, {"code", latestOtp("alice@example.com")}}).status, 200);
}

TEST_F(Passwordless, OtpCodeExpires)
{
    ASSERT_EQ(descope("/v1/auth/otp/signin/email", {{"loginId", "alice@example.com"}}).status, 200);
    server().context().clock.advance(301);
    const Response response = descope("/v1/auth/otp/verify/email", {{"loginId", "alice@example.com"}, {"code", latestOtp("alice@example.com")}});
    EXPECT_EQ(response.json()["errorCode"], "E061102");
}

TEST_F(Passwordless, SignUpSignInRules)
{
    const Response unknown = descope("/v1/auth/otp/signin/email", {{"loginId", "new@example.com"}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(unknown.json()["errorCode"], "E062108");
    const Response exists = descope("/v1/auth/otp/signup/email", {{"loginId", "alice@example.com"}});
    EXPECT_EQ(exists.json()["errorCode"], "E062107");
    const Response missing = descope("/v1/auth/otp/signin/email", oidc::Json::object());
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.json()["errorCode"], "E011002");

    const Response signup = descope("/v1/auth/otp/signup/email", {{"loginId", "new@example.com"}, {"user", {{"name", "New Person"}}}});
    ASSERT_EQ(signup.status, 200) << signup.text();
    const Response verify = descope("/v1/auth/otp/verify/email", {{"loginId", "new@example.com"}, {"code", latestOtp("new@example.com")}});
    ASSERT_EQ(verify.status, 200);
    oidc::Json body = verify.json();
    EXPECT_TRUE(body["firstSeen"].get<bool>());
    EXPECT_EQ(body["user"]["name"], "New Person");
    EXPECT_EQ(body["user"]["email"], "new@example.com");
    EXPECT_TRUE(body["user"]["verifiedEmail"].get<bool>());
    EXPECT_EQ(body["user"]["userId"].get<std::string>().size(), 28u);
    // Now signed up: sign-in works, sign-up-in signs in.
    EXPECT_EQ(descope("/v1/auth/otp/signin/email", {{"loginId", "NEW@example.com"}}).status, 200);
    const Response upIn = descope("/v1/auth/otp/signup-in/email", {{"loginId", "other@example.com"}});
    EXPECT_EQ(upIn.status, 200);
}

TEST_F(Passwordless, MagicLinkToTheDefaultLandingPage)
{
    const Response start = descope("/v1/auth/magiclink/signin/email", {{"loginId", "alice@example.com"}});
    ASSERT_EQ(start.status, 200) << start.text();
    EXPECT_EQ(start.json()["maskedEmail"], "a***@example.com");
    const auto message = latest("alice@example.com");
    EXPECT_EQ(message.kind, "magic-link");
    ASSERT_EQ(message.links.size(), 1u);
    EXPECT_EQ(message.links[0].url.rfind(baseUrl() + "/sandbox/link?t=", 0), 0u) << message.links[0].url;
    const std::string token = tokenOf(message.links[0].url);
    const Response verify = descope("/v1/auth/magiclink/verify", {{"token", token}});
    ASSERT_EQ(verify.status, 200) << verify.text();
    EXPECT_TRUE(validate(verify.json()["sessionJwt"]).ok());
    EXPECT_EQ(descope("/v1/auth/magiclink/verify", {{"token", token}}).status, 401); // once
}

TEST_F(Passwordless, MagicLinkHonoursUriAndRedirectUrl)
{
    ASSERT_EQ(descope("/v1/auth/magiclink/signin/email", {{"loginId", "alice@example.com"}, {"URI", "https://app.example/verify?x=1"}}).status, 200);
    EXPECT_EQ(latest("alice@example.com").links[0].url.rfind("https://app.example/verify?x=1&t=", 0), 0u);
    ASSERT_EQ(descope("/v1/auth/magiclink/signin/sms", {{"loginId", "bob@example.com"}, {"redirectUrl", "myapp://magic"}}).status, 200);
    EXPECT_EQ(latest("bob@example.com").links[0].url.rfind("myapp://magic?t=", 0), 0u);
    EXPECT_EQ(latest("bob@example.com").channel, "sms");
    EXPECT_EQ(descope("/v1/auth/magiclink/signin/email", {{"loginId", "alice@example.com"}, {"URI", "javascript:alert(1)"}}).status, 400);
}

TEST_F(Passwordless, MagicLinkLandingPageShowsThenVerifies)
{
    ASSERT_EQ(descope("/v1/auth/magiclink/signin/email", {{"loginId", "alice@example.com"}}).status, 200);
    const std::string url = latest("alice@example.com").links[0].url;
    const std::string target = url.substr(baseUrl().size());
    const Response page = get(target);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.text().find("Verify here"), std::string::npos);
    // GET did not use the token up: the page's button does.
    const Response verified = postForm("/sandbox/link", {{"t", tokenOf(url)}});
    ASSERT_EQ(verified.status, 200) << verified.text();
    EXPECT_NE(verified.text().find("Session JWT"), std::string::npos);
    EXPECT_EQ(get(target).status, 401);
}

TEST_F(Passwordless, EnchantedLinkWrongNumberThenRightNumber)
{
    const Response start = descope("/v1/auth/enchantedlink/signin/email", {{"loginId", "alice@example.com"}, {"URI", "https://app.example/el"}});
    ASSERT_EQ(start.status, 200) << start.text();
    oidc::Json body = start.json();
    const std::string linkId = body["linkId"];
    ASSERT_EQ(linkId.size(), 2u);
    EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(linkId[0])) && std::isdigit(static_cast<unsigned char>(linkId[1])));
    EXPECT_EQ(body["maskedEmail"], "a***@example.com");
    const std::string pendingRef = body["pendingRef"];

    const auto message = latest("alice@example.com");
    EXPECT_EQ(message.kind, "enchanted-link");
    ASSERT_EQ(message.links.size(), 3u);
    std::string right;
    std::string wrong;
    std::set<std::string> numbers;
    for (const auto &link : message.links) {
        numbers.insert(link.number);
        EXPECT_EQ(link.url.rfind("https://app.example/el?t=", 0), 0u);
        (link.number == linkId ? right : wrong) = tokenOf(link.url);
    }
    EXPECT_EQ(numbers.size(), 3u);
    ASSERT_FALSE(right.empty());

    const Response pending = descope("/v1/auth/enchantedlink/pending-session", {{"pendingRef", pendingRef}});
    EXPECT_EQ(pending.status, 401);
    EXPECT_EQ(pending.json()["errorCode"], "E062503");

    const Response wrongVerify = descope("/v1/auth/enchantedlink/verify", {{"token", wrong}});
    EXPECT_EQ(wrongVerify.status, 401);
    EXPECT_EQ(descope("/v1/auth/enchantedlink/pending-session", {{"pendingRef", pendingRef}}).json()["errorCode"], "E062503");

    const Response rightVerify = descope("/v1/auth/enchantedlink/verify", {{"token", right}});
    EXPECT_EQ(rightVerify.status, 200);
    EXPECT_EQ(rightVerify.json(), oidc::Json::object());

    const Response done = descope("/v1/auth/enchantedlink/pending-session", {{"pendingRef", pendingRef}});
    ASSERT_EQ(done.status, 200) << done.text();
    EXPECT_TRUE(validate(done.json()["sessionJwt"]).ok());
    // Once.
    const Response again = descope("/v1/auth/enchantedlink/pending-session", {{"pendingRef", pendingRef}});
    EXPECT_EQ(again.status, 400);
    EXPECT_NE(again.json()["errorCode"], "E062503");
}

TEST_F(Passwordless, EnchantedLinkThroughTheLandingPage)
{
    oidc::Json body = descope("/v1/auth/enchantedlink/signup-in/email", {{"loginId", "bob@example.com"}}).json();
    const auto message = latest("bob@example.com");
    for (const auto &link : message.links) {
        EXPECT_EQ(link.url.rfind(baseUrl() + "/sandbox/link?t=", 0), 0u);
        if (link.number == body["linkId"])
            continue;
        const Response wrong = get(link.url.substr(baseUrl().size()));
        EXPECT_EQ(wrong.status, 401);
        EXPECT_NE(wrong.text().find("Wrong link"), std::string::npos);
    }
    EXPECT_EQ(descope("/v1/auth/enchantedlink/pending-session", {{"pendingRef", body["pendingRef"]}}).status, 401);
    for (const auto &link : message.links) {
        if (link.number == body["linkId"]) {
            const Response page = get(link.url.substr(baseUrl().size()));
            EXPECT_EQ(page.status, 200);
            EXPECT_NE(page.text().find("Signed in"), std::string::npos);
        }
    }
    EXPECT_EQ(descope("/v1/auth/enchantedlink/pending-session", {{"pendingRef", body["pendingRef"]}}).status, 200);
}

TEST_F(Passwordless, EnchantedLinkIsEmailOnlyAndNeedsItsFields)
{
    EXPECT_EQ(descope("/v1/auth/enchantedlink/signin/sms", {{"loginId", "alice@example.com"}}).status, 404);
    EXPECT_EQ(descope("/v1/auth/enchantedlink/pending-session", oidc::Json::object()).json()["errorCode"], "E011002");
    EXPECT_EQ(descope("/v1/auth/enchantedlink/pending-session", {{"pendingRef", "nope"}}).status, 400);
    EXPECT_EQ(descope("/v1/auth/enchantedlink/verify", {{"token", "nope"}}).status, 401);
}

TEST_F(Passwordless, StepUpNeedsTheRefreshJwtAndSetsSu)
{
    oidc::Json first = otpLogin("alice@example.com", "email");
    // Without the refresh JWT: 401 with a Descope body.
    const Response refused = descope("/v1/auth/otp/signin/sms", {{"loginId", "alice@example.com"}, {"loginOptions", {{"stepup", true}}}});
    EXPECT_EQ(refused.status, 401);
    EXPECT_TRUE(refused.json().contains("errorCode"));
    // With it: the new session JWT has su and both methods in amr.
    oidc::Json stepped = otpLogin("alice@example.com", "sms", {{"stepup", true}}, first["refreshJwt"]);
    oidc::Json claims = claimsOf(stepped["sessionJwt"]);
    EXPECT_EQ(claims["su"], true);
    EXPECT_EQ(claims["amr"], oidc::Json::array({"email", "sms", "mfa"}));
    EXPECT_EQ(claims["sid"], claimsOf(first["sessionJwt"])["sid"]); // the same session, upgraded
    EXPECT_FALSE(claimsOf(stepped["refreshJwt"]).contains("su")); // never on the refresh JWT
}

TEST_F(Passwordless, MfaAccumulatesAmrWithoutSu)
{
    oidc::Json first = otpLogin("alice@example.com", "email");
    oidc::Json second = otpLogin("alice@example.com", "whatsapp", {{"mfa", true}}, first["refreshJwt"]);
    oidc::Json claims = claimsOf(second["sessionJwt"]);
    EXPECT_FALSE(claims.contains("su"));
    EXPECT_EQ(claims["amr"], oidc::Json::array({"email", "whatsapp", "mfa"}));
}

TEST_F(Passwordless, StepUpWithAnotherUsersRefreshJwtIsRefused)
{
    oidc::Json bob = otpLogin("bob@example.com");
    const Response refused = descope("/v1/auth/otp/signin/email", {{"loginId", "alice@example.com"}, {"loginOptions", {{"stepup", true}}}},
                                     bob["refreshJwt"]);
    EXPECT_EQ(refused.status, 401);
}

TEST_F(Passwordless, CustomClaimsGoUnderNsec)
{
    oidc::Json login = otpLogin("+15555550103", "sms", {{"customClaims", {{"scope", "read:data"}}}});
    EXPECT_EQ(claimsOf(login["sessionJwt"])["nsec"]["scope"], "read:data");
}

TEST_F(Passwordless, InboxIsJsonNewestFirst)
{
    ASSERT_EQ(descope("/v1/auth/otp/signin/email", {{"loginId", "alice@example.com"}}).status, 200);
    ASSERT_EQ(descope("/v1/auth/magiclink/signin/email", {{"loginId", "bob@example.com"}}).status, 200);
    ASSERT_EQ(descope("/v1/auth/enchantedlink/signin/email", {{"loginId", "alice@example.com"}}).status, 200);
    oidc::Json all = get("/sandbox/inbox").json()["messages"];
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0]["kind"], "enchanted-link");
    EXPECT_EQ(all[2]["kind"], "otp");
    EXPECT_GT(all[0]["id"].get<int>(), all[1]["id"].get<int>());
    oidc::Json alice = get("/sandbox/inbox?loginId=ALICE%40example.com").json()["messages"];
    ASSERT_EQ(alice.size(), 2u);
    EXPECT_TRUE(alice[1].contains("code"));
    EXPECT_EQ(alice[0]["links"].size(), 3u);
    EXPECT_EQ(send("DELETE", "/sandbox/inbox", {}, {}).status, 200);
    EXPECT_EQ(get("/sandbox/inbox").json()["messages"].size(), 0u);
}

TEST_F(Passwordless, InboxSignalsTheGui)
{
    std::vector<std::string> kinds;
    QObject::connect(&server().inbox(), &sandbox::Inbox::messageAdded, &server(),
                     [&](const sandbox::InboxMessage &message) { kinds.push_back(message.kind); });
    ASSERT_EQ(descope("/v1/auth/otp/signin/email", {{"loginId", "alice@example.com"}}).status, 200);
    QObject::disconnect(&server().inbox(), &sandbox::Inbox::messageAdded, &server(), nullptr);
    EXPECT_EQ(kinds, (std::vector<std::string>{"otp"}));
}
