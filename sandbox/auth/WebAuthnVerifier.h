#pragma once

// The finish half of a WebAuthn ceremony: verifies what the client sent to
// /v1/auth/webauthn/*/finish (descope-api.md §9: "response" is a JSON *string*) against the
// transaction kept since start. Registration follows W3C WebAuthn Level 3 §7.1, authentication
// §7.2. Pure: the caller passes the time and owns all storage.
//
// The parsing (the response JSON, clientDataJSON, CBOR, authenticator data, COSE keys) is the
// core's (oidc/webauthn), the checks are here. Every failure is an oidc::Error of category SANDBOX
// (CRYPTO only when OpenSSL itself fails) with one of these codes (details in
// sandbox/auth/README.md): WEBAUTHN_RESPONSE_SHAPE, WEBAUTHN_CREDENTIAL_ID, WEBAUTHN_TIMEOUT,
// WEBAUTHN_CLIENT_DATA, WEBAUTHN_TYPE, WEBAUTHN_CHALLENGE, WEBAUTHN_ORIGIN, WEBAUTHN_CROSS_ORIGIN,
// WEBAUTHN_CBOR, WEBAUTHN_AUTHDATA, WEBAUTHN_RPID_HASH, WEBAUTHN_FLAGS_UP, WEBAUTHN_FLAGS_UV,
// WEBAUTHN_FLAGS_BACKUP, WEBAUTHN_FLAGS_AT, WEBAUTHN_COSE_KEY, WEBAUTHN_ALGORITHM,
// WEBAUTHN_ATTESTATION_FORMAT, WEBAUTHN_ATTESTATION_STATEMENT, WEBAUTHN_ATTESTATION_ALG,
// WEBAUTHN_ATTESTATION_SIGNATURE, WEBAUTHN_ATTESTATION_CERTIFICATE, WEBAUTHN_CREDENTIAL_EXCLUDED,
// WEBAUTHN_CREDENTIAL_UNKNOWN, WEBAUTHN_CREDENTIAL_NOT_ALLOWED, WEBAUTHN_CREDENTIAL_USER,
// WEBAUTHN_USER_HANDLE, WEBAUTHN_SIGNATURE, WEBAUTHN_COUNTER.

#include "WebAuthnCredential.h"
#include "WebAuthnOptions.h"

#include "oidc/Result.h"
#include "oidc/webauthn/PublicKeyCredential.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sandbox::auth {

// The finish calls' `response` (oidc/webauthn/PublicKeyCredential.h: the shape and the size caps
// are the core's, one parser for the client and the server).
using oidc::webauthn::AssertionResponse;
using oidc::webauthn::RegistrationResponse;

// signup/finish's `response`: the core's parser, its failures reported as SANDBOX like the rest.
[[nodiscard]] oidc::Result<RegistrationResponse> parseRegistrationResponse(std::string_view responseJson);

// §7.1 in full: clientDataJSON type/challenge/origin/crossOrigin, attestationObject CBOR, rpIdHash,
// UP, UV (when the transaction required it), BE/BS consistency, AT and the attested credential
// data, credential ID = rawId, COSE key, algorithm among pubKeyCredParams, attestation
// statement ("none" with an empty statement; "packed" self attestation; "packed" with x5c is
// accepted after verifying the signature with the certificate's key and the §8.2.1 certificate
// requirements, WITHOUT any trust chain: AttestationType::BasicUntrusted), not in
// excludeCredentials, transaction not expired (nowUnix ≤ expiresAtUnix).
// The caller must still refuse a credential ID that is already registered to anyone (§7.1 step
// 26), then store the returned record.
[[nodiscard]] oidc::Result<WebAuthnCredential> verifyRegistration(const RegistrationTransaction &transaction,
                                                                  const RegistrationResponse &response, int64_t nowUnix);
[[nodiscard]] oidc::Result<WebAuthnCredential> verifyRegistration(const RegistrationTransaction &transaction,
                                                                  std::string_view responseJson, int64_t nowUnix);

// signin/finish's `response`, the same way.
[[nodiscard]] oidc::Result<AssertionResponse> parseAssertionResponse(std::string_view responseJson);

struct AssertionResult final {
    std::string credentialId;
    std::string userHandle;    // the credential's user: sign this user in
    uint32_t signCount = 0;    // the new counter (already written to the credential)
    bool userVerified = false; // UV
    bool backupState = false;  // BS
};

// §7.2 against one stored credential: ownership (the ID is in allowCredentials when that is
// non-empty; the credential belongs to transaction.userHandle when the user was identified; a
// userHandle in the response equals the credential's, and is required when the user was not
// identified), clientDataJSON, rpIdHash, UP, UV, BE unchanged, signature over authenticatorData ‖
// SHA-256(clientDataJSON), and the signature counter (when either counter is non-zero the new
// one must be greater: a clone or a replay is refused). On success the credential's signCount
// and backupState are updated in place; on failure it is untouched.
[[nodiscard]] oidc::Result<AssertionResult> verifyAssertion(const AuthenticationTransaction &transaction,
                                                            const AssertionResponse &response,
                                                            WebAuthnCredential &credential, int64_t nowUnix);

// Convenience: parses `responseJson`, finds the credential by ID among `candidates` (the
// user's credentials, or every credential of the RP for a discoverable sign-in) and verifies.
// WEBAUTHN_CREDENTIAL_UNKNOWN when no candidate has that ID.
[[nodiscard]] oidc::Result<AssertionResult> verifyAssertion(const AuthenticationTransaction &transaction,
                                                            std::string_view responseJson,
                                                            std::span<WebAuthnCredential> candidates, int64_t nowUnix);

} // namespace sandbox::auth
