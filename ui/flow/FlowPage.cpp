#include "FlowPage.h"

#include "ui/AppContext.h"
#include "ui/UiText.h"
#include "ui/flow/AuthorizeParameterTable.h"
#include "ui/flow/BrowserPane.h"
#include "ui/flow/FlowSettingsPanel.h"
#include "ui/shell/Preferences.h"
#include "ui/flow/ProfileManager.h"
#include "ui/flow/StepItemDelegate.h"
#include "ui/flow/StepListView.h"
#include "ui/flow/TokensPanel.h"
#include "ui/flow/steps/AuthorizeStepPage.h"
#include "ui/flow/steps/CallbackStepPage.h"
#include "ui/flow/steps/DiscoveryStepPage.h"
#include "ui/flow/steps/IdTokenStepPage.h"
#include "ui/flow/steps/KeysStepPage.h"
#include "ui/flow/steps/PrepareStepPage.h"
#include "ui/flow/steps/SessionActionStepPage.h"
#include "ui/flow/steps/TokenStepPage.h"
#include "ui/flow/steps/UserInfoStepPage.h"
#include "ui/log/ExchangeText.h"
#include "ui/widgets/KeptGroupBox.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/PageStack.h"
#include "ui/widgets/PanelHeader.h"
#include "ui/widgets/ReadOnlyText.h"
#include "ui/widgets/TabbedPages.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"
#include "ui/workspace/PresetBar.h"
#include "ui/workspace/WorkspaceController.h"

#include "oidc/net/ExchangeLog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

using oidc::flow::BrowserMode;
using oidc::flow::ProviderKind;
using oidc::flow::ProviderProfile;
using State = FlowStepModel::State;

namespace {

// Labels whose text may hold long URLs: they wrap and never widen their column.
void letShrink(QLabel *label)
{
    label->setMinimumWidth(40); // a long word must not widen the column
}

QPushButton *button(const QString &text, const QString &name, const QString &toolTip = {})
{
    auto *created = new QPushButton(text);
    created->setObjectName(name);
    created->setToolTip(toolTip);
    created->setAutoDefault(false);
    return created;
}

bool hasExchanges(FlowStepModel::Step step)
{
    switch (step) {
    case FlowStepModel::Step::Discovery:
    case FlowStepModel::Step::Keys:
    case FlowStepModel::Step::Token:
    case FlowStepModel::Step::UserInfo:
    case FlowStepModel::Step::Refresh:
    case FlowStepModel::Step::Revoke: return true;
    default: return false;
    }
}

// The failed step's error: its message, category and code, each said once; a summary that adds
// something ("the earlier session is kept") is kept.
QString failureText(const FlowStepModel::Entry &entry)
{
    if (!entry.error)
        return QStringLiteral("✘ Failed — ") + entry.summary;
    const oidc::Error &error = *entry.error;
    const QString message = entry.summary.isEmpty() || entry.summary == errorText(error) ? qs(error.message) : entry.summary;
    QString text = QStringLiteral("✘ Failed — ") + message
        + QStringLiteral("\nCategory %1 · code %2").arg(qs(oidc::categoryName(error.category)), qs(error.code));
    if ((!error.expected.empty() || !error.actual.empty()) && (error.actual.empty() || !message.contains(qs(error.actual))))
        text += QStringLiteral(" · expected %1, got %2")
                    .arg(error.expected.empty() ? QStringLiteral("-") : qs(error.expected),
                         error.actual.empty() ? QStringLiteral("-") : qs(error.actual));
    if (error.httpStatus)
        text += QStringLiteral(" · HTTP %1").arg(error.httpStatus);
    return text;
}

std::pair<QString, Tone> statusOf(const FlowStepModel::Entry &entry)
{
    switch (entry.state) {
    case State::Pending: return {QStringLiteral("Pending — not run yet."), Tone::Neutral};
    case State::Running: return {QStringLiteral("Running — ") + entry.summary, Tone::Neutral};
    case State::Ok: return {QStringLiteral("✔ OK — ") + entry.summary, Tone::Good};
    case State::Failed: return {failureText(entry), Tone::Bad};
    case State::Cancelled: return {QStringLiteral("Cancelled — ") + entry.summary, Tone::Warning};
    }
    return {};
}

// The flow fields of `edited` on top of `base` (provider fields come from the profile store).
ProviderProfile withFlowFields(ProviderProfile base, const ProviderProfile &edited)
{
    base.clientId = edited.clientId;
    base.clientSecret = edited.clientSecret;
    base.authMethod = edited.authMethod;
    base.scope = edited.scope;
    base.browserMode = edited.browserMode;
    base.redirectPort = edited.redirectPort;
    base.redirectPath = edited.redirectPath;
    base.privateUseScheme = edited.privateUseScheme;
    base.security = edited.security;
    return base;
}

} // namespace

FlowPage::FlowPage(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_runner(new FlowRunner(context.transport(), &context.exchangeLog(), this))
{
    setObjectName(QStringLiteral("flowPage"));
    m_runner->setObjectName(QStringLiteral("flowRunner"));
    m_runner->setRedirectHandOver(&context.redirectHandOver());

    m_tokens = new TokensPanel;
    m_tokens->setMinimumWidth(250);
    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("flowSplitter"));
    splitter->addWidget(buildStepColumn());
    splitter->addWidget(buildDetailColumn());
    m_tokensPane = layout::widget(layout::column({m_tokens}, {.margins = QMargins(6, 0, 0, 0)}));
    m_tokensPane->setObjectName(QStringLiteral("tokensPane"));
    splitter->addWidget(m_tokensPane);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    splitter->setSizes({215, 455, 320});
    splitter->setChildrenCollapsible(false);
    layout::attach(this, layout::column({buildHeader(), m_warningBanner, layout::Item(splitter, 1)},
                                        {.margins = QMargins(14, 12, 14, 10), .spacing = 8}));

    m_detailPacer = new Throttle(30, kFollowIntervalMs, [this] { followTheFlow(); }, this);
    m_tokensPacer = new Throttle(0, kFollowIntervalMs, [this] { m_tokens->setSession(m_runner->session().session()); }, this);
    connectRunner();
    connectTokens();
    // Automatic refresh starts as the preference says, and follows it when it changes.
    Preferences &preferences = m_context.preferences();
    m_tokens->setAutoRefreshEnabled(preferences.automaticRefresh());
    connect(&preferences, &Preferences::changed, this, [this, &preferences](Preferences::Key key) {
        if (key == Preferences::Key::AutomaticRefresh)
            m_tokens->setAutoRefreshEnabled(preferences.automaticRefresh());
    });

    // Profiles: used resolved (their `{{variables}}` from the open workspace), kept as typed.
    ProfileManager &profiles = m_context.profiles();
    m_runner->setResolver([&profiles](const ProviderProfile &profile) { return profiles.resolved(profile); });
    connect(&profiles, &ProfileManager::currentChanged, this, &FlowPage::loadProfile);
    connect(&profiles, &ProfileManager::profileUpdated, this, &FlowPage::onProfileUpdated);
    connect(m_settings, &FlowSettingsPanel::profileEdited, this, &FlowPage::onSettingsEdited);
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(400);
    connect(&m_saveTimer, &QTimer::timeout, this, &FlowPage::flushSettings);

    loadProfile();
    selectStep(Step::Discovery);
}

FlowPage::~FlowPage()
{
    flushSettings();
}

void FlowPage::resetFlow()
{
    m_runner->resetFlow();
    m_browser->showIdle();
    selectStep(Step::Discovery);
}

void FlowPage::setTokensPaneVisible(bool visible)
{
    m_tokensPane->setVisible(visible);
}

QString FlowPage::selectedToken() const
{
    return m_tokens->selectedToken();
}

// ---------------------------------------------------------------------------------------------
// Layout

QWidget *FlowPage::buildHeader()
{
    m_runAllButton = button(QStringLiteral("Run all"), QStringLiteral("runAllButton"),
                            QStringLiteral("Runs steps 1–9 in a row; step 5 waits for you to sign in."));
    m_nextButton = button(QStringLiteral("Next step"), QStringLiteral("nextStepButton"));
    m_cancelButton = button(QStringLiteral("Cancel"), QStringLiteral("cancelButton"));
    auto *reset = button(QStringLiteral("Reset"), QStringLiteral("resetButton"),
                         QStringLiteral("Every step back to pending (the session's tokens are kept)."));
    connect(m_runAllButton, &QPushButton::clicked, m_runner, &FlowRunner::runAll);
    connect(m_nextButton, &QPushButton::clicked, m_runner, &FlowRunner::runNext);
    connect(m_cancelButton, &QPushButton::clicked, m_runner, &FlowRunner::cancel);
    connect(reset, &QPushButton::clicked, this, &FlowPage::resetFlow);

    m_header = new PanelHeader(Type::Title, QStringLiteral("Authorization Code + PKCE"), {}, {m_runAllButton, m_nextButton, m_cancelButton, reset});
    m_header->captionLabel()->setObjectName(QStringLiteral("flowSubtitle"));
    m_header->captionLabel()->setTextInteractionFlags(Qt::TextSelectableByMouse);
    letShrink(m_header->captionLabel());
    m_warningBanner = toneLabel(QStringLiteral("flowWarningBanner"), Tone::Warning);
    m_warningBanner->setTextInteractionFlags(Qt::NoTextInteraction);
    m_warningBanner->hide();
    letShrink(m_warningBanner);
    return m_header;
}

QWidget *FlowPage::buildStepColumn()
{
    m_stepList = new StepListView;
    m_stepList->setObjectName(QStringLiteral("stepList"));
    m_stepList->setAccessibleName(QStringLiteral("Flow steps"));
    m_stepList->setAccessibleDescription(QStringLiteral("Steps 1 to 9 of the login and the session actions, each with its state"));
    m_stepList->setModel(m_runner->steps());
    m_stepList->setItemDelegate(new StepItemDelegate(m_stepList));
    m_stepList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stepList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_stepList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_stepList->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (!current.isValid())
            return;
        m_selected = static_cast<Step>(current.data(FlowStepModel::StepRole).toInt());
        m_detailTabs->setCurrentIndex(0);
        refreshDetail();
    });

    m_refreshButton = button(QStringLiteral("Refresh"), QStringLiteral("refreshButton"));
    m_revokeButton = button(QStringLiteral("Revoke"), QStringLiteral("revokeButton"));
    m_logoutButton = button(QStringLiteral("Logout"), QStringLiteral("logoutButton"));
    m_revokeWhich = new QComboBox;
    m_revokeWhich->setObjectName(QStringLiteral("revokeWhichCombo"));
    m_revokeWhich->setAccessibleName(QStringLiteral("Token to revoke"));
    m_revokeWhich->addItem(QStringLiteral("access"), static_cast<int>(oidc::flow::TokenTypeHint::AccessToken));
    m_revokeWhich->addItem(QStringLiteral("refresh"), static_cast<int>(oidc::flow::TokenTypeHint::RefreshToken));
    m_revokeWhich->setToolTip(QStringLiteral("The token to revoke (RFC 7009)."));
    m_revokeHint = new QCheckBox(QStringLiteral("send token_type_hint"));
    m_revokeHint->setObjectName(QStringLiteral("revokeHintCheck"));
    m_revokeHint->setChecked(true);
    connect(m_refreshButton, &QPushButton::clicked, this, [this] {
        follow(Step::Refresh);
        (void)m_runner->refresh(false);
    });
    connect(m_revokeButton, &QPushButton::clicked, this, [this] {
        follow(Step::Revoke);
        m_runner->revoke(static_cast<oidc::flow::TokenTypeHint>(m_revokeWhich->currentData().toInt()), m_revokeHint->isChecked());
    });
    connect(m_logoutButton, &QPushButton::clicked, this, [this] {
        follow(Step::Logout);
        m_runner->logout();
    });

    auto *after = new KeptGroupBox(QStringLiteral("After sign-in")); // repainted behind its buttons in most frames of a flow
    after->setObjectName(QStringLiteral("afterSignInGroup"));
    layout::attach(after, layout::column({m_refreshButton, layout::row({m_revokeButton, layout::Item(m_revokeWhich, 1)}), m_revokeHint,
                                          m_logoutButton},
                                         layout::spaced(4)));
    QWidget *column = layout::widget(layout::column({typeLabel(Type::Section, QStringLiteral("Steps")), layout::Item(m_stepList, 1), after},
                                                    {.margins = QMargins(0, 0, 6, 0), .spacing = 6}));
    column->setMinimumWidth(190);
    return column;
}

QWidget *FlowPage::buildDetailColumn()
{
    m_stepTitle = typeLabel(Type::Heading);
    m_stepTitle->setObjectName(QStringLiteral("stepTitle"));
    m_stepDescription = typeLabel(Type::Caption);
    m_stepDescription->setObjectName(QStringLiteral("stepDescription"));
    letShrink(m_stepDescription);
    m_runStepButton = button(QStringLiteral("Run this step"), QStringLiteral("runStepButton"));
    connect(m_runStepButton, &QPushButton::clicked, this, [this] { m_runner->runStep(m_selected); });
    m_statusBanner = toneLabel(QStringLiteral("stepStatusBanner"), Tone::Neutral);
    letShrink(m_statusBanner);

    auto *detailSplitter = new QSplitter(Qt::Vertical);
    detailSplitter->setObjectName(QStringLiteral("detailSplitter"));
    detailSplitter->addWidget(buildStepPages());
    detailSplitter->addWidget(buildExchangeView());
    detailSplitter->setStretchFactor(0, 3);
    detailSplitter->setStretchFactor(1, 2);
    detailSplitter->setChildrenCollapsible(false);
    QWidget *stepTab = layout::widget(layout::column({layout::row({layout::Item(m_stepTitle, 1), m_runStepButton}), m_stepDescription,
                                                      m_statusBanner, layout::Item(detailSplitter, 1)},
                                                     {.margins = QMargins(6, 8, 6, 4), .spacing = 6}));

    m_settings = new FlowSettingsPanel;
    m_detailTabs = new TabbedPages;
    m_detailTabs->setObjectName(QStringLiteral("detailTabs"));
    m_detailTabs->addTab(stepTab, QStringLiteral("Step"));
    m_detailTabs->addTab(m_settings, QStringLiteral("Flow settings"));
    return m_detailTabs;
}

QWidget *FlowPage::buildStepPages()
{
    m_authorizePage = new AuthorizeStepPage;
    m_callbackPage = new CallbackStepPage(*m_runner);
    m_browser = new BrowserPane([this](const QString &profileId) { return m_context.browserStoragePath(profileId); });
    auto *sessionActions = new SessionActionStepPage;
    const auto at = [this](Step step) -> StepPage *& { return m_stepPages.at(static_cast<size_t>(step)); };
    at(Step::Discovery) = new DiscoveryStepPage;
    at(Step::Keys) = new KeysStepPage;
    at(Step::Prepare) = new PrepareStepPage;
    at(Step::Authorize) = m_authorizePage;
    at(Step::Callback) = m_callbackPage;
    at(Step::Token) = new TokenStepPage;
    at(Step::IdToken) = new IdTokenStepPage;
    at(Step::UserInfo) = new UserInfoStepPage;
    at(Step::Refresh) = sessionActions;
    at(Step::Revoke) = sessionActions;
    at(Step::Logout) = sessionActions;

    m_pages = new PageStack;
    m_pages->setObjectName(QStringLiteral("stepPages"));
    m_pages->addWidget(m_browser);
    for (StepPage *page : m_stepPages)
        if (page && m_pages->indexOf(page) < 0)
            m_pages->addWidget(page);
    return m_pages;
}

QWidget *FlowPage::buildExchangeView()
{
    m_recordCombo = new QComboBox;
    m_recordCombo->setObjectName(QStringLiteral("stepRecordCombo"));
    m_recordCombo->setAccessibleName(QStringLiteral("The step's HTTP exchanges"));
    m_recordCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_recordCombo->setMinimumContentsLength(8);
    connect(m_recordCombo, &QComboBox::currentIndexChanged, this, &FlowPage::showRecord);
    m_requestText = readOnlyText(QStringLiteral("stepRequestText"), QStringLiteral("No HTTP exchange yet."));
    m_responseText = readOnlyText(QStringLiteral("stepResponseText"), QStringLiteral("No HTTP exchange yet."));
    m_requestText->setAccessibleName(QStringLiteral("Request"));
    m_responseText->setAccessibleName(QStringLiteral("Response"));
    auto *tabs = m_exchangeTabs = new TabbedPages;
    tabs->setObjectName(QStringLiteral("exchangeTabs"));
    tabs->setDocumentMode(true);
    tabs->addTab(m_requestText, QStringLiteral("Request"));
    tabs->addTab(m_responseText, QStringLiteral("Response"));
    connect(tabs, &TabbedPages::currentChanged, this, &FlowPage::fillExchangePane);
    m_exchangeView = layout::widget(layout::column({layout::row({typeLabel(Type::Section, QStringLiteral("HTTP")), layout::Item(m_recordCombo, 1),
                                                                 typeLabel(Type::Caption, QStringLiteral("secrets redacted"))}),
                                                    layout::Item(tabs, 1)},
                                                   {.margins = QMargins(0, 4, 0, 0), .spacing = 4}));
    return m_exchangeView;
}

// ---------------------------------------------------------------------------------------------
// Wiring

void FlowPage::connectRunner()
{
    AuthorizeParameterTable *parameters = m_authorizePage->parameters();
    m_runner->setRequestEditor([parameters](const QString &redirectUri) { return parameters->request(redirectUri); });
    // `{{variables}}` in the parameters: the current profile's, from the open workspace.
    WorkspaceController &workspace = m_context.workspace();
    parameters->setVariableScope([this, &workspace](const QString &redirectUri) {
        return workspace.variableScope(m_context.profiles().currentId(), redirectUri);
    });
    connect(&workspace, &WorkspaceController::variablesChanged, parameters, &AuthorizeParameterTable::refreshVariables);
    m_authorizePage->setToolBar(new PresetBar(workspace, *parameters, [this] { return m_context.profiles().currentId(); }));
    connect(m_runner, &FlowRunner::busyChanged, this, &FlowPage::updateButtons);
    connect(m_runner->steps(), &FlowStepModel::stepChanged, this, &FlowPage::onStepChanged);
    connect(m_runner, &FlowRunner::defaultsReady, parameters, &AuthorizeParameterTable::applyDefaults);
    connect(m_runner, &FlowRunner::authorizationUrlChanged, m_authorizePage, &AuthorizeStepPage::setUrl);
    connect(m_runner, &FlowRunner::openInEmbeddedBrowser, this, [this](const QUrl &url, const QList<QUrl> &prefixes) {
        selectStep(m_runner->activeStep() == Step::Logout ? Step::Logout : Step::Browser);
        if (m_runner->activeStep() == Step::Logout)
            m_detailTabs->setCurrentIndex(0);
        m_pages->setCurrentWidget(m_browser);
        if (!m_browser->openEmbedded(url, prefixes))
            m_runner->browserUnavailable(m_browser->unavailableReason());
    });
    connect(m_runner, &FlowRunner::stopEmbeddedBrowser, m_browser, &BrowserPane::stop);
    connect(m_runner, &FlowRunner::waitingForSystemBrowser, m_browser, &BrowserPane::showWaiting);
    connect(m_browser, &BrowserPane::intercepted, m_runner, &FlowRunner::deliverBrowserRedirect);
    connect(m_browser, &BrowserPane::cancelRequested, m_runner, &FlowRunner::cancel);
    connect(m_browser, &BrowserPane::useSystemBrowserRequested, this, [this] {
        ProviderProfile profile = m_settings->profile();
        profile.browserMode = BrowserMode::System;
        m_settings->setProfile(profile);
        onSettingsEdited(profile);
        flushSettings();
        m_runner->runAllFrom(Step::Authorize);
    });
}

void FlowPage::connectTokens()
{
    connect(m_runner, &FlowRunner::sessionChanged, this, [this] {
        m_tokensPacer->request();
        updateButtons();
    });
    connect(m_runner, &FlowRunner::tokensRefused, m_tokens, &TokensPanel::showRefused);
    connect(m_runner, &FlowRunner::tokensAccepted, m_tokens, &TokensPanel::clearBanner);
    connect(m_runner, &FlowRunner::refreshFinished, this, [this](bool ok, bool automatic, const QString &message) {
        if (automatic)
            m_tokens->autoRefreshFinished(ok, message);
    });
    connect(m_tokens, &TokensPanel::autoRefreshDue, this, [this] {
        if (!m_runner->refresh(true))
            m_tokens->autoRefreshPostponed();
    });
    connect(m_tokens, &TokensPanel::openInInspector, this, &FlowPage::openInInspector);
}

// ---------------------------------------------------------------------------------------------
// Profiles and settings

void FlowPage::loadProfile()
{
    flushSettings();
    const ProviderProfile &profile = m_context.profiles().current();
    m_runner->setProfile(profile);
    m_settings->setProfile(profile);
    m_browser->setProfileId(profile.id);
    m_browser->setSystemMode(profile.browserMode != BrowserMode::Embedded);
    m_tokens->setSession(std::nullopt);
    m_tokens->clearBanner();
    m_authorizePage->setUrl(QUrl());
    m_authorizePage->parameters()->refreshVariables();
    updateHeader();
    updateButtons();
    refreshDetail();
}

void FlowPage::onProfileUpdated(const QString &id)
{
    if (id != m_context.profiles().currentId())
        return;
    ProviderProfile profile = *m_context.profiles().profile(id);
    if (m_pendingEdit)
        profile = withFlowFields(profile, *m_pendingEdit); // unsaved typing wins
    m_runner->updateProfile(profile);
    m_settings->setProfile(profile);
    m_browser->setSystemMode(profile.browserMode != BrowserMode::Embedded);
    m_authorizePage->parameters()->refreshVariables(); // the built-ins follow the profile
    updateHeader();
    updateButtons();
    refreshDetail();
}

void FlowPage::onSettingsEdited(const ProviderProfile &edited)
{
    const ProviderProfile profile = withFlowFields(m_context.profiles().current(), edited);
    const bool modeChanged = profile.browserMode != m_runner->profile().browserMode;
    m_runner->updateProfile(profile);
    if (modeChanged)
        m_browser->setSystemMode(profile.browserMode != BrowserMode::Embedded);
    m_pendingEdit = profile;
    m_saveTimer.start();
    updateHeader();
    updateButtons();
}

void FlowPage::flushSettings()
{
    m_saveTimer.stop();
    if (!m_pendingEdit)
        return;
    const ProviderProfile edited = *m_pendingEdit;
    m_pendingEdit.reset();
    if (const ProviderProfile *stored = m_context.profiles().profile(edited.id))
        m_context.profiles().update(withFlowFields(*stored, edited));
}

void FlowPage::setSystemBrowserOpener(FlowRunner::Opener opener)
{
    m_runner->setSystemBrowserOpener(std::move(opener));
}

void FlowPage::updateHeader()
{
    const ProviderProfile &profile = m_runner->profile();
    const auto resolved = m_context.profiles().resolved(profile);
    m_settings->setProviderUrls(profile, resolved);
    QStringList parts;
    parts << profile.name;
    const QString issuer = (resolved ? resolved->profile() : profile).effectiveIssuer();
    if (profile.kind == ProviderKind::Sandbox && issuer.isEmpty())
        parts << QStringLiteral("not running yet");
    else if (!issuer.isEmpty())
        parts << issuer;
    parts << (profile.clientId.isEmpty() ? QStringLiteral("no client ID") : QStringLiteral("client %1").arg(profile.clientId));
    parts << (profile.browserMode == BrowserMode::System             ? QStringLiteral("system browser")
                  : profile.browserMode == BrowserMode::PrivateUseScheme ? QStringLiteral("system browser, %1:").arg(profile.privateUseScheme)
                                                                         : QStringLiteral("embedded browser"));
    m_header->setCaption(parts.join(QStringLiteral(" · ")));
    QStringList warnings = m_settings->warnings();
    if (profile.kind == ProviderKind::Sandbox && issuer.isEmpty())
        warnings.prepend(QStringLiteral("The built-in sandbox is not running yet: it starts on its own, or use Restart in the provider bar."));
    m_warningBanner->setText(warnings.join(QLatin1Char('\n')));
    updateTone(m_warningBanner, Tone::Warning);
    m_warningBanner->setVisible(!warnings.isEmpty());
}

// ---------------------------------------------------------------------------------------------
// Steps and detail

void FlowPage::selectStep(Step step)
{
    const QModelIndex index = m_runner->steps()->indexOf(step);
    if (m_stepList->currentIndex() != index) {
        // Its currentChanged shows the step (the detail is refreshed there, once).
        m_stepList->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
        if (m_selected == step)
            return;
    }
    m_selected = step;
    refreshDetail();
}

void FlowPage::onStepChanged(Step step)
{
    if (step == Step::Discovery && m_runner->session().metadata()) {
        m_authorizePage->parameters()->setCodeChallengeMethodsSupported(m_runner->session().metadata()->codeChallengeMethodsSupported);
        m_authorizePage->parameters()->setAuthorizationEndpoint(m_runner->session().metadata()->authorizationEndpoint);
    }
    if (step == Step::Browser || step == Step::Callback || step == Step::Logout) {
        const auto *model = m_runner->steps();
        const QStringList notes = model->entry(Step::Browser).notes + model->entry(Step::Callback).notes + model->entry(Step::Logout).notes;
        if (notes != m_shownNotes) { // these steps change state far more often than they add a note
            m_shownNotes = notes;
            m_browser->setNotes(notes);
            m_callbackPage->setNotes(notes);
        }
    }
    if (m_runner->steps()->state(step) == State::Running && m_runner->activeStep() == step)
        m_follow = step;
    updateButtons();
    scheduleDetail();
}

void FlowPage::follow(Step step)
{
    m_follow = step;
    scheduleDetail();
}

void FlowPage::scheduleDetail()
{
    m_detailPacer->request();
}

void FlowPage::followTheFlow()
{
    // Follow the flow: the step that started last is shown.
    const auto follow = m_follow;
    m_follow.reset();
    if (follow && *follow != m_selected) {
        selectStep(*follow);
        return;
    }
    refreshDetail();
}

void FlowPage::updateButtons()
{
    const bool busy = m_runner->isBusy();
    const auto &session = m_runner->session().session();
    m_runAllButton->setEnabled(!busy);
    m_nextButton->setEnabled(!busy && m_runner->nextStep().has_value());
    if (const auto next = m_runner->nextStep())
        m_nextButton->setToolTip(QStringLiteral("Runs step: %1").arg(FlowStepModel::title(*next)));
    m_cancelButton->setEnabled(busy);
    m_runStepButton->setEnabled(!busy && FlowRunner::canRunAlone(m_selected));
    m_refreshButton->setEnabled(!busy && session && !session->tokens.refreshToken.isEmpty());
    m_revokeButton->setEnabled(!busy && session.has_value());
    m_logoutButton->setEnabled(!busy);
    m_callbackPage->setCheckEnabled(!busy || m_runner->activeStep() == Step::Browser);
}

void FlowPage::refreshDetail()
{
    const FlowStepModel::Entry &entry = m_runner->steps()->entry(m_selected);
    const QString number = m_runner->steps()->data(m_runner->steps()->indexOf(m_selected), FlowStepModel::NumberRole).toString();
    m_stepTitle->setText(number.isEmpty() ? FlowStepModel::title(m_selected) : number + QStringLiteral(". ") + FlowStepModel::title(m_selected));
    m_stepDescription->setText(FlowStepModel::description(m_selected));
    if (m_selected == Step::IdToken)
        m_runStepButton->setText(QStringLiteral("Run with step 7"));
    else if (m_selected == Step::Callback)
        m_runStepButton->setText(QStringLiteral("Paste below"));
    else
        m_runStepButton->setText(QStringLiteral("Run this step"));
    const auto [status, tone] = statusOf(entry);
    m_statusBanner->setText(status);
    updateTone(m_statusBanner, tone);
    m_exchangeView->setVisible(hasExchanges(m_selected) || !entry.recordIds.isEmpty());
    showStepPage();
    refreshRecords();
    updateButtons();
}

void FlowPage::showStepPage()
{
    // Logout in the embedded browser shows the browser while the provider's page is open.
    const bool inBrowser = m_selected == Step::Browser
        || (m_selected == Step::Logout && m_runner->steps()->state(Step::Logout) == State::Running
            && m_runner->profile().browserMode == BrowserMode::Embedded);
    if (inBrowser) {
        m_pages->setCurrentWidget(m_browser);
        return;
    }
    StepPage *page = m_stepPages.at(static_cast<size_t>(m_selected));
    page->refresh(*m_runner, m_selected);
    m_pages->setCurrentWidget(page);
}

void FlowPage::refreshRecords()
{
    const FlowStepModel::Entry &entry = m_runner->steps()->entry(m_selected);
    const auto &records = m_context.exchangeLog().records();
    const auto recordOf = [&records](int id) { return std::find_if(records.begin(), records.end(), [id](const auto &record) { return record.id == id; }); };
    QList<int> present; // the step's exchanges the log still holds
    for (int id : entry.recordIds)
        if (recordOf(id) != records.end())
            present.append(id);
    const QSignalBlocker blocker(m_recordCombo);
    if (present != m_comboRecordIds) { // the same exchanges keep the list as it is
        m_comboRecordIds = present;
        m_recordCombo->clear();
        for (int id : present) {
            const auto found = recordOf(id);
            m_recordCombo->addItem(QStringLiteral("#%1 %2 %3 → %4")
                                       .arg(found->id)
                                       .arg(QString::fromLatin1(found->method), oidc::net::ExchangeLog::url(*found, oidc::net::Reveal::Redacted),
                                            found->status ? QString::number(found->status) : QStringLiteral("no response")),
                                   id);
        }
    }
    m_recordCombo->setCurrentIndex(m_recordCombo->count() - 1);
    showRecord(m_recordCombo->currentIndex());
}

void FlowPage::showRecord(int comboIndex)
{
    m_recordId = comboIndex < 0 ? kNoRecord : m_recordCombo->itemData(comboIndex).toInt();
    fillExchangePane();
}

void FlowPage::fillExchangePane()
{
    // Only the pane on screen is formatted and laid out: the request's or the response's.
    const bool request = m_exchangeTabs->currentWidget() == m_requestText;
    int &shown = request ? m_requestRecordId : m_responseRecordId;
    QPlainTextEdit *pane = request ? m_requestText : m_responseText;
    if (shown == m_recordId)
        return;
    if (m_recordId == kNoRecord) {
        shown = kNoRecord;
        pane->setPlainText(QString());
        return;
    }
    const auto &records = m_context.exchangeLog().records();
    const int id = m_recordId;
    const auto found = std::find_if(records.begin(), records.end(), [id](const auto &record) { return record.id == id; });
    if (found == records.end())
        return;
    shown = id;
    pane->setPlainText(request ? readableRequest(*found, oidc::net::Reveal::Redacted) : readableResponse(*found, oidc::net::Reveal::Redacted));
}

} // namespace ui

#include "moc_FlowPage.cpp"
