#pragma once

// What the whole application shares: one HTTP transport with one exchange log observing it (every
// panel sends through it, so the Exchange Log sees everything), the provider profiles, the
// settings, and the built-in sandbox provider. Everything is created on first use, so start-up
// pays for none of it; the sandbox starts after the main window's first paint, on a thread of its
// own (sandbox::SandboxHost): the GUI thread only draws.

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QSettings;
class QWidget;

namespace oidc::net {
class ExchangeLog;
class HttpTransport;
class QtHttpTransport;
} // namespace oidc::net

namespace oidc::flow {
class RedirectHandOver;
}

namespace sandbox {
class SandboxHost;
}

namespace secrets {
class KeychainSecretStore;
}

namespace ui {

class DescopeContext;
class Preferences;
class ProfileManager;
class RequestTimeoutTransport;
class WorkspaceController;

class AppContext final : public QObject {
    Q_OBJECT
public:
    enum class SandboxState { NotStarted, Starting, Running, Stopped, Failed };
    Q_ENUM(SandboxState)

    struct Options final {
        QString settingsPath;       // an INI file; empty: the user's settings (QSettings defaults)
        QString browserStorageRoot; // empty: <AppDataLocation>/browser
        quint16 sandboxPort = 0;    // 0: any free port on 127.0.0.1
        // Where the default workspace is created. Empty: <AppDataLocation>/workspaces, or beside
        // settingsPath when that is set.
        QString workspaceFolder = {};
        // The keychain service secrets are stored under. Empty: "oidcplay", except with a
        // settingsPath of its own (tests, a portable copy), which never writes to the user's
        // keychain: its secrets stay in memory.
        QString keychainService = {};
    };

    explicit AppContext(QObject *parent = nullptr);
    explicit AppContext(Options options, QObject *parent = nullptr);
    ~AppContext() override;

    [[nodiscard]] oidc::net::HttpTransport &transport();
    [[nodiscard]] oidc::net::ExchangeLog &exchangeLog();
    [[nodiscard]] QSettings &settings();
    // The user's preferences (ui/shell/Preferences.h), in settings(). The transport follows the
    // request timeout; the profiles take the defaults of new profiles from here.
    [[nodiscard]] Preferences &preferences();
    [[nodiscard]] ProfileManager &profiles();
    // The open workspace (ui/workspace/WorkspaceController.h), opened with the profiles: the last
    // one, else the default one. Its secret store holds the profiles' secrets.
    [[nodiscard]] WorkspaceController &workspace();
    // The built-in provider's host, created (not started) on first use. For the Inbox and fault
    // panels too.
    [[nodiscard]] sandbox::SandboxHost *sandbox();
    [[nodiscard]] bool hasSandbox() const { return m_sandbox != nullptr; }
    // The Descope project of the current provider, its clients and the app's current Descope
    // session, shared by the Descope areas (ui/descope/DescopeContext.h). Created on first use.
    [[nodiscard]] DescopeContext &descope();
    // Where redirects to a private-use URI scheme arrive (RFC 8252 §7.1): the single-instance
    // guard (ui::SingleInstance) offers them, the flow page's waits take them. Created on first use.
    [[nodiscard]] oidc::flow::RedirectHandOver &redirectHandOver();

    // Cookies and cache of the embedded browser for one provider profile.
    [[nodiscard]] QString browserStoragePath(const QString &profileId) const;

    [[nodiscard]] SandboxState sandboxState() const { return m_sandboxState; }
    [[nodiscard]] QString sandboxMessage() const { return m_sandboxMessage; } // plain text: URL or error
    void startSandbox();
    void stopSandbox();
    void restartSandbox();
    void resetSandbox();
    // Starts the sandbox once `window` has painted its first frame (start-up is never slowed down).
    void startSandboxAfterFirstPaint(QWidget *window);
    // Holds the keychain's calls (loading its library) until `window` has painted its first frame,
    // then asks whether it answers (the workspace pane's notice). Before workspace(), it holds the
    // reads of the profiles' secrets too.
    void useKeychainAfterFirstPaint(QWidget *window);

Q_SIGNALS:
    void sandboxStateChanged(ui::AppContext::SandboxState state);

private:
    void setSandboxState(SandboxState state, const QString &message);
    void releaseKeychain();

    Options m_options;
    std::unique_ptr<QSettings> m_settings;
    oidc::net::QtHttpTransport *m_transport = nullptr;
    std::unique_ptr<RequestTimeoutTransport> m_timeoutTransport; // in front of m_transport
    Preferences *m_preferences = nullptr;
    oidc::net::ExchangeLog *m_log = nullptr;
    ProfileManager *m_profiles = nullptr;
    WorkspaceController *m_workspace = nullptr;
    secrets::KeychainSecretStore *m_keychain = nullptr; // owned by the workspace's store
    bool m_holdKeychain = false;
    sandbox::SandboxHost *m_sandbox = nullptr; // a child: its destruction joins the sandbox thread
    DescopeContext *m_descope = nullptr;       // a child, destroyed first (its clients use the transport)
    oidc::flow::RedirectHandOver *m_handOver = nullptr;
    SandboxState m_sandboxState = SandboxState::NotStarted;
    QString m_sandboxMessage;
    quint16 m_lastSandboxPort = 0;
    bool m_restartPending = false;
};

} // namespace ui
