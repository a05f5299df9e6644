// The start half: options in WebAuthn-JSON form (descope-api.md §9) and the stored transaction.

#include "sandbox/auth/WebAuthnOptions.h"

#include "TestSupport.h"

namespace sandbox::auth {
namespace {

using test::b64;
using test::failsWith;
using test::unb64;

using oidc::test::kNow;

RegistrationOptionsRequest registrationRequest()
{
    RegistrationOptionsRequest request;
    request.relyingParty = {"localhost", "OIDC Playground", {"http://localhost:8443"}};
    request.user = {"U2user-id", "alice@example.com", "Alice"};
    request.nowUnix = kNow;
    return request;
}

TEST(RegistrationOptions, DescopeShape)
{
    auto request = registrationRequest();
    request.excludeCredentials = {{"cred-1", {"internal"}}, {"cred-2", {}}};
    auto start = startRegistration(request);
    ASSERT_TRUE(start.ok()) << start.error().summary();

    // "options" is a JSON string of {"publicKey": {...}}.
    const oidc::Json options = oidc::Json::parse(start->options);
    ASSERT_TRUE(options.is_object());
    ASSERT_EQ(options.size(), 1u);
    const oidc::Json &pk = options["publicKey"];
    EXPECT_EQ(pk, start->publicKey);

    EXPECT_EQ(pk["challenge"].get<std::string>().size(), 43u); // 32 bytes, base64url, no padding
    EXPECT_EQ(unb64(pk["challenge"].get<std::string>()), start->transaction.challenge);
    EXPECT_EQ(pk["rp"], (oidc::Json{{"id", "localhost"}, {"name", "OIDC Playground"}}));
    EXPECT_EQ(pk["user"], (oidc::Json{{"id", b64("U2user-id")}, {"name", "alice@example.com"}, {"displayName", "Alice"}}));
    EXPECT_EQ(pk["pubKeyCredParams"], oidc::Json::parse(R"([{"type":"public-key","alg":-7},{"type":"public-key","alg":-257}])"));
    EXPECT_EQ(pk["timeout"], 300000);
    EXPECT_EQ(pk["authenticatorSelection"],
              oidc::Json::parse(R"({"residentKey":"preferred","requireResidentKey":false,"userVerification":"preferred"})"));
    EXPECT_EQ(pk["attestation"], "none");
    EXPECT_EQ(pk["excludeCredentials"],
              (oidc::Json::array({{{"type", "public-key"}, {"id", b64("cred-1")}, {"transports", {"internal"}}},
                                  {{"type", "public-key"}, {"id", b64("cred-2")}}})));

    const auto &transaction = start->transaction;
    EXPECT_EQ(transaction.challenge.size(), 32u);
    EXPECT_EQ(transaction.rpId, "localhost");
    EXPECT_EQ(transaction.origins, std::vector<std::string>{"http://localhost:8443"});
    EXPECT_EQ(transaction.userHandle, "U2user-id");
    EXPECT_EQ(transaction.userVerification, UserVerification::Preferred);
    EXPECT_EQ(transaction.algorithms, (std::vector<CoseAlgorithm>{CoseAlgorithm::ES256, CoseAlgorithm::RS256}));
    EXPECT_EQ(transaction.excludeCredentialIds, (std::vector<std::string>{"cred-1", "cred-2"}));
    EXPECT_EQ(transaction.expiresAtUnix, kNow + 300);
}

TEST(RegistrationOptions, ChallengesAreFresh)
{
    auto first = startRegistration(registrationRequest());
    auto second = startRegistration(registrationRequest());
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_NE(first->transaction.challenge, second->transaction.challenge);
}

TEST(RegistrationOptions, PasskeyOptionsAsDescopeSendsThem)
{
    auto passkey = parsePasskeyOptions(oidc::Json::parse(R"({
        "authenticatorSelection": {"authenticatorAttachment": "crossplatform", "residentKey": "required",
                                   "userVerification": "required"},
        "attestation": "direct", "userVerification": "discouraged", "extensionsJSON": "{}"})"));
    ASSERT_TRUE(passkey.ok()) << passkey.error().summary();
    auto request = registrationRequest();
    request.passkeyOptions = *passkey;
    auto start = startRegistration(request);
    ASSERT_TRUE(start.ok());
    EXPECT_EQ(start->publicKey["authenticatorSelection"],
              oidc::Json::parse(R"({"authenticatorAttachment":"cross-platform","residentKey":"required",
                                    "requireResidentKey":true,"userVerification":"required"})"));
    EXPECT_EQ(start->publicKey["attestation"], "direct");
    EXPECT_EQ(start->transaction.userVerification, UserVerification::Required);
    EXPECT_EQ(passkey->authenticationUserVerification, UserVerification::Discouraged);
}

TEST(PasskeyOptions, Defaults)
{
    for (const char *text : {"null", "{}", R"({"authenticatorSelection":null,"attestation":0,"userVerification":""})",
                             R"({"authenticatorSelection":{"authenticatorAttachment":"any"}})"}) {
        auto options = parsePasskeyOptions(oidc::Json::parse(text));
        ASSERT_TRUE(options.ok()) << text << ": " << options.error().summary();
        EXPECT_FALSE(options->authenticatorAttachment) << text;
        EXPECT_FALSE(options->residentKey) << text;
        EXPECT_FALSE(options->attestation) << text;
        EXPECT_FALSE(options->authenticationUserVerification) << text;
    }
    auto platform = parsePasskeyOptions(oidc::Json::parse(R"({"authenticatorSelection":{"authenticatorAttachment":"platform","requireResidentKey":true}})"));
    ASSERT_TRUE(platform.ok());
    EXPECT_EQ(platform->authenticatorAttachment, "platform");
    EXPECT_EQ(platform->residentKey, "required");
}

TEST(PasskeyOptions, RefusesUnknownValues)
{
    for (const char *text : {"[]", R"({"attestation":"maybe"})", R"({"attestation":2})", R"({"userVerification":"always"})",
                             R"({"authenticatorSelection":"platform"})",
                             R"({"authenticatorSelection":{"residentKey":"yes"}})"})
        EXPECT_TRUE(failsWith(parsePasskeyOptions(oidc::Json::parse(text)), "WEBAUTHN_PASSKEY_OPTIONS", oidc::ErrorCategory::Input))
            << text;
}

TEST(RegistrationOptions, RefusesBadInputs)
{
    const auto refused = [](RegistrationOptionsRequest request) {
        return failsWith(startRegistration(request), "WEBAUTHN_OPTIONS", oidc::ErrorCategory::Input);
    };
    auto request = registrationRequest();
    request.relyingParty.id = "";
    EXPECT_TRUE(refused(request));
    request = registrationRequest();
    request.relyingParty.id = "https://localhost";
    EXPECT_TRUE(refused(request));
    request = registrationRequest();
    request.relyingParty.origins.clear();
    EXPECT_TRUE(refused(request));
    request = registrationRequest();
    request.user.handle = std::string(65, 'u');
    EXPECT_TRUE(refused(request));
    request = registrationRequest();
    request.user.handle.clear();
    EXPECT_TRUE(refused(request));
    request = registrationRequest();
    request.user.name.clear();
    EXPECT_TRUE(refused(request));
    request = registrationRequest();
    request.timeoutMs = 1000;
    EXPECT_TRUE(refused(request));
    request = registrationRequest();
    request.algorithms.clear();
    EXPECT_TRUE(refused(request));
    request = registrationRequest();
    request.excludeCredentials = {{std::string(1024, 'c'), {}}};
    EXPECT_TRUE(refused(request));
}

TEST(AuthenticationOptions, DescopeShape)
{
    AuthenticationOptionsRequest request;
    request.relyingParty = {"localhost", "", {"http://localhost:8443"}};
    request.userHandle = "U2user-id";
    request.allowCredentials = {{"cred-1", {"usb", "nfc"}}};
    request.passkeyOptions.authenticationUserVerification = UserVerification::Required;
    request.timeoutMs = 60000;
    request.nowUnix = kNow;
    auto start = startAuthentication(request);
    ASSERT_TRUE(start.ok()) << start.error().summary();
    const oidc::Json pk = oidc::Json::parse(start->options)["publicKey"];
    EXPECT_EQ(pk.size(), 5u);
    EXPECT_EQ(unb64(pk["challenge"].get<std::string>()), start->transaction.challenge);
    EXPECT_EQ(pk["rpId"], "localhost");
    EXPECT_EQ(pk["timeout"], 60000);
    EXPECT_EQ(pk["userVerification"], "required");
    EXPECT_EQ(pk["allowCredentials"],
              oidc::Json::parse(R"([{"type":"public-key","id":")" + b64("cred-1") + R"(","transports":["usb","nfc"]}])"));
    EXPECT_EQ(start->transaction.userHandle, "U2user-id");
    EXPECT_EQ(start->transaction.allowCredentialIds, std::vector<std::string>{"cred-1"});
    EXPECT_EQ(start->transaction.userVerification, UserVerification::Required);
    EXPECT_EQ(start->transaction.expiresAtUnix, kNow + 60);
}

TEST(Transactions, RoundTripThroughJson)
{
    auto request = registrationRequest();
    request.excludeCredentials = {{"cred-1", {}}};
    request.algorithms = {CoseAlgorithm::EdDSA, CoseAlgorithm::ES256};
    auto registration = startRegistration(request);
    ASSERT_TRUE(registration.ok());
    auto restored = RegistrationTransaction::fromJson(oidc::Json::parse(registration->transaction.toJson().dump()));
    ASSERT_TRUE(restored.ok()) << restored.error().summary();
    EXPECT_EQ(restored->challenge, registration->transaction.challenge);
    EXPECT_EQ(restored->rpId, "localhost");
    EXPECT_EQ(restored->origins, registration->transaction.origins);
    EXPECT_EQ(restored->userHandle, "U2user-id");
    EXPECT_EQ(restored->algorithms, request.algorithms);
    EXPECT_EQ(restored->excludeCredentialIds, std::vector<std::string>{"cred-1"});
    EXPECT_EQ(restored->expiresAtUnix, registration->transaction.expiresAtUnix);

    AuthenticationOptionsRequest signIn;
    signIn.relyingParty = request.relyingParty;
    signIn.nowUnix = kNow;
    auto authentication = startAuthentication(signIn);
    ASSERT_TRUE(authentication.ok());
    auto restoredAuth = AuthenticationTransaction::fromJson(authentication->transaction.toJson());
    ASSERT_TRUE(restoredAuth.ok()) << restoredAuth.error().summary();
    EXPECT_EQ(restoredAuth->challenge, authentication->transaction.challenge);
    EXPECT_TRUE(restoredAuth->userHandle.empty());
    EXPECT_TRUE(restoredAuth->allowCredentialIds.empty());

    EXPECT_TRUE(failsWith(RegistrationTransaction::fromJson(oidc::Json::object()), "WEBAUTHN_TRANSACTION"));
    oidc::Json broken = registration->transaction.toJson();
    broken["algorithms"] = {-35};
    EXPECT_TRUE(failsWith(RegistrationTransaction::fromJson(broken), "WEBAUTHN_TRANSACTION"));
    broken = authentication->transaction.toJson();
    broken["challenge"] = "not base64url!";
    EXPECT_TRUE(failsWith(AuthenticationTransaction::fromJson(broken), "WEBAUTHN_TRANSACTION"));
}

} // namespace
} // namespace sandbox::auth
