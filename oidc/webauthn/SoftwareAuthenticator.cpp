#include "SoftwareAuthenticator.h"

#include "AuthenticatorData.h"
#include "Cbor.h"
#include "Origin.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Digest.h"
#include "oidc/crypto/OpenSsl.h"
#include "oidc/crypto/Random.h"

#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <limits>

namespace oidc::webauthn {

namespace {

using oidc::crypto::base64UrlDecode;
using oidc::crypto::base64UrlEncode;
using OrderedJson = nlohmann::ordered_json;
using X509Ptr = std::unique_ptr<X509, oidc::crypto::OpenSslDeleter<&X509_free>>;
using Asn1ObjectPtr = std::unique_ptr<ASN1_OBJECT, oidc::crypto::OpenSslDeleter<&ASN1_OBJECT_free>>;
using Asn1OctetStringPtr = std::unique_ptr<ASN1_OCTET_STRING, oidc::crypto::OpenSslDeleter<&ASN1_OCTET_STRING_free>>;
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, oidc::crypto::OpenSslDeleter<&X509_EXTENSION_free>>;
using BasicConstraintsPtr = std::unique_ptr<BASIC_CONSTRAINTS, oidc::crypto::OpenSslDeleter<&BASIC_CONSTRAINTS_free>>;

constexpr size_t kCredentialIdBytes = 32;

oidc::Error authenticatorError(std::string code, std::string message)
{
    return oidc::makeError(oidc::ErrorCategory::Input, std::move(code), std::move(message));
}

oidc::Error optionsError(std::string message)
{
    return authenticatorError("AUTHENTICATOR_OPTIONS", std::move(message));
}

// The publicKey member of Descope's options, or the object itself when it is already publicKey.
oidc::Result<oidc::Json> publicKeyOptions(std::string_view options)
{
    oidc::JsonParseOptions parse;
    parse.category = oidc::ErrorCategory::Input;
    parse.what = "WebAuthn options";
    auto json = oidc::parseJsonObject(options, parse);
    if (!json)
        return optionsError("the options are not a JSON object: " + json.error().message);
    const auto publicKey = json->find("publicKey");
    if (publicKey != json->end()) {
        if (!publicKey->is_object())
            return optionsError("options.publicKey is not an object");
        return *publicKey;
    }
    return json;
}

oidc::Result<std::string> base64Member(const oidc::Json &object, const char *name)
{
    const auto it = object.find(name);
    if (it == object.end() || !it->is_string())
        return optionsError(std::string("the options lack \"") + name + "\"");
    auto decoded = base64UrlDecode(it->get_ref<const std::string &>());
    if (!decoded || decoded->empty())
        return optionsError(std::string("the options' \"") + name + "\" is not base64url");
    return decoded;
}

std::string stringMember(const oidc::Json &object, const char *name)
{
    const auto it = object.find(name);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The client's RP ID checks (§5.1.3 step 8, §5.1.4 step 8): an http(s) origin's host must be the
// RP ID or a subdomain of it. Other origins (android:apk-key-hash:…) are taken as they come.
oidc::Result<std::string> effectiveRpId(std::string rpId, std::string_view origin)
{
    if (origin.empty())
        return authenticatorError("AUTHENTICATOR_SECURITY", "no origin given");
    const bool web = origin.starts_with("https://") || origin.starts_with("http://");
    if (!web) {
        if (rpId.empty())
            return authenticatorError("AUTHENTICATOR_SECURITY", "the options name no RP ID and the origin has no host");
        return rpId;
    }
    auto host = rpIdForOrigin(origin);
    if (!host)
        return authenticatorError("AUTHENTICATOR_SECURITY", host.error().message);
    if (rpId.empty())
        return std::move(host).value();
    if (*host != rpId && !host->ends_with("." + rpId))
        return authenticatorError("AUTHENTICATOR_SECURITY", "the RP ID \"" + rpId + "\" is not the origin's host or a parent of it");
    return rpId;
}

// The challenge the client will put into clientDataJSON.
oidc::Result<std::string> clientDataJson(std::string_view type, const oidc::Json &publicKey, std::string_view origin,
                                         const AuthenticatorFaults &faults)
{
    auto challenge = base64Member(publicKey, "challenge");
    if (!challenge)
        return challenge.error();
    OrderedJson clientData;
    clientData["type"] = faults.clientDataType.value_or(std::string(type));
    clientData["challenge"] = base64UrlEncode(faults.challenge.value_or(*challenge));
    clientData["origin"] = std::string(origin);
    clientData["crossOrigin"] = faults.crossOrigin;
    return clientData.dump();
}

oidc::Result<oidc::crypto::JsonWebKey> generateFor(CoseAlgorithm algorithm)
{
    switch (algorithm) {
    case CoseAlgorithm::ES256: return oidc::crypto::generateKey(oidc::crypto::KeyKind::EcP256, {}, "ES256");
    case CoseAlgorithm::RS256: return oidc::crypto::generateKey(oidc::crypto::KeyKind::Rsa2048, {}, "RS256");
    case CoseAlgorithm::EdDSA: return oidc::crypto::generateKey(oidc::crypto::KeyKind::Ed25519, {}, "EdDSA");
    }
    return authenticatorError("AUTHENTICATOR_ALGORITHM", "unsupported algorithm");
}

// UV is set when the authenticator verified the user, which it does when it can and the relying
// party did not discourage it: with "discouraged" the client does not ask for verification
// (§5.4.6; CTAP2 authenticatorMakeCredential/GetAssertion "uv" option), so UV stays clear.
uint8_t flagsFor(const SoftwareAuthenticatorOptions &options, const std::string &userVerification, const AuthenticatorFaults &faults)
{
    uint8_t flags = kFlagUserPresent;
    if (options.userVerifying && userVerification != "discouraged")
        flags |= kFlagUserVerified;
    if (options.backupEligible)
        flags |= kFlagBackupEligible;
    if (options.backupState)
        flags |= kFlagBackupState;
    flags &= static_cast<uint8_t>(~faults.clearFlags);
    flags |= faults.setFlags;
    return flags;
}

oidc::Status checkUserVerification(const std::string &requirement, const SoftwareAuthenticatorOptions &options)
{
    if (requirement == "required" && !options.userVerifying)
        return authenticatorError("AUTHENTICATOR_UV", "user verification is required but this authenticator cannot verify users");
    return {};
}

void corrupt(std::string &signature)
{
    if (!signature.empty())
        signature.back() = static_cast<char>(signature.back() ^ 0x01);
}

} // namespace

std::string_view attestationModeName(AttestationMode mode)
{
    switch (mode) {
    case AttestationMode::None: return "none";
    case AttestationMode::PackedSelf: return "packed-self";
    case AttestationMode::PackedCertificate: return "packed-x5c";
    }
    return "none";
}

std::optional<AttestationMode> parseAttestationMode(std::string_view name)
{
    for (const AttestationMode mode : {AttestationMode::None, AttestationMode::PackedSelf, AttestationMode::PackedCertificate})
        if (attestationModeName(mode) == name)
            return mode;
    return std::nullopt;
}

SoftwareAuthenticator::SoftwareAuthenticator(SoftwareAuthenticatorOptions options) : m_options(std::move(options)) {}

SoftwareCredential *SoftwareAuthenticator::findCredential(std::string_view id)
{
    const auto found = std::find_if(m_credentials.begin(), m_credentials.end(),
                                    [id](const SoftwareCredential &credential) { return credential.id == id; });
    return found == m_credentials.end() ? nullptr : &*found;
}

oidc::Result<std::string> SoftwareAuthenticator::createCredential(std::string_view options, std::string_view origin,
                                                                  const AuthenticatorFaults &faults)
{
    auto publicKey = publicKeyOptions(options);
    if (!publicKey)
        return publicKey.error();
    const auto rp = publicKey->find("rp");
    if (rp == publicKey->end() || !rp->is_object())
        return optionsError("the creation options lack \"rp\"");
    auto rpId = effectiveRpId(stringMember(*rp, "id"), origin);
    if (!rpId)
        return rpId.error();
    const auto user = publicKey->find("user");
    if (user == publicKey->end() || !user->is_object())
        return optionsError("the creation options lack \"user\"");
    auto userHandle = base64Member(*user, "id");
    if (!userHandle)
        return userHandle.error();
    if (userHandle->size() > 64)
        return optionsError("user.id is longer than 64 bytes");

    // §5.1.3 step 10: the first offered algorithm we support; ES256 and RS256 when none is offered.
    std::vector<int64_t> offered;
    const auto params = publicKey->find("pubKeyCredParams");
    if (params != publicKey->end() && params->is_array()) {
        for (const auto &param : *params)
            if (param.is_object() && stringMember(param, "type") == "public-key" && param.contains("alg")
                && param["alg"].is_number_integer())
                offered.push_back(param["alg"].get<int64_t>());
    }
    if (offered.empty())
        offered = {static_cast<int64_t>(CoseAlgorithm::ES256), static_cast<int64_t>(CoseAlgorithm::RS256)};
    std::optional<CoseAlgorithm> algorithm;
    for (const int64_t value : offered) {
        const auto candidate = coseAlgorithmFromInt(value);
        if (candidate && std::find(m_options.algorithms.begin(), m_options.algorithms.end(), *candidate) != m_options.algorithms.end()) {
            algorithm = candidate;
            break;
        }
    }
    if (!algorithm)
        return authenticatorError("AUTHENTICATOR_ALGORITHM", "none of the offered algorithms is supported");

    const auto excluded = publicKey->find("excludeCredentials");
    if (excluded != publicKey->end() && excluded->is_array()) {
        for (const auto &descriptor : *excluded) {
            if (!descriptor.is_object())
                continue;
            auto id = base64Member(descriptor, "id");
            if (!id)
                return id.error();
            const SoftwareCredential *existing = findCredential(*id);
            if (existing && existing->rpId == *rpId)
                return authenticatorError("AUTHENTICATOR_EXCLUDED", "this authenticator already holds a credential in excludeCredentials");
        }
    }
    const auto selection = publicKey->find("authenticatorSelection");
    const std::string userVerification = selection != publicKey->end() && selection->is_object()
        ? stringMember(*selection, "userVerification")
        : std::string();
    if (auto checked = checkUserVerification(userVerification, m_options); !checked)
        return checked.error();

    auto clientData = clientDataJson("webauthn.create", *publicKey, origin, faults);
    if (!clientData)
        return clientData.error();
    auto key = generateFor(*algorithm);
    if (!key)
        return key.error();
    auto credentialId = oidc::crypto::randomBytes(kCredentialIdBytes);
    if (!credentialId)
        return credentialId.error();
    auto cose = encodeCoseKey(key->key.get(), *algorithm);
    if (!cose)
        return cose.error();

    AuthenticatorData authData;
    authData.rpIdHash = oidc::crypto::sha256(faults.rpIdForHash.value_or(*rpId));
    authData.flags = flagsFor(m_options, userVerification, faults);
    authData.signCount = 0;
    authData.attestedCredential = AttestedCredentialData{m_options.aaguid, *credentialId, *cose};
    std::string authDataBytes = encodeAuthenticatorData(authData);
    // The AT flag follows attestedCredential in encodeAuthenticatorData; faults may still clear it.
    if ((faults.clearFlags & kFlagAttestedCredentialData) != 0)
        authDataBytes[32] = static_cast<char>(authDataBytes[32] & ~kFlagAttestedCredentialData);

    // §6.5.4: the attestation statement.
    const std::string signedData = authDataBytes + oidc::crypto::sha256(*clientData);
    std::vector<std::pair<CborItemPtr, CborItemPtr>> statement;
    std::string fmt = "none";
    if (m_options.attestation != AttestationMode::None) {
        fmt = "packed";
        CoseAlgorithm signingAlgorithm = *algorithm;
        EVP_PKEY *signingKey = key->key.get();
        std::string certificate;
        if (m_options.attestation == AttestationMode::PackedCertificate) {
            auto der = attestationCertificate();
            if (!der)
                return der.error();
            certificate = std::move(der).value();
            signingAlgorithm = CoseAlgorithm::ES256;
            signingKey = m_attestationKey->key.get();
        }
        auto signature = signCose(signingAlgorithm, signingKey, signedData);
        if (!signature)
            return signature.error();
        if (faults.corruptSignature)
            corrupt(*signature);
        statement.emplace_back(cborMakeText("alg"), cborMakeInt(faults.attestationAlgorithm.value_or(static_cast<int64_t>(signingAlgorithm))));
        statement.emplace_back(cborMakeText("sig"), cborMakeBytes(*signature));
        if (!certificate.empty()) {
            std::vector<CborItemPtr> chain;
            chain.push_back(cborMakeBytes(certificate));
            statement.emplace_back(cborMakeText("x5c"), cborMakeArray(std::move(chain)));
        }
    }
    if (faults.attestationFormat)
        fmt = *faults.attestationFormat;
    std::vector<std::pair<CborItemPtr, CborItemPtr>> object;
    object.emplace_back(cborMakeText("fmt"), cborMakeText(fmt));
    object.emplace_back(cborMakeText("attStmt"), cborMakeMap(std::move(statement)));
    object.emplace_back(cborMakeText("authData"), cborMakeBytes(authDataBytes));
    const CborItemPtr attestationItem = cborMakeMap(std::move(object));
    auto attestationObject = cborEncode(attestationItem.get());
    if (!attestationObject)
        return attestationObject.error();

    SoftwareCredential stored;
    stored.id = *credentialId;
    stored.rpId = *rpId;
    stored.userHandle = *userHandle;
    stored.userName = stringMember(*user, "name");
    stored.algorithm = *algorithm;
    stored.key = std::move(key).value();
    m_credentials.push_back(std::move(stored));

    const std::string id = base64UrlEncode(*credentialId);
    OrderedJson response;
    response["id"] = id;
    response["rawId"] = id;
    response["type"] = "public-key";
    response["response"] = OrderedJson{{"clientDataJSON", base64UrlEncode(*clientData)},
                                       {"attestationObject", base64UrlEncode(*attestationObject)},
                                       {"transports", m_options.transports}};
    response["authenticatorAttachment"] = "platform";
    response["clientExtensionResults"] = OrderedJson::object();
    return response.dump();
}

oidc::Result<std::string> SoftwareAuthenticator::getAssertion(std::string_view options, std::string_view origin,
                                                              const AuthenticatorFaults &faults)
{
    auto publicKey = publicKeyOptions(options);
    if (!publicKey)
        return publicKey.error();
    auto rpId = effectiveRpId(stringMember(*publicKey, "rpId"), origin);
    if (!rpId)
        return rpId.error();
    const std::string userVerification = stringMember(*publicKey, "userVerification");
    if (auto checked = checkUserVerification(userVerification, m_options); !checked)
        return checked.error();

    // §6.3.3 step 6–7: a credential from allowCredentials, or a discoverable one for the RP.
    SoftwareCredential *credential = nullptr;
    const auto allowed = publicKey->find("allowCredentials");
    if (allowed != publicKey->end() && allowed->is_array() && !allowed->empty()) {
        for (const auto &descriptor : *allowed) {
            if (!descriptor.is_object())
                continue;
            auto id = base64Member(descriptor, "id");
            if (!id)
                return id.error();
            SoftwareCredential *candidate = findCredential(*id);
            if (candidate && candidate->rpId == *rpId) {
                credential = candidate;
                break;
            }
        }
    } else {
        for (auto it = m_credentials.rbegin(); it != m_credentials.rend(); ++it)
            if (it->rpId == *rpId) {
                credential = &*it;
                break;
            }
    }
    if (!credential)
        return authenticatorError("AUTHENTICATOR_NO_CREDENTIAL", "this authenticator holds no credential for " + *rpId);

    auto clientData = clientDataJson("webauthn.get", *publicKey, origin, faults);
    if (!clientData)
        return clientData.error();
    uint32_t counter = m_options.signCounter ? credential->signCount + 1 : 0;
    if (faults.signCount)
        counter = *faults.signCount;

    AuthenticatorData authData;
    authData.rpIdHash = oidc::crypto::sha256(faults.rpIdForHash.value_or(*rpId));
    authData.flags = flagsFor(m_options, userVerification, faults);
    authData.signCount = counter;
    std::string authDataBytes = encodeAuthenticatorData(authData);
    if ((faults.setFlags & kFlagAttestedCredentialData) != 0)
        authDataBytes[32] = static_cast<char>(authDataBytes[32] | kFlagAttestedCredentialData);

    auto signature = signCose(credential->algorithm, credential->key.key.get(), authDataBytes + oidc::crypto::sha256(*clientData));
    if (!signature)
        return signature.error();
    if (faults.corruptSignature)
        corrupt(*signature);
    credential->signCount = counter;

    const std::string id = base64UrlEncode(credential->id);
    OrderedJson inner{{"clientDataJSON", base64UrlEncode(*clientData)},
                      {"authenticatorData", base64UrlEncode(authDataBytes)},
                      {"signature", base64UrlEncode(*signature)}};
    const std::string userHandle = faults.userHandle.value_or(credential->userHandle);
    if (!userHandle.empty())
        inner["userHandle"] = base64UrlEncode(userHandle);
    OrderedJson response;
    response["id"] = id;
    response["rawId"] = id;
    response["type"] = "public-key";
    response["response"] = std::move(inner);
    response["authenticatorAttachment"] = "platform";
    response["clientExtensionResults"] = OrderedJson::object();
    return response.dump();
}

oidc::Result<std::string> SoftwareAuthenticator::attestationCertificate()
{
    if (!m_attestationCertificate.empty())
        return m_attestationCertificate;
    auto key = oidc::crypto::generateKey(oidc::crypto::KeyKind::EcP256, "attestation", "ES256");
    if (!key)
        return key.error();
    oidc::crypto::OpenSslErrorGuard guard;
    const auto failed = [&guard](const char *step) {
        return oidc::makeError(oidc::ErrorCategory::Crypto, "OPENSSL", std::string("cannot build the attestation certificate (")
                                                                           + step + "): " + guard.text());
    };
    X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1
        || ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), 1) != 1
        || !X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600)
        || !X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 10L * 365 * 24 * 3600)
        || X509_set_pubkey(certificate.get(), key->key.get()) != 1)
        return failed("fields");
    // §8.2.1 subject: C, O, OU = "Authenticator Attestation", CN.
    X509_NAME *subject = X509_get_subject_name(certificate.get());
    const std::pair<const char *, const char *> entries[] = {
        {"C", "US"}, {"O", "OIDC Playground"}, {"OU", "Authenticator Attestation"}, {"CN", "OIDC Playground Software Authenticator"}};
    for (const auto &[field, value] : entries)
        if (X509_NAME_add_entry_by_txt(subject, field, MBSTRING_ASC, reinterpret_cast<const unsigned char *>(value), -1, -1, 0) != 1)
            return failed("subject");
    if (X509_set_issuer_name(certificate.get(), subject) != 1)
        return failed("issuer");
    BasicConstraintsPtr constraints(BASIC_CONSTRAINTS_new());
    if (!constraints || X509_add1_ext_i2d(certificate.get(), NID_basic_constraints, constraints.get(), 1, X509V3_ADD_DEFAULT) != 1)
        return failed("basicConstraints");
    // id-fido-gen-ce-aaguid: an OCTET STRING holding the DER OCTET STRING of the AAGUID.
    const Asn1ObjectPtr oid(OBJ_txt2obj("1.3.6.1.4.1.45724.1.1.4", 1));
    Asn1OctetStringPtr value(ASN1_OCTET_STRING_new());
    const std::string der = std::string("\x04\x10", 2) + m_options.aaguid;
    if (!oid || !value || m_options.aaguid.size() != 16
        || ASN1_OCTET_STRING_set(value.get(), reinterpret_cast<const unsigned char *>(der.data()), static_cast<int>(der.size())) != 1)
        return failed("aaguid");
    X509ExtensionPtr extension(X509_EXTENSION_create_by_OBJ(nullptr, oid.get(), 0, value.get()));
    if (!extension || X509_add_ext(certificate.get(), extension.get(), -1) != 1)
        return failed("aaguid extension");
    if (X509_sign(certificate.get(), key->key.get(), oidc::crypto::sha256()) <= 0)
        return failed("sign");
    const int length = i2d_X509(certificate.get(), nullptr);
    if (length <= 0)
        return failed("encode");
    std::string out(static_cast<size_t>(length), '\0');
    auto *cursor = reinterpret_cast<unsigned char *>(out.data());
    if (i2d_X509(certificate.get(), &cursor) != length)
        return failed("encode");
    m_attestationKey = std::move(key).value();
    m_attestationCertificate = out;
    return out;
}

oidc::Result<oidc::Json> SoftwareAuthenticator::exportCredentials() const
{
    oidc::Json list = oidc::Json::array();
    for (const auto &credential : m_credentials) {
        auto jwk = oidc::crypto::privateJwk(credential.key);
        if (!jwk)
            return jwk.error();
        list.push_back({{"id", base64UrlEncode(credential.id)},
                        {"rpId", credential.rpId},
                        {"userHandle", base64UrlEncode(credential.userHandle)},
                        {"userName", credential.userName},
                        {"algorithm", static_cast<int64_t>(credential.algorithm)},
                        {"privateJwk", std::move(jwk).value()},
                        {"signCount", credential.signCount}});
    }
    return list;
}

oidc::Status SoftwareAuthenticator::importCredentials(const oidc::Json &credentials)
{
    const auto stateError = [](std::string message) { return authenticatorError("AUTHENTICATOR_STATE", std::move(message)); };
    if (!credentials.is_array())
        return stateError("the credential list is not an array");
    std::vector<SoftwareCredential> imported;
    for (const auto &entry : credentials) {
        if (!entry.is_object())
            return stateError("a credential is not an object");
        SoftwareCredential credential;
        auto id = base64Member(entry, "id");
        auto userHandle = base64Member(entry, "userHandle");
        if (!id || !userHandle)
            return stateError("a credential lacks its id or userHandle");
        const auto algorithm = entry.contains("algorithm") && entry["algorithm"].is_number_integer()
            ? coseAlgorithmFromInt(entry["algorithm"].get<int64_t>())
            : std::nullopt;
        if (!algorithm || !entry.contains("privateJwk") || !entry.contains("signCount") || !entry["signCount"].is_number_unsigned()
            || entry["signCount"].get<uint64_t>() > std::numeric_limits<uint32_t>::max())
            return stateError("a credential lacks its algorithm, key or 32-bit counter");
        // The messages never quote the key: it is a private key.
        auto key = oidc::crypto::parseJwk(entry["privateJwk"]);
        if (!key || !key->hasPrivate)
            return stateError("a credential's private key is unusable");
        if (!encodeCoseKey(key->key.get(), *algorithm))
            return stateError("a credential's private key does not fit its algorithm");
        credential.id = std::move(id).value();
        credential.rpId = stringMember(entry, "rpId");
        credential.userHandle = std::move(userHandle).value();
        credential.userName = stringMember(entry, "userName");
        credential.algorithm = *algorithm;
        credential.key = std::move(key).value();
        credential.signCount = entry["signCount"].get<uint32_t>();
        imported.push_back(std::move(credential));
    }
    m_credentials = std::move(imported);
    return {};
}

} // namespace oidc::webauthn
