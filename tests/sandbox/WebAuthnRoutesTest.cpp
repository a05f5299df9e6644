// WebAuthn / passkey routes (descope-api.md §9, §14.2, §14.3), driven over HTTP by the core's
// software authenticator (oidc/webauthn).

#include "SandboxTestSupport.h"

#include "oidc/webauthn/SoftwareAuthenticator.h"

using namespace sandbox::test;
using oidc::webauthn::AuthenticatorFaults;
using oidc::webauthn::SoftwareAuthenticator;

namespace {

SoftwareAuthenticator makeAuthenticator(oidc::webauthn::AttestationMode attestation = oidc::webauthn::AttestationMode::PackedSelf)
{
    oidc::webauthn::SoftwareAuthenticatorOptions options;
    options.algorithms = {oidc::webauthn::CoseAlgorithm::ES256};
    options.attestation = attestation;
    return SoftwareAuthenticator(options);
}

} // namespace

class WebAuthnRoutes : public SandboxTest {
protected:
    static constexpr const char *kOrigin = "http://localhost:8443";

    struct Started final {
        int status = 0;
        std::string transactionId;
        std::string options;
        bool create = false;
        oidc::Json body;
    };
    Started start(const std::string &path, const oidc::Json &body, const std::string &token = {})
    {
        const Response response = descope(path, body, token);
        Started started;
        started.status = response.status;
        started.body = response.json();
        if (response.status == 200) {
            started.transactionId = started.body.value("transactionId", "");
            started.options = started.body.value("options", "");
            started.create = started.body.value("create", false);
        }
        return started;
    }
    Response finish(const std::string &path, const std::string &transactionId, const std::string &response,
                    const char *idKey = "transactionId")
    {
        return descope(path, {{idKey, transactionId}, {"response", response}});
    }
    // Sign-up start + create + finish; the JWT response.
    oidc::Json signUp(SoftwareAuthenticator &authenticator, const std::string &loginId)
    {
        const Started started = start("/v1/auth/webauthn/signup/start", {{"loginId", loginId}, {"origin", kOrigin}, {"user", {{"name", "Erin"}}}});
        EXPECT_EQ(started.status, 200) << started.body.dump();
        auto created = authenticator.createCredential(started.options, kOrigin);
        EXPECT_TRUE(created.ok()) << (created ? "" : created.error().summary());
        if (!created)
            return {};
        const Response finished = finish("/v1/auth/webauthn/signup/finish", started.transactionId, *created);
        EXPECT_EQ(finished.status, 200) << finished.text();
        return finished.json();
    }
    Started signInStart(const std::string &loginId)
    {
        return start("/v1/auth/webauthn/signin/start", {{"loginId", loginId}, {"origin", kOrigin}});
    }
    static std::string errorMessage(const Response &response) { return response.json().value("errorMessage", ""); }
};

TEST_F(WebAuthnRoutes, SignUpThenSignIn)
{
    SoftwareAuthenticator authenticator = makeAuthenticator();
    const Started started = start("/v1/auth/webauthn/signup/start", {{"loginId", "erin@example.com"}, {"origin", kOrigin}});
    ASSERT_EQ(started.status, 200) << started.body.dump();
    EXPECT_TRUE(started.create);
    EXPECT_FALSE(started.transactionId.empty());
    const oidc::Json options = oidc::Json::parse(started.options);
    EXPECT_EQ(options["publicKey"]["rp"]["id"], "localhost");
    EXPECT_EQ(options["publicKey"]["user"]["name"], "erin@example.com");
    auto created = authenticator.createCredential(started.options, kOrigin);
    ASSERT_TRUE(created.ok()) << created.error().summary();
    const Response finished = finish("/v1/auth/webauthn/signup/finish", started.transactionId, *created);
    ASSERT_EQ(finished.status, 200) << finished.text();
    const oidc::Json body = finished.json();
    EXPECT_TRUE(validate(body["sessionJwt"]).ok());
    EXPECT_EQ(claimsOf(body["sessionJwt"])["amr"], oidc::Json::array({"webauthn"}));
    EXPECT_EQ(body["firstSeen"], true);
    EXPECT_EQ(body["user"]["webauthn"], true);
    EXPECT_EQ(body["user"]["loginIds"], oidc::Json::array({"erin@example.com"}));
    // The user handle of the passkey is the new user's ID.
    ASSERT_EQ(authenticator.credentials().size(), 1u);
    EXPECT_EQ(authenticator.credentials().front().userHandle, body["user"]["userId"]);

    const Started signIn = signInStart("erin@example.com");
    ASSERT_EQ(signIn.status, 200) << signIn.body.dump();
    EXPECT_FALSE(signIn.create);
    EXPECT_EQ(oidc::Json::parse(signIn.options)["publicKey"]["allowCredentials"].size(), 1u);
    auto assertion = authenticator.getAssertion(signIn.options, kOrigin);
    ASSERT_TRUE(assertion.ok()) << assertion.error().summary();
    const Response signedIn = finish("/v1/auth/webauthn/signin/finish", signIn.transactionId, *assertion);
    ASSERT_EQ(signedIn.status, 200) << signedIn.text();
    EXPECT_EQ(claimsOf(signedIn.json()["sessionJwt"])["amr"], oidc::Json::array({"webauthn"}));
    EXPECT_EQ(signedIn.json()["firstSeen"], false);
    EXPECT_EQ(claimsOf(signedIn.json()["sessionJwt"])["sub"], body["user"]["userId"]);

    // Discoverable sign-in: no loginId, the authenticator names the user.
    const Started discoverable = start("/v1/auth/webauthn/signin/start", {{"origin", kOrigin}});
    ASSERT_EQ(discoverable.status, 200) << discoverable.body.dump();
    auto anyAssertion = authenticator.getAssertion(discoverable.options, kOrigin);
    ASSERT_TRUE(anyAssertion.ok()) << anyAssertion.error().summary();
    const Response found = finish("/v1/auth/webauthn/signin/finish", discoverable.transactionId, *anyAssertion);
    ASSERT_EQ(found.status, 200) << found.text();
    EXPECT_EQ(claimsOf(found.json()["sessionJwt"])["sub"], body["user"]["userId"]);

    // Sign-in for a user without a passkey, or an unknown user.
    EXPECT_EQ(signInStart("bob@example.com").status, 400);
    EXPECT_EQ(signInStart("nobody@example.com").body["errorCode"], "E062108");
}

TEST_F(WebAuthnRoutes, StartBodyShapesAndTransactionIdSpelling)
{
    SoftwareAuthenticator authenticator = makeAuthenticator();
    // core-js: the login ID inside "user".
    const Started coreJs = start("/v1/auth/webauthn/signup/start", {{"user", {{"loginId", "frank@example.com"}, {"name", "Frank"}}}, {"origin", kOrigin}});
    ASSERT_EQ(coreJs.status, 200) << coreJs.body.dump();
    EXPECT_EQ(oidc::Json::parse(coreJs.options)["publicKey"]["user"]["displayName"], "Frank");
    auto created = authenticator.createCredential(coreJs.options, kOrigin);
    ASSERT_TRUE(created.ok());
    // Go: transactionID.
    const Response goFinish = finish("/v1/auth/webauthn/signup/finish", coreJs.transactionId, *created, "transactionID");
    ASSERT_EQ(goFinish.status, 200) << goFinish.text();

    // Swift: no origin; the sandbox's own origin on localhost is used.
    const std::string ownOrigin = "http://localhost:" + std::to_string(port());
    const Started swift = start("/v1/auth/webauthn/signup/start", {{"loginId", "gina@example.com"}, {"user", {{"name", "Gina"}}}});
    ASSERT_EQ(swift.status, 200) << swift.body.dump();
    EXPECT_EQ(oidc::Json::parse(swift.options)["publicKey"]["rp"]["id"], "localhost");
    auto swiftCreated = authenticator.createCredential(swift.options, ownOrigin);
    ASSERT_TRUE(swiftCreated.ok());
    EXPECT_EQ(finish("/v1/auth/webauthn/signup/finish", swift.transactionId, *swiftCreated).status, 200);

    // Missing members.
    EXPECT_EQ(start("/v1/auth/webauthn/signup/start", {{"origin", kOrigin}}).body["errorCode"], "E011002");
    EXPECT_EQ(descope("/v1/auth/webauthn/signup/finish", {{"response", "{}"}}).json()["errorCode"], "E011002");
    // Sign-up of an existing login ID.
    EXPECT_EQ(start("/v1/auth/webauthn/signup/start", {{"loginId", "alice@example.com"}, {"origin", kOrigin}}).body["errorCode"], "E062107");
}

TEST_F(WebAuthnRoutes, SignUpOrInTellsCreate)
{
    SoftwareAuthenticator authenticator = makeAuthenticator();
    const Started first = start("/v1/auth/webauthn/signup-in/start", {{"loginId", "hank@example.com"}, {"origin", kOrigin}});
    ASSERT_EQ(first.status, 200) << first.body.dump();
    EXPECT_TRUE(first.create);
    auto created = authenticator.createCredential(first.options, kOrigin);
    ASSERT_TRUE(created.ok());
    const Response signedUp = finish("/v1/auth/webauthn/signup/finish", first.transactionId, *created);
    ASSERT_EQ(signedUp.status, 200) << signedUp.text();
    EXPECT_EQ(signedUp.json()["firstSeen"], true);

    const Started second = start("/v1/auth/webauthn/signup-in/start", {{"loginId", "hank@example.com"}, {"origin", kOrigin}});
    ASSERT_EQ(second.status, 200) << second.body.dump();
    EXPECT_FALSE(second.create);
    auto assertion = authenticator.getAssertion(second.options, kOrigin);
    ASSERT_TRUE(assertion.ok());
    // A sign-in transaction cannot be finished as a sign-up.
    const Response wrongFinish = finish("/v1/auth/webauthn/signup/finish", second.transactionId, *assertion);
    EXPECT_EQ(wrongFinish.status, 400);

    // An existing user without a passkey registers one, and signs in as that user.
    const Started bob = start("/v1/auth/webauthn/signup-in/start", {{"loginId", "bob@example.com"}, {"origin", kOrigin}});
    ASSERT_EQ(bob.status, 200) << bob.body.dump();
    EXPECT_TRUE(bob.create);
    auto bobCreated = authenticator.createCredential(bob.options, kOrigin);
    ASSERT_TRUE(bobCreated.ok());
    const Response bobIn = finish("/v1/auth/webauthn/signup/finish", bob.transactionId, *bobCreated);
    ASSERT_EQ(bobIn.status, 200) << bobIn.text();
    EXPECT_EQ(bobIn.json()["firstSeen"], false);
    EXPECT_EQ(bobIn.json()["user"]["email"], "bob@example.com");
    EXPECT_EQ(start("/v1/auth/webauthn/signup-in/start", {{"loginId", "bob@example.com"}, {"origin", kOrigin}}).create, false);
}

TEST_F(WebAuthnRoutes, UpdateAddsADeviceWithTheRefreshJwt)
{
    const oidc::Json login = otpLogin("alice@example.com");
    const std::string refreshJwt = login["refreshJwt"];
    EXPECT_EQ(start("/v1/auth/webauthn/update/start", {{"loginId", "alice@example.com"}, {"origin", kOrigin}}).status, 401);
    EXPECT_EQ(start("/v1/auth/webauthn/update/start", {{"loginId", "alice@example.com"}, {"origin", kOrigin}}, "garbage").status, 401);
    EXPECT_EQ(start("/v1/auth/webauthn/update/start", {{"loginId", "bob@example.com"}, {"origin", kOrigin}}, refreshJwt).status, 401);

    SoftwareAuthenticator laptop = makeAuthenticator();
    const Started add = start("/v1/auth/webauthn/update/start", {{"loginId", "alice@example.com"}, {"origin", kOrigin}}, refreshJwt);
    ASSERT_EQ(add.status, 200) << add.body.dump();
    EXPECT_TRUE(add.create);
    auto created = laptop.createCredential(add.options, kOrigin);
    ASSERT_TRUE(created.ok());
    const Response added = finish("/v1/auth/webauthn/update/finish", add.transactionId, *created);
    ASSERT_EQ(added.status, 200) << added.text();
    EXPECT_EQ(added.json(), oidc::Json::object());

    // The second device: the first is excluded; mfa answers {"jwt": …} on the same session.
    SoftwareAuthenticator phone = makeAuthenticator();
    const Started mfa = start("/v1/auth/webauthn/update/start", {{"loginId", "alice@example.com"}, {"origin", kOrigin}, {"mfa", true}}, refreshJwt);
    ASSERT_EQ(mfa.status, 200) << mfa.body.dump();
    EXPECT_EQ(oidc::Json::parse(mfa.options)["publicKey"]["excludeCredentials"].size(), 1u);
    EXPECT_FALSE(laptop.createCredential(mfa.options, kOrigin).ok()); // already registered there
    auto phoneCreated = phone.createCredential(mfa.options, kOrigin);
    ASSERT_TRUE(phoneCreated.ok());
    const Response mfaAdded = finish("/v1/auth/webauthn/update/finish", mfa.transactionId, *phoneCreated);
    ASSERT_EQ(mfaAdded.status, 200) << mfaAdded.text();
    const oidc::Json jwt = mfaAdded.json()["jwt"];
    ASSERT_TRUE(jwt.is_object()) << mfaAdded.text();
    EXPECT_TRUE(validate(jwt["sessionJwt"]).ok());
    EXPECT_EQ(claimsOf(jwt["sessionJwt"])["amr"], oidc::Json::array({"email", "webauthn", "mfa"}));

    // Both devices sign alice in.
    for (SoftwareAuthenticator *device : {&laptop, &phone}) {
        const Started signIn = signInStart("alice@example.com");
        ASSERT_EQ(signIn.status, 200);
        EXPECT_EQ(oidc::Json::parse(signIn.options)["publicKey"]["allowCredentials"].size(), 2u);
        auto assertion = device->getAssertion(signIn.options, kOrigin);
        ASSERT_TRUE(assertion.ok());
        EXPECT_EQ(finish("/v1/auth/webauthn/signin/finish", signIn.transactionId, *assertion).status, 200);
    }
}

TEST_F(WebAuthnRoutes, StepUpWithPasskey)
{
    SoftwareAuthenticator authenticator = makeAuthenticator();
    const oidc::Json first = otpLogin("alice@example.com");
    const std::string refreshJwt = first["refreshJwt"];
    const Started add = start("/v1/auth/webauthn/update/start", {{"origin", kOrigin}}, refreshJwt);
    ASSERT_EQ(add.status, 200) << add.body.dump();
    ASSERT_EQ(finish("/v1/auth/webauthn/update/finish", add.transactionId, authenticator.createCredential(add.options, kOrigin).value()).status, 200);
    EXPECT_EQ(start("/v1/auth/webauthn/signin/start", {{"loginId", "alice@example.com"}, {"origin", kOrigin}, {"loginOptions", {{"stepup", true}}}}).status, 401);
    const Started stepUp = start("/v1/auth/webauthn/signin/start",
                                 {{"loginId", "alice@example.com"}, {"origin", kOrigin}, {"loginOptions", {{"stepup", true}}}}, refreshJwt);
    ASSERT_EQ(stepUp.status, 200) << stepUp.body.dump();
    const Response stepped = finish("/v1/auth/webauthn/signin/finish", stepUp.transactionId, authenticator.getAssertion(stepUp.options, kOrigin).value());
    ASSERT_EQ(stepped.status, 200) << stepped.text();
    const oidc::Json claims = claimsOf(stepped.json()["sessionJwt"]);
    EXPECT_EQ(claims["su"], true);
    EXPECT_EQ(claims["amr"], oidc::Json::array({"email", "webauthn", "mfa"}));
}

TEST_F(WebAuthnRoutes, TamperedAssertionsAreRefused)
{
    SoftwareAuthenticator authenticator = makeAuthenticator();
    signUp(authenticator, "erin@example.com");
    const auto attempt = [&](const AuthenticatorFaults &faults, const std::string &origin = kOrigin) {
        const Started signIn = signInStart("erin@example.com");
        EXPECT_EQ(signIn.status, 200);
        auto assertion = authenticator.getAssertion(signIn.options, origin, faults);
        EXPECT_TRUE(assertion.ok()) << (assertion ? "" : assertion.error().summary());
        return finish("/v1/auth/webauthn/signin/finish", signIn.transactionId, assertion ? *assertion : std::string("{}"));
    };
    AuthenticatorFaults badSignature;
    badSignature.corruptSignature = true;
    Response refused = attempt(badSignature);
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(refused.json()["errorCode"], "E011003");
    EXPECT_EQ(errorMessage(refused).rfind("WEBAUTHN_SIGNATURE", 0), 0u) << refused.text();

    refused = attempt({}, "http://evil.localhost:8443");
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(errorMessage(refused).rfind("WEBAUTHN_ORIGIN", 0), 0u) << refused.text();

    AuthenticatorFaults wrongChallenge;
    wrongChallenge.challenge = std::string(32, 'x');
    refused = attempt(wrongChallenge);
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(errorMessage(refused).rfind("WEBAUTHN_CHALLENGE", 0), 0u) << refused.text();

    // A good sign-in moves the counter on; a lower one (a clone or a replay) is refused.
    ASSERT_EQ(attempt({}).status, 200);
    AuthenticatorFaults staleCounter;
    staleCounter.signCount = 1;
    refused = attempt(staleCounter);
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(errorMessage(refused).rfind("WEBAUTHN_COUNTER", 0), 0u) << refused.text();

    // A bad attestation signature at sign-up.
    const Started signUpStart = start("/v1/auth/webauthn/signup/start", {{"loginId", "ivan@example.com"}, {"origin", kOrigin}});
    ASSERT_EQ(signUpStart.status, 200);
    auto created = authenticator.createCredential(signUpStart.options, kOrigin, badSignature);
    ASSERT_TRUE(created.ok());
    refused = finish("/v1/auth/webauthn/signup/finish", signUpStart.transactionId, *created);
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(errorMessage(refused).rfind("WEBAUTHN_ATTESTATION_SIGNATURE", 0), 0u) << refused.text();
    // Not a JSON response at all.
    const Started another = signInStart("erin@example.com");
    refused = finish("/v1/auth/webauthn/signin/finish", another.transactionId, "not json");
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(errorMessage(refused).rfind("WEBAUTHN_RESPONSE_SHAPE", 0), 0u) << refused.text();
}

TEST_F(WebAuthnRoutes, TransactionIsSingleUse)
{
    SoftwareAuthenticator authenticator = makeAuthenticator();
    const Started started = start("/v1/auth/webauthn/signup/start", {{"loginId", "erin@example.com"}, {"origin", kOrigin}});
    ASSERT_EQ(started.status, 200);
    auto created = authenticator.createCredential(started.options, kOrigin);
    ASSERT_TRUE(created.ok());
    ASSERT_EQ(finish("/v1/auth/webauthn/signup/finish", started.transactionId, *created).status, 200);
    const Response again = finish("/v1/auth/webauthn/signup/finish", started.transactionId, *created);
    EXPECT_EQ(again.status, 400);
    EXPECT_EQ(again.json()["errorCode"], "E011003");

    // A failed finish also ends the transaction: the right response afterwards is refused.
    const Started signIn = signInStart("erin@example.com");
    ASSERT_EQ(signIn.status, 200);
    AuthenticatorFaults badSignature;
    badSignature.corruptSignature = true;
    auto bad = authenticator.getAssertion(signIn.options, kOrigin, badSignature);
    auto good = authenticator.getAssertion(signIn.options, kOrigin);
    ASSERT_TRUE(bad.ok());
    ASSERT_TRUE(good.ok());
    EXPECT_EQ(finish("/v1/auth/webauthn/signin/finish", signIn.transactionId, *bad).status, 401);
    const Response afterFailure = finish("/v1/auth/webauthn/signin/finish", signIn.transactionId, *good);
    EXPECT_EQ(afterFailure.status, 400);
    EXPECT_EQ(afterFailure.json()["errorDescription"], "Unknown transaction");
    // A successful assertion replayed into a new transaction fails on the challenge.
    const Started next = signInStart("erin@example.com");
    const Response replayed = finish("/v1/auth/webauthn/signin/finish", next.transactionId, *good);
    EXPECT_EQ(replayed.status, 401);
    EXPECT_EQ(errorMessage(replayed).rfind("WEBAUTHN_CHALLENGE", 0), 0u) << replayed.text();
}

TEST_F(WebAuthnRoutes, DuplicateCredentialIsRefused)
{
    // fmt "none" does not sign authData, so one credential can be presented to a second sign-up.
    SoftwareAuthenticator authenticator = makeAuthenticator(oidc::webauthn::AttestationMode::None);
    const Started first = start("/v1/auth/webauthn/signup/start", {{"loginId", "erin@example.com"}, {"origin", kOrigin}});
    auto firstCreated = authenticator.createCredential(first.options, kOrigin);
    ASSERT_TRUE(firstCreated.ok());
    ASSERT_EQ(finish("/v1/auth/webauthn/signup/finish", first.transactionId, *firstCreated).status, 200);

    const Started second = start("/v1/auth/webauthn/signup/start", {{"loginId", "jack@example.com"}, {"origin", kOrigin}});
    auto secondCreated = authenticator.createCredential(second.options, kOrigin);
    ASSERT_TRUE(secondCreated.ok());
    oidc::Json forged = oidc::Json::parse(*secondCreated);
    const oidc::Json original = oidc::Json::parse(*firstCreated);
    forged["id"] = original["id"];
    forged["rawId"] = original["rawId"];
    forged["response"]["attestationObject"] = original["response"]["attestationObject"];
    const Response duplicate = finish("/v1/auth/webauthn/signup/finish", second.transactionId, forged.dump());
    EXPECT_EQ(duplicate.status, 400);
    EXPECT_EQ(errorMessage(duplicate).rfind("WEBAUTHN_CREDENTIAL_DUPLICATE", 0), 0u) << duplicate.text();
    // jack was not created.
    EXPECT_EQ(signInStart("jack@example.com").body["errorCode"], "E062108");
}

// The origins a start call may name (issue 10): the pages of this computer — the system-browser
// ceremony page on http://localhost:<any port>, the software authenticator's https://localhost
// — and an Android app's; all with RP ID "localhost" (WebAuthn §5.1.2). Anything else is refused
// at start, 400 E011003 "WEBAUTHN_ORIGIN: …", before a transaction exists.
struct StartOrigin {
    const char *name;
    const char *origin;
    bool accepted;
};

class WebAuthnStartOrigins : public WebAuthnRoutes, public ::testing::WithParamInterface<StartOrigin> {};

TEST_P(WebAuthnStartOrigins, WebAuthnSection5_1_2)
{
    const std::string origin = GetParam().origin;
    const Started registration = start("/v1/auth/webauthn/signup/start", {{"loginId", "erin@example.com"}, {"origin", origin}});
    if (!GetParam().accepted) {
        EXPECT_EQ(registration.status, 400) << registration.body.dump();
        EXPECT_EQ(registration.body["errorCode"], "E011003");
        EXPECT_EQ(registration.body.value("errorMessage", "").rfind("WEBAUTHN_ORIGIN: ", 0), 0u) << registration.body.dump();
        // A sign-in start is refused the same way (the user exists: the origin is the reason).
        SoftwareAuthenticator authenticator = makeAuthenticator();
        signUp(authenticator, "frank@example.com");
        const Started refusedSignIn = start("/v1/auth/webauthn/signin/start", {{"loginId", "frank@example.com"}, {"origin", origin}});
        EXPECT_EQ(refusedSignIn.status, 400) << refusedSignIn.body.dump();
        EXPECT_EQ(refusedSignIn.body.value("errorMessage", "").rfind("WEBAUTHN_ORIGIN: ", 0), 0u) << refusedSignIn.body.dump();
        return;
    }
    ASSERT_EQ(registration.status, 200) << registration.body.dump();
    EXPECT_EQ(oidc::Json::parse(registration.options)["publicKey"]["rp"]["id"], "localhost");
    if (origin.starts_with("android:"))
        return; // no web page signs for it here
    // A credential made for that page registers, then signs in from it.
    SoftwareAuthenticator authenticator = makeAuthenticator();
    auto created = authenticator.createCredential(registration.options, origin);
    ASSERT_TRUE(created.ok()) << created.error().summary();
    const Response registered = finish("/v1/auth/webauthn/signup/finish", registration.transactionId, *created);
    ASSERT_EQ(registered.status, 200) << registered.text();
    const Started signIn = start("/v1/auth/webauthn/signin/start", {{"loginId", "erin@example.com"}, {"origin", origin}});
    ASSERT_EQ(signIn.status, 200) << signIn.body.dump();
    EXPECT_EQ(oidc::Json::parse(signIn.options)["publicKey"]["rpId"], "localhost");
    auto asserted = authenticator.getAssertion(signIn.options, origin);
    ASSERT_TRUE(asserted.ok()) << asserted.error().summary();
    EXPECT_EQ(finish("/v1/auth/webauthn/signin/finish", signIn.transactionId, *asserted).status, 200);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, WebAuthnStartOrigins,
    ::testing::Values(StartOrigin{"browser_page_any_port", "http://localhost:49152", true},
                      StartOrigin{"browser_page_lowest_port", "http://localhost:1", true},
                      StartOrigin{"browser_page_highest_port", "http://localhost:65535", true},
                      StartOrigin{"http_localhost_default_port", "http://localhost", true},
                      StartOrigin{"https_localhost", "https://localhost", true},
                      StartOrigin{"https_localhost_port", "https://localhost:8443", true},
                      StartOrigin{"android_app", "android:apk-key-hash:2jmj7l5rSw0yVb_vlWAYkK_YBwk", true},
                      StartOrigin{"other_site", "https://example.com", false},
                      StartOrigin{"loopback_ip", "http://127.0.0.1:8080", false},
                      StartOrigin{"localhost_as_prefix", "http://localhost.evil.com", false},
                      StartOrigin{"subdomain_of_localhost", "http://evil.localhost:8443", false},
                      StartOrigin{"with_path", "http://localhost:8443/ceremony", false},
                      StartOrigin{"port_zero", "http://localhost:0", false},
                      StartOrigin{"port_too_high", "http://localhost:65536", false},
                      StartOrigin{"not_a_port", "http://localhost:http", false},
                      StartOrigin{"upper_case", "HTTP://LOCALHOST:8443", false},
                      StartOrigin{"other_scheme", "ftp://localhost:21", false},
                      StartOrigin{"android_without_hash", "android:apk-key-hash:", false}),
    [](const ::testing::TestParamInfo<StartOrigin> &row) { return std::string(row.param.name); });
