#pragma once

// A session before and after a step-up: the two session JWTs' claims side by side, what changed
// first and highlighted (ClaimDiffView), then what the claims a step-up is about say (the core's
// StepUpComparison: sub, su, amr, iat, exp, rexp, each "before → after: meaning"), and the checks
// an app relies on (same user, su:true, re-issued). Nothing is compared or checked here: the rows,
// meanings and checks are data.
//
// Object names: stepUpDiff (the ClaimDiffView's table; stepUpDiffSummary), stepUpMeanings,
// stepUpChecks (CheckListView, its table stepUpChecksTable).

#include "oidc/descope/StepUpComparison.h"

#include <QWidget>

class QLabel;

namespace ui {

class CheckListView;
class ClaimDiffView;

class StepUpComparisonView final : public QWidget {
    Q_OBJECT
public:
    explicit StepUpComparisonView(QWidget *parent = nullptr);

    // The two session JWTs' claims and the core's comparison of them.
    void setComparison(const oidc::Json &before, const oidc::Json &after, const oidc::descope::StepUpComparison &comparison);
    void clear();

private:
    ClaimDiffView *m_diff;
    QLabel *m_meanings;
    CheckListView *m_checks;
};

} // namespace ui
