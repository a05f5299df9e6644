#pragma once

// Provider metadata: OpenID Connect Discovery 1.0 §3 and RFC 8414 §2, plus Descope's URL rules.

#include "oidc/Json.h"
#include "oidc/crypto/JwsAlgorithm.h"
#include "oidc/net/Http.h"

#include <QStringList>
#include <QUrl>

#include <optional>
#include <vector>

namespace oidc::flow {

struct ProviderMetadata final {
    QString issuer;                       // "issuer"
    QUrl authorizationEndpoint;           // "authorization_endpoint"
    QUrl tokenEndpoint;                   // "token_endpoint"
    QUrl userinfoEndpoint;                // "userinfo_endpoint"
    QUrl jwksUri;                         // "jwks_uri"
    QUrl revocationEndpoint;              // "revocation_endpoint" (RFC 7009 / RFC 8414)
    QUrl endSessionEndpoint;              // "end_session_endpoint" (RP-Initiated Logout §2.1)
    QStringList scopesSupported;          // "scopes_supported"
    QStringList responseTypesSupported;   // "response_types_supported"
    QStringList grantTypesSupported;      // "grant_types_supported"
    QStringList codeChallengeMethodsSupported;     // "code_challenge_methods_supported" (RFC 8414)
    QStringList tokenEndpointAuthMethodsSupported; // "token_endpoint_auth_methods_supported"
    QStringList idTokenSigningAlgValuesSupported;  // "id_token_signing_alg_values_supported"
    QStringList claimsSupported;          // "claims_supported"
    bool authorizationResponseIssParameterSupported = false; // RFC 9207 §3
    Json raw;                             // the whole document, for display

    // Algorithms accepted for ID tokens: from metadata, defaulting to RS256 (Discovery §3), never
    // "none" or HS* unless the user opts in elsewhere.
    [[nodiscard]] std::vector<crypto::JwsAlgorithm> idTokenAlgorithms() const;
};

enum class DiscoveryKind {
    OpenIdConnect, // <issuer>/.well-known/openid-configuration
    Rfc8414,       // <scheme>://<host>/.well-known/oauth-authorization-server<issuer path>
};

struct EndpointPolicy final {
    // http is accepted only on loopback hosts and is flagged; everything else must be https.
    bool allowHttpLoopback = true;
};

[[nodiscard]] QUrl discoveryUrl(const QString &issuer, DiscoveryKind kind);

// Errors: NET_BAD_URL, NET_INSECURE_URL (the issuer itself).
[[nodiscard]] Result<net::HttpRequest> buildDiscoveryRequest(const QString &issuer, DiscoveryKind kind, const EndpointPolicy &policy = {});

// Errors (DISCOVERY): DISCOVERY_HTTP_STATUS, DISCOVERY_JSON, DISCOVERY_ISSUER_MISMATCH (nothing of the
// document is used: rp-checks K1), DISCOVERY_MISSING (a required endpoint), DISCOVERY_INSECURE_ENDPOINT,
// DISCOVERY_FIELD_TYPE.
[[nodiscard]] Result<ProviderMetadata> processDiscoveryResponse(const net::HttpResponse &response, const QString &expectedIssuer,
                                                                const EndpointPolicy &policy = {});

// Endpoints typed by hand: the same checks on each URL. Empty optional endpoints stay empty.
[[nodiscard]] Result<ProviderMetadata> manualMetadata(ProviderMetadata metadata, const EndpointPolicy &policy = {});

// Descope (descope-api.md §1.1): the API base for a project ID — regional when the ID has ≥ 32
// characters (chars 1–4 name the region: https://api.<region>.descope.com), else
// https://api.descope.com; a custom domain overrides it.
[[nodiscard]] QUrl descopeBaseUrl(const QString &projectId, const QUrl &customBase = {});
// The OIDC issuer of a Descope project: <base>/<projectId> (descope-api.md §12).
[[nodiscard]] QString descopeIssuer(const QUrl &base, const QString &projectId);

// Endpoints that are plain http on loopback (to flag in the UI).
[[nodiscard]] QStringList insecureLoopbackEndpoints(const ProviderMetadata &metadata);

} // namespace oidc::flow
