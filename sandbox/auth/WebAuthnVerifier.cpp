#include "WebAuthnVerifier.h"

#include "oidc/Json.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Digest.h"
#include "oidc/webauthn/AttestationObject.h"
#include "oidc/webauthn/AuthenticatorData.h"
#include "oidc/webauthn/Cbor.h"
#include "oidc/webauthn/ClientData.h"
#include "oidc/webauthn/CoseKey.h"

#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>

namespace sandbox::auth {

namespace {

using namespace oidc::webauthn;
using X509Ptr = std::unique_ptr<X509, oidc::crypto::OpenSslDeleter<&X509_free>>;
using Asn1ObjectPtr = std::unique_ptr<ASN1_OBJECT, oidc::crypto::OpenSslDeleter<&ASN1_OBJECT_free>>;

constexpr size_t kMaxCertificates = 8;
constexpr size_t kMaxCertificateBytes = 8 * 1024;

oidc::Error fail(std::string code, std::string message, std::string expected = {}, std::string actual = {})
{
    return oidc::makeError(oidc::ErrorCategory::Sandbox, std::move(code), std::move(message), std::move(expected),
                           std::move(actual));
}

std::string b64(std::string_view bytes)
{
    return oidc::crypto::base64UrlEncode(bytes);
}

// The core's parsers (oidc/webauthn) call malformed input INPUT; this verifier's contract is that
// every failure is SANDBOX (the routes turn the code into a Descope body), CRYPTO aside.
oidc::Error asSandbox(oidc::Error error)
{
    if (error.category == oidc::ErrorCategory::Input)
        error.category = oidc::ErrorCategory::Sandbox;
    return error;
}

template <typename T>
oidc::Result<T> asSandbox(oidc::Result<T> result)
{
    if (!result)
        return asSandbox(result.error());
    return result;
}

// §7.1 steps 7–10 / §7.2 steps 10–13.
oidc::Status checkClientData(const ClientData &clientData, std::string_view expectedType, std::string_view challenge,
                             const std::vector<std::string> &origins)
{
    if (clientData.type != expectedType)
        return fail("WEBAUTHN_TYPE", "clientDataJSON is for another ceremony", std::string(expectedType), clientData.type);
    const std::string expectedChallenge = b64(challenge);
    if (clientData.challenge != expectedChallenge)
        return fail("WEBAUTHN_CHALLENGE", "the response answers another challenge (stale or replayed)", expectedChallenge,
                    clientData.challenge.substr(0, 64));
    if (std::find(origins.begin(), origins.end(), clientData.origin) == origins.end()) {
        std::string allowed;
        for (const auto &origin : origins)
            allowed += (allowed.empty() ? "" : ", ") + origin;
        return fail("WEBAUTHN_ORIGIN", "the response comes from an origin this transaction does not allow", allowed,
                    clientData.origin.substr(0, 256));
    }
    if (clientData.crossOrigin)
        return fail("WEBAUTHN_CROSS_ORIGIN", "the ceremony ran in a cross-origin iframe, which the sandbox does not allow");
    return {};
}

// §7.1 steps 13–17 / §7.2 steps 15–19, shared.
oidc::Status checkAuthenticatorData(const AuthenticatorData &authData, std::string_view rpId,
                                    UserVerification userVerification)
{
    const std::string expectedHash = oidc::crypto::sha256(rpId);
    if (authData.rpIdHash != expectedHash)
        return fail("WEBAUTHN_RPID_HASH", "the authenticator signed for another RP ID", "SHA-256(\"" + std::string(rpId) + "\")",
                    oidc::crypto::hexEncode(authData.rpIdHash));
    if (!authData.userPresent())
        return fail("WEBAUTHN_FLAGS_UP", "the authenticator did not confirm user presence (UP flag clear)");
    if (userVerification == UserVerification::Required && !authData.userVerified())
        return fail("WEBAUTHN_FLAGS_UV", "user verification was required but the UV flag is clear");
    if (authData.backupState() && !authData.backupEligible())
        return fail("WEBAUTHN_FLAGS_BACKUP", "the BS flag is set without BE (§6.1.3)");
    return {};
}

// What both ceremonies verify the same way (§7.1 steps 5–17, §7.2 steps 8–19): clientDataJSON
// (type `ceremonyType`, the transaction's challenge, an allowed origin, not cross-origin) and the
// authenticator data (rpIdHash, UP, UV when required, BS only with BE). The parsed
// authenticator data, for the checks that differ.
oidc::Result<AuthenticatorData> verifyCeremonyCommon(const CeremonyTransaction &transaction, std::string_view ceremonyType,
                                                     std::string_view clientDataJson, std::string_view authenticatorData)
{
    auto clientData = parseClientData(clientDataJson);
    if (!clientData)
        return clientData.error();
    if (auto checked = checkClientData(*clientData, ceremonyType, transaction.challenge, transaction.origins); !checked)
        return checked.error();
    auto authData = parseAuthenticatorData(authenticatorData);
    if (!authData)
        return authData.error();
    if (auto checked = checkAuthenticatorData(*authData, transaction.rpId, transaction.userVerification); !checked)
        return checked.error();
    return authData;
}

// ---- attestation (§8.2 packed, §8.7 none) --------------------------------------------------

std::string nameEntry(X509_NAME *name, int nid)
{
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0)
        return {};
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    if (!data)
        return {};
    return std::string(reinterpret_cast<const char *>(ASN1_STRING_get0_data(data)), static_cast<size_t>(ASN1_STRING_length(data)));
}

// §8.2.1: version 3; subject C, O, OU = "Authenticator Attestation", CN; not a CA; the
// id-fido-gen-ce-aaguid extension, when present, is not critical and equals the AAGUID.
oidc::Status checkAttestationCertificate(X509 *certificate, std::string_view aaguid)
{
    const auto certificateError = [](std::string message) {
        return fail("WEBAUTHN_ATTESTATION_CERTIFICATE", std::move(message));
    };
    if (X509_get_version(certificate) != X509_VERSION_3)
        return certificateError("the attestation certificate is not X.509 version 3");
    X509_NAME *subject = X509_get_subject_name(certificate);
    if (nameEntry(subject, NID_countryName).empty() || nameEntry(subject, NID_organizationName).empty()
        || nameEntry(subject, NID_commonName).empty())
        return certificateError("the attestation certificate's subject lacks C, O or CN (§8.2.1)");
    if (nameEntry(subject, NID_organizationalUnitName) != "Authenticator Attestation")
        return certificateError("the attestation certificate's subject OU is not \"Authenticator Attestation\" (§8.2.1)");
    if ((X509_get_extension_flags(certificate) & EXFLAG_CA) != 0)
        return certificateError("the attestation certificate is a CA certificate (§8.2.1: CA must be false)");
    const Asn1ObjectPtr aaguidOid(OBJ_txt2obj("1.3.6.1.4.1.45724.1.1.4", 1));
    if (!aaguidOid)
        return certificateError("cannot build the id-fido-gen-ce-aaguid OID");
    const int index = X509_get_ext_by_OBJ(certificate, aaguidOid.get(), -1);
    if (index >= 0) {
        X509_EXTENSION *extension = X509_get_ext(certificate, index);
        if (X509_EXTENSION_get_critical(extension) != 0)
            return certificateError("the certificate's AAGUID extension must not be critical (§8.2.1)");
        const ASN1_OCTET_STRING *value = X509_EXTENSION_get_data(extension);
        const std::string_view der(reinterpret_cast<const char *>(ASN1_STRING_get0_data(value)),
                                   static_cast<size_t>(ASN1_STRING_length(value)));
        // The extension value is itself a DER OCTET STRING of 16 bytes: 04 10 <aaguid>.
        if (der.size() != 18 || der[0] != '\x04' || der[1] != '\x10' || der.substr(2) != aaguid)
            return certificateError("the certificate's AAGUID extension does not match the authenticator data");
    }
    return {};
}

oidc::Result<AttestationType> verifyPacked(const cbor_item_t *statement, std::string_view authData,
                                           std::string_view clientDataHash, const AuthenticatorData &parsed,
                                           const CoseKey &credentialKey)
{
    constexpr std::string_view kCode = "WEBAUTHN_ATTESTATION_STATEMENT";
    auto algItem = cborMapGet(statement, std::string_view("alg"), kCode);
    if (!algItem)
        return algItem.error();
    auto sigItem = cborMapGet(statement, std::string_view("sig"), kCode);
    if (!sigItem)
        return sigItem.error();
    auto x5cItem = cborMapGet(statement, std::string_view("x5c"), kCode);
    if (!x5cItem)
        return x5cItem.error();
    auto ecdaaItem = cborMapGet(statement, std::string_view("ecdaaKeyId"), kCode);
    if (!ecdaaItem)
        return ecdaaItem.error();
    const auto alg = cborInt(*algItem);
    const auto sig = cborBytes(*sigItem);
    if (!alg || !sig || sig->empty())
        return fail(std::string(kCode), "the packed attestation statement needs an integer alg and a byte-string sig");
    if (*ecdaaItem)
        return fail(std::string(kCode), "ECDAA attestation is not supported (removed in WebAuthn Level 2)");
    if (sig->size() > kMaxSignatureBytes)
        return fail(std::string(kCode), "the attestation signature is larger than 1024 bytes");

    const std::string signedData = std::string(authData) + std::string(clientDataHash);
    if (!*x5cItem) {
        // §8.2 self attestation: alg matches the credential key; signed by the credential key.
        if (*alg != static_cast<int64_t>(credentialKey.algorithm))
            return fail("WEBAUTHN_ATTESTATION_ALG", "the self-attestation alg differs from the credential key's alg",
                        std::to_string(static_cast<int64_t>(credentialKey.algorithm)), std::to_string(*alg));
        if (auto verified = verifyCoseSignature(credentialKey.algorithm, credentialKey.publicKey.get(), signedData, *sig); !verified)
            return fail("WEBAUTHN_ATTESTATION_SIGNATURE", "the self-attestation signature does not verify with the credential key ("
                                                              + verified.error().message + ")");
        return AttestationType::Self;
    }

    // x5c: the first certificate's key signed; no chain is built or trusted.
    const cbor_item_t *x5c = *x5cItem;
    if (!cbor_isa_array(x5c) || cbor_array_size(x5c) == 0 || cbor_array_size(x5c) > kMaxCertificates)
        return fail(std::string(kCode), "x5c must be an array of 1 to 8 certificates");
    const auto certificateBytes = cborBytes(cbor_array_handle(x5c)[0]);
    if (!certificateBytes || certificateBytes->empty() || certificateBytes->size() > kMaxCertificateBytes)
        return fail(std::string(kCode), "x5c[0] must be a DER certificate of at most 8 KiB");
    for (size_t i = 1; i < cbor_array_size(x5c); ++i)
        if (!cborBytes(cbor_array_handle(x5c)[i]))
            return fail(std::string(kCode), "every x5c entry must be a byte string");
    const auto algorithm = coseAlgorithmFromInt(*alg);
    if (!algorithm)
        return fail("WEBAUTHN_ATTESTATION_ALG", "unsupported attestation algorithm", "-7, -8 or -257", std::to_string(*alg));
    oidc::crypto::OpenSslErrorGuard guard;
    const auto *begin = reinterpret_cast<const unsigned char *>(certificateBytes->data());
    const unsigned char *cursor = begin;
    X509Ptr certificate(d2i_X509(nullptr, &cursor, static_cast<long>(certificateBytes->size())));
    if (!certificate || cursor != begin + certificateBytes->size())
        return fail("WEBAUTHN_ATTESTATION_CERTIFICATE", "x5c[0] is not a DER X.509 certificate");
    EVP_PKEY *certificateKey = X509_get0_pubkey(certificate.get());
    if (!certificateKey)
        return fail("WEBAUTHN_ATTESTATION_CERTIFICATE", "the attestation certificate's key is unusable");
    if (auto verified = verifyCoseSignature(*algorithm, certificateKey, signedData, *sig); !verified)
        return fail("WEBAUTHN_ATTESTATION_SIGNATURE", "the attestation signature does not verify with the x5c certificate's key ("
                                                          + verified.error().message + ")");
    if (auto checked = checkAttestationCertificate(certificate.get(), parsed.attestedCredential->aaguid); !checked)
        return checked.error();
    return AttestationType::BasicUntrusted;
}

bool isEmptyMap(const cbor_item_t *item)
{
    return item && cbor_isa_map(item) && cbor_map_size(item) == 0;
}

// §7.1 steps 21–22: the attestation statement of format `fmt` ("none" or "packed").
oidc::Result<AttestationType> verifyStatement(const AttestationObject &attestation, std::string_view clientDataHash,
                                              const AuthenticatorData &authData, const CoseKey &key)
{
    if (attestation.fmt == "none") {
        if (!isEmptyMap(attestation.statement))
            return fail("WEBAUTHN_ATTESTATION_STATEMENT", "fmt \"none\" needs an empty attStmt (§8.7)");
        return AttestationType::None;
    }
    if (attestation.fmt == "packed")
        return verifyPacked(attestation.statement, attestation.authData, clientDataHash, authData, key);
    return fail("WEBAUTHN_ATTESTATION_FORMAT", "unsupported attestation statement format", "none or packed",
                std::string(attestation.fmt.substr(0, 64)));
}

// ---- registration ------------------------------------------------------------------------------

oidc::Result<WebAuthnCredential> checkRegistration(const RegistrationTransaction &transaction,
                                                   const RegistrationResponse &response, int64_t nowUnix)
{
    if (nowUnix > transaction.expiresAtUnix)
        return fail("WEBAUTHN_TIMEOUT", "the registration took too long; start again");
    auto attestation = decodeAttestationObject(response.attestationObject);
    if (!attestation)
        return attestation.error();
    auto authData = verifyCeremonyCommon(transaction, "webauthn.create", response.clientDataJson, attestation->authData);
    if (!authData)
        return authData.error();
    if (!authData->attestedCredential)
        return fail("WEBAUTHN_FLAGS_AT", "the authenticator data carries no attested credential data (AT flag clear)");
    const AttestedCredentialData &attested = *authData->attestedCredential;
    if (attested.credentialId != response.credentialId)
        return fail("WEBAUTHN_CREDENTIAL_ID", "the credential ID in the authenticator data differs from the response's id",
                    b64(attested.credentialId), b64(response.credentialId));

    auto key = decodeCoseKey(attested.publicKeyCose);
    if (!key)
        return key.error();
    if (std::find(transaction.algorithms.begin(), transaction.algorithms.end(), key->algorithm) == transaction.algorithms.end())
        return fail("WEBAUTHN_ALGORITHM", "the credential's algorithm was not offered in pubKeyCredParams", {},
                    std::string(coseAlgorithmName(key->algorithm)));
    auto attestationType = verifyStatement(*attestation, oidc::crypto::sha256(response.clientDataJson), *authData, *key);
    if (!attestationType)
        return attestationType.error();

    const auto &excluded = transaction.excludeCredentialIds;
    if (std::find(excluded.begin(), excluded.end(), attested.credentialId) != excluded.end())
        return fail("WEBAUTHN_CREDENTIAL_EXCLUDED", "this authenticator is already registered for the user");

    WebAuthnCredential credential;
    credential.id = attested.credentialId;
    credential.userHandle = transaction.userHandle;
    credential.algorithm = key->algorithm;
    credential.publicKeyCose = attested.publicKeyCose;
    credential.publicKey = key->publicKey;
    credential.signCount = authData->signCount;
    credential.aaguid = attested.aaguid;
    credential.transports = response.transports;
    credential.userVerified = authData->userVerified();
    credential.backupEligible = authData->backupEligible();
    credential.backupState = authData->backupState();
    credential.attestationFormat = std::string(attestation->fmt);
    credential.attestationType = *attestationType;
    return credential;
}

// ---- authentication ----------------------------------------------------------------------------

oidc::Result<AssertionResult> checkAssertion(const AuthenticationTransaction &transaction,
                                             const AssertionResponse &response, WebAuthnCredential &credential,
                                             int64_t nowUnix)
{
    if (nowUnix > transaction.expiresAtUnix)
        return fail("WEBAUTHN_TIMEOUT", "the sign-in took too long; start again");
    if (response.credentialId != credential.id)
        return fail("WEBAUTHN_CREDENTIAL_UNKNOWN", "the response names another credential than the one given",
                    b64(credential.id), b64(response.credentialId));

    // §7.2 steps 5–6: the credential is one we asked for and belongs to the right user.
    const auto &allowed = transaction.allowCredentialIds;
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), credential.id) == allowed.end())
        return fail("WEBAUTHN_CREDENTIAL_NOT_ALLOWED", "the credential was not among allowCredentials", {}, b64(credential.id));
    if (!transaction.userHandle.empty()) {
        if (credential.userHandle != transaction.userHandle)
            return fail("WEBAUTHN_CREDENTIAL_USER", "the credential belongs to another user");
        if (response.userHandle && *response.userHandle != credential.userHandle)
            return fail("WEBAUTHN_USER_HANDLE", "the response's userHandle is not the credential's user",
                        b64(credential.userHandle), b64(*response.userHandle));
    } else {
        if (!response.userHandle)
            return fail("WEBAUTHN_USER_HANDLE", "a sign-in without a login ID needs the userHandle of a discoverable credential");
        if (*response.userHandle != credential.userHandle)
            return fail("WEBAUTHN_USER_HANDLE", "the response's userHandle is not the credential's user",
                        b64(credential.userHandle), b64(*response.userHandle));
    }

    auto authData = verifyCeremonyCommon(transaction, "webauthn.get", response.clientDataJson, response.authenticatorData);
    if (!authData)
        return authData.error();
    if (authData->backupEligible() != credential.backupEligible)
        return fail("WEBAUTHN_FLAGS_BACKUP", "the BE flag changed since registration (§7.2 step 18)",
                    credential.backupEligible ? "BE set" : "BE clear", authData->backupEligible() ? "BE set" : "BE clear");

    // §7.2 steps 19–21: the signature over authenticatorData ‖ SHA-256(clientDataJSON).
    const std::string signedData = response.authenticatorData + oidc::crypto::sha256(response.clientDataJson);
    if (auto verified = verifyCoseSignature(credential.algorithm, credential.publicKey.get(), signedData, response.signature); !verified)
        return verified.error();

    // §7.2 step 22: the signature counter.
    if ((authData->signCount != 0 || credential.signCount != 0) && authData->signCount <= credential.signCount)
        return fail("WEBAUTHN_COUNTER", "the signature counter did not increase: the authenticator may be cloned or the response replayed",
                    "> " + std::to_string(credential.signCount), std::to_string(authData->signCount));

    credential.signCount = authData->signCount;
    credential.backupState = authData->backupState();
    AssertionResult result;
    result.credentialId = credential.id;
    result.userHandle = credential.userHandle;
    result.signCount = authData->signCount;
    result.userVerified = authData->userVerified();
    result.backupState = authData->backupState();
    return result;
}

} // namespace

// ---- the public face: every failure SANDBOX ------------------------------------------------------

oidc::Result<RegistrationResponse> parseRegistrationResponse(std::string_view responseJson)
{
    return asSandbox(oidc::webauthn::parseRegistrationResponse(responseJson));
}

oidc::Result<WebAuthnCredential> verifyRegistration(const RegistrationTransaction &transaction,
                                                    const RegistrationResponse &response, int64_t nowUnix)
{
    return asSandbox(checkRegistration(transaction, response, nowUnix));
}

oidc::Result<WebAuthnCredential> verifyRegistration(const RegistrationTransaction &transaction,
                                                    std::string_view responseJson, int64_t nowUnix)
{
    auto response = parseRegistrationResponse(responseJson);
    if (!response)
        return response.error();
    return verifyRegistration(transaction, *response, nowUnix);
}

oidc::Result<AssertionResponse> parseAssertionResponse(std::string_view responseJson)
{
    return asSandbox(oidc::webauthn::parseAssertionResponse(responseJson));
}

oidc::Result<AssertionResult> verifyAssertion(const AuthenticationTransaction &transaction,
                                              const AssertionResponse &response, WebAuthnCredential &credential,
                                              int64_t nowUnix)
{
    return asSandbox(checkAssertion(transaction, response, credential, nowUnix));
}

oidc::Result<AssertionResult> verifyAssertion(const AuthenticationTransaction &transaction, std::string_view responseJson,
                                              std::span<WebAuthnCredential> candidates, int64_t nowUnix)
{
    auto response = parseAssertionResponse(responseJson);
    if (!response)
        return response.error();
    const auto found = std::find_if(candidates.begin(), candidates.end(),
                                    [&](const WebAuthnCredential &candidate) { return candidate.id == response->credentialId; });
    if (found == candidates.end())
        return fail("WEBAUTHN_CREDENTIAL_UNKNOWN", "no registered passkey has this credential ID", {}, b64(response->credentialId));
    return verifyAssertion(transaction, *response, *found, nowUnix);
}

} // namespace sandbox::auth
