#pragma once

// The authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 7636 §4.3) and the
// validation of its response (RFC 6749 §4.1.2, RFC 9207 §2.4).

#include "oidc/Pkce.h"
#include "oidc/Result.h"
#include "oidc/jwt/ClaimChecks.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>
#include <vector>

namespace oidc::flow {

struct AuthorizationRequest final {
    QUrl authorizationEndpoint;
    QString responseType = QStringLiteral("code"); // "response_type"
    QString clientId;                // "client_id"
    QString redirectUri;             // "redirect_uri"
    QString scope = QStringLiteral("openid"); // "scope"
    QString state;                   // "state", RFC 6749 §4.1.1 (empty: omitted — insecure option)
    QString nonce;                   // "nonce", OIDC Core §3.1.2.1 (empty: omitted — insecure option)
    QString codeChallenge;           // "code_challenge", RFC 7636 §4.3
    PkceMethod codeChallengeMethod = PkceMethod::S256; // "code_challenge_method"
    QString prompt;                  // "prompt": none, login, consent, select_account
    std::optional<qint64> maxAge;    // "max_age"
    QString loginHint;               // "login_hint"
    QString acrValues;               // "acr_values"
    QString uiLocales;               // "ui_locales"
    QString descopeFlow;             // "flow" — Descope: the flow ID to run (e.g. sign-up-or-in)
    QString descopeTenant;           // "tenant" — Descope
    QList<QPair<QString, QString>> extraParameters; // any custom key=value, sent last, in order
};

// The URL to open. Parameters with empty values are left out; extra parameters may not repeat a
// standard one (AUTHZ_PARAM_DUPLICATE).
[[nodiscard]] Result<QUrl> buildAuthorizationUrl(const AuthorizationRequest &request);

// Insecure or unusual choices in the request, as warnings for the UI and CLI.
[[nodiscard]] QStringList authorizationWarnings(const AuthorizationRequest &request, const QStringList &codeChallengeMethodsSupported);

// What the client remembers between sending the request and receiving the callback.
struct PendingAuthorization final {
    QString state;                 // expected state (empty when sent without one)
    QString issuer;                // the provider's issuer, for RFC 9207 iss
    bool issParameterRequired = false; // metadata: authorization_response_iss_parameter_supported
    QString redirectUri;
    QString codeVerifier;
    QString nonce;
    std::optional<qint64> maxAge;
};

class ValidatedCallback;
struct CallbackValidation;

// The checks of an authorization response, in this order: every parameter at most once, state,
// iss, error, no implicit-flow parameters, code (rp-checks A1–A6; state before iss before error
// before code, as oauth4webapi). Every check is in the result, passed, failed or skipped, and the
// first failure is the verdict.
[[nodiscard]] CallbackValidation validateCallback(const QUrl &callbackUrl, const PendingAuthorization &pending);

// Only validateCallback() makes one, and only one can be exchanged for tokens (STYLE.md §4).
class ValidatedCallback final {
public:
    [[nodiscard]] const QString &code() const { return m_code; }
    [[nodiscard]] const QString &state() const { return m_state; }
    [[nodiscard]] const QString &issuer() const { return m_issuer; } // empty when not sent

private:
    friend CallbackValidation validateCallback(const QUrl &, const PendingAuthorization &);
    ValidatedCallback() = default;
    QString m_code;
    QString m_state;
    QString m_issuer;
};

struct CallbackValidation final {
    std::vector<jwt::ClaimCheck> checks;       // ids: parameters, state, iss, error, implicit, code
    std::optional<Error> error;                // the first failed check's (category AUTHZ)
    std::optional<ValidatedCallback> callback; // only when every check passed
    // The state check did not fail: the callback bears this request's state (or, none sent, none
    // came back), so it is the provider's answer to this request, even when a later check fails.
    // A callback whose state check failed is another request's or forged: a stray one.
    bool answersRequest = false;

    [[nodiscard]] bool ok() const { return !error.has_value(); }
};

} // namespace oidc::flow
