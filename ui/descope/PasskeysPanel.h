#pragma once

// The Passkeys area (issue 10; descope-api.md §9): sign up, sign in, sign up or in, and add a
// device to the signed-in user, each as Descope's start → the ceremony → finish, with the core's
// software authenticator (its credentials listed, picked and deleted: PasskeyCredentialsView),
// against the sandbox or a real Descope project. The ceremony inspector shows the options and
// the response decoded side by side (PasskeyCeremonyInspector); the session a finish returns is
// shown like every session (SessionView) and becomes the app's current Descope session; the
// area's requests are listed (AreaExchangeList) and refusals shown with Descope's code
// (RefusalBanner). Tamper switches make the authenticator break one rule (PasskeyTamper.h).
// The authenticator is chosen: the software one or the system browser, which runs the ceremony on
// a page this app serves on http://localhost:<port> (PasskeyBrowserAuthenticator, PasskeyBrowserWait).
// The steps are PasskeyRun's; this class lays out the parts and connects them.
// The authenticator's settings (PasskeyAuthenticatorSettings) apply to the next ceremony; on a
// real project the passkey domain is shown and editable before starting (PasskeyDomainBox).
// "Add a device" is the one action that needs a signed-in session: the note saying so stands
// beside it, only while there is none.
// Object names: passkeysPanel, authenticatorCombo, authenticatorNote, loginIdEdit, displayNameEdit, signUpButton, signInButton,
// signUpOrInButton, addDeviceButton, addDeviceNeedsSession, cancelButton, algorithmCombo,
// tamperCombo, tamperRule, passkeyRefusal, runStatus, passkeyTabs.

#include "ui/descope/PasskeyBrowserAuthenticator.h"

#include "oidc/descope/DescopeSession.h"
#include "oidc/descope/WebAuthnApi.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace ui {

enum class Tone;
class DescopeContext;
class PasskeyAuthenticatorSettings;
class PasskeyCeremonyInspector;
class PasskeyCredentialsView;
class PasskeyDomainBox;
class PasskeyRun;
class RefusalBanner;
class SessionView;

class PasskeysPanel final : public QWidget {
    Q_OBJECT
public:
    // `authenticatorPath`: the software authenticator's file; empty: under the app's data directory.
    explicit PasskeysPanel(DescopeContext &context, const QString &authenticatorPath = {}, QWidget *parent = nullptr);
    ~PasskeysPanel() override;

    // <AppDataLocation>/passkeys/software-authenticator.json
    [[nodiscard]] static QString defaultAuthenticatorPath();

    // How the system browser is opened (QDesktopServices::openUrl unless set), as
    // FlowRunner::setSystemBrowserOpener: a test hands the page to a headless Chromium.
    void setSystemBrowserOpener(PasskeyBrowserAuthenticator::Opener opener);

private:
    QWidget *buildStart();
    QWidget *buildResults();
    void followProject();
    void chooseAuthenticator();
    void updateBusy();
    void start(oidc::descope::WebAuthnStartKind kind);
    void finished(const oidc::descope::SessionOutcome &outcome);
    void deviceAdded();
    void showCredentials();
    void setStatus(const QString &text, Tone tone);
    [[nodiscard]] QString refusedWhat() const;

    DescopeContext &m_context;
    PasskeyRun *m_run;
    QLabel *m_project;
    QLineEdit *m_loginId;
    QLineEdit *m_displayName;
    QPushButton *m_signUp;
    QPushButton *m_signIn;
    QPushButton *m_signUpOrIn;
    QPushButton *m_addDevice;
    QPushButton *m_cancel;
    QComboBox *m_authenticatorChoice;
    QLabel *m_authenticatorNote;
    QComboBox *m_algorithm;
    QComboBox *m_tamper;
    QLabel *m_tamperRule;
    QLabel *m_addDeviceNeedsSession;
    PasskeyAuthenticatorSettings *m_settings;
    PasskeyDomainBox *m_domain;
    RefusalBanner *m_refusal;
    QLabel *m_status;
    PasskeyCredentialsView *m_credentials;
    PasskeyCeremonyInspector *m_inspector;
    SessionView *m_session;
    QTabWidget *m_tabs = nullptr;
    oidc::descope::WebAuthnStartKind m_kind = oidc::descope::WebAuthnStartKind::SignIn;
};

} // namespace ui
