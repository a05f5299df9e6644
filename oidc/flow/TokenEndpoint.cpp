#include "TokenEndpoint.h"

#include "oidc/Redaction.h"
#include "oidc/crypto/Base64Url.h"

#include <cmath>

namespace oidc::flow {

namespace {

Error tokenError(std::string code, std::string message, std::string expected = {}, std::string actual = {})
{
    return makeError(ErrorCategory::Token, std::move(code), std::move(message), std::move(expected), std::move(actual));
}

Result<net::HttpRequest> formPost(const QUrl &endpoint, const ClientCredentials &client, FormFields fields, const QString &label)
{
    if (endpoint.isEmpty())
        return tokenError("TOKEN_NO_ENDPOINT", "the provider has no token endpoint");
    if (auto allowed = net::checkEndpointUrl(endpoint, true); !allowed)
        return allowed.error();
    net::HttpRequest request;
    request.method = "POST";
    request.url = endpoint;
    request.label = label;
    request.timeoutMs = 30000;
    request.maxResponseBytes = 256 * 1024;
    if (auto auth = applyClientAuthentication(client, fields, request); !auth)
        return auth.error();
    request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    request.setHeader("Accept", "application/json");
    request.body = encodeForm(fields);
    return request;
}

} // namespace

QString clientAuthMethodName(ClientAuthMethod method)
{
    switch (method) {
    case ClientAuthMethod::None: return QStringLiteral("none");
    case ClientAuthMethod::ClientSecretBasic: return QStringLiteral("client_secret_basic");
    case ClientAuthMethod::ClientSecretPost: return QStringLiteral("client_secret_post");
    }
    return {};
}

QByteArray formUrlEncode(const QString &text)
{
    QByteArray encoded = QUrl::toPercentEncoding(text, " ");
    encoded.replace(' ', '+');
    return encoded;
}

QByteArray encodeForm(const FormFields &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += formUrlEncode(name) + '=' + formUrlEncode(value);
    }
    return body;
}

Status applyClientAuthentication(const ClientCredentials &client, FormFields &fields, net::HttpRequest &request)
{
    switch (client.method) {
    case ClientAuthMethod::None:
        fields.append({QStringLiteral("client_id"), client.clientId});
        return {};
    case ClientAuthMethod::ClientSecretBasic: {
        if (client.clientSecret.isEmpty())
            return tokenError("TOKEN_CLIENT_SECRET_MISSING", "client_secret_basic needs a client secret");
        // RFC 6749 §2.3.1: id and secret are form-urlencoded before the Basic encoding.
        const QByteArray credentials = formUrlEncode(client.clientId) + ':' + formUrlEncode(client.clientSecret);
        request.setHeader("Authorization", "Basic " + credentials.toBase64());
        return {};
    }
    case ClientAuthMethod::ClientSecretPost:
        if (client.clientSecret.isEmpty())
            return tokenError("TOKEN_CLIENT_SECRET_MISSING", "client_secret_post needs a client secret");
        fields.append({QStringLiteral("client_id"), client.clientId});
        fields.append({QStringLiteral("client_secret"), client.clientSecret});
        return {};
    }
    return {};
}

Result<net::HttpRequest> buildAuthorizationCodeRequest(const QUrl &tokenEndpoint, const ClientCredentials &client,
                                                       const ValidatedCallback &callback, const PendingAuthorization &pending)
{
    FormFields fields = {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                         {QStringLiteral("code"), callback.code()},
                         {QStringLiteral("redirect_uri"), pending.redirectUri}};
    if (!pending.codeVerifier.isEmpty())
        fields.append({QStringLiteral("code_verifier"), pending.codeVerifier});
    return formPost(tokenEndpoint, client, std::move(fields), QStringLiteral("token (authorization_code)"));
}

Result<net::HttpRequest> buildRefreshRequest(const QUrl &tokenEndpoint, const ClientCredentials &client, const QString &refreshToken,
                                             const QString &scope)
{
    if (refreshToken.isEmpty())
        return tokenError("TOKEN_NO_REFRESH_TOKEN", "there is no refresh token to use");
    FormFields fields = {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")}, {QStringLiteral("refresh_token"), refreshToken}};
    if (!scope.isEmpty())
        fields.append({QStringLiteral("scope"), scope});
    return formPost(tokenEndpoint, client, std::move(fields), QStringLiteral("token (refresh_token)"));
}

Result<net::HttpRequest> buildClientCredentialsRequest(const QUrl &tokenEndpoint, const ClientCredentials &client, const QString &scope,
                                                       const FormFields &extra)
{
    if (client.method == ClientAuthMethod::None)
        return tokenError("TOKEN_CLIENT_SECRET_MISSING", "client credentials need client authentication (basic or post)");
    FormFields fields = {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}};
    if (!scope.isEmpty())
        fields.append({QStringLiteral("scope"), scope});
    fields.append(extra);
    return formPost(tokenEndpoint, client, std::move(fields), QStringLiteral("token (client_credentials)"));
}

std::optional<std::string> oauthErrorText(const net::HttpResponse &response)
{
    auto json = parseJsonObject(response.bodyView());
    if (!json || !json->contains("error") || !(*json)["error"].is_string())
        return std::nullopt;
    std::string text = boundedPreview((*json)["error"].get<std::string>(), 100);
    if (json->contains("error_description") && (*json)["error_description"].is_string())
        text += ": " + boundedPreview((*json)["error_description"].get<std::string>(), 300);
    return text;
}

Result<TokenResponse> processTokenResponse(const net::HttpResponse &response, qint64 now)
{
    if (response.status >= 300 && response.status < 400) {
        Error error = tokenError("TOKEN_REDIRECT", "the token endpoint answered with a redirect (HTTP " + std::to_string(response.status)
                                                       + "); POST requests are never followed");
        error.httpStatus = response.status;
        return error;
    }
    if (!response.isSuccess()) {
        Error error = tokenError("TOKEN_HTTP_STATUS", "unexpected HTTP " + std::to_string(response.status) + ": " + redactedPreview(response.bodyView()));
        if (const auto text = oauthErrorText(response)) {
            error.code = "TOKEN_PROVIDER_ERROR";
            error.message = "provider error (HTTP " + std::to_string(response.status) + "): " + *text;
            auto json = parseJsonObject(response.bodyView());
            error.actual = (*json)["error"].get<std::string>();
        }
        error.httpStatus = response.status;
        return error;
    }
    auto parsed = parseJson(response.bodyView(), {ErrorCategory::Token, "the token response"});
    if (!parsed) {
        Error error = parsed.error();
        error.code = "TOKEN_JSON";
        error.message += " — body starts: " + redactedPreview(response.bodyView());
        error.httpStatus = response.status;
        return error;
    }
    if (!parsed->is_object())
        return tokenError("TOKEN_JSON_NOT_OBJECT", "the token response body must be a top-level JSON object", "object", parsed->type_name());
    const Json &json = *parsed;
    TokenResponse tokens;
    tokens.raw = json;
    tokens.receivedAt = now;
    const auto optionalString = [&](const char *name, QString &target) -> Status {
        const auto it = json.find(name);
        if (it == json.end() || it->is_null())
            return {};
        if (!it->is_string())
            return tokenError("TOKEN_FIELD_TYPE", std::string("\"") + name + "\" must be a string", "string", it->type_name());
        target = QString::fromStdString(it->get<std::string>());
        return {};
    };
    const auto access = json.find("access_token");
    if (access == json.end() || !access->is_string() || access->get_ref<const std::string &>().empty())
        return tokenError("TOKEN_ACCESS_TOKEN_MISSING", "the token response has no access_token");
    tokens.accessToken = QString::fromStdString(access->get<std::string>());
    for (const auto &[name, field] : {std::pair{"token_type", &tokens.tokenType}, std::pair{"refresh_token", &tokens.refreshToken},
                                      std::pair{"id_token", &tokens.idToken}, std::pair{"scope", &tokens.scope}})
        if (auto ok = optionalString(name, *field); !ok)
            return ok.error();
    if (tokens.tokenType.isEmpty())
        return tokenError("TOKEN_FIELD_TYPE", "the token response has no token_type (RFC 6749 §5.1)");
    // RFC 6749 §5.1: case-insensitive. Bearer (RFC 6750) and DPoP (RFC 9449) are understood.
    const QString type = tokens.tokenType.toLower();
    if (type != QLatin1String("bearer") && type != QLatin1String("dpop"))
        return tokenError("TOKEN_TYPE_UNSUPPORTED", "unsupported token_type", "Bearer or DPoP", tokens.tokenType.toStdString());
    if (const auto expires = json.find("expires_in"); expires != json.end() && !expires->is_null()) {
        if (!expires->is_number())
            return tokenError("TOKEN_FIELD_TYPE", "\"expires_in\" must be a number", "number", expires->type_name());
        // Read as a double (JSON numbers may be fractional) and range-checked before the cast:
        // converting a double outside qint64 is undefined behaviour, and the lifetime is later
        // added to a time. Negative values and lifetimes over ten years are refused.
        const double value = expires->get<double>();
        if (value < 0)
            return tokenError("TOKEN_FIELD_TYPE", "\"expires_in\" must not be negative");
        if (!std::isfinite(value) || value > static_cast<double>(kMaxExpiresInSeconds))
            return tokenError("TOKEN_FIELD_TYPE", "\"expires_in\" is implausibly large (more than ten years)",
                              "at most " + std::to_string(kMaxExpiresInSeconds), expires->dump());
        tokens.expiresIn = static_cast<qint64>(value);
    }
    return tokens;
}

} // namespace oidc::flow
