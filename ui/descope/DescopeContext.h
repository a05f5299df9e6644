#pragma once

// The Descope side of the app, shared by the Descope areas (Enchanted Link, Magic Link, OTP & TOTP,
// Session, Step-up, Client Credentials & M2M, Passkeys). AppContext::descope() creates it on first use.
//
// - The project: the Descope project of the provider chosen in the provider bar — the built-in
//   sandbox (its project ID and base URL once it runs) or a Descope project profile. Any other
//   provider (an OIDC issuer, endpoints typed by hand) has no Descope API: hasProject() is false
//   and unavailableReason() says why in plain words, as does a sandbox that is not running.
//   projectChanged() is emitted whenever any of that changes.
// - The clients: client(area) is the area's oidc::descope::DescopeClient for the project. Every
//   area has its own, sending through the app's transport behind an AreaLabelTransport, so each
//   request is labelled "<area> · …" in the Exchange Log and AreaExchangeList shows an area its
//   own requests. The pointer is valid until the next projectChanged(): a new project deletes
//   the clients (deleteLater), and an operation in flight then never answers — so cancel yours in
//   your projectChanged() slot (the client is still alive then; its callback gets NET_CANCELLED).
// - The session: session() is the app's current Descope session. Whenever any area's client
//   keeps a session (a sign-in, a refresh, a step-up), it becomes current here (sessionChanged(),
//   sessionArea() names the area). Read the session from here, never from a client's session():
//   a client only knows its own sign-ins. A logout of the current session's refresh JWT through
//   any client clears it; clearSession() does it by hand. A new project clears it too.
// - Navigation: panels ask, MainWindow acts (it connects the signals): requestSignIn() (the
//   NoSessionNotice button), requestShowExchange() (AreaExchangeList), requestInspect() (SessionView).
// Secrets a person types into a Descope panel stay in that panel's memory; nothing here stores one.

#include "oidc/descope/DescopeClient.h"
#include "oidc/descope/DescopeProject.h"
#include "oidc/descope/DescopeSession.h"

#include <QObject>
#include <QString>
#include <QStringView>

#include <map>
#include <memory>
#include <optional>

namespace sandbox {
class SandboxHost;
}

namespace ui {

class AppContext;
class AreaLabelTransport;

// The Descope areas' names: their requests' labels in the Exchange Log start with "<name> · ".
namespace descope_area {
inline constexpr QStringView kEnchantedLink = u"Enchanted Link";
inline constexpr QStringView kMagicLinkOtp = u"Magic Link, OTP & TOTP";
inline constexpr QStringView kSession = u"Session";
inline constexpr QStringView kStepUp = u"Step-up";
inline constexpr QStringView kM2m = u"M2M";
inline constexpr QStringView kPasskeys = u"Passkeys";
} // namespace descope_area

class DescopeContext final : public QObject {
    Q_OBJECT
public:
    enum class Provider {
        Sandbox,        // the built-in sandbox (a project only while it runs)
        DescopeProject, // a Descope project profile
        NotDescope,     // an OIDC issuer or endpoints typed by hand: no Descope API
    };
    Q_ENUM(Provider)

    explicit DescopeContext(AppContext &app, QObject *parent = nullptr);
    ~DescopeContext() override;

    [[nodiscard]] AppContext &app() const { return m_app; }

    // The provider and its project.
    [[nodiscard]] Provider provider() const { return m_provider; }
    [[nodiscard]] bool isSandbox() const { return m_provider == Provider::Sandbox; }
    [[nodiscard]] bool hasProject() const { return m_project.has_value(); }
    [[nodiscard]] const std::optional<oidc::descope::DescopeProject> &project() const { return m_project; }
    // Plain text: why there is no project now ("The built-in sandbox is starting…"); empty with one.
    [[nodiscard]] QString unavailableReason() const { return m_reason; }
    // Plain text: "Sandbox project P… at http://127.0.0.1:…" or "Descope project P… at https://…".
    [[nodiscard]] QString projectSummary() const;
    // The sandbox host while the sandbox is the provider (its Inbox for PanelInbox), else nullptr.
    [[nodiscard]] sandbox::SandboxHost *sandbox() const;

    // The area's client for the current project, created on first use; nullptr without a project.
    // `area`: one of descope_area.
    [[nodiscard]] oidc::descope::DescopeClient *client(QStringView area);

    // The app's current Descope session.
    [[nodiscard]] const std::optional<oidc::descope::DescopeSession> &session() const { return m_session; }
    [[nodiscard]] bool hasSession() const { return m_session.has_value(); }
    // The area whose client produced it (empty without a session).
    [[nodiscard]] QString sessionArea() const { return m_sessionArea; }
    // Makes `session` current (clients' sessions are adopted without this).
    void setSession(const oidc::descope::DescopeSession &session, QStringView area);
    void clearSession();

public Q_SLOTS:
    void requestSignIn();
    void requestShowExchange(int recordId);
    void requestInspect(const QString &token);

Q_SIGNALS:
    void projectChanged();
    void sessionChanged();
    // For MainWindow: show a sign-in area / the Exchange Log at that record / the JWT inspector.
    void signInRequested();
    void showExchangeRequested(int recordId);
    void inspectRequested(const QString &token);
    // An area's client ended an operation (DescopeClient::actionReported), for File ▸ Start recording.
    void actionReported(const QString &area, const oidc::descope::DescopeActionReport &report);

private:
    struct AreaClient final {
        std::shared_ptr<AreaLabelTransport> transport; // outlives the client (see dropClients)
        oidc::descope::DescopeClient *client = nullptr; // a child of this object
        std::string keptRefreshJwt;                     // the refresh JWT of the session it keeps
    };

    void updateProject();
    void dropClients();
    void clientSessionChanged(const QString &area);

    AppContext &m_app;
    Provider m_provider = Provider::Sandbox;
    std::optional<oidc::descope::DescopeProject> m_project;
    QString m_reason;
    std::map<QString, AreaClient> m_clients;
    std::optional<oidc::descope::DescopeSession> m_session;
    QString m_sessionArea;
};

} // namespace ui
