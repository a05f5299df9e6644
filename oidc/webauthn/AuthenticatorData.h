#pragma once

// Authenticator data (WebAuthn §6.1): rpIdHash (32) ‖ flags (1) ‖ signCount (4, big-endian)
// ‖ attested credential data (§6.5.2, when AT) ‖ extensions (CBOR map, when ED).

#include "oidc/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace oidc::webauthn {

// Flag bits (§6.1, Level 3 names).
inline constexpr uint8_t kFlagUserPresent = 0x01;          // UP
inline constexpr uint8_t kFlagUserVerified = 0x04;         // UV
inline constexpr uint8_t kFlagBackupEligible = 0x08;       // BE
inline constexpr uint8_t kFlagBackupState = 0x10;          // BS
inline constexpr uint8_t kFlagAttestedCredentialData = 0x40; // AT
inline constexpr uint8_t kFlagExtensionData = 0x80;        // ED

inline constexpr size_t kMaxCredentialIdBytes = 1023; // Level 3 §6.5.2 credentialIdLength
inline constexpr size_t kMaxAuthenticatorDataBytes = 16 * 1024;

struct AttestedCredentialData final {
    std::string aaguid;        // 16 bytes
    std::string credentialId;  // 1…1023 bytes
    std::string publicKeyCose; // the credentialPublicKey COSE_Key, exactly its CBOR bytes
};

struct AuthenticatorData final {
    std::string rpIdHash; // 32 bytes: SHA-256 of the RP ID
    uint8_t flags = 0;
    uint32_t signCount = 0;
    std::optional<AttestedCredentialData> attestedCredential; // present iff AT
    std::string extensions; // CBOR bytes of the extensions map, present iff ED

    [[nodiscard]] bool userPresent() const { return (flags & kFlagUserPresent) != 0; }
    [[nodiscard]] bool userVerified() const { return (flags & kFlagUserVerified) != 0; }
    [[nodiscard]] bool backupEligible() const { return (flags & kFlagBackupEligible) != 0; }
    [[nodiscard]] bool backupState() const { return (flags & kFlagBackupState) != 0; }
};

// Parses and bounds-checks every length: 37 bytes at least; when AT, the credential ID length
// (≤ 1023) and a well-formed COSE_Key CBOR item; when ED, one CBOR map; nothing may follow.
// Errors (INPUT): WEBAUTHN_AUTHDATA (truncated, trailing bytes, AT/ED inconsistent, too
// large), WEBAUTHN_CBOR (the embedded CBOR is malformed).
[[nodiscard]] oidc::Result<AuthenticatorData> parseAuthenticatorData(std::string_view bytes);

// The byte form of `data` (the software authenticator). AT and ED flags are set from the
// presence of attestedCredential/extensions; the other flags are taken as given.
[[nodiscard]] std::string encodeAuthenticatorData(const AuthenticatorData &data);

} // namespace oidc::webauthn
