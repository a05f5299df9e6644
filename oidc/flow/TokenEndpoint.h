#pragma once

// Token endpoint requests and responses: RFC 6749 §4.1.3–4.1.4 (code), §6 (refresh), §4.4
// (client credentials), §5.1–5.2 (responses), §2.3.1 (client authentication), RFC 7636 §4.5.

#include "oidc/Json.h"
#include "oidc/flow/AuthorizationRequest.h"
#include "oidc/net/Http.h"

#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace oidc::flow {

enum class ClientAuthMethod {
    None,              // public client: client_id in the body
    ClientSecretBasic, // HTTP Basic with form-urlencoded id and secret (RFC 6749 §2.3.1)
    ClientSecretPost,  // client_id and client_secret in the body
};

[[nodiscard]] QString clientAuthMethodName(ClientAuthMethod method); // none / client_secret_basic / client_secret_post

struct ClientCredentials final {
    QString clientId;
    QString clientSecret; // a secret: never logged unredacted
    ClientAuthMethod method = ClientAuthMethod::None;
};

using FormFields = QList<QPair<QString, QString>>;

// application/x-www-form-urlencoded (WHATWG URL §5.2): space → '+', others percent-encoded.
[[nodiscard]] QByteArray formUrlEncode(const QString &text);
[[nodiscard]] QByteArray encodeForm(const FormFields &fields);

// Errors: TOKEN_NO_ENDPOINT, TOKEN_CLIENT_SECRET_MISSING, NET_INSECURE_URL.
[[nodiscard]] Result<net::HttpRequest> buildAuthorizationCodeRequest(const QUrl &tokenEndpoint, const ClientCredentials &client,
                                                                     const ValidatedCallback &callback, const PendingAuthorization &pending);
[[nodiscard]] Result<net::HttpRequest> buildRefreshRequest(const QUrl &tokenEndpoint, const ClientCredentials &client,
                                                           const QString &refreshToken, const QString &scope = {});
[[nodiscard]] Result<net::HttpRequest> buildClientCredentialsRequest(const QUrl &tokenEndpoint, const ClientCredentials &client,
                                                                     const QString &scope, const FormFields &extra = {});

// Adds client authentication to a form and request (shared by token and revocation requests).
[[nodiscard]] Status applyClientAuthentication(const ClientCredentials &client, FormFields &fields, net::HttpRequest &request);

struct TokenResponse final {
    QString accessToken;           // "access_token"
    QString tokenType;             // "token_type" as sent
    std::optional<qint64> expiresIn; // "expires_in" (absent: unknown expiry, rp-checks T6)
    QString refreshToken;          // "refresh_token"
    QString idToken;               // "id_token"
    QString scope;                 // "scope" (absent: the requested scope is assumed)
    qint64 receivedAt = 0;         // Unix seconds
    Json raw;
};

// The longest access-token lifetime taken at its word (ten years): expires_in above it is refused.
constexpr qint64 kMaxExpiresInSeconds = 315'576'000;

// Errors (TOKEN): TOKEN_PROVIDER_ERROR (error/error_description shown as plain text, httpStatus set),
// TOKEN_HTTP_STATUS (with a bounded preview), TOKEN_REDIRECT, TOKEN_JSON, TOKEN_JSON_NOT_OBJECT,
// TOKEN_ACCESS_TOKEN_MISSING, TOKEN_FIELD_TYPE (also a negative or implausibly large expires_in),
// TOKEN_TYPE_UNSUPPORTED (rp-checks T1–T6, T9).
[[nodiscard]] Result<TokenResponse> processTokenResponse(const net::HttpResponse &response, qint64 now);

// An OAuth error body {error, error_description, error_uri} rendered as one plain line.
[[nodiscard]] std::optional<std::string> oauthErrorText(const net::HttpResponse &response);

} // namespace oidc::flow
