#pragma once

// The options a relying party's start call returned (W3C WebAuthn Level 3 §5.4
// PublicKeyCredentialCreationOptions, §5.5 PublicKeyCredentialRequestOptions, in the JSON form
// Descope sends: {"publicKey": …}, binary members base64url), decoded for people: the challenge
// as bytes, the RP, the user, the algorithms offered with their names, the authenticator
// selection, the credentials excluded or allowed, the timeout. Like CeremonyView it only decodes;
// the software authenticator reads the same options for itself (SoftwareAuthenticator.cpp).
//
// Error (INPUT): WEBAUTHN_OPTIONS: not a JSON object, or a member of the wrong type (a challenge
// or an ID that is not base64url, a non-integer alg or timeout).

#include "CeremonyView.h"

#include "oidc/Json.h"
#include "oidc/Result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oidc::webauthn {

// One entry of pubKeyCredParams (§5.3).
struct CredentialParameterView final {
    std::string type;      // "public-key"
    int64_t alg = 0;       // a COSE algorithm identifier
    std::string algorithm; // its name when known here ("ES256", "EdDSA", "RS256"), else ""
};

// One entry of excludeCredentials / allowCredentials (§5.8.3).
struct CredentialDescriptorView final {
    ByteString id;
    std::vector<std::string> transports;
};

struct CeremonyOptionsView final {
    CeremonyKind kind = CeremonyKind::Registration; // registration when the options name rp and user
    ByteString challenge;
    std::string rpId;   // rp.id (create) or rpId (get); empty: the page's effective domain (§5.4.2)
    std::string rpName; // rp.name (create)
    // create: user.{id, name, displayName} (§5.4.3)
    std::optional<ByteString> userId;
    std::string userName;
    std::string userDisplayName;
    std::vector<CredentialParameterView> pubKeyCredParams;
    // create: authenticatorSelection (§5.4.4); "" where not given
    std::string authenticatorAttachment;
    std::string residentKey;
    std::string attestation; // create: "none", "indirect", "direct", "enterprise"
    std::string userVerification; // create: authenticatorSelection.userVerification; get: userVerification
    std::vector<CredentialDescriptorView> credentials; // create: excludeCredentials; get: allowCredentials
    std::optional<int64_t> timeoutMs;

    // {"kind", "challenge", "rpId", "rpName"?, "user"? {"id", "name", "displayName"},
    //  "pubKeyCredParams"? [{"type", "alg", "algorithm"}], "authenticatorSelection"?
    //  {"authenticatorAttachment", "residentKey", "userVerification"}, "attestation"?,
    //  "userVerification"? (get), "excludeCredentials" | "allowCredentials": [{"id", "transports"}],
    //  "timeout"?}; byte strings as ByteString::toJson.
    [[nodiscard]] Json toJson() const;
};

// `optionsText`: Descope's {"publicKey": …} or the bare publicKey object.
[[nodiscard]] Result<CeremonyOptionsView> describeOptions(std::string_view optionsText);

} // namespace oidc::webauthn
