#include "AppContext.h"

#include "ui/FirstPaintWatcher.h"
#include "ui/descope/DescopeContext.h"
#include "ui/flow/ProfileManager.h"
#include "ui/workspace/WorkspaceController.h"
#include "ui/shell/Preferences.h"
#include "ui/shell/RequestTimeoutTransport.h"

#include "oidc/flow/RedirectHandOver.h"
#include "oidc/net/ExchangeLog.h"
#include "oidc/net/QtHttpTransport.h"
#include "sandbox/SandboxHost.h"
#include "secrets/FallbackSecretStore.h"
#include "secrets/KeychainSecretStore.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>

namespace ui {

AppContext::AppContext(QObject *parent)
    : AppContext(Options{}, parent)
{
}

AppContext::AppContext(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

AppContext::~AppContext()
{
    // Before the transport, which its clients' requests go through.
    delete m_descope;
}

oidc::net::HttpTransport &AppContext::transport()
{
    if (!m_transport) {
        m_transport = new oidc::net::QtHttpTransport(this);
        m_log = m_log ? m_log : new oidc::net::ExchangeLog(this);
        m_log->attach(*m_transport);
        m_timeoutTransport = std::make_unique<RequestTimeoutTransport>(*m_transport);
        Preferences &prefs = preferences();
        const auto applyTimeout = [this, &prefs] { m_timeoutTransport->setTimeoutMs(prefs.requestTimeoutSeconds() * 1000); };
        applyTimeout();
        connect(&prefs, &Preferences::changed, this, [applyTimeout](Preferences::Key key) {
            if (key == Preferences::Key::RequestTimeout)
                applyTimeout();
        });
    }
    return *m_timeoutTransport;
}

Preferences &AppContext::preferences()
{
    if (!m_preferences)
        m_preferences = new Preferences(settings(), this);
    return *m_preferences;
}

oidc::net::ExchangeLog &AppContext::exchangeLog()
{
    if (!m_log)
        (void)transport();
    return *m_log;
}

QSettings &AppContext::settings()
{
    if (!m_settings) {
        if (m_options.settingsPath.isEmpty())
            m_settings = std::make_unique<QSettings>();
        else
            m_settings = std::make_unique<QSettings>(m_options.settingsPath, QSettings::IniFormat);
    }
    return *m_settings;
}

ProfileManager &AppContext::profiles()
{
    if (!m_profiles) {
        m_profiles = new ProfileManager(this);
        // New profiles (and the sandbox's until the user sets its own) start from the preferences.
        Preferences &prefs = preferences();
        const auto applyDefaults = [this, &prefs] {
            m_profiles->setDefaults({.browserMode = prefs.browserMode(),
                                     .redirectPort = prefs.redirectPort(),
                                     .leewaySeconds = prefs.clockLeewaySeconds()});
        };
        applyDefaults();
        connect(&prefs, &Preferences::changed, m_profiles, [applyDefaults](Preferences::Key key) {
            if (key == Preferences::Key::BrowserMode || key == Preferences::Key::RedirectPort || key == Preferences::Key::ClockLeeway)
                applyDefaults();
        });
        (void)workspace(); // the profiles come from the open workspace
    }
    return *m_profiles;
}

WorkspaceController &AppContext::workspace()
{
    ProfileManager &manager = profiles();
    if (!m_workspace) {
        QString service = m_options.keychainService;
        if (service.isEmpty() && m_options.settingsPath.isEmpty())
            service = QStringLiteral("oidcplay");
        std::unique_ptr<secrets::SecretStore> keychain;
        if (!service.isEmpty()) {
            auto store = std::make_unique<secrets::KeychainSecretStore>(service);
            m_keychain = store.get();
            if (m_holdKeychain)
                m_keychain->hold();
            keychain = std::move(store);
        }
        auto *store = new secrets::FallbackSecretStore(std::move(keychain), this);
        QString folder = m_options.workspaceFolder;
        if (folder.isEmpty())
            folder = m_options.settingsPath.isEmpty()
                ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/workspaces")
                : QFileInfo(m_options.settingsPath).absoluteDir().filePath(QStringLiteral("workspaces"));
        m_workspace = new WorkspaceController(settings(), manager, *store, folder, this);
        m_workspace->openAtStart();
    }
    return *m_workspace;
}

DescopeContext &AppContext::descope()
{
    if (!m_descope)
        m_descope = new DescopeContext(*this, this);
    return *m_descope;
}

oidc::flow::RedirectHandOver &AppContext::redirectHandOver()
{
    if (!m_handOver)
        m_handOver = new oidc::flow::RedirectHandOver(this);
    return *m_handOver;
}

QString AppContext::browserStoragePath(const QString &profileId) const
{
    QString root = m_options.browserStorageRoot;
    if (root.isEmpty())
        root = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/browser");
    // Profile ids are slugs ([a-z0-9-]); anything else is dropped so the path stays inside root.
    QString safe;
    for (const QChar c : profileId)
        if (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_'))
            safe += c;
    return QDir(root).filePath(safe.isEmpty() ? QStringLiteral("default") : safe);
}

sandbox::SandboxHost *AppContext::sandbox()
{
    if (!m_sandbox) {
        m_sandbox = new sandbox::SandboxHost({}, this);
        connect(m_sandbox, &sandbox::SandboxHost::started, this, [this](const QUrl &baseUrl) {
            m_lastSandboxPort = static_cast<quint16>(baseUrl.port());
            profiles().setSandboxEndpoint(m_sandbox->issuer(), m_sandbox->projectId());
            setSandboxState(SandboxState::Running, baseUrl.toString());
        });
        connect(m_sandbox, &sandbox::SandboxHost::startFailed, this, [this](const QString &message) {
            if (m_restartPending && m_lastSandboxPort != 0) {
                // The old port is taken now: any free port will do (the issuer changes).
                m_restartPending = false;
                m_lastSandboxPort = 0;
                m_sandbox->start(0);
                return;
            }
            m_restartPending = false;
            setSandboxState(SandboxState::Failed, message);
        });
        connect(m_sandbox, &sandbox::SandboxHost::stopped, this, [this] {
            if (m_sandboxState == SandboxState::Running || m_sandboxState == SandboxState::Starting)
                setSandboxState(SandboxState::Stopped, QStringLiteral("stopped"));
        });
    }
    return m_sandbox;
}

void AppContext::setSandboxState(SandboxState state, const QString &message)
{
    m_sandboxState = state;
    m_sandboxMessage = message;
    if (state == SandboxState::Running)
        m_restartPending = false;
    if (state == SandboxState::Stopped || state == SandboxState::Failed)
        profiles().setSandboxEndpoint(QString(), QString());
    Q_EMIT sandboxStateChanged(state);
}

void AppContext::startSandbox()
{
    if (m_sandboxState == SandboxState::Starting || m_sandboxState == SandboxState::Running)
        return;
    sandbox::SandboxHost *host = sandbox();
    setSandboxState(SandboxState::Starting, QStringLiteral("generating the signing key…"));
    const quint16 port = m_lastSandboxPort ? m_lastSandboxPort : m_options.sandboxPort;
    m_restartPending = m_lastSandboxPort != 0;
    host->start(port);
}

void AppContext::stopSandbox()
{
    if (!m_sandbox || m_sandboxState != SandboxState::Running)
        return;
    m_sandbox->stop();
    if (m_sandboxState != SandboxState::Stopped)
        setSandboxState(SandboxState::Stopped, QStringLiteral("stopped"));
}

void AppContext::restartSandbox()
{
    if (m_sandboxState == SandboxState::Starting)
        return;
    if (m_sandbox && m_sandboxState == SandboxState::Running) {
        m_sandbox->stop();
        setSandboxState(SandboxState::Stopped, QStringLiteral("restarting"));
    }
    startSandbox();
}

void AppContext::resetSandbox()
{
    if (!m_sandbox)
        return;
    m_sandbox->reset();
    Q_EMIT sandboxStateChanged(m_sandboxState);
}

void AppContext::useKeychainAfterFirstPaint(QWidget *window)
{
    m_holdKeychain = true;
    if (m_keychain)
        m_keychain->hold();
    // The fallback releases it anyway when the window never paints (minimised, hidden), and a window
    // closed before its first frame releases it for the app's other windows.
    new FirstPaintWatcher(window, [context = QPointer<AppContext>(this)] {
        if (!context)
            return;
        context->releaseKeychain();
        context->workspace().secretStore().probe();
    }, std::chrono::seconds(3));
    connect(window, &QObject::destroyed, this, &AppContext::releaseKeychain);
}

void AppContext::releaseKeychain()
{
    m_holdKeychain = false;
    if (m_keychain && m_keychain->isHeld())
        m_keychain->release();
}

void AppContext::startSandboxAfterFirstPaint(QWidget *window)
{
    if (!window) {
        startSandbox();
        return;
    }
    // The fallback starts it anyway when the window never paints (minimised, hidden).
    new FirstPaintWatcher(window, [context = QPointer<AppContext>(this)] {
        if (context)
            context->startSandbox();
    }, std::chrono::seconds(3));
}

} // namespace ui

#include "moc_AppContext.cpp"
