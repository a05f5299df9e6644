#include "ProviderBar.h"

#include "ui/AppContext.h"
#include "ui/Presentation.h"
#include "ui/UiText.h"
#include "ui/flow/ProfileEditorDialog.h"
#include "ui/flow/ProfileManager.h"

#include "sandbox/SandboxHost.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace ui {

using oidc::flow::ProviderKind;

namespace {
const QString &kNoProfilesStatus()
{
    static const QString text = QStringLiteral(
        "No provider profiles yet: they arrive with the sandbox and flow features. "
        "The PKCE generator and the JWT inspector work without a provider.");
    return text;
}
} // namespace

ProviderBar::ProviderBar(QWidget *parent)
    : QWidget(parent)
    , m_combo(new QComboBox(this))
    , m_dot(plainLabel(QString(), this))
    , m_status(plainLabel(kNoProfilesStatus(), this))
    , m_stopButton(new QPushButton(QStringLiteral("Stop"), this))
    , m_restartButton(new QPushButton(QStringLiteral("Restart"), this))
    , m_resetButton(new QPushButton(QStringLiteral("Reset"), this))
    , m_editButton(new QPushButton(QStringLiteral("Profiles…"), this))
    , m_mgmtKey(plainLabel(QString(), this))
    , m_mgmtReveal(new QToolButton(this))
    , m_mgmtCopy(new QToolButton(this))
{
    setObjectName(QStringLiteral("providerBar"));
    setAutoFillBackground(true);

    auto *title = plainLabel(QStringLiteral("Provider"), this);
    QFont bold = title->font();
    bold.setWeight(QFont::DemiBold);
    title->setFont(bold);

    m_combo->setObjectName(QStringLiteral("providerCombo"));
    m_combo->setAccessibleName(QStringLiteral("Provider"));
    m_combo->setAccessibleDescription(QStringLiteral("The provider profile every area signs in with"));
    title->setBuddy(m_combo);
    m_combo->setMinimumWidth(240);
    m_combo->setPlaceholderText(QStringLiteral("No provider profiles"));
    m_combo->setEnabled(false);
    m_combo->setToolTip(QStringLiteral("Provider profiles arrive with the sandbox and flow features."));

    m_dot->setObjectName(QStringLiteral("providerStatusDot"));
    m_dot->hide();
    m_status->setObjectName(QStringLiteral("providerStatusLabel"));
    m_status->setAccessibleName(QStringLiteral("Provider status"));
    setInk(m_status, Ink::Muted);
    // The status becomes selectable (setSelectable) once it shows something worth copying: an
    // address, an issuer, an error. Not before: a selectable QLabel builds a text document, which
    // the first frame does without.
    // Long issuers must not widen the window: the label shrinks (the full text is in its tooltip).
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setMinimumWidth(120);

    m_stopButton->setObjectName(QStringLiteral("sandboxStopButton"));
    m_restartButton->setObjectName(QStringLiteral("sandboxRestartButton"));
    m_resetButton->setObjectName(QStringLiteral("sandboxResetButton"));
    m_editButton->setObjectName(QStringLiteral("editProfilesButton"));
    m_stopButton->setToolTip(QStringLiteral("Stops the built-in provider (its users, sessions and faults are kept)."));
    m_restartButton->setToolTip(QStringLiteral("Starts the built-in provider again, on the same port when it is free."));
    m_resetButton->setToolTip(QStringLiteral("Back to the fixtures: users, sessions, codes, inbox, faults, rate limits and the clock."));
    m_editButton->setToolTip(QStringLiteral("Add, edit, duplicate or remove provider profiles."));
    for (auto *button : {m_stopButton, m_restartButton, m_resetButton, m_editButton}) {
        button->setAutoDefault(false);
        button->hide();
    }
    m_mgmtKey->setObjectName(QStringLiteral("providerMgmtKey"));
    m_mgmtKey->setToolTip(QStringLiteral("The sandbox's management key (sandbox-only): the Users & Tenants area uses it by itself."));
    m_mgmtReveal->setObjectName(QStringLiteral("providerMgmtKeyReveal"));
    m_mgmtReveal->setCheckable(true);
    m_mgmtReveal->setToolTip(QStringLiteral("Shows the whole key until you click again: anyone who sees it can manage the sandbox's project."));
    m_mgmtCopy->setObjectName(QStringLiteral("providerMgmtKeyCopy"));
    m_mgmtCopy->setToolTip(QStringLiteral("Copies the whole key (for oidcplay-cli descope mgmt or the Node SDK) without showing it."));
    // Small tool buttons: the bar has little room left beside the status.
    m_mgmtReveal->setText(QStringLiteral("Reveal"));
    m_mgmtCopy->setText(QStringLiteral("Copy"));
    for (auto *widget : std::initializer_list<QWidget *>{m_mgmtKey, m_mgmtReveal, m_mgmtCopy})
        widget->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(10);
    layout->addWidget(title);
    layout->addWidget(m_combo);
    layout->addWidget(m_dot);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_mgmtKey);
    layout->addWidget(m_mgmtReveal);
    layout->addWidget(m_mgmtCopy);
    layout->addWidget(m_stopButton);
    layout->addWidget(m_restartButton);
    layout->addWidget(m_resetButton);
    layout->addWidget(m_editButton);

    connect(m_combo, &QComboBox::currentTextChanged, this, [this](const QString &name) {
        if (m_combo->isEnabled() && !name.isEmpty() && !m_reloading)
            Q_EMIT profileChanged(name);
    });
    connect(m_combo, &QComboBox::activated, this, [this](int index) {
        if (m_context && index >= 0)
            m_context->profiles().setCurrent(m_combo->itemData(index).toString());
    });
}

void ProviderBar::attach(AppContext *context)
{
    m_context = context;
    if (!context)
        return;
    ProfileManager &profiles = context->profiles();
    connect(&profiles, &ProfileManager::profilesChanged, this, &ProviderBar::reloadProfiles);
    connect(&profiles, &ProfileManager::currentChanged, this, &ProviderBar::reloadProfiles);
    connect(&profiles, &ProfileManager::profileUpdated, this, &ProviderBar::updateStatus);
    connect(context, &AppContext::sandboxStateChanged, this, &ProviderBar::updateStatus);
    connect(m_stopButton, &QPushButton::clicked, context, &AppContext::stopSandbox);
    connect(m_restartButton, &QPushButton::clicked, context, &AppContext::restartSandbox);
    connect(m_resetButton, &QPushButton::clicked, context, &AppContext::resetSandbox);
    connect(m_editButton, &QPushButton::clicked, this, &ProviderBar::openProfileEditor);
    connect(m_mgmtReveal, &QToolButton::toggled, this, &ProviderBar::updateManagementKey);
    // Presenting hides the key again and keeps Reveal from showing it (ui/Presentation.h).
    connect(&Presentation::instance(), &Presentation::activeChanged, this, [this] {
        const QSignalBlocker blocker(m_mgmtReveal);
        m_mgmtReveal->setChecked(false);
        updateManagementKey();
    });
    connect(m_mgmtCopy, &QToolButton::clicked, this, [this] {
        if (m_context && m_context->hasSandbox())
            QGuiApplication::clipboard()->setText(m_context->sandbox()->managementKey());
    });
    m_combo->setToolTip(QStringLiteral("The provider the flow pages sign in with."));
    m_editButton->show();
    reloadProfiles();
}

void ProviderBar::reloadProfiles()
{
    if (!m_context)
        return;
    const ProfileManager &profiles = m_context->profiles();
    m_reloading = true;
    m_combo->clear();
    for (const auto &profile : profiles.profiles())
        m_combo->addItem(profile.name, profile.id);
    m_combo->setEnabled(true);
    m_combo->setCurrentIndex(m_combo->findData(profiles.currentId()));
    m_reloading = false;
    Q_EMIT profileChanged(m_combo->currentText());
    updateStatus();
}

void ProviderBar::updateStatus()
{
    if (!m_context)
        return;
    const auto &profile = m_context->profiles().current();
    const bool sandbox = profile.kind == ProviderKind::Sandbox;
    m_stopButton->setVisible(sandbox);
    m_restartButton->setVisible(sandbox);
    m_resetButton->setVisible(sandbox);
    m_dot->setVisible(sandbox);
    Ink statusInk = Ink::Muted;
    if (sandbox) {
        const auto state = m_context->sandboxState();
        Ink color = Ink::Muted;
        QString text;
        switch (state) {
        case AppContext::SandboxState::NotStarted:
            text = QStringLiteral("Sandbox · starting soon");
            break;
        case AppContext::SandboxState::Starting:
            text = QStringLiteral("Sandbox · starting (%1)").arg(m_context->sandboxMessage());
            color = Ink::Warn;
            break;
        case AppContext::SandboxState::Running:
            text = QStringLiteral("Sandbox running at %1 · project %2 · issuer %3")
                       .arg(m_context->sandboxMessage(), profile.descopeProjectId, profile.issuer);
            color = Ink::Pass;
            break;
        case AppContext::SandboxState::Stopped:
            text = QStringLiteral("Sandbox stopped · Restart starts it again");
            break;
        case AppContext::SandboxState::Failed:
            text = QStringLiteral("Sandbox failed to start: %1").arg(m_context->sandboxMessage());
            color = Ink::Fail;
            break;
        }
        m_dot->setText(QStringLiteral("●"));
        setInk(m_dot, color);
        m_status->setText(text);
        setSelectable(state != AppContext::SandboxState::NotStarted && state != AppContext::SandboxState::Starting);
        if (state == AppContext::SandboxState::Failed)
            statusInk = Ink::Fail;
        m_stopButton->setEnabled(state == AppContext::SandboxState::Running);
        m_restartButton->setEnabled(state != AppContext::SandboxState::Starting);
        m_resetButton->setEnabled(state == AppContext::SandboxState::Running);
    } else {
        QString text = oidc::flow::providerKindName(profile.kind);
        // The issuer that is called: the profile's `{{variables}}` substituted (the core's resolveProfile).
        const auto resolved = m_context->profiles().resolved(profile);
        const QString issuer = resolved ? resolved->profile().effectiveIssuer() : profile.effectiveIssuer();
        text += issuer.isEmpty() ? QStringLiteral(" · no issuer yet: Profiles… to set one") : QStringLiteral(" · ") + issuer;
        if (!resolved) {
            text += QStringLiteral("  ✘ ") + errorText(resolved.error());
            statusInk = Ink::Fail;
        }
        const QStringList warnings = profile.warnings();
        if (!warnings.isEmpty())
            text += QStringLiteral("  ⚠ ") + warnings.join(QLatin1Char(' '));
        m_status->setText(text);
        setSelectable(true);
    }
    setInk(m_status, statusInk);
    m_status->setToolTip(plainToolTip(m_status->text()));
    if (m_mgmtReveal->isChecked()) {
        // A change of provider or of the sandbox's state hides the key again.
        const QSignalBlocker blocker(m_mgmtReveal);
        m_mgmtReveal->setChecked(false);
    }
    updateManagementKey();
}

void ProviderBar::updateManagementKey()
{
    const bool sandbox = m_context && m_context->profiles().current().kind == ProviderKind::Sandbox;
    const bool running = sandbox && m_context->sandboxState() == AppContext::SandboxState::Running && m_context->hasSandbox();
    const QString key = running ? m_context->sandbox()->managementKey() : QString();
    for (auto *widget : std::initializer_list<QWidget *>{m_mgmtKey, m_mgmtReveal, m_mgmtCopy})
        widget->setVisible(!key.isEmpty());
    if (key.isEmpty()) {
        m_mgmtKey->clear();
        return;
    }
    if (m_mgmtReveal->isChecked() && Presentation::secretsMasked()) {
        const QSignalBlocker blocker(m_mgmtReveal);
        m_mgmtReveal->setChecked(false);
    }
    const bool revealed = m_mgmtReveal->isChecked();
    // Masked without a prefix: the bar keeps its room for the sandbox's URL at 1280 px.
    m_mgmtKey->setText(QStringLiteral("Mgmt key ") + (revealed ? key : QStringLiteral("[redacted]")));
    m_mgmtKey->setTextInteractionFlags(revealed ? Qt::TextSelectableByMouse : Qt::NoTextInteraction);
    m_mgmtReveal->setText(revealed ? QStringLiteral("Hide") : QStringLiteral("Reveal"));
}

void ProviderBar::setProfiles(const QStringList &names)
{
    m_combo->clear();
    m_combo->addItems(names);
    m_combo->setEnabled(!names.isEmpty());
    if (names.isEmpty()) {
        m_status->setText(kNoProfilesStatus());
        setSelectable(false);
    }
}

void ProviderBar::setStatus(const QString &text)
{
    m_status->setText(text);
    setSelectable(true);
}

void ProviderBar::setSelectable(bool selectable)
{
    const Qt::TextInteractionFlags flags = selectable ? Qt::TextSelectableByMouse : Qt::NoTextInteraction;
    if (m_status->textInteractionFlags() != flags)
        m_status->setTextInteractionFlags(flags);
}

void ProviderBar::openProfileEditor()
{
    if (!m_context)
        return;
    ProfileEditorDialog dialog(*m_context, m_context->profiles().currentId(), window());
    dialog.exec();
}

} // namespace ui

#include "moc_ProviderBar.cpp"
