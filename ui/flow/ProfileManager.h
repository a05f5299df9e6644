#pragma once

// The provider profiles the provider bar offers and the flow page signs in with: the built-in
// sandbox first (its issuer is filled in once it runs), then the user's own profiles. Changes are
// persisted through oidc::flow::ProviderProfileStore (QSettings) at once; client secrets are
// never written — they stay in this object's memory for the session only.

#include "oidc/flow/ProviderProfile.h"

#include <QList>
#include <QObject>
#include <QString>

class QSettings;

namespace ui {

class ProfileManager final : public QObject {
    Q_OBJECT
public:
    static QString sandboxId() { return QStringLiteral("sandbox"); }

    // What a new profile starts with (the Preferences' defaults). The sandbox profile takes them
    // too until the user's own flow settings for it are stored.
    struct Defaults final {
        oidc::flow::BrowserMode browserMode = oidc::flow::BrowserMode::Embedded;
        quint16 redirectPort = 0;
        qint64 leewaySeconds = oidc::flow::SecuritySettings{}.leewaySeconds;
    };

    explicit ProfileManager(QSettings &settings, QObject *parent = nullptr);

    [[nodiscard]] const QList<oidc::flow::ProviderProfile> &profiles() const { return m_profiles; }
    [[nodiscard]] const oidc::flow::ProviderProfile *profile(const QString &id) const;
    [[nodiscard]] int indexOf(const QString &id) const;
    [[nodiscard]] const oidc::flow::ProviderProfile &current() const;
    [[nodiscard]] QString currentId() const { return m_currentId; }
    void setCurrent(const QString &id);

    // Adds a profile under a new id (the given id is ignored) and returns the id.
    QString add(oidc::flow::ProviderProfile profile);
    // Replaces the profile with the same id and saves it (the secret stays in memory).
    void update(const oidc::flow::ProviderProfile &profile);
    // The sandbox profile cannot be removed. False when nothing was removed.
    bool remove(const QString &id);
    // A copy named "<name> (copy)", secret included (in memory). Returns the new id, empty if unknown.
    QString duplicate(const QString &id);

    void setDefaults(const Defaults &defaults);
    // A new profile named `name` with the defaults (not added).
    [[nodiscard]] oidc::flow::ProviderProfile blankProfile(const QString &name) const;

    // The running sandbox's issuer and project (empty when it stopped).
    void setSandboxEndpoint(const QString &issuer, const QString &projectId);

Q_SIGNALS:
    void profilesChanged();                    // added, removed or renamed
    void profileUpdated(const QString &id);    // any field of one profile
    void currentChanged(const QString &id);

private:
    [[nodiscard]] QString newId(const QString &name) const;

    QSettings &m_settings;
    oidc::flow::ProviderProfileStore m_store;
    QList<oidc::flow::ProviderProfile> m_profiles;
    QString m_currentId;
    Defaults m_defaults;
    bool m_sandboxStored = false; // the user's flow settings for the sandbox are in the store
};

} // namespace ui
