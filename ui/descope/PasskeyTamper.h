#pragma once

// The tamper switches of the Passkeys area (issue 10): each makes the software authenticator
// produce a response that is wrong in exactly one way (the core's AuthenticatorFaults; the
// response stays correctly signed unless the signature is the defect), so that the relying party
// refuses it. Each is labelled with the rule of W3C WebAuthn Level 3 it breaks (§7.1 registration,
// §7.2 assertion); the verdict is the server's, never computed here.

#include "oidc/Result.h"
#include "oidc/webauthn/SoftwareAuthenticator.h"

#include <QString>

#include <string>
#include <vector>

namespace ui {

enum class PasskeyTamper {
    None,
    WrongOrigin,         // clientDataJSON.origin: same host, other scheme
    WrongRpIdHash,       // authenticatorData.rpIdHash of another RP ID
    UserPresenceCleared, // the UP flag cleared
    CounterRolledBack,   // an assertion's signCount reported as 0
    SignatureFlipped,    // one bit of the signature flipped
    StaleChallenge,      // the challenge of the previous ceremony
};

[[nodiscard]] std::vector<PasskeyTamper> passkeyTampers();
// "Wrong origin", for the switch.
[[nodiscard]] QString passkeyTamperLabel(PasskeyTamper tamper);
// The rule it breaks, in words with its section ("clientDataJSON.origin must be … (§7.1, §7.2)").
[[nodiscard]] QString passkeyTamperRule(PasskeyTamper tamper);

// The faults and the origin to sign with, given the origin a correct response has and the raw
// challenge of the previous ceremony (empty when there was none: StaleChallenge is then refused
// with PASSKEY_NO_EARLIER_CEREMONY, INPUT).
struct TamperedCeremony final {
    oidc::webauthn::AuthenticatorFaults faults;
    std::string origin;
};
[[nodiscard]] oidc::Result<TamperedCeremony> tamperCeremony(PasskeyTamper tamper, const std::string &origin,
                                                            const std::string &previousChallenge);

} // namespace ui
