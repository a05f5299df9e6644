#include "StepUpComparisonView.h"

#include "ui/CheckListView.h"
#include "ui/UiText.h"
#include "ui/descope/ClaimDiffView.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"

#include <QLabel>

namespace ui {

namespace {

// "su (Stepped up) absent → true: now stepped up: …", or "sub (Subject) unchanged: …".
QString meaningLine(const oidc::descope::ClaimComparison &claim)
{
    const QString head = qs(claim.claim) + QStringLiteral(" (") + qs(claim.title) + QStringLiteral(") ");
    const QString values = claim.changed ? qs(claim.before) + QStringLiteral(" → ") + qs(claim.after) : QStringLiteral("unchanged");
    return head + values + QStringLiteral(": ") + qs(claim.meaning);
}

} // namespace

StepUpComparisonView::StepUpComparisonView(QWidget *parent)
    : QWidget(parent)
    , m_diff(new ClaimDiffView(QStringLiteral("stepUpDiff")))
    , m_meanings(toneLabel(QStringLiteral("stepUpMeanings"), Tone::Neutral))
    , m_checks(new CheckListView(QStringLiteral("stepUpChecks"), {.detailPane = false, .ruleColumn = true, .ruleColumnWidth = 260}))
{
    setObjectName(QStringLiteral("stepUpComparisonView"));
    layout::attach(this, layout::column({layout::Item(m_diff, 3), m_meanings, layout::Item(m_checks, 1)}, {.margins = layout::kFlush, .spacing = 6}));
    clear();
}

void StepUpComparisonView::setComparison(const oidc::Json &before, const oidc::Json &after, const oidc::descope::StepUpComparison &comparison)
{
    m_diff->setClaims(before, after);
    QStringList lines;
    for (const auto &claim : comparison.claims)
        lines << meaningLine(claim);
    m_meanings->setText(lines.join(QLatin1Char('\n')));
    m_meanings->show();
    m_checks->setChecks(comparison.checks);
}

void StepUpComparisonView::clear()
{
    m_diff->clear(QStringLiteral("Step up the current session with one of the methods: its claims before and after appear here, what changed "
                                 "first."));
    m_meanings->clear();
    m_meanings->hide();
    m_checks->clear();
}

} // namespace ui

#include "moc_StepUpComparisonView.cpp"
