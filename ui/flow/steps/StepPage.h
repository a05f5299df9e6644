#pragma once

// One page of the flow page's step detail: what the selected step produced, read from the
// runner's session and the step's entry in FlowStepModel. The page stack shows one page at a
// time; refresh() runs whenever the shown step changes or is selected again.

#include "ui/flow/FlowRunner.h"

#include <QWidget>

namespace ui {

class StepPage : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    // `step` is the selected step (one page can serve several: refresh, revoke and logout).
    virtual void refresh(const FlowRunner &runner, FlowStepModel::Step step) = 0;
};

} // namespace ui
