#include "ProfileEditorDialog.h"

#include "ui/AppContext.h"
#include "ui/UiText.h"
#include "ui/flow/ClientAuthCombo.h"
#include "ui/flow/ProfileManager.h"
#include "ui/flow/ResolvedUrlsText.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/widgets/Type.h"

#include "oidc/flow/ProviderMetadata.h"
#include "oidc/net/HttpTransport.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace ui {

using oidc::flow::ProviderKind;
using oidc::flow::ProviderProfile;

namespace {

enum KindPage { IssuerPage, DescopePage, ManualPage, SandboxPage };

// The second line of a profile in the list.
QString kindLine(const ProviderProfile &profile)
{
    if (profile.kind == ProviderKind::Sandbox)
        return QStringLiteral("Descope emulation on 127.0.0.1");
    const QString issuer = profile.effectiveIssuer();
    return oidc::flow::providerKindName(profile.kind) + (issuer.isEmpty() ? QString() : QStringLiteral(" · ") + QUrl(issuer).host());
}

QLineEdit *lineEdit(const QString &name, const QString &placeholder = {})
{
    auto *edit = new QLineEdit;
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    return edit;
}

QPushButton *button(const QString &text, const QString &name)
{
    auto *created = new QPushButton(text);
    created->setObjectName(name);
    created->setAutoDefault(false); // Return in a field does not close the dialog
    return created;
}

} // namespace

ProfileEditorDialog::ProfileEditorDialog(AppContext &context, const QString &selectId, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_list(new QListWidget)
    , m_addButton(button(QStringLiteral("Add"), QStringLiteral("addProfileButton")))
    , m_duplicateButton(button(QStringLiteral("Duplicate"), QStringLiteral("duplicateProfileButton")))
    , m_removeButton(button(QStringLiteral("Remove"), QStringLiteral("removeProfileButton")))
    , m_name(lineEdit(QStringLiteral("profileNameEdit")))
    , m_kind(new QComboBox)
    , m_sandboxNote(typeLabel(Type::Caption))
    , m_kindPages(new QStackedWidget)
    , m_issuer(lineEdit(QStringLiteral("issuerEdit"), QStringLiteral("https://issuer.example")))
    , m_project(lineEdit(QStringLiteral("descopeProjectEdit"), QStringLiteral("P2…")))
    , m_customDomain(lineEdit(QStringLiteral("customDomainEdit"), QStringLiteral("optional: https://auth.example.com")))
    , m_derived(toneLabel(QStringLiteral("descopeDerivedLabel"), Tone::Neutral))
    , m_manualIssuer(lineEdit(QStringLiteral("manualIssuerEdit"), QStringLiteral("https://issuer.example")))
    , m_manualAuthorization(lineEdit(QStringLiteral("manualAuthorizationEdit"), QStringLiteral("required")))
    , m_manualToken(lineEdit(QStringLiteral("manualTokenEdit"), QStringLiteral("required")))
    , m_manualUserinfo(lineEdit(QStringLiteral("manualUserinfoEdit"), QStringLiteral("optional")))
    , m_manualJwks(lineEdit(QStringLiteral("manualJwksEdit"), QStringLiteral("required to verify ID tokens")))
    , m_manualRevocation(lineEdit(QStringLiteral("manualRevocationEdit"), QStringLiteral("optional")))
    , m_manualEndSession(lineEdit(QStringLiteral("manualEndSessionEdit"), QStringLiteral("optional")))
    , m_clientId(lineEdit(QStringLiteral("profileClientIdEdit")))
    , m_clientSecret(lineEdit(QStringLiteral("profileClientSecretEdit")))
    , m_auth(new ClientAuthCombo(QStringLiteral("profileAuthCombo")))
    , m_checkButton(button(QStringLiteral("Check metadata"), QStringLiteral("checkMetadataButton")))
    , m_checkResult(toneLabel(QStringLiteral("checkResultLabel"), Tone::Neutral))
    , m_warnings(toneLabel(QStringLiteral("profileWarningsLabel"), Tone::Warning))
    , m_resolvedUrls(toneLabel(QStringLiteral("resolvedUrlsLabel"), Tone::Neutral))
{
    setObjectName(QStringLiteral("profileEditorDialog"));
    setWindowTitle(QStringLiteral("Provider profiles"));
    resize(820, 560);
    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setSpacing(3);
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_checkResult->hide();
    m_warnings->setTextInteractionFlags(Qt::NoTextInteraction);
    m_warnings->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, [this] {
        save();
        accept();
    });
    QHBoxLayout *columns = layout::row({layout::Item(layout::column({layout::Item(m_list, 1),
                                                                     layout::row({m_addButton, m_duplicateButton, m_removeButton})}),
                                                     2),
                                        layout::Space{12}, layout::Item(buildForm(), 5)});
    layout::attach(this, layout::column({layout::Item(columns, 1), buttons}));
    connectForm();
    connectListButtons();

    reloadList();
    selectProfile(selectId.isEmpty() ? m_context.profiles().currentId() : selectId);
}

QLayout *ProfileEditorDialog::buildForm()
{
    m_kind->setObjectName(QStringLiteral("profileKindCombo"));
    m_kind->addItem(QStringLiteral("OIDC issuer (discovery)"), static_cast<int>(ProviderKind::OidcIssuer));
    m_kind->addItem(QStringLiteral("Descope project"), static_cast<int>(ProviderKind::DescopeProject));
    m_kind->addItem(QStringLiteral("Endpoints typed by hand"), static_cast<int>(ProviderKind::Manual));
    m_kind->addItem(QStringLiteral("Built-in sandbox"), static_cast<int>(ProviderKind::Sandbox));
    if (auto *items = qobject_cast<QStandardItemModel *>(m_kind->model()))
        items->item(m_kind->count() - 1)->setEnabled(false); // there is one sandbox
    buildKindPages();
    QFormLayout *form = layout::form(
        {{QStringLiteral("Name"), m_name},
         {QStringLiteral("Type"), m_kind},
         {m_kindPages},
         {QStringLiteral("Client ID"), m_clientId},
         {QStringLiteral("Client secret"),
          layout::column({m_clientSecret, typeLabel(Type::Caption, ProfileManager::secretStorageNote())},
                         layout::spaced(2))},
         {QStringLiteral("Authentication"), m_auth}});
    return layout::column({form, m_resolvedUrls, layout::row({m_checkButton, layout::Stretch{}}), m_checkResult, m_warnings, layout::Stretch{}});
}

void ProfileEditorDialog::buildKindPages()
{
    const layout::Box flush{.margins = layout::kFlush};
    m_kindPages->addWidget(layout::widget(layout::form(
        {{QStringLiteral("Issuer URL"), m_issuer},
         {QString(), typeLabel(Type::Caption, QStringLiteral("Discovery reads <issuer>/.well-known/openid-configuration (RFC 8414 as a "
                                                             "fallback). Its issuer must equal this URL exactly, or the metadata is refused."))}},
        flush)));
    m_kindPages->addWidget(layout::widget(
        layout::form({{QStringLiteral("Project ID"), m_project}, {QStringLiteral("Custom domain"), m_customDomain}, {QString(), m_derived}}, flush)));
    m_kindPages->addWidget(layout::widget(layout::form({{QStringLiteral("Issuer"), m_manualIssuer},
                                                        {QStringLiteral("Authorization"), m_manualAuthorization},
                                                        {QStringLiteral("Token"), m_manualToken},
                                                        {QStringLiteral("UserInfo"), m_manualUserinfo},
                                                        {QStringLiteral("JWKS"), m_manualJwks},
                                                        {QStringLiteral("Revocation"), m_manualRevocation},
                                                        {QStringLiteral("End session"), m_manualEndSession}},
                                                       flush)));
    m_kindPages->addWidget(layout::widget(layout::column({m_sandboxNote, layout::Stretch{}}, flush)));
}

void ProfileEditorDialog::connectForm()
{
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_loading || row < 0)
            return;
        const QString id = m_list->item(row)->data(Qt::UserRole).toString();
        if (id == m_currentId)
            return;
        save();
        selectProfile(id);
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        updateKind();
        updateDerived();
    });
    for (QLineEdit *edit : {m_project, m_customDomain, m_issuer, m_manualIssuer, m_manualAuthorization, m_manualToken, m_manualUserinfo,
                            m_manualJwks, m_manualRevocation, m_manualEndSession, m_name, m_clientId})
        connect(edit, &QLineEdit::textEdited, this, &ProfileEditorDialog::updateDerived);
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        if (QListWidgetItem *item = m_list->currentItem())
            item->setText(formProfile().name + QStringLiteral("\n") + kindLine(formProfile()));
    });
    connect(m_checkButton, &QPushButton::clicked, this, &ProfileEditorDialog::check);
    // A workspace's secrets arrive from the keychain after it opened: fill the field if still empty.
    connect(&m_context.profiles(), &ProfileManager::profileUpdated, this, [this](const QString &id) {
        const oidc::flow::ProviderProfile *stored = m_context.profiles().profile(id);
        if (id == m_currentId && stored && m_clientSecret->text().isEmpty())
            m_clientSecret->setText(stored->clientSecret);
    });
}

void ProfileEditorDialog::connectListButtons()
{
    connect(m_addButton, &QPushButton::clicked, this, [this] {
        save();
        const QString id = m_context.profiles().add(m_context.profiles().blankProfile(QStringLiteral("New provider")));
        reloadList();
        selectProfile(id);
        m_name->setFocus();
        m_name->selectAll();
    });
    connect(m_duplicateButton, &QPushButton::clicked, this, [this] {
        save();
        const QString id = m_context.profiles().duplicate(m_currentId);
        reloadList();
        selectProfile(id);
    });
    connect(m_removeButton, &QPushButton::clicked, this, [this] {
        const QString id = m_currentId;
        if (id == ProfileManager::sandboxId())
            return;
        m_currentId.clear();
        m_context.profiles().remove(id);
        reloadList();
        selectProfile(m_context.profiles().profiles().constLast().id);
    });
}

ProfileEditorDialog::~ProfileEditorDialog()
{
    ++m_checkSerial;
    m_checkHandle.cancel();
}

void ProfileEditorDialog::reloadList()
{
    m_loading = true;
    m_list->clear();
    for (const ProviderProfile &profile : m_context.profiles().profiles()) {
        auto *item = new QListWidgetItem(profile.name + QStringLiteral("\n") + kindLine(profile));
        item->setData(Qt::UserRole, profile.id);
        m_list->addItem(item);
    }
    m_loading = false;
}

void ProfileEditorDialog::selectProfile(const QString &id)
{
    const ProviderProfile *profile = m_context.profiles().profile(id);
    if (!profile)
        return;
    m_currentId = id;
    m_loading = true;
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->data(Qt::UserRole).toString() == id)
            m_list->setCurrentRow(row);
    m_loading = false;
    loadForm(*profile);
}

void ProfileEditorDialog::loadForm(const ProviderProfile &profile)
{
    m_loading = true;
    ++m_checkSerial;
    m_checkHandle.cancel();
    m_checkResult->hide();
    const bool sandbox = profile.kind == ProviderKind::Sandbox;
    m_name->setText(profile.name);
    m_name->setReadOnly(sandbox);
    m_kind->setEnabled(!sandbox);
    m_removeButton->setEnabled(!sandbox);
    m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(profile.kind)));
    m_issuer->setText(profile.issuer);
    m_project->setText(profile.descopeProjectId);
    m_customDomain->setText(profile.descopeCustomBase);
    m_manualIssuer->setText(profile.manualEndpoints.issuer.isEmpty() ? profile.issuer : profile.manualEndpoints.issuer);
    m_manualAuthorization->setText(profile.manualEndpoints.authorization);
    m_manualToken->setText(profile.manualEndpoints.token);
    m_manualUserinfo->setText(profile.manualEndpoints.userinfo);
    m_manualJwks->setText(profile.manualEndpoints.jwks);
    m_manualRevocation->setText(profile.manualEndpoints.revocation);
    m_manualEndSession->setText(profile.manualEndpoints.endSession);
    m_clientId->setText(profile.clientId);
    m_clientSecret->setText(profile.clientSecret);
    m_auth->setMethod(profile.authMethod);
    m_sandboxNote->setText(profile.issuer.isEmpty()
                               ? QStringLiteral("The built-in sandbox (Descope emulation on 127.0.0.1). Its issuer is set while it runs; it is "
                                                "not running now.")
                               : QStringLiteral("The built-in sandbox (Descope emulation on 127.0.0.1), running with issuer %1. Its client "
                                                "and flow settings can be changed; what it is cannot.")
                                     .arg(profile.issuer));
    m_loading = false;
    updateKind();
    updateDerived();
}

void ProfileEditorDialog::updateKind()
{
    const auto kind = static_cast<ProviderKind>(m_kind->currentData().toInt());
    const int page = kind == ProviderKind::DescopeProject ? DescopePage
                   : kind == ProviderKind::Manual         ? ManualPage
                   : kind == ProviderKind::Sandbox        ? SandboxPage
                                                          : IssuerPage;
    // Only the shown page takes room: the form does not keep the tallest page's height.
    for (int i = 0; i < m_kindPages->count(); ++i)
        m_kindPages->widget(i)->setSizePolicy(QSizePolicy::Preferred, i == page ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    m_kindPages->setCurrentIndex(page);
    m_kindPages->adjustSize();
}

ProviderProfile ProfileEditorDialog::formProfile() const
{
    const ProviderProfile *stored = m_context.profiles().profile(m_currentId);
    ProviderProfile profile = stored ? *stored : ProviderProfile{};
    profile.name = m_name->text().trimmed();
    if (profile.kind != ProviderKind::Sandbox && m_kind->currentData().toInt() != static_cast<int>(ProviderKind::Sandbox))
        profile.kind = static_cast<ProviderKind>(m_kind->currentData().toInt());
    if (profile.kind == ProviderKind::OidcIssuer)
        profile.issuer = m_issuer->text().trimmed();
    profile.descopeProjectId = m_project->text().trimmed();
    profile.descopeCustomBase = m_customDomain->text().trimmed();
    if (profile.kind == ProviderKind::Manual) {
        profile.issuer = m_manualIssuer->text().trimmed();
        profile.manualEndpoints.issuer = profile.issuer;
        profile.manualEndpoints.authorization = m_manualAuthorization->text().trimmed();
        profile.manualEndpoints.token = m_manualToken->text().trimmed();
        profile.manualEndpoints.userinfo = m_manualUserinfo->text().trimmed();
        profile.manualEndpoints.jwks = m_manualJwks->text().trimmed();
        profile.manualEndpoints.revocation = m_manualRevocation->text().trimmed();
        profile.manualEndpoints.endSession = m_manualEndSession->text().trimmed();
    }
    profile.clientId = m_clientId->text().trimmed();
    profile.clientSecret = m_clientSecret->text();
    profile.authMethod = m_auth->method();
    return profile;
}

void ProfileEditorDialog::save()
{
    if (m_currentId.isEmpty() || !m_context.profiles().profile(m_currentId))
        return;
    const ProviderProfile profile = formProfile();
    m_context.profiles().update(profile);
    {
        for (int row = 0; row < m_list->count(); ++row)
            if (m_list->item(row)->data(Qt::UserRole).toString() == profile.id)
                m_list->item(row)->setText(profile.name + QStringLiteral("\n") + kindLine(profile));
    }
}

void ProfileEditorDialog::updateDerived()
{
    if (m_loading)
        return;
    const ProviderProfile typed = formProfile();
    // The URLs as they will be called: `{{variables}}` substituted from the workspace's variables
    // for this profile (the core's resolveProfile); the fields keep what was typed.
    const auto resolved = m_context.profiles().resolved(typed);
    const ResolvedUrlsText urls = resolvedUrlsText(typed, resolved);
    const bool templated = !urls.ok || !resolved->substituted().isEmpty();
    m_resolvedUrls->setText(urls.ok ? QStringLiteral("Resolved with the workspace's variables (Variables… on the flow's authorize step):\n")
                                          + urls.text
                                    : urls.text);
    updateTone(m_resolvedUrls, urls.ok ? Tone::Neutral : Tone::Bad);
    m_resolvedUrls->setVisible(templated && typed.kind != ProviderKind::Sandbox);
    const ProviderProfile &profile = resolved ? resolved->profile() : typed;
    if (profile.kind == ProviderKind::DescopeProject) {
        const QString id = profile.descopeProjectId;
        if (id.isEmpty()) {
            m_derived->setText(QStringLiteral("Type the project ID: the base URL and issuer follow from it."));
        } else {
            const QUrl base = oidc::flow::descopeBaseUrl(id, QUrl(profile.descopeCustomBase));
            QString rule;
            if (!profile.descopeCustomBase.isEmpty())
                rule = QStringLiteral("custom domain");
            else if (id.size() >= 32)
                rule = QStringLiteral("regional: characters 2–5 of a 32-character project ID name the region");
            else
                rule = QStringLiteral("default region");
            m_derived->setText(QStringLiteral("Base URL: %1 (%2)\nIssuer: %3\nDiscovery: %3/.well-known/openid-configuration")
                                   .arg(base.toString(), rule, oidc::flow::descopeIssuer(base, id)));
        }
    }
    const QStringList warnings = profile.warnings();
    QStringList lines;
    for (const QString &warning : warnings)
        lines << QStringLiteral("⚠ ") + warning;
    m_warnings->setText(lines.join(QLatin1Char('\n')));
    m_warnings->setVisible(!lines.isEmpty());
}

void ProfileEditorDialog::check()
{
    const auto resolved = m_context.profiles().resolved(formProfile());
    const quint64 serial = ++m_checkSerial;
    m_checkHandle.cancel();
    const auto show = [this](bool ok, const QString &text) {
        m_checkResult->setText(text);
        updateTone(m_checkResult, ok ? Tone::Good : Tone::Bad);
        m_checkResult->show();
        Q_EMIT checkFinished(ok);
    };
    if (!resolved) {
        show(false, QStringLiteral("✘ ") + errorText(resolved.error()));
        return;
    }
    const ProviderProfile &profile = resolved->profile();
    if (profile.kind == ProviderKind::Manual) {
        auto metadata = oidc::flow::manualMetadata(profile.manualEndpoints.metadata());
        if (!metadata)
            show(false, QStringLiteral("✘ ") + errorText(metadata.error()));
        else
            show(true, QStringLiteral("✔ The endpoints are usable URLs."));
        return;
    }
    QString issuer = profile.effectiveIssuer();
    if (profile.kind == ProviderKind::Sandbox && issuer.isEmpty()) {
        show(false, QStringLiteral("✘ The sandbox is not running."));
        return;
    }
    auto request = oidc::flow::buildDiscoveryRequest(issuer, oidc::flow::DiscoveryKind::OpenIdConnect);
    if (!request) {
        show(false, QStringLiteral("✘ ") + errorText(request.error()));
        return;
    }
    m_checkResult->setText(QStringLiteral("Fetching %1 …").arg(request->url.toString()));
    updateTone(m_checkResult, Tone::Neutral);
    m_checkResult->show();
    m_checkHandle = m_context.transport().send(*request, this, [this, serial, issuer, show](oidc::Result<oidc::net::HttpResponse> response) {
        if (serial != m_checkSerial)
            return;
        if (!response) {
            show(false, QStringLiteral("✘ ") + errorText(response.error()));
            return;
        }
        auto metadata = oidc::flow::processDiscoveryResponse(*response, issuer);
        if (!metadata) {
            show(false, QStringLiteral("✘ ") + errorText(metadata.error()));
            return;
        }
        show(true, QStringLiteral("✔ Metadata for %1\nauthorization %2\ntoken %3")
                       .arg(metadata->issuer, metadata->authorizationEndpoint.toString(), metadata->tokenEndpoint.toString()));
    });
}

} // namespace ui

#include "moc_ProfileEditorDialog.cpp"
