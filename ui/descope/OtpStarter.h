#pragma once

// A one-time code (descope-api.md §7) as a person runs it: the method (email, SMS, voice,
// WhatsApp) and the login ID, Start → where the code went (masked), the code (OtpCodeEdit: digits
// only, a pasted "123 456" is fine), Verify → the session. On the sandbox the code arrives in the
// inbox below (PanelInbox) with a Fill button. The Step-up area uses the same widget with the
// step-up loginOptions. Nothing is sent until the user acts.
//
// Object names (besides SignInStarter's, name "otp"): otpMethod, otpSignUp, otpStart, otpMasked,
// otpCode, otpVerify, otpInbox.

#include "ui/descope/SignInStarter.h"

#include "oidc/descope/PasswordlessStart.h"

class QCheckBox;

namespace ui {

class DeliveryMethodCombo;
class OtpCodeEdit;
class PanelInbox;

class OtpStarter final : public SignInStarter {
    Q_OBJECT
public:
    OtpStarter(DescopeContext &context, StarterSetup setup, QWidget *parent = nullptr);

private:
    void start();
    void verify();
    void updateControls() override;
    void resetForProject() override;

    DeliveryMethodCombo *m_method;
    QCheckBox *m_signUp;
    QPushButton *m_start;
    QLabel *m_masked;
    OtpCodeEdit *m_code;
    QPushButton *m_verify;
    PanelInbox *m_inbox;
    // What Start sent, which Verify must name again.
    std::optional<oidc::descope::DeliveryMethod> m_startedMethod;
    std::string m_startedLoginId;
};

} // namespace ui
