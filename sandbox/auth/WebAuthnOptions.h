#pragma once

// The start half of a WebAuthn ceremony (W3C WebAuthn Level 3 §5.4, §5.5): builds the options
// Descope's /v1/auth/webauthn/*/start routes return (descope-api.md §9: "options" is a JSON
// *string* of {"publicKey": {…}} in WebAuthn-JSON form, binary members base64url without padding)
// and the transaction the caller keeps until the matching finish call.

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/webauthn/CoseKey.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sandbox::auth {

// The COSE algorithms are the core's (oidc/webauthn/CoseKey.h), shared with the client.
using oidc::webauthn::CoseAlgorithm;

// UserVerificationRequirement (§5.8.6).
enum class UserVerification { Required, Preferred, Discouraged };
[[nodiscard]] std::string_view userVerificationName(UserVerification requirement); // "required", …
[[nodiscard]] std::optional<UserVerification> parseUserVerification(std::string_view name);

// Descope's `passkeyOptions` request member (descope-api.md §9; OAS PasskeyOptions). Unset
// members take the defaults noted.
struct PasskeyOptions final {
    // authenticatorSelection.authenticatorAttachment: "platform" or "cross-platform" (Descope
    // sends "crossplatform"; "any" and "" mean unset → member omitted).
    std::optional<std::string> authenticatorAttachment;
    // authenticatorSelection.residentKey: "required", "preferred" (default), "discouraged".
    std::optional<std::string> residentKey;
    // authenticatorSelection.userVerification, for registration (default preferred).
    std::optional<UserVerification> registrationUserVerification;
    // attestation: "none" (default), "indirect", "direct", "enterprise".
    std::optional<std::string> attestation;
    // top-level userVerification, for authentication (default preferred).
    std::optional<UserVerification> authenticationUserVerification;
};

// Reads the JSON Descope clients send (null or absent → all unset). Strings only (lowercase);
// numeric protobuf enums are accepted only as 0 (= unset); extensionsJSON is ignored.
// Error: WEBAUTHN_PASSKEY_OPTIONS (INPUT) naming the member.
[[nodiscard]] oidc::Result<PasskeyOptions> parsePasskeyOptions(const oidc::Json &passkeyOptions);

struct RelyingParty final {
    std::string id;                   // RP ID (§5.1.2), e.g. "localhost"; a host name, no scheme or port
    std::string name;                 // rp.name (defaults to the id)
    std::vector<std::string> origins; // origins accepted in clientDataJSON, compared exactly
                                      // ("https://localhost:8443", "android:apk-key-hash:…")
};

struct WebAuthnUser final {
    std::string handle;      // user.id: 1…64 opaque bytes (§5.4.3), no personal data: e.g. the user ID
    std::string name;        // user.name, e.g. the login ID
    std::string displayName; // user.displayName (defaults to name)
};

struct CredentialDescriptor final {
    std::string id;                      // raw credential ID bytes
    std::vector<std::string> transports; // optional hints ("internal", "usb", "hybrid", …)
};

inline constexpr int64_t kDefaultTimeoutMs = 300000; // §15.1 recommends 5–10 minutes

// Registration: signup/start, signup-in/start (new user), update/start (add a device).
struct RegistrationOptionsRequest final {
    RelyingParty relyingParty;
    WebAuthnUser user;
    std::vector<CredentialDescriptor> excludeCredentials; // the user's existing credentials (update)
    PasskeyOptions passkeyOptions;
    std::vector<CoseAlgorithm> algorithms{CoseAlgorithm::ES256, CoseAlgorithm::RS256}; // pubKeyCredParams, in order
    int64_t timeoutMs = kDefaultTimeoutMs; // 10 000…600 000
    int64_t nowUnix = 0;                   // when the transaction starts (Unix seconds)
};

// What both ceremonies keep from start to finish and check the response against (§7.1, §7.2).
// It holds no secret, but the challenge must be used once: delete the transaction when finish
// is called, whatever the outcome.
struct CeremonyTransaction {
    std::string challenge;                 // raw bytes (32, from oidc::crypto::randomBytes)
    std::string rpId;
    std::vector<std::string> origins;
    // Raw user.id: the user a credential is created for, or the user expected to sign in
    // (empty: not identified before, a discoverable-credential sign-in).
    std::string userHandle;
    UserVerification userVerification = UserVerification::Preferred;
    int64_t expiresAtUnix = 0;             // nowUnix + timeout
};

// What the caller stores per registration transaction (keyed by its transactionId) and hands
// to verifyRegistration.
struct RegistrationTransaction final : CeremonyTransaction {
    std::vector<CoseAlgorithm> algorithms; // accepted credential algorithms (pubKeyCredParams)
    std::vector<std::string> excludeCredentialIds; // raw IDs that must not be registered again

    [[nodiscard]] oidc::Json toJson() const; // binary members base64url
    // Error: WEBAUTHN_TRANSACTION (SANDBOX) for a malformed document.
    [[nodiscard]] static oidc::Result<RegistrationTransaction> fromJson(const oidc::Json &json);
};

struct RegistrationStart final {
    RegistrationTransaction transaction;
    oidc::Json publicKey; // PublicKeyCredentialCreationOptions in WebAuthn-JSON form
    std::string options;  // Descope's "options": the JSON text of {"publicKey": publicKey}
};

// A fresh challenge and the creation options: challenge, rp {id, name}, user {id, name,
// displayName}, pubKeyCredParams, timeout, authenticatorSelection {authenticatorAttachment?,
// residentKey, requireResidentKey, userVerification}, attestation, excludeCredentials.
// Errors: WEBAUTHN_OPTIONS (INPUT, a bad request member), RANDOM_FAILED (CRYPTO).
[[nodiscard]] oidc::Result<RegistrationStart> startRegistration(const RegistrationOptionsRequest &request);

// Authentication: signin/start, signup-in/start (existing user).
struct AuthenticationOptionsRequest final {
    RelyingParty relyingParty;
    // The user when the client named one (loginId); empty for a discoverable-credential sign-in
    // where the authenticator tells us the user (then allowCredentials is usually empty too).
    std::string userHandle;
    std::vector<CredentialDescriptor> allowCredentials; // that user's credentials
    PasskeyOptions passkeyOptions;
    int64_t timeoutMs = kDefaultTimeoutMs;
    int64_t nowUnix = 0;
};

// What the caller stores per authentication transaction and hands to verifyAssertion.
struct AuthenticationTransaction final : CeremonyTransaction {
    std::vector<std::string> allowCredentialIds; // raw IDs; empty: any credential of the user/RP

    [[nodiscard]] oidc::Json toJson() const;
    [[nodiscard]] static oidc::Result<AuthenticationTransaction> fromJson(const oidc::Json &json);
};

struct AuthenticationStart final {
    AuthenticationTransaction transaction;
    oidc::Json publicKey; // PublicKeyCredentialRequestOptions in WebAuthn-JSON form
    std::string options;  // Descope's "options": the JSON text of {"publicKey": publicKey}
};

// challenge, timeout, rpId, allowCredentials, userVerification.
[[nodiscard]] oidc::Result<AuthenticationStart> startAuthentication(const AuthenticationOptionsRequest &request);

} // namespace sandbox::auth
