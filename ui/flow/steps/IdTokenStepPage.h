#pragma once

// Step 8: the ID token's checks (OIDC Core §3.1.3.7, computed by the core), the selected check's
// rule and detail underneath, the first failure selected.

#include "ui/flow/steps/StepPage.h"

namespace ui {

class CheckListView;

class IdTokenStepPage final : public StepPage {
    Q_OBJECT
public:
    explicit IdTokenStepPage(QWidget *parent = nullptr);

    void refresh(const FlowRunner &runner, FlowStepModel::Step step) override;

private:
    CheckListView *m_checks;
};

} // namespace ui
