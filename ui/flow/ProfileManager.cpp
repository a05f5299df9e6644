#include "ProfileManager.h"

#include <QRegularExpression>
#include <QSettings>

namespace ui {

using oidc::flow::ProviderKind;
using oidc::flow::ProviderProfile;

ProfileManager::ProfileManager(QSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_store(settings)
{
    ProviderProfile sandbox = oidc::flow::sandboxProfile(QString(), QString());
    QList<ProviderProfile> others;
    for (ProviderProfile stored : m_store.load()) {
        if (stored.id == sandboxId()) {
            // The user's flow settings for the sandbox; what it is stays fixed.
            stored.kind = ProviderKind::Sandbox;
            stored.name = sandbox.name;
            stored.issuer.clear();
            sandbox = stored;
            m_sandboxStored = true;
        } else if (stored.kind != ProviderKind::Sandbox) {
            others.append(stored);
        }
    }
    m_profiles.append(sandbox);
    m_profiles.append(others);
    const QString last = m_store.lastSelectedId();
    m_currentId = indexOf(last) >= 0 ? last : sandboxId();
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
    m_store.setLastSelectedId(id);
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
    m_store.save(profile);
    Q_EMIT profilesChanged();
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
    m_profiles[i] = updated;
    m_store.save(updated); // the secret is not written
    if (renamed)
        Q_EMIT profilesChanged();
    Q_EMIT profileUpdated(updated.id);
}

bool ProfileManager::remove(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0 || id == sandboxId())
        return false;
    m_profiles.removeAt(i);
    m_store.remove(id);
    Q_EMIT profilesChanged();
    if (m_currentId == id) {
        m_currentId = sandboxId();
        m_store.setLastSelectedId(m_currentId);
        Q_EMIT currentChanged(m_currentId);
    }
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

} // namespace ui
