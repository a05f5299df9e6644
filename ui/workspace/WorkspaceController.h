#pragma once

// The open workspace (oidc/workspace): its file, its unsaved changes, the recent list, and the
// first one at start. The profiles live in ProfileManager while the workspace is open (it loads
// them there and saves what it holds); the secrets in the app's secret store (secrets/), under
// the workspace's id — never in the file.
//
// QSettings keeps only where workspaces are: "workspace/last" (reopened at start), "workspace/
// recent" (most recent first, at most kMaxRecent, files that still exist) and "workspace/
// migrated". The first start with workspaces creates "default.oidcplay.json" in the workspace
// folder from the profiles QSettings held before (once; the old entries are left where they were).
//
// A file that cannot be opened is refused with its categorised error and changes nothing: the
// open workspace, its unsaved changes and its secrets stay.

#include "oidc/Result.h"
#include "oidc/workspace/VariableSubstitution.h"
#include "oidc/workspace/Workspace.h"

#include <QObject>
#include <QString>
#include <QStringList>

class QSettings;

namespace secrets {
class FallbackSecretStore;
}

namespace ui {

class ProfileManager;

class WorkspaceController final : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxRecent = 8;

    // `folder`: where the default workspace is created.
    WorkspaceController(QSettings &settings, ProfileManager &profiles, secrets::FallbackSecretStore &secretStore, QString folder,
                        QObject *parent = nullptr);

    // The last workspace, else the default one (created, with the old profiles, if missing).
    void openAtStart();
    // Why the last workspace did not reopen at start (empty when it did).
    [[nodiscard]] QString startProblem() const { return m_startProblem; }

    [[nodiscard]] QString path() const { return m_path; } // empty: not saved yet
    [[nodiscard]] QString id() const { return m_workspace.id; } // the secrets' namespace
    [[nodiscard]] QString displayName() const;            // the name, the file's name, or "Untitled"
    [[nodiscard]] bool isDirty() const { return m_dirty; }
    [[nodiscard]] QStringList recent() const;
    [[nodiscard]] QString defaultPath() const;
    // The workspace as it would be saved now.
    [[nodiscard]] oidc::workspace::Workspace snapshot() const;
    // `{{name}}` for a profile: its built-ins and the workspace's variables for it.
    [[nodiscard]] oidc::workspace::VariableScope variableScope(const QString &profileId, const QString &redirectUri = {}) const;
    [[nodiscard]] QMap<QString, QString> variables(const QString &profileId) const { return m_workspace.variables.value(profileId); }
    void setVariables(const QString &profileId, const QMap<QString, QString> &variables);
    [[nodiscard]] const QList<oidc::workspace::AuthorizePreset> &presets() const { return m_workspace.presets; }
    void setPresets(const QList<oidc::workspace::AuthorizePreset> &presets);

    // An untitled workspace with the sandbox only. The caller asked about unsaved changes.
    void newWorkspace();
    // Opens `path`; on an error nothing changes.
    [[nodiscard]] oidc::Status open(const QString &path);
    // To path(); INPUT WORKSPACE_NO_PATH when it has none (Save as… then).
    [[nodiscard]] oidc::Status save();
    // To `path`, which becomes the workspace's file; another file than its own gives it that name.
    [[nodiscard]] oidc::Status saveAs(const QString &path);

    [[nodiscard]] secrets::FallbackSecretStore &secretStore() { return m_secrets; }
    [[nodiscard]] const ProfileManager &profiles() const { return m_profiles; }

Q_SIGNALS:
    void stateChanged(); // path, name or unsaved changes
    void recentChanged();
    void opened();           // another workspace (new or opened): its id, profiles, presets, variables
    void variablesChanged(); // set, or another workspace
    void presetsChanged();   // set, or another workspace

private:
    void adopt(oidc::workspace::Workspace workspace, const QString &path);
    void remember(const QString &path);
    void setDirty(bool dirty);
    [[nodiscard]] static QString newWorkspaceId();

    QSettings &m_settings;
    ProfileManager &m_profiles;
    secrets::FallbackSecretStore &m_secrets;
    QString m_folder;
    oidc::workspace::Workspace m_workspace; // id, name, presets, variables (profiles: ProfileManager)
    QString m_path;
    bool m_dirty = false;
    QString m_startProblem;
};

} // namespace ui
