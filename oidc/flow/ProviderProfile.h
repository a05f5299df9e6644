#pragma once

// Provider profiles: what the provider bar lists and the flow page signs in with. Persisted with
// QSettings; secrets are never written (they stay in memory until the keychain holds them).

#include "oidc/flow/FlowSession.h"
#include "oidc/flow/PrivateUseScheme.h"

#include <QList>
#include <QSettings>
#include <QString>
#include <QUrl>

#include <vector>

namespace oidc::flow {

enum class ProviderKind {
    Sandbox,        // the built-in provider (its issuer is known once it runs)
    DescopeProject, // project ID → base URL (regional rule) → <base>/<projectId>
    OidcIssuer,     // any issuer, through discovery
    Manual,         // endpoints typed by hand
};

[[nodiscard]] QString providerKindName(ProviderKind kind);

// How the authorization response comes back (the flow page explains the trade-offs):
// Embedded: the app's own browser intercepts the redirect (RFC 8252 §8.12: not for real logins);
// System: the system browser and a loopback listener on 127.0.0.1 (§7.3);
// PrivateUseScheme: the system browser and "<scheme>:/callback", which the desktop hands to the
// app registered for the scheme (§7.1; another app may claim it too, §8.6: PKCE is essential).
enum class BrowserMode { Embedded, System, PrivateUseScheme };

// The settings value of a mode ("embedded", "system", "private-use"), and back (unknown: Embedded).
[[nodiscard]] QString browserModeKey(BrowserMode mode);
[[nodiscard]] BrowserMode browserModeFromKey(const QString &key);

// Endpoints typed by hand (ProviderKind::Manual), kept as typed: a URL field may hold
// `{{variables}}` (a tenant in the host name, say), which a QUrl would mangle, so they are text
// until oidc::workspace::resolveProfile substitutes them where the profile is used.
struct ManualEndpoints final {
    QString issuer;
    QString authorization; // authorization_endpoint
    QString token;         // token_endpoint
    QString userinfo;      // userinfo_endpoint
    QString jwks;          // jwks_uri
    QString revocation;    // revocation_endpoint (RFC 7009)
    QString endSession;    // end_session_endpoint (RP-Initiated Logout §2.1)

    // The typed text as metadata (each URL parsed as it is; manualMetadata() checks them).
    [[nodiscard]] ProviderMetadata metadata() const;

    friend bool operator==(const ManualEndpoints &, const ManualEndpoints &) = default;
};

// Every field of ManualEndpoints, once: its key (the member of a workspace file's "endpoints"
// object and the QSettings key under "manual/", the same words in both), the label an error names
// it by, the member, and the ProviderMetadata URL it becomes (none for the issuer, which stays
// text). urlFields(), metadata(), ProfileJson and ProviderProfileStore all read this table: an
// endpoint added here is substituted, checked, saved and read everywhere.
struct ManualEndpointField final {
    const char *key;
    const char *label;
    QString ManualEndpoints::*text;
    QUrl ProviderMetadata::*endpoint;
};
inline constexpr ManualEndpointField kManualEndpointFields[] = {
    {"issuer", "endpoints' issuer", &ManualEndpoints::issuer, nullptr},
    {"authorization", "authorization endpoint", &ManualEndpoints::authorization, &ProviderMetadata::authorizationEndpoint},
    {"token", "token endpoint", &ManualEndpoints::token, &ProviderMetadata::tokenEndpoint},
    {"userinfo", "userinfo endpoint", &ManualEndpoints::userinfo, &ProviderMetadata::userinfoEndpoint},
    {"jwks", "JWKS URI", &ManualEndpoints::jwks, &ProviderMetadata::jwksUri},
    {"revocation", "revocation endpoint", &ManualEndpoints::revocation, &ProviderMetadata::revocationEndpoint},
    {"endSession", "end-session endpoint", &ManualEndpoints::endSession, &ProviderMetadata::endSessionEndpoint},
};

struct ProviderProfile final {
    QString id;                    // stable key in QSettings
    QString name;                  // shown in the provider bar
    ProviderKind kind = ProviderKind::OidcIssuer;
    QString issuer;                // OidcIssuer and Manual
    QString descopeProjectId;      // DescopeProject
    QString descopeCustomBase;     // DescopeProject: custom domain override (empty: derived), as typed
    ManualEndpoints manualEndpoints; // Manual, as typed
    QString clientId;
    QString clientSecret;          // never persisted
    ClientAuthMethod authMethod = ClientAuthMethod::None;
    QString scope = QStringLiteral("openid profile email");
    BrowserMode browserMode = BrowserMode::Embedded;
    quint16 redirectPort = 0;      // 0: any free port (RFC 8252 §7.3)
    QString redirectPath = QStringLiteral("/callback");
    QString privateUseScheme = QString::fromLatin1(PrivateUseScheme::kDefault); // PrivateUseScheme mode (RFC 8252 §7.1)
    SecuritySettings security;

    // The issuer this profile signs in against (Descope: derived from the project ID).
    [[nodiscard]] QString effectiveIssuer() const;
    // The FlowSession settings for this profile. Errors INPUT: PROFILE_INCOMPLETE, and
    // PROFILE_UNRESOLVED when a URL field the kind uses still holds a `{{variable}}` (use the
    // profile oidc::workspace::resolveProfile returns: `{{x}}` is never sent).
    [[nodiscard]] Result<ProviderSettings> providerSettings() const;
    // The text of every URL field this kind uses, with a label naming it ("issuer", "token
    // endpoint", …): what resolveProfile substitutes and providerSettings refuses unresolved.
    struct UrlField final {
        const char *label;
        QString *text;
    };
    [[nodiscard]] std::vector<UrlField> urlFields();
    [[nodiscard]] ClientCredentials clientCredentials() const;
    // Insecure or unusual choices, for warnings next to the profile.
    [[nodiscard]] QStringList warnings() const;
};

// A sandbox profile for a running built-in provider.
[[nodiscard]] ProviderProfile sandboxProfile(const QString &issuer, const QString &projectId);

class ProviderProfileStore final {
public:
    explicit ProviderProfileStore(QSettings &settings) : m_settings(settings) {}

    [[nodiscard]] QList<ProviderProfile> load() const;
    void save(const ProviderProfile &profile); // the secret is not written
    void remove(const QString &id);
    [[nodiscard]] QString lastSelectedId() const;
    void setLastSelectedId(const QString &id);

private:
    QSettings &m_settings;
};

} // namespace oidc::flow
