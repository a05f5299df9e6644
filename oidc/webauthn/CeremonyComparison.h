#pragma once

// What a ceremony's response says next to what it should say (W3C WebAuthn Level 2/3 §7.1
// registration, §7.2 assertion): clientDataJSON's type, challenge and origin against the
// expected type, the options' challenge and the origin the ceremony was run for; the
// authenticator data's rpIdHash against SHA-256 of the options' RP ID; the UP flag and, when the
// options require it, UV. Each comparison is a field the inspector shows beside the bytes and a
// ClaimCheck citing its step, computed here once. These are the client-visible halves of the
// relying party's checks, shown to explain its verdict; the verdict stays the server's (the
// signature, the counter and the attestation need its stored state).

#include "CeremonyOptionsView.h"
#include "CeremonyView.h"

#include "oidc/Json.h"
#include "oidc/jwt/ClaimChecks.h"

#include <string>
#include <string_view>
#include <vector>

namespace oidc::webauthn {

struct CeremonyComparison final {
    std::string rpId;            // the options' RP ID, or the origin's host when they name none (§5.4.2)
    ByteString expectedRpIdHash; // SHA-256(rpId)
    bool rpIdHashMatches = false;
    std::string expectedType;    // "webauthn.create" / "webauthn.get"
    bool typeMatches = false;
    ByteString expectedChallenge; // the options' challenge
    bool challengeMatches = false;
    std::string expectedOrigin;  // the origin the ceremony was run for
    bool originMatches = false;
    // type, challenge, origin, rpIdHash, UP, UV (ids "webauthn.type", "webauthn.challenge", …),
    // in the order of §7.1 / §7.2; UV is skipped unless the options require it.
    std::vector<jwt::ClaimCheck> checks;

    [[nodiscard]] bool allMatch() const; // no check failed
    // {"rpId", "expectedRpIdHash", "rpIdHashMatches", "expectedType", "typeMatches",
    //  "expectedChallenge", "challengeMatches", "expectedOrigin", "originMatches",
    //  "checks": [{"id", "rule", "outcome": "pass"|"fail"|"skip", "detail", "code"}]}
    [[nodiscard]] Json toJson() const;
};

[[nodiscard]] CeremonyComparison compareCeremony(const CeremonyView &response, const CeremonyOptionsView &options,
                                                 std::string_view expectedOrigin);

} // namespace oidc::webauthn
