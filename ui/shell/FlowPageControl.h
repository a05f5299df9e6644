#pragma once

// The Flow menu's FlowControl over the Authorization Code page: the page's own rules for its
// Run all / Next step / Cancel / Reset buttons (FlowRunner: busy, the next login step, a refresh
// token in the session), told again whenever the runner's state or its steps change.

#include "ui/shell/FlowControl.h"

namespace ui {

class FlowPage;

class FlowPageControl final : public FlowControl {
    Q_OBJECT
public:
    // A child of `page`: it goes with the page.
    explicit FlowPageControl(FlowPage *page);

    [[nodiscard]] Availability availability() const override;
    void runAll() override;
    void nextStep() override;
    void cancel() override;
    void reset() override;
    void refreshTokens() override;

private:
    FlowPage *m_page;
};

} // namespace ui
