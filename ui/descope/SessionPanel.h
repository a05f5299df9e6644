#pragma once

// The Session & Roles area: the app's current Descope session (from any area's sign-in), shown
// decoded with its checks and countdowns, and what can be done with it — Refresh (and what changed
// in the claims), Me (the user record), Validate (locally, every check; a pasted JWT too), the
// roles / permissions / tenant checker, Logout and Logout all (then the old refresh JWT is tried
// and Descope's refusal shown). Without a session, NoSessionNotice offers a sign-in. Requests are
// the Session area's (AreaExchangeList); refusals are shown by a RefusalBanner and leave the
// session as it was. The work is SessionOperations'; this class lays the parts out and wires them.
// Object names: sessionPanel, sessionRefresh, sessionMe, sessionValidate, sessionLogout,
// sessionLogoutAll, sessionCancel, sessionStatus, sessionRefusal, sessionTabs, the SessionView
// "current", the ClaimDiffView "sessionDiff", sessionMeSummary, sessionMeText, and those of
// AuthorizationChecker, SessionValidatePane and AreaExchangeList.

#include "ui/descope/SessionOperations.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace ui {

class AuthorizationChecker;
class ClaimDiffView;
class DescopeContext;
class RefusalBanner;
class SessionValidatePane;
class SessionView;

class SessionPanel final : public QWidget {
    Q_OBJECT
public:
    explicit SessionPanel(DescopeContext &context, QWidget *parent = nullptr);

private:
    enum Tab { ChangesTab, MeTab, RolesTab, ValidateTab };

    QWidget *buildActions();
    QWidget *buildTabs();
    QWidget *buildMeTab();
    void connectOperations();
    void followSession();
    void followBusy(SessionOperations::Operation running);
    void setStatus(const QString &text);
    void showRefreshed(const oidc::descope::SessionOutcome &outcome, const oidc::Json &claimsBefore);
    void showUser(const oidc::descope::DescopeUser &user);
    void showLoggedOut(oidc::descope::LogoutScope scope);
    void showRefreshAfterLogout(const std::optional<oidc::Error> &refusal);

    DescopeContext &m_context;
    SessionOperations *m_operations;
    QLabel *m_project;
    QLabel *m_status;
    RefusalBanner *m_refusal;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_me = nullptr;
    QPushButton *m_validate = nullptr;
    QPushButton *m_logout = nullptr;
    QPushButton *m_logoutAll = nullptr;
    QPushButton *m_cancel = nullptr;
    SessionView *m_current;
    QTabWidget *m_tabs = nullptr;
    ClaimDiffView *m_diff = nullptr;
    QLabel *m_meSummary = nullptr;
    QPlainTextEdit *m_meText = nullptr;
    AuthorizationChecker *m_checker = nullptr;
    SessionValidatePane *m_validatePane = nullptr;
    QString m_loggedOutAt; // "Logged out of this session at 12:00:01." until the next session
};

} // namespace ui
