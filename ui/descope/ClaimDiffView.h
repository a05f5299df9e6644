#pragma once

// Before and after of a session's claims as a table (ClaimDiffModel): a line that says what
// changed, "Only what changed", and the rows, the changed ones highlighted. The Session area shows
// what a refresh changed with it; Step-up what a step-up changed (su, amr, iat, exp).
// Object names, with `name` = "sessionDiff": sessionDiff (the table), sessionDiffSummary,
// sessionDiffOnlyChanged.

#include "oidc/Json.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QTableView;

namespace ui {

class ClaimDiffModel;

class ClaimDiffView final : public QWidget {
    Q_OBJECT
public:
    explicit ClaimDiffView(const QString &name, QWidget *parent = nullptr);

    void setClaims(const oidc::Json &before, const oidc::Json &after);
    // Nothing to compare; `placeholder` (plain text) says what will appear here.
    void clear(const QString &placeholder);
    [[nodiscard]] ClaimDiffModel *model() const { return m_model; }

private:
    ClaimDiffModel *m_model;
    QLabel *m_summary;
    QCheckBox *m_onlyChanged;
    QTableView *m_table;
};

} // namespace ui
