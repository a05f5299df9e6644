#include "SocialLoginPanel.h"

#include "ui/AppContext.h"
#include "ui/UiText.h"
#include "ui/descope/AreaExchangeList.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/descope/SessionView.h"
#include "ui/descope/SocialBrowserSettings.h"
#include "ui/descope/SocialExchangeView.h"
#include "ui/descope/SocialProviderForm.h"
#include "ui/descope/SsoTenantForm.h"
#include "ui/flow/BrowserPane.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "oidc/descope/AuthorizationChecks.h"

#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>

namespace ui {

using namespace oidc::descope;

namespace {

// The embedded browser's profile for this area: its cookies apart from the flow pages'.
const QString kSocialBrowserProfile = QStringLiteral("descope-social");

QGroupBox *socialGroup(const QString &title, QWidget *content)
{
    auto *group = new QGroupBox(title);
    layout::attach(group, layout::column({content, layout::Stretch{}}));
    return group;
}

QString ssoRoleList(const std::vector<std::string> &names)
{
    QStringList list;
    for (const auto &name : names)
        list << qs(name);
    return list.isEmpty() ? QStringLiteral("none") : list.join(QStringLiteral(", "));
}

} // namespace

SocialLoginPanel::SocialLoginPanel(DescopeContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_run(new SocialSignInRun(this))
    , m_project(typeLabel(Type::Caption))
    , m_social(new SocialProviderForm)
    , m_sso(new SsoTenantForm)
    , m_browserSettings(new SocialBrowserSettings)
    , m_cancel(new QPushButton(QStringLiteral("Cancel")))
    , m_refusal(new RefusalBanner(QStringLiteral("socialRefusal")))
    , m_status(toneLabel(QStringLiteral("runStatus"), Tone::Neutral))
    , m_session(new SessionView(QStringLiteral("session")))
    , m_steps(new SocialExchangeView)
{
    setObjectName(QStringLiteral("socialLoginPanel"));
    m_project->setObjectName(QStringLiteral("projectLabel"));
    m_cancel->setObjectName(QStringLiteral("socialCancelButton"));
    m_cancel->setToolTip(QStringLiteral("Stops the sign-in: the listener closes, nothing more is sent"));
    m_steps->setObjectName(QStringLiteral("socialExchangeView"));

    layout::attach(this, layout::column({buildStart(), layout::Item(buildResults(), 1)}, {.margins = QMargins(18, 14, 18, 12), .spacing = 8}));

    connect(m_social, &SocialProviderForm::startRequested, this, &SocialLoginPanel::startSocial);
    connect(m_sso, &SsoTenantForm::startRequested, this, &SocialLoginPanel::startSso);
    connect(m_cancel, &QPushButton::clicked, m_run, &SocialSignInRun::cancel);
    connect(m_run, &SocialSignInRun::phaseChanged, this, &SocialLoginPanel::updateReady);
    connect(m_run, &SocialSignInRun::recorded, this, [this] { m_steps->showRecord(m_run->record()); });
    connect(m_run, &SocialSignInRun::finished, this, &SocialLoginPanel::finished);
    connect(m_run, &SocialSignInRun::replayed, this, &SocialLoginPanel::replayed);
    connect(m_run, &SocialSignInRun::waitingForSystemBrowser, this, [this](const QUrl &url, const QString &listenerUri, bool opened) {
        m_browserTab->setCurrentWidget(m_browser);
        m_browser->showWaiting(url, listenerUri, opened);
        setStatus(opened ? QStringLiteral("Sign in in your browser; the redirect comes back to %1.").arg(listenerUri)
                         : QStringLiteral("The system browser could not be opened: copy the page's URL from the Browser tab."),
                  opened ? Tone::Neutral : Tone::Warning);
    });
    oidc::flow::RedirectWait *wait = m_run->redirectWait();
    connect(wait, &oidc::flow::RedirectWait::openInEmbeddedBrowser, this, &SocialLoginPanel::openEmbedded);
    connect(wait, &oidc::flow::RedirectWait::stopEmbeddedBrowser, m_browser, &BrowserPane::stop);
    connect(wait, &oidc::flow::RedirectWait::note, this, [this](const QString &note) {
        m_notes << note;
        m_browser->setNotes(m_notes);
    });
    connect(m_browser, &BrowserPane::intercepted, this, [this](const QUrl &url) { (void)m_run->deliver(url); });
    connect(m_browser, &BrowserPane::cancelRequested, m_run, &SocialSignInRun::cancel);
    connect(m_browser, &BrowserPane::useSystemBrowserRequested, this, [this] {
        m_browserSettings->useSystemBrowser();
        setStatus(QStringLiteral("The system browser is chosen: start again."), Tone::Neutral);
    });
    connect(m_steps, &SocialExchangeView::replayRequested, m_run, &SocialSignInRun::replayCode);
    connect(m_steps, &SocialExchangeView::pasted, this, [this](const QUrl &url) {
        if (const oidc::Status delivered = m_run->deliver(url); !delivered)
            m_refusal->showError(QStringLiteral("The pasted redirect"), delivered.error());
    });
    connect(m_session, &SessionView::openInInspector, &m_context, &DescopeContext::requestInspect);
    // /update follows the session (its note says why).
    connect(&m_context, &DescopeContext::sessionChanged, this, &SocialLoginPanel::updateReady);
    // The client is the project's: a new project ends what runs on the old one (while it still answers).
    connect(&m_context, &DescopeContext::projectChanged, this, &SocialLoginPanel::followProject);
    followProject();
}

SocialLoginPanel::~SocialLoginPanel() = default;

void SocialLoginPanel::setSystemBrowserOpener(SocialSignInRun::Opener opener)
{
    m_run->setSystemBrowserOpener(std::move(opener));
}

QWidget *SocialLoginPanel::buildStart()
{
    auto *header = new PanelHeader(Type::Title, QStringLiteral("Social Login & SSO"),
                                   QStringLiteral("Descope answers the page of a social provider or of a tenant's identity provider; "
                                                  "the browser comes back from it with a code, which the exchange turns — once — into "
                                                  "the session. Descope speaks the provider's OAuth and SAML, never the app."));
    m_status->hide();
    auto *forms = layout::row({layout::Item(socialGroup(QStringLiteral("Social login"), m_social), 1),
                               layout::Item(socialGroup(QStringLiteral("Tenant SSO (SAML or OIDC)"), m_sso), 1)},
                              {.margins = layout::kFlush, .spacing = 10});
    auto *browser = layout::row({layout::Item(m_browserSettings, 1), layout::Item(m_cancel, 0, Qt::AlignRight | Qt::AlignTop)}, {.margins = layout::kFlush});
    QWidget *start = layout::widget(
        layout::column({header, m_project, forms, browser, m_status, m_refusal}, {.margins = layout::kFlush, .spacing = 6}));
    // The forms keep their height (a banner shown pushes the tabs down, never squeezes a form).
    start->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    return start;
}

QWidget *SocialLoginPanel::buildResults()
{
    m_session->clear(QStringLiteral("The session the exchange returns appears here, with its tenants, roles and checks."));
    m_browser = new BrowserPane([this](const QString &profileId) { return m_context.app().browserStoragePath(profileId); });
    m_browser->setProfileId(kSocialBrowserProfile);
    auto *placeholder = typeLabel(Type::Caption, QStringLiteral("The provider's page opens here (embedded browser), or this tab follows your "
                                                                "default browser and the loopback listener (system browser)."));
    placeholder->setAlignment(Qt::AlignCenter);
    m_browserTab = new QStackedWidget;
    m_browserTab->setObjectName(QStringLiteral("socialBrowserTab"));
    m_browserTab->addWidget(placeholder);
    m_browserTab->addWidget(m_browser);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("socialTabs"));
    m_tabs->addTab(m_session, QStringLiteral("Session"));
    m_tabs->addTab(m_browserTab, QStringLiteral("Browser"));
    m_tabs->addTab(m_steps, QStringLiteral("Code && exchange"));
    m_tabs->addTab(new AreaExchangeList(m_context, descope_area::kSocialSso), QStringLiteral("Requests"));
    return m_tabs;
}

void SocialLoginPanel::followProject()
{
    m_run->setClient(nullptr); // cancels a sign-in on the old project's client
    m_project->setText(m_context.hasProject() ? m_context.projectSummary() : m_context.unavailableReason());
    m_browserSettings->setProject(m_context.isSandbox(), m_context.project() ? m_context.project()->projectId() : QString());
    m_sso->setHint(m_context.isSandbox()
                       ? QStringLiteral("Sandbox: Globex has SSO from the start (an email @globex.test; the group \"ops\" maps to admin). "
                                         "Other tenants need SSO settings first: Users & Tenants → Tenant SSO.")
                       : QString());
    updateReady();
}

void SocialLoginPanel::updateReady()
{
    const bool busy = m_run->isBusy();
    const bool ready = !busy && m_context.hasProject();
    m_social->setReady(ready, m_context.hasSession());
    m_sso->setReady(ready);
    m_browserSettings->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    m_steps->setReplayEnabled(m_context.hasProject() && m_run->canReplay());
    m_steps->setPasteEnabled(m_run->phase() == SocialSignInRun::Phase::Browsing);
}

bool SocialLoginPanel::attachClient()
{
    m_run->setClient(m_context.client(descope_area::kSocialSso));
    if (m_run->client())
        return true;
    setStatus(m_context.unavailableReason(), Tone::Warning);
    return false;
}

void SocialLoginPanel::startSocial()
{
    OAuthStart start = m_social->startRequest();
    if (start.operation == OAuthOperation::Update) {
        if (!m_context.hasSession())
            return;
        start.refreshJwt = m_context.session()->refreshJwt;
    }
    if (!attachClient())
        return;
    beginRun();
    m_run->startOAuth(start, m_browserSettings->choice());
}

void SocialLoginPanel::startSso()
{
    if (!attachClient())
        return;
    beginRun();
    m_run->startSso(m_sso->startRequest(), m_browserSettings->choice());
}

void SocialLoginPanel::beginRun()
{
    m_refusal->dismiss();
    m_notes.clear();
    m_browser->setNotes(m_notes);
    setStatus(QStringLiteral("Starting…"), Tone::Neutral);
}

void SocialLoginPanel::openEmbedded(const QUrl &url, const QList<QUrl> &interceptPrefixes)
{
    m_browserTab->setCurrentWidget(m_browser);
    m_tabs->setCurrentWidget(m_browserTab);
    if (!m_browser->openEmbedded(url, interceptPrefixes)) {
        m_run->browserUnavailable(m_browser->unavailableReason());
        return;
    }
    setStatus(QStringLiteral("Sign in on the page in the Browser tab; its redirect is intercepted."), Tone::Neutral);
}

QString SocialLoginPanel::refusedWhat(const oidc::Error &error) const
{
    const bool social = m_run->record().route == SocialRoute::OAuth;
    switch (m_run->failedIn()) {
    case SocialSignInRun::Phase::Starting:
        return social ? QStringLiteral("The social login start") : QStringLiteral("The SSO start");
    case SocialSignInRun::Phase::Browsing:
        if (error.code == "DESCOPE_OAUTH_DENIED")
            return social ? QStringLiteral("The provider") : QStringLiteral("The tenant's identity provider");
        return QStringLiteral("The browser");
    default:
        return social ? QStringLiteral("The social login exchange") : QStringLiteral("The SSO exchange");
    }
}

QString SocialLoginPanel::signedInText(const DescopeSession &session) const
{
    const QString who = session.loginIds.empty() ? qs(session.userId) : qs(session.loginIds.front());
    const SocialSignInRecord &record = m_run->record();
    if (record.route == SocialRoute::OAuth)
        return QStringLiteral("Signed in as %1 with %2. This is now the app's Descope session.").arg(who, record.target);
    // The tenant the session names (dct) and the roles it holds there, as the token says.
    const oidc::Json &claims = session.session.claims();
    const std::string tenant = claims.contains("dct") && claims["dct"].is_string() ? claims["dct"].get<std::string>() : std::string();
    const QString where = tenant.empty() ? QStringLiteral("no tenant named (dct absent)")
                                         : QStringLiteral("tenant %1, roles there: %2").arg(qs(tenant), ssoRoleList(heldItems(claims, "roles", tenant)));
    return QStringLiteral("Signed in as %1 with SSO (%2). This is now the app's Descope session.").arg(who, where);
}

void SocialLoginPanel::finished(const SessionOutcome &outcome)
{
    updateReady();
    m_browser->stop(); // the wait is over: the pane's Cancel and Open again with it
    if (outcome.ok()) {
        m_refusal->dismiss();
        m_session->showOutcome(outcome);
        m_tabs->setCurrentWidget(m_session);
        setStatus(signedInText(*outcome.result), Tone::Good);
        return;
    }
    if (m_run->phase() == SocialSignInRun::Phase::Cancelled) {
        m_refusal->dismiss();
        setStatus(QStringLiteral("Cancelled: nothing more is sent. The app's Descope session is unchanged."), Tone::Neutral);
        return;
    }
    const oidc::Error &error = outcome.result.error();
    if (!outcome.checks.empty())
        m_session->showOutcome(outcome);
    m_refusal->showError(refusedWhat(error), error);
    const QString kept = m_context.hasSession() ? QStringLiteral(" The app's earlier Descope session stays.") : QString();
    if (error.code == "DESCOPE_OAUTH_DENIED")
        setStatus(QStringLiteral("Refused at the provider's page: no code came back, nothing was exchanged.") + kept, Tone::Warning);
    else
        setStatus(QStringLiteral("Not signed in.") + kept, Tone::Warning);
}

void SocialLoginPanel::replayed(const SessionOutcome &outcome)
{
    updateReady();
    if (outcome.ok()) {
        m_session->showOutcome(outcome);
        setStatus(QStringLiteral("The spent code was accepted a second time: Descope should take a code once."), Tone::Bad);
        return;
    }
    if (m_run->phase() == SocialSignInRun::Phase::Cancelled)
        return;
    m_refusal->showError(QStringLiteral("Exchanging the same code again"), outcome.result.error());
    setStatus(QStringLiteral("Refused, as it must be: a code is exchanged once.")
                  + (m_context.hasSession() ? QStringLiteral(" The app's Descope session is unchanged.") : QString()),
              Tone::Good);
}

void SocialLoginPanel::setStatus(const QString &text, Tone tone)
{
    m_status->setText(text);
    updateTone(m_status, tone);
    m_status->setVisible(!text.isEmpty());
}

} // namespace ui

#include "moc_SocialLoginPanel.cpp"
