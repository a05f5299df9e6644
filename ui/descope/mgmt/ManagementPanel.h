#pragma once

// The Users & Tenants area (management): what a demo or a reproduction needs set up in a Descope
// project — users with their roles and tenants, tenants, roles and permissions, access keys, a
// tenant's SSO settings — through Descope's management API, and in one click a test user to sign
// in as or an access key for the M2M area (QuickSetup). Against the sandbox its own management key
// is used, and nothing asks for confirmation (what is deleted is created again in a click, or
// Reset restores the fixtures); against a real Descope project the person types the project's
// management key (memory only) under a "real project" banner, and destructive changes are asked
// first (ManagementConnection). Refusals show in one RefusalBanner, with Descope's code, and the
// forms keep what was typed; every request can be cancelled and is listed underneath
// (AreaExchangeList, labelled "Users & Tenants · …"). Object names: mgmtPanel, mgmtProject,
// mgmtRealProject, mgmtKeyRow, mgmtKey, mgmtUnavailable, mgmtStatus, mgmtReload, mgmtCancel,
// mgmtRefusal, mgmtTabs; the pages' own in UsersPage.h, TenantsPage.h, RolesPage.h,
// AccessKeysPage.h, SsoPage.h, QuickSetup.h.

#include <QWidget>

#include <memory>

class QLabel;
class QCheckBox;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace ui {

class AccessKeysPage;
class DescopeContext;
class ManagementConnection;
class QuickSetup;
class RefusalBanner;
class RolesPage;
class SsoPage;
class TenantsPage;
class UsersPage;

class ManagementPanel final : public QWidget {
    Q_OBJECT
public:
    explicit ManagementPanel(DescopeContext &context, QWidget *parent = nullptr);
    ~ManagementPanel() override;

public Q_SLOTS:
    void reloadAll();

private:
    QWidget *buildConnectionBox();
    QWidget *buildTabs();
    void followReadiness();

    DescopeContext &m_context;
    std::unique_ptr<ManagementConnection> m_connection;
    QLabel *m_project = nullptr;
    QLabel *m_realBanner = nullptr;
    QWidget *m_keyRow = nullptr;
    QLineEdit *m_key = nullptr;
    QCheckBox *m_rememberKey = nullptr;
    QLabel *m_unavailable = nullptr;
    QuickSetup *m_quick = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_reload = nullptr;
    QPushButton *m_cancel = nullptr;
    RefusalBanner *m_refusal = nullptr;
    QTabWidget *m_tabs = nullptr;
    UsersPage *m_users = nullptr;
    TenantsPage *m_tenants = nullptr;
    RolesPage *m_roles = nullptr;
    AccessKeysPage *m_keys = nullptr;
    SsoPage *m_sso = nullptr;
};

} // namespace ui
