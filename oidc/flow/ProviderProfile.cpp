#include "ProviderProfile.h"

#include "oidc/workspace/VariableSubstitution.h"

namespace oidc::flow {

namespace {

const char *kindKey(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::Sandbox: return "sandbox";
    case ProviderKind::DescopeProject: return "descope";
    case ProviderKind::OidcIssuer: return "issuer";
    case ProviderKind::Manual: return "manual";
    }
    return "issuer";
}

ProviderKind kindFromKey(const QString &key)
{
    if (key == QLatin1String("sandbox"))
        return ProviderKind::Sandbox;
    if (key == QLatin1String("descope"))
        return ProviderKind::DescopeProject;
    if (key == QLatin1String("manual"))
        return ProviderKind::Manual;
    return ProviderKind::OidcIssuer;
}

// A hand-typed endpoint's QSettings key: "manual/token", as the store has always written it.
QString manualKey(const ManualEndpointField &field)
{
    return QStringLiteral("manual/") + QLatin1String(field.key);
}

} // namespace

QString browserModeKey(BrowserMode mode)
{
    switch (mode) {
    case BrowserMode::Embedded: return QStringLiteral("embedded");
    case BrowserMode::System: return QStringLiteral("system");
    case BrowserMode::PrivateUseScheme: return QStringLiteral("private-use");
    }
    return QStringLiteral("embedded");
}

BrowserMode browserModeFromKey(const QString &key)
{
    if (key == QLatin1String("system"))
        return BrowserMode::System;
    if (key == QLatin1String("private-use"))
        return BrowserMode::PrivateUseScheme;
    return BrowserMode::Embedded;
}

QString providerKindName(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::Sandbox: return QStringLiteral("Sandbox (built-in)");
    case ProviderKind::DescopeProject: return QStringLiteral("Descope project");
    case ProviderKind::OidcIssuer: return QStringLiteral("OIDC issuer");
    case ProviderKind::Manual: return QStringLiteral("Endpoints by hand");
    }
    return {};
}

ProviderMetadata ManualEndpoints::metadata() const
{
    ProviderMetadata metadata;
    metadata.issuer = issuer;
    for (const ManualEndpointField &field : kManualEndpointFields) {
        if (field.endpoint)
            metadata.*field.endpoint = QUrl(this->*field.text);
    }
    return metadata;
}

std::vector<ProviderProfile::UrlField> ProviderProfile::urlFields()
{
    switch (kind) {
    case ProviderKind::OidcIssuer:
        return {{"issuer", &issuer}};
    case ProviderKind::DescopeProject:
        return {{"custom domain", &descopeCustomBase}};
    case ProviderKind::Manual: {
        std::vector<UrlField> fields{{"issuer", &issuer}};
        for (const ManualEndpointField &field : kManualEndpointFields)
            fields.push_back({field.label, &(manualEndpoints.*field.text)});
        return fields;
    }
    case ProviderKind::Sandbox:
        break; // the running sandbox's issuer, never typed
    }
    return {};
}

QString ProviderProfile::effectiveIssuer() const
{
    if (kind == ProviderKind::DescopeProject)
        return descopeIssuer(descopeBaseUrl(descopeProjectId, QUrl(descopeCustomBase)), descopeProjectId);
    if (kind == ProviderKind::Manual)
        return manualEndpoints.issuer.isEmpty() ? issuer : manualEndpoints.issuer;
    return issuer;
}

Result<ProviderSettings> ProviderProfile::providerSettings() const
{
    // A template is never sent: `{{tenant}}` in a host or path would reach the network as typed.
    ProviderProfile copy = *this;
    for (const UrlField &field : copy.urlFields())
        if (const QStringList names = workspace::variablesIn(*field.text); !names.isEmpty())
            return makeError(ErrorCategory::Input, "PROFILE_UNRESOLVED",
                             QStringLiteral("%1: {{%2}} is not substituted (the profile's variables are resolved where it is used)")
                                 .arg(QString::fromLatin1(field.label), names.first())
                                 .toStdString(),
                             {}, names.first().toStdString());
    ProviderSettings settings;
    if (kind == ProviderKind::Manual) {
        settings.kind = ProviderSettings::Kind::Manual;
        settings.manual = manualEndpoints.metadata();
        if (settings.manual.issuer.isEmpty())
            settings.manual.issuer = issuer;
        if (settings.manual.issuer.isEmpty())
            return makeError(ErrorCategory::Input, "PROFILE_INCOMPLETE", "the profile needs an issuer");
        return settings;
    }
    if (kind == ProviderKind::DescopeProject && descopeProjectId.trimmed().isEmpty())
        return makeError(ErrorCategory::Input, "PROFILE_INCOMPLETE", "the profile needs a Descope project ID");
    settings.issuer = effectiveIssuer();
    if (settings.issuer.isEmpty())
        return makeError(ErrorCategory::Input, "PROFILE_INCOMPLETE", "the profile needs an issuer URL");
    return settings;
}

ClientCredentials ProviderProfile::clientCredentials() const
{
    return {clientId, clientSecret, authMethod};
}

QStringList ProviderProfile::warnings() const
{
    QStringList list;
    const QUrl url(effectiveIssuer());
    if (url.scheme() == QLatin1String("http"))
        list << QStringLiteral("Plain http issuer (allowed on loopback only).");
    if (!security.usePkce)
        list << QStringLiteral("PKCE is off.");
    if (browserMode == BrowserMode::PrivateUseScheme && !(security.usePkce && security.pkceMethod == PkceMethod::S256))
        list << QStringLiteral("Private-use scheme without PKCE S256: another app registered for the scheme could redeem the code (RFC 8252 §8.6).");
    else if (security.pkceMethod == PkceMethod::Plain)
        list << QStringLiteral("PKCE method plain.");
    if (!security.useState)
        list << QStringLiteral("No state parameter.");
    if (!security.useNonce)
        list << QStringLiteral("No nonce.");
    if (security.allowUnsignedIdToken)
        list << QStringLiteral("Unsigned ID tokens accepted.");
    if (security.leewaySeconds > 300)
        list << QStringLiteral("Clock leeway above 5 minutes.");
    return list;
}

ProviderProfile sandboxProfile(const QString &issuer, const QString &projectId)
{
    ProviderProfile profile;
    profile.id = QStringLiteral("sandbox");
    profile.name = providerKindName(ProviderKind::Sandbox);
    profile.kind = ProviderKind::Sandbox;
    profile.issuer = issuer;
    profile.descopeProjectId = projectId;
    profile.clientId = projectId; // Descope's public OIDC client is the project ID
    profile.scope = QStringLiteral("openid profile email offline_access");
    return profile;
}

QList<ProviderProfile> ProviderProfileStore::load() const
{
    QList<ProviderProfile> profiles;
    m_settings.beginGroup(QStringLiteral("profiles"));
    for (const QString &id : m_settings.childGroups()) {
        m_settings.beginGroup(id);
        ProviderProfile profile;
        profile.id = id;
        profile.name = m_settings.value(QStringLiteral("name"), id).toString();
        profile.kind = kindFromKey(m_settings.value(QStringLiteral("kind")).toString());
        profile.issuer = m_settings.value(QStringLiteral("issuer")).toString();
        profile.descopeProjectId = m_settings.value(QStringLiteral("descopeProjectId")).toString();
        profile.descopeCustomBase = m_settings.value(QStringLiteral("descopeCustomBase")).toString();
        for (const ManualEndpointField &field : kManualEndpointFields)
            profile.manualEndpoints.*field.text = m_settings.value(manualKey(field)).toString();
        profile.clientId = m_settings.value(QStringLiteral("clientId")).toString();
        profile.authMethod = static_cast<ClientAuthMethod>(m_settings.value(QStringLiteral("authMethod"), 0).toInt());
        profile.scope = m_settings.value(QStringLiteral("scope"), profile.scope).toString();
        profile.browserMode = browserModeFromKey(m_settings.value(QStringLiteral("browserMode")).toString());
        profile.privateUseScheme = m_settings.value(QStringLiteral("privateUseScheme"), profile.privateUseScheme).toString();
        profile.redirectPort = static_cast<quint16>(m_settings.value(QStringLiteral("redirectPort"), 0).toUInt());
        profile.redirectPath = m_settings.value(QStringLiteral("redirectPath"), profile.redirectPath).toString();
        profile.security.usePkce = m_settings.value(QStringLiteral("security/usePkce"), true).toBool();
        profile.security.pkceMethod = m_settings.value(QStringLiteral("security/pkcePlain"), false).toBool() ? PkceMethod::Plain : PkceMethod::S256;
        profile.security.useState = m_settings.value(QStringLiteral("security/useState"), true).toBool();
        profile.security.useNonce = m_settings.value(QStringLiteral("security/useNonce"), true).toBool();
        profile.security.allowUnsignedIdToken = m_settings.value(QStringLiteral("security/allowUnsigned"), false).toBool();
        profile.security.leewaySeconds = m_settings.value(QStringLiteral("security/leeway"), 30).toLongLong();
        m_settings.endGroup();
        profiles.append(profile);
    }
    m_settings.endGroup();
    return profiles;
}

void ProviderProfileStore::save(const ProviderProfile &profile)
{
    m_settings.beginGroup(QStringLiteral("profiles"));
    m_settings.remove(profile.id);
    m_settings.beginGroup(profile.id);
    m_settings.setValue(QStringLiteral("name"), profile.name);
    m_settings.setValue(QStringLiteral("kind"), QString::fromLatin1(kindKey(profile.kind)));
    m_settings.setValue(QStringLiteral("issuer"), profile.issuer);
    m_settings.setValue(QStringLiteral("descopeProjectId"), profile.descopeProjectId);
    m_settings.setValue(QStringLiteral("descopeCustomBase"), profile.descopeCustomBase);
    for (const ManualEndpointField &field : kManualEndpointFields)
        m_settings.setValue(manualKey(field), profile.manualEndpoints.*field.text);
    m_settings.setValue(QStringLiteral("clientId"), profile.clientId);
    m_settings.setValue(QStringLiteral("authMethod"), static_cast<int>(profile.authMethod));
    m_settings.setValue(QStringLiteral("scope"), profile.scope);
    m_settings.setValue(QStringLiteral("browserMode"), browserModeKey(profile.browserMode));
    m_settings.setValue(QStringLiteral("privateUseScheme"), profile.privateUseScheme);
    m_settings.setValue(QStringLiteral("redirectPort"), profile.redirectPort);
    m_settings.setValue(QStringLiteral("redirectPath"), profile.redirectPath);
    m_settings.setValue(QStringLiteral("security/usePkce"), profile.security.usePkce);
    m_settings.setValue(QStringLiteral("security/pkcePlain"), profile.security.pkceMethod == PkceMethod::Plain);
    m_settings.setValue(QStringLiteral("security/useState"), profile.security.useState);
    m_settings.setValue(QStringLiteral("security/useNonce"), profile.security.useNonce);
    m_settings.setValue(QStringLiteral("security/allowUnsigned"), profile.security.allowUnsignedIdToken);
    m_settings.setValue(QStringLiteral("security/leeway"), profile.security.leewaySeconds);
    // The client secret is deliberately not written (DEVELOPERS.md: secrets never in plain text).
    m_settings.endGroup();
    m_settings.endGroup();
    m_settings.sync();
}

void ProviderProfileStore::remove(const QString &id)
{
    m_settings.beginGroup(QStringLiteral("profiles"));
    m_settings.remove(id);
    m_settings.endGroup();
}

QString ProviderProfileStore::lastSelectedId() const
{
    return m_settings.value(QStringLiteral("lastProfile")).toString();
}

void ProviderProfileStore::setLastSelectedId(const QString &id)
{
    m_settings.setValue(QStringLiteral("lastProfile"), id);
}

} // namespace oidc::flow
