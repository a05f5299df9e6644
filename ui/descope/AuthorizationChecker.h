#pragma once

// The roles / permissions / tenant checker: type what an API would require — roles, permissions
// (separated by commas or spaces), optionally a tenant (the session's tenants are offered) — and
// see each requirement pass or fail against the current session as you type. The checks are the
// core's (oidc::descope::checkAuthorization: the SDKs' validateRoles / validatePermissions and
// their tenant variants) on the current session's validated claims; nothing is decided here. The
// verdict says what an API would answer: 200, or 403 Forbidden with the first failure.
// Object names: authzRoles, authzPermissions, authzTenant, authzVerdict, authzChecks (its table
// authzChecksTable).

#include "oidc/descope/AuthorizationChecks.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace ui {

class CheckListView;
class DescopeContext;

class AuthorizationChecker final : public QWidget {
    Q_OBJECT
public:
    explicit AuthorizationChecker(DescopeContext &context, QWidget *parent = nullptr);

    // What is typed, as the core takes it.
    [[nodiscard]] oidc::descope::AuthorizationRequirements requirements() const;
    // Items typed in a field: split on commas and white space, empty ones dropped.
    [[nodiscard]] static std::vector<std::string> splitItems(const QString &text);

private:
    void offerTenants();
    void check();

    DescopeContext &m_context;
    QLineEdit *m_roles;
    QLineEdit *m_permissions;
    QComboBox *m_tenant;
    QLabel *m_verdict;
    CheckListView *m_checks;
};

} // namespace ui
