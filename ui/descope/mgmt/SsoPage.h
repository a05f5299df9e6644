#pragma once

// A tenant's SSO settings: pick the tenant, Load shows what Descope keeps (GET /v2/mgmt/sso/settings:
// SAML's IdP URL, entity ID, certificate, group → role mappings, default roles, redirect URL, the
// tenant's SSO domains, and the service-provider side Descope gives the IdP; an OIDC connection
// is shown as its JSON, read-only, since the app's client configures SAML), Save sends SAML
// settings (POST /v1/mgmt/sso/saml), Delete removes them (a real project asks first). Role
// mappings are typed one per line, "group1, group2 = role"; a line that is not refuses the save
// before anything is sent. Object names: ssoTenant, ssoLoad, ssoIdpUrl, ssoEntityId, ssoCert,
// ssoDomains, ssoMappings, ssoDefaultRoles, ssoRedirectUrl, ssoSave, ssoDelete, ssoLoaded.

#include "oidc/Json.h"
#include "oidc/descope/ManagementApi.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace ui {

class ManagementConnection;

class SsoPage final : public QWidget {
    Q_OBJECT
public:
    explicit SsoPage(ManagementConnection &connection, QWidget *parent = nullptr);

    // The tenants to choose from (TenantsPage::tenantsLoaded).
    void setTenants(const oidc::Json &tenants);
    void clear();

    // "a, b = role" lines → {groups, role}. Errors (INPUT): MGMT_SSO_MAPPING, naming the line.
    [[nodiscard]] static oidc::Result<oidc::descope::SamlSettings> parseMappings(const QString &text);

private:
    QWidget *buildForm();
    void load();
    void save();
    void remove();
    void showSettings(const oidc::Json &answer);
    void clearFields();
    [[nodiscard]] QString tenantId() const;

    ManagementConnection &m_connection;
    QComboBox *m_tenant = nullptr;
    QPushButton *m_load = nullptr;
    QLineEdit *m_idpUrl = nullptr;
    QLineEdit *m_entityId = nullptr;
    QPlainTextEdit *m_cert = nullptr;
    QLineEdit *m_domains = nullptr;
    QPlainTextEdit *m_mappings = nullptr;
    QLineEdit *m_defaultRoles = nullptr;
    QLineEdit *m_redirectUrl = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_delete = nullptr;
    QLabel *m_loaded = nullptr;
};

} // namespace ui
