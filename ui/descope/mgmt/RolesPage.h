#pragma once

// Roles and permissions: the project's roles (and tenants' own roles, with their tenant) and its
// permissions, each in a filtered table beside a form to create, update (rename, describe, the
// permissions a role grants) and delete one. Deleting a role takes it from everyone who holds it,
// a permission from every role: a real project asks first. Object names: roleList, roleName,
// roleDescription, rolePermissions, roleTenant, roleNew, roleCreate, roleSave, roleDelete;
// permList, permName, permDescription, permNew, permCreate, permSave, permDelete.

#include <QWidget>

class QLineEdit;
class QPushButton;

namespace ui {

class ManagementConnection;
class ManagementTable;

class RolesPage final : public QWidget {
    Q_OBJECT
public:
    explicit RolesPage(ManagementConnection &connection, QWidget *parent = nullptr);

    void reload();
    void clear();

private:
    QWidget *buildRoleForm();
    QWidget *buildPermissionForm();
    void fillRole();
    void fillPermission();
    void updateButtons();
    void createRole();
    void saveRole();
    void deleteRole();
    void createPermission();
    void savePermission();
    void deletePermission();

    ManagementConnection &m_connection;
    ManagementTable *m_roles;
    ManagementTable *m_permissions;
    QLineEdit *m_roleName = nullptr;
    QLineEdit *m_roleDescription = nullptr;
    QLineEdit *m_rolePermissions = nullptr;
    QLineEdit *m_roleTenant = nullptr;
    QPushButton *m_roleNew = nullptr;
    QPushButton *m_roleCreate = nullptr;
    QPushButton *m_roleSave = nullptr;
    QPushButton *m_roleDelete = nullptr;
    QLineEdit *m_permName = nullptr;
    QLineEdit *m_permDescription = nullptr;
    QPushButton *m_permNew = nullptr;
    QPushButton *m_permCreate = nullptr;
    QPushButton *m_permSave = nullptr;
    QPushButton *m_permDelete = nullptr;
};

} // namespace ui
