#include "Revocation.h"

#include "oidc/Redaction.h"

#include <QUrlQuery>

namespace oidc::flow {

Result<net::HttpRequest> buildRevocationRequest(const QUrl &endpoint, const ClientCredentials &client, const QString &token,
                                                TokenTypeHint hint)
{
    if (endpoint.isEmpty())
        return makeError(ErrorCategory::Token, "REVOKE_NO_ENDPOINT", "the provider has no revocation endpoint: only a local sign-out is possible");
    if (auto allowed = net::checkEndpointUrl(endpoint, true); !allowed)
        return allowed.error();
    if (token.isEmpty())
        return makeError(ErrorCategory::Token, "REVOKE_NO_TOKEN", "there is no token to revoke");
    FormFields fields = {{QStringLiteral("token"), token}};
    if (hint == TokenTypeHint::AccessToken)
        fields.append({QStringLiteral("token_type_hint"), QStringLiteral("access_token")});
    else if (hint == TokenTypeHint::RefreshToken)
        fields.append({QStringLiteral("token_type_hint"), QStringLiteral("refresh_token")});
    net::HttpRequest request;
    request.method = "POST";
    request.url = endpoint;
    request.label = QStringLiteral("revoke");
    request.maxResponseBytes = 64 * 1024;
    if (auto auth = applyClientAuthentication(client, fields, request); !auth)
        return auth.error();
    request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    request.body = encodeForm(fields);
    return request;
}

Status processRevocationResponse(const net::HttpResponse &response)
{
    if (response.isSuccess())
        return {};
    const std::string_view body(response.body.constData(), static_cast<size_t>(response.body.size()));
    Error error = makeError(ErrorCategory::Token, "REVOKE_HTTP_STATUS",
                            "not revoked (HTTP " + std::to_string(response.status) + "): the token may still be live: " + redactedPreview(body));
    if (response.status == 503) {
        error.code = "REVOKE_UNAVAILABLE";
        error.message = "the provider cannot revoke right now (HTTP 503); the token may still be live — retry later";
        error.actual = response.header("Retry-After").toStdString();
    } else if (const auto text = oauthErrorText(response)) {
        error.code = text->starts_with("unsupported_token_type") ? "REVOKE_UNSUPPORTED_TOKEN_TYPE" : "REVOKE_PROVIDER_ERROR";
        error.message = "not revoked: provider error: " + *text + " — the token may still be live";
    }
    error.httpStatus = response.status;
    return error;
}

Result<QUrl> buildEndSessionUrl(const EndSessionRequest &request)
{
    if (request.endSessionEndpoint.isEmpty())
        return makeError(ErrorCategory::Token, "TOKEN_NO_END_SESSION", "the provider has no end_session_endpoint: only a local sign-out is possible");
    if (auto allowed = net::checkEndpointUrl(request.endSessionEndpoint, true); !allowed)
        return allowed.error();
    QUrl url = request.endSessionEndpoint;
    QUrlQuery query(url);
    const auto add = [&](const char *name, const QString &value) {
        if (!value.isEmpty())
            query.addQueryItem(QString::fromLatin1(name), QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add("id_token_hint", request.idTokenHint);
    add("post_logout_redirect_uri", request.postLogoutRedirectUri);
    add("state", request.state);
    add("client_id", request.clientId);
    url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url;
}

Status validateLogoutCallback(const QUrl &callbackUrl, const QString &expectedState)
{
    const QUrlQuery query(callbackUrl);
    if (expectedState.isEmpty())
        return {};
    if (!query.hasQueryItem(QStringLiteral("state")))
        return makeError(ErrorCategory::Authz, "LOGOUT_STATE_MISSING", "the logout redirect has no state: the provider's logout is not confirmed");
    if (query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded) != expectedState)
        return makeError(ErrorCategory::Authz, "LOGOUT_STATE_MISMATCH", "the logout redirect carries another state: the provider's logout is not confirmed");
    return {};
}

} // namespace oidc::flow
