#include "AuthorizationRequest.h"

#include "oidc/Json.h"

#include <QUrlQuery>

namespace oidc::flow {

namespace {

Error authzError(std::string code, std::string message, std::string expected = {}, std::string actual = {})
{
    return makeError(ErrorCategory::Authz, std::move(code), std::move(message), std::move(expected), std::move(actual));
}

const QStringList &standardParameters()
{
    static const QStringList names = {
        QStringLiteral("response_type"), QStringLiteral("client_id"),  QStringLiteral("redirect_uri"),
        QStringLiteral("scope"),         QStringLiteral("state"),      QStringLiteral("nonce"),
        QStringLiteral("code_challenge"), QStringLiteral("code_challenge_method"), QStringLiteral("prompt"),
        QStringLiteral("max_age"),       QStringLiteral("login_hint"), QStringLiteral("acr_values"),
        QStringLiteral("ui_locales"),    QStringLiteral("flow"),       QStringLiteral("tenant")};
    return names;
}

QString redactedPreview(const QString &value)
{
    return QString::fromStdString(boundedPreview(value.toStdString(), 300));
}

} // namespace

Result<QUrl> buildAuthorizationUrl(const AuthorizationRequest &request)
{
    if (!request.authorizationEndpoint.isValid() || request.authorizationEndpoint.isRelative())
        return authzError("AUTHZ_NO_ENDPOINT", "the provider has no authorization endpoint");
    if (request.clientId.isEmpty())
        return authzError("AUTHZ_NO_CLIENT_ID", "client_id is required");
    QUrlQuery query(request.authorizationEndpoint);
    const auto add = [&](const char *name, const QString &value) {
        if (!value.isEmpty())
            query.addQueryItem(QString::fromLatin1(name), value);
    };
    add("response_type", request.responseType);
    add("client_id", request.clientId);
    add("redirect_uri", request.redirectUri);
    add("scope", request.scope);
    add("state", request.state);
    add("nonce", request.nonce);
    if (!request.codeChallenge.isEmpty()) {
        add("code_challenge", request.codeChallenge);
        add("code_challenge_method", QString::fromLatin1(pkceMethodName(request.codeChallengeMethod)));
    }
    add("prompt", request.prompt);
    if (request.maxAge)
        add("max_age", QString::number(*request.maxAge));
    add("login_hint", request.loginHint);
    add("acr_values", request.acrValues);
    add("ui_locales", request.uiLocales);
    add("flow", request.descopeFlow);
    add("tenant", request.descopeTenant);
    for (const auto &[name, value] : request.extraParameters) {
        if (name.isEmpty())
            continue;
        if (standardParameters().contains(name) && query.hasQueryItem(name))
            return authzError("AUTHZ_PARAM_DUPLICATE", "the custom parameter repeats a parameter set above", "a new name", name.toStdString());
        query.addQueryItem(name, value);
    }
    QUrl url = request.authorizationEndpoint;
    // Encode '+' and other reserved characters: QUrlQuery leaves '+' as is, which a server reads as a space.
    QString encoded;
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (!encoded.isEmpty())
            encoded += QLatin1Char('&');
        encoded += QString::fromLatin1(QUrl::toPercentEncoding(name)) + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    url.setQuery(encoded, QUrl::StrictMode);
    return url;
}

QStringList authorizationWarnings(const AuthorizationRequest &request, const QStringList &codeChallengeMethodsSupported)
{
    QStringList warnings;
    if (request.codeChallenge.isEmpty())
        warnings << QStringLiteral("No PKCE: a stolen authorization code can be redeemed by anyone (RFC 9700 §2.1.1).");
    else if (request.codeChallengeMethod == PkceMethod::Plain)
        warnings << QStringLiteral("PKCE method plain: the challenge is the verifier itself (RFC 7636 §7.2). Use S256.");
    else if (!codeChallengeMethodsSupported.isEmpty() && !codeChallengeMethodsSupported.contains(QStringLiteral("S256")))
        warnings << QStringLiteral("The provider does not list S256 in code_challenge_methods_supported; S256 is sent anyway "
                                   "(never falling back to plain).");
    if (request.state.isEmpty())
        warnings << QStringLiteral("No state: the callback cannot be tied to this request (CSRF, RFC 6749 §10.12).");
    if (request.nonce.isEmpty() && request.scope.split(QLatin1Char(' ')).contains(QStringLiteral("openid")))
        warnings << QStringLiteral("No nonce: a replayed ID token cannot be detected (OIDC Core §3.1.2.1).");
    if (request.authorizationEndpoint.scheme() == QLatin1String("http"))
        warnings << QStringLiteral("The authorization endpoint uses plain http (allowed on loopback only).");
    return warnings;
}

Result<ValidatedCallback> validateCallback(const QUrl &callbackUrl, const PendingAuthorization &pending)
{
    const QUrlQuery query(callbackUrl);
    const auto items = query.queryItems(QUrl::FullyDecoded);
    const auto count = [&](const QString &name) {
        return std::count_if(items.begin(), items.end(), [&](const auto &item) { return item.first == name; });
    };
    const auto value = [&](const QString &name) { return query.queryItemValue(name, QUrl::FullyDecoded); };

    // rp-checks A5: every response parameter at most once.
    for (const auto &[name, unused] : items) {
        Q_UNUSED(unused)
        if (count(name) > 1)
            return authzError("AUTHZ_DUPLICATE_PARAM", "the callback repeats a parameter", "once", name.toStdString());
    }
    // Order as oauth4webapi: state, then iss, then error, then code (rp-checks A4).
    const QString state = value(QStringLiteral("state"));
    if (!pending.state.isEmpty()) {
        if (!query.hasQueryItem(QStringLiteral("state")))
            return authzError("AUTHZ_STATE_MISSING", "the callback has no state; the code is not redeemed");
        if (state != pending.state)
            return authzError("AUTHZ_STATE_MISMATCH", "state mismatch: this callback does not belong to the pending request; the code is not redeemed");
    } else if (!state.isEmpty()) {
        return authzError("AUTHZ_STATE_UNEXPECTED", "the callback carries a state although none was sent");
    }
    if (query.hasQueryItem(QStringLiteral("iss"))) {
        if (value(QStringLiteral("iss")) != pending.issuer)
            return authzError("AUTHZ_ISS_MISMATCH", "the callback's iss is not the provider's issuer (RFC 9207 §2.4)", pending.issuer.toStdString(),
                              value(QStringLiteral("iss")).toStdString());
    } else if (pending.issParameterRequired) {
        return authzError("AUTHZ_ISS_MISSING", "the provider promises an iss parameter (RFC 9207) but the callback has none");
    }
    if (query.hasQueryItem(QStringLiteral("error"))) {
        std::string message = "provider refused: " + redactedPreview(value(QStringLiteral("error"))).toStdString();
        if (query.hasQueryItem(QStringLiteral("error_description")))
            message += ": " + redactedPreview(value(QStringLiteral("error_description"))).toStdString();
        Error error = authzError("AUTHZ_PROVIDER_ERROR", message, {}, value(QStringLiteral("error")).toStdString());
        return error;
    }
    // rp-checks A6: implicit/hybrid parameters in a code-flow response.
    for (const char *name : {"id_token", "access_token", "token_type"})
        if (query.hasQueryItem(QString::fromLatin1(name)))
            return authzError("AUTHZ_UNEXPECTED_PARAM", "the callback carries implicit-flow parameters; only code is expected", "code", name);
    const QString code = value(QStringLiteral("code"));
    if (code.isEmpty())
        return authzError("AUTHZ_NO_CODE", "the callback has neither code nor error");

    ValidatedCallback callback;
    callback.m_code = code;
    callback.m_state = state;
    callback.m_issuer = value(QStringLiteral("iss"));
    if (pending.state.isEmpty())
        callback.m_notes << QStringLiteral("state was not sent: the callback was not tied to the request");
    if (!query.hasQueryItem(QStringLiteral("iss")))
        callback.m_notes << QStringLiteral("no iss parameter (the provider does not announce RFC 9207 support)");
    return callback;
}

} // namespace oidc::flow
