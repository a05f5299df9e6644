#pragma once

// Step 9: the UserInfo claims as the provider sent them (OIDC Core §5.3.2).

#include "ui/flow/steps/TextStepPage.h"

namespace ui {

class UserInfoStepPage final : public TextStepPage {
    Q_OBJECT
public:
    explicit UserInfoStepPage(QWidget *parent = nullptr);

protected:
    [[nodiscard]] QString text(const FlowRunner &runner, FlowStepModel::Step step) const override;
};

} // namespace ui
