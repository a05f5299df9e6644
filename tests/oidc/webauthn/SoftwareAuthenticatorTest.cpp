// The software authenticator as a client sees it: ES256 and EdDSA (and RS256) registrations with
// `none` and `packed` self attestation, assertions with their signature counter and UV flag, and
// the checks the client makes before it signs anything (§5.1.3, §5.1.4). Every result is read
// back through the decoded ceremony view; the relying party's side is tests/sandbox/auth.

#include "oidc/webauthn/SoftwareAuthenticator.h"

#include "CeremonyOptions.h"

#include "oidc/webauthn/AuthenticatorData.h"

namespace oidc::webauthn {
namespace {

using namespace test;

SoftwareAuthenticatorOptions optionsFor(CoseAlgorithm algorithm, AttestationMode mode)
{
    SoftwareAuthenticatorOptions options;
    options.algorithms = {algorithm};
    options.attestation = mode;
    return options;
}

CeremonyView registered(SoftwareAuthenticator &authenticator, const std::string &options = creationOptions())
{
    auto response = authenticator.createCredential(options, kOrigin);
    EXPECT_TRUE(succeeds(response));
    auto view = response.ok() ? describeRegistration(*response) : Result<CeremonyView>(response.error());
    EXPECT_TRUE(succeeds(view));
    return view.ok() ? std::move(view).value() : CeremonyView();
}

CeremonyView asserted(SoftwareAuthenticator &authenticator, const std::string &options)
{
    auto response = authenticator.getAssertion(options, kOrigin);
    EXPECT_TRUE(succeeds(response));
    auto view = response.ok() ? describeAssertion(*response) : Result<CeremonyView>(response.error());
    EXPECT_TRUE(succeeds(view));
    return view.ok() ? std::move(view).value() : CeremonyView();
}

struct CeremonyRow {
    std::string name;
    CoseAlgorithm algorithm;
    AttestationMode mode;
    std::string fmt;
    std::string kind; // AttestationView::kind
};

class SoftwareCeremonies : public ::testing::TestWithParam<CeremonyRow> {};

TEST_P(SoftwareCeremonies, RegistersThenAssertsTwiceWithARisingCounter)
{
    const auto &row = GetParam();
    SoftwareAuthenticator authenticator(optionsFor(row.algorithm, row.mode));
    const CeremonyView registration = registered(authenticator);

    // §6.5.1 / §6.1: the authenticator data of a registration.
    ASSERT_EQ(authenticator.credentials().size(), 1u);
    const SoftwareCredential &stored = authenticator.credentials()[0];
    EXPECT_EQ(registration.credentialId.raw, stored.id);
    EXPECT_EQ(stored.rpId, kRpId);
    EXPECT_EQ(stored.userHandle, kUserHandle);
    EXPECT_EQ(stored.algorithm, row.algorithm);
    EXPECT_EQ(registration.clientData.type, "webauthn.create");
    EXPECT_EQ(registration.clientData.challenge.raw, kCreateChallenge);
    EXPECT_EQ(registration.clientData.origin, kOrigin);
    EXPECT_FALSE(registration.clientData.crossOrigin);
    const AuthenticatorDataView &authData = registration.authenticatorData;
    EXPECT_EQ(authData.rpIdHash.raw, crypto::sha256(kRpId));
    EXPECT_TRUE(authData.flags.userPresent);
    EXPECT_TRUE(authData.flags.userVerified);
    EXPECT_TRUE(authData.flags.attestedCredentialData);
    EXPECT_FALSE(authData.flags.backupEligible);
    EXPECT_FALSE(authData.flags.backupState);
    EXPECT_FALSE(authData.flags.extensionData);
    EXPECT_EQ(authData.signCount, 0u);
    ASSERT_TRUE(authData.aaguid && authData.credentialId && authData.credentialPublicKey);
    EXPECT_EQ(authData.aaguid->raw, authenticator.options().aaguid);
    EXPECT_EQ(authData.credentialId->raw, stored.id);
    EXPECT_EQ(authData.credentialPublicKey->algorithm, coseAlgorithmName(row.algorithm));
    EXPECT_EQ(registration.transports, std::vector<std::string>{"internal"});

    // §8.7 none / §8.2 packed self attestation.
    ASSERT_TRUE(registration.attestation);
    EXPECT_EQ(registration.attestation->fmt, row.fmt);
    EXPECT_EQ(registration.attestation->kind, row.kind);
    EXPECT_TRUE(registration.attestation->certificates.empty());
    if (row.mode == AttestationMode::None) {
        EXPECT_FALSE(registration.attestation->alg);
        EXPECT_FALSE(registration.attestation->signature);
    } else {
        ASSERT_TRUE(registration.attestation->alg && registration.attestation->signature);
        EXPECT_EQ(*registration.attestation->alg, static_cast<int64_t>(row.algorithm));
        auto key = decodeCoseKey(authData.credentialPublicKey->encoded.raw);
        ASSERT_TRUE(succeeds(key));
        EXPECT_TRUE(succeeds(verifyCoseSignature(row.algorithm, key->publicKey.get(), authData.bytes.raw + registration.clientData.hash.raw,
                                                 registration.attestation->signature->raw)));
    }

    // §6.3.3: assertions signed with the credential key, the counter one higher each time.
    for (uint32_t round = 1; round <= 2; ++round) {
        const CeremonyView assertion = asserted(authenticator, requestOptions({stored.id}));
        EXPECT_EQ(assertion.credentialId.raw, stored.id);
        EXPECT_EQ(assertion.clientData.type, "webauthn.get");
        EXPECT_EQ(assertion.clientData.challenge.raw, kGetChallenge);
        EXPECT_EQ(assertion.authenticatorData.rpIdHash.raw, crypto::sha256(kRpId));
        EXPECT_EQ(assertion.authenticatorData.bytes.raw.size(), 37u);
        EXPECT_TRUE(assertion.authenticatorData.flags.userPresent);
        EXPECT_TRUE(assertion.authenticatorData.flags.userVerified);
        EXPECT_FALSE(assertion.authenticatorData.flags.attestedCredentialData);
        EXPECT_EQ(assertion.authenticatorData.signCount, round);
        EXPECT_EQ(authenticator.credentials()[0].signCount, round);
        ASSERT_TRUE(assertion.userHandle);
        EXPECT_EQ(assertion.userHandle->raw, kUserHandle);
        EXPECT_TRUE(signatureVerifies(registration, assertion));
    }
}

INSTANTIATE_TEST_SUITE_P(
    AlgorithmsAndAttestation, SoftwareCeremonies,
    ::testing::Values(CeremonyRow{"ES256_none", CoseAlgorithm::ES256, AttestationMode::None, "none", "none"},
                      CeremonyRow{"ES256_packed_self", CoseAlgorithm::ES256, AttestationMode::PackedSelf, "packed", "self"},
                      CeremonyRow{"EdDSA_none", CoseAlgorithm::EdDSA, AttestationMode::None, "none", "none"},
                      CeremonyRow{"EdDSA_packed_self", CoseAlgorithm::EdDSA, AttestationMode::PackedSelf, "packed", "self"},
                      CeremonyRow{"RS256_packed_self", CoseAlgorithm::RS256, AttestationMode::PackedSelf, "packed", "self"}),
    RowName());

TEST(SoftwareAuthenticator, TakesTheFirstOfferedAlgorithmItSupports)
{
    SoftwareAuthenticatorOptions options;
    options.algorithms = {CoseAlgorithm::ES256, CoseAlgorithm::EdDSA};
    SoftwareAuthenticator authenticator(options);
    EXPECT_EQ(registered(authenticator, creationOptions({-8, -7})).authenticatorData.credentialPublicKey->algorithm, "EdDSA");
    EXPECT_EQ(registered(authenticator, creationOptions({-257, -7, -8})).authenticatorData.credentialPublicKey->algorithm, "ES256");
    EXPECT_TRUE(failsWith(authenticator.createCredential(creationOptions({-257}), kOrigin), "AUTHENTICATOR_ALGORITHM"));
}

TEST(SoftwareAuthenticator, UserVerificationFlagFollowsTheAuthenticator)
{
    SoftwareAuthenticatorOptions options = optionsFor(CoseAlgorithm::ES256, AttestationMode::None);
    options.userVerifying = false;
    SoftwareAuthenticator authenticator(options);
    const CeremonyView registration = registered(authenticator);
    EXPECT_TRUE(registration.authenticatorData.flags.userPresent);
    EXPECT_FALSE(registration.authenticatorData.flags.userVerified);
    const CeremonyView assertion = asserted(authenticator, requestOptions());
    EXPECT_FALSE(assertion.authenticatorData.flags.userVerified);
    // A relying party that requires user verification gets a refusal, not an unverified answer.
    EXPECT_TRUE(failsWith(authenticator.createCredential(creationOptions({-7}, "required"), kOrigin), "AUTHENTICATOR_UV"));
    EXPECT_TRUE(failsWith(authenticator.getAssertion(requestOptions({}, "required"), kOrigin), "AUTHENTICATOR_UV"));
}

TEST(SoftwareAuthenticator, UserVerificationFlagIsClearWhenTheRpDiscouragesIt)
{
    // A verifying authenticator does not verify (and so does not set UV) when the relying party
    // says "discouraged" (§5.4.6): the flag follows both the setting and the options.
    SoftwareAuthenticator verifying(optionsFor(CoseAlgorithm::ES256, AttestationMode::None));
    EXPECT_FALSE(registered(verifying, creationOptions({-7}, "discouraged")).authenticatorData.flags.userVerified);
    EXPECT_TRUE(registered(verifying, creationOptions({-7}, "preferred")).authenticatorData.flags.userVerified);
    EXPECT_FALSE(asserted(verifying, requestOptions({}, "discouraged")).authenticatorData.flags.userVerified);
    EXPECT_TRUE(asserted(verifying, requestOptions({}, "preferred")).authenticatorData.flags.userVerified);
    EXPECT_TRUE(asserted(verifying, requestOptions({}, "required")).authenticatorData.flags.userVerified);

    SoftwareAuthenticatorOptions off = optionsFor(CoseAlgorithm::ES256, AttestationMode::None);
    off.userVerifying = false;
    SoftwareAuthenticator notVerifying(off);
    EXPECT_FALSE(registered(notVerifying, creationOptions({-7}, "discouraged")).authenticatorData.flags.userVerified);
    EXPECT_FALSE(asserted(notVerifying, requestOptions({}, "discouraged")).authenticatorData.flags.userVerified);
    // UP stays: presence is tested on every ceremony.
    EXPECT_TRUE(asserted(notVerifying, requestOptions({}, "discouraged")).authenticatorData.flags.userPresent);
}

TEST(SoftwareAuthenticator, BackupFlagsAndAttestationFollowTheSettings)
{
    SoftwareAuthenticatorOptions options = optionsFor(CoseAlgorithm::ES256, AttestationMode::PackedCertificate);
    options.backupEligible = true;
    SoftwareAuthenticator eligible(options);
    CeremonyView registration = registered(eligible, creationOptions({-7}));
    EXPECT_TRUE(registration.authenticatorData.flags.backupEligible);
    EXPECT_FALSE(registration.authenticatorData.flags.backupState);
    EXPECT_EQ(registration.attestation->kind, "x5c");

    options.backupState = true;
    options.attestation = AttestationMode::None;
    eligible.setOptions(options);
    registration = registered(eligible, creationOptions({-7}));
    EXPECT_TRUE(registration.authenticatorData.flags.backupEligible);
    EXPECT_TRUE(registration.authenticatorData.flags.backupState);
    EXPECT_EQ(registration.attestation->fmt, "none");
    const CeremonyView assertion = asserted(eligible, requestOptions());
    EXPECT_TRUE(assertion.authenticatorData.flags.backupEligible && assertion.authenticatorData.flags.backupState);
}

TEST(SoftwareAuthenticator, WithoutACounterEveryAssertionSaysZero)
{
    SoftwareAuthenticatorOptions options = optionsFor(CoseAlgorithm::EdDSA, AttestationMode::None);
    options.signCounter = false;
    options.backupEligible = true;
    options.backupState = true;
    SoftwareAuthenticator authenticator(options);
    const CeremonyView registration = registered(authenticator);
    EXPECT_TRUE(registration.authenticatorData.flags.backupEligible);
    EXPECT_TRUE(registration.authenticatorData.flags.backupState);
    for (int round = 0; round < 2; ++round) {
        const CeremonyView assertion = asserted(authenticator, requestOptions());
        EXPECT_EQ(assertion.authenticatorData.signCount, 0u);
        EXPECT_TRUE(signatureVerifies(registration, assertion));
    }
}

TEST(SoftwareAuthenticator, DiscoverableAssertionUsesTheNewestCredentialOfTheRp)
{
    SoftwareAuthenticator authenticator(optionsFor(CoseAlgorithm::ES256, AttestationMode::None));
    registered(authenticator);
    const CeremonyView newest = registered(authenticator);
    const CeremonyView assertion = asserted(authenticator, requestOptions());
    EXPECT_EQ(assertion.credentialId.raw, newest.credentialId.raw);
    EXPECT_TRUE(signatureVerifies(newest, assertion));
}

TEST(SoftwareAuthenticator, ClientChecksBeforeSigning)
{
    SoftwareAuthenticator authenticator(optionsFor(CoseAlgorithm::ES256, AttestationMode::PackedSelf));
    // §5.1.3 step 8: the RP ID must be the origin's host or a parent of it.
    EXPECT_TRUE(failsWith(authenticator.createCredential(creationOptions(), "http://evil.test"), "AUTHENTICATOR_SECURITY"));
    EXPECT_TRUE(failsWith(authenticator.createCredential(creationOptions(), ""), "AUTHENTICATOR_SECURITY"));
    EXPECT_TRUE(failsWith(authenticator.createCredential("{}", kOrigin), "AUTHENTICATOR_OPTIONS"));
    EXPECT_TRUE(failsWith(authenticator.createCredential("not json", kOrigin), "AUTHENTICATOR_OPTIONS"));
    EXPECT_TRUE(failsWith(authenticator.getAssertion(requestOptions(), kOrigin), "AUTHENTICATOR_NO_CREDENTIAL"));
    const CeremonyView registration = registered(authenticator);
    // A subdomain of the RP ID may use it; §6.3.2 step 3: excluded credentials are not made twice.
    EXPECT_TRUE(authenticator.getAssertion(requestOptions(), "https://login.localhost").ok());
    EXPECT_TRUE(failsWith(authenticator.createCredential(creationOptions({-7}, "preferred", {registration.credentialId.raw}), kOrigin),
                          "AUTHENTICATOR_EXCLUDED"));
    EXPECT_TRUE(failsWith(authenticator.getAssertion(requestOptions({"another credential"}), kOrigin), "AUTHENTICATOR_NO_CREDENTIAL"));
    EXPECT_EQ(authenticator.credentials().size(), 1u);
}

TEST(SoftwareAuthenticator, ImportRefusesKeysThatDoNotFitAndCountersBeyond32Bits)
{
    SoftwareAuthenticator authenticator(optionsFor(CoseAlgorithm::ES256, AttestationMode::None));
    registered(authenticator);
    auto exported = authenticator.exportCredentials();
    ASSERT_TRUE(succeeds(exported));
    SoftwareAuthenticator other;
    ASSERT_TRUE(succeeds(other.importCredentials(*exported)));
    ASSERT_EQ(other.credentials().size(), 1u);
    EXPECT_EQ(other.credentials()[0].id, authenticator.credentials()[0].id);

    Json wrongAlgorithm = *exported;
    wrongAlgorithm[0]["algorithm"] = -8; // an EC key claimed as Ed25519
    EXPECT_TRUE(failsWith(other.importCredentials(wrongAlgorithm), "AUTHENTICATOR_STATE"));
    Json hugeCounter = *exported;
    hugeCounter[0]["signCount"] = uint64_t{1} << 32;
    EXPECT_TRUE(failsWith(other.importCredentials(hugeCounter), "AUTHENTICATOR_STATE"));
    Json publicOnly = *exported;
    publicOnly[0]["privateJwk"].erase("d");
    EXPECT_TRUE(failsWith(other.importCredentials(publicOnly), "AUTHENTICATOR_STATE"));
    // A refused import leaves what was there.
    EXPECT_EQ(other.credentials().size(), 1u);
}

TEST(SoftwareAuthenticator, FaultsChangeExactlyOneThing)
{
    SoftwareAuthenticator authenticator(optionsFor(CoseAlgorithm::ES256, AttestationMode::PackedSelf));
    const CeremonyView registration = registered(authenticator);
    AuthenticatorFaults faults;
    faults.clearFlags = kFlagUserVerified;
    faults.signCount = 41u;
    auto response = authenticator.getAssertion(requestOptions(), kOrigin, faults);
    ASSERT_TRUE(succeeds(response));
    auto assertion = describeAssertion(*response);
    ASSERT_TRUE(succeeds(assertion));
    EXPECT_FALSE(assertion->authenticatorData.flags.userVerified);
    EXPECT_EQ(assertion->authenticatorData.signCount, 41u);
    EXPECT_TRUE(signatureVerifies(registration, *assertion)); // still correctly signed
    faults = {};
    faults.corruptSignature = true;
    assertion = describeAssertion(authenticator.getAssertion(requestOptions(), kOrigin, faults).value());
    ASSERT_TRUE(succeeds(assertion));
    EXPECT_FALSE(signatureVerifies(registration, *assertion));
}

} // namespace
} // namespace oidc::webauthn
