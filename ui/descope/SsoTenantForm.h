#pragma once

// What a tenant SSO sign-in starts (SsoApi.h): a tenant ID or an email — the core says which it
// is (ssoTargetOf), and the form shows what Descope will do with it — and the route: saml/*,
// which Descope's SDKs call for SAML and OIDC tenants alike, or the newer sso/*. Whether the
// tenant's IdP speaks SAML or OIDC is its SSO settings' business, not the app's: Descope (or the
// sandbox's stand-in IdP) speaks it. The form checks nothing itself: the core refuses an empty
// target (DESCOPE_TENANT_MISSING).
// Object names: ssoTargetEdit, ssoTargetKind (what the target is, or the hint), ssoRouteCombo, ssoStartButton.

#include "oidc/descope/SsoApi.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ui {

class SsoTenantForm final : public QWidget {
    Q_OBJECT
public:
    explicit SsoTenantForm(QWidget *parent = nullptr);

    // The target and the route (no redirect URL: the panel adds it).
    [[nodiscard]] oidc::descope::SsoStart startRequest() const;
    void setReady(bool ready);
    // A hint shown while the field is empty (what the sandbox needs first; empty: none).
    void setHint(const QString &hint);

Q_SIGNALS:
    void startRequested();

private:
    void showKind();

    QLineEdit *m_target;
    QLabel *m_kind;
    QComboBox *m_route;
    QPushButton *m_start;
    QString m_hint;
    bool m_ready = false;
};

} // namespace ui
