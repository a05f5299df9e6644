#include "DescopeContext.h"

#include "ui/AppContext.h"
#include "ui/UiText.h"
#include "ui/descope/AreaLabelTransport.h"
#include "ui/flow/ProfileManager.h"

#include "sandbox/SandboxHost.h"

#include <QUrl>

#include <utility>

namespace ui {

using oidc::descope::DescopeClient;
using oidc::descope::DescopeProject;
using oidc::flow::ProviderKind;

namespace {

bool descopeSameProject(const std::optional<DescopeProject> &a, const std::optional<DescopeProject> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a || (a->projectId() == b->projectId() && a->baseUrl() == b->baseUrl());
}

QString descopeSandboxReason(AppContext::SandboxState state, const QString &message)
{
    switch (state) {
    case AppContext::SandboxState::NotStarted:
    case AppContext::SandboxState::Starting:
        return QStringLiteral("The built-in sandbox is starting…");
    case AppContext::SandboxState::Stopped:
        return QStringLiteral("The built-in sandbox is stopped: restart it in the provider bar.");
    case AppContext::SandboxState::Failed:
        return QStringLiteral("The built-in sandbox could not start: %1").arg(message);
    case AppContext::SandboxState::Running:
        break;
    }
    return {};
}

} // namespace

DescopeContext::DescopeContext(AppContext &app, QObject *parent)
    : QObject(parent)
    , m_app(app)
{
    ProfileManager &profiles = m_app.profiles();
    connect(&profiles, &ProfileManager::currentChanged, this, &DescopeContext::updateProject);
    connect(&profiles, &ProfileManager::profileUpdated, this, [this](const QString &id) {
        if (id == m_app.profiles().currentId())
            updateProject();
    });
    connect(&m_app, &AppContext::sandboxStateChanged, this, &DescopeContext::updateProject);
    updateProject();
}

DescopeContext::~DescopeContext()
{
    dropClients();
}

void DescopeContext::updateProject()
{
    const oidc::flow::ProviderProfile &profile = m_app.profiles().current();
    Provider provider = Provider::NotDescope;
    std::optional<DescopeProject> project;
    QString reason;
    switch (profile.kind) {
    case ProviderKind::Sandbox: {
        provider = Provider::Sandbox;
        const sandbox::SandboxHost *host = m_app.hasSandbox() ? m_app.sandbox() : nullptr;
        if (m_app.sandboxState() != AppContext::SandboxState::Running || !host || !host->isRunning()) {
            reason = descopeSandboxReason(m_app.sandboxState(), m_app.sandboxMessage());
            break;
        }
        auto created = DescopeProject::create(host->projectId(), host->baseUrl());
        if (created)
            project = std::move(created).value();
        else
            reason = QStringLiteral("The sandbox's project is unusable: %1").arg(errorText(created.error()));
        break;
    }
    case ProviderKind::DescopeProject: {
        provider = Provider::DescopeProject;
        // A custom domain may hold `{{variables}}`: the client calls the resolved one.
        const auto resolved = m_app.profiles().resolved(profile);
        if (!resolved) {
            reason = QStringLiteral("The Descope project of “%1” is unusable: %2").arg(profile.name, errorText(resolved.error()));
            break;
        }
        auto created = DescopeProject::create(profile.descopeProjectId, QUrl(resolved->profile().descopeCustomBase));
        if (created)
            project = std::move(created).value();
        else
            reason = QStringLiteral("The Descope project of “%1” is unusable: %2").arg(profile.name, errorText(created.error()));
        break;
    }
    case ProviderKind::OidcIssuer:
    case ProviderKind::Manual:
        reason = QStringLiteral("“%1” is an OpenID Connect provider, not a Descope project: choose the built-in sandbox or a Descope "
                                "project in the provider bar to use this area.")
                     .arg(profile.name);
        break;
    }
    if (provider == m_provider && descopeSameProject(project, m_project) && reason == m_reason)
        return;
    const bool projectReplaced = !descopeSameProject(project, m_project);
    m_provider = provider;
    m_reason = reason;
    if (projectReplaced) {
        // A session belongs to its project; clients talk to theirs.
        dropClients();
        m_project = std::move(project);
        if (m_session) {
            m_session.reset();
            m_sessionArea.clear();
            Q_EMIT sessionChanged();
        }
    }
    Q_EMIT projectChanged();
}

void DescopeContext::dropClients()
{
    for (auto &[area, entry] : m_clients) {
        // The transport lives until the client is gone: a client may be deleted later than now
        // (deleteLater), and its requests are sent through the transport until then.
        DescopeClient *client = entry.client;
        client->disconnect(this);
        connect(client, &QObject::destroyed, [transport = entry.transport] { (void)transport; });
        client->deleteLater();
    }
    m_clients.clear();
}

QString DescopeContext::projectSummary() const
{
    if (!m_project)
        return m_reason;
    const QString kind = isSandbox() ? QStringLiteral("Sandbox project") : QStringLiteral("Descope project");
    return QStringLiteral("%1 %2 at %3").arg(kind, m_project->projectId(), m_project->baseUrl().toString());
}

sandbox::SandboxHost *DescopeContext::sandbox() const
{
    return isSandbox() ? m_app.sandbox() : nullptr;
}

DescopeClient *DescopeContext::client(QStringView area)
{
    if (!m_project)
        return nullptr;
    const QString name = area.toString();
    if (const auto found = m_clients.find(name); found != m_clients.end())
        return found->second.client;
    AreaClient entry;
    entry.transport = std::make_shared<AreaLabelTransport>(m_app.transport(), name);
    entry.client = new DescopeClient(*entry.transport, *m_project, this);
    connect(entry.client, &DescopeClient::sessionChanged, this, [this, name] { clientSessionChanged(name); });
    connect(entry.client, &DescopeClient::actionReported, this,
            [this, name](const oidc::descope::DescopeActionReport &report) { Q_EMIT actionReported(name, report); });
    return m_clients.emplace(name, std::move(entry)).first->second.client;
}

void DescopeContext::clientSessionChanged(const QString &area)
{
    const auto found = m_clients.find(area);
    if (found == m_clients.end())
        return;
    AreaClient &entry = found->second;
    const auto &kept = entry.client->session();
    if (kept) {
        entry.keptRefreshJwt = kept->refreshJwt;
        setSession(*kept, area);
        return;
    }
    // The client dropped its session (a logout of it): the current one goes too when it is the same.
    const std::string dropped = std::exchange(entry.keptRefreshJwt, std::string());
    if (m_session && !dropped.empty() && m_session->refreshJwt == dropped)
        clearSession();
}

void DescopeContext::setSession(const oidc::descope::DescopeSession &session, QStringView area)
{
    if (m_session && m_session->sessionJwt == session.sessionJwt && m_session->refreshJwt == session.refreshJwt)
        return;
    m_session = session;
    m_sessionArea = area.toString();
    Q_EMIT sessionChanged();
}

void DescopeContext::clearSession()
{
    if (!m_session)
        return;
    m_session.reset();
    m_sessionArea.clear();
    Q_EMIT sessionChanged();
}

void DescopeContext::requestSignIn()
{
    Q_EMIT signInRequested();
}

void DescopeContext::requestShowExchange(int recordId)
{
    Q_EMIT showExchangeRequested(recordId);
}

void DescopeContext::requestInspect(const QString &token)
{
    Q_EMIT inspectRequested(token);
}

} // namespace ui

#include "moc_DescopeContext.cpp"
