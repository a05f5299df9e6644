#pragma once

// Descope's access-key exchange (descope-api.md §10): an access key — typed, or one of the
// sandbox's in one click — becomes a session JWT whose sub is the key's ID and whose claims carry
// the key's roles, permissions and tenants. The optional tenant is sent as selectedTenant, the
// optional scopes as customClaims {"scope": "…"}, as the M2M sample sends them (they come back
// under nsec). The result is shown as SessionView shows a session: every check of the JWT against
// the project's keys, the claims explained, a live countdown. It is not the app's Descope session:
// an M2M token belongs to no user. An optional automatic re-exchange (ReexchangeSchedule) keeps a
// token with life left; a failed one stops it. The key stays in this widget's memory, unless the
// person ticks "Remember in the keychain" (a real project only; the sandbox's own keys need no
// keeping): then it is kept for the workspace's profile through RememberedSecret — the OS
// keychain, memory when none answers, never the workspace file — and filled in again when that
// project is selected.
//
// Object names: akUnavailable, akPreset, akKey, akRemember, akTenant, akScopes, akExchange, akCancel, akAuto,
// akRenewal, akRefusal; the result as SessionView "ak" (akSummary, akClaims, akChecks, …).

#include "ui/descope/SandboxCredentials.h"

#include "oidc/descope/AccessKeyApi.h"
#include "oidc/descope/DescopeSession.h"
#include "oidc/net/Http.h"

#include <QWidget>

#include <optional>
#include <string>
#include <utility>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace ui {

class DescopeContext;
class ReexchangeSchedule;
class RefusalBanner;
class RememberedSecret;
class SessionView;

class AccessKeyForm final : public QWidget {
    Q_OBJECT
public:
    explicit AccessKeyForm(DescopeContext &context, QWidget *parent = nullptr);
    ~AccessKeyForm() override;

    // The sandbox's access keys (others are ignored); empty: none to offer.
    void setSandboxCredentials(const QList<SandboxCredential> &credentials);

public Q_SLOTS:
    void exchange();
    void cancel();

Q_SIGNALS:
    // The session JWT to call APIs with; empty when there is none (another project).
    void tokenChanged(const QString &sessionJwt);
    void openInInspector(const QString &token);

private:
    QWidget *buildForm();
    void followProject();
    void updatePresets();
    void presetChosen(int index);
    void run(const std::string &accessKey, const oidc::descope::AccessKeyOptions &options, bool automatic);
    void answered(const oidc::descope::SessionOutcome &outcome, const std::string &accessKey, const oidc::descope::AccessKeyOptions &options,
                  bool automatic);
    void reexchange();
    void setBusy(bool busy);
    [[nodiscard]] oidc::descope::AccessKeyOptions options() const;

    void loadRememberedKey();

    DescopeContext &m_context;
    ReexchangeSchedule *m_schedule;
    RememberedSecret *m_remembered;
    QList<SandboxCredential> m_keys;
    // What the shown token was exchanged with, for the automatic re-exchange (a secret, in memory).
    std::string m_lastKey;
    oidc::descope::AccessKeyOptions m_lastOptions;
    std::optional<std::pair<qint64, qint64>> m_lastTimes; // the shown token's iat and exp
    oidc::net::RequestHandle m_handle;
    bool m_busy = false;

    QLabel *m_unavailable = nullptr;
    QComboBox *m_preset = nullptr;
    QLabel *m_presetLabel = nullptr;
    QLineEdit *m_key = nullptr;
    QCheckBox *m_remember = nullptr;
    QLineEdit *m_tenant = nullptr;
    QLineEdit *m_scopes = nullptr;
    QPushButton *m_exchange = nullptr;
    QPushButton *m_cancel = nullptr;
    QCheckBox *m_auto = nullptr;
    QLabel *m_renewal = nullptr;
    RefusalBanner *m_refusal = nullptr;
    SessionView *m_result = nullptr;
};

} // namespace ui
