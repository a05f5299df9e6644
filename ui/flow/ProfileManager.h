#pragma once

// The provider profiles the provider bar offers and the flow page signs in with: the built-in
// sandbox first (its issuer is filled in once it runs), then the user's own profiles. They belong
// to the open workspace (ui/workspace/WorkspaceController.h), which loads them here and saves
// what storedProfiles() returns; every change a person makes emits edited(), so the workspace
// knows it has unsaved changes. Client secrets never go to the workspace: with a secret store
// (secrets/), a typed secret is written there under the workspace's and the profile's key, and
// the secrets of a loaded workspace are read from it asynchronously (profileUpdated() when one
// arrives); without one they stay in this object's memory.

#include "oidc/flow/ProviderProfile.h"
#include "oidc/workspace/ResolvedProfile.h"

#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>

namespace secrets {
class SecretStore;
}

namespace ui {

class ProfileManager final : public QObject {
    Q_OBJECT
public:
    static QString sandboxId() { return QStringLiteral("sandbox"); }
    // Where a profile's client secret is kept, as the profile editor and the flow settings say it.
    static QString secretStorageNote()
    {
        return QStringLiteral("Kept in the OS keychain (in memory when none answers) — never in the workspace file.");
    }

    // What a new profile starts with (the Preferences' defaults). The sandbox profile takes them
    // too until the user's own flow settings for it are stored.
    struct Defaults final {
        oidc::flow::BrowserMode browserMode = oidc::flow::BrowserMode::Embedded;
        quint16 redirectPort = 0;
        qint64 leewaySeconds = oidc::flow::SecuritySettings{}.leewaySeconds;
    };

    explicit ProfileManager(QObject *parent = nullptr);

    [[nodiscard]] const QList<oidc::flow::ProviderProfile> &profiles() const { return m_profiles; }
    [[nodiscard]] const oidc::flow::ProviderProfile *profile(const QString &id) const;
    [[nodiscard]] int indexOf(const QString &id) const;
    [[nodiscard]] const oidc::flow::ProviderProfile &current() const;
    [[nodiscard]] QString currentId() const { return m_currentId; }
    void setCurrent(const QString &id);

    // Adds a profile under a new id (the given id is ignored) and returns the id.
    QString add(oidc::flow::ProviderProfile profile);
    // Replaces the profile with the same id (a changed secret goes to the secret store).
    void update(const oidc::flow::ProviderProfile &profile);
    // The sandbox profile cannot be removed. False when nothing was removed.
    bool remove(const QString &id);
    // A copy named "<name> (copy)", secret included. Returns the new id, empty if unknown.
    QString duplicate(const QString &id);

    void setDefaults(const Defaults &defaults);
    // A new profile named `name` with the defaults (not added).
    [[nodiscard]] oidc::flow::ProviderProfile blankProfile(const QString &name) const;

    // The running sandbox's issuer and project (empty when it stopped).
    void setSandboxEndpoint(const QString &issuer, const QString &projectId);

    // A workspace's profiles replace these (a stored "sandbox" profile carries the user's flow
    // settings for the sandbox); `currentId` is selected when it exists. Secrets are then read
    // from the store under `workspaceId`. Not an edit.
    void load(const QList<oidc::flow::ProviderProfile> &profiles, const QString &currentId, const QString &workspaceId);
    // What a workspace saves: the user's profiles, and the sandbox's once its settings were changed.
    [[nodiscard]] QList<oidc::flow::ProviderProfile> storedProfiles() const;
    // The open workspace's `{{name}}` variables per profile id (WorkspaceController keeps them in
    // step); profileUpdated() for each profile whose variables changed.
    void setVariables(const QMap<QString, QMap<QString, QString>> &variables);
    [[nodiscard]] QMap<QString, QString> variables(const QString &id) const { return m_variables.value(id); }
    // A profile as it is used: its URL fields with their variables substituted, by the core's
    // resolveProfile. The stored profile keeps the templates. Unknown id: INPUT PROFILE_UNKNOWN.
    [[nodiscard]] oidc::Result<oidc::workspace::ResolvedProfile> resolved(const QString &id) const;
    [[nodiscard]] oidc::Result<oidc::workspace::ResolvedProfile> resolved(const oidc::flow::ProviderProfile &profile) const;
    // Where secrets go (not owned; nullptr: memory only).
    void setSecretStore(secrets::SecretStore *store);

Q_SIGNALS:
    void profilesChanged();                    // added, removed or renamed
    void profileUpdated(const QString &id);    // any field of one profile
    void currentChanged(const QString &id);
    void edited();                             // a person changed the profiles (unsaved changes)

private:
    [[nodiscard]] QString newId(const QString &name) const;
    void storeSecret(const QString &id, const QString &secret);
    void loadSecrets();

    QList<oidc::flow::ProviderProfile> m_profiles;
    QMap<QString, QMap<QString, QString>> m_variables;
    QString m_currentId;
    Defaults m_defaults;
    bool m_sandboxStored = false; // the user's flow settings for the sandbox are in the workspace
    QPointer<secrets::SecretStore> m_secrets;
    QString m_workspaceId;
    quint64 m_loadGeneration = 0; // secrets read for an earlier workspace are dropped
};

} // namespace ui
