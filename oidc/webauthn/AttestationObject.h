#pragma once

// The attestation object (W3C WebAuthn Level 3 §6.5.4): the CBOR map {"fmt": text,
// "attStmt": map, "authData": bytes} a registration returns. Decoded here for the sandbox's
// verifier (§7.1 step 12) and the decoded ceremony view; the statement formats themselves
// (§8.2 packed, §8.7 none) are the verifier's business.

#include "Cbor.h"

#include "oidc/Result.h"

#include <string_view>

namespace oidc::webauthn {

// The decoded object. The views borrow from `document`, which owns the libcbor tree.
struct AttestationObject final {
    CborDocument document;
    std::string_view fmt;
    const cbor_item_t *statement = nullptr; // attStmt, a map
    std::string_view authData;
};

// Strict CBOR (Cbor.h) of at most 32 KiB with the three members of the right types.
// Error: WEBAUTHN_CBOR (INPUT).
[[nodiscard]] Result<AttestationObject> decodeAttestationObject(std::string_view bytes);

} // namespace oidc::webauthn
