#pragma once

// A magic link (descope-api.md §6) as a person runs it: the method (email, SMS, WhatsApp), the
// login ID and where the link leads (URI; empty: the project's setting), Start → where it went
// (masked); then the link itself or its token, pasted (the core's linkToken takes the t parameter
// of a whole link) → Verify → the session. On the sandbox the link arrives in the inbox below
// (PanelInbox), whose Verify button verifies it at once. The Step-up area uses the same widget
// with the step-up loginOptions. Nothing is sent until the user acts.
//
// Object names (besides SignInStarter's, name "magicLink"): magicLinkMethod, magicLinkUri,
// magicLinkSignUp, magicLinkStart, magicLinkMasked, magicLinkToken, magicLinkTokenNote,
// magicLinkVerify, magicLinkInbox.

#include "ui/descope/SignInStarter.h"

class QCheckBox;

namespace ui {

class DeliveryMethodCombo;
class PanelInbox;

class MagicLinkStarter final : public SignInStarter {
    Q_OBJECT
public:
    MagicLinkStarter(DescopeContext &context, StarterSetup setup, QWidget *parent = nullptr);

private:
    void start();
    void verify();
    void tokenEdited();
    void updateControls() override;
    void resetForProject() override;

    DeliveryMethodCombo *m_method;
    QLineEdit *m_uri;
    QCheckBox *m_signUp;
    QPushButton *m_start;
    QLabel *m_masked;
    QLineEdit *m_token;
    QLabel *m_tokenNote;
    QPushButton *m_verify;
    PanelInbox *m_inbox;
};

} // namespace ui
