#pragma once

// What the sign-in starters share (OtpStarter, MagicLinkStarter, TotpStarter, EnchantedLinkStepUp):
// the login ID field, one call at a time (PendingCall) with its Cancel button, a status line, the
// area's client from DescopeContext and the loginOptions of StarterSetup. A starter reports what
// it ends with — a refusal (refused: the panel's RefusalBanner shows it) or a session outcome
// (finished: the panel's SessionView) — and a cancel only in its own status line. A new project
// (projectChanged) ends whatever was in flight: the clients are gone and no answer comes.
//
// Object names, with the starter's `name` ("otp"): <name>LoginId, <name>Cancel, <name>Status.

#include "ui/descope/PendingCall.h"
#include "ui/descope/StarterSetup.h"

#include "oidc/descope/DescopeSession.h"
#include "oidc/descope/LoginOptions.h"
#include "oidc/descope/PasswordlessStart.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace oidc::descope {
class DescopeClient;
}

namespace ui {

class DescopeContext;
class PanelInbox;
enum class Tone;

class SignInStarter : public QWidget {
    Q_OBJECT
public:
    ~SignInStarter() override;

    [[nodiscard]] bool isBusy() const { return m_call.isBusy(); }
    void cancel();
    // The login ID field's text (the Step-up area sets the session user's).
    void setLoginId(const QString &loginId);
    [[nodiscard]] QString loginId() const;
    // This starter in a page of a tab widget, which scrolls when the tab is shorter.
    [[nodiscard]] QWidget *tabPage();

Q_SIGNALS:
    void busyChanged(bool busy);
    // `what` names the step for a sentence ("OTP verify").
    void refused(const QString &what, const oidc::Error &error);
    void finished(const QString &what, const oidc::descope::SessionOutcome &outcome);

protected:
    SignInStarter(DescopeContext &context, StarterSetup setup, const QString &name, QWidget *parent);

    [[nodiscard]] DescopeContext &context() const { return m_context; }
    [[nodiscard]] const StarterSetup &setup() const { return m_setup; }
    [[nodiscard]] QLineEdit *loginIdEdit() const { return m_loginId; }
    [[nodiscard]] QPushButton *cancelButton() const { return m_cancel; }
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }
    // The trimmed login ID as the core takes it.
    [[nodiscard]] std::string typedLoginId() const;
    // The start of a passwordless sign-in for the login ID typed: sign-up-or-in when `signUpIfNew`
    // (never for a step-up), with `options`.
    [[nodiscard]] oidc::descope::PasswordlessStart passwordlessStart(bool signUpIfNew, oidc::descope::LoginOptions options) const;
    // The panel inbox that shows what was sent for this starter: it follows the login ID.
    void followLoginId(PanelInbox *inbox);

    // The area's client, or nullptr after reporting why (no Descope project now).
    [[nodiscard]] oidc::descope::DescopeClient *client(const QString &what);

    // One call through the area's client, the starter's only one in flight: `send(client, done)`
    // (done: DescopeClient::Callback<T>, or SessionCallback) sends it and returns its handle;
    // `status` says what is happening meanwhile. A refusal is reported (reportError) and
    // `succeeded` gets the value; an answer that is no longer the current call's (PendingCall)
    // reaches neither.
    template <typename T, typename Send>
    void requestCall(const QString &what, const QString &status, Send send, std::function<void(T)> succeeded)
    {
        sendCall<oidc::Result<T>>(what, status, std::move(send), [this, what, succeeded = std::move(succeeded)](oidc::Result<T> answer) {
            if (!answer)
                reportError(what, answer.error());
            else
                succeeded(std::move(answer).value());
        });
    }
    // A call that ends in a session: its outcome is reported (reportOutcome).
    template <typename Send>
    void signInCall(const QString &what, const QString &status, Send send)
    {
        sendCall<oidc::descope::SessionOutcome>(what, status, std::move(send),
                                                [this, what](oidc::descope::SessionOutcome outcome) { reportOutcome(what, outcome); });
    }
    // The loginOptions of a sign-in starting now (StarterSetup::beginSignIn), or nullopt after
    // reporting why it cannot start.
    [[nodiscard]] std::optional<oidc::descope::LoginOptions> signInOptions(const QString &what);

    void setStatus(const QString &text, Tone tone);
    // A call's error: a cancel goes to the status line, anything else is refused().
    void reportError(const QString &what, const oidc::Error &error);
    // A sign-in's end: finished(), and refused() as well when it brought no session.
    void reportOutcome(const QString &what, const oidc::descope::SessionOutcome &outcome);

    // Enables the controls for the state the starter is in (busy, started, project).
    virtual void updateControls() = 0;
    // The project changed: what was started is void.
    virtual void resetForProject() = 0;

private:
    template <typename Answer, typename Send>
    void sendCall(const QString &what, const QString &status, Send send, std::function<void(Answer)> answered)
    {
        oidc::descope::DescopeClient *descope = client(what);
        if (!descope)
            return;
        const quint64 ticket = beginCall(status);
        std::function<void(Answer)> done = [this, ticket, answered = std::move(answered)](Answer answer) {
            if (m_call.end(ticket))
                answered(std::move(answer));
        };
        m_call.attach(ticket, send(*descope, std::move(done)));
    }
    // Shows `status` and begins a call: its ticket.
    [[nodiscard]] quint64 beginCall(const QString &status);

    DescopeContext &m_context;
    StarterSetup m_setup;
    PendingCall m_call;
    QLineEdit *m_loginId;
    QPushButton *m_cancel;
    QLabel *m_status;
    PanelInbox *m_inbox = nullptr;
};

} // namespace ui
