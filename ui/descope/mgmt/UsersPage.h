#pragma once

// Users: every user of the project (test users too) in a filtered table, and a form to create one
// or edit the selected one — login ID, email, phone, name, project roles, tenants with their
// roles — with Enable / Disable and Delete. Save sends the whole user (node-sdk's update: what it
// names is replaced); when that takes roles or tenants away, or a user is disabled or deleted, a
// real project asks first (ManagementConnection). The form keeps what was typed when a call is
// refused. Object names: usrList (usrListFilter, usrListTable), usrLoginId, usrEmail, usrPhone,
// usrName, usrRoles, usrTenants (TenantRolesEdit), usrState, usrNew, usrCreate, usrSave,
// usrToggleStatus, usrDelete.

#include "oidc/descope/ManagementApi.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ui {

class ManagementConnection;
class ManagementTable;
class TenantRolesEdit;

class UsersPage final : public QWidget {
    Q_OBJECT
public:
    explicit UsersPage(ManagementConnection &connection, QWidget *parent = nullptr);

    void reload();
    void clear();
    // After the next reload, the user with this login ID is selected.
    void selectAfterReload(const QString &loginId) { m_selectAfterReload = loginId; }

private:
    QWidget *buildForm();
    void fillForm();
    void newUser();
    void create();
    void save();
    void toggleStatus();
    void remove();
    void updateButtons();
    [[nodiscard]] oidc::descope::ManagedUser formUser() const;
    [[nodiscard]] QString selectedLoginId() const;
    // What saving `next` over the selected user takes away, in words; empty when nothing.
    [[nodiscard]] QString removals(const oidc::descope::ManagedUser &next) const;

    ManagementConnection &m_connection;
    ManagementTable *m_list;
    QLineEdit *m_loginId = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_phone = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_roles = nullptr;
    TenantRolesEdit *m_tenants = nullptr;
    QLabel *m_state = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_toggle = nullptr;
    QPushButton *m_delete = nullptr;
    QString m_selectAfterReload;
};

} // namespace ui
