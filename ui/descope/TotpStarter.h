#pragma once

// TOTP (descope-api.md §8) as a person runs it: the login ID, Sign up → the QR code and the key
// for an authenticator app (TotpEnrollmentView), the app's current code — or the built-in
// calculator's (TotpCalculator, computed from the key by the core, for people without an app at
// hand) — Verify → the session. An existing TOTP user skips the sign-up. The Step-up area uses
// the same widget with the step-up loginOptions (verify only: the user already has a seed).
//
// Object names (besides SignInStarter's, name "totp"): totpSignUpButton, totpEnrollmentView,
// totpCalculator, totpCode, totpVerify.

#include "ui/descope/SignInStarter.h"

namespace ui {

class OtpCodeEdit;
class TotpCalculator;
class TotpEnrollmentView;

class TotpStarter final : public SignInStarter {
    Q_OBJECT
public:
    TotpStarter(DescopeContext &context, StarterSetup setup, QWidget *parent = nullptr);

private:
    void signUp();
    void verify();
    void updateControls() override;
    void resetForProject() override;

    QPushButton *m_signUp;
    TotpEnrollmentView *m_enrollment;
    TotpCalculator *m_calculator;
    OtpCodeEdit *m_code;
    QPushButton *m_verify;
};

} // namespace ui
