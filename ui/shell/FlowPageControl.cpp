#include "FlowPageControl.h"

#include "ui/flow/FlowPage.h"

namespace ui {

FlowPageControl::FlowPageControl(FlowPage *page)
    : FlowControl(page)
    , m_page(page)
{
    setObjectName(QStringLiteral("flowPageControl"));
    FlowRunner *runner = page->runner();
    connect(runner, &FlowRunner::busyChanged, this, &FlowControl::availabilityChanged);
    connect(runner, &FlowRunner::sessionChanged, this, &FlowControl::availabilityChanged);
    // A step's outcome changes which step comes next.
    connect(runner->steps(), &QAbstractItemModel::dataChanged, this, &FlowControl::availabilityChanged);
    connect(runner->steps(), &QAbstractItemModel::modelReset, this, &FlowControl::availabilityChanged);
}

FlowControl::Availability FlowPageControl::availability() const
{
    const FlowRunner *runner = m_page->runner();
    const bool busy = runner->isBusy();
    const auto &session = runner->session().session();
    return {
        .runAll = !busy,
        .nextStep = !busy && runner->nextStep().has_value(),
        .cancel = busy,
        .reset = true,
        .refreshTokens = !busy && session && !session->tokens.refreshToken.isEmpty(),
    };
}

void FlowPageControl::runAll()
{
    m_page->runner()->runAll();
}

void FlowPageControl::nextStep()
{
    m_page->runner()->runNext();
}

void FlowPageControl::cancel()
{
    m_page->runner()->cancel();
}

void FlowPageControl::reset()
{
    m_page->resetFlow();
}

void FlowPageControl::refreshTokens()
{
    // As the page's Refresh button: the Refresh step shown, then run.
    m_page->selectStep(FlowStepModel::Step::Refresh);
    (void)m_page->runner()->refresh(false);
}

} // namespace ui

#include "moc_FlowPageControl.cpp"
