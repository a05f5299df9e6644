#include "ProfileManager.h"

#include "oidc/flow/ProfileJson.h"
#include "secrets/SecretKey.h"
#include "secrets/SecretStore.h"

#include <QRegularExpression>

#include <utility>

namespace ui {

using oidc::flow::ProviderKind;
using oidc::flow::ProviderProfile;

ProfileManager::ProfileManager(QObject *parent)
    : QObject(parent)
{
    m_profiles.append(oidc::flow::sandboxProfile(QString(), QString()));
    m_currentId = sandboxId();
}

void ProfileManager::load(const QList<ProviderProfile> &profiles, const QString &currentId, const QString &workspaceId)
{
    const ProviderProfile running = m_profiles.first(); // the sandbox's issuer and project, if it runs
    ProviderProfile sandbox = oidc::flow::sandboxProfile(QString(), QString());
    sandbox.browserMode = m_defaults.browserMode;
    sandbox.redirectPort = m_defaults.redirectPort;
    sandbox.security.leewaySeconds = m_defaults.leewaySeconds;
    m_sandboxStored = false;
    QList<ProviderProfile> others;
    for (ProviderProfile stored : profiles) {
        stored.clientSecret.clear(); // from the secret store only
        if (stored.id == sandboxId()) {
            // The user's flow settings for the sandbox; what it is stays fixed.
            stored.kind = ProviderKind::Sandbox;
            stored.name = sandbox.name;
            sandbox = stored;
            m_sandboxStored = true;
        } else if (stored.kind != ProviderKind::Sandbox && !stored.id.isEmpty()) {
            others.append(stored);
        }
    }
    sandbox.issuer = running.issuer;
    sandbox.descopeProjectId = running.descopeProjectId;
    if (sandbox.clientId.isEmpty())
        sandbox.clientId = running.descopeProjectId;
    m_profiles = {sandbox};
    m_profiles.append(others);
    m_workspaceId = workspaceId;
    const QString previous = m_currentId;
    m_currentId = indexOf(currentId) >= 0 ? currentId : sandboxId();
    Q_EMIT profilesChanged();
    for (const ProviderProfile &profile : std::as_const(m_profiles))
        Q_EMIT profileUpdated(profile.id);
    Q_EMIT currentChanged(m_currentId);
    loadSecrets();
}

QList<ProviderProfile> ProfileManager::storedProfiles() const
{
    QList<ProviderProfile> stored;
    for (ProviderProfile profile : m_profiles) {
        if (profile.id == sandboxId()) {
            if (!m_sandboxStored)
                continue;
            profile.issuer.clear(); // the running sandbox's, not the user's
            profile.descopeProjectId.clear();
            profile.clientId.clear();
        }
        profile.clientSecret.clear();
        stored.append(profile);
    }
    return stored;
}

void ProfileManager::setSecretStore(secrets::SecretStore *store)
{
    m_secrets = store;
}

void ProfileManager::storeSecret(const QString &id, const QString &secret)
{
    if (!m_secrets || m_workspaceId.isEmpty())
        return;
    const QString key = secrets::secretKey(m_workspaceId, id, secrets::kClientSecret);
    if (secret.isEmpty())
        m_secrets->remove(key, this, {});
    else
        m_secrets->write(key, secret, this, {});
}

void ProfileManager::loadSecrets()
{
    const quint64 generation = ++m_loadGeneration;
    if (!m_secrets || m_workspaceId.isEmpty())
        return;
    for (const ProviderProfile &profile : std::as_const(m_profiles)) {
        const QString id = profile.id;
        m_secrets->read(secrets::secretKey(m_workspaceId, id, secrets::kClientSecret), this,
                        [this, id, generation](const secrets::SecretAnswer &answer) {
                            const int i = indexOf(id);
                            // A later workspace, or a secret typed meanwhile, wins over this answer.
                            if (generation != m_loadGeneration || i < 0 || answer.outcome != secrets::SecretAnswer::Outcome::Ok
                                || !m_profiles.at(i).clientSecret.isEmpty())
                                return;
                            m_profiles[i].clientSecret = answer.value;
                            Q_EMIT profileUpdated(id);
                        });
    }
}

void ProfileManager::setDefaults(const Defaults &defaults)
{
    m_defaults = defaults;
    if (m_sandboxStored)
        return;
    ProviderProfile &sandbox = m_profiles.first();
    if (sandbox.browserMode == defaults.browserMode && sandbox.redirectPort == defaults.redirectPort
        && sandbox.security.leewaySeconds == defaults.leewaySeconds)
        return;
    sandbox.browserMode = defaults.browserMode;
    sandbox.redirectPort = defaults.redirectPort;
    sandbox.security.leewaySeconds = defaults.leewaySeconds;
    Q_EMIT profileUpdated(sandboxId());
}

ProviderProfile ProfileManager::blankProfile(const QString &name) const
{
    ProviderProfile profile;
    profile.name = name;
    profile.kind = ProviderKind::OidcIssuer;
    profile.browserMode = m_defaults.browserMode;
    profile.redirectPort = m_defaults.redirectPort;
    profile.security.leewaySeconds = m_defaults.leewaySeconds;
    return profile;
}

const ProviderProfile *ProfileManager::profile(const QString &id) const
{
    const int i = indexOf(id);
    return i < 0 ? nullptr : &m_profiles.at(i);
}

int ProfileManager::indexOf(const QString &id) const
{
    for (int i = 0; i < m_profiles.size(); ++i)
        if (m_profiles.at(i).id == id)
            return i;
    return -1;
}

const ProviderProfile &ProfileManager::current() const
{
    const int i = indexOf(m_currentId);
    return m_profiles.at(i < 0 ? 0 : i);
}

void ProfileManager::setCurrent(const QString &id)
{
    if (id == m_currentId || indexOf(id) < 0)
        return;
    m_currentId = id;
    Q_EMIT currentChanged(id);
}

QString ProfileManager::newId(const QString &name) const
{
    QString base = name.toLower();
    base.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    base = base.mid(0, 32);
    while (base.startsWith(QLatin1Char('-')))
        base.remove(0, 1);
    while (base.endsWith(QLatin1Char('-')))
        base.chop(1);
    if (base.isEmpty() || base == sandboxId())
        base = QStringLiteral("profile");
    QString id = base;
    for (int n = 2; indexOf(id) >= 0; ++n)
        id = base + QLatin1Char('-') + QString::number(n);
    return id;
}

QString ProfileManager::add(ProviderProfile profile)
{
    if (profile.kind == ProviderKind::Sandbox)
        profile.kind = ProviderKind::OidcIssuer; // there is one sandbox
    if (profile.name.trimmed().isEmpty())
        profile.name = QStringLiteral("New profile");
    profile.id = newId(profile.name);
    m_profiles.append(profile);
    storeSecret(profile.id, profile.clientSecret);
    Q_EMIT profilesChanged();
    Q_EMIT edited();
    return profile.id;
}

void ProfileManager::update(const ProviderProfile &profile)
{
    const int i = indexOf(profile.id);
    if (i < 0)
        return;
    ProviderProfile updated = profile;
    if (updated.id == sandboxId()) {
        updated.kind = ProviderKind::Sandbox;
        updated.name = m_profiles.at(i).name;
        updated.issuer = m_profiles.at(i).issuer; // set by the running sandbox only
        m_sandboxStored = true;
    } else if (updated.kind == ProviderKind::Sandbox) {
        updated.kind = ProviderKind::OidcIssuer;
    }
    const bool renamed = m_profiles.at(i).name != updated.name;
    const bool newSecret = m_profiles.at(i).clientSecret != updated.clientSecret;
    const bool changed = oidc::flow::profileToJson(m_profiles.at(i)) != oidc::flow::profileToJson(updated);
    m_profiles[i] = updated;
    if (newSecret)
        storeSecret(updated.id, updated.clientSecret);
    if (renamed)
        Q_EMIT profilesChanged();
    Q_EMIT profileUpdated(updated.id);
    if (changed)
        Q_EMIT edited(); // a secret is not part of the workspace: typing one changes no file
}

bool ProfileManager::remove(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0 || id == sandboxId())
        return false;
    m_profiles.removeAt(i);
    storeSecret(id, QString());
    Q_EMIT profilesChanged();
    if (m_currentId == id) {
        m_currentId = sandboxId();
        Q_EMIT currentChanged(m_currentId);
    }
    Q_EMIT edited();
    return true;
}

QString ProfileManager::duplicate(const QString &id)
{
    const ProviderProfile *source = profile(id);
    if (!source)
        return {};
    ProviderProfile copy = *source;
    copy.name = source->name + QStringLiteral(" (copy)");
    if (copy.kind == ProviderKind::Sandbox) {
        // A copy of the sandbox profile is an ordinary issuer profile pointing at it.
        copy.kind = ProviderKind::OidcIssuer;
        copy.name = QStringLiteral("Sandbox issuer (copy)");
    }
    return add(copy);
}

void ProfileManager::setSandboxEndpoint(const QString &issuer, const QString &projectId)
{
    const int i = indexOf(sandboxId());
    if (i < 0)
        return;
    ProviderProfile &sandbox = m_profiles[i];
    if (sandbox.issuer == issuer && sandbox.descopeProjectId == projectId)
        return;
    sandbox.issuer = issuer;
    if (!projectId.isEmpty()) {
        sandbox.descopeProjectId = projectId;
        if (sandbox.clientId.isEmpty())
            sandbox.clientId = projectId; // Descope's public OIDC client is the project ID
    }
    Q_EMIT profileUpdated(sandbox.id);
}

void ProfileManager::setVariables(const QMap<QString, QMap<QString, QString>> &variables)
{
    if (variables == m_variables)
        return;
    const QMap<QString, QMap<QString, QString>> old = std::exchange(m_variables, variables);
    for (const ProviderProfile &profile : std::as_const(m_profiles))
        if (old.value(profile.id) != m_variables.value(profile.id))
            Q_EMIT profileUpdated(profile.id);
}

oidc::Result<oidc::workspace::ResolvedProfile> ProfileManager::resolved(const QString &id) const
{
    const ProviderProfile *stored = profile(id);
    if (!stored)
        return oidc::makeError(oidc::ErrorCategory::Input, "PROFILE_UNKNOWN", "no profile " + id.toStdString());
    return resolved(*stored);
}

oidc::Result<oidc::workspace::ResolvedProfile> ProfileManager::resolved(const ProviderProfile &profile) const
{
    return oidc::workspace::resolveProfile(profile, m_variables.value(profile.id));
}

} // namespace ui

#include "moc_ProfileManager.cpp"
