#pragma once

// The tenants of a user or an access key, each with its roles in that tenant (node-sdk's
// AssociatedTenant: {tenantId, roleNames}), as an editable two-column table — tenant ID, roles
// separated by commas — with Add and Remove buttons. Project roles and tenant roles are kept side
// by side, as Descope keeps them. Object names: <name> (the table), <name>Add, <name>Remove.

#include "oidc/descope/ManagementApi.h"

#include <QWidget>

#include <vector>

class QPushButton;
class QTableWidget;

namespace ui {

class TenantRolesEdit final : public QWidget {
    Q_OBJECT
public:
    explicit TenantRolesEdit(const QString &name, QWidget *parent = nullptr);

    // Rows without a tenant ID are left out.
    [[nodiscard]] std::vector<oidc::descope::TenantRoles> tenants() const;
    // From an answer's "userTenants" / "keyTenants" array.
    void setTenants(const oidc::Json &tenants);
    void clear();
    // Appends a row (a tenant and its roles, as typed).
    void addRow(const QString &tenantId = {}, const QString &roles = {});

private:
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
};

} // namespace ui
