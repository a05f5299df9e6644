#include "SsoPage.h"

#include "ui/UiText.h"
#include "ui/descope/mgmt/ManagementConnection.h"
#include "ui/descope/mgmt/ManagementFields.h"
#include "ui/descope/mgmt/ManagementForm.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>

namespace ui {

namespace mgmt = oidc::descope::mgmt;
using oidc::descope::SamlSettings;

namespace {

QPlainTextEdit *ssoTextBox(const char *name, const QString &placeholder, int lines)
{
    auto *box = new QPlainTextEdit;
    box->setObjectName(QLatin1String(name));
    box->setPlaceholderText(placeholder);
    box->setTabChangesFocus(true);
    box->setFixedHeight(box->fontMetrics().lineSpacing() * lines + 12);
    return box;
}

} // namespace

SsoPage::SsoPage(ManagementConnection &connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
{
    setObjectName(QStringLiteral("ssoPage"));
    layout::attach(this, layout::column({buildForm()}, {.margins = QMargins(0, 6, 0, 0)}));
    connect(m_load, &QPushButton::clicked, this, &SsoPage::load);
    connect(m_save, &QPushButton::clicked, this, &SsoPage::save);
    connect(m_delete, &QPushButton::clicked, this, &SsoPage::remove);
    connect(m_tenant, &QComboBox::currentTextChanged, this, [this] {
        const bool chosen = !tenantId().isEmpty();
        for (auto *button : {m_load, m_save, m_delete})
            button->setEnabled(chosen);
    });
    for (auto *button : {m_load, m_save, m_delete})
        button->setEnabled(false);
}

QWidget *SsoPage::buildForm()
{
    m_tenant = new QComboBox;
    m_tenant->setObjectName(QStringLiteral("ssoTenant"));
    m_tenant->setEditable(true);
    m_tenant->setInsertPolicy(QComboBox::NoInsert);
    m_tenant->setMinimumContentsLength(28);
    m_tenant->lineEdit()->setPlaceholderText(tr("tenant ID"));
    m_load = mgmtButton("ssoLoad", tr("Load"));
    m_idpUrl = mgmtLineEdit("ssoIdpUrl", tr("https://idp.example.com/sso"));
    m_entityId = mgmtLineEdit("ssoEntityId", tr("the IdP's entity ID"));
    m_cert = ssoTextBox("ssoCert", tr("-----BEGIN CERTIFICATE-----"), 4);
    m_cert->setFont(monospaceFont());
    m_domains = mgmtLineEdit("ssoDomains", tr("emails at these domains sign in through this tenant's SSO"));
    m_mappings = ssoTextBox("ssoMappings", tr("one per line: group1, group2 = role"), 3);
    m_defaultRoles = mgmtLineEdit("ssoDefaultRoles", tr("roles every SSO user gets, separated by commas"));
    m_redirectUrl = mgmtLineEdit("ssoRedirectUrl", tr("optional"));
    m_save = mgmtButton("ssoSave", tr("Save SAML settings"));
    m_delete = mgmtButton("ssoDelete", tr("Delete SSO settings"));
    m_loaded = typeLabel(Type::Caption);
    m_loaded->setObjectName(QStringLiteral("ssoLoaded"));
    m_loaded->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return layout::widget(layout::column(
        {layout::row({plainLabel(tr("Tenant")), layout::Item(m_tenant, 1), m_load}, {.margins = layout::kFlush}), m_loaded,
         layout::form({{tr("IdP SSO URL"), m_idpUrl},
                       {tr("IdP entity ID"), m_entityId},
                       {tr("IdP certificate"), m_cert},
                       {tr("SSO domains"), m_domains},
                       {tr("Group → role"), m_mappings},
                       {tr("Default SSO roles"), m_defaultRoles},
                       {tr("Redirect URL"), m_redirectUrl}},
                      {.margins = layout::kFlush}),
         layout::row({m_save, layout::Stretch{}, m_delete}, {.margins = layout::kFlush}), layout::Stretch{}},
        {.margins = layout::kFlush, .spacing = 6}));
}

void SsoPage::setTenants(const oidc::Json &tenants)
{
    const QString current = m_tenant->currentText();
    const QSignalBlocker blocker(m_tenant);
    m_tenant->clear();
    for (const auto &tenant : tenants)
        m_tenant->addItem(QStringLiteral("%1 · %2").arg(mgmtText(tenant, "id"), mgmtText(tenant, "name")), mgmtText(tenant, "id"));
    m_tenant->setCurrentIndex(-1);
    m_tenant->setEditText(current);
}

void SsoPage::clear()
{
    setTenants(oidc::Json::array());
    m_tenant->setEditText(QString());
    clearFields();
}

void SsoPage::clearFields()
{
    for (auto *line : {m_idpUrl, m_entityId, m_domains, m_defaultRoles, m_redirectUrl})
        line->clear();
    m_cert->clear();
    m_mappings->clear();
    m_loaded->clear();
}

QString SsoPage::tenantId() const
{
    // "T… · Name" as listed, or an ID typed by hand.
    return m_tenant->currentText().section(QStringLiteral(" · "), 0, 0).trimmed();
}

oidc::Result<SamlSettings> SsoPage::parseMappings(const QString &text)
{
    SamlSettings settings;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype number = 0; number < lines.size(); ++number) {
        const QString line = lines[number].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype equals = line.lastIndexOf(QLatin1Char('='));
        const std::vector<std::string> groups = equals < 0 ? std::vector<std::string>{} : mgmtSplitNames(line.left(equals));
        const QString role = equals < 0 ? QString() : line.mid(equals + 1).trimmed();
        if (groups.empty() || role.isEmpty())
            return oidc::makeError(oidc::ErrorCategory::Input, "MGMT_SSO_MAPPING",
                                   "role mapping line " + std::to_string(number + 1) + " is not \"group1, group2 = role\": " + toStd(line));
        settings.roleMappings.emplace_back(groups, toStd(role));
    }
    return settings;
}

void SsoPage::load()
{
    const QString id = tenantId();
    m_connection.read(mgmt::loadSsoSettings(toStd(id)), tr("Load the SSO settings of tenant %1").arg(id), [this](oidc::Result<oidc::Json> answer) {
        if (answer)
            showSettings(*answer);
        else
            m_loaded->setText(tr("No SSO settings loaded."));
    });
}

void SsoPage::showSettings(const oidc::Json &answer)
{
    clearFields();
    const oidc::Json tenant = answer.is_object() && answer.contains("tenant") ? answer["tenant"] : oidc::Json::object();
    m_domains->setText(mgmtStrings(tenant, "domains").join(QStringLiteral(", ")));
    if (answer.contains("saml") && answer["saml"].is_object()) {
        const oidc::Json &saml = answer["saml"];
        m_idpUrl->setText(mgmtText(saml, "idpSSOUrl"));
        m_entityId->setText(mgmtText(saml, "idpEntityId"));
        m_cert->setPlainText(mgmtText(saml, "idpCertificate"));
        QStringList mappings;
        for (const auto &mapping : mgmtArray(saml, "groupsMapping")) {
            const oidc::Json role = mapping.is_object() && mapping.contains("role") ? mapping["role"] : oidc::Json::object();
            mappings << QStringLiteral("%1 = %2").arg(mgmtStrings(mapping, "groups").join(QStringLiteral(", ")), mgmtText(role, "name"));
        }
        m_mappings->setPlainText(mappings.join(QLatin1Char('\n')));
        m_defaultRoles->setText(mgmtStrings(saml, "defaultSSORoles").join(QStringLiteral(", ")));
        m_redirectUrl->setText(mgmtText(saml, "redirectUrl"));
        m_loaded->setText(tr("SAML. Give the IdP: entity ID %1, ACS URL %2.").arg(mgmtText(saml, "spEntityId"), mgmtText(saml, "spACSUrl")));
    } else if (answer.contains("oidc")) {
        m_loaded->setText(tr("OIDC connection (shown as Descope keeps it; this area edits SAML settings):\n%1")
                              .arg(qs(answer["oidc"].dump(2))));
    } else {
        m_loaded->setText(tr("No SAML or OIDC settings in the answer."));
    }
}

void SsoPage::save()
{
    const QString id = tenantId();
    const QString what = tr("Save the SAML settings of tenant %1").arg(id);
    auto parsed = parseMappings(m_mappings->toPlainText());
    if (!parsed) {
        m_connection.refuseInput(what, parsed.error());
        return;
    }
    SamlSettings settings = std::move(parsed).value();
    settings.idpUrl = toStd(m_idpUrl->text().trimmed());
    settings.entityId = toStd(m_entityId->text().trimmed());
    settings.idpCert = toStd(m_cert->toPlainText().trimmed());
    settings.defaultSsoRoles = mgmtSplitNames(m_defaultRoles->text());
    m_connection.change(mgmt::configureSamlSettings(toStd(id), settings, mgmtSplitNames(m_domains->text()), toStd(m_redirectUrl->text().trimmed())),
                        what, QString(), [this](const oidc::Result<oidc::Json> &answer) {
                            if (answer)
                                load();
                        });
}

void SsoPage::remove()
{
    const QString id = tenantId();
    m_connection.change(mgmt::deleteSsoSettings(toStd(id)), tr("Delete the SSO settings of tenant %1").arg(id),
                        tr("Delete the SSO settings of tenant %1? Its users can no longer sign in through its identity provider.").arg(id),
                        [this](const oidc::Result<oidc::Json> &answer) {
                            if (answer)
                                clearFields();
                        });
}

} // namespace ui

#include "moc_SsoPage.cpp"
