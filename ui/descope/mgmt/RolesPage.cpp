#include "RolesPage.h"

#include "ui/UiText.h"
#include "ui/descope/mgmt/ManagementConnection.h"
#include "ui/descope/mgmt/ManagementFields.h"
#include "ui/descope/mgmt/ManagementForm.h"
#include "ui/descope/mgmt/ManagementTable.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QSplitter>

#include <algorithm>

namespace ui {

namespace mgmt = oidc::descope::mgmt;

RolesPage::RolesPage(ManagementConnection &connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_roles(new ManagementTable(
          QStringLiteral("roleList"),
          {{tr("Name"), [](const oidc::Json &r) { return mgmtText(r, "name"); }},
           {tr("Tenant"), [](const oidc::Json &r) { return mgmtText(r, "tenantId"); }},
           {tr("Description"), [](const oidc::Json &r) { return mgmtText(r, "description"); }},
           {tr("Permissions"), [](const oidc::Json &r) { return mgmtStrings(r, "permissionNames").join(QStringLiteral(", ")); }}}))
    , m_permissions(new ManagementTable(QStringLiteral("permList"),
                                        {{tr("Name"), [](const oidc::Json &p) { return mgmtText(p, "name"); }},
                                         {tr("Description"), [](const oidc::Json &p) { return mgmtText(p, "description"); }}}))
{
    setObjectName(QStringLiteral("rolesPage"));
    auto *split = new QSplitter(Qt::Vertical);
    split->setChildrenCollapsible(false);
    split->addWidget(mgmtListAndForm(m_roles, buildRoleForm()));
    split->addWidget(mgmtListAndForm(m_permissions, buildPermissionForm()));
    layout::attach(this, layout::column({layout::Item(split, 1)}, {.margins = QMargins(0, 6, 0, 0)}));

    connect(m_roles, &ManagementTable::selectionChanged, this, &RolesPage::fillRole);
    connect(m_permissions, &ManagementTable::selectionChanged, this, &RolesPage::fillPermission);
    connect(m_roleNew, &QPushButton::clicked, this, [this] {
        m_roles->clearSelection();
        for (auto *line : {m_roleName, m_roleDescription, m_rolePermissions, m_roleTenant})
            line->clear();
    });
    connect(m_permNew, &QPushButton::clicked, this, [this] {
        m_permissions->clearSelection();
        m_permName->clear();
        m_permDescription->clear();
    });
    connect(m_roleCreate, &QPushButton::clicked, this, &RolesPage::createRole);
    connect(m_roleSave, &QPushButton::clicked, this, &RolesPage::saveRole);
    connect(m_roleDelete, &QPushButton::clicked, this, &RolesPage::deleteRole);
    connect(m_permCreate, &QPushButton::clicked, this, &RolesPage::createPermission);
    connect(m_permSave, &QPushButton::clicked, this, &RolesPage::savePermission);
    connect(m_permDelete, &QPushButton::clicked, this, &RolesPage::deletePermission);
    connect(m_roleName, &QLineEdit::textChanged, this, &RolesPage::updateButtons);
    connect(m_permName, &QLineEdit::textChanged, this, &RolesPage::updateButtons);
    updateButtons();
}

QWidget *RolesPage::buildRoleForm()
{
    m_roleName = mgmtLineEdit("roleName");
    m_roleDescription = mgmtLineEdit("roleDescription");
    m_rolePermissions = mgmtLineEdit("rolePermissions", tr("permission names, separated by commas"));
    m_roleTenant = mgmtLineEdit("roleTenant", tr("optional: a tenant's own role"));
    m_roleNew = mgmtButton("roleNew", tr("New"));
    m_roleCreate = mgmtButton("roleCreate", tr("Create role"));
    m_roleSave = mgmtButton("roleSave", tr("Save changes"));
    m_roleDelete = mgmtButton("roleDelete", tr("Delete"));
    return layout::widget(layout::column({typeLabel(Type::Section, tr("Role")),
                                          layout::form({{tr("Name"), m_roleName},
                                                        {tr("Description"), m_roleDescription},
                                                        {tr("Permissions"), m_rolePermissions},
                                                        {tr("Tenant"), m_roleTenant}},
                                                       {.margins = layout::kFlush}),
                                          layout::row({m_roleNew, m_roleCreate, m_roleSave, layout::Stretch{}, m_roleDelete}, {.margins = layout::kFlush}),
                                          layout::Stretch{}},
                                         {.margins = QMargins(8, 0, 0, 0), .spacing = 6}));
}

QWidget *RolesPage::buildPermissionForm()
{
    m_permName = mgmtLineEdit("permName");
    m_permDescription = mgmtLineEdit("permDescription");
    m_permNew = mgmtButton("permNew", tr("New"));
    m_permCreate = mgmtButton("permCreate", tr("Create permission"));
    m_permSave = mgmtButton("permSave", tr("Save changes"));
    m_permDelete = mgmtButton("permDelete", tr("Delete"));
    return layout::widget(layout::column({typeLabel(Type::Section, tr("Permission")),
                                          layout::form({{tr("Name"), m_permName}, {tr("Description"), m_permDescription}}, {.margins = layout::kFlush}),
                                          layout::row({m_permNew, m_permCreate, m_permSave, layout::Stretch{}, m_permDelete}, {.margins = layout::kFlush}),
                                          layout::Stretch{}},
                                         {.margins = QMargins(8, 0, 0, 0), .spacing = 6}));
}

void RolesPage::reload()
{
    m_connection.read(mgmt::loadAllRoles(), tr("Load roles"), [this](oidc::Result<oidc::Json> answer) {
        if (answer)
            m_roles->setRows(mgmtArray(*answer, "roles"));
    });
    m_connection.read(mgmt::loadAllPermissions(), tr("Load permissions"), [this](oidc::Result<oidc::Json> answer) {
        if (answer)
            m_permissions->setRows(mgmtArray(*answer, "permissions"));
    });
}

void RolesPage::clear()
{
    m_roles->setRows(oidc::Json::array());
    m_permissions->setRows(oidc::Json::array());
}

void RolesPage::fillRole()
{
    if (const oidc::Json *role = m_roles->selected()) {
        m_roleName->setText(mgmtText(*role, "name"));
        m_roleDescription->setText(mgmtText(*role, "description"));
        m_rolePermissions->setText(mgmtStrings(*role, "permissionNames").join(QStringLiteral(", ")));
        m_roleTenant->setText(mgmtText(*role, "tenantId"));
    }
    updateButtons();
}

void RolesPage::fillPermission()
{
    if (const oidc::Json *permission = m_permissions->selected()) {
        m_permName->setText(mgmtText(*permission, "name"));
        m_permDescription->setText(mgmtText(*permission, "description"));
    }
    updateButtons();
}

void RolesPage::updateButtons()
{
    const bool role = m_roles->selected() != nullptr;
    m_roleTenant->setReadOnly(role); // a role stays where it was made
    m_roleCreate->setEnabled(!role && !m_roleName->text().trimmed().isEmpty());
    m_roleSave->setEnabled(role && !m_roleName->text().trimmed().isEmpty());
    m_roleDelete->setEnabled(role);
    const bool permission = m_permissions->selected() != nullptr;
    m_permCreate->setEnabled(!permission && !m_permName->text().trimmed().isEmpty());
    m_permSave->setEnabled(permission && !m_permName->text().trimmed().isEmpty());
    m_permDelete->setEnabled(permission);
}

void RolesPage::createRole()
{
    const QString name = m_roleName->text().trimmed();
    m_connection.change(mgmt::createRole(toStd(name), toStd(m_roleDescription->text().trimmed()), mgmtSplitNames(m_rolePermissions->text()),
                                         toStd(m_roleTenant->text().trimmed())),
                        tr("Create role %1").arg(name), QString());
}

void RolesPage::saveRole()
{
    const oidc::Json *role = m_roles->selected();
    if (!role)
        return;
    const QString name = mgmtText(*role, "name");
    const std::vector<std::string> permissions = mgmtSplitNames(m_rolePermissions->text());
    QStringList dropped;
    for (const QString &had : mgmtStrings(*role, "permissionNames"))
        if (std::find(permissions.begin(), permissions.end(), toStd(had)) == permissions.end())
            dropped << had;
    const QString confirm = dropped.isEmpty()
        ? QString()
        : tr("Saving role %1 takes permissions %2 from everyone who holds the role.").arg(name, dropped.join(QStringLiteral(", ")));
    m_connection.change(mgmt::updateRole(toStd(name), toStd(m_roleName->text().trimmed()), toStd(m_roleDescription->text().trimmed()), permissions,
                                         toStd(mgmtText(*role, "tenantId"))),
                        tr("Save role %1").arg(name), confirm);
}

void RolesPage::deleteRole()
{
    const oidc::Json *role = m_roles->selected();
    if (!role)
        return;
    const QString name = mgmtText(*role, "name");
    m_connection.change(mgmt::deleteRole(toStd(name), toStd(mgmtText(*role, "tenantId"))), tr("Delete role %1").arg(name),
                        tr("Delete role %1? Every user and access key holding it loses it.").arg(name));
}

void RolesPage::createPermission()
{
    const QString name = m_permName->text().trimmed();
    m_connection.change(mgmt::createPermission(toStd(name), toStd(m_permDescription->text().trimmed())), tr("Create permission %1").arg(name),
                        QString());
}

void RolesPage::savePermission()
{
    const oidc::Json *permission = m_permissions->selected();
    if (!permission)
        return;
    const QString name = mgmtText(*permission, "name");
    m_connection.change(mgmt::updatePermission(toStd(name), toStd(m_permName->text().trimmed()), toStd(m_permDescription->text().trimmed())),
                        tr("Save permission %1").arg(name), QString());
}

void RolesPage::deletePermission()
{
    const oidc::Json *permission = m_permissions->selected();
    if (!permission)
        return;
    const QString name = mgmtText(*permission, "name");
    m_connection.change(mgmt::deletePermission(toStd(name)), tr("Delete permission %1").arg(name),
                        tr("Delete permission %1? Every role granting it loses it.").arg(name));
}

} // namespace ui

#include "moc_RolesPage.cpp"
