// Authentication (WebAuthn Level 3 §7.2) against a credential registered in the fixture: one
// row per check with a correctly signed response that is wrong in exactly that way, then the
// ownership rules, the signature counter and the response shape.

#include "WebAuthnFixture.h"

namespace sandbox::auth {
namespace {

using namespace test;

class AssertionTest : public ::testing::Test {
protected:
    void SetUp() override { enroll(authenticatorOptions()); }

    void enroll(const SoftwareAuthenticatorOptions &options)
    {
        m_authenticator = SoftwareAuthenticator(options);
        const RegistrationStart registration = startRegistrationFor();
        auto response = m_authenticator.createCredential(registration.options, kOrigin);
        ASSERT_TRUE(response.ok()) << response.error().summary();
        auto credential = verifyRegistration(registration.transaction, *response, kNow);
        ASSERT_TRUE(credential.ok()) << credential.error().summary();
        m_credentials = {std::move(credential).value()};
        m_signIn = startAuthenticationFor(kUser, {{m_credentials[0].id, {}}});
    }

    std::string assertion(const AuthenticatorFaults &faults = {}, std::string_view origin = kOrigin)
    {
        auto response = m_authenticator.getAssertion(m_signIn.options, origin, faults);
        EXPECT_TRUE(response.ok()) << (response.ok() ? "" : response.error().summary());
        return response.ok() ? response.value() : std::string();
    }

    oidc::Result<AssertionResult> verify(const std::string &json, int64_t now = kNow)
    {
        return verifyAssertion(m_signIn.transaction, json, m_credentials, now);
    }

    SoftwareAuthenticator m_authenticator;
    std::vector<WebAuthnCredential> m_credentials;
    AuthenticationStart m_signIn;
};

TEST_F(AssertionTest, Succeeds)
{
    auto result = verify(assertion());
    ASSERT_TRUE(result.ok()) << result.error().summary();
    EXPECT_EQ(result->credentialId, m_credentials[0].id);
    EXPECT_EQ(result->userHandle, kUser);
    EXPECT_EQ(result->signCount, 1u);
    EXPECT_EQ(m_credentials[0].signCount, 1u);
}

struct AssertionFaultRow {
    std::string name;
    std::function<void(AuthenticatorFaults &)> fault;
    std::string code;
};

class AssertionRefuses : public AssertionTest, public ::testing::WithParamInterface<AssertionFaultRow> {};

TEST_P(AssertionRefuses, WithTheCheckSpecificCodeAndLeavesTheCredentialAlone)
{
    AuthenticatorFaults faults;
    GetParam().fault(faults);
    const std::string json = assertion(faults);
    const WebAuthnCredential before = m_credentials[0];
    EXPECT_TRUE(failsWith(verify(json), GetParam().code));
    EXPECT_EQ(m_credentials[0].signCount, before.signCount);
    EXPECT_EQ(m_credentials[0].backupState, before.backupState);
}

INSTANTIATE_TEST_SUITE_P(
    Section7_2, AssertionRefuses,
    ::testing::Values(
        AssertionFaultRow{"step6_other_user_handle", [](auto &f) { f.userHandle = std::string("user-2"); }, "WEBAUTHN_USER_HANDLE"},
        AssertionFaultRow{"step11_type_is_create", [](auto &f) { f.clientDataType = "webauthn.create"; }, "WEBAUTHN_TYPE"},
        AssertionFaultRow{"step12_other_challenge", [](auto &f) { f.challenge = std::string(32, 'x'); }, "WEBAUTHN_CHALLENGE"},
        AssertionFaultRow{"step13_cross_origin", [](auto &f) { f.crossOrigin = true; }, "WEBAUTHN_CROSS_ORIGIN"},
        AssertionFaultRow{"step15_rp_id_hash", [](auto &f) { f.rpIdForHash = "evil.example"; }, "WEBAUTHN_RPID_HASH"},
        AssertionFaultRow{"step16_user_not_present", [](auto &f) { f.clearFlags = kFlagUserPresent; }, "WEBAUTHN_FLAGS_UP"},
        AssertionFaultRow{"step18_backup_eligibility_changed", [](auto &f) { f.setFlags = kFlagBackupEligible; }, "WEBAUTHN_FLAGS_BACKUP"},
        AssertionFaultRow{"step18_backup_state_without_eligible", [](auto &f) { f.setFlags = kFlagBackupState; }, "WEBAUTHN_FLAGS_BACKUP"},
        AssertionFaultRow{"at_flag_without_attested_data", [](auto &f) { f.setFlags = kFlagAttestedCredentialData; }, "WEBAUTHN_AUTHDATA"},
        AssertionFaultRow{"step21_bad_signature", [](auto &f) { f.corruptSignature = true; }, "WEBAUTHN_SIGNATURE"}),
    RowName());

TEST_F(AssertionTest, Step13_OriginNotAllowed)
{
    EXPECT_TRUE(failsWith(verify(assertion({}, "http://evil.localhost:8443")), "WEBAUTHN_ORIGIN"));
}

TEST_F(AssertionTest, Step17_UserVerificationRequired)
{
    m_signIn = startAuthenticationFor(kUser, {{m_credentials[0].id, {}}}, UserVerification::Required);
    AuthenticatorFaults noUv;
    noUv.clearFlags = kFlagUserVerified;
    EXPECT_TRUE(failsWith(verify(assertion(noUv)), "WEBAUTHN_FLAGS_UV"));
    auto verified = verify(assertion());
    ASSERT_TRUE(verified.ok()) << verified.error().summary();
    EXPECT_TRUE(verified->userVerified);
    // With "preferred", a response without UV is accepted and says so.
    m_signIn = startAuthenticationFor(kUser, {{m_credentials[0].id, {}}}, UserVerification::Preferred);
    verified = verify(assertion(noUv));
    ASSERT_TRUE(verified.ok()) << verified.error().summary();
    EXPECT_FALSE(verified->userVerified);
}

TEST_F(AssertionTest, Step22_ReplayedResponseIsRefusedByTheCounter)
{
    const std::string json = assertion();
    ASSERT_TRUE(verify(json).ok());
    EXPECT_TRUE(failsWith(verify(json), "WEBAUTHN_COUNTER"));
    EXPECT_EQ(m_credentials[0].signCount, 1u);
}

TEST_F(AssertionTest, Step22_CounterGoingBackwardsIsRefused)
{
    m_credentials[0].signCount = 10;
    AuthenticatorFaults faults;
    faults.signCount = 3u;
    EXPECT_TRUE(failsWith(verify(assertion(faults)), "WEBAUTHN_COUNTER"));
    faults.signCount = 10u;
    EXPECT_TRUE(failsWith(verify(assertion(faults)), "WEBAUTHN_COUNTER"));
    faults.signCount = 11u;
    EXPECT_TRUE(verify(assertion(faults)).ok());
    EXPECT_EQ(m_credentials[0].signCount, 11u);
}

TEST_F(AssertionTest, Step22_ZeroCountersOnBothSidesAreAccepted)
{
    SoftwareAuthenticatorOptions options = authenticatorOptions();
    options.signCounter = false; // like a synced passkey
    options.backupEligible = true;
    options.backupState = true;
    enroll(options);
    for (int round = 0; round < 3; ++round) {
        auto result = verify(assertion());
        ASSERT_TRUE(result.ok()) << result.error().summary();
        EXPECT_EQ(result->signCount, 0u);
        EXPECT_TRUE(result->backupState);
    }
}

TEST_F(AssertionTest, BackupStateIsUpdated)
{
    SoftwareAuthenticatorOptions options = authenticatorOptions();
    options.backupEligible = true;
    enroll(options);
    EXPECT_FALSE(m_credentials[0].backupState);
    AuthenticatorFaults backedUp;
    backedUp.setFlags = kFlagBackupState;
    ASSERT_TRUE(verify(assertion(backedUp)).ok());
    EXPECT_TRUE(m_credentials[0].backupState);
}

TEST_F(AssertionTest, Step5_UnknownCredential)
{
    const std::string json = assertion();
    std::vector<WebAuthnCredential> none;
    EXPECT_TRUE(failsWith(verifyAssertion(m_signIn.transaction, json, none, kNow), "WEBAUTHN_CREDENTIAL_UNKNOWN"));
    // The single-credential overload refuses a response for another credential.
    auto parsed = parseAssertionResponse(json);
    ASSERT_TRUE(parsed.ok());
    WebAuthnCredential other = m_credentials[0];
    other.id = "another credential";
    EXPECT_TRUE(failsWith(verifyAssertion(m_signIn.transaction, *parsed, other, kNow), "WEBAUTHN_CREDENTIAL_UNKNOWN"));
}

TEST_F(AssertionTest, Step5_CredentialNotInAllowCredentials)
{
    const std::string json = assertion();
    m_signIn.transaction.allowCredentialIds = {"some other credential"};
    EXPECT_TRUE(failsWith(verify(json), "WEBAUTHN_CREDENTIAL_NOT_ALLOWED"));
}

TEST_F(AssertionTest, Step6_CredentialOfAnotherUser)
{
    const std::string json = assertion();
    m_signIn.transaction.userHandle = "user-2";
    EXPECT_TRUE(failsWith(verify(json), "WEBAUTHN_CREDENTIAL_USER"));
}

TEST_F(AssertionTest, Step6_UserHandleMayBeOmittedWhenTheUserIsKnown)
{
    AuthenticatorFaults noHandle;
    noHandle.userHandle = std::string();
    auto result = verify(assertion(noHandle));
    ASSERT_TRUE(result.ok()) << result.error().summary();
    EXPECT_EQ(result->userHandle, kUser);
}

TEST_F(AssertionTest, Step6_DiscoverableSignInNeedsTheUserHandle)
{
    m_signIn = startAuthenticationFor("", {});
    auto result = verify(assertion());
    ASSERT_TRUE(result.ok()) << result.error().summary();
    EXPECT_EQ(result->userHandle, kUser);

    AuthenticatorFaults noHandle;
    noHandle.userHandle = std::string();
    EXPECT_TRUE(failsWith(verify(assertion(noHandle)), "WEBAUTHN_USER_HANDLE"));
    AuthenticatorFaults otherHandle;
    otherHandle.userHandle = std::string("user-2");
    EXPECT_TRUE(failsWith(verify(assertion(otherHandle)), "WEBAUTHN_USER_HANDLE"));
}

TEST_F(AssertionTest, Timeout)
{
    const std::string json = assertion();
    EXPECT_TRUE(failsWith(verify(json, m_signIn.transaction.expiresAtUnix + 1), "WEBAUTHN_TIMEOUT"));
    EXPECT_TRUE(verify(json, m_signIn.transaction.expiresAtUnix).ok());
}

TEST_F(AssertionTest, MalformedAuthenticatorData)
{
    const std::string json = assertion();
    const std::string authData = unb64(oidc::Json::parse(json)["response"]["authenticatorData"].get<std::string>());
    ASSERT_EQ(authData.size(), 37u);
    const auto withAuthData = [&](const std::string &bytes) {
        return editResponse(json, [&](oidc::Json &j) { j["response"]["authenticatorData"] = b64(bytes); });
    };
    EXPECT_TRUE(failsWith(verify(withAuthData(authData.substr(0, 36))), "WEBAUTHN_AUTHDATA"));
    EXPECT_TRUE(failsWith(verify(withAuthData(authData + "x")), "WEBAUTHN_AUTHDATA"));
    std::string withEd = authData;
    withEd[32] = static_cast<char>(withEd[32] | kFlagExtensionData);
    EXPECT_TRUE(failsWith(verify(withAuthData(withEd)), "WEBAUTHN_AUTHDATA"));                   // ED, no extensions
    EXPECT_TRUE(failsWith(verify(withAuthData(withEd + fromHex("01"))), "WEBAUTHN_AUTHDATA"));   // extensions not a map
    EXPECT_TRUE(failsWith(verify(withAuthData(withEd + fromHex("a1"))), "WEBAUTHN_CBOR"));       // truncated map
    // Well-formed extensions pass parsing; the signature (over the original bytes) then fails.
    EXPECT_TRUE(failsWith(verify(withAuthData(withEd + fromHex("a0"))), "WEBAUTHN_SIGNATURE"));
}

TEST_F(AssertionTest, SignatureShape)
{
    const std::string json = assertion();
    const auto withSignature = [&](const std::string &bytes) {
        return editResponse(json, [&](oidc::Json &j) { j["response"]["signature"] = b64(bytes); });
    };
    EXPECT_TRUE(failsWith(verify(withSignature(std::string(64, '\x01'))), "WEBAUTHN_SIGNATURE")); // raw R||S, not DER
    EXPECT_TRUE(failsWith(verify(withSignature("\x30")), "WEBAUTHN_SIGNATURE"));
    EXPECT_TRUE(failsWith(verify(withSignature(std::string(1025, '\x01'))), "WEBAUTHN_RESPONSE_SHAPE"));
    EXPECT_TRUE(failsWith(verify(editResponse(json, [](oidc::Json &j) { j["response"].erase("signature"); })), "WEBAUTHN_RESPONSE_SHAPE"));
    EXPECT_TRUE(failsWith(verify(editResponse(json, [](oidc::Json &j) { j["response"]["userHandle"] = b64(std::string(65, 'u')); })),
                          "WEBAUTHN_RESPONSE_SHAPE"));
    // A null userHandle is the same as none.
    EXPECT_TRUE(verify(editResponse(json, [](oidc::Json &j) { j["response"]["userHandle"] = nullptr; })).ok());
}

TEST_F(AssertionTest, RsaAndEdDsaCredentials)
{
    for (const CoseAlgorithm algorithm : {CoseAlgorithm::RS256, CoseAlgorithm::EdDSA}) {
        enroll(authenticatorOptions(algorithm, AttestationMode::None));
        EXPECT_TRUE(verify(assertion()).ok());
        AuthenticatorFaults bad;
        bad.corruptSignature = true;
        EXPECT_TRUE(failsWith(verify(assertion(bad)), "WEBAUTHN_SIGNATURE"));
    }
}

} // namespace
} // namespace sandbox::auth
