#pragma once

// Tenants: every tenant of the project (its ID, name, self-provisioning domains and SSO) in a
// filtered table, and a form to create one — with an ID of your choosing, or Descope's — rename
// it, change its domains, or delete it (its users and access keys lose it; a real project asks
// first). Object names: tenList (tenListFilter, tenListTable), tenId, tenName, tenDomains, tenNew,
// tenCreate, tenSave, tenDelete.

#include "oidc/Json.h"

#include <QWidget>

class QLineEdit;
class QPushButton;

namespace ui {

class ManagementConnection;
class ManagementTable;

class TenantsPage final : public QWidget {
    Q_OBJECT
public:
    explicit TenantsPage(ManagementConnection &connection, QWidget *parent = nullptr);

    void reload();
    void clear();

Q_SIGNALS:
    // The tenants as the last load returned them ({"tenants": […]}'s array), for the SSO page.
    void tenantsLoaded(const oidc::Json &tenants);

private:
    QWidget *buildForm();
    void fillForm();
    void updateButtons();
    void create();
    void save();
    void remove();
    [[nodiscard]] QString selectedId() const;

    ManagementConnection &m_connection;
    ManagementTable *m_list;
    QLineEdit *m_id = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_domains = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_delete = nullptr;
    QString m_selectAfterReload;
};

} // namespace ui
