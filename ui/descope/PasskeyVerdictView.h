#pragma once

// The verdict pane of the ceremony inspector: the server's verdict on the ceremony — accepted, a
// device added, or refused with Descope's error code and message (plain text, RefusalBanner's
// words) — beside the comparisons the core made between the response and the options (the
// client-visible halves of the relying party's §7 checks, CheckListView), and the session the
// finish returned, decoded as everywhere else (SessionView: claims, countdowns, checks).
// Object names: ceremonyVerdict, ceremonyChecks (its table ceremonyChecksTable), ceremonySession….

#include "oidc/Result.h"
#include "oidc/descope/DescopeSession.h"
#include "oidc/jwt/ClaimChecks.h"

#include <QWidget>

#include <vector>

class QLabel;

namespace ui {

class CheckListView;
class SessionView;

class PasskeyVerdictView final : public QWidget {
    Q_OBJECT
public:
    explicit PasskeyVerdictView(QWidget *parent = nullptr);

    // A new ceremony: its comparisons, and the verdict still to come.
    void showComparisons(std::vector<oidc::jwt::ClaimCheck> checks);
    // The finish answered: a session, or a refusal (`what` says which step refused).
    void showOutcome(const QString &what, const oidc::descope::SessionOutcome &outcome);
    // An added device whose finish answered no session.
    void showDeviceAdded();
    void clear();

Q_SIGNALS:
    void openInInspector(const QString &token);

private:
    QLabel *m_verdict;
    CheckListView *m_checks;
    SessionView *m_session;
};

} // namespace ui
