#pragma once

// The Step-up area: the signed-in user proves it again, for an action that needs more assurance,
// and the current session is upgraded rather than replaced (descope-api.md §11 loginOptions.stepup
// with the current refresh JWT in the bearer; the new session JWT carries su:true). Any method —
// OTP, magic link, enchanted link, TOTP — runs with the step-up loginOptions (the same starters as
// the Magic Link, OTP & TOTP area; EnchantedLinkStepUp), and the session before and after are
// shown side by side with what changed highlighted (StepUpComparisonView, from the core's
// StepUpComparison), both in full (SessionView). Without a session it says so (NoSessionNotice).
//
// Object names: stepUpPanel, stepUpExplanation, stepUpCurrent, stepUpRefusal, stepUpMethods,
// stepUpResults, stepUpBefore / stepUpAfter (SessionViews, their parts before… / after…),
// stepUpExchanges; the comparison's and the starters'.

#include "oidc/Result.h"
#include "oidc/descope/DescopeSession.h"
#include "oidc/descope/LoginOptions.h"

#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QTabWidget;

namespace ui {

class DescopeContext;
class RefusalBanner;
class SessionView;
class SignInStarter;
class StepUpComparisonView;

class StepUpPanel final : public QWidget {
    Q_OBJECT
public:
    explicit StepUpPanel(DescopeContext &context, QWidget *parent = nullptr);

private:
    QWidget *buildMethods();
    QWidget *buildResults();
    // The loginOptions of a step-up of the current session, which becomes "before".
    oidc::Result<oidc::descope::LoginOptions> beginStepUp();
    void finished(const oidc::descope::SessionOutcome &outcome);
    void sessionChanged();

    DescopeContext &m_context;
    QLabel *m_current;
    RefusalBanner *m_refusal;
    QTabWidget *m_methods = nullptr;
    QTabWidget *m_results = nullptr;
    StepUpComparisonView *m_comparison;
    SessionView *m_before;
    SessionView *m_after;
    std::vector<SignInStarter *> m_starters;
    std::optional<oidc::descope::DescopeSession> m_stepping; // the session a step-up started from
};

} // namespace ui
