#include "AccessKeysPage.h"

#include "ui/UiText.h"
#include "ui/descope/mgmt/CleartextOnce.h"
#include "ui/descope/mgmt/ManagementConnection.h"
#include "ui/descope/mgmt/ManagementFields.h"
#include "ui/descope/mgmt/ManagementForm.h"
#include "ui/descope/mgmt/ManagementTable.h"
#include "ui/descope/mgmt/TenantRolesEdit.h"
#include "ui/widgets/Layouting.h"
#include "ui/widgets/Type.h"

#include <QDateTime>
#include <QSpinBox>
#include <QSplitter>

namespace ui {

namespace mgmt = oidc::descope::mgmt;

namespace {

QString accessKeyExpiry(const oidc::Json &key)
{
    const auto it = key.is_object() ? key.find("expireTime") : key.end();
    if (it == key.end() || !it->is_number_integer() || it->get<int64_t>() <= 0)
        return QObject::tr("never");
    return QDateTime::fromSecsSinceEpoch(it->get<int64_t>()).toString(Qt::ISODate);
}

} // namespace

AccessKeysPage::AccessKeysPage(ManagementConnection &connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_list(new ManagementTable(QStringLiteral("keyList"),
                                 {{tr("ID"), [](const oidc::Json &k) { return mgmtText(k, "id"); }},
                                  {tr("Name"), [](const oidc::Json &k) { return mgmtText(k, "name"); }},
                                  {tr("Status"), [](const oidc::Json &k) { return mgmtText(k, "status"); }},
                                  {tr("Roles"), [](const oidc::Json &k) { return mgmtStrings(k, "roleNames").join(QStringLiteral(", ")); }},
                                  {tr("Tenants"), [](const oidc::Json &k) { return mgmtTenantsText(k, "keyTenants"); }},
                                  {tr("Expires"), accessKeyExpiry}}))
{
    setObjectName(QStringLiteral("accessKeysPage"));
    QSplitter *split = mgmtListAndForm(m_list, buildForm());
    layout::attach(this, layout::column({m_cleartext, layout::Item(split, 1)}, {.margins = QMargins(0, 6, 0, 0), .spacing = 6}));

    connect(m_list, &ManagementTable::selectionChanged, this, &AccessKeysPage::updateButtons);
    connect(m_name, &QLineEdit::textChanged, this, &AccessKeysPage::updateButtons);
    connect(m_create, &QPushButton::clicked, this, &AccessKeysPage::create);
    connect(m_activate, &QPushButton::clicked, this, [this] { setActive(true); });
    connect(m_deactivate, &QPushButton::clicked, this, [this] { setActive(false); });
    connect(m_delete, &QPushButton::clicked, this, &AccessKeysPage::remove);
    updateButtons();
}

QWidget *AccessKeysPage::buildForm()
{
    m_name = mgmtLineEdit("keyName", tr("e.g. ci-pipeline"));
    m_roles = mgmtLineEdit("keyRoles", tr("project roles, separated by commas"));
    m_tenants = new TenantRolesEdit(QStringLiteral("keyTenants"));
    m_expiresDays = new QSpinBox;
    m_expiresDays->setObjectName(QStringLiteral("keyExpiresDays"));
    m_expiresDays->setRange(0, 3650);
    m_expiresDays->setSpecialValueText(tr("never"));
    m_expiresDays->setSuffix(tr(" days"));
    m_create = mgmtButton("keyCreate", tr("Create access key"));
    m_activate = mgmtButton("keyActivate", tr("Activate"));
    m_deactivate = mgmtButton("keyDeactivate", tr("Deactivate"));
    m_delete = mgmtButton("keyDelete", tr("Delete"));
    m_cleartext = new CleartextOnce(QStringLiteral("keyCleartext"));
    return layout::widget(layout::column(
        {typeLabel(Type::Section, tr("New access key")),
         layout::form({{tr("Name"), m_name}, {tr("Project roles"), m_roles}, {tr("Expires in"), m_expiresDays}}, {.margins = layout::kFlush}),
         typeLabel(Type::Section, tr("Tenants and their roles")), layout::Item(m_tenants, 1),
         layout::row({m_create, layout::Stretch{}}, {.margins = layout::kFlush}), typeLabel(Type::Section, tr("Selected key")),
         layout::row({m_activate, m_deactivate, layout::Stretch{}, m_delete}, {.margins = layout::kFlush})},
        {.margins = QMargins(8, 0, 0, 0), .spacing = 6}));
}

void AccessKeysPage::reload()
{
    m_connection.read(mgmt::searchAccessKeys(), tr("Load access keys"), [this](oidc::Result<oidc::Json> answer) {
        if (answer)
            m_list->setRows(mgmtArray(*answer, "keys"));
    });
}

void AccessKeysPage::clear()
{
    m_cleartext->forget();
    m_list->setRows(oidc::Json::array());
}

void AccessKeysPage::updateButtons()
{
    const oidc::Json *key = m_list->selected();
    const bool active = key && mgmtText(*key, "status") == QLatin1String("active");
    m_create->setEnabled(!m_name->text().trimmed().isEmpty());
    m_activate->setEnabled(key && !active);
    m_deactivate->setEnabled(key && active);
    m_delete->setEnabled(key != nullptr);
}

void AccessKeysPage::create()
{
    const QString name = m_name->text().trimmed();
    const int days = m_expiresDays->value();
    const int64_t expireTime = days == 0 ? 0 : QDateTime::currentSecsSinceEpoch() + int64_t{days} * 86400;
    m_cleartext->forget(); // a new key: the previous cleartext is not shown again
    m_connection.createAccessKey(mgmt::createAccessKey(toStd(name), expireTime, mgmtSplitNames(m_roles->text()), m_tenants->tenants()),
                                 tr("Create access key %1").arg(name), [this](oidc::Result<oidc::descope::CreatedAccessKey> created) {
                                     if (!created)
                                         return;
                                     m_cleartext->showKey(qs(created->keyId), qs(created->cleartext),
                                                          tr("Exchange it in Client Credentials & M2M → Access key (paste it there)."));
                                 });
}

void AccessKeysPage::setActive(bool active)
{
    const oidc::Json *key = m_list->selected();
    if (!key)
        return;
    const QString id = mgmtText(*key, "id");
    const QString name = mgmtText(*key, "name");
    if (active) {
        m_connection.change(mgmt::activateAccessKey(toStd(id)), tr("Activate access key %1").arg(name), QString());
        return;
    }
    m_connection.change(mgmt::deactivateAccessKey(toStd(id)), tr("Deactivate access key %1").arg(name),
                        tr("Deactivate access key %1 (%2)? Every exchange with it is refused until it is activated again.").arg(name, id));
}

void AccessKeysPage::remove()
{
    const oidc::Json *key = m_list->selected();
    if (!key)
        return;
    const QString id = mgmtText(*key, "id");
    const QString name = mgmtText(*key, "name");
    m_connection.change(mgmt::deleteAccessKey(toStd(id)), tr("Delete access key %1").arg(name),
                        tr("Delete access key %1 (%2)? Whatever uses it can no longer get a token.").arg(name, id));
}

} // namespace ui

#include "moc_AccessKeysPage.cpp"
