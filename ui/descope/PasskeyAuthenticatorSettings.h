#pragma once

// The software authenticator's settings in the Passkeys area, over what the core's
// SoftwareAuthenticator supports (SoftwareAuthenticatorOptions): the attestation it returns
// (none, packed self, packed with an x5c certificate), whether it verifies the user (UV: set
// unless the relying party says "discouraged"), and the backup flags (BE, and BS, which only a
// backup-eligible credential can have: §6.1.3). They are kept in the authenticator's file with
// its credentials. Beside them, what the start asks the server to request (Descope's
// passkeyOptions userVerification): the server's default, required, preferred or discouraged.
// Object names: attestationCombo, userVerifyingCheck, backupEligibleCheck, backupStateCheck,
// requestUserVerificationCombo.

#include "oidc/Json.h"
#include "oidc/webauthn/SoftwareAuthenticator.h"

#include <QWidget>

class QCheckBox;
class QComboBox;

namespace ui {

class PasskeyAuthenticatorSettings final : public QWidget {
    Q_OBJECT
public:
    explicit PasskeyAuthenticatorSettings(QWidget *parent = nullptr);

    // Shows the settings the authenticator has (read from its file).
    void showSettings(const oidc::webauthn::SoftwareAuthenticatorOptions &settings);
    // The chosen settings written over `settings` (algorithms, AAGUID, transports stay).
    void applyTo(oidc::webauthn::SoftwareAuthenticatorOptions &settings) const;
    // Descope's passkeyOptions for the start call: null for the server's default.
    [[nodiscard]] oidc::Json passkeyOptions() const;

private:
    QComboBox *m_attestation;
    QCheckBox *m_userVerifying;
    QCheckBox *m_backupEligible;
    QCheckBox *m_backupState;
    QComboBox *m_requestUserVerification;
};

} // namespace ui
