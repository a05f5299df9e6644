#include "SessionActionStepPage.h"

#include "ui/CheckListView.h"
#include "ui/flow/RedactedUrl.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ReadOnlyText.h"

#include <QBoxLayout>
#include <QPlainTextEdit>

namespace ui {

using Step = FlowStepModel::Step;

SessionActionStepPage::SessionActionStepPage(QWidget *parent)
    : StepPage(parent)
    , m_text(readOnlyText(QStringLiteral("afterText")))
    , m_checks(new CheckListView(QStringLiteral("afterChecks"), {}))
{
    layout::attach(this, layout::column({layout::Item(m_text, 1), layout::Item(m_checks, 2)}, {.margins = layout::kFlush}));
}

void SessionActionStepPage::refresh(const FlowRunner &runner, Step step)
{
    const FlowStepModel::Entry &entry = runner.steps()->entry(step);
    m_checks->setChecks(step == Step::Refresh ? entry.checks : std::vector<oidc::jwt::ClaimCheck>{});
    m_checks->setVisible(!m_checks->checks().empty());
    QString text = entry.summary;
    if (step == Step::Logout && !runner.logoutUrl().isEmpty())
        text += QStringLiteral("\n\nEnd-session URL (id_token_hint redacted):\n") + redactedUrlText(runner.logoutUrl())
            + QStringLiteral("\npost_logout_redirect_uri: ") + runner.postLogoutRedirectUri();
    if (!entry.notes.isEmpty())
        text += QStringLiteral("\n\nNotes:\n") + entry.notes.join(QLatin1Char('\n'));
    if (text != m_shown) {
        m_shown = text;
        m_text->setPlainText(text);
    }
}

} // namespace ui

#include "moc_SessionActionStepPage.cpp"
