#pragma once

// A PublicKeyCredential as JSON (W3C WebAuthn Level 3 §5.1, the form of toJSON() and of
// Descope's finish calls, descope-api.md §9: "response" is a JSON *string*):
// {"id","rawId","type":"public-key","response":{…},"authenticatorAttachment"?,
// "clientExtensionResults"?}, binary members base64url. The software authenticator writes it;
// the sandbox's verifier and the decoded ceremony view read it with the parsers below, which
// check the shape and the size caps before anything is decoded. Extra members are ignored.

#include "oidc/Result.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oidc::webauthn {

// Size caps applied before anything is decoded (clientDataJSON: ClientData.h; authenticator data:
// AuthenticatorData.h).
inline constexpr size_t kMaxResponseJsonBytes = 64 * 1024;
inline constexpr size_t kMaxAttestationObjectBytes = 32 * 1024;
inline constexpr size_t kMaxSignatureBytes = 1024;
inline constexpr size_t kMaxUserHandleBytes = 64;

// AuthenticatorAttestationResponse (§5.2.1) inside its credential: what signup/finish receives.
struct RegistrationResponse final {
    std::string credentialId;      // rawId (must equal id)
    std::string clientDataJson;    // raw bytes
    std::string attestationObject; // raw CBOR
    std::vector<std::string> transports;
};

// AuthenticatorAssertionResponse (§5.2.2) inside its credential: what signin/finish receives.
// An absent, null or empty userHandle is nullopt.
struct AssertionResponse final {
    std::string credentialId;               // rawId (must equal id): look the credential up by it
    std::string clientDataJson;
    std::string authenticatorData;
    std::string signature;
    std::optional<std::string> userHandle;  // raw bytes: the user, for discoverable credentials
};

// Errors (INPUT): WEBAUTHN_RESPONSE_SHAPE (not a JSON object, over 64 KiB, a duplicate member,
// type ≠ "public-key", a member missing, not base64url or over its cap: clientDataJSON 8 KiB,
// attestationObject 32 KiB, authenticatorData 16 KiB, signature 1 KiB, userHandle 64 bytes),
// WEBAUTHN_CREDENTIAL_ID (id ≠ rawId, or not 1–1023 bytes).
[[nodiscard]] Result<RegistrationResponse> parseRegistrationResponse(std::string_view responseJson);
[[nodiscard]] Result<AssertionResponse> parseAssertionResponse(std::string_view responseJson);

} // namespace oidc::webauthn
