#include "IdTokenStepPage.h"

#include "ui/CheckListView.h"
#include "ui/widgets/Layouting.h"

#include <QBoxLayout>

#include <algorithm>

namespace ui {

IdTokenStepPage::IdTokenStepPage(QWidget *parent)
    : StepPage(parent)
    , m_checks(new CheckListView(QStringLiteral("idTokenChecks"), {.detailPane = true}))
{
    layout::attach(this, layout::column({m_checks}, {.margins = layout::kFlush}));
}

void IdTokenStepPage::refresh(const FlowRunner &runner, FlowStepModel::Step step)
{
    // Only new checks reset the list: a refresh while the flow runs keeps the user's selection.
    const auto &checks = runner.steps()->entry(step).checks;
    const auto &shown = m_checks->checks();
    const bool same = shown.size() == checks.size()
        && std::equal(checks.begin(), checks.end(), shown.begin(),
                      [](const auto &a, const auto &b) { return a.id == b.id && a.outcome == b.outcome && a.detail() == b.detail(); });
    if (!same)
        m_checks->setChecks(checks);
}

} // namespace ui

#include "moc_IdTokenStepPage.cpp"
