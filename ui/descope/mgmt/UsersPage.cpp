#include "UsersPage.h"

#include "ui/UiText.h"
#include "ui/descope/mgmt/ManagementConnection.h"
#include "ui/descope/mgmt/ManagementFields.h"
#include "ui/descope/mgmt/ManagementForm.h"
#include "ui/descope/mgmt/ManagementTable.h"
#include "ui/descope/mgmt/TenantRolesEdit.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>

#include <algorithm>
#include <utility>

namespace ui {

using oidc::descope::ManagedUser;
namespace mgmt = oidc::descope::mgmt;

namespace {

QString usersFirstLoginId(const oidc::Json &user)
{
    const QStringList ids = mgmtStrings(user, "loginIds");
    return ids.isEmpty() ? mgmtText(user, "userId") : ids.front();
}

// The names in `before` that `after` lacks.
QStringList usersDropped(const QStringList &before, const std::vector<std::string> &after)
{
    QStringList dropped;
    for (const QString &name : before)
        if (std::find(after.begin(), after.end(), toStd(name)) == after.end())
            dropped << name;
    return dropped;
}

} // namespace

UsersPage::UsersPage(ManagementConnection &connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_list(new ManagementTable(QStringLiteral("usrList"),
                                 {{tr("Login ID"), usersFirstLoginId},
                                  {tr("Name"), [](const oidc::Json &u) { return mgmtText(u, "name"); }},
                                  {tr("Email"), [](const oidc::Json &u) { return mgmtText(u, "email"); }},
                                  {tr("Phone"), [](const oidc::Json &u) { return mgmtText(u, "phone"); }},
                                  {tr("Status"), [](const oidc::Json &u) { return mgmtText(u, "status"); }},
                                  {tr("Roles"), [](const oidc::Json &u) { return mgmtStrings(u, "roleNames").join(QStringLiteral(", ")); }},
                                  {tr("Tenants"), [](const oidc::Json &u) { return mgmtTenantsText(u, "userTenants"); }},
                                  {tr("Test user"), [](const oidc::Json &u) {
                                       return u.is_object() && u.value("test", false) ? tr("test") : QString();
                                   }}}))
{
    setObjectName(QStringLiteral("usersPage"));
    QSplitter *split = mgmtListAndForm(m_list, buildForm());
    layout::attach(this, layout::column({layout::Item(split, 1)}, {.margins = QMargins(0, 6, 0, 0)}));

    connect(m_list, &ManagementTable::selectionChanged, this, &UsersPage::fillForm);
    connect(m_new, &QPushButton::clicked, this, &UsersPage::newUser);
    connect(m_create, &QPushButton::clicked, this, &UsersPage::create);
    connect(m_save, &QPushButton::clicked, this, &UsersPage::save);
    connect(m_toggle, &QPushButton::clicked, this, &UsersPage::toggleStatus);
    connect(m_delete, &QPushButton::clicked, this, &UsersPage::remove);
    connect(m_loginId, &QLineEdit::textChanged, this, &UsersPage::updateButtons);
    updateButtons();
}

QWidget *UsersPage::buildForm()
{
    m_loginId = mgmtLineEdit("usrLoginId", tr("email, phone or any ID the user signs in with"));
    m_email = mgmtLineEdit("usrEmail", tr("where email codes and links go"));
    m_phone = mgmtLineEdit("usrPhone", tr("+15551234567"));
    m_name = mgmtLineEdit("usrName", tr("display name"));
    m_roles = mgmtLineEdit("usrRoles", tr("project roles, separated by commas"));
    m_tenants = new TenantRolesEdit(QStringLiteral("usrTenants"));
    m_state = typeLabel(Type::Caption);
    m_state->setObjectName(QStringLiteral("usrState"));
    m_new = mgmtButton("usrNew", tr("New"));
    m_create = mgmtButton("usrCreate", tr("Create user"));
    m_save = mgmtButton("usrSave", tr("Save changes"));
    m_toggle = mgmtButton("usrToggleStatus", tr("Disable"));
    m_delete = mgmtButton("usrDelete", tr("Delete"));
    m_new->setToolTip(tr("Clears the form for a new user"));
    m_save->setToolTip(tr("Sends the whole user: roles and tenants not listed are taken away"));
    return layout::widget(layout::column(
        {typeLabel(Type::Section, tr("User")),
         layout::form({{tr("Login ID"), m_loginId}, {tr("Email"), m_email}, {tr("Phone"), m_phone}, {tr("Name"), m_name},
                       {tr("Project roles"), m_roles}, {QString(), m_state}},
                      {.margins = layout::kFlush}),
         typeLabel(Type::Section, tr("Tenants and their roles")), layout::Item(m_tenants, 1),
         layout::row({m_new, m_create, m_save, layout::Stretch{}, m_toggle, m_delete}, {.margins = layout::kFlush})},
        {.margins = QMargins(8, 0, 0, 0), .spacing = 6}));
}

void UsersPage::reload()
{
    oidc::descope::UserSearch search;
    search.withTestUsers = true;
    search.limit = 1000;
    m_connection.read(mgmt::searchUsers(search), tr("Load users"), [this](oidc::Result<oidc::Json> answer) {
        if (!answer)
            return;
        const QString wanted = std::exchange(m_selectAfterReload, QString());
        m_list->setRows(mgmtArray(*answer, "users"));
        if (!wanted.isEmpty())
            m_list->select(wanted);
    });
}

void UsersPage::clear()
{
    m_list->setRows(oidc::Json::array());
}

QString UsersPage::selectedLoginId() const
{
    const oidc::Json *user = m_list->selected();
    return user ? usersFirstLoginId(*user) : QString();
}

void UsersPage::fillForm()
{
    const oidc::Json *user = m_list->selected();
    if (user) {
        m_loginId->setText(usersFirstLoginId(*user));
        m_email->setText(mgmtText(*user, "email"));
        m_phone->setText(mgmtText(*user, "phone"));
        m_name->setText(mgmtText(*user, "name"));
        m_roles->setText(mgmtStrings(*user, "roleNames").join(QStringLiteral(", ")));
        m_tenants->setTenants(mgmtArray(*user, "userTenants"));
        const bool enabled = mgmtText(*user, "status") != QLatin1String("disabled");
        m_state->setText(enabled ? tr("Enabled: can sign in.") : tr("Disabled: every sign-in is refused."));
        m_toggle->setText(enabled ? tr("Disable") : tr("Enable"));
    } else {
        m_state->clear();
        m_toggle->setText(tr("Disable"));
    }
    updateButtons();
}

void UsersPage::newUser()
{
    m_list->clearSelection();
    for (auto *line : {m_loginId, m_email, m_phone, m_name, m_roles})
        line->clear();
    m_tenants->clear();
    m_loginId->setFocus();
}

void UsersPage::updateButtons()
{
    const bool selected = m_list->selected() != nullptr;
    m_loginId->setReadOnly(selected); // an existing user is named by its login ID
    m_create->setEnabled(!selected && !m_loginId->text().trimmed().isEmpty());
    for (auto *button : {m_save, m_toggle, m_delete})
        button->setEnabled(selected);
}

ManagedUser UsersPage::formUser() const
{
    ManagedUser user;
    user.loginId = toStd(m_loginId->text().trimmed());
    user.email = toStd(m_email->text().trimmed());
    user.phone = toStd(m_phone->text().trimmed());
    user.displayName = toStd(m_name->text().trimmed());
    user.roleNames = mgmtSplitNames(m_roles->text());
    user.tenants = m_tenants->tenants();
    // Addresses set here by the project count as verified (node-sdk's verifiedEmail / verifiedPhone).
    user.verifiedEmail = !user.email.empty();
    user.verifiedPhone = !user.phone.empty();
    return user;
}

void UsersPage::create()
{
    const ManagedUser user = formUser();
    const QString loginId = qs(user.loginId);
    m_connection.change(mgmt::createUser(user), tr("Create user %1").arg(loginId), QString(), [this, loginId](oidc::Result<oidc::Json> answer) {
        if (answer)
            m_selectAfterReload = loginId;
    });
}

QString UsersPage::removals(const ManagedUser &next) const
{
    const oidc::Json *user = m_list->selected();
    if (!user)
        return {};
    QStringList parts;
    if (const QStringList dropped = usersDropped(mgmtStrings(*user, "roleNames"), next.roleNames); !dropped.isEmpty())
        parts << tr("project roles %1").arg(dropped.join(QStringLiteral(", ")));
    for (const auto &tenant : mgmtArray(*user, "userTenants")) {
        const QString id = mgmtText(tenant, "tenantId");
        const auto kept = std::find_if(next.tenants.begin(), next.tenants.end(), [&](const auto &t) { return qs(t.tenantId) == id; });
        if (kept == next.tenants.end())
            parts << tr("tenant %1").arg(id);
        else if (const QStringList dropped = usersDropped(mgmtStrings(tenant, "roleNames"), kept->roleNames); !dropped.isEmpty())
            parts << tr("roles %1 in tenant %2").arg(dropped.join(QStringLiteral(", ")), id);
    }
    return parts.join(QStringLiteral("; "));
}

void UsersPage::save()
{
    ManagedUser user = formUser();
    const QString loginId = selectedLoginId();
    if (loginId.isEmpty())
        return;
    user.loginId = toStd(loginId);
    const QString taken = removals(user);
    const QString confirm = taken.isEmpty() ? QString() : tr("Saving user %1 takes away: %2.").arg(loginId, taken);
    m_connection.change(mgmt::updateUser(user), tr("Save user %1").arg(loginId), confirm, [this, loginId](oidc::Result<oidc::Json> answer) {
        if (answer)
            m_selectAfterReload = loginId;
    });
}

void UsersPage::toggleStatus()
{
    const oidc::Json *user = m_list->selected();
    if (!user)
        return;
    const QString loginId = usersFirstLoginId(*user);
    const bool enable = mgmtText(*user, "status") == QLatin1String("disabled");
    const QString what = enable ? tr("Enable user %1").arg(loginId) : tr("Disable user %1").arg(loginId);
    const QString confirm = enable ? QString() : tr("Disable user %1? Its sessions end and every sign-in is refused until it is enabled again.").arg(loginId);
    m_connection.change(mgmt::setUserStatus(toStd(loginId), enable), what, confirm, [this, loginId](oidc::Result<oidc::Json> answer) {
        if (answer)
            m_selectAfterReload = loginId;
    });
}

void UsersPage::remove()
{
    const QString loginId = selectedLoginId();
    if (loginId.isEmpty())
        return;
    m_connection.change(mgmt::deleteUser(toStd(loginId)), tr("Delete user %1").arg(loginId),
                        tr("Delete user %1? Its sessions end; its passkeys, TOTP and history go with it.").arg(loginId));
}

} // namespace ui

#include "moc_UsersPage.cpp"
