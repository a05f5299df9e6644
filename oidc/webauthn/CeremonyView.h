#pragma once

// A WebAuthn ceremony taken apart for people ("every byte can be shown"): the credential JSON a
// client sends to a finish call, decoded down to its last byte: clientDataJSON as text and its
// members, the authenticator data part by part with every flag (§6.1), the attested credential
// data with the COSE public key member by member (RFC 9052 §7), the attestation object's fmt and
// statement (§6.5.4), the assertion's signature. Every byte string comes with its hex and
// base64url. The view is computed from the bytes that are sent, so it cannot disagree with them;
// it only decodes, the checks are the relying party's (Descope, or the sandbox's verifier). The
// CLI's --json and the GUI show toJson().
//
// Errors (INPUT): those of the parsers it uses: WEBAUTHN_RESPONSE_SHAPE, WEBAUTHN_CREDENTIAL_ID
// (PublicKeyCredential.h), WEBAUTHN_CLIENT_DATA (ClientData.h), WEBAUTHN_CBOR
// (AttestationObject.h), WEBAUTHN_AUTHDATA (AuthenticatorData.h), WEBAUTHN_COSE_KEY (CoseKey.h).

#include "oidc/Json.h"
#include "oidc/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oidc::webauthn {

// A byte string with the two spellings a person compares with other tools.
struct ByteString final {
    std::string raw;

    [[nodiscard]] std::string hex() const;       // lower case, no separators
    [[nodiscard]] std::string base64Url() const; // RFC 4648 §5, no padding (WebAuthn's JSON form)
    [[nodiscard]] Json toJson() const;           // {"length", "hex", "base64url"}
};

// One flag of the flags byte spelled out for people (§6.1, Level 3 names).
struct FlagView final {
    std::string name;    // "UP", "UV", "BE", "BS", "AT", "ED"
    std::string title;   // "User Present", …
    bool set = false;
    std::string meaning; // what the bit says in the state it is in
};

// The flags byte (§6.1): bit 0 UP, 2 UV, 3 BE, 4 BS, 6 AT, 7 ED; bits 1 and 5 are reserved.
struct AuthenticatorFlags final {
    uint8_t value = 0;
    bool userPresent = false;            // UP
    bool userVerified = false;           // UV
    bool backupEligible = false;         // BE
    bool backupState = false;            // BS
    bool attestedCredentialData = false; // AT
    bool extensionData = false;          // ED

    [[nodiscard]] static AuthenticatorFlags of(uint8_t value);
    [[nodiscard]] Json toJson() const; // {"value", "hex", "UP", "UV", "BE", "BS", "AT", "ED"}
    // The six flags in bit order (UP, UV, BE, BS, AT, ED), each with its name, state and meaning.
    [[nodiscard]] std::vector<FlagView> spelledOut() const;
};

// One member of a COSE_Key, in the order it was encoded.
struct CoseKeyMember final {
    int64_t label = 0;
    std::string name;              // "kty", "alg", "crv", "x", "y", "n", "e", or "label <n>"
    std::optional<int64_t> number; // integer members
    std::optional<ByteString> bytes; // byte-string members
    std::string meaning;           // for numbers: "EC2", "OKP", "RSA", "ES256", "P-256", "Ed25519"…
};

struct CoseKeyView final {
    ByteString encoded;                 // the COSE_Key CBOR exactly as in the authenticator data
    std::string algorithm;              // "ES256", "EdDSA", "RS256"
    std::vector<CoseKeyMember> members;
    Json jwk;                           // the same public key as a JWK (RFC 7517)
};

struct AuthenticatorDataView final {
    ByteString bytes;    // all of it: what the signature covers, before the client data hash
    ByteString rpIdHash; // bytes 0–31: SHA-256 of the RP ID
    AuthenticatorFlags flags; // byte 32
    uint32_t signCount = 0;   // bytes 33–36, big-endian
    // Attested credential data (§6.5.2), present when AT is set (registrations).
    std::optional<ByteString> aaguid;
    std::optional<ByteString> credentialId;
    std::optional<CoseKeyView> credentialPublicKey;
    std::optional<ByteString> extensions; // the extensions CBOR map, when ED is set
};

struct ClientDataView final {
    std::string text;      // clientDataJSON exactly as sent (UTF-8 JSON)
    ByteString bytes;      // the same, as bytes
    ByteString hash;       // SHA-256(clientDataJSON): what the authenticator signs after authData
    std::string type;      // "webauthn.create" / "webauthn.get"
    ByteString challenge;  // the challenge decoded from its base64url
    std::string origin;
    bool crossOrigin = false;
    Json members;          // every member as parsed
};

struct AttestationView final {
    ByteString object;                 // the attestation object (CBOR)
    std::string fmt;                   // "none", "packed", …
    std::optional<int64_t> alg;        // attStmt.alg
    std::string algorithm;             // its name when known ("ES256")
    std::optional<ByteString> signature; // attStmt.sig
    std::vector<ByteString> certificates; // attStmt.x5c, DER
    std::string kind;                  // "none", "self" (packed without x5c), "x5c", or "" for another fmt
};

enum class CeremonyKind { Registration, Assertion };

struct CeremonyView final {
    CeremonyKind kind = CeremonyKind::Registration;
    ByteString credentialId;                 // id / rawId
    ClientDataView clientData;
    AuthenticatorDataView authenticatorData;
    std::optional<AttestationView> attestation; // registrations
    std::vector<std::string> transports;        // registrations: response.transports
    std::optional<ByteString> signature;        // assertions: over authenticatorData ‖ clientData.hash
    std::optional<ByteString> userHandle;       // assertions, when sent

    // {"kind": "registration" | "assertion", "credentialId", "clientData": {"text", "bytes",
    //  "hash", "type", "challenge", "origin", "crossOrigin", "members"}, "authenticatorData":
    //  {"bytes", "rpIdHash", "flags", "flagList" [{"name", "title", "set", "meaning"}], "signCount", "aaguid"?, "credentialId"?,
    //  "credentialPublicKey"? {"encoded", "algorithm", "members", "jwk"}, "extensions"?},
    //  "attestation"? {"object", "fmt", "alg"?, "algorithm", "signature"?, "certificates", "kind"},
    //  "transports"?, "signature"?, "userHandle"?}; byte strings as ByteString::toJson.
    [[nodiscard]] Json toJson() const;
};

// The response JSON a registration (create) / an assertion (get) produced.
[[nodiscard]] Result<CeremonyView> describeRegistration(std::string_view responseJson);
[[nodiscard]] Result<CeremonyView> describeAssertion(std::string_view responseJson);

} // namespace oidc::webauthn
