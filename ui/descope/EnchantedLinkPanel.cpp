#include "EnchantedLinkPanel.h"

#include "ui/UiText.h"
#include "ui/descope/AreaExchangeList.h"
#include "ui/descope/CrossDeviceBox.h"
#include "ui/descope/DescopeContext.h"
#include "ui/descope/EnchantedLinkForm.h"
#include "ui/descope/EnchantedLinkRun.h"
#include "ui/descope/PanelInbox.h"
#include "ui/descope/PollingView.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/descope/SessionView.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include <QFrame>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>

namespace ui {

using namespace oidc::descope;

namespace {

// The sandbox's demo user (resources/sandbox/fixtures.json), so a first launch can sign in at once.
const QString kEnchantedLinkSandboxLoginId = QStringLiteral("alice@example.com");

QString sessionOwnerText(const DescopeSession &session)
{
    if (!session.loginIds.empty())
        return qs(session.loginIds.front());
    return qs(session.userId);
}

} // namespace

EnchantedLinkPanel::EnchantedLinkPanel(DescopeContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_run(new EnchantedLinkRun(this))
    , m_form(new EnchantedLinkForm)
    , m_project(typeLabel(Type::Caption))
    , m_status(toneLabel(QStringLiteral("runStatus"), Tone::Neutral))
    , m_refusal(new RefusalBanner(QStringLiteral("enchantedLinkRefusal")))
    , m_polling(new PollingView)
    , m_session(new SessionView(QStringLiteral("session")))
    , m_inbox(new PanelInbox(context, {QStringLiteral("enchanted-link")}))
    , m_linkRefusal(new RefusalBanner(QStringLiteral("linkRefusal")))
    , m_linkResult(toneLabel(QStringLiteral("linkResult"), Tone::Good))
    , m_crossDevice(new CrossDeviceBox)
{
    setObjectName(QStringLiteral("enchantedLinkPanel"));
    m_project->setObjectName(QStringLiteral("projectLabel"));

    // The waiting (number, timeline) beside the email; the outcome (session, requests) underneath.
    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(QStringLiteral("enchantedLinkSplitter"));
    splitter->setChildrenCollapsible(false);
    QWidget *waiting = layout::widget(layout::row({layout::Item(m_polling, 1), buildLinks()}, {.margins = QMargins(0, 0, 0, 6), .spacing = 14}));
    splitter->addWidget(waiting);
    splitter->addWidget(buildResults());
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({210, 490});
    layout::attach(this, layout::column({buildStart(), layout::Item(splitter, 1)}, {.margins = QMargins(18, 14, 18, 12), .spacing = 8}));

    connect(m_form, &EnchantedLinkForm::startRequested, this, &EnchantedLinkPanel::start);
    connect(m_form, &EnchantedLinkForm::cancelRequested, m_run, &EnchantedLinkRun::cancel);
    connect(m_run, &EnchantedLinkRun::phaseChanged, this, [this] { m_form->setBusy(m_run->isBusy()); });
    connect(m_run, &EnchantedLinkRun::linkSent, this, [this](const EnchantedLinkStarted &started) {
        m_polling->showLinkSent(started, m_run->plan());
        setStatus(QStringLiteral("Email sent to %1. Polling until link %2 is opened.")
                      .arg(started.maskedEmail.empty() ? m_run->loginId() : qs(started.maskedEmail), qs(started.linkId)),
                  Tone::Neutral);
    });
    connect(m_run, &EnchantedLinkRun::polled, m_polling, &PollingView::addPoll);
    connect(m_run, &EnchantedLinkRun::finished, this, &EnchantedLinkPanel::finished);
    connect(m_run, &EnchantedLinkRun::linkOpened, this, [this](const QString &, const oidc::Status &status) { linkOpened(status); });
    connect(m_inbox, &PanelInbox::linkChosen, this, [this](const QUrl &url, const QString &number) { openLink(url.toString(), number); });
    connect(m_crossDevice, &CrossDeviceBox::openRequested, this, [this](const QString &link) { openLink(link, {}); });
    connect(m_session, &SessionView::openInInspector, &m_context, &DescopeContext::requestInspect);
    // The client is the project's: a new project ends what runs on the old one (while it still answers).
    connect(&m_context, &DescopeContext::projectChanged, this, &EnchantedLinkPanel::followProject);
    followProject();
}

EnchantedLinkPanel::~EnchantedLinkPanel() = default;

QWidget *EnchantedLinkPanel::buildStart()
{
    auto *header = new PanelHeader(Type::Title, QStringLiteral("Enchanted Link"),
                                   QStringLiteral("Descope emails three numbered links; the user opens the one whose number this app "
                                                  "shows. Meanwhile the app polls for the pending session, which arrives once the "
                                                  "right link's page has verified it."));
    m_status->hide();
    return layout::widget(layout::column({header, m_project, m_form, m_refusal, m_status}, {.margins = layout::kFlush, .spacing = 6}));
}

QWidget *EnchantedLinkPanel::buildResults()
{
    m_session->clear(QStringLiteral("The session appears here once the right link is opened and a poll brings it."));
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("enchantedLinkTabs"));
    m_tabs->addTab(m_session, QStringLiteral("Session"));
    m_tabs->addTab(new AreaExchangeList(m_context, descope_area::kEnchantedLink), QStringLiteral("Requests"));
    return m_tabs;
}

QWidget *EnchantedLinkPanel::buildLinks()
{
    m_inbox->setLinkAction(QStringLiteral("Open"));
    m_linkResult->hide();
    QWidget *content = layout::widget(layout::column({m_inbox, m_linkRefusal,
                                                      m_linkResult, m_crossDevice, layout::Stretch{}},
                                                     {.margins = QMargins(0, 0, 4, 0), .spacing = 8}));
    m_linksScroll = new QScrollArea;
    m_linksScroll->setObjectName(QStringLiteral("linksScroll"));
    m_linksScroll->setWidgetResizable(true);
    m_linksScroll->setFrameShape(QFrame::NoFrame);
    m_linksScroll->setWidget(content);
    m_linksScroll->setFixedWidth(340);
    return m_linksScroll;
}

void EnchantedLinkPanel::followProject()
{
    m_run->setClient(nullptr); // cancels a run on the old project's client
    const bool project = m_context.hasProject();
    m_project->setText(project ? m_context.projectSummary() : m_context.unavailableReason());
    m_form->setEnabled(project);
    if (m_context.isSandbox())
        m_form->suggestLoginId(kEnchantedLinkSandboxLoginId);
}

bool EnchantedLinkPanel::attachClient()
{
    m_run->setClient(m_context.client(descope_area::kEnchantedLink));
    return m_run->client() != nullptr;
}

void EnchantedLinkPanel::start()
{
    m_refusal->dismiss();
    m_linkRefusal->dismiss();
    m_linkResult->hide();
    const PasswordlessStart request = m_form->startRequest();
    m_inbox->setLoginId(qs(request.loginId));
    m_polling->showSending(qs(request.loginId));
    setStatus(QStringLiteral("Sending the email…"), Tone::Neutral);
    if (!attachClient()) {
        setStatus(m_context.unavailableReason(), Tone::Warning);
        return;
    }
    m_run->start(request, m_form->pollSettings());
}

void EnchantedLinkPanel::openLink(const QString &link, const QString &number)
{
    m_linkRefusal->dismiss();
    m_linkResult->hide();
    m_openingNumber = number;
    if (!attachClient()) {
        setStatus(m_context.unavailableReason(), Tone::Warning);
        return;
    }
    m_run->openLink(link);
}

void EnchantedLinkPanel::linkOpened(const oidc::Status &status)
{
    if (!status) {
        const QString what = m_openingNumber.isEmpty() ? QStringLiteral("Opening the link") : QStringLiteral("Opening link %1").arg(m_openingNumber);
        m_linkRefusal->showError(what, status.error());
        revealLinkAnswer(m_linkRefusal);
        return;
    }
    const QString which = m_openingNumber.isEmpty() ? QStringLiteral("The link") : QStringLiteral("Link %1").arg(m_openingNumber);
    m_linkResult->setText(m_run->isBusy() ? QStringLiteral("%1 verified: the link's page is done, the next poll brings the session.").arg(which)
                                          : QStringLiteral("%1 verified: whoever polls for it now gets the session.").arg(which));
    m_linkResult->show();
    revealLinkAnswer(m_linkResult);
}

void EnchantedLinkPanel::revealLinkAnswer(QWidget *answer)
{
    // Laid out now, so that the scroll area knows where the answer just shown is.
    m_linksScroll->widget()->layout()->activate();
    m_linksScroll->ensureWidgetVisible(answer);
}

void EnchantedLinkPanel::finished(const SessionOutcome &outcome)
{
    m_polling->showEnd(outcome);
    m_linkResult->hide(); // "the next poll brings the session" is over
    if (outcome.ok()) {
        m_refusal->dismiss();
        m_session->showOutcome(outcome);
        m_tabs->setCurrentWidget(m_session);
        setStatus(QStringLiteral("Signed in as %1. This is now the app's Descope session.").arg(sessionOwnerText(*outcome.result)), Tone::Good);
        return;
    }
    const oidc::Error &error = outcome.result.error();
    if (m_run->phase() == EnchantedLinkRun::Phase::Cancelled) {
        m_refusal->dismiss();
        setStatus(QStringLiteral("Cancelled: nothing more is polled. The app's Descope session is unchanged."), Tone::Neutral);
        return;
    }
    // A session JWT that failed a check: its untrusted claims and the checks that say why.
    if (!outcome.checks.empty())
        m_session->showOutcome(outcome);
    const bool sent = m_run->started().has_value();
    m_refusal->showError(sent ? QStringLiteral("The enchanted-link sign-in") : QStringLiteral("Sending the enchanted link"), error);
    setStatus(m_context.hasSession() ? QStringLiteral("Not signed in. The app's earlier Descope session stays.")
                                     : QStringLiteral("Not signed in."),
              Tone::Warning);
}

void EnchantedLinkPanel::setStatus(const QString &text, Tone tone)
{
    m_status->setText(text);
    updateTone(m_status, tone);
    m_status->setVisible(!text.isEmpty());
}

} // namespace ui

#include "moc_EnchantedLinkPanel.cpp"
