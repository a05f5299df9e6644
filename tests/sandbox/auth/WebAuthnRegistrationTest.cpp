// Registration (WebAuthn Level 3 §7.1): round trips with the software authenticator for every
// algorithm and attestation mode, then one row per check with a response that is wrong in
// exactly that way (and correctly signed otherwise).

#include "WebAuthnFixture.h"

namespace sandbox::auth {
namespace {

using namespace test;

// ---- round trips -------------------------------------------------------------------------------

struct RoundTripRow {
    std::string name;
    CoseAlgorithm algorithm;
    AttestationMode mode;
    AttestationType type;
    std::string fmt;
};

class RegistrationRoundTrip : public ::testing::TestWithParam<RoundTripRow> {};

TEST_P(RegistrationRoundTrip, RegistersThenSignsInTwice)
{
    const auto &row = GetParam();
    SoftwareAuthenticator authenticator(authenticatorOptions(row.algorithm, row.mode));
    const RegistrationStart registration = startRegistrationFor();
    auto response = authenticator.createCredential(registration.options, kOrigin);
    ASSERT_TRUE(response.ok()) << response.error().summary();

    auto credential = verifyRegistration(registration.transaction, *response, kNow);
    ASSERT_TRUE(credential.ok()) << credential.error().summary();
    ASSERT_EQ(authenticator.credentials().size(), 1u);
    EXPECT_EQ(credential->id, authenticator.credentials()[0].id);
    EXPECT_EQ(credential->userHandle, kUser);
    EXPECT_EQ(credential->algorithm, row.algorithm);
    EXPECT_EQ(credential->attestationFormat, row.fmt);
    EXPECT_EQ(credential->attestationType, row.type);
    EXPECT_EQ(credential->signCount, 0u);
    EXPECT_EQ(credential->aaguid, authenticator.options().aaguid);
    EXPECT_EQ(credential->transports, std::vector<std::string>{"internal"});
    EXPECT_TRUE(credential->userVerified);
    EXPECT_FALSE(credential->backupEligible);
    ASSERT_TRUE(credential->publicKey);
    EXPECT_TRUE(decodeCoseKey(credential->publicKeyCose).ok());

    for (uint32_t round = 1; round <= 2; ++round) {
        const AuthenticationStart signIn = startAuthenticationFor(kUser, {{credential->id, credential->transports}});
        auto assertion = authenticator.getAssertion(signIn.options, kOrigin);
        ASSERT_TRUE(assertion.ok()) << assertion.error().summary();
        std::vector<WebAuthnCredential> stored{*credential};
        auto result = verifyAssertion(signIn.transaction, *assertion, stored, kNow);
        ASSERT_TRUE(result.ok()) << result.error().summary();
        EXPECT_EQ(result->userHandle, kUser);
        EXPECT_EQ(result->signCount, round);
        EXPECT_TRUE(result->userVerified);
        EXPECT_EQ(stored[0].signCount, round);
        *credential = stored[0];
    }
}

INSTANTIATE_TEST_SUITE_P(
    Modes, RegistrationRoundTrip,
    ::testing::Values(RoundTripRow{"ES256_none", CoseAlgorithm::ES256, AttestationMode::None, AttestationType::None, "none"},
                      RoundTripRow{"ES256_packed_self", CoseAlgorithm::ES256, AttestationMode::PackedSelf, AttestationType::Self, "packed"},
                      RoundTripRow{"ES256_packed_x5c", CoseAlgorithm::ES256, AttestationMode::PackedCertificate,
                                   AttestationType::BasicUntrusted, "packed"},
                      RoundTripRow{"RS256_none", CoseAlgorithm::RS256, AttestationMode::None, AttestationType::None, "none"},
                      RoundTripRow{"RS256_packed_self", CoseAlgorithm::RS256, AttestationMode::PackedSelf, AttestationType::Self, "packed"},
                      RoundTripRow{"RS256_packed_x5c", CoseAlgorithm::RS256, AttestationMode::PackedCertificate,
                                   AttestationType::BasicUntrusted, "packed"},
                      RoundTripRow{"EdDSA_none", CoseAlgorithm::EdDSA, AttestationMode::None, AttestationType::None, "none"},
                      RoundTripRow{"EdDSA_packed_self", CoseAlgorithm::EdDSA, AttestationMode::PackedSelf, AttestationType::Self, "packed"}),
    RowName());

TEST(Registration, SecondAllowedOriginAndUvPreferredWithoutUv)
{
    SoftwareAuthenticatorOptions options = authenticatorOptions();
    options.userVerifying = false;
    SoftwareAuthenticator authenticator(options);
    const RegistrationStart registration = startRegistrationFor();
    auto response = authenticator.createCredential(registration.options, "http://127.0.0.1:8443");
    // 127.0.0.1 is not under the RP ID "localhost": a browser would refuse, and so does the client part.
    EXPECT_TRUE(failsWith(response, "AUTHENTICATOR_SECURITY", oidc::ErrorCategory::Input));
    response = authenticator.createCredential(registration.options, kOrigin);
    ASSERT_TRUE(response.ok());
    auto credential = verifyRegistration(registration.transaction, *response, kNow);
    ASSERT_TRUE(credential.ok()) << credential.error().summary();
    EXPECT_FALSE(credential->userVerified);
}

TEST(Registration, BackupFlagsAreRecorded)
{
    SoftwareAuthenticatorOptions options = authenticatorOptions();
    options.backupEligible = true;
    options.backupState = true;
    options.signCounter = false;
    SoftwareAuthenticator authenticator(options);
    const RegistrationStart registration = startRegistrationFor();
    auto credential = verifyRegistration(registration.transaction, authenticator.createCredential(registration.options, kOrigin).value(), kNow);
    ASSERT_TRUE(credential.ok()) << credential.error().summary();
    EXPECT_TRUE(credential->backupEligible);
    EXPECT_TRUE(credential->backupState);
}

TEST(Registration, CredentialRecordRoundTripsThroughJson)
{
    SoftwareAuthenticator authenticator(authenticatorOptions(CoseAlgorithm::RS256, AttestationMode::PackedCertificate));
    const RegistrationStart registration = startRegistrationFor();
    auto credential = verifyRegistration(registration.transaction, authenticator.createCredential(registration.options, kOrigin).value(), kNow);
    ASSERT_TRUE(credential.ok()) << credential.error().summary();
    auto restored = WebAuthnCredential::fromJson(oidc::Json::parse(credential->toJson().dump()));
    ASSERT_TRUE(restored.ok()) << restored.error().summary();
    EXPECT_EQ(restored->id, credential->id);
    EXPECT_EQ(restored->userHandle, credential->userHandle);
    EXPECT_EQ(restored->algorithm, CoseAlgorithm::RS256);
    EXPECT_EQ(restored->publicKeyCose, credential->publicKeyCose);
    EXPECT_EQ(EVP_PKEY_eq(restored->publicKey.get(), credential->publicKey.get()), 1);
    EXPECT_EQ(restored->aaguid, credential->aaguid);
    EXPECT_EQ(restored->transports, credential->transports);
    EXPECT_EQ(restored->attestationType, AttestationType::BasicUntrusted);
    EXPECT_EQ(restored->attestationFormat, "packed");

    // The restored record verifies a sign-in.
    const AuthenticationStart signIn = startAuthenticationFor(kUser, {});
    std::vector<WebAuthnCredential> stored{std::move(restored).value()};
    EXPECT_TRUE(verifyAssertion(signIn.transaction, authenticator.getAssertion(signIn.options, kOrigin).value(), stored, kNow).ok());

    oidc::Json broken = credential->toJson();
    broken["algorithm"] = -7;
    EXPECT_TRUE(failsWith(WebAuthnCredential::fromJson(broken), "WEBAUTHN_CREDENTIAL_RECORD"));
    broken = credential->toJson();
    broken["signCount"] = -1;
    EXPECT_TRUE(failsWith(WebAuthnCredential::fromJson(broken), "WEBAUTHN_CREDENTIAL_RECORD"));
    broken = credential->toJson();
    broken["publicKeyCose"] = b64("\x01");
    EXPECT_TRUE(failsWith(WebAuthnCredential::fromJson(broken), "WEBAUTHN_COSE_KEY"));
}

// ---- one defect per row --------------------------------------------------------------------------

struct FaultRow {
    std::string name;
    AttestationMode mode;
    std::function<void(AuthenticatorFaults &)> fault;
    std::string code;
};

class RegistrationRefuses : public ::testing::TestWithParam<FaultRow> {};

TEST_P(RegistrationRefuses, WithTheCheckSpecificCode)
{
    const auto &row = GetParam();
    SoftwareAuthenticator authenticator(authenticatorOptions(CoseAlgorithm::ES256, row.mode));
    const RegistrationStart registration = startRegistrationFor();
    AuthenticatorFaults faults;
    row.fault(faults);
    auto response = authenticator.createCredential(registration.options, kOrigin, faults);
    ASSERT_TRUE(response.ok()) << response.error().summary();
    EXPECT_TRUE(failsWith(verifyRegistration(registration.transaction, *response, kNow), row.code));
}

INSTANTIATE_TEST_SUITE_P(
    Section7_1, RegistrationRefuses,
    ::testing::Values(
        FaultRow{"step7_type_is_get", AttestationMode::PackedSelf, [](auto &f) { f.clientDataType = "webauthn.get"; }, "WEBAUTHN_TYPE"},
        FaultRow{"step7_type_is_payment", AttestationMode::None, [](auto &f) { f.clientDataType = "payment.get"; }, "WEBAUTHN_TYPE"},
        FaultRow{"step8_other_challenge", AttestationMode::PackedSelf, [](auto &f) { f.challenge = std::string(32, 'x'); },
                 "WEBAUTHN_CHALLENGE"},
        FaultRow{"step10_cross_origin", AttestationMode::None, [](auto &f) { f.crossOrigin = true; }, "WEBAUTHN_CROSS_ORIGIN"},
        FaultRow{"step13_rp_id_hash", AttestationMode::PackedSelf, [](auto &f) { f.rpIdForHash = "evil.example"; }, "WEBAUTHN_RPID_HASH"},
        FaultRow{"step14_user_not_present", AttestationMode::PackedSelf, [](auto &f) { f.clearFlags = kFlagUserPresent; },
                 "WEBAUTHN_FLAGS_UP"},
        FaultRow{"step16_backup_state_without_eligible", AttestationMode::PackedSelf,
                 [](auto &f) { f.setFlags = kFlagBackupState; }, "WEBAUTHN_FLAGS_BACKUP"},
        FaultRow{"attested_data_without_at_flag", AttestationMode::None,
                 [](auto &f) { f.clearFlags = kFlagAttestedCredentialData; }, "WEBAUTHN_AUTHDATA"},
        FaultRow{"step21_fmt_fido_u2f", AttestationMode::PackedSelf, [](auto &f) { f.attestationFormat = "fido-u2f"; },
                 "WEBAUTHN_ATTESTATION_FORMAT"},
        FaultRow{"step21_fmt_tpm", AttestationMode::PackedSelf, [](auto &f) { f.attestationFormat = "tpm"; },
                 "WEBAUTHN_ATTESTATION_FORMAT"},
        FaultRow{"none_with_a_statement", AttestationMode::PackedSelf, [](auto &f) { f.attestationFormat = "none"; },
                 "WEBAUTHN_ATTESTATION_STATEMENT"},
        FaultRow{"packed_self_alg_mismatch", AttestationMode::PackedSelf, [](auto &f) { f.attestationAlgorithm = -257; },
                 "WEBAUTHN_ATTESTATION_ALG"},
        FaultRow{"packed_x5c_unsupported_alg", AttestationMode::PackedCertificate, [](auto &f) { f.attestationAlgorithm = -35; },
                 "WEBAUTHN_ATTESTATION_ALG"},
        FaultRow{"packed_self_bad_signature", AttestationMode::PackedSelf, [](auto &f) { f.corruptSignature = true; },
                 "WEBAUTHN_ATTESTATION_SIGNATURE"},
        FaultRow{"packed_x5c_bad_signature", AttestationMode::PackedCertificate, [](auto &f) { f.corruptSignature = true; },
                 "WEBAUTHN_ATTESTATION_SIGNATURE"}),
    RowName());

class RegistrationTest : public ::testing::Test {
protected:
    SoftwareAuthenticator m_authenticator{authenticatorOptions()};
    RegistrationStart m_registration = startRegistrationFor();

    std::string response(std::string_view origin = kOrigin, const AuthenticatorFaults &faults = {})
    {
        auto created = m_authenticator.createCredential(m_registration.options, origin, faults);
        EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().summary());
        return created.ok() ? created.value() : std::string();
    }
    oidc::Result<WebAuthnCredential> verify(const std::string &json, int64_t now = kNow)
    {
        return verifyRegistration(m_registration.transaction, json, now);
    }
};

TEST_F(RegistrationTest, Step9_OriginNotAllowed)
{
    // A subdomain passes the browser's RP ID check but is not an allowed origin.
    EXPECT_TRUE(failsWith(verify(response("http://evil.localhost:8443")), "WEBAUTHN_ORIGIN"));
    EXPECT_TRUE(failsWith(verify(response("https://localhost:8443")), "WEBAUTHN_ORIGIN")); // scheme differs
}

TEST_F(RegistrationTest, Step15_UserVerificationRequired)
{
    PasskeyOptions passkey;
    passkey.registrationUserVerification = UserVerification::Required;
    m_registration = startRegistrationFor(kUser, passkey);
    AuthenticatorFaults noUv;
    noUv.clearFlags = kFlagUserVerified;
    EXPECT_TRUE(failsWith(verify(response(kOrigin, noUv)), "WEBAUTHN_FLAGS_UV"));
    EXPECT_TRUE(verify(response()).ok());
}

TEST_F(RegistrationTest, Step19_AlgorithmNotOffered)
{
    const std::string json = response();
    m_registration.transaction.algorithms = {CoseAlgorithm::RS256};
    EXPECT_TRUE(failsWith(verify(json), "WEBAUTHN_ALGORITHM"));
}

TEST_F(RegistrationTest, ExcludedCredential)
{
    const std::string json = response();
    m_registration.transaction.excludeCredentialIds = {"other", unb64(oidc::Json::parse(json)["id"].get<std::string>())};
    EXPECT_TRUE(failsWith(verify(json), "WEBAUTHN_CREDENTIAL_EXCLUDED"));
    // The authenticator itself refuses to create a second credential for an excluded one.
    m_registration = startRegistrationFor(kUser, {}, {{m_authenticator.credentials()[0].id, {}}});
    EXPECT_TRUE(failsWith(m_authenticator.createCredential(m_registration.options, kOrigin), "AUTHENTICATOR_EXCLUDED", oidc::ErrorCategory::Input));
}

TEST_F(RegistrationTest, Timeout)
{
    const std::string json = response();
    EXPECT_TRUE(verify(json, m_registration.transaction.expiresAtUnix).ok());
    EXPECT_TRUE(failsWith(verify(json, m_registration.transaction.expiresAtUnix + 1), "WEBAUTHN_TIMEOUT"));
}

TEST_F(RegistrationTest, IdAndRawIdMustAgreeWithTheAuthenticatorData)
{
    const std::string json = response();
    EXPECT_TRUE(failsWith(verify(editResponse(json, [](oidc::Json &j) { j["rawId"] = b64("another id"); })), "WEBAUTHN_CREDENTIAL_ID"));
    EXPECT_TRUE(failsWith(verify(editResponse(json, [](oidc::Json &j) { j["id"] = j["rawId"] = b64("another id"); })),
                          "WEBAUTHN_CREDENTIAL_ID"));
    EXPECT_TRUE(failsWith(verify(editResponse(json, [](oidc::Json &j) { j["id"] = "not base64url!"; })), "WEBAUTHN_CREDENTIAL_ID"));
    // rawId may be left out; id alone is enough.
    EXPECT_TRUE(verify(editResponse(json, [](oidc::Json &j) { j.erase("rawId"); })).ok());
}

TEST_F(RegistrationTest, ResponseShape)
{
    const std::string json = response();
    const auto shape = [&](const std::string &text) { return failsWith(verify(text), "WEBAUTHN_RESPONSE_SHAPE"); };
    EXPECT_TRUE(shape(""));
    EXPECT_TRUE(shape("not json"));
    EXPECT_TRUE(shape("[]"));
    EXPECT_TRUE(shape(std::string(kMaxResponseJsonBytes + 1, ' ')));
    EXPECT_TRUE(shape(editResponse(json, [](oidc::Json &j) { j["type"] = "password"; })));
    EXPECT_TRUE(shape(editResponse(json, [](oidc::Json &j) { j.erase("type"); })));
    EXPECT_TRUE(shape(editResponse(json, [](oidc::Json &j) { j.erase("response"); })));
    EXPECT_TRUE(shape(editResponse(json, [](oidc::Json &j) { j["response"].erase("attestationObject"); })));
    EXPECT_TRUE(shape(editResponse(json, [](oidc::Json &j) { j["response"]["attestationObject"] = "a+b/"; })));
    EXPECT_TRUE(shape(editResponse(json, [](oidc::Json &j) { j["response"]["clientDataJSON"] = 42; })));
    EXPECT_TRUE(shape(editResponse(json, [](oidc::Json &j) {
        j["response"]["attestationObject"] = b64(std::string(kMaxAttestationObjectBytes + 1, 'a'));
    })));
    // Duplicate member names are refused (strict JSON).
    EXPECT_TRUE(shape(R"({"type":"public-key","type":"public-key"})"));
}

TEST_F(RegistrationTest, ClientDataJsonMustBeAnObjectWithTheMembers)
{
    const std::string json = response();
    const auto withClientData = [&](const std::string &clientData) {
        return editResponse(json, [&](oidc::Json &j) { j["response"]["clientDataJSON"] = b64(clientData); });
    };
    EXPECT_TRUE(failsWith(verify(withClientData("not json")), "WEBAUTHN_CLIENT_DATA"));
    EXPECT_TRUE(failsWith(verify(withClientData(R"({"type":"webauthn.create","challenge":"x"})")), "WEBAUTHN_CLIENT_DATA"));
    EXPECT_TRUE(failsWith(verify(withClientData(R"({"type":"webauthn.create","type":"webauthn.create","challenge":"x","origin":"o"})")),
                          "WEBAUTHN_CLIENT_DATA"));
    EXPECT_TRUE(failsWith(verify(withClientData(R"({"type":"webauthn.create","challenge":"x","origin":"o","crossOrigin":"no"})")),
                          "WEBAUTHN_CLIENT_DATA"));
}

TEST_F(RegistrationTest, MalformedAttestationObject)
{
    const std::string json = response();
    const auto cbor = [&](const std::string &bytes) { return failsWith(verify(withAttestationObject(json, bytes)), "WEBAUTHN_CBOR"); };
    EXPECT_TRUE(cbor(fromHex("a3 63666d74")));  // truncated
    EXPECT_TRUE(cbor(fromHex("83 010203")));    // an array, not a map
    EXPECT_TRUE(cbor(fromHex("a1 63666d74 01"))); // fmt is an integer; attStmt and authData missing
    EXPECT_TRUE(cbor(noneAttestationObject(authDataOf(json)) + '\0')); // trailing byte
    // A duplicate "fmt" key.
    std::vector<std::pair<CborItemPtr, CborItemPtr>> entries;
    entries.emplace_back(cborMakeText("fmt"), cborMakeText("none"));
    entries.emplace_back(cborMakeText("fmt"), cborMakeText("none"));
    entries.emplace_back(cborMakeText("attStmt"), cborMakeMap({}));
    entries.emplace_back(cborMakeText("authData"), cborMakeBytes(authDataOf(json)));
    EXPECT_TRUE(cbor(cborEncode(cborMakeMap(std::move(entries)).get()).value()));
    // The real authData re-wrapped as fmt "none" is fine: the rows below change only authData.
    EXPECT_TRUE(verify(withAttestationObject(json, noneAttestationObject(authDataOf(json)))).ok());
}

TEST_F(RegistrationTest, TruncatedOrPaddedAuthenticatorData)
{
    const std::string json = response();
    const std::string authData = authDataOf(json);
    ASSERT_GT(authData.size(), 100u);
    const auto refused = [&](const std::string &bytes, const char *code) {
        return failsWith(verify(withAttestationObject(json, noneAttestationObject(bytes))), code);
    };
    EXPECT_TRUE(refused(authData.substr(0, 36), "WEBAUTHN_AUTHDATA"));              // shorter than the fixed part
    EXPECT_TRUE(refused(authData.substr(0, 37), "WEBAUTHN_AUTHDATA"));              // AT set, no attested data
    EXPECT_TRUE(refused(authData.substr(0, 37 + 17), "WEBAUTHN_AUTHDATA"));         // inside the ID length
    EXPECT_TRUE(refused(authData.substr(0, 37 + 18 + 31), "WEBAUTHN_AUTHDATA"));    // inside the credential ID
    EXPECT_TRUE(refused(authData.substr(0, authData.size() - 1), "WEBAUTHN_CBOR")); // inside the COSE key
    EXPECT_TRUE(refused(authData + '\0', "WEBAUTHN_AUTHDATA"));                     // a trailing byte

    std::string zeroLength = authData;
    zeroLength[37 + 16] = zeroLength[37 + 17] = '\0';
    EXPECT_TRUE(refused(zeroLength, "WEBAUTHN_AUTHDATA"));
    std::string hugeLength = authData;
    hugeLength[37 + 16] = hugeLength[37 + 17] = '\xff'; // 65535 > 1023 and > the bytes left
    EXPECT_TRUE(refused(hugeLength, "WEBAUTHN_AUTHDATA"));
}

TEST_F(RegistrationTest, UnusableCredentialPublicKey)
{
    const std::string json = response();
    AuthenticatorData data;
    data.rpIdHash = oidc::crypto::sha256(kRpId);
    data.flags = kFlagUserPresent | kFlagUserVerified;
    // An EC2 key whose point is not on P-256.
    std::vector<std::pair<CborItemPtr, CborItemPtr>> key;
    key.emplace_back(cborMakeInt(1), cborMakeInt(2));
    key.emplace_back(cborMakeInt(3), cborMakeInt(-7));
    key.emplace_back(cborMakeInt(-1), cborMakeInt(1));
    key.emplace_back(cborMakeInt(-2), cborMakeBytes(std::string(32, '\x01')));
    key.emplace_back(cborMakeInt(-3), cborMakeBytes(std::string(32, '\x02')));
    const std::string id = unb64(oidc::Json::parse(json)["id"].get<std::string>());
    data.attestedCredential = AttestedCredentialData{std::string(16, '\0'), id, cborEncode(cborMakeMap(std::move(key)).get()).value()};
    EXPECT_TRUE(failsWith(verify(withAttestationObject(json, noneAttestationObject(encodeAuthenticatorData(data)))), "WEBAUTHN_COSE_KEY"));
}

TEST(SoftwareAuthenticator, ClientChecks)
{
    SoftwareAuthenticatorOptions options = authenticatorOptions();
    options.userVerifying = false;
    SoftwareAuthenticator authenticator(options);
    PasskeyOptions passkey;
    passkey.registrationUserVerification = UserVerification::Required;
    EXPECT_TRUE(failsWith(authenticator.createCredential(startRegistrationFor(kUser, passkey).options, kOrigin), "AUTHENTICATOR_UV", oidc::ErrorCategory::Input));
    EXPECT_TRUE(failsWith(authenticator.createCredential(startRegistrationFor().options, "http://evil.test"), "AUTHENTICATOR_SECURITY", oidc::ErrorCategory::Input));
    EXPECT_TRUE(failsWith(authenticator.createCredential("{}", kOrigin), "AUTHENTICATOR_OPTIONS", oidc::ErrorCategory::Input));
    EXPECT_TRUE(failsWith(authenticator.getAssertion(startAuthenticationFor(kUser, {}).options, kOrigin), "AUTHENTICATOR_NO_CREDENTIAL", oidc::ErrorCategory::Input));

    SoftwareAuthenticator rsaOnly(authenticatorOptions(CoseAlgorithm::RS256));
    RegistrationOptionsRequest request;
    request.relyingParty = relyingParty();
    request.user = {kUser, "user", ""};
    request.algorithms = {CoseAlgorithm::ES256};
    EXPECT_TRUE(failsWith(rsaOnly.createCredential(startRegistration(request).value().options, kOrigin), "AUTHENTICATOR_ALGORITHM", oidc::ErrorCategory::Input));
}

TEST(SoftwareAuthenticator, ExportsAndImportsItsCredentials)
{
    SoftwareAuthenticator first(authenticatorOptions(CoseAlgorithm::EdDSA));
    const RegistrationStart registration = startRegistrationFor();
    auto credential = verifyRegistration(registration.transaction, first.createCredential(registration.options, kOrigin).value(), kNow);
    ASSERT_TRUE(credential.ok());
    auto exported = first.exportCredentials();
    ASSERT_TRUE(exported.ok()) << exported.error().summary();

    SoftwareAuthenticator second(authenticatorOptions(CoseAlgorithm::EdDSA));
    ASSERT_TRUE(second.importCredentials(oidc::Json::parse(exported->dump())).ok());
    ASSERT_EQ(second.credentials().size(), 1u);
    const AuthenticationStart signIn = startAuthenticationFor(kUser, {{credential->id, {}}});
    std::vector<WebAuthnCredential> stored{*credential};
    EXPECT_TRUE(verifyAssertion(signIn.transaction, second.getAssertion(signIn.options, kOrigin).value(), stored, kNow).ok());
    EXPECT_TRUE(failsWith(second.importCredentials(oidc::Json::parse(R"([{"id":"x"}])")), "AUTHENTICATOR_STATE", oidc::ErrorCategory::Input));
}

} // namespace
} // namespace sandbox::auth
