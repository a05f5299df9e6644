#pragma once

// The credential record (WebAuthn Level 3 §4 "credential record") the caller stores per
// registered passkey, made by verifyRegistration and updated by verifyAssertion.

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/crypto/OpenSsl.h"
#include "oidc/webauthn/CoseKey.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sandbox::auth {

using oidc::webauthn::CoseAlgorithm;

// How the attestation statement vouched for the key (§6.5.4).
enum class AttestationType {
    None,          // fmt "none": no statement
    Self,          // fmt "packed" without x5c: signed by the credential key itself
    BasicUntrusted // fmt "packed" with x5c: signed by the certificate's key; the chain is NOT checked
};
[[nodiscard]] std::string_view attestationTypeName(AttestationType type); // "none", "self", "basic-untrusted"

struct WebAuthnCredential final {
    std::string id;                      // credential ID, raw bytes (the lookup key; base64url it for display)
    std::string userHandle;              // raw user.id it was created for
    CoseAlgorithm algorithm = CoseAlgorithm::ES256;
    std::string publicKeyCose;           // the COSE_Key exactly as the authenticator sent it
    oidc::crypto::SharedPkey publicKey;  // parsed from publicKeyCose
    uint32_t signCount = 0;              // last signature counter seen (§6.1.1)
    std::string aaguid;                  // 16 bytes (all zero for many platform authenticators)
    std::vector<std::string> transports; // response.transports, if the client sent them
    bool userVerified = false;           // UV at registration
    bool backupEligible = false;         // BE: fixed for the credential's lifetime
    bool backupState = false;            // BS: updated on every assertion
    std::string attestationFormat;       // "none" or "packed"
    AttestationType attestationType = AttestationType::None;

    // Every member, binary ones base64url (the public key as "publicKeyCose"); for persistence.
    [[nodiscard]] oidc::Json toJson() const;
    // Re-parses the COSE key. Error: WEBAUTHN_CREDENTIAL_RECORD, WEBAUTHN_COSE_KEY (both SANDBOX).
    [[nodiscard]] static oidc::Result<WebAuthnCredential> fromJson(const oidc::Json &json);
};

} // namespace sandbox::auth
