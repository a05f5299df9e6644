#pragma once

// Step 1: the provider's metadata, one field a line (RFC 8414 names), with plain-http endpoints on
// loopback called out.

#include "ui/flow/steps/TextStepPage.h"

namespace ui {

class DiscoveryStepPage final : public TextStepPage {
    Q_OBJECT
public:
    explicit DiscoveryStepPage(QWidget *parent = nullptr);

protected:
    [[nodiscard]] QString text(const FlowRunner &runner, FlowStepModel::Step step) const override;
};

} // namespace ui
