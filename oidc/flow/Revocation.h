#pragma once

// Token revocation (RFC 7009) and RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0).

#include "oidc/flow/TokenEndpoint.h"
#include "oidc/net/Http.h"

namespace oidc::flow {

enum class TokenTypeHint { None, AccessToken, RefreshToken };

[[nodiscard]] Result<net::HttpRequest> buildRevocationRequest(const QUrl &endpoint, const ClientCredentials &client, const QString &token,
                                                              TokenTypeHint hint);

// Success means "revoked or already invalid" (RFC 7009 §2.2). Errors (TOKEN): REVOKE_UNSUPPORTED_TOKEN_TYPE,
// REVOKE_UNAVAILABLE (503; actual = Retry-After), REVOKE_PROVIDER_ERROR, REVOKE_HTTP_STATUS — in each
// case the token may still be live.
[[nodiscard]] Status processRevocationResponse(const net::HttpResponse &response);

struct EndSessionRequest final {
    QUrl endSessionEndpoint;
    QString idTokenHint;            // "id_token_hint" (a token: redacted in logs)
    QString postLogoutRedirectUri;  // "post_logout_redirect_uri"
    QString state;                  // "state", checked on return
    QString clientId;               // "client_id"
};

// Error TOKEN_NO_END_SESSION when the provider has no end-session endpoint (then only a local sign-out is possible).
[[nodiscard]] Result<QUrl> buildEndSessionUrl(const EndSessionRequest &request);

// The redirect back after logout: state must be the one sent (rp-checks R4). Errors (AUTHZ):
// LOGOUT_STATE_MISSING, LOGOUT_STATE_MISMATCH — the local session is cleared either way, but the
// provider's logout is then not confirmed.
[[nodiscard]] Status validateLogoutCallback(const QUrl &callbackUrl, const QString &expectedState);

} // namespace oidc::flow
