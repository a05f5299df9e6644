#pragma once

// The flow's settings for the current provider profile: client ID, client secret (a password
// field, kept in memory only), client authentication, scope, browser mode (embedded, loopback or
// private-use URI scheme, with their trade-offs in a few plain lines), redirect port, path and
// scheme, and the security toggles (PKCE S256 / plain / off, state, nonce, unsigned ID tokens, leeway).
// Every insecure choice shows a visible warning next to it. Edits are reported through
// profileEdited(); nothing here talks to the network.

#include "oidc/flow/ProviderProfile.h"
#include "oidc/workspace/ResolvedProfile.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;

namespace ui {

class ClientAuthCombo;

class FlowSettingsPanel final : public QWidget {
    Q_OBJECT
public:
    explicit FlowSettingsPanel(QWidget *parent = nullptr);

    // Shows `profile` (no profileEdited() for this).
    void setProfile(const oidc::flow::ProviderProfile &profile);
    // The shown profile with the edits applied.
    [[nodiscard]] oidc::flow::ProviderProfile profile() const;
    // The provider's URLs as typed and as they will be called (`{{variables}}` substituted by
    // the core's resolveProfile), or why they cannot be: shown above the client's settings.
    void setProviderUrls(const oidc::flow::ProviderProfile &typed, const oidc::Result<oidc::workspace::ResolvedProfile> &resolved);
    // The warnings currently shown (one per insecure choice).
    [[nodiscard]] QStringList warnings() const;

Q_SIGNALS:
    void profileEdited(const oidc::flow::ProviderProfile &profile);

private:
    QWidget *buildClientGroup();
    QWidget *buildBrowserGroup();
    QWidget *buildSecurityGroup();
    void edited();
    void updateWarnings();
    // The redirect URI the chosen mode uses, and the scheme's problems (private-use mode).
    void updateRedirect();

    oidc::flow::ProviderProfile m_profile;
    bool m_loading = false;
    QLabel *m_providerUrls;
    QLineEdit *m_clientId;
    QLineEdit *m_clientSecret;
    QLabel *m_secretNote;
    ClientAuthCombo *m_auth;
    QLabel *m_authWarning;
    QLineEdit *m_scope;
    QRadioButton *m_embedded;
    QRadioButton *m_system;
    QRadioButton *m_privateUse;
    QPlainTextEdit *m_tradeOffs;
    QSpinBox *m_port;
    QLineEdit *m_path;
    QLineEdit *m_scheme;
    QLabel *m_schemeWarning;
    QLabel *m_redirectNote;
    QComboBox *m_pkce;
    QLabel *m_pkceWarning;
    QCheckBox *m_state;
    QLabel *m_stateWarning;
    QCheckBox *m_nonce;
    QLabel *m_nonceWarning;
    QCheckBox *m_unsigned;
    QLabel *m_unsignedWarning;
    QSpinBox *m_leeway;
    QLabel *m_leewayWarning;
};

} // namespace ui
