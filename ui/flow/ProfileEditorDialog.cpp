#include "ProfileEditorDialog.h"

#include "ui/AppContext.h"
#include "ui/UiText.h"
#include "ui/widgets/ToneLabel.h"
#include "ui/flow/ProfileManager.h"

#include "oidc/flow/ProviderMetadata.h"
#include "oidc/net/HttpTransport.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace ui {

using oidc::flow::ClientAuthMethod;
using oidc::flow::ProviderKind;
using oidc::flow::ProviderProfile;

namespace {

enum KindPage { IssuerPage, DescopePage, ManualPage, SandboxPage };

QLabel *note(const QString &text)
{
    QLabel *label = plainLabel(text);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, mutedColor());
    label->setPalette(palette);
    return label;
}

// The second line of a profile in the list.
QString kindLine(const ProviderProfile &profile)
{
    if (profile.kind == ProviderKind::Sandbox)
        return QStringLiteral("Descope emulation on 127.0.0.1");
    const QString issuer = profile.effectiveIssuer();
    return oidc::flow::providerKindName(profile.kind) + (issuer.isEmpty() ? QString() : QStringLiteral(" · ") + QUrl(issuer).host());
}

QLineEdit *urlEdit(const QString &name, const QString &placeholder)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

ProfileEditorDialog::ProfileEditorDialog(AppContext &context, const QString &selectId, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_list(new QListWidget)
    , m_addButton(new QPushButton(QStringLiteral("Add")))
    , m_duplicateButton(new QPushButton(QStringLiteral("Duplicate")))
    , m_removeButton(new QPushButton(QStringLiteral("Remove")))
    , m_name(new QLineEdit)
    , m_kind(new QComboBox)
    , m_sandboxNote(note(QString()))
    , m_kindPages(new QStackedWidget)
    , m_issuer(urlEdit(QStringLiteral("issuerEdit"), QStringLiteral("https://issuer.example")))
    , m_project(new QLineEdit)
    , m_customDomain(urlEdit(QStringLiteral("customDomainEdit"), QStringLiteral("optional: https://auth.example.com")))
    , m_derived(plainLabel(QString()))
    , m_manualIssuer(urlEdit(QStringLiteral("manualIssuerEdit"), QStringLiteral("https://issuer.example")))
    , m_manualAuthorization(urlEdit(QStringLiteral("manualAuthorizationEdit"), QStringLiteral("required")))
    , m_manualToken(urlEdit(QStringLiteral("manualTokenEdit"), QStringLiteral("required")))
    , m_manualUserinfo(urlEdit(QStringLiteral("manualUserinfoEdit"), QStringLiteral("optional")))
    , m_manualJwks(urlEdit(QStringLiteral("manualJwksEdit"), QStringLiteral("required to verify ID tokens")))
    , m_manualRevocation(urlEdit(QStringLiteral("manualRevocationEdit"), QStringLiteral("optional")))
    , m_manualEndSession(urlEdit(QStringLiteral("manualEndSessionEdit"), QStringLiteral("optional")))
    , m_clientId(new QLineEdit)
    , m_clientSecret(new QLineEdit)
    , m_auth(new QComboBox)
    , m_checkButton(new QPushButton(QStringLiteral("Check metadata")))
    , m_checkResult(plainLabel(QString()))
    , m_warnings(plainLabel(QString()))
{
    setObjectName(QStringLiteral("profileEditorDialog"));
    setWindowTitle(QStringLiteral("Provider profiles"));
    resize(820, 560);

    m_list->setObjectName(QStringLiteral("profileList"));
    m_list->setSpacing(3);
    m_addButton->setObjectName(QStringLiteral("addProfileButton"));
    m_duplicateButton->setObjectName(QStringLiteral("duplicateProfileButton"));
    m_removeButton->setObjectName(QStringLiteral("removeProfileButton"));
    m_name->setObjectName(QStringLiteral("profileNameEdit"));
    m_kind->setObjectName(QStringLiteral("profileKindCombo"));
    m_kind->addItem(QStringLiteral("OIDC issuer (discovery)"), static_cast<int>(ProviderKind::OidcIssuer));
    m_kind->addItem(QStringLiteral("Descope project"), static_cast<int>(ProviderKind::DescopeProject));
    m_kind->addItem(QStringLiteral("Endpoints typed by hand"), static_cast<int>(ProviderKind::Manual));
    m_kind->addItem(QStringLiteral("Built-in sandbox"), static_cast<int>(ProviderKind::Sandbox));
    if (auto *items = qobject_cast<QStandardItemModel *>(m_kind->model()))
        items->item(m_kind->count() - 1)->setEnabled(false); // there is one sandbox
    m_project->setObjectName(QStringLiteral("descopeProjectEdit"));
    m_project->setPlaceholderText(QStringLiteral("P2…"));
    m_derived->setObjectName(QStringLiteral("descopeDerivedLabel"));
    m_derived->setWordWrap(true);
    m_derived->setTextInteractionFlags(Qt::TextSelectableByMouse);
    updateTone(m_derived, Tone::Neutral);
    m_clientId->setObjectName(QStringLiteral("profileClientIdEdit"));
    m_clientSecret->setObjectName(QStringLiteral("profileClientSecretEdit"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_auth->setObjectName(QStringLiteral("profileAuthCombo"));
    m_auth->addItem(QStringLiteral("none (public client)"), static_cast<int>(ClientAuthMethod::None));
    m_auth->addItem(QStringLiteral("client_secret_basic"), static_cast<int>(ClientAuthMethod::ClientSecretBasic));
    m_auth->addItem(QStringLiteral("client_secret_post"), static_cast<int>(ClientAuthMethod::ClientSecretPost));
    m_checkButton->setObjectName(QStringLiteral("checkMetadataButton"));
    m_checkResult->setObjectName(QStringLiteral("checkResultLabel"));
    m_checkResult->setWordWrap(true);
    m_checkResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_checkResult->hide();
    m_warnings->setObjectName(QStringLiteral("profileWarningsLabel"));
    m_warnings->setWordWrap(true);
    updateTone(m_warnings, Tone::Warning);
    m_warnings->hide();
    for (auto *button : {m_addButton, m_duplicateButton, m_removeButton, m_checkButton})
        button->setAutoDefault(false);

    // Pages per kind.
    auto *issuerPage = new QWidget;
    auto *issuerForm = new QFormLayout(issuerPage);
    issuerForm->setContentsMargins(0, 0, 0, 0);
    issuerForm->addRow(QStringLiteral("Issuer URL"), m_issuer);
    issuerForm->addRow(QString(), note(QStringLiteral("Discovery reads <issuer>/.well-known/openid-configuration (RFC 8414 as a "
                                                      "fallback). Its issuer must equal this URL exactly, or the metadata is refused.")));
    auto *descopePage = new QWidget;
    auto *descopeForm = new QFormLayout(descopePage);
    descopeForm->setContentsMargins(0, 0, 0, 0);
    descopeForm->addRow(QStringLiteral("Project ID"), m_project);
    descopeForm->addRow(QStringLiteral("Custom domain"), m_customDomain);
    descopeForm->addRow(QString(), m_derived);
    auto *manualPage = new QWidget;
    auto *manualForm = new QFormLayout(manualPage);
    manualForm->setContentsMargins(0, 0, 0, 0);
    manualForm->addRow(QStringLiteral("Issuer"), m_manualIssuer);
    manualForm->addRow(QStringLiteral("Authorization"), m_manualAuthorization);
    manualForm->addRow(QStringLiteral("Token"), m_manualToken);
    manualForm->addRow(QStringLiteral("UserInfo"), m_manualUserinfo);
    manualForm->addRow(QStringLiteral("JWKS"), m_manualJwks);
    manualForm->addRow(QStringLiteral("Revocation"), m_manualRevocation);
    manualForm->addRow(QStringLiteral("End session"), m_manualEndSession);
    auto *sandboxPage = new QWidget;
    auto *sandboxLayout = new QVBoxLayout(sandboxPage);
    sandboxLayout->setContentsMargins(0, 0, 0, 0);
    sandboxLayout->addWidget(m_sandboxNote);
    sandboxLayout->addStretch(1);
    m_kindPages->addWidget(issuerPage);
    m_kindPages->addWidget(descopePage);
    m_kindPages->addWidget(manualPage);
    m_kindPages->addWidget(sandboxPage);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(QStringLiteral("Name"), m_name);
    form->addRow(QStringLiteral("Type"), m_kind);
    form->addRow(m_kindPages);
    form->addRow(QStringLiteral("Client ID"), m_clientId);
    auto *secretBox = new QVBoxLayout;
    secretBox->setSpacing(2);
    secretBox->addWidget(m_clientSecret);
    secretBox->addWidget(note(QStringLiteral("Kept in memory for this session only — never written to disk.")));
    form->addRow(QStringLiteral("Client secret"), secretBox);
    form->addRow(QStringLiteral("Authentication"), m_auth);

    auto *checkRow = new QHBoxLayout;
    checkRow->addWidget(m_checkButton);
    checkRow->addStretch(1);

    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addLayout(checkRow);
    right->addWidget(m_checkResult);
    right->addWidget(m_warnings);
    right->addStretch(1);

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_addButton);
    listButtons->addWidget(m_duplicateButton);
    listButtons->addWidget(m_removeButton);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addSpacing(12);
    columns->addLayout(right, 5);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, [this] {
        save();
        accept();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

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
    for (QLineEdit *edit : {m_project, m_customDomain, m_issuer, m_manualIssuer, m_name, m_clientId})
        connect(edit, &QLineEdit::textEdited, this, &ProfileEditorDialog::updateDerived);
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        if (QListWidgetItem *item = m_list->currentItem())
            item->setText(formProfile().name + QStringLiteral("\n") + kindLine(formProfile()));
    });
    connect(m_addButton, &QPushButton::clicked, this, [this] {
        save();
        ProviderProfile profile;
        profile.name = QStringLiteral("New provider");
        profile.kind = ProviderKind::OidcIssuer;
        const QString id = m_context.profiles().add(profile);
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
    connect(m_checkButton, &QPushButton::clicked, this, &ProfileEditorDialog::check);

    reloadList();
    selectProfile(selectId.isEmpty() ? m_context.profiles().currentId() : selectId);
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
    m_customDomain->setText(profile.descopeCustomBase.toString());
    m_manualIssuer->setText(profile.manualEndpoints.issuer.isEmpty() ? profile.issuer : profile.manualEndpoints.issuer);
    m_manualAuthorization->setText(profile.manualEndpoints.authorizationEndpoint.toString());
    m_manualToken->setText(profile.manualEndpoints.tokenEndpoint.toString());
    m_manualUserinfo->setText(profile.manualEndpoints.userinfoEndpoint.toString());
    m_manualJwks->setText(profile.manualEndpoints.jwksUri.toString());
    m_manualRevocation->setText(profile.manualEndpoints.revocationEndpoint.toString());
    m_manualEndSession->setText(profile.manualEndpoints.endSessionEndpoint.toString());
    m_clientId->setText(profile.clientId);
    m_clientSecret->setText(profile.clientSecret);
    m_auth->setCurrentIndex(m_auth->findData(static_cast<int>(profile.authMethod)));
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
    profile.descopeCustomBase = QUrl(m_customDomain->text().trimmed());
    if (profile.kind == ProviderKind::Manual) {
        profile.issuer = m_manualIssuer->text().trimmed();
        profile.manualEndpoints.issuer = profile.issuer;
        profile.manualEndpoints.authorizationEndpoint = QUrl(m_manualAuthorization->text().trimmed());
        profile.manualEndpoints.tokenEndpoint = QUrl(m_manualToken->text().trimmed());
        profile.manualEndpoints.userinfoEndpoint = QUrl(m_manualUserinfo->text().trimmed());
        profile.manualEndpoints.jwksUri = QUrl(m_manualJwks->text().trimmed());
        profile.manualEndpoints.revocationEndpoint = QUrl(m_manualRevocation->text().trimmed());
        profile.manualEndpoints.endSessionEndpoint = QUrl(m_manualEndSession->text().trimmed());
    }
    profile.clientId = m_clientId->text().trimmed();
    profile.clientSecret = m_clientSecret->text();
    profile.authMethod = static_cast<ClientAuthMethod>(m_auth->currentData().toInt());
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
    const ProviderProfile profile = formProfile();
    if (profile.kind == ProviderKind::DescopeProject) {
        const QString id = profile.descopeProjectId;
        if (id.isEmpty()) {
            m_derived->setText(QStringLiteral("Type the project ID: the base URL and issuer follow from it."));
        } else {
            const QUrl base = oidc::flow::descopeBaseUrl(id, profile.descopeCustomBase);
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
    const ProviderProfile profile = formProfile();
    const quint64 serial = ++m_checkSerial;
    m_checkHandle.cancel();
    const auto show = [this](bool ok, const QString &text) {
        m_checkResult->setText(text);
        updateTone(m_checkResult, ok ? Tone::Good : Tone::Bad);
        m_checkResult->show();
        Q_EMIT checkFinished(ok);
    };
    if (profile.kind == ProviderKind::Manual) {
        auto metadata = oidc::flow::manualMetadata(profile.manualEndpoints);
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
