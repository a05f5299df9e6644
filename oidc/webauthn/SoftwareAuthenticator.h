#pragma once

// A software authenticator plus the browser's part of the ceremony (W3C WebAuthn Level 3 §5.1.3,
// §5.1.4): given the options a start call returned (Descope's or the sandbox's), it produces the
// JSON a browser would send to the finish call. It is the client's passkey when there is no
// hardware (`oidcplay-cli descope passkey … --authenticator FILE`, the GUI), and the sandbox's
// tests use it for round trips. ES256, EdDSA and RS256 keys; `none`, `packed` self and `packed`
// x5c attestation; a signature counter per credential; the UV flag when it verifies users and
// the relying party did not discourage it; BE and BS as set.
// Keys come from oidc::crypto::generateKey (RSA takes milliseconds: keep it off the GUI thread);
// CBOR is built with libcbor. AuthenticatorFile.h keeps it in a file; CeremonyView.h takes what
// it produced apart for display.
//
// AuthenticatorFaults lives here rather than in the tests: a correctly signed response that is
// wrong in exactly one way can only be made where the signing happens (re-signing in a test would
// be a second authenticator), and showing a relying party refusing a tampered response is part
// of what the playground demonstrates. With the default (no faults) nothing changes.

#include "CoseKey.h"

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/crypto/JsonWebKey.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oidc::webauthn {

enum class AttestationMode {
    None,              // fmt "none", empty attStmt
    PackedSelf,        // fmt "packed", signed with the credential key, no x5c
    PackedCertificate, // fmt "packed" with x5c: a self-issued P-256 attestation certificate (§8.2.1 shape)
};
[[nodiscard]] std::string_view attestationModeName(AttestationMode mode); // "none", "packed-self", "packed-x5c"
[[nodiscard]] std::optional<AttestationMode> parseAttestationMode(std::string_view name);

struct SoftwareAuthenticatorOptions final {
    // Algorithms it can create, used in the RP's pubKeyCredParams order.
    std::vector<CoseAlgorithm> algorithms{CoseAlgorithm::ES256, CoseAlgorithm::RS256, CoseAlgorithm::EdDSA};
    AttestationMode attestation = AttestationMode::PackedSelf;
    std::string aaguid = std::string("OIDCPlayground\x01\x00", 16); // 16 bytes
    bool userVerifying = true;  // performs user verification: sets UV unless the RP says "discouraged"
    bool backupEligible = false; // BE (a synced passkey would set both)
    bool backupState = false;    // BS
    bool signCounter = true;     // false: the counter stays 0, as with many synced passkeys
    std::vector<std::string> transports{"internal"};
};

// Deliberate defects, for negative tests and demonstrations: each produces a response that is
// correctly signed (unless corruptSignature) but wrong in exactly one way.
struct AuthenticatorFaults final {
    std::optional<std::string> clientDataType;   // instead of "webauthn.create"/"webauthn.get"
    std::optional<std::string> challenge;        // raw bytes instead of the options' challenge
    std::optional<std::string> rpIdForHash;      // rpIdHash = SHA-256 of this instead of the RP ID
    uint8_t clearFlags = 0;                      // flag bits to clear (e.g. kFlagUserPresent)
    uint8_t setFlags = 0;                        // flag bits to set
    std::optional<uint32_t> signCount;           // counter to report (assertions; also stored)
    std::optional<std::string> attestationFormat; // fmt to claim, statement unchanged
    std::optional<int64_t> attestationAlgorithm; // attStmt alg to claim
    bool corruptSignature = false;               // flip a bit of the (attestation) signature
    std::optional<std::string> userHandle;       // assertion userHandle ("" omits it)
    bool crossOrigin = false;                    // clientDataJSON crossOrigin: true
};

struct SoftwareCredential final {
    std::string id;          // raw credential ID (32 random bytes)
    std::string rpId;
    std::string userHandle;  // raw user.id
    std::string userName;
    CoseAlgorithm algorithm = CoseAlgorithm::ES256;
    oidc::crypto::JsonWebKey key; // private key
    uint32_t signCount = 0;
};

class SoftwareAuthenticator final {
public:
    explicit SoftwareAuthenticator(SoftwareAuthenticatorOptions options = {});

    // navigator.credentials.create(): `options` is Descope's options string ({"publicKey": {…}})
    // or the bare publicKey object. Returns the registration response JSON text for signup/finish.
    // Errors (INPUT): AUTHENTICATOR_OPTIONS (malformed options), AUTHENTICATOR_SECURITY (the
    // origin's host is not the RP ID or below it), AUTHENTICATOR_ALGORITHM (no offered algorithm
    // is supported), AUTHENTICATOR_EXCLUDED (a credential in excludeCredentials lives here),
    // AUTHENTICATOR_UV (required but this authenticator does not verify users), and key
    // generation / signing / CBOR errors.
    [[nodiscard]] oidc::Result<std::string> createCredential(std::string_view options, std::string_view origin,
                                                             const AuthenticatorFaults &faults = {});

    // navigator.credentials.get(): returns the assertion response JSON text for signin/finish.
    // Picks the first stored credential in allowCredentials, or (when that is empty) the newest
    // credential for the RP ID. Errors as above plus AUTHENTICATOR_NO_CREDENTIAL.
    [[nodiscard]] oidc::Result<std::string> getAssertion(std::string_view options, std::string_view origin,
                                                         const AuthenticatorFaults &faults = {});

    [[nodiscard]] const std::vector<SoftwareCredential> &credentials() const { return m_credentials; }
    [[nodiscard]] SoftwareCredential *findCredential(std::string_view id);
    [[nodiscard]] const SoftwareAuthenticatorOptions &options() const { return m_options; }
    void setOptions(SoftwareAuthenticatorOptions options) { m_options = std::move(options); }

    // Credentials with their PRIVATE keys as JWKs, to keep a demo authenticator across runs.
    [[nodiscard]] oidc::Result<oidc::Json> exportCredentials() const;
    // Error: AUTHENTICATOR_STATE (INPUT) for a malformed document.
    [[nodiscard]] oidc::Status importCredentials(const oidc::Json &credentials);

private:
    oidc::Result<std::string> attestationCertificate();

    SoftwareAuthenticatorOptions m_options;
    std::vector<SoftwareCredential> m_credentials;
    std::optional<oidc::crypto::JsonWebKey> m_attestationKey;
    std::string m_attestationCertificate; // DER
};

} // namespace oidc::webauthn
