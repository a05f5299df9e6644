#include "ClientCredentialsForm.h"

#include "ui/UiText.h"
#include "ui/descope/AccessTokenView.h"
#include "ui/descope/RefusalBanner.h"
#include "ui/flow/ClientAuthCombo.h"
#include "ui/flow/ProfileManager.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include "oidc/Redaction.h"
#include "oidc/flow/FlowSession.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace ui {

using oidc::flow::ClientAuthMethod;
using oidc::flow::ProviderKind;
using oidc::flow::ProviderMetadata;
using oidc::flow::StepOutcome;
using oidc::flow::TokenResponse;

ClientCredentialsForm::ClientCredentialsForm(ProfileManager &profiles, oidc::net::HttpTransport &transport, QWidget *parent)
    : QWidget(parent)
    , m_profiles(profiles)
    , m_session(new oidc::flow::FlowSession(transport, this))
{
    setObjectName(QStringLiteral("clientCredentials"));
    m_refusal = new RefusalBanner(QStringLiteral("ccRefusal"));
    m_token = new AccessTokenView(QStringLiteral("cc"));
    layout::attach(this, layout::column({typeLabel(Type::Caption, tr("A client signs in as itself (RFC 6749 §4.4): no user, no browser.")),
                                         buildForm(), m_refusal, layout::Item(m_token, 1)},
                                        {.margins = QMargins(8, 8, 8, 8), .spacing = 8}));

    connect(m_preset, &QComboBox::activated, this, &ClientCredentialsForm::presetChosen);
    connect(m_request, &QPushButton::clicked, this, &ClientCredentialsForm::request);
    connect(m_cancel, &QPushButton::clicked, this, &ClientCredentialsForm::cancel);
    connect(m_token, &AccessTokenView::openInInspector, this, &ClientCredentialsForm::openInInspector);
    connect(&m_profiles, &ProfileManager::currentChanged, this, &ClientCredentialsForm::followProfile);
    connect(&m_profiles, &ProfileManager::profileUpdated, this, [this](const QString &id) {
        if (id == m_profiles.currentId())
            followProfile();
    });
    followProfile();
    setBusy(false);
}

// Requests in flight end with the session (the transport drops their answers).
ClientCredentialsForm::~ClientCredentialsForm() = default;

QWidget *ClientCredentialsForm::buildForm()
{
    m_provider = typeLabel(Type::Caption);
    m_provider->setObjectName(QStringLiteral("ccProvider"));
    m_provider->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preset = new QComboBox;
    m_preset->setObjectName(QStringLiteral("ccPreset"));
    m_preset->setToolTip(tr("The sandbox's own clients and access keys (sandbox-only secrets)"));
    m_preset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon); // long names must not widen the form
    m_preset->setMinimumContentsLength(24);
    m_presetLabel = plainLabel(tr("Try"));
    m_clientId = new QLineEdit;
    m_clientId->setObjectName(QStringLiteral("ccClientId"));
    m_secret = new QLineEdit;
    m_secret->setObjectName(QStringLiteral("ccClientSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("Kept in memory only"));
    m_method = new ClientAuthCombo(QStringLiteral("ccAuthMethod"));
    m_scope = new QLineEdit;
    m_scope->setObjectName(QStringLiteral("ccScope"));
    m_scope->setPlaceholderText(tr("Space-separated, e.g. read:data (optional)"));
    m_request = new QPushButton(tr("Request token"));
    m_request->setObjectName(QStringLiteral("ccRequest"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("ccCancel"));
    connect(m_scope, &QLineEdit::returnPressed, this, &ClientCredentialsForm::request);

    return layout::widget(layout::form({{tr("Provider"), m_provider},
                                        {m_presetLabel, m_preset},
                                        {tr("Client ID"), m_clientId},
                                        {tr("Client secret"), m_secret},
                                        {tr("Authentication"), m_method},
                                        {tr("Scope"), m_scope},
                                        {QString(), layout::row({m_request, m_cancel, layout::Stretch{}}, {.margins = layout::kFlush})}},
                                       {.margins = layout::kFlush}));
}

QString ClientCredentialsForm::providerKey() const
{
    // The provider that is called: with the profile's `{{variables}}` substituted.
    const auto resolved = m_profiles.resolved(m_profiles.current());
    const auto &profile = resolved ? resolved->profile() : m_profiles.current();
    return QStringLiteral("%1|%2|%3|%4")
        .arg(profile.id, oidc::flow::providerKindName(profile.kind), profile.effectiveIssuer(), profile.manualEndpoints.token);
}

void ClientCredentialsForm::followProfile()
{
    // The fields follow the provider, not each edit of it: what the user typed stays until the
    // provider changes (the sandbox's issuer arriving is such a change).
    const QString key = providerKey();
    if (key == m_profileShown)
        return;
    cancel();
    m_profileShown = key;
    m_discovered.clear();
    const auto resolved = m_profiles.resolved(m_profiles.current());
    const auto &profile = resolved ? resolved->profile() : m_profiles.current();
    m_provider->setText(profile.kind == ProviderKind::Sandbox && profile.issuer.isEmpty()
                            ? tr("The built-in sandbox (not running yet)")
                            : tr("%1 · %2 · the token endpoint comes from discovery on the first request").arg(profile.name, profile.effectiveIssuer()));
    m_clientId->setText(profile.clientId);
    m_secret->setText(profile.clientSecret);
    m_method->setMethod(profile.authMethod == ClientAuthMethod::None ? ClientAuthMethod::ClientSecretBasic : profile.authMethod);
    m_refusal->dismiss();
    m_token->clear(tr("No access token yet: nothing is sent until you request one."));
    Q_EMIT tokenChanged(QString());
    updatePresets();
}

void ClientCredentialsForm::setSandboxCredentials(const QList<SandboxCredential> &credentials, const QString &projectId)
{
    m_credentials = credentials;
    m_projectId = projectId;
    updatePresets();
}

void ClientCredentialsForm::updatePresets()
{
    const bool offer = m_profiles.current().kind == ProviderKind::Sandbox && !m_credentials.isEmpty();
    m_preset->clear();
    m_preset->addItem(tr("Your own client (type it below)"));
    if (offer) {
        for (const SandboxCredential &credential : std::as_const(m_credentials)) {
            m_preset->addItem(credential.kind == SandboxCredential::Kind::ConfidentialClient
                                  ? tr("Confidential client %1").arg(credential.id)
                                  : tr("Access key %1 as the secret of client %2 (roles: %3)")
                                        .arg(credential.name, m_projectId, credential.roles.join(QStringLiteral(", "))));
        }
    }
    m_preset->setVisible(offer);
    m_presetLabel->setVisible(offer);
    // The sandbox's public client cannot use this grant: start from its confidential client.
    if (offer && m_secret->text().isEmpty())
        presetChosen(1);
}

void ClientCredentialsForm::presetChosen(int index)
{
    if (index < 1 || index > m_credentials.size())
        return;
    m_preset->setCurrentIndex(index);
    const SandboxCredential &credential = m_credentials.at(index - 1);
    const bool key = credential.kind == SandboxCredential::Kind::AccessKey;
    m_clientId->setText(key ? m_projectId : credential.id);
    m_secret->setText(credential.secret);
    m_method->setMethod(ClientAuthMethod::ClientSecretBasic);
}

void ClientCredentialsForm::setBusy(bool busy)
{
    m_busy = busy;
    m_request->setEnabled(!busy);
    m_cancel->setEnabled(busy);
}

void ClientCredentialsForm::fail(const oidc::Error &error)
{
    setBusy(false);
    if (error.code != "NET_CANCELLED")
        m_refusal->showError(tr("The client credentials request"), error);
}

void ClientCredentialsForm::request()
{
    if (m_busy)
        return;
    m_refusal->dismiss();
    const auto &profile = m_profiles.current();
    if (profile.kind == ProviderKind::Sandbox && profile.issuer.isEmpty()) {
        fail(oidc::makeError(oidc::ErrorCategory::Sandbox, "SANDBOX_NOT_RUNNING",
                             "the built-in sandbox is not running: start it with Restart in the provider bar"));
        return;
    }
    m_session->setClient({m_clientId->text().trimmed(), m_secret->text(), m_method->method()});
    setBusy(true);
    const QString key = providerKey();
    if (m_discovered == key) {
        requestToken();
        return;
    }
    const auto resolved = m_profiles.resolved(profile);
    if (!resolved) {
        fail(resolved.error()); // a `{{variable}}` that does not resolve: nothing is sent
        return;
    }
    auto settings = resolved->profile().providerSettings();
    if (!settings) {
        fail(settings.error());
        return;
    }
    m_session->setProvider(*settings);
    m_provider->setText(tr("%1 · discovering %2 …").arg(profile.name, settings->issuer));
    m_discovery = m_session->discover([this, key, name = profile.name](StepOutcome<ProviderMetadata> outcome) {
        if (!outcome.result) {
            m_provider->setText(tr("%1 · discovery failed").arg(name));
            fail(outcome.result.error());
            return;
        }
        m_discovered = key;
        m_provider->setText(tr("%1 · token endpoint %2").arg(name, oidc::redactUrl(outcome.result->tokenEndpoint)));
        requestToken();
    });
}

void ClientCredentialsForm::requestToken()
{
    m_tokenRequest = m_session->clientCredentials(m_scope->text().simplified(), {},
                                                  [this](StepOutcome<TokenResponse> outcome) { tokenAnswered(outcome.result); });
}

void ClientCredentialsForm::tokenAnswered(const oidc::Result<TokenResponse> &tokens)
{
    if (!tokens) {
        fail(tokens.error()); // the earlier token stays, in the view and for the API tester
        return;
    }
    setBusy(false);
    m_token->showTokens(*tokens);
    Q_EMIT tokenChanged(tokens->accessToken);
}

void ClientCredentialsForm::cancel()
{
    // Each operation answers NET_CANCELLED before cancel() returns (fail() resets the state).
    m_discovery.cancel();
    m_tokenRequest.cancel();
}

} // namespace ui

#include "moc_ClientCredentialsForm.cpp"
