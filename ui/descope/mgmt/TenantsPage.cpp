#include "TenantsPage.h"

#include "ui/UiText.h"
#include "ui/descope/mgmt/ManagementConnection.h"
#include "ui/descope/mgmt/ManagementFields.h"
#include "ui/descope/mgmt/ManagementForm.h"
#include "ui/descope/mgmt/ManagementTable.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>

#include <utility>

namespace ui {

namespace mgmt = oidc::descope::mgmt;

TenantsPage::TenantsPage(ManagementConnection &connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_list(new ManagementTable(
          QStringLiteral("tenList"),
          {{tr("ID"), [](const oidc::Json &t) { return mgmtText(t, "id"); }},
           {tr("Name"), [](const oidc::Json &t) { return mgmtText(t, "name"); }},
           {tr("Self-provisioning domains"), [](const oidc::Json &t) { return mgmtStrings(t, "selfProvisioningDomains").join(QStringLiteral(", ")); }},
           {tr("SSO"), [](const oidc::Json &t) {
                const QString type = mgmtText(t, "authType");
                return type == QLatin1String("none") ? QString() : type.toUpper();
            }},
           {tr("SSO domains"), [](const oidc::Json &t) { return mgmtStrings(t, "domains").join(QStringLiteral(", ")); }}}))
{
    setObjectName(QStringLiteral("tenantsPage"));
    QSplitter *split = mgmtListAndForm(m_list, buildForm());
    layout::attach(this, layout::column({layout::Item(split, 1)}, {.margins = QMargins(0, 6, 0, 0)}));

    connect(m_list, &ManagementTable::selectionChanged, this, &TenantsPage::fillForm);
    connect(m_new, &QPushButton::clicked, this, [this] {
        m_list->clearSelection();
        for (auto *line : {m_id, m_name, m_domains})
            line->clear();
        m_name->setFocus();
    });
    connect(m_create, &QPushButton::clicked, this, &TenantsPage::create);
    connect(m_save, &QPushButton::clicked, this, &TenantsPage::save);
    connect(m_delete, &QPushButton::clicked, this, &TenantsPage::remove);
    connect(m_name, &QLineEdit::textChanged, this, &TenantsPage::updateButtons);
    updateButtons();
}

QWidget *TenantsPage::buildForm()
{
    m_id = mgmtLineEdit("tenId", tr("optional: empty lets Descope choose"));
    m_name = mgmtLineEdit("tenName");
    m_domains = mgmtLineEdit("tenDomains", tr("example.com, example.org"));
    m_domains->setToolTip(tr("Self-provisioning domains: a user signing up with such an email joins the tenant"));
    m_new = mgmtButton("tenNew", tr("New"));
    m_create = mgmtButton("tenCreate", tr("Create tenant"));
    m_save = mgmtButton("tenSave", tr("Save changes"));
    m_delete = mgmtButton("tenDelete", tr("Delete"));
    return layout::widget(layout::column(
        {typeLabel(Type::Section, tr("Tenant")),
         layout::form({{tr("ID"), m_id}, {tr("Name"), m_name}, {tr("Domains"), m_domains}}, {.margins = layout::kFlush}),
         typeLabel(Type::Caption, tr("A tenant's SSO and the domains it owns for SSO are on the SSO tab.")),
         layout::row({m_new, m_create, m_save, layout::Stretch{}, m_delete}, {.margins = layout::kFlush}), layout::Stretch{}},
        {.margins = QMargins(8, 0, 0, 0), .spacing = 6}));
}

void TenantsPage::reload()
{
    m_connection.read(mgmt::loadAllTenants(), tr("Load tenants"), [this](oidc::Result<oidc::Json> answer) {
        if (!answer)
            return;
        const QString wanted = std::exchange(m_selectAfterReload, QString());
        const oidc::Json tenants = mgmtArray(*answer, "tenants");
        m_list->setRows(tenants);
        if (!wanted.isEmpty())
            m_list->select(wanted);
        Q_EMIT tenantsLoaded(tenants);
    });
}

void TenantsPage::clear()
{
    m_list->setRows(oidc::Json::array());
    Q_EMIT tenantsLoaded(oidc::Json::array());
}

QString TenantsPage::selectedId() const
{
    const oidc::Json *tenant = m_list->selected();
    return tenant ? mgmtText(*tenant, "id") : QString();
}

void TenantsPage::fillForm()
{
    if (const oidc::Json *tenant = m_list->selected()) {
        m_id->setText(mgmtText(*tenant, "id"));
        m_name->setText(mgmtText(*tenant, "name"));
        m_domains->setText(mgmtStrings(*tenant, "selfProvisioningDomains").join(QStringLiteral(", ")));
    }
    updateButtons();
}

void TenantsPage::updateButtons()
{
    const bool selected = m_list->selected() != nullptr;
    m_id->setReadOnly(selected); // a tenant's ID never changes
    m_create->setEnabled(!selected && !m_name->text().trimmed().isEmpty());
    m_save->setEnabled(selected);
    m_delete->setEnabled(selected);
}

void TenantsPage::create()
{
    const QString id = m_id->text().trimmed();
    const QString name = m_name->text().trimmed();
    m_connection.change(mgmt::createTenant(toStd(name), toStd(id), mgmtSplitNames(m_domains->text())), tr("Create tenant %1").arg(name), QString(),
                        [this](oidc::Result<oidc::Json> answer) {
                            if (answer)
                                m_selectAfterReload = mgmtText(*answer, "id");
                        });
}

void TenantsPage::save()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    m_connection.change(mgmt::updateTenant(toStd(id), toStd(m_name->text().trimmed()), mgmtSplitNames(m_domains->text())),
                        tr("Save tenant %1").arg(id), QString(), [this, id](oidc::Result<oidc::Json> answer) {
                            if (answer)
                                m_selectAfterReload = id;
                        });
}

void TenantsPage::remove()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    m_connection.change(mgmt::deleteTenant(toStd(id)), tr("Delete tenant %1").arg(id),
                        tr("Delete tenant %1? Its users and access keys lose it and their roles in it.").arg(id));
}

} // namespace ui

#include "moc_TenantsPage.cpp"
