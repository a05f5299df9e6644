#include "PasskeyVerdictView.h"

#include "ui/CheckListView.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/descope/SessionView.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include <QLabel>
#include <QSplitter>

namespace ui {

PasskeyVerdictView::PasskeyVerdictView(QWidget *parent)
    : QWidget(parent)
    , m_verdict(toneLabel(QStringLiteral("ceremonyVerdict"), Tone::Neutral))
    , m_checks(new CheckListView(QStringLiteral("ceremonyChecks"), {.detailPane = false, .ruleColumn = true, .ruleColumnWidth = 260}))
    , m_session(new SessionView(QStringLiteral("ceremonySession")))
{
    auto *checks = layout::widget(layout::column(
        {typeLabel(Type::Section, QStringLiteral("The response next to the options (what the server checks that a client can see)")),
         layout::Item(m_checks, 1)},
        {.margins = layout::kFlush, .spacing = 4}));
    auto *session = layout::widget(layout::column({typeLabel(Type::Section, QStringLiteral("The session it returned")), layout::Item(m_session, 1)},
                                                  {.margins = layout::kFlush, .spacing = 4}));
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(checks);
    splitter->addWidget(session);
    splitter->setSizes({520, 480});
    layout::attach(this, layout::column({typeLabel(Type::Section, QStringLiteral("Server's verdict")), m_verdict, layout::Item(splitter, 1)},
                                        {.margins = layout::kFlush, .spacing = 4}));
    connect(m_session, &SessionView::openInInspector, this, &PasskeyVerdictView::openInInspector);
    clear();
}

void PasskeyVerdictView::showComparisons(std::vector<oidc::jwt::ClaimCheck> checks)
{
    m_checks->setChecks(std::move(checks));
    m_verdict->setText(QStringLiteral("Waiting for the server's verdict (finish)…"));
    updateTone(m_verdict, Tone::Neutral);
    m_session->clear(QStringLiteral("The session the finish returns appears here."));
}

void PasskeyVerdictView::showOutcome(const QString &what, const oidc::descope::SessionOutcome &outcome)
{
    if (outcome.ok()) {
        m_verdict->setText(QStringLiteral("✔ Accepted: the server verified the ceremony and returned a session."));
        updateTone(m_verdict, Tone::Good);
        m_session->showOutcome(outcome);
        return;
    }
    m_verdict->setText(RefusalBanner::describe(what, outcome.result.error(), RefusalBanner::Topic::Ceremony));
    updateTone(m_verdict, Tone::Bad);
    if (outcome.checks.empty())
        m_session->clear(QStringLiteral("No session: the ceremony was refused."));
    else
        m_session->showOutcome(outcome);
}

void PasskeyVerdictView::showDeviceAdded()
{
    m_verdict->setText(QStringLiteral("✔ Accepted: the new credential is registered for the signed-in user (the finish returns no session)."));
    updateTone(m_verdict, Tone::Good);
    m_session->clear(QStringLiteral("Adding a device returns no session; the app's session is unchanged."));
}

void PasskeyVerdictView::clear()
{
    m_checks->clear();
    m_verdict->setText(QStringLiteral("No ceremony yet."));
    updateTone(m_verdict, Tone::Neutral);
    m_session->clear(QStringLiteral("The session the finish returns appears here."));
}

} // namespace ui

#include "moc_PasskeyVerdictView.cpp"
