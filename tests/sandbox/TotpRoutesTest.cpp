// TOTP routes (descope-api.md §8): sign-up, verify (sign-in, step-up), replay, update.

#include "SandboxTestSupport.h"

#include "oidc/crypto/Base32.h"
#include "oidc/otp/Totp.h"

using namespace sandbox::test;

class TotpRoutes : public SandboxTest {
protected:
    int64_t now() { return server().context().now(); }
    // The code an authenticator app shows for `key` (base32) at `at`.
    static std::string codeFor(const std::string &key, int64_t at)
    {
        auto secret = oidc::crypto::base32Decode(key);
        EXPECT_TRUE(secret.ok());
        if (!secret)
            return {};
        auto code = oidc::otp::totp(*secret, at);
        EXPECT_TRUE(code.ok());
        return code ? *code : std::string();
    }
    // A code of the same length that is not the right one.
    static std::string wrongCode(std::string code)
    {
        code.back() = static_cast<char>('0' + (code.back() - '0' + 5) % 10);
        return code;
    }
    oidc::Json signUp(const std::string &loginId)
    {
        const Response response = descope("/v1/auth/totp/signup", {{"loginId", loginId}, {"user", {{"name", "Dana"}}}});
        EXPECT_EQ(response.status, 200) << response.text();
        return response.json();
    }
};

TEST_F(TotpRoutes, SignUpGivesProvisioningUrlImageAndKey)
{
    const oidc::Json enrollment = signUp("dana@example.com");
    const std::string url = enrollment.value("provisioningURL", "");
    const std::string key = enrollment.value("key", "");
    EXPECT_EQ(url.rfind("otpauth://totp/", 0), 0u) << url;
    EXPECT_NE(url.find("secret=" + key), std::string::npos) << url;
    const QByteArray png = QByteArray::fromBase64(QByteArray::fromStdString(enrollment.value("image", "")));
    ASSERT_GT(png.size(), 8);
    EXPECT_TRUE(png.startsWith("\x89PNG\r\n\x1a\n"));
    EXPECT_EQ(oidc::crypto::base32Decode(key).value().size(), 20u);
    // An existing user cannot sign up again.
    const Response existing = descope("/v1/auth/totp/signup", {{"loginId", "alice@example.com"}});
    EXPECT_EQ(existing.status, 400);
    EXPECT_EQ(existing.json()["errorCode"], "E062107");
}

TEST_F(TotpRoutes, VerifyCreatesTheUserAndAnswersJwtResponse)
{
    const std::string key = signUp("dana@example.com")["key"];
    const std::string code = codeFor(key, now());
    const Response verify = descope("/v1/auth/totp/verify", {{"loginId", "dana@example.com"}, {"code", code}});
    ASSERT_EQ(verify.status, 200) << verify.text();
    const oidc::Json body = verify.json();
    EXPECT_TRUE(validate(body["sessionJwt"]).ok());
    EXPECT_EQ(claimsOf(body["sessionJwt"])["amr"], oidc::Json::array({"totp"}));
    EXPECT_EQ(body["firstSeen"], true);
    EXPECT_EQ(body["user"]["TOTP"], true);
    EXPECT_EQ(body["user"]["loginIds"], oidc::Json::array({"dana@example.com"}));
    // Signing in later with the next code.
    const Response again = descope("/v1/auth/totp/verify", {{"loginId", "dana@example.com"}, {"code", codeFor(key, now() + 30)}});
    ASSERT_EQ(again.status, 200) << again.text();
    EXPECT_EQ(again.json()["firstSeen"], false);
}

TEST_F(TotpRoutes, WrongCodeAndBadFormat)
{
    const std::string key = signUp("dana@example.com")["key"];
    const Response wrong = descope("/v1/auth/totp/verify", {{"loginId", "dana@example.com"}, {"code", wrongCode(codeFor(key, now()))}});
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.json()["errorCode"], "E061102");
    const Response format = descope("/v1/auth/totp/verify", {{"loginId", "dana@example.com"}, {"code", "12ab56"}});
    EXPECT_EQ(format.status, 400);
    EXPECT_EQ(format.json()["errorCode"], "E011003");
    const Response missing = descope("/v1/auth/totp/verify", {{"loginId", "dana@example.com"}});
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.json()["errorCode"], "E011002");
    // A user without TOTP.
    const Response none = descope("/v1/auth/totp/verify", {{"loginId", "bob@example.com"}, {"code", "123456"}});
    EXPECT_EQ(none.status, 400);
    // The pending sign-up still works with the right code.
    EXPECT_EQ(descope("/v1/auth/totp/verify", {{"loginId", "dana@example.com"}, {"code", codeFor(key, now())}}).status, 200);
}

TEST_F(TotpRoutes, ReplayedCodeIsRefused)
{
    const std::string key = signUp("dana@example.com")["key"];
    const std::string code = codeFor(key, now() + 30);
    ASSERT_EQ(descope("/v1/auth/totp/verify", {{"loginId", "dana@example.com"}, {"code", code}}).status, 200);
    const Response replay = descope("/v1/auth/totp/verify", {{"loginId", "dana@example.com"}, {"code", code}});
    EXPECT_EQ(replay.status, 401);
    EXPECT_EQ(replay.json()["errorCode"], "E061102");
    EXPECT_NE(replay.json().value("errorMessage", "").find("already used"), std::string::npos) << replay.text();
    // An older step than the one used is refused too.
    EXPECT_EQ(descope("/v1/auth/totp/verify", {{"loginId", "dana@example.com"}, {"code", codeFor(key, now())}}).status, 401);
}

TEST_F(TotpRoutes, UpdateNeedsRefreshJwtAndSwitchesSeedAfterVerify)
{
    const oidc::Json first = otpLogin("alice@example.com");
    const std::string refreshJwt = first["refreshJwt"];
    const Response anonymous = descope("/v1/auth/totp/update", {{"loginId", "alice@example.com"}});
    EXPECT_EQ(anonymous.status, 401);
    const Response forged = descope("/v1/auth/totp/update", {{"loginId", "alice@example.com"}}, "not-a-jwt");
    EXPECT_EQ(forged.status, 401);
    const Response otherUser = descope("/v1/auth/totp/update", {{"loginId", "bob@example.com"}}, refreshJwt);
    EXPECT_EQ(otherUser.status, 401);

    const Response firstUpdate = descope("/v1/auth/totp/update", {{"loginId", "alice@example.com"}}, refreshJwt);
    ASSERT_EQ(firstUpdate.status, 200) << firstUpdate.text();
    const std::string oldKey = firstUpdate.json()["key"];
    ASSERT_EQ(descope("/v1/auth/totp/verify", {{"loginId", "alice@example.com"}, {"code", codeFor(oldKey, now())}}).status, 200);

    // A second update: the old seed keeps working until the new one is verified.
    const Response second = descope("/v1/auth/totp/update", {{"loginId", "alice@example.com"}}, refreshJwt);
    ASSERT_EQ(second.status, 200) << second.text();
    const std::string newKey = second.json()["key"];
    EXPECT_NE(newKey, oldKey);
    EXPECT_EQ(descope("/v1/auth/totp/verify", {{"loginId", "alice@example.com"}, {"code", codeFor(oldKey, now() + 30)}}).status, 200);
    EXPECT_EQ(descope("/v1/auth/totp/verify", {{"loginId", "alice@example.com"}, {"code", codeFor(newKey, now())}}).status, 200);
    // Now the old seed is gone (90 s later, where its codes would be fresh).
    server().context().clock.advance(90);
    EXPECT_EQ(descope("/v1/auth/totp/verify", {{"loginId", "alice@example.com"}, {"code", codeFor(oldKey, now())}}).status, 401);
    EXPECT_EQ(descope("/v1/auth/totp/verify", {{"loginId", "alice@example.com"}, {"code", codeFor(newKey, now())}}).status, 200);
}

TEST_F(TotpRoutes, StepUpWithRefreshJwt)
{
    const oidc::Json first = otpLogin("alice@example.com");
    const std::string refreshJwt = first["refreshJwt"];
    const Response update = descope("/v1/auth/totp/update", {{"loginId", "alice@example.com"}}, refreshJwt);
    ASSERT_EQ(update.status, 200) << update.text();
    const std::string key = update.json()["key"];
    // Step-up without the refresh JWT is refused.
    const Response refused = descope("/v1/auth/totp/verify",
                                     {{"loginId", "alice@example.com"}, {"code", codeFor(key, now())}, {"loginOptions", {{"stepup", true}}}});
    EXPECT_EQ(refused.status, 401);
    const Response stepped = descope("/v1/auth/totp/verify",
                                     {{"loginId", "alice@example.com"}, {"code", codeFor(key, now())}, {"loginOptions", {{"stepup", true}}}},
                                     refreshJwt);
    ASSERT_EQ(stepped.status, 200) << stepped.text();
    const oidc::Json claims = claimsOf(stepped.json()["sessionJwt"]);
    EXPECT_EQ(claims["su"], true);
    EXPECT_EQ(claims["amr"], oidc::Json::array({"email", "totp", "mfa"}));
    EXPECT_EQ(claimsOf(stepped.json()["refreshJwt"])["sid"], claimsOf(refreshJwt)["sid"]);
}
