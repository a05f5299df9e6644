#include "WorkspaceController.h"

#include "ui/flow/ProfileManager.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Random.h"
#include "oidc/workspace/WorkspaceFile.h"
#include "secrets/FallbackSecretStore.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace ui {

namespace {

const QString kLastKey = QStringLiteral("workspace/last");
const QString kRecentKey = QStringLiteral("workspace/recent");
const QString kMigratedKey = QStringLiteral("workspace/migrated");

} // namespace

WorkspaceController::WorkspaceController(QSettings &settings, ProfileManager &profiles, secrets::FallbackSecretStore &secretStore,
                                         QString folder, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_profiles(profiles)
    , m_secrets(secretStore)
    , m_folder(std::move(folder))
{
    m_profiles.setSecretStore(&m_secrets);
    connect(&m_profiles, &ProfileManager::edited, this, [this] { setDirty(true); });
}

QString WorkspaceController::newWorkspaceId()
{
    // 96 bits: unique among a person's workspaces; it names keychain entries, it guards nothing.
    if (const auto bytes = oidc::crypto::randomBytes(12); bytes.ok())
        return QString::fromStdString(oidc::crypto::base64UrlEncode(*bytes));
    return QString::number(QDateTime::currentMSecsSinceEpoch(), 36);
}

QString WorkspaceController::defaultPath() const
{
    return QDir(m_folder).filePath(QStringLiteral("default.oidcplay.json"));
}

void WorkspaceController::openAtStart()
{
    const QString last = m_settings.value(kLastKey).toString();
    if (!last.isEmpty()) {
        const oidc::Status opened = open(last);
        if (opened.ok())
            return;
        m_startProblem = QStringLiteral("The last workspace (%1) did not open: %2").arg(last, QString::fromStdString(opened.error().message));
    }
    const QString fallback = defaultPath();
    if (QFileInfo::exists(fallback) && open(fallback).ok())
        return;
    // The first start with workspaces: the profiles QSettings held become the default workspace.
    oidc::workspace::Workspace created;
    created.id = newWorkspaceId();
    created.name = QStringLiteral("Default");
    if (!m_settings.value(kMigratedKey).toBool()) {
        oidc::flow::ProviderProfileStore legacy(m_settings);
        created.profiles = legacy.load();
        created.currentProfile = legacy.lastSelectedId();
        m_settings.setValue(kMigratedKey, true);
    }
    QDir().mkpath(m_folder);
    if (oidc::workspace::writeWorkspaceFile(fallback, created).ok()) {
        adopt(created, fallback);
        remember(fallback);
    } else {
        adopt(created, QString()); // unsaved: Save as… says where
        setDirty(true);
    }
}

QString WorkspaceController::displayName() const
{
    if (!m_workspace.name.isEmpty())
        return m_workspace.name;
    if (!m_path.isEmpty())
        return QFileInfo(m_path).fileName();
    return QStringLiteral("Untitled");
}

QStringList WorkspaceController::recent() const
{
    QStringList existing;
    for (const QString &path : m_settings.value(kRecentKey).toStringList())
        if (QFileInfo::exists(path))
            existing << path;
    return existing;
}

oidc::workspace::Workspace WorkspaceController::snapshot() const
{
    oidc::workspace::Workspace workspace = m_workspace;
    workspace.profiles = m_profiles.storedProfiles();
    workspace.currentProfile = m_profiles.currentId();
    // Variables of removed profiles go with them.
    for (auto it = workspace.variables.begin(); it != workspace.variables.end();)
        it = m_profiles.indexOf(it.key()) < 0 ? workspace.variables.erase(it) : std::next(it);
    return workspace;
}

oidc::workspace::VariableScope WorkspaceController::variableScope(const QString &profileId, const QString &redirectUri) const
{
    oidc::workspace::VariableScope scope;
    if (const oidc::flow::ProviderProfile *profile = m_profiles.profile(profileId)) {
        // {{issuer}} is the issuer that is called, not its template.
        const auto resolved = m_profiles.resolved(*profile);
        scope.builtins = oidc::workspace::builtinVariables(resolved ? resolved->profile() : *profile, redirectUri);
    }
    scope.variables = m_workspace.variables.value(profileId);
    return scope;
}

void WorkspaceController::setVariables(const QString &profileId, const QMap<QString, QString> &variables)
{
    if (m_workspace.variables.value(profileId) == variables)
        return;
    if (variables.isEmpty())
        m_workspace.variables.remove(profileId);
    else
        m_workspace.variables.insert(profileId, variables);
    m_profiles.setVariables(m_workspace.variables);
    setDirty(true);
    Q_EMIT variablesChanged();
}

void WorkspaceController::setPresets(const QList<oidc::workspace::AuthorizePreset> &presets)
{
    if (m_workspace.presets == presets)
        return;
    m_workspace.presets = presets;
    setDirty(true);
    Q_EMIT presetsChanged();
}

void WorkspaceController::newWorkspace()
{
    oidc::workspace::Workspace fresh;
    fresh.id = newWorkspaceId();
    adopt(fresh, QString());
}

oidc::Status WorkspaceController::open(const QString &path)
{
    oidc::Result<oidc::workspace::Workspace> read = oidc::workspace::readWorkspaceFile(path);
    if (!read)
        return read.error();
    oidc::workspace::Workspace workspace = std::move(read).value();
    const bool needsId = workspace.id.isEmpty();
    if (needsId)
        workspace.id = newWorkspaceId(); // a hand-written file: saved with its id next time
    const QString absolute = QFileInfo(path).absoluteFilePath();
    adopt(std::move(workspace), absolute);
    remember(absolute);
    if (needsId)
        setDirty(true);
    return {};
}

oidc::Status WorkspaceController::save()
{
    if (m_path.isEmpty())
        return oidc::makeError(oidc::ErrorCategory::Input, "WORKSPACE_NO_PATH", "the workspace has no file yet: save it as…");
    return saveAs(m_path);
}

oidc::Status WorkspaceController::saveAs(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    oidc::workspace::Workspace workspace = snapshot();
    // Saved under another file, a workspace takes that file's name ("acme.oidcplay.json": acme).
    if (workspace.name.isEmpty() || absolute != m_path)
        workspace.name = QFileInfo(absolute).fileName().section(QLatin1Char('.'), 0, 0);
    if (const oidc::Status written = oidc::workspace::writeWorkspaceFile(absolute, workspace); !written.ok())
        return written;
    m_workspace.name = workspace.name;
    m_path = absolute;
    remember(absolute);
    setDirty(false);
    Q_EMIT stateChanged();
    return {};
}

void WorkspaceController::adopt(oidc::workspace::Workspace workspace, const QString &path)
{
    m_profiles.setVariables(workspace.variables); // before the profiles, which are shown resolved
    m_profiles.load(workspace.profiles, workspace.currentProfile, workspace.id);
    workspace.profiles.clear(); // they live in ProfileManager while the workspace is open
    m_workspace = std::move(workspace);
    m_path = path;
    m_dirty = false;
    Q_EMIT stateChanged();
    Q_EMIT opened();
    Q_EMIT variablesChanged();
    Q_EMIT presetsChanged();
}

void WorkspaceController::remember(const QString &path)
{
    QStringList recentPaths = m_settings.value(kRecentKey).toStringList();
    recentPaths.removeAll(path);
    recentPaths.prepend(path);
    while (recentPaths.size() > kMaxRecent)
        recentPaths.removeLast();
    m_settings.setValue(kRecentKey, recentPaths);
    m_settings.setValue(kLastKey, path);
    Q_EMIT recentChanged();
}

void WorkspaceController::setDirty(bool dirty)
{
    if (m_dirty == dirty)
        return;
    m_dirty = dirty;
    Q_EMIT stateChanged();
}

} // namespace ui

#include "moc_WorkspaceController.cpp"
