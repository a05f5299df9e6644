#include "WebAuthnCredential.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/webauthn/AuthenticatorData.h"

#include <limits>

namespace sandbox::auth {

namespace {

oidc::Error recordError(std::string message)
{
    return oidc::makeError(oidc::ErrorCategory::Sandbox, "WEBAUTHN_CREDENTIAL_RECORD", std::move(message));
}

oidc::Result<std::string> bytesField(const oidc::Json &json, const char *name, bool allowEmpty)
{
    const auto it = json.find(name);
    if (it == json.end() || !it->is_string())
        return recordError(std::string("the credential record lacks \"") + name + "\"");
    auto decoded = oidc::crypto::base64UrlDecode(it->get_ref<const std::string &>());
    if (!decoded || (!allowEmpty && decoded->empty()))
        return recordError(std::string("the credential record's \"") + name + "\" is not base64url");
    return decoded;
}

bool boolField(const oidc::Json &json, const char *name)
{
    const auto it = json.find(name);
    return it != json.end() && it->is_boolean() && it->get<bool>();
}

} // namespace

std::string_view attestationTypeName(AttestationType type)
{
    switch (type) {
    case AttestationType::None: return "none";
    case AttestationType::Self: return "self";
    case AttestationType::BasicUntrusted: return "basic-untrusted";
    }
    return "none";
}

oidc::Json WebAuthnCredential::toJson() const
{
    using oidc::crypto::base64UrlEncode;
    return oidc::Json{{"id", base64UrlEncode(id)},
                      {"userHandle", base64UrlEncode(userHandle)},
                      {"algorithm", static_cast<int64_t>(algorithm)},
                      {"publicKeyCose", base64UrlEncode(publicKeyCose)},
                      {"signCount", signCount},
                      {"aaguid", base64UrlEncode(aaguid)},
                      {"transports", transports},
                      {"userVerified", userVerified},
                      {"backupEligible", backupEligible},
                      {"backupState", backupState},
                      {"attestationFormat", attestationFormat},
                      {"attestationType", attestationTypeName(attestationType)}};
}

oidc::Result<WebAuthnCredential> WebAuthnCredential::fromJson(const oidc::Json &json)
{
    if (!json.is_object())
        return recordError("a credential record is a JSON object");
    WebAuthnCredential credential;
    auto id = bytesField(json, "id", false);
    if (!id)
        return id.error();
    if (id->size() > oidc::webauthn::kMaxCredentialIdBytes)
        return recordError("the credential ID is longer than 1023 bytes");
    auto userHandle = bytesField(json, "userHandle", false);
    if (!userHandle)
        return userHandle.error();
    auto cose = bytesField(json, "publicKeyCose", false);
    if (!cose)
        return cose.error();
    auto aaguid = bytesField(json, "aaguid", true);
    if (!aaguid)
        return aaguid.error();
    auto key = oidc::webauthn::decodeCoseKey(*cose);
    if (!key) {
        oidc::Error error = key.error(); // the core calls it INPUT; a stored record is the sandbox's
        error.category = oidc::ErrorCategory::Sandbox;
        return error;
    }
    const auto algorithm = json.find("algorithm");
    if (algorithm == json.end() || !algorithm->is_number_integer() || algorithm->get<int64_t>() != static_cast<int64_t>(key->algorithm))
        return recordError("the credential record's algorithm does not match its key");
    const auto count = json.find("signCount");
    if (count == json.end() || !count->is_number_unsigned() || count->get<uint64_t>() > std::numeric_limits<uint32_t>::max())
        return recordError("the credential record's signCount is not a 32-bit counter");
    const auto transports = json.find("transports");
    if (transports != json.end()) {
        if (!transports->is_array())
            return recordError("the credential record's transports is not a list");
        for (const auto &transport : *transports)
            if (transport.is_string())
                credential.transports.push_back(transport.get<std::string>());
    }
    const auto format = json.find("attestationFormat");
    if (format != json.end() && format->is_string())
        credential.attestationFormat = format->get<std::string>();
    const auto type = json.find("attestationType");
    if (type != json.end() && type->is_string()) {
        const auto &name = type->get_ref<const std::string &>();
        credential.attestationType = name == "self" ? AttestationType::Self
            : name == "basic-untrusted"             ? AttestationType::BasicUntrusted
                                                    : AttestationType::None;
    }
    credential.id = std::move(id).value();
    credential.userHandle = std::move(userHandle).value();
    credential.algorithm = key->algorithm;
    credential.publicKeyCose = std::move(key->encoded);
    credential.publicKey = key->publicKey;
    credential.signCount = static_cast<uint32_t>(count->get<uint64_t>());
    credential.aaguid = std::move(aaguid).value();
    credential.userVerified = boolField(json, "userVerified");
    credential.backupEligible = boolField(json, "backupEligible");
    credential.backupState = boolField(json, "backupState");
    return credential;
}

} // namespace sandbox::auth
