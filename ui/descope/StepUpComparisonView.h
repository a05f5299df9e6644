#pragma once

// A session before and after a step-up, side by side (the core's StepUpComparison): one row per
// claim a step-up is about (sub, su, amr, iat, exp, rexp) with the old value, the new one and what
// the change says; the rows that changed are highlighted. Underneath, the checks an app relies on
// (same user, su:true, re-issued). Nothing is compared here: the rows and checks are data.
//
// Object names: stepUpComparison (the table; each row's first item has ChangedRole),
// stepUpChecks (CheckListView, its table stepUpChecksTable).

#include "oidc/descope/StepUpComparison.h"

#include <QWidget>

class QTableWidget;

namespace ui {

class CheckListView;

class StepUpComparisonView final : public QWidget {
    Q_OBJECT
public:
    // On each row's Claim item: bool, whether the claim changed.
    static constexpr int ChangedRole = Qt::UserRole + 1;

    explicit StepUpComparisonView(QWidget *parent = nullptr);

    void setComparison(const oidc::descope::StepUpComparison &comparison);
    void clear();

private:
    QTableWidget *m_table;
    CheckListView *m_checks;
};

} // namespace ui
