#pragma once

// Access keys: the project's access keys (ID, name, status, roles, tenants, expiry) in a filtered
// table; a form to create one (name, project roles, tenants with their roles, days until it
// expires or never) whose cleartext is shown once (CleartextOnce) and never again; Activate,
// Deactivate and Delete for the selected key (a real project asks before the last two). Object
// names: keyList, keyName, keyRoles, keyTenants (TenantRolesEdit), keyExpiresDays, keyCreate,
// keyActivate, keyDeactivate, keyDelete, keyCleartext (CleartextOnce).

#include <QWidget>

class QPushButton;
class QLineEdit;
class QSpinBox;

namespace ui {

class CleartextOnce;
class ManagementConnection;
class ManagementTable;
class TenantRolesEdit;

class AccessKeysPage final : public QWidget {
    Q_OBJECT
public:
    explicit AccessKeysPage(ManagementConnection &connection, QWidget *parent = nullptr);

    void reload();
    void clear();

private:
    QWidget *buildForm();
    void updateButtons();
    void create();
    void setActive(bool active);
    void remove();

    ManagementConnection &m_connection;
    ManagementTable *m_list;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_roles = nullptr;
    TenantRolesEdit *m_tenants = nullptr;
    QSpinBox *m_expiresDays = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_activate = nullptr;
    QPushButton *m_deactivate = nullptr;
    QPushButton *m_delete = nullptr;
    CleartextOnce *m_cleartext = nullptr;
};

} // namespace ui
