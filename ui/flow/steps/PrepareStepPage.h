#pragma once

// Step 3: the values made for this login — code_challenge, state and nonce — each copyable; the
// code_verifier stays inside the flow until the token request.

#include "ui/flow/steps/StepPage.h"

namespace ui {

class CopyableField;

class PrepareStepPage final : public StepPage {
    Q_OBJECT
public:
    explicit PrepareStepPage(QWidget *parent = nullptr);

    void refresh(const FlowRunner &runner, FlowStepModel::Step step) override;

private:
    CopyableField *m_challenge;
    CopyableField *m_state;
    CopyableField *m_nonce;
};

} // namespace ui
