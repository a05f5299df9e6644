// TOTP and passkeys end to end against the sandbox (descope-api.md §8, §9): the client carries the
// enrollment and the ceremonies' JSON texts; the sandbox's TOTP engine computes codes and its
// software authenticator plays the passkey (test-only uses of sandbox/auth).

#include "SandboxClientTest.h"

#include "oidc/crypto/Base32.h"
#include "oidc/webauthn/SoftwareAuthenticator.h"
#include "oidc/otp/Totp.h"

namespace oidc::descope {
namespace {

using oidc::test::failsWith;
using oidc::test::succeeds;
using test::failedChecks;

constexpr const char *kDana = "dana@example.com";
constexpr const char *kErin = "erin@example.com";
constexpr const char *kOrigin = "https://localhost";

class TotpSandbox : public test::SandboxClientTest {
protected:
    std::string codeFor(const std::string &key, int64_t at)
    {
        auto secret = crypto::base32Decode(key);
        EXPECT_TRUE(secret.ok());
        auto code = otp::totp(secret.ok() ? *secret : std::string("x"), at);
        EXPECT_TRUE(code.ok());
        return code.ok() ? *code : std::string();
    }
};

TEST_F(TotpSandbox, SignUpThenVerify_8)
{
    auto enrollment = client().signUpTotp(kDana, SignUpUser{"Dana", {}, {}, {}, {}, {}});
    ASSERT_TRUE(succeeds(enrollment));
    EXPECT_EQ(enrollment->provisioningUrl.rfind("otpauth://totp/", 0), 0u);
    EXPECT_NE(enrollment->provisioningUrl.find("secret=" + enrollment->key), std::string::npos);
    EXPECT_TRUE(enrollment->image.startsWith("\x89PNG"));
    const auto outcome = client().verifyTotp(kDana, codeFor(enrollment->key, sandboxNow()));
    ASSERT_TRUE(outcome.ok()) << outcome.result.error().summary() << failedChecks(outcome);
    EXPECT_TRUE(outcome.result->firstSeen);
    EXPECT_EQ(outcome.result->session.claims()["amr"], Json::array({"totp"}));
    EXPECT_EQ(outcome.result->loginIds, std::vector<std::string>{kDana});
}

TEST_F(TotpSandbox, WrongAndReplayedCodesAreRefused)
{
    auto enrollment = client().signUpTotp(kDana);
    ASSERT_TRUE(succeeds(enrollment));
    std::string code = codeFor(enrollment->key, sandboxNow());
    std::string wrong = code;
    wrong.back() = static_cast<char>('0' + (wrong.back() - '0' + 5) % 10);
    EXPECT_TRUE(failsWith(client().verifyTotp(kDana, wrong).result, "E061102", ErrorCategory::Descope));
    ASSERT_TRUE(client().verifyTotp(kDana, code).ok());
    EXPECT_TRUE(failsWith(client().verifyTotp(kDana, code).result, "E061102", ErrorCategory::Descope)); // RFC 6238 §5.2
    EXPECT_TRUE(failsWith(client().signUpTotp("alice@example.com"), "E062107", ErrorCategory::Descope));
}

class PasskeySandbox : public test::SandboxClientTest {
protected:
    PasskeySandbox()
    {
        webauthn::SoftwareAuthenticatorOptions options;
        options.algorithms = {webauthn::CoseAlgorithm::ES256};
        m_authenticator.setOptions(options);
    }
    WebAuthnStart startOf(WebAuthnStartKind kind, const std::string &loginId)
    {
        WebAuthnStart start;
        start.kind = kind;
        start.loginId = loginId;
        start.origin = kOrigin;
        start.user.name = "Erin";
        return start;
    }
    // start → the authenticator → finish, as the CLI's passkey command does.
    SessionOutcome ceremony(const WebAuthnStart &start, const webauthn::AuthenticatorFaults &faults = {})
    {
        auto started = client().startWebAuthn(start);
        if (!started)
            return failedOutcome(started.error());
        auto response = started->create ? m_authenticator.createCredential(started->options, kOrigin, faults)
                                         : m_authenticator.getAssertion(started->options, kOrigin, faults);
        if (!response)
            return failedOutcome(response.error());
        return client().finishWebAuthn(finishKindFor(start.kind, started->create), started->transactionId, *response);
    }

    webauthn::SoftwareAuthenticator m_authenticator;
};

TEST_F(PasskeySandbox, SignUpSignInAndSignUpOrIn_9)
{
    const auto signUp = ceremony(startOf(WebAuthnStartKind::SignUp, kErin));
    ASSERT_TRUE(signUp.ok()) << signUp.result.error().summary() << failedChecks(signUp);
    EXPECT_TRUE(signUp.result->firstSeen);
    EXPECT_EQ(signUp.result->session.claims()["amr"], Json::array({"webauthn"}));
    const auto signIn = ceremony(startOf(WebAuthnStartKind::SignIn, kErin));
    ASSERT_TRUE(signIn.ok()) << signIn.result.error().summary();
    EXPECT_EQ(signIn.result->userId, signUp.result->userId);
    const auto either = ceremony(startOf(WebAuthnStartKind::SignUpOrIn, kErin)); // has a passkey: an assertion
    ASSERT_TRUE(either.ok()) << either.result.error().summary();
    EXPECT_FALSE(either.result->firstSeen);
    WebAuthnStart discoverable = startOf(WebAuthnStartKind::SignIn, {});
    const auto withoutLoginId = ceremony(discoverable);
    ASSERT_TRUE(withoutLoginId.ok()) << withoutLoginId.result.error().summary();
    EXPECT_EQ(withoutLoginId.result->userId, signUp.result->userId);
}

TEST_F(PasskeySandbox, TamperedResponseIsRefused)
{
    ASSERT_TRUE(ceremony(startOf(WebAuthnStartKind::SignUp, kErin)).ok());
    webauthn::AuthenticatorFaults tampered;
    tampered.corruptSignature = true;
    const auto refused = ceremony(startOf(WebAuthnStartKind::SignIn, kErin), tampered);
    ASSERT_TRUE(failsWith(refused.result, "E011003", ErrorCategory::Descope));
    EXPECT_EQ(refused.result.error().httpStatus, 401);
    webauthn::AuthenticatorFaults otherChallenge;
    otherChallenge.challenge = std::string(32, 'x');
    EXPECT_TRUE(failsWith(ceremony(startOf(WebAuthnStartKind::SignIn, kErin), otherChallenge).result, "E011003", ErrorCategory::Descope));
}

TEST_F(PasskeySandbox, UpdateAddsAPasskeyAndStepUp)
{
    const auto first = ceremony(startOf(WebAuthnStartKind::SignUp, kErin));
    ASSERT_TRUE(first.ok());
    WebAuthnStart update = startOf(WebAuthnStartKind::Update, kErin);
    update.refreshJwt = first.result->refreshJwt;
    auto started = client().startWebAuthn(update);
    ASSERT_TRUE(succeeds(started));
    EXPECT_TRUE(started->create);
    webauthn::SoftwareAuthenticator second;
    auto response = second.createCredential(started->options, kOrigin);
    ASSERT_TRUE(response.ok()) << response.error().summary();
    auto added = client().finishWebAuthnUpdate(started->transactionId, *response);
    ASSERT_TRUE(succeeds(added));
    EXPECT_FALSE(added->has_value()); // no MFA asked: no session
    // With MFA the finish answers a session.
    update.mfa = true;
    started = client().startWebAuthn(update);
    ASSERT_TRUE(succeeds(started));
    webauthn::SoftwareAuthenticator third;
    response = third.createCredential(started->options, kOrigin);
    ASSERT_TRUE(response.ok());
    added = client().finishWebAuthnUpdate(started->transactionId, *response);
    ASSERT_TRUE(succeeds(added));
    ASSERT_TRUE(added->has_value());
    ASSERT_TRUE((*added)->ok()) << (*added)->result.error().summary();
    // The MFA session replaced the first one (its refresh JWT rotated): step up with the newest.
    WebAuthnStart stepUp = startOf(WebAuthnStartKind::SignIn, kErin);
    stepUp.loginOptions.stepup = true;
    stepUp.loginOptions.refreshJwt = (*added)->result->refreshJwt;
    const auto steppedUp = ceremony(stepUp);
    ASSERT_TRUE(steppedUp.ok()) << steppedUp.result.error().summary();
    EXPECT_EQ(steppedUp.result->session.claims()["su"], true);
}

} // namespace
} // namespace oidc::descope
