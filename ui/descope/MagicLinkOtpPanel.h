#pragma once

// The Magic Link, OTP & TOTP area: the passwordless sign-ins whose proof the user types, pastes
// or clicks, one tab each (OtpStarter, MagicLinkStarter, TotpStarter), beside what they end in —
// the session (SessionView: claims explained, countdowns, every check), the requests this area
// sent (AreaExchangeList) and a refusal in words (RefusalBanner). A session signed in here is the
// app's current Descope session (DescopeContext), which Session, Step-up and M2M start from. On
// the sandbox each tab's inbox shows what Descope would have sent, and the login IDs start as the
// sandbox's users; with a real project they start empty and nothing is sent until the user acts.
//
// Object names: magicLinkOtpPanel, magicLinkOtpProject, magicLinkOtpRefusal, magicLinkOtpTabs,
// magicLinkOtpSession (SessionView, its parts session…), magicLinkOtpExchanges; the starters'.

#include <QWidget>

#include <vector>

class QLabel;
class QTabWidget;

namespace oidc::descope {
struct SessionOutcome;
}

namespace ui {

class DescopeContext;
class RefusalBanner;
class SessionView;
class SignInStarter;

class MagicLinkOtpPanel final : public QWidget {
    Q_OBJECT
public:
    explicit MagicLinkOtpPanel(DescopeContext &context, QWidget *parent = nullptr);

private:
    // `sandboxLoginId`: the login ID it starts with on the sandbox.
    void follow(SignInStarter *starter, const QString &sandboxLoginId);
    void finished(const oidc::descope::SessionOutcome &outcome);
    void projectChanged();

    DescopeContext &m_context;
    QLabel *m_project;
    RefusalBanner *m_refusal;
    QTabWidget *m_tabs;
    SessionView *m_session;
    struct Starter final {
        SignInStarter *starter;
        QString sandboxLoginId;
    };
    std::vector<Starter> m_starters;
};

} // namespace ui
