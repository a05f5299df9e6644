#include "CeremonyView.h"

#include "AttestationObject.h"
#include "AuthenticatorData.h"
#include "Cbor.h"
#include "ClientData.h"
#include "CoseKey.h"
#include "CoseLabels.h"
#include "PublicKeyCredential.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Digest.h"

#include <utility>

namespace oidc::webauthn {

namespace {

using namespace cose;

std::string memberName(int64_t kty, int64_t label)
{
    switch (label) {
    case kLabelKty: return "kty";
    case kLabelKid: return "kid";
    case kLabelAlg: return "alg";
    case kLabelKeyOps: return "key_ops";
    case kLabelBaseIv: return "Base IV";
    default: break;
    }
    if (kty == kKtyRsa) {
        switch (label) {
        case kLabelCrvOrN: return "n";
        case kLabelXOrE: return "e";
        default: break;
        }
    } else if (kty == kKtyEc2 || kty == kKtyOkp) {
        switch (label) {
        case kLabelCrvOrN: return "crv";
        case kLabelXOrE: return "x";
        case kLabelYOrD:
            if (kty == kKtyEc2)
                return "y";
            break;
        case kLabelEcD: return "d";
        default: break;
        }
    }
    return "label " + std::to_string(label);
}

std::string numberMeaning(int64_t kty, int64_t label, int64_t value)
{
    if (label == kLabelKty) {
        switch (value) {
        case kKtyOkp: return "OKP";
        case kKtyEc2: return "EC2";
        case kKtyRsa: return "RSA";
        default: return {};
        }
    }
    if (label == kLabelAlg) {
        const auto algorithm = coseAlgorithmFromInt(value);
        return algorithm ? std::string(coseAlgorithmName(*algorithm)) : std::string();
    }
    if (label == kLabelCrvOrN && (kty == kKtyEc2 || kty == kKtyOkp)) {
        switch (value) { // RFC 9053 §7.1 table 18
        case kCrvP256: return "P-256";
        case kCrvP384: return "P-384";
        case kCrvP521: return "P-521";
        case kCrvEd25519: return "Ed25519";
        case kCrvEd448: return "Ed448";
        default: return {};
        }
    }
    return {};
}

Result<CoseKeyView> describeCoseKey(std::string_view encoded)
{
    auto key = decodeCoseKey(encoded); // the same checks a relying party makes, and the JWK
    if (!key)
        return key.error();
    CborLimits limits;
    limits.maxDepth = 2;
    limits.maxItems = 64;
    auto document = CborDocument::decode(encoded, false, limits, "WEBAUTHN_COSE_KEY");
    if (!document)
        return document.error();
    const cbor_item_t *map = document->root();
    auto ktyItem = cborMapGet(map, kLabelKty, "WEBAUTHN_COSE_KEY");
    if (!ktyItem)
        return ktyItem.error();
    const int64_t kty = cborInt(*ktyItem).value_or(0);

    CoseKeyView view;
    view.encoded = ByteString{std::string(encoded)};
    view.algorithm = std::string(coseAlgorithmName(key->algorithm));
    view.jwk = key->jwk;
    const cbor_pair *pairs = cbor_map_handle(map);
    for (size_t i = 0; i < cbor_map_size(map); ++i) {
        CoseKeyMember member;
        member.label = cborInt(pairs[i].key).value_or(0); // decodeCoseKey accepted it: integer labels
        member.name = memberName(kty, member.label);
        if (const auto number = cborInt(pairs[i].value)) {
            member.number = *number;
            member.meaning = numberMeaning(kty, member.label, *number);
        } else if (const auto bytes = cborBytes(pairs[i].value)) {
            member.bytes = ByteString{std::string(*bytes)};
        }
        view.members.push_back(std::move(member));
    }
    return view;
}

Result<AuthenticatorDataView> describeAuthenticatorData(std::string_view bytes)
{
    auto parsed = parseAuthenticatorData(bytes);
    if (!parsed)
        return parsed.error();
    AuthenticatorDataView view;
    view.bytes = ByteString{std::string(bytes)};
    view.rpIdHash = ByteString{parsed->rpIdHash};
    view.flags = AuthenticatorFlags::of(static_cast<uint8_t>(bytes[32]));
    view.signCount = parsed->signCount;
    if (parsed->attestedCredential) {
        const AttestedCredentialData &attested = *parsed->attestedCredential;
        view.aaguid = ByteString{attested.aaguid};
        view.credentialId = ByteString{attested.credentialId};
        auto key = describeCoseKey(attested.publicKeyCose);
        if (!key)
            return key.error();
        view.credentialPublicKey = std::move(key).value();
    }
    if (!parsed->extensions.empty())
        view.extensions = ByteString{parsed->extensions};
    return view;
}

Result<ClientDataView> describeClientData(std::string_view bytes)
{
    auto parsed = parseClientData(bytes);
    if (!parsed)
        return parsed.error();
    auto challenge = crypto::base64UrlDecode(parsed->challenge);
    if (!challenge)
        return makeError(ErrorCategory::Input, "WEBAUTHN_CLIENT_DATA", "clientDataJSON's challenge is not base64url");
    ClientDataView view;
    view.text = std::string(bytes);
    view.bytes = ByteString{std::string(bytes)};
    view.hash = ByteString{crypto::sha256(bytes)};
    view.type = std::move(parsed->type);
    view.challenge = ByteString{std::move(challenge).value()};
    view.origin = std::move(parsed->origin);
    view.crossOrigin = parsed->crossOrigin;
    view.members = std::move(parsed->members);
    return view;
}

Result<AttestationView> describeAttestation(std::string_view bytes, const AttestationObject &object)
{
    AttestationView view;
    view.object = ByteString{std::string(bytes)};
    view.fmt = std::string(object.fmt);
    auto alg = cborMapGet(object.statement, std::string_view("alg"));
    if (!alg)
        return alg.error();
    auto sig = cborMapGet(object.statement, std::string_view("sig"));
    if (!sig)
        return sig.error();
    auto x5c = cborMapGet(object.statement, std::string_view("x5c"));
    if (!x5c)
        return x5c.error();
    if (const auto value = cborInt(*alg)) {
        view.alg = *value;
        if (const auto algorithm = coseAlgorithmFromInt(*value))
            view.algorithm = std::string(coseAlgorithmName(*algorithm));
    }
    if (const auto value = cborBytes(*sig))
        view.signature = ByteString{std::string(*value)};
    if (*x5c && cbor_isa_array(*x5c))
        for (size_t i = 0; i < cbor_array_size(*x5c); ++i)
            if (const auto certificate = cborBytes(cbor_array_handle(*x5c)[i]))
                view.certificates.push_back(ByteString{std::string(*certificate)});
    if (view.fmt == "none")
        view.kind = "none";
    else if (view.fmt == "packed")
        view.kind = *x5c ? "x5c" : "self";
    return view;
}

// What both ceremonies carry: the credential ID, clientDataJSON and the authenticator data.
Result<CeremonyView> describeCommon(CeremonyKind kind, const std::string &credentialId, std::string_view clientDataJson,
                                    std::string_view authenticatorData)
{
    CeremonyView view;
    view.kind = kind;
    view.credentialId = ByteString{credentialId};
    auto clientData = describeClientData(clientDataJson);
    if (!clientData)
        return clientData.error();
    view.clientData = std::move(clientData).value();
    auto authData = describeAuthenticatorData(authenticatorData);
    if (!authData)
        return authData.error();
    view.authenticatorData = std::move(authData).value();
    return view;
}

Json optionalBytes(const std::optional<ByteString> &bytes)
{
    return bytes ? bytes->toJson() : Json();
}

Json coseKeyJson(const CoseKeyView &key)
{
    Json members = Json::array();
    for (const CoseKeyMember &member : key.members) {
        Json entry{{"label", member.label}, {"name", member.name}};
        if (member.number)
            entry["value"] = *member.number;
        if (member.bytes)
            entry["bytes"] = member.bytes->toJson();
        if (!member.meaning.empty())
            entry["meaning"] = member.meaning;
        members.push_back(std::move(entry));
    }
    return {{"encoded", key.encoded.toJson()}, {"algorithm", key.algorithm}, {"members", std::move(members)}, {"jwk", key.jwk}};
}

} // namespace

std::string ByteString::hex() const
{
    return crypto::hexEncode(raw);
}

std::string ByteString::base64Url() const
{
    return crypto::base64UrlEncode(raw);
}

Json ByteString::toJson() const
{
    return {{"length", raw.size()}, {"hex", hex()}, {"base64url", base64Url()}};
}

AuthenticatorFlags AuthenticatorFlags::of(uint8_t value)
{
    AuthenticatorFlags flags;
    flags.value = value;
    flags.userPresent = (value & kFlagUserPresent) != 0;
    flags.userVerified = (value & kFlagUserVerified) != 0;
    flags.backupEligible = (value & kFlagBackupEligible) != 0;
    flags.backupState = (value & kFlagBackupState) != 0;
    flags.attestedCredentialData = (value & kFlagAttestedCredentialData) != 0;
    flags.extensionData = (value & kFlagExtensionData) != 0;
    return flags;
}

Json AuthenticatorFlags::toJson() const
{
    return {{"value", value},
            {"hex", crypto::hexEncode(std::string(1, static_cast<char>(value)))},
            {"UP", userPresent},
            {"UV", userVerified},
            {"BE", backupEligible},
            {"BS", backupState},
            {"AT", attestedCredentialData},
            {"ED", extensionData}};
}

std::vector<FlagView> AuthenticatorFlags::spelledOut() const
{
    const auto flag = [](const char *name, const char *title, bool set, const char *whenSet, const char *whenClear) {
        return FlagView{name, title, set, set ? whenSet : whenClear};
    };
    return {
        flag("UP", "User Present", userPresent, "the authenticator tested that a person was there (a touch, a click)",
             "no test of user presence: a relying party refuses this (§7.1, §7.2)"),
        flag("UV", "User Verified", userVerified, "the authenticator verified the user (PIN, biometrics, a device password)",
             "the user was not verified: enough unless the options require verification"),
        flag("BE", "Backup Eligible", backupEligible, "the credential may be synced or backed up (a multi-device passkey)",
             "the credential is bound to this authenticator (single-device)"),
        flag("BS", "Backup State", backupState, "the credential is backed up now (synced elsewhere)",
             "the credential is not backed up now"),
        flag("AT", "Attested credential data", attestedCredentialData,
             "the credential's ID and public key follow the counter (a registration)", "no credential data follows (an assertion)"),
        flag("ED", "Extension data", extensionData, "an extensions map ends the authenticator data", "no extension data"),
    };
}

Json CeremonyView::toJson() const
{
    Json authData{{"bytes", authenticatorData.bytes.toJson()},
                  {"rpIdHash", authenticatorData.rpIdHash.toJson()},
                  {"flags", authenticatorData.flags.toJson()},
                  {"flagList", Json::array()},
                  {"signCount", authenticatorData.signCount}};
    for (const FlagView &flag : authenticatorData.flags.spelledOut())
        authData["flagList"].push_back({{"name", flag.name}, {"title", flag.title}, {"set", flag.set}, {"meaning", flag.meaning}});
    if (authenticatorData.aaguid)
        authData["aaguid"] = authenticatorData.aaguid->toJson();
    if (authenticatorData.credentialId)
        authData["credentialId"] = authenticatorData.credentialId->toJson();
    if (authenticatorData.credentialPublicKey)
        authData["credentialPublicKey"] = coseKeyJson(*authenticatorData.credentialPublicKey);
    if (authenticatorData.extensions)
        authData["extensions"] = authenticatorData.extensions->toJson();

    Json json{{"kind", kind == CeremonyKind::Registration ? "registration" : "assertion"},
              {"credentialId", credentialId.toJson()},
              {"clientData",
               {{"text", clientData.text},
                {"bytes", clientData.bytes.toJson()},
                {"hash", clientData.hash.toJson()},
                {"type", clientData.type},
                {"challenge", clientData.challenge.toJson()},
                {"origin", clientData.origin},
                {"crossOrigin", clientData.crossOrigin},
                {"members", clientData.members}}},
              {"authenticatorData", std::move(authData)}};
    if (attestation) {
        Json certificates = Json::array();
        for (const ByteString &certificate : attestation->certificates)
            certificates.push_back(certificate.toJson());
        Json statement{{"object", attestation->object.toJson()},
                       {"fmt", attestation->fmt},
                       {"algorithm", attestation->algorithm},
                       {"signature", optionalBytes(attestation->signature)},
                       {"certificates", std::move(certificates)},
                       {"kind", attestation->kind}};
        if (attestation->alg)
            statement["alg"] = *attestation->alg;
        json["attestation"] = std::move(statement);
        json["transports"] = transports;
    }
    if (signature)
        json["signature"] = signature->toJson();
    if (userHandle)
        json["userHandle"] = userHandle->toJson();
    return json;
}

Result<CeremonyView> describeRegistration(std::string_view responseJson)
{
    auto response = parseRegistrationResponse(responseJson);
    if (!response)
        return response.error();
    auto object = decodeAttestationObject(response->attestationObject);
    if (!object)
        return object.error();
    auto described = describeCommon(CeremonyKind::Registration, response->credentialId, response->clientDataJson, object->authData);
    if (!described)
        return described.error();
    CeremonyView view = std::move(described).value();
    auto attestation = describeAttestation(response->attestationObject, *object);
    if (!attestation)
        return attestation.error();
    view.attestation = std::move(attestation).value();
    view.transports = response->transports;
    return view;
}

Result<CeremonyView> describeAssertion(std::string_view responseJson)
{
    auto response = parseAssertionResponse(responseJson);
    if (!response)
        return response.error();
    auto described = describeCommon(CeremonyKind::Assertion, response->credentialId, response->clientDataJson, response->authenticatorData);
    if (!described)
        return described.error();
    CeremonyView view = std::move(described).value();
    view.signature = ByteString{response->signature};
    if (response->userHandle)
        view.userHandle = ByteString{*response->userHandle};
    return view;
}

} // namespace oidc::webauthn
