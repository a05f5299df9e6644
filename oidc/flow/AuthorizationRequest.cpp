#include "AuthorizationRequest.h"

#include "oidc/Json.h"
#include "oidc/Redaction.h"

#include <QUrlQuery>

#include <algorithm>
#include <iterator>

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

QString boundedText(const QString &value)
{
    return QString::fromStdString(boundedPreview(value.toStdString(), 300));
}

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

constexpr const char *kImplicitParameters[] = {"id_token", "access_token", "token_type"};

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

CallbackValidation validateCallback(const QUrl &callbackUrl, const PendingAuthorization &pending)
{
    const QUrlQuery query(callbackUrl);
    const auto items = query.queryItems(QUrl::FullyDecoded);
    const auto count = [&](const QString &name) {
        return std::count_if(items.begin(), items.end(), [&](const auto &item) { return item.first == name; });
    };
    const auto has = [&](const char *name) { return query.hasQueryItem(QString::fromLatin1(name)); };
    const auto value = [&](const char *name) { return query.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded); };

    CallbackValidation validation;
    const auto pass = [&](const char *id, const char *rule, const QString &detail) {
        validation.checks.push_back({id, rule, jwt::CheckOutcome::Pass, detail.toStdString(), {}});
    };
    const auto skip = [&](const char *id, const char *rule, const QString &detail) {
        validation.checks.push_back({id, rule, jwt::CheckOutcome::Skip, detail.toStdString(), {}});
    };
    const auto fail = [&](const char *id, const char *rule, const QString &detail, Error error) {
        validation.checks.push_back({id, rule, jwt::CheckOutcome::Fail, detail.toStdString(), error.code});
        if (!validation.error)
            validation.error = std::move(error);
    };

    // rp-checks A5: every response parameter at most once.
    constexpr const char *kParametersRule = "every response parameter at most once (RFC 6749 §3.1; rp-checks A5)";
    const auto repeated = std::find_if(items.begin(), items.end(), [&](const auto &item) { return count(item.first) > 1; });
    if (repeated == items.end())
        pass("parameters", kParametersRule, QStringLiteral("each sent once"));
    else
        fail("parameters", kParametersRule, QStringLiteral("%1 sent %2 times").arg(quoted(repeated->first)).arg(count(repeated->first)),
             authzError("AUTHZ_DUPLICATE_PARAM", "the callback repeats a parameter", "once", repeated->first.toStdString()));

    constexpr const char *kStateRule = "state must equal the value sent (RFC 6749 §4.1.2, §10.12; rp-checks A1)";
    const QString state = value("state");
    if (!pending.state.isEmpty()) {
        if (!has("state"))
            fail("state", kStateRule, QStringLiteral("missing; expected ") + quoted(pending.state),
                 authzError("AUTHZ_STATE_MISSING", "the callback has no state; the code is not redeemed"));
        else if (state != pending.state)
            fail("state", kStateRule, QStringLiteral("expected %1, got %2").arg(quoted(pending.state), quoted(state)),
                 authzError("AUTHZ_STATE_MISMATCH", "state mismatch: this callback does not belong to the pending request; the code is not redeemed"));
        else
            pass("state", kStateRule, QStringLiteral("matches ") + quoted(pending.state));
    } else if (!state.isEmpty()) {
        fail("state", kStateRule, QStringLiteral("none was sent, got ") + quoted(state),
             authzError("AUTHZ_STATE_UNEXPECTED", "the callback carries a state although none was sent"));
    } else {
        skip("state", kStateRule, QStringLiteral("no state was sent (insecure option): the callback is not tied to the request"));
    }
    validation.answersRequest = validation.checks.back().outcome != jwt::CheckOutcome::Fail; // the state check's

    constexpr const char *kIssRule = "iss must equal the issuer; required when the metadata says authorization_response_iss_parameter_supported "
                                     "(RFC 9207 §2.4; rp-checks A2, A3)";
    if (has("iss")) {
        if (value("iss") != pending.issuer)
            fail("iss", kIssRule, QStringLiteral("expected %1, got %2").arg(quoted(pending.issuer), quoted(value("iss"))),
                 authzError("AUTHZ_ISS_MISMATCH", "the callback's iss is not the provider's issuer (RFC 9207 §2.4)", pending.issuer.toStdString(),
                            value("iss").toStdString()));
        else
            pass("iss", kIssRule, QStringLiteral("matches ") + quoted(pending.issuer));
    } else if (pending.issParameterRequired) {
        fail("iss", kIssRule, QStringLiteral("missing although the provider advertises it"),
             authzError("AUTHZ_ISS_MISSING", "the provider promises an iss parameter (RFC 9207) but the callback has none"));
    } else {
        skip("iss", kIssRule, QStringLiteral("not sent; the provider does not advertise RFC 9207"));
    }

    // Provider text is kept as plain text, bounded (rp-checks A4).
    constexpr const char *kErrorRule = "an error response ends the request (RFC 6749 §4.1.2.1; rp-checks A4)";
    if (has("error")) {
        QString refusal = boundedText(value("error"));
        if (has("error_description"))
            refusal += QStringLiteral(": ") + boundedText(value("error_description"));
        fail("error", kErrorRule, QStringLiteral("provider refused: ") + refusal,
             authzError("AUTHZ_PROVIDER_ERROR", "provider refused: " + refusal.toStdString(), {}, value("error").toStdString()));
    } else {
        pass("error", kErrorRule, QStringLiteral("no error parameter"));
    }

    // rp-checks A6: implicit/hybrid parameters in a code-flow response.
    constexpr const char *kImplicitRule = "a code-flow response carries no id_token, access_token or token_type (rp-checks A6)";
    const auto implicit = std::find_if(std::begin(kImplicitParameters), std::end(kImplicitParameters), has);
    if (implicit == std::end(kImplicitParameters))
        pass("implicit", kImplicitRule, QStringLiteral("none"));
    else
        fail("implicit", kImplicitRule, QStringLiteral("carries ") + QString::fromLatin1(*implicit),
             authzError("AUTHZ_UNEXPECTED_PARAM", "the callback carries implicit-flow parameters; only code is expected", "code", *implicit));

    constexpr const char *kCodeRule = "a single authorization code must be present (RFC 6749 §4.1.2)";
    const QString code = value("code");
    if (count(QStringLiteral("code")) > 1)
        fail("code", kCodeRule, QStringLiteral("sent %1 times").arg(count(QStringLiteral("code"))),
             authzError("AUTHZ_DUPLICATE_PARAM", "the callback repeats a parameter", "once", "code"));
    else if (!code.isEmpty())
        pass("code", kCodeRule, QStringLiteral("received: ") + QString::fromStdString(redactSecret(code.toStdString())));
    else if (has("error"))
        skip("code", kCodeRule, QStringLiteral("none: the provider answered with an error"));
    else
        fail("code", kCodeRule, QStringLiteral("missing"), authzError("AUTHZ_NO_CODE", "the callback has neither code nor error"));

    if (validation.error)
        return validation;
    ValidatedCallback callback;
    callback.m_code = code;
    callback.m_state = state;
    callback.m_issuer = value("iss");
    validation.callback = std::move(callback);
    return validation;
}

} // namespace oidc::flow
