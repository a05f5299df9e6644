#include "FlowPage.h"

#include "ui/AppContext.h"
#include "ui/CheckListView.h"
#include "ui/CopyableField.h"
#include "ui/UiText.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/flow/AuthorizeParameterTable.h"
#include "ui/flow/BrowserPane.h"
#include "ui/flow/FlowSettingsPanel.h"
#include "ui/flow/ProfileManager.h"
#include "ui/flow/RedactedUrl.h"
#include "ui/flow/StepItemDelegate.h"
#include "ui/flow/TokensPanel.h"
#include "ui/log/ExchangeText.h"

#include "oidc/Redaction.h"
#include "oidc/net/ExchangeLog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ui {

using oidc::flow::BrowserMode;
using oidc::flow::ProviderKind;
using oidc::flow::ProviderProfile;
using State = FlowStepModel::State;

namespace {

QLabel *muted(const QString &text)
{
    QLabel *label = plainLabel(text);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, mutedColor());
    label->setPalette(palette);
    return label;
}

QLabel *bold(const QString &text, double scale = 1.0)
{
    QLabel *label = plainLabel(text);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    if (scale != 1.0)
        font.setPointSizeF(font.pointSizeF() * scale);
    label->setFont(font);
    return label;
}

QPlainTextEdit *textView(const QString &name, const QString &placeholder)
{
    auto *edit = new QPlainTextEdit;
    edit->setObjectName(name);
    edit->setReadOnly(true);
    edit->setFont(monospaceFont());
    edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    edit->setPlaceholderText(placeholder);
    return edit;
}

// Labels whose text may hold long URLs: they wrap and never widen their column.
void letShrink(QLabel *label)
{
    label->setMinimumWidth(40); // a long word must not widen the column
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

QString line(const QString &name, const QString &value)
{
    return name.leftJustified(34) + (value.isEmpty() ? QStringLiteral("—") : value) + QLatin1Char('\n');
}

QString urlText(const QUrl &url)
{
    return url.toString(QUrl::FullyEncoded);
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

    auto *title = bold(QStringLiteral("Authorization Code + PKCE"), 1.35);
    m_subtitle = muted(QString());
    m_subtitle->setObjectName(QStringLiteral("flowSubtitle"));
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warningBanner = plainLabel(QString());
    m_warningBanner->setObjectName(QStringLiteral("flowWarningBanner"));
    m_warningBanner->setWordWrap(true);
    updateTone(m_warningBanner, Tone::Warning);
    m_warningBanner->hide();
    letShrink(m_subtitle);
    letShrink(m_warningBanner);

    m_runAllButton = new QPushButton(QStringLiteral("Run all"));
    m_runAllButton->setObjectName(QStringLiteral("runAllButton"));
    m_runAllButton->setToolTip(QStringLiteral("Runs steps 1–9 in a row; step 5 waits for you to sign in."));
    m_nextButton = new QPushButton(QStringLiteral("Next step"));
    m_nextButton->setObjectName(QStringLiteral("nextStepButton"));
    m_cancelButton = new QPushButton(QStringLiteral("Cancel"));
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_resetButton = new QPushButton(QStringLiteral("Reset"));
    m_resetButton->setObjectName(QStringLiteral("resetButton"));
    m_resetButton->setToolTip(QStringLiteral("Every step back to pending (the session's tokens are kept)."));
    for (auto *button : {m_runAllButton, m_nextButton, m_cancelButton, m_resetButton})
        button->setAutoDefault(false);

    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(2);
    titles->addWidget(title);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);
    header->addWidget(m_runAllButton, 0, Qt::AlignBottom);
    header->addWidget(m_nextButton, 0, Qt::AlignBottom);
    header->addWidget(m_cancelButton, 0, Qt::AlignBottom);
    header->addWidget(m_resetButton, 0, Qt::AlignBottom);

    m_tokens = new TokensPanel;
    m_tokens->setMinimumWidth(250);
    auto *tokensBox = new QWidget;
    auto *tokensLayout = new QVBoxLayout(tokensBox);
    tokensLayout->setContentsMargins(6, 0, 0, 0);
    tokensLayout->addWidget(m_tokens);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("flowSplitter"));
    splitter->addWidget(buildStepColumn());
    splitter->addWidget(buildDetailColumn());
    splitter->addWidget(tokensBox);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    splitter->setSizes({215, 455, 320});
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 12, 14, 10);
    layout->setSpacing(8);
    layout->addLayout(header);
    layout->addWidget(m_warningBanner);
    layout->addWidget(splitter, 1);

    // Runner ↔ page.
    m_runner->setRequestEditor([this](const QString &redirectUri) { return m_parameters->request(redirectUri); });
    connect(m_runAllButton, &QPushButton::clicked, m_runner, &FlowRunner::runAll);
    connect(m_nextButton, &QPushButton::clicked, m_runner, &FlowRunner::runNext);
    connect(m_cancelButton, &QPushButton::clicked, m_runner, &FlowRunner::cancel);
    connect(m_resetButton, &QPushButton::clicked, this, [this] {
        m_runner->resetFlow();
        m_browser->showIdle();
        selectStep(Step::Discovery);
    });
    connect(m_runner, &FlowRunner::busyChanged, this, &FlowPage::updateButtons);
    connect(m_runner->steps(), &FlowStepModel::stepChanged, this, &FlowPage::onStepChanged);
    connect(m_runner, &FlowRunner::defaultsReady, m_parameters, &AuthorizeParameterTable::applyDefaults);
    connect(m_runner, &FlowRunner::authorizationUrlChanged, this, [this](const QUrl &url) { m_urlField->setText(urlText(url)); });
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
    m_detailTimer.setSingleShot(true);
    m_detailTimer.setInterval(30);
    connect(&m_detailTimer, &QTimer::timeout, this, &FlowPage::followTheFlow);
    m_tokensTimer.setSingleShot(true);
    m_tokensTimer.setInterval(0);
    connect(&m_tokensTimer, &QTimer::timeout, this, [this] { m_tokens->setSession(m_runner->session().session()); });
    connect(m_runner, &FlowRunner::sessionChanged, this, [this] {
        m_tokensTimer.start();
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

    // Profiles.
    ProfileManager &profiles = m_context.profiles();
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

CheckListModel *FlowPage::idTokenChecks() const
{
    return m_idTokenChecks->model();
}

CheckListModel *FlowPage::callbackChecks() const
{
    return m_callbackChecks->model();
}

// ---------------------------------------------------------------------------------------------
// Layout

QWidget *FlowPage::buildStepColumn()
{
    m_stepList = new QListView;
    m_stepList->setObjectName(QStringLiteral("stepList"));
    m_stepList->setModel(m_runner->steps());
    m_stepList->setItemDelegate(new StepItemDelegate(m_stepList));
    m_stepList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_stepList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_stepList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_stepList->setUniformItemSizes(true);
    connect(m_stepList->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (!current.isValid())
            return;
        m_selected = static_cast<Step>(current.data(FlowStepModel::StepRole).toInt());
        m_detailTabs->setCurrentIndex(0);
        refreshDetail();
    });

    m_refreshButton = new QPushButton(QStringLiteral("Refresh"));
    m_refreshButton->setObjectName(QStringLiteral("refreshButton"));
    m_revokeWhich = new QComboBox;
    m_revokeWhich->setObjectName(QStringLiteral("revokeWhichCombo"));
    m_revokeWhich->addItem(QStringLiteral("access"), static_cast<int>(oidc::flow::TokenTypeHint::AccessToken));
    m_revokeWhich->addItem(QStringLiteral("refresh"), static_cast<int>(oidc::flow::TokenTypeHint::RefreshToken));
    m_revokeWhich->setToolTip(QStringLiteral("The token to revoke (RFC 7009)."));
    m_revokeHint = new QCheckBox(QStringLiteral("send token_type_hint"));
    m_revokeHint->setObjectName(QStringLiteral("revokeHintCheck"));
    m_revokeHint->setChecked(true);
    m_revokeButton = new QPushButton(QStringLiteral("Revoke"));
    m_revokeButton->setObjectName(QStringLiteral("revokeButton"));
    m_logoutButton = new QPushButton(QStringLiteral("Logout"));
    m_logoutButton->setObjectName(QStringLiteral("logoutButton"));
    for (auto *button : {m_refreshButton, m_revokeButton, m_logoutButton})
        button->setAutoDefault(false);
    connect(m_refreshButton, &QPushButton::clicked, this, [this] {
        selectStep(Step::Refresh);
        (void)m_runner->refresh(false);
    });
    connect(m_revokeButton, &QPushButton::clicked, this, [this] {
        selectStep(Step::Revoke);
        m_runner->revoke(static_cast<oidc::flow::TokenTypeHint>(m_revokeWhich->currentData().toInt()), m_revokeHint->isChecked());
    });
    connect(m_logoutButton, &QPushButton::clicked, this, [this] {
        selectStep(Step::Logout);
        m_runner->logout();
    });

    auto *after = new QGroupBox(QStringLiteral("After sign-in"));
    after->setObjectName(QStringLiteral("afterSignInGroup"));
    auto *afterLayout = new QVBoxLayout(after);
    afterLayout->setSpacing(4);
    auto *revokeRow = new QHBoxLayout;
    revokeRow->addWidget(m_revokeButton);
    revokeRow->addWidget(m_revokeWhich, 1);
    afterLayout->addWidget(m_refreshButton);
    afterLayout->addLayout(revokeRow);
    afterLayout->addWidget(m_revokeHint);
    afterLayout->addWidget(m_logoutButton);

    auto *column = new QWidget;
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 6, 0);
    layout->setSpacing(6);
    layout->addWidget(bold(QStringLiteral("Steps")));
    layout->addWidget(m_stepList, 1);
    layout->addWidget(after);
    column->setMinimumWidth(190);
    return column;
}

QWidget *FlowPage::buildDetailColumn()
{
    m_stepTitle = bold(QString(), 1.1);
    m_stepTitle->setObjectName(QStringLiteral("stepTitle"));
    m_stepDescription = muted(QString());
    m_stepDescription->setObjectName(QStringLiteral("stepDescription"));
    m_runStepButton = new QPushButton(QStringLiteral("Run this step"));
    m_runStepButton->setObjectName(QStringLiteral("runStepButton"));
    m_runStepButton->setAutoDefault(false);
    connect(m_runStepButton, &QPushButton::clicked, this, [this] { m_runner->runStep(m_selected); });
    m_statusBanner = plainLabel(QString());
    m_statusBanner->setObjectName(QStringLiteral("stepStatusBanner"));
    m_statusBanner->setWordWrap(true);
    m_statusBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    letShrink(m_statusBanner);
    letShrink(m_stepDescription);

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_stepTitle, 1);
    titleRow->addWidget(m_runStepButton);

    auto *detailSplitter = new QSplitter(Qt::Vertical);
    detailSplitter->setObjectName(QStringLiteral("detailSplitter"));
    detailSplitter->addWidget(buildStepPages());
    detailSplitter->addWidget(buildExchangeView());
    detailSplitter->setStretchFactor(0, 3);
    detailSplitter->setStretchFactor(1, 2);
    detailSplitter->setChildrenCollapsible(false);

    auto *stepTab = new QWidget;
    auto *stepLayout = new QVBoxLayout(stepTab);
    stepLayout->setContentsMargins(6, 8, 6, 4);
    stepLayout->setSpacing(6);
    stepLayout->addLayout(titleRow);
    stepLayout->addWidget(m_stepDescription);
    stepLayout->addWidget(m_statusBanner);
    stepLayout->addWidget(detailSplitter, 1);

    m_settings = new FlowSettingsPanel;
    m_detailTabs = new QTabWidget;
    m_detailTabs->setObjectName(QStringLiteral("detailTabs"));
    m_detailTabs->addTab(stepTab, QStringLiteral("Step"));
    m_detailTabs->addTab(m_settings, QStringLiteral("Flow settings"));
    return m_detailTabs;
}

QWidget *FlowPage::buildStepPages()
{
    m_pages = new QStackedWidget;
    m_pages->setObjectName(QStringLiteral("stepPages"));

    m_metadataText = textView(QStringLiteral("metadataText"), QStringLiteral("Step 1 fetches the provider's metadata."));
    m_keysText = textView(QStringLiteral("keysText"), QStringLiteral("Step 2 fetches the provider's signing keys."));

    auto *prepare = new QWidget;
    auto *prepareForm = new QFormLayout(prepare);
    prepareForm->setContentsMargins(0, 0, 0, 0);
    m_challengeField = new CopyableField(QStringLiteral("codeChallengeField"));
    m_stateField = new CopyableField(QStringLiteral("stateField"));
    m_nonceField = new CopyableField(QStringLiteral("nonceField"));
    m_verifierNote = muted(QStringLiteral("The code_verifier stays inside the flow: it is sent once, in the token request (step 7), and "
                                          "shown redacted in the exchange log."));
    prepareForm->addRow(QStringLiteral("code_challenge"), m_challengeField);
    prepareForm->addRow(QStringLiteral("state"), m_stateField);
    prepareForm->addRow(QStringLiteral("nonce"), m_nonceField);
    prepareForm->addRow(QString(), m_verifierNote);

    auto *authorize = new QWidget;
    auto *authorizeLayout = new QVBoxLayout(authorize);
    authorizeLayout->setContentsMargins(0, 0, 0, 0);
    m_parameters = new AuthorizeParameterTable;
    m_urlField = new CopyableField(QStringLiteral("authorizationUrlField"));
    m_urlField->setPlaceholderText(QStringLiteral("Run this step to build the URL"));
    authorizeLayout->addWidget(m_parameters, 1);
    authorizeLayout->addWidget(m_urlField);

    m_browser = new BrowserPane([this](const QString &profileId) { return m_context.browserStoragePath(profileId); });

    auto *callback = new QWidget;
    auto *callbackLayout = new QVBoxLayout(callback);
    callbackLayout->setContentsMargins(0, 0, 0, 0);
    m_callbackChecks = new CheckListView(QStringLiteral("callbackChecks"), {});
    m_callbackPaste = new QLineEdit;
    m_callbackPaste->setObjectName(QStringLiteral("callbackPasteEdit"));
    m_callbackPaste->setPlaceholderText(QStringLiteral("Paste a redirect URL (http://127.0.0.1:…/callback?code=…&state=…)"));
    m_callbackCheckButton = new QPushButton(QStringLiteral("Check"));
    m_callbackCheckButton->setObjectName(QStringLiteral("callbackCheckButton"));
    m_callbackCheckButton->setAutoDefault(false);
    connect(m_callbackCheckButton, &QPushButton::clicked, this, [this] {
        const QUrl url = QUrl::fromUserInput(m_callbackPaste->text().trimmed());
        (void)m_runner->submitCallback(url); // refused callbacks are listed; the text stays for editing
    });
    connect(m_callbackPaste, &QLineEdit::returnPressed, m_callbackCheckButton, &QPushButton::click);
    auto *pasteRow = new QHBoxLayout;
    pasteRow->addWidget(m_callbackPaste, 1);
    pasteRow->addWidget(m_callbackCheckButton);
    m_callbackNotes = textView(QStringLiteral("callbackNotes"), QStringLiteral("Refused callbacks and stray requests are listed here."));
    m_callbackNotes->setMaximumHeight(90);
    callbackLayout->addWidget(m_callbackChecks, 2);
    callbackLayout->addLayout(pasteRow);
    callbackLayout->addWidget(m_callbackNotes, 1);

    m_tokenText = textView(QStringLiteral("tokenResponseText"), QStringLiteral("Step 7 exchanges the code for tokens."));

    auto *idToken = new QWidget;
    auto *idTokenLayout = new QVBoxLayout(idToken);
    idTokenLayout->setContentsMargins(0, 0, 0, 0);
    m_idTokenChecks = new CheckListView(QStringLiteral("idTokenChecks"), {.detailPane = true});
    idTokenLayout->addWidget(m_idTokenChecks, 1);

    m_userInfoText = textView(QStringLiteral("userInfoPageText"), QStringLiteral("Step 9 fetches the UserInfo claims."));

    auto *after = new QWidget;
    auto *afterLayout = new QVBoxLayout(after);
    afterLayout->setContentsMargins(0, 0, 0, 0);
    m_refreshChecks = new CheckListView(QStringLiteral("afterChecks"), {});
    m_afterText = textView(QStringLiteral("afterText"), QString());
    afterLayout->addWidget(m_afterText, 1);
    afterLayout->addWidget(m_refreshChecks, 2);

    for (QWidget *page : {static_cast<QWidget *>(m_metadataText), static_cast<QWidget *>(m_keysText), prepare, authorize,
                          static_cast<QWidget *>(m_browser), callback, static_cast<QWidget *>(m_tokenText), idToken,
                          static_cast<QWidget *>(m_userInfoText), after})
        m_pages->addWidget(page);
    return m_pages;
}

QWidget *FlowPage::buildExchangeView()
{
    m_recordCombo = new QComboBox;
    m_recordCombo->setObjectName(QStringLiteral("stepRecordCombo"));
    m_recordCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_recordCombo->setMinimumContentsLength(8);
    connect(m_recordCombo, &QComboBox::currentIndexChanged, this, &FlowPage::showRecord);
    m_requestText = textView(QStringLiteral("stepRequestText"), QStringLiteral("No HTTP exchange yet."));
    m_responseText = textView(QStringLiteral("stepResponseText"), QStringLiteral("No HTTP exchange yet."));
    auto *tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("exchangeTabs"));
    tabs->setDocumentMode(true);
    tabs->addTab(m_requestText, QStringLiteral("Request"));
    tabs->addTab(m_responseText, QStringLiteral("Response"));

    auto *row = new QHBoxLayout;
    row->addWidget(bold(QStringLiteral("HTTP")));
    row->addWidget(m_recordCombo, 1);
    row->addWidget(muted(QStringLiteral("secrets redacted")));

    m_exchangeView = new QWidget;
    auto *layout = new QVBoxLayout(m_exchangeView);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(row);
    layout->addWidget(tabs, 1);
    return m_exchangeView;
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
    m_browser->setSystemMode(profile.browserMode == BrowserMode::System);
    m_tokens->setSession(std::nullopt);
    m_tokens->clearBanner();
    m_urlField->setText(QString());
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
    m_browser->setSystemMode(profile.browserMode == BrowserMode::System);
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
        m_browser->setSystemMode(profile.browserMode == BrowserMode::System);
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
    QStringList parts;
    parts << profile.name;
    const QString issuer = profile.effectiveIssuer();
    if (profile.kind == ProviderKind::Sandbox && issuer.isEmpty())
        parts << QStringLiteral("not running yet");
    else if (!issuer.isEmpty())
        parts << issuer;
    parts << (profile.clientId.isEmpty() ? QStringLiteral("no client ID") : QStringLiteral("client %1").arg(profile.clientId));
    parts << (profile.browserMode == BrowserMode::System ? QStringLiteral("system browser") : QStringLiteral("embedded browser"));
    m_subtitle->setText(parts.join(QStringLiteral(" · ")));
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
    if (m_stepList->currentIndex() != index)
        m_stepList->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_selected = step;
    refreshDetail();
}

void FlowPage::onStepChanged(Step step)
{
    if (step == Step::Discovery && m_runner->session().metadata()) {
        m_parameters->setCodeChallengeMethodsSupported(m_runner->session().metadata()->codeChallengeMethodsSupported);
        m_parameters->setAuthorizationEndpoint(m_runner->session().metadata()->authorizationEndpoint);
    }
    if (step == Step::Browser || step == Step::Callback || step == Step::Logout) {
        const auto *model = m_runner->steps();
        const QStringList notes = model->entry(Step::Browser).notes + model->entry(Step::Callback).notes + model->entry(Step::Logout).notes;
        m_browser->setNotes(notes);
        m_callbackNotes->setPlainText(notes.join(QLatin1Char('\n')));
    }
    if (m_runner->steps()->state(step) == State::Running && m_runner->activeStep() == step)
        m_follow = step;
    updateButtons();
    scheduleDetail();
}

void FlowPage::scheduleDetail()
{
    if (!m_detailTimer.isActive())
        m_detailTimer.start();
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
    m_resetButton->setEnabled(true);
    m_runStepButton->setEnabled(!busy && FlowRunner::canRunAlone(m_selected));
    m_refreshButton->setEnabled(!busy && session && !session->tokens.refreshToken.isEmpty());
    m_revokeButton->setEnabled(!busy && session.has_value());
    m_logoutButton->setEnabled(!busy);
    m_callbackCheckButton->setEnabled(!busy || m_runner->activeStep() == Step::Browser);
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

    QString status;
    Tone tone = Tone::Neutral;
    switch (entry.state) {
    case State::Pending: status = QStringLiteral("Pending — not run yet."); break;
    case State::Running: status = QStringLiteral("Running — ") + entry.summary; break;
    case State::Ok:
        status = QStringLiteral("✔ OK — ") + entry.summary;
        tone = Tone::Good;
        break;
    case State::Failed:
        if (entry.error) {
            // The error's message, category and code, each said once; a summary that adds
            // something ("the earlier session is kept") is kept.
            const oidc::Error &error = *entry.error;
            const QString message = entry.summary.isEmpty() || entry.summary == errorText(error) ? qs(error.message) : entry.summary;
            status = QStringLiteral("✘ Failed — ") + message + QStringLiteral("\nCategory %1 · code %2")
                                                                    .arg(qs(oidc::categoryName(error.category)), qs(error.code));
            if ((!error.expected.empty() || !error.actual.empty()) && (error.actual.empty() || !message.contains(qs(error.actual))))
                status += QStringLiteral(" · expected %1, got %2")
                              .arg(error.expected.empty() ? QStringLiteral("-") : qs(error.expected),
                                   error.actual.empty() ? QStringLiteral("-") : qs(error.actual));
            if (error.httpStatus)
                status += QStringLiteral(" · HTTP %1").arg(error.httpStatus);
        } else {
            status = QStringLiteral("✘ Failed — ") + entry.summary;
        }
        tone = Tone::Bad;
        break;
    case State::Cancelled:
        status = QStringLiteral("Cancelled — ") + entry.summary;
        tone = Tone::Warning;
        break;
    }
    m_statusBanner->setText(status);
    updateTone(m_statusBanner, tone);
    m_exchangeView->setVisible(hasExchanges(m_selected) || !entry.recordIds.isEmpty());
    refreshStepPage();
    refreshRecords();
    updateButtons();
}

void FlowPage::refreshStepPage()
{
    const auto &session = m_runner->session();
    const FlowStepModel::Entry &entry = m_runner->steps()->entry(m_selected);
    switch (m_selected) {
    case Step::Discovery: {
        m_pages->setCurrentWidget(m_metadataText);
        if (!session.metadata()) {
            m_metadataText->setPlainText(QString());
            break;
        }
        const auto &metadata = *session.metadata();
        QString text;
        text += line(QStringLiteral("issuer"), metadata.issuer);
        text += line(QStringLiteral("authorization_endpoint"), urlText(metadata.authorizationEndpoint));
        text += line(QStringLiteral("token_endpoint"), urlText(metadata.tokenEndpoint));
        text += line(QStringLiteral("userinfo_endpoint"), urlText(metadata.userinfoEndpoint));
        text += line(QStringLiteral("jwks_uri"), urlText(metadata.jwksUri));
        text += line(QStringLiteral("revocation_endpoint"), urlText(metadata.revocationEndpoint));
        text += line(QStringLiteral("end_session_endpoint"), urlText(metadata.endSessionEndpoint));
        text += line(QStringLiteral("code_challenge_methods_supported"), metadata.codeChallengeMethodsSupported.join(QStringLiteral(", ")));
        text += line(QStringLiteral("id_token_signing_alg_values"), metadata.idTokenSigningAlgValuesSupported.join(QStringLiteral(", ")));
        text += line(QStringLiteral("token_endpoint_auth_methods"), metadata.tokenEndpointAuthMethodsSupported.join(QStringLiteral(", ")));
        text += line(QStringLiteral("iss in the authorization response"),
                     metadata.authorizationResponseIssParameterSupported ? QStringLiteral("supported (RFC 9207)") : QStringLiteral("not advertised"));
        const QStringList insecure = oidc::flow::insecureLoopbackEndpoints(metadata);
        if (!insecure.isEmpty())
            text += QStringLiteral("\n⚠ plain http on loopback: ") + insecure.join(QStringLiteral(", ")) + QLatin1Char('\n');
        m_metadataText->setPlainText(text);
        break;
    }
    case Step::Keys: {
        m_pages->setCurrentWidget(m_keysText);
        QString text;
        if (session.keys()) {
            for (const auto &key : session.keys()->keys)
                text += QStringLiteral("✔ ") + qs(key.describe()) + QLatin1Char('\n');
            for (const auto &skipped : session.keys()->skipped)
                text += QStringLiteral("skipped: ") + qs(skipped) + QLatin1Char('\n');
        }
        m_keysText->setPlainText(text);
        break;
    }
    case Step::Prepare: {
        m_pages->setCurrentWidget(m_challengeField->parentWidget());
        const auto &defaults = m_runner->defaults();
        m_challengeField->setText(defaults ? defaults->codeChallenge : QString());
        m_stateField->setText(defaults ? defaults->state : QString());
        m_nonceField->setText(defaults ? defaults->nonce : QString());
        break;
    }
    case Step::Authorize:
        m_pages->setCurrentWidget(m_parameters->parentWidget());
        break;
    case Step::Browser:
        m_pages->setCurrentWidget(m_browser);
        break;
    case Step::Callback:
        m_pages->setCurrentWidget(m_callbackChecks->parentWidget());
        m_callbackChecks->setChecks(entry.checks);
        if (m_callbackPaste->text().isEmpty() && !m_runner->lastCallbackUrl().isEmpty())
            m_callbackPaste->setPlaceholderText(QStringLiteral("Last: ") + redactedUrlText(m_runner->lastCallbackUrl()));
        break;
    case Step::Token: {
        m_pages->setCurrentWidget(m_tokenText);
        QString text;
        if (session.session()) {
            const auto &tokens = session.session()->tokens;
            text += line(QStringLiteral("token_type"), tokens.tokenType);
            text += line(QStringLiteral("expires_in"), tokens.expiresIn ? QStringLiteral("%1 s").arg(*tokens.expiresIn) : QStringLiteral("not sent (unknown expiry)"));
            text += line(QStringLiteral("scope"), tokens.scope.isEmpty() ? QStringLiteral("not sent (the requested scope is assumed)") : tokens.scope);
            text += line(QStringLiteral("access_token"), oidc::redactSecret(tokens.accessToken));
            text += line(QStringLiteral("id_token"), oidc::redactSecret(tokens.idToken));
            text += line(QStringLiteral("refresh_token"), oidc::redactSecret(tokens.refreshToken));
            text += QStringLiteral("\nThe tokens are decoded in the Tokens panel on the right.");
        }
        m_tokenText->setPlainText(entry.state == State::Ok || entry.state == State::Pending ? text : entry.summary);
        break;
    }
    case Step::IdToken:
        m_pages->setCurrentWidget(m_idTokenChecks->parentWidget());
        // Only new checks reset the list: a refresh while the flow runs keeps the user's selection.
        if (m_idTokenChecks->checks().size() != entry.checks.size()
            || !std::equal(entry.checks.begin(), entry.checks.end(), m_idTokenChecks->checks().begin(),
                           [](const auto &a, const auto &b) { return a.id == b.id && a.outcome == b.outcome && a.detail == b.detail; }))
            m_idTokenChecks->setChecks(entry.checks);
        break;
    case Step::UserInfo:
        m_pages->setCurrentWidget(m_userInfoText);
        if (session.session() && !session.session()->userInfo.is_null())
            m_userInfoText->setPlainText(qs(session.session()->userInfo.dump(2, ' ', false, oidc::Json::error_handler_t::replace)));
        else
            m_userInfoText->setPlainText(QString());
        break;
    case Step::Refresh:
    case Step::Revoke:
    case Step::Logout: {
        const bool browserStep = m_selected == Step::Logout && entry.state == State::Running
            && m_runner->profile().browserMode == BrowserMode::Embedded;
        if (browserStep) {
            m_pages->setCurrentWidget(m_browser);
            break;
        }
        m_pages->setCurrentWidget(m_afterText->parentWidget());
        m_refreshChecks->setChecks(m_selected == Step::Refresh ? entry.checks : std::vector<oidc::jwt::ClaimCheck>{});
        QString text = entry.summary;
        if (m_selected == Step::Logout && !m_runner->logoutUrl().isEmpty())
            text += QStringLiteral("\n\nEnd-session URL (id_token_hint redacted):\n") + redactedUrlText(m_runner->logoutUrl())
                + QStringLiteral("\npost_logout_redirect_uri: ") + m_runner->postLogoutRedirectUri();
        if (!entry.notes.isEmpty())
            text += QStringLiteral("\n\nNotes:\n") + entry.notes.join(QLatin1Char('\n'));
        m_afterText->setPlainText(text);
        m_refreshChecks->setVisible(!m_refreshChecks->checks().empty());
        break;
    }
    }
}

void FlowPage::refreshRecords()
{
    const FlowStepModel::Entry &entry = m_runner->steps()->entry(m_selected);
    const auto &records = m_context.exchangeLog().records();
    const QSignalBlocker blocker(m_recordCombo);
    m_recordCombo->clear();
    for (int id : entry.recordIds) {
        const auto found = std::find_if(records.begin(), records.end(), [id](const auto &record) { return record.id == id; });
        if (found == records.end())
            continue;
        m_recordCombo->addItem(QStringLiteral("#%1 %2 %3 → %4")
                                   .arg(found->id)
                                   .arg(QString::fromLatin1(found->method), oidc::net::ExchangeLog::url(*found, oidc::net::Reveal::Redacted),
                                        found->status ? QString::number(found->status) : QStringLiteral("no response")),
                               id);
    }
    m_recordCombo->setCurrentIndex(m_recordCombo->count() - 1);
    showRecord(m_recordCombo->currentIndex());
}

void FlowPage::showRecord(int comboIndex)
{
    if (comboIndex < 0) {
        m_requestText->setPlainText(QString());
        m_responseText->setPlainText(QString());
        return;
    }
    const int id = m_recordCombo->itemData(comboIndex).toInt();
    const auto &records = m_context.exchangeLog().records();
    const auto found = std::find_if(records.begin(), records.end(), [id](const auto &record) { return record.id == id; });
    if (found == records.end())
        return;
    m_requestText->setPlainText(readableRequest(*found, oidc::net::Reveal::Redacted));
    m_responseText->setPlainText(readableResponse(*found, oidc::net::Reveal::Redacted));
}

} // namespace ui
