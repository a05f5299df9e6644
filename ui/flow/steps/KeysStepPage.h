#pragma once

// Step 2: the provider's signing keys from its JWKS, and those skipped with the reason (RFC 7517 §5).

#include "ui/flow/steps/TextStepPage.h"

namespace ui {

class KeysStepPage final : public TextStepPage {
    Q_OBJECT
public:
    explicit KeysStepPage(QWidget *parent = nullptr);

protected:
    [[nodiscard]] QString text(const FlowRunner &runner, FlowStepModel::Step step) const override;
};

} // namespace ui
