#include "PasskeyTamper.h"

#include "oidc/webauthn/AuthenticatorData.h"

namespace ui {

std::vector<PasskeyTamper> passkeyTampers()
{
    return {PasskeyTamper::None,           PasskeyTamper::WrongOrigin,      PasskeyTamper::WrongRpIdHash, PasskeyTamper::UserPresenceCleared,
            PasskeyTamper::CounterRolledBack, PasskeyTamper::SignatureFlipped, PasskeyTamper::StaleChallenge};
}

QString passkeyTamperLabel(PasskeyTamper tamper)
{
    switch (tamper) {
    case PasskeyTamper::None:
        return QStringLiteral("No tampering");
    case PasskeyTamper::WrongOrigin:
        return QStringLiteral("Wrong origin");
    case PasskeyTamper::WrongRpIdHash:
        return QStringLiteral("Wrong rpId hash");
    case PasskeyTamper::UserPresenceCleared:
        return QStringLiteral("UP flag cleared");
    case PasskeyTamper::CounterRolledBack:
        return QStringLiteral("Counter rolled back");
    case PasskeyTamper::SignatureFlipped:
        return QStringLiteral("Signature flipped");
    case PasskeyTamper::StaleChallenge:
        return QStringLiteral("Challenge from an earlier ceremony");
    }
    return {};
}

QString passkeyTamperRule(PasskeyTamper tamper)
{
    switch (tamper) {
    case PasskeyTamper::None:
        return QStringLiteral("The authenticator answers correctly.");
    case PasskeyTamper::WrongOrigin:
        return QStringLiteral("clientDataJSON.origin must be an origin the relying party expects (WebAuthn §7.1, §7.2).");
    case PasskeyTamper::WrongRpIdHash:
        return QStringLiteral("authenticatorData.rpIdHash must be the SHA-256 of the RP ID (WebAuthn §7.1, §7.2).");
    case PasskeyTamper::UserPresenceCleared:
        return QStringLiteral("The UP flag must be set: a user was present (WebAuthn §7.1, §7.2).");
    case PasskeyTamper::CounterRolledBack:
        return QStringLiteral("An assertion's signCount must exceed the stored one, or the authenticator may be cloned (WebAuthn §7.2). "
                              "Sign-ins only.");
    case PasskeyTamper::SignatureFlipped:
        return QStringLiteral("The signature must verify with the credential's public key (WebAuthn §7.2; attestation §8.2).");
    case PasskeyTamper::StaleChallenge:
        return QStringLiteral("clientDataJSON.challenge must be this ceremony's challenge, never an earlier one (WebAuthn §7.1, §7.2, §13.4.3).");
    }
    return {};
}

oidc::Result<TamperedCeremony> tamperCeremony(PasskeyTamper tamper, const std::string &origin, const std::string &previousChallenge)
{
    TamperedCeremony tampered{{}, origin};
    switch (tamper) {
    case PasskeyTamper::None:
        break;
    case PasskeyTamper::WrongOrigin:
        // The same host (the authenticator still accepts the RP ID) under the other scheme: an
        // origin the relying party did not list.
        tampered.origin = origin.starts_with("https://") ? "http://" + origin.substr(8)
                          : origin.starts_with("http://") ? "https://" + origin.substr(7)
                                                          : origin;
        break;
    case PasskeyTamper::WrongRpIdHash:
        tampered.faults.rpIdForHash = "attacker.example";
        break;
    case PasskeyTamper::UserPresenceCleared:
        tampered.faults.clearFlags = oidc::webauthn::kFlagUserPresent;
        break;
    case PasskeyTamper::CounterRolledBack:
        tampered.faults.signCount = 0;
        break;
    case PasskeyTamper::SignatureFlipped:
        tampered.faults.corruptSignature = true;
        break;
    case PasskeyTamper::StaleChallenge:
        if (previousChallenge.empty())
            return oidc::makeError(oidc::ErrorCategory::Input, "PASSKEY_NO_EARLIER_CEREMONY",
                                   "no earlier ceremony yet: run one first, then replay its challenge");
        tampered.faults.challenge = previousChallenge;
        break;
    }
    return tampered;
}

} // namespace ui
