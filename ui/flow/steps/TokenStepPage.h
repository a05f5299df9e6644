#pragma once

// Step 7: the token response's fields, the tokens redacted (they are decoded in the tokens panel).

#include "ui/flow/steps/TextStepPage.h"

namespace ui {

class TokenStepPage final : public TextStepPage {
    Q_OBJECT
public:
    explicit TokenStepPage(QWidget *parent = nullptr);

protected:
    [[nodiscard]] QString text(const FlowRunner &runner, FlowStepModel::Step step) const override;
};

} // namespace ui
