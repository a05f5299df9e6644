#pragma once

// A Descope session as the tokens panel shows tokens: a one-line summary (who, trusted or not,
// where the tokens came from), live countdowns to the session JWT's and the refresh JWT's expiry
// (ExpiryCountdown), what su and amr say (the core's ClaimNote), the claims decoded with their
// explanations (ClaimTreeModel: Descope's su, amr, rexp, tenants, roles, nsec… included), the
// user record the sign-in returned, and every check of the session JWT (CheckListView, from the
// outcome's checks: nothing is re-checked here). A failed outcome shows the claims it carried
// under a warning that they are untrusted, beside the checks that say why.
// "Open in JWT Inspector" emits openInInspector (connect it to DescopeContext::requestInspect);
// the copy buttons put a token (a secret) on the clipboard only when clicked.
//
// Object names, for tests and for two views in one panel: with `name` = "session",
// sessionSummary, sessionUntrusted, sessionNotes, sessionSessionCountdown, sessionRefreshCountdown,
// sessionTabs, sessionClaims (the session JWT's tree), sessionRefreshClaims, sessionUser,
// sessionChecks (its table sessionChecksTable), sessionInspect, sessionCopySession, sessionCopyRefresh.

#include "oidc/descope/DescopeSession.h"

#include <QString>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeView;

namespace ui {

class CheckListView;
class ClaimTreeModel;
class ExpiryCountdown;

class SessionView final : public QWidget {
    Q_OBJECT
public:
    explicit SessionView(const QString &name, QWidget *parent = nullptr);

    // A kept (trusted) session.
    void showSession(const oidc::descope::DescopeSession &session);
    // A session outcome: its session when it has one, else the untrusted claims and the checks.
    void showOutcome(const oidc::descope::SessionOutcome &outcome);
    // Nothing shown; `placeholder` (plain text) says what will appear here.
    void clear(const QString &placeholder = {});

    [[nodiscard]] bool isEmpty() const { return m_empty; }
    [[nodiscard]] bool isTrusted() const { return m_trusted; }
    [[nodiscard]] QString sessionJwt() const { return m_sessionJwt; }

Q_SIGNALS:
    void openInInspector(const QString &token);

private:
    QWidget *buildTabs(const QString &name);
    void showClaims(const std::string &headerJson, const std::string &claimsJson);
    void showRefresh(const std::string &refreshJwt, std::optional<int64_t> refreshExpiresAt);
    void showUser(const std::optional<oidc::descope::DescopeUser> &user);
    void showNotes(const std::vector<oidc::descope::ClaimNote> &notes);
    void setTokens(const QString &sessionJwt, const QString &refreshJwt);

    QLabel *m_summary;
    QLabel *m_untrusted;
    QLabel *m_notes;
    ExpiryCountdown *m_sessionCountdown;
    ExpiryCountdown *m_refreshCountdown;
    QTabWidget *m_tabs = nullptr;
    ClaimTreeModel *m_claims;
    QTreeView *m_claimTree = nullptr;
    ClaimTreeModel *m_refreshClaims;
    QTreeView *m_refreshTree = nullptr;
    QPlainTextEdit *m_user = nullptr;
    CheckListView *m_checks;
    QPushButton *m_inspect;
    QPushButton *m_copySession;
    QPushButton *m_copyRefresh;
    QString m_sessionJwt;
    QString m_refreshJwt;
    bool m_trusted = false;
    bool m_empty = true;
};

} // namespace ui
