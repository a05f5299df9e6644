#pragma once

// The OAuth 2.0 client credentials grant (RFC 6749 §4.4) against the token endpoint of the
// provider chosen in the provider bar: discovery as the flow page does it (an
// oidc::flow::FlowSession with the profile's provider settings, once per provider), then the
// token request with client_secret_basic or client_secret_post (§2.3.1) and the scopes typed. The
// client ID, secret and method start as the profile's; with the sandbox, its confidential client
// and its access keys (the secret of client_id = project ID, descope-api.md §12) are one click
// away. The secret stays in this widget's memory. Nothing is sent until "Request token"; Cancel
// stops discovery or the token request; a refusal shows in the banner and the earlier token stays.
//
// Object names: ccProvider, ccPreset, ccClientId, ccClientSecret, ccAuthMethod, ccScope, ccRequest,
// ccCancel, ccRefusal; the token as AccessTokenView "cc" (ccSummary, ccCountdown, ccClaims, …).

#include "ui/descope/SandboxCredentials.h"

#include "oidc/net/HttpTransport.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace oidc::flow {
class FlowSession;
struct TokenResponse;
} // namespace oidc::flow

namespace ui {

class AccessTokenView;
class ClientAuthCombo;
class ProfileManager;
class RefusalBanner;

class ClientCredentialsForm final : public QWidget {
    Q_OBJECT
public:
    ClientCredentialsForm(ProfileManager &profiles, oidc::net::HttpTransport &transport, QWidget *parent = nullptr);
    ~ClientCredentialsForm() override;

    // The sandbox's clients and access keys (empty: none to offer); `projectId` is the client ID
    // that goes with an access key.
    void setSandboxCredentials(const QList<SandboxCredential> &credentials, const QString &projectId);

public Q_SLOTS:
    void request();
    void cancel();

Q_SIGNALS:
    // The access token to call APIs with; empty when there is none (another provider).
    void tokenChanged(const QString &accessToken);
    void openInInspector(const QString &token);

private:
    QWidget *buildForm();
    void followProfile();
    void updatePresets();
    void presetChosen(int index);
    void requestToken();
    void tokenAnswered(const oidc::Result<oidc::flow::TokenResponse> &tokens);
    void fail(const oidc::Error &error);
    void setBusy(bool busy);
    [[nodiscard]] QString providerKey() const;

    ProfileManager &m_profiles;
    oidc::flow::FlowSession *m_session;
    QString m_discovered; // providerKey() of the metadata m_session holds; empty: not yet discovered
    QString m_profileShown; // providerKey() the fields were filled for
    QList<SandboxCredential> m_credentials;
    QString m_projectId;
    // Discovery, then the token request: Cancel reaches whichever runs (a finished one ignores it).
    oidc::net::RequestHandle m_discovery;
    oidc::net::RequestHandle m_tokenRequest;
    bool m_busy = false;

    QLabel *m_provider = nullptr;
    QComboBox *m_preset = nullptr;
    QLabel *m_presetLabel = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_secret = nullptr;
    ClientAuthCombo *m_method = nullptr;
    QLineEdit *m_scope = nullptr;
    QPushButton *m_request = nullptr;
    QPushButton *m_cancel = nullptr;
    RefusalBanner *m_refusal = nullptr;
    AccessTokenView *m_token = nullptr;
};

} // namespace ui
