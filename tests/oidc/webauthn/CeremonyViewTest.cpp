// The decoded ceremony view: hand-built responses whose every byte is known are taken apart and
// each part checked (client data, authenticator data and its flags, the COSE key member by member,
// the attestation object, the signature), then the software authenticator's own ceremonies.

#include "oidc/webauthn/CeremonyView.h"

#include "CeremonyOptions.h"

#include "oidc/webauthn/CeremonyComparison.h"
#include "oidc/webauthn/CeremonyOptionsView.h"

#include "oidc/webauthn/AuthenticatorData.h"
#include "oidc/webauthn/Cbor.h"
#include "oidc/webauthn/SoftwareAuthenticator.h"

namespace oidc::webauthn {
namespace {

using namespace test;

// RFC 7515 Appendix A.3's P-256 public key as a COSE_Key {1: 2, 3: -7, -1: 1, -2: x, -3: y}.
const std::string kX = unb64("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU");
const std::string kY = unb64("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");
const std::string kViewCoseKey = fromHex("a5 0102 0326 2001 215820") + kX + fromHex("225820") + kY;
const std::string kRpIdHashHex = "49960de5880e8c687434170f6476605b8fe4aeb9a28632c7995cf3ba831d9763"; // SHA-256("localhost")
const std::string kCredentialId = "credential-id-16";
const std::string kAaguid(16, '\xaa');

std::string clientDataJson(const std::string &type, const std::string &challenge)
{
    return R"({"type":")" + type + R"(","challenge":")" + b64(challenge)
        + R"(","origin":"http://localhost:8443","crossOrigin":false,"topOrigin":"http://localhost:8443"})";
}

std::string attestationObject(const std::string &authData)
{
    std::vector<std::pair<CborItemPtr, CborItemPtr>> entries;
    entries.emplace_back(cborMakeText("fmt"), cborMakeText("none"));
    entries.emplace_back(cborMakeText("attStmt"), cborMakeMap({}));
    entries.emplace_back(cborMakeText("authData"), cborMakeBytes(authData));
    return cborEncode(cborMakeMap(std::move(entries)).get()).value();
}

class HandBuiltRegistration : public ::testing::Test {
protected:
    const std::string m_clientData = clientDataJson("webauthn.create", kCreateChallenge);
    const std::string m_authData = crypto::sha256(kRpId) + fromHex("45 00000000") + kAaguid + fromHex("0010") + kCredentialId + kViewCoseKey;
    const std::string m_object = attestationObject(m_authData);
    const std::string m_response = Json{{"id", b64(kCredentialId)},
                                        {"rawId", b64(kCredentialId)},
                                        {"type", "public-key"},
                                        {"response", {{"clientDataJSON", b64(m_clientData)}, {"attestationObject", b64(m_object)}, {"transports", {"usb"}}}}}
                                       .dump();
};

TEST_F(HandBuiltRegistration, EveryPartIsDecoded)
{
    auto view = describeRegistration(m_response);
    ASSERT_TRUE(succeeds(view));
    EXPECT_EQ(view->kind, CeremonyKind::Registration);
    EXPECT_EQ(view->credentialId.raw, kCredentialId);
    EXPECT_EQ(view->transports, std::vector<std::string>{"usb"});
    EXPECT_FALSE(view->signature);
    EXPECT_FALSE(view->userHandle);

    // §5.8.1 client data: the text exactly as sent, its hash, its members.
    EXPECT_EQ(view->clientData.text, m_clientData);
    EXPECT_EQ(view->clientData.bytes.raw, m_clientData);
    EXPECT_EQ(view->clientData.hash.raw, crypto::sha256(m_clientData));
    EXPECT_EQ(view->clientData.type, "webauthn.create");
    EXPECT_EQ(view->clientData.challenge.raw, kCreateChallenge);
    EXPECT_EQ(view->clientData.origin, kOrigin);
    EXPECT_FALSE(view->clientData.crossOrigin);
    EXPECT_EQ(view->clientData.members["topOrigin"], kOrigin);

    // §6.1 authenticator data, part by part.
    const AuthenticatorDataView &authData = view->authenticatorData;
    EXPECT_EQ(authData.bytes.raw, m_authData);
    EXPECT_EQ(authData.rpIdHash.hex(), kRpIdHashHex);
    EXPECT_EQ(authData.flags.value, 0x45);
    EXPECT_TRUE(authData.flags.userPresent);
    EXPECT_TRUE(authData.flags.userVerified);
    EXPECT_FALSE(authData.flags.backupEligible);
    EXPECT_FALSE(authData.flags.backupState);
    EXPECT_TRUE(authData.flags.attestedCredentialData);
    EXPECT_FALSE(authData.flags.extensionData);
    EXPECT_EQ(authData.signCount, 0u);
    ASSERT_TRUE(authData.aaguid && authData.credentialId && authData.credentialPublicKey);
    EXPECT_EQ(authData.aaguid->hex(), std::string(32, 'a'));
    EXPECT_EQ(authData.credentialId->raw, kCredentialId);
    EXPECT_FALSE(authData.extensions);

    // RFC 9052 §7 / RFC 9053 §7.1.1: the COSE key member by member, in encoded order.
    const CoseKeyView &key = *authData.credentialPublicKey;
    EXPECT_EQ(key.encoded.raw, kViewCoseKey);
    EXPECT_EQ(key.algorithm, "ES256");
    ASSERT_EQ(key.members.size(), 5u);
    const auto member = [&](size_t i) { return std::make_tuple(key.members[i].label, key.members[i].name, key.members[i].meaning); };
    EXPECT_EQ(member(0), std::make_tuple(int64_t{1}, std::string("kty"), std::string("EC2")));
    EXPECT_EQ(member(1), std::make_tuple(int64_t{3}, std::string("alg"), std::string("ES256")));
    EXPECT_EQ(member(2), std::make_tuple(int64_t{-1}, std::string("crv"), std::string("P-256")));
    EXPECT_EQ(member(3), std::make_tuple(int64_t{-2}, std::string("x"), std::string()));
    EXPECT_EQ(member(4), std::make_tuple(int64_t{-3}, std::string("y"), std::string()));
    EXPECT_EQ(key.members[0].number, 2);
    EXPECT_EQ(key.members[1].number, -7);
    EXPECT_EQ(key.members[2].number, 1);
    ASSERT_TRUE(key.members[3].bytes && key.members[4].bytes);
    EXPECT_EQ(key.members[3].bytes->raw, kX);
    EXPECT_EQ(key.members[4].bytes->raw, kY);
    EXPECT_EQ(key.jwk["kty"], "EC");
    EXPECT_EQ(key.jwk["crv"], "P-256");
    EXPECT_EQ(key.jwk["x"], "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU");
    EXPECT_EQ(key.jwk["y"], "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");
    EXPECT_EQ(key.jwk["alg"], "ES256");

    // §6.5.4 the attestation object.
    ASSERT_TRUE(view->attestation);
    EXPECT_EQ(view->attestation->object.raw, m_object);
    EXPECT_EQ(view->attestation->fmt, "none");
    EXPECT_EQ(view->attestation->kind, "none");
    EXPECT_FALSE(view->attestation->alg);
    EXPECT_FALSE(view->attestation->signature);
    EXPECT_TRUE(view->attestation->certificates.empty());
}

TEST_F(HandBuiltRegistration, AsJsonEveryByteStringHasHexAndBase64Url)
{
    const Json json = describeRegistration(m_response).value().toJson();
    EXPECT_EQ(json["kind"], "registration");
    EXPECT_EQ(json["credentialId"], (Json{{"length", 16}, {"hex", crypto::hexEncode(kCredentialId)}, {"base64url", b64(kCredentialId)}}));
    EXPECT_EQ(json["clientData"]["text"], m_clientData);
    EXPECT_EQ(json["clientData"]["type"], "webauthn.create");
    EXPECT_EQ(json["clientData"]["challenge"]["base64url"], b64(kCreateChallenge));
    EXPECT_EQ(json["clientData"]["hash"]["hex"], crypto::hexEncode(crypto::sha256(m_clientData)));
    const Json &authData = json["authenticatorData"];
    EXPECT_EQ(authData["bytes"]["base64url"], b64(m_authData));
    EXPECT_EQ(authData["rpIdHash"]["hex"], kRpIdHashHex);
    EXPECT_EQ(authData["flags"], (Json{{"value", 0x45}, {"hex", "45"}, {"UP", true}, {"UV", true}, {"BE", false}, {"BS", false},
                                       {"AT", true}, {"ED", false}}));
    EXPECT_EQ(authData["signCount"], 0);
    EXPECT_EQ(authData["aaguid"]["hex"], std::string(32, 'a'));
    EXPECT_EQ(authData["credentialId"]["base64url"], b64(kCredentialId));
    EXPECT_FALSE(authData.contains("extensions"));
    const Json &key = authData["credentialPublicKey"];
    EXPECT_EQ(key["encoded"]["hex"], crypto::hexEncode(kViewCoseKey));
    EXPECT_EQ(key["algorithm"], "ES256");
    EXPECT_EQ(key["members"][0], (Json{{"label", 1}, {"name", "kty"}, {"value", 2}, {"meaning", "EC2"}}));
    EXPECT_EQ(key["members"][3]["bytes"]["base64url"], "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU");
    EXPECT_EQ(key["jwk"]["y"], "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");
    EXPECT_EQ(json["attestation"]["fmt"], "none");
    EXPECT_EQ(json["attestation"]["object"]["hex"], crypto::hexEncode(m_object));
    EXPECT_TRUE(json["attestation"]["signature"].is_null());
    EXPECT_FALSE(json["attestation"].contains("alg"));
    EXPECT_EQ(json["transports"], Json::array({"usb"}));
    EXPECT_FALSE(json.contains("signature"));
}

TEST(CeremonyView, HandBuiltAssertionWithExtensions)
{
    const std::string clientData = clientDataJson("webauthn.get", kGetChallenge);
    const std::string extensions = fromHex("a1 6b6372656450726f74656374 02"); // {"credProtect": 2}
    const std::string authData = crypto::sha256(kRpId) + fromHex("9d 0000012c") + extensions; // UP UV BE BS ED, 300
    const std::string signature = "a signature, not checked here";
    const std::string response = Json{{"id", b64(kCredentialId)},
                                      {"type", "public-key"},
                                      {"response",
                                       {{"clientDataJSON", b64(clientData)},
                                        {"authenticatorData", b64(authData)},
                                        {"signature", b64(signature)},
                                        {"userHandle", b64(kUserHandle)}}}}
                                     .dump();
    auto view = describeAssertion(response);
    ASSERT_TRUE(succeeds(view));
    EXPECT_EQ(view->kind, CeremonyKind::Assertion);
    EXPECT_EQ(view->clientData.type, "webauthn.get");
    EXPECT_EQ(view->clientData.challenge.raw, kGetChallenge);
    EXPECT_EQ(view->authenticatorData.signCount, 300u);
    EXPECT_EQ(view->authenticatorData.flags.value, 0x9d);
    EXPECT_TRUE(view->authenticatorData.flags.backupEligible);
    EXPECT_TRUE(view->authenticatorData.flags.backupState);
    EXPECT_TRUE(view->authenticatorData.flags.extensionData);
    EXPECT_FALSE(view->authenticatorData.flags.attestedCredentialData);
    EXPECT_FALSE(view->authenticatorData.credentialPublicKey);
    ASSERT_TRUE(view->authenticatorData.extensions);
    EXPECT_EQ(view->authenticatorData.extensions->raw, extensions);
    ASSERT_TRUE(view->signature && view->userHandle);
    EXPECT_EQ(view->signature->raw, signature);
    EXPECT_EQ(view->userHandle->raw, kUserHandle);
    EXPECT_FALSE(view->attestation);

    const Json json = view->toJson();
    EXPECT_EQ(json["kind"], "assertion");
    EXPECT_EQ(json["authenticatorData"]["signCount"], 300);
    EXPECT_EQ(json["authenticatorData"]["extensions"]["hex"], crypto::hexEncode(extensions));
    EXPECT_EQ(json["signature"]["hex"], crypto::hexEncode(signature));
    EXPECT_EQ(json["userHandle"]["base64url"], b64(kUserHandle));
    EXPECT_FALSE(json.contains("attestation"));
    EXPECT_FALSE(json.contains("transports"));
}

TEST(CeremonyView, FlagBits)
{
    const AuthenticatorFlags none = AuthenticatorFlags::of(0x00);
    EXPECT_FALSE(none.userPresent || none.userVerified || none.backupEligible || none.backupState || none.attestedCredentialData
                 || none.extensionData);
    const AuthenticatorFlags all = AuthenticatorFlags::of(0xff); // the reserved bits 1 and 5 change nothing
    EXPECT_TRUE(all.userPresent && all.userVerified && all.backupEligible && all.backupState && all.attestedCredentialData
                && all.extensionData);
    EXPECT_EQ(all.toJson()["hex"], "ff");
    EXPECT_TRUE(AuthenticatorFlags::of(kFlagUserPresent).userPresent);
    EXPECT_TRUE(AuthenticatorFlags::of(kFlagUserVerified).userVerified);
    EXPECT_FALSE(AuthenticatorFlags::of(kFlagUserVerified).userPresent);
    EXPECT_TRUE(AuthenticatorFlags::of(kFlagBackupEligible).backupEligible);
    EXPECT_TRUE(AuthenticatorFlags::of(kFlagBackupState).backupState);
    EXPECT_TRUE(AuthenticatorFlags::of(kFlagAttestedCredentialData).attestedCredentialData);
    EXPECT_TRUE(AuthenticatorFlags::of(kFlagExtensionData).extensionData);
}

TEST(CeremonyView, FlagsSpelledOutInBitOrderWithTheirMeaning)
{
    const std::vector<FlagView> flags = AuthenticatorFlags::of(0x45).spelledOut(); // UP UV AT
    ASSERT_EQ(flags.size(), 6u);
    std::vector<std::string> names;
    for (const FlagView &flag : flags)
        names.push_back(flag.name);
    EXPECT_EQ(names, (std::vector<std::string>{"UP", "UV", "BE", "BS", "AT", "ED"}));
    EXPECT_EQ(flags[0].title, "User Present");
    EXPECT_TRUE(flags[0].set);
    EXPECT_TRUE(flags[1].set);
    EXPECT_FALSE(flags[2].set);
    EXPECT_FALSE(flags[3].set);
    EXPECT_TRUE(flags[4].set);
    EXPECT_FALSE(flags[5].set);
    // The meaning follows the state: UP clear is what a relying party refuses.
    const std::vector<FlagView> cleared = AuthenticatorFlags::of(0x00).spelledOut();
    EXPECT_NE(flags[0].meaning, cleared[0].meaning);
    EXPECT_NE(cleared[0].meaning.find("refuses"), std::string::npos);
    EXPECT_EQ(AuthenticatorFlags::of(kFlagBackupEligible | kFlagBackupState).spelledOut()[3].set, true);

    const Json json = describeAssertion(Json{{"id", b64(kCredentialId)},
                                             {"type", "public-key"},
                                             {"response",
                                              {{"clientDataJSON", b64(clientDataJson("webauthn.get", kGetChallenge))},
                                               {"authenticatorData", b64(crypto::sha256(kRpId) + fromHex("05 00000001"))},
                                               {"signature", b64("sig")}}}}
                                            .dump())
                          .value()
                          .toJson();
    const Json &list = json["authenticatorData"]["flagList"];
    ASSERT_EQ(list.size(), 6u);
    EXPECT_EQ(list[0]["name"], "UP");
    EXPECT_EQ(list[0]["set"], true);
    EXPECT_EQ(list[1]["name"], "UV");
    EXPECT_EQ(list[1]["set"], true);
    EXPECT_EQ(list[4]["name"], "AT");
    EXPECT_EQ(list[4]["set"], false);
    EXPECT_EQ(list[4]["title"], "Attested credential data");
}

TEST(CeremonyOptionsView, CreationOptionsDecoded)
{
    auto view = describeOptions(creationOptions({-7, -257, -65535}, "discouraged", {"excluded-1"}));
    ASSERT_TRUE(succeeds(view));
    EXPECT_EQ(view->kind, CeremonyKind::Registration);
    EXPECT_EQ(view->challenge.raw, kCreateChallenge);
    EXPECT_EQ(view->rpId, kRpId);
    EXPECT_EQ(view->rpName, "OIDC Playground");
    ASSERT_TRUE(view->userId);
    EXPECT_EQ(view->userId->raw, kUserHandle);
    EXPECT_EQ(view->userName, "alice@example.com");
    EXPECT_EQ(view->userDisplayName, "Alice");
    ASSERT_EQ(view->pubKeyCredParams.size(), 3u);
    EXPECT_EQ(view->pubKeyCredParams[0].alg, -7);
    EXPECT_EQ(view->pubKeyCredParams[0].algorithm, "ES256");
    EXPECT_EQ(view->pubKeyCredParams[1].algorithm, "RS256");
    EXPECT_EQ(view->pubKeyCredParams[2].algorithm, ""); // not one this app knows
    EXPECT_EQ(view->pubKeyCredParams[0].type, "public-key");
    EXPECT_EQ(view->residentKey, "preferred");
    EXPECT_EQ(view->userVerification, "discouraged");
    EXPECT_EQ(view->attestation, "direct");
    ASSERT_EQ(view->credentials.size(), 1u);
    EXPECT_EQ(view->credentials[0].id.raw, "excluded-1");
    EXPECT_EQ(view->timeoutMs, 60000);

    const Json json = view->toJson();
    EXPECT_EQ(json["kind"], "registration");
    EXPECT_EQ(json["challenge"]["base64url"], b64(kCreateChallenge));
    EXPECT_EQ(json["user"]["id"]["base64url"], b64(kUserHandle));
    EXPECT_EQ(json["pubKeyCredParams"][1], (Json{{"type", "public-key"}, {"alg", -257}, {"algorithm", "RS256"}}));
    EXPECT_EQ(json["authenticatorSelection"]["userVerification"], "discouraged");
    EXPECT_EQ(json["excludeCredentials"][0]["id"]["base64url"], b64("excluded-1"));
    EXPECT_EQ(json["timeout"], 60000);
    EXPECT_FALSE(json.contains("allowCredentials"));
}

TEST(CeremonyOptionsView, RequestOptionsDecodedAndBadOnesRefused)
{
    auto view = describeOptions(Json::parse(requestOptions({"allowed-1", "allowed-2"}, "required"))["publicKey"].dump()); // bare publicKey
    ASSERT_TRUE(succeeds(view));
    EXPECT_EQ(view->kind, CeremonyKind::Assertion);
    EXPECT_EQ(view->challenge.raw, kGetChallenge);
    EXPECT_EQ(view->rpId, kRpId);
    EXPECT_EQ(view->userVerification, "required");
    ASSERT_EQ(view->credentials.size(), 2u);
    EXPECT_EQ(view->credentials[1].id.raw, "allowed-2");
    EXPECT_FALSE(view->userId);
    EXPECT_EQ(view->toJson()["allowCredentials"].size(), 2u);

    EXPECT_TRUE(failsWith(describeOptions("[]"), "WEBAUTHN_OPTIONS"));
    EXPECT_TRUE(failsWith(describeOptions(R"({"publicKey": {"rpId": "localhost"}})"), "WEBAUTHN_OPTIONS")); // no challenge
    EXPECT_TRUE(failsWith(describeOptions(R"({"publicKey": {"challenge": "not base64url!"}})"), "WEBAUTHN_OPTIONS"));
    EXPECT_TRUE(failsWith(describeOptions(R"({"publicKey": {"challenge": "AAAA", "timeout": "soon"}})"), "WEBAUTHN_OPTIONS"));
    EXPECT_TRUE(failsWith(describeOptions(R"({"publicKey": {"challenge": "AAAA", "allowCredentials": [{"id": 7}]}})"), "WEBAUTHN_OPTIONS"));
    EXPECT_TRUE(failsWith(describeOptions(R"({"publicKey": {"challenge": "AAAA", "rp": {"id": "x"}, "user": {"id": "AAAA"},
                                                             "pubKeyCredParams": [{"type": "public-key", "alg": "ES256"}]}})"),
                          "WEBAUTHN_OPTIONS"));
}

TEST(CeremonyComparison, ASoftwareCeremonyMatchesItsOptions)
{
    SoftwareAuthenticator authenticator;
    const std::string create = creationOptions({-7});
    const CeremonyView registration = describeRegistration(authenticator.createCredential(create, kOrigin).value()).value();
    const CeremonyComparison compared = compareCeremony(registration, describeOptions(create).value(), kOrigin);
    EXPECT_EQ(compared.rpId, kRpId);
    EXPECT_EQ(compared.expectedRpIdHash.hex(), kRpIdHashHex);
    EXPECT_TRUE(compared.rpIdHashMatches);
    EXPECT_EQ(compared.expectedType, "webauthn.create");
    EXPECT_TRUE(compared.typeMatches);
    EXPECT_EQ(compared.expectedChallenge.raw, kCreateChallenge);
    EXPECT_TRUE(compared.challengeMatches);
    EXPECT_EQ(compared.expectedOrigin, kOrigin);
    EXPECT_TRUE(compared.originMatches);
    EXPECT_TRUE(compared.allMatch());
    std::vector<std::string> ids;
    for (const auto &check : compared.checks)
        ids.push_back(check.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"webauthn.type", "webauthn.challenge", "webauthn.origin", "webauthn.rpIdHash", "webauthn.UP",
                                             "webauthn.UV"}));
    EXPECT_NE(compared.checks[3].rule().find("§7.1 step 13"), std::string::npos);
    EXPECT_EQ(compared.checks[5].outcome, jwt::CheckOutcome::Skip); // "preferred": UV not required

    const std::string get = requestOptions({}, "required");
    const CeremonyView assertion = describeAssertion(authenticator.getAssertion(get, kOrigin).value()).value();
    const CeremonyComparison asserted = compareCeremony(assertion, describeOptions(get).value(), kOrigin);
    EXPECT_TRUE(asserted.allMatch());
    EXPECT_EQ(asserted.expectedType, "webauthn.get");
    EXPECT_NE(asserted.checks[3].rule().find("§7.2 step 15"), std::string::npos);
    EXPECT_EQ(asserted.checks[5].outcome, jwt::CheckOutcome::Pass);
    const Json json = asserted.toJson();
    EXPECT_EQ(json["expectedRpIdHash"]["hex"], kRpIdHashHex);
    EXPECT_EQ(json["checks"][5]["outcome"], "pass");
}

TEST(CeremonyComparison, EachTamperedPartIsTheOneThatDiffers)
{
    SoftwareAuthenticator authenticator;
    (void)authenticator.createCredential(creationOptions({-7}), kOrigin).value();
    const std::string get = requestOptions();
    const CeremonyOptionsView options = describeOptions(get).value();
    const auto comparedWith = [&](const AuthenticatorFaults &faults, std::string_view origin = kOrigin) {
        return compareCeremony(describeAssertion(authenticator.getAssertion(get, origin, faults).value()).value(), options, kOrigin);
    };
    const auto failed = [](const CeremonyComparison &comparison) {
        std::vector<std::string> codes;
        for (const auto &check : comparison.checks)
            if (!check.passed())
                codes.push_back(check.code);
        return codes;
    };

    AuthenticatorFaults rpId;
    rpId.rpIdForHash = "evil.example";
    const CeremonyComparison wrongHash = comparedWith(rpId);
    EXPECT_FALSE(wrongHash.rpIdHashMatches);
    EXPECT_EQ(failed(wrongHash), std::vector<std::string>{"WEBAUTHN_RPID_HASH"});
    EXPECT_NE(wrongHash.checks[3].detail().find(crypto::hexEncode(crypto::sha256("evil.example"))), std::string::npos);

    AuthenticatorFaults challenge;
    challenge.challenge = std::string(32, '\x33');
    const CeremonyComparison staleChallenge = comparedWith(challenge);
    EXPECT_FALSE(staleChallenge.challengeMatches);
    EXPECT_EQ(failed(staleChallenge), std::vector<std::string>{"WEBAUTHN_CHALLENGE"});

    const CeremonyComparison otherOrigin = comparedWith({}, "http://localhost:9999");
    EXPECT_FALSE(otherOrigin.originMatches);
    EXPECT_EQ(failed(otherOrigin), std::vector<std::string>{"WEBAUTHN_ORIGIN"});

    AuthenticatorFaults type;
    type.clientDataType = "webauthn.create";
    EXPECT_EQ(failed(comparedWith(type)), std::vector<std::string>{"WEBAUTHN_TYPE"});

    AuthenticatorFaults presence;
    presence.clearFlags = kFlagUserPresent;
    EXPECT_EQ(failed(comparedWith(presence)), std::vector<std::string>{"WEBAUTHN_FLAGS_UP"});

    // Options that name no RP ID: the RP ID is the origin's host (§5.4.2).
    CeremonyOptionsView unnamed = options;
    unnamed.rpId.clear();
    const CeremonyComparison fromOrigin = compareCeremony(describeAssertion(authenticator.getAssertion(get, kOrigin).value()).value(), unnamed, kOrigin);
    EXPECT_EQ(fromOrigin.rpId, "localhost");
    EXPECT_TRUE(fromOrigin.rpIdHashMatches);
}

TEST(CeremonyView, SoftwareEdDsaKeyAndPackedAttestations)
{
    SoftwareAuthenticatorOptions options;
    options.algorithms = {CoseAlgorithm::EdDSA};
    options.attestation = AttestationMode::PackedSelf;
    SoftwareAuthenticator eddsa(options);
    auto view = describeRegistration(eddsa.createCredential(creationOptions(), kOrigin).value());
    ASSERT_TRUE(succeeds(view));
    const CoseKeyView &key = *view->authenticatorData.credentialPublicKey;
    EXPECT_EQ(key.algorithm, "EdDSA");
    ASSERT_EQ(key.members.size(), 4u); // kty, alg, crv, x: an OKP key has no y
    EXPECT_EQ(key.members[0].meaning, "OKP");
    EXPECT_EQ(key.members[1].meaning, "EdDSA");
    EXPECT_EQ(key.members[2].meaning, "Ed25519");
    EXPECT_EQ(key.members[3].name, "x");
    EXPECT_EQ(key.members[3].bytes->raw.size(), 32u);
    EXPECT_EQ(key.jwk["kty"], "OKP");
    EXPECT_EQ(key.jwk["x"], key.members[3].bytes->base64Url());
    EXPECT_EQ(view->attestation->kind, "self");
    EXPECT_EQ(view->attestation->alg, -8);
    EXPECT_EQ(view->attestation->algorithm, "EdDSA");
    EXPECT_EQ(view->attestation->signature->raw.size(), 64u); // Ed25519

    options.algorithms = {CoseAlgorithm::ES256};
    options.attestation = AttestationMode::PackedCertificate;
    SoftwareAuthenticator certified(options);
    view = describeRegistration(certified.createCredential(creationOptions(), kOrigin).value());
    ASSERT_TRUE(succeeds(view));
    EXPECT_EQ(view->attestation->kind, "x5c");
    EXPECT_EQ(view->attestation->alg, -7);
    ASSERT_EQ(view->attestation->certificates.size(), 1u);
    EXPECT_EQ(view->attestation->certificates[0].raw.substr(0, 1), "\x30"); // a DER SEQUENCE
    EXPECT_EQ(view->toJson()["attestation"]["certificates"].size(), 1u);
}

TEST(CeremonyView, RefusesWhatItCannotDecode)
{
    SoftwareAuthenticator authenticator;
    const std::string registration = authenticator.createCredential(creationOptions({-7}), kOrigin).value();
    const std::string assertion = authenticator.getAssertion(requestOptions(), kOrigin).value();
    EXPECT_TRUE(failsWith(describeRegistration("not json"), "WEBAUTHN_RESPONSE_SHAPE"));
    EXPECT_TRUE(failsWith(describeRegistration(assertion), "WEBAUTHN_RESPONSE_SHAPE")); // no attestationObject
    EXPECT_TRUE(failsWith(describeAssertion(registration), "WEBAUTHN_RESPONSE_SHAPE")); // no signature
    Json edited = Json::parse(registration);
    edited["response"]["clientDataJSON"] = b64(R"({"type":"webauthn.create","challenge":"not base64url!","origin":"o"})");
    EXPECT_TRUE(failsWith(describeRegistration(edited.dump()), "WEBAUTHN_CLIENT_DATA"));
    edited = Json::parse(registration);
    edited["response"]["attestationObject"] = b64(fromHex("a1 63666d74 01"));
    EXPECT_TRUE(failsWith(describeRegistration(edited.dump()), "WEBAUTHN_CBOR"));
    edited = Json::parse(assertion);
    edited["response"]["authenticatorData"] = b64(std::string(36, '\0'));
    EXPECT_TRUE(failsWith(describeAssertion(edited.dump()), "WEBAUTHN_AUTHDATA"));
}

} // namespace
} // namespace oidc::webauthn
