#pragma once

// CollectedClientData (W3C WebAuthn Level 3 §5.8.1): the JSON the client builds and the
// authenticator signs the hash of. The sandbox's verifier checks its members (§7.1 steps 7–10,
// §7.2 steps 10–13); the decoded ceremony view shows them.

#include "oidc/Json.h"
#include "oidc/Result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace oidc::webauthn {

inline constexpr size_t kMaxClientDataBytes = 8 * 1024;

struct ClientData final {
    std::string type;         // "type": "webauthn.create" or "webauthn.get"
    std::string challenge;    // "challenge": as sent, base64url text
    std::string origin;       // "origin"
    bool crossOrigin = false; // "crossOrigin" (absent or null: false)
    Json members;             // the whole object, extra members (topOrigin, tokenBinding…) included
};

// Parses clientDataJSON strictly (duplicate names refused): an object with string type,
// challenge and origin, and crossOrigin absent, null or a boolean. Error: WEBAUTHN_CLIENT_DATA
// (INPUT), also for more than 8 KiB.
[[nodiscard]] Result<ClientData> parseClientData(std::string_view bytes);

} // namespace oidc::webauthn
