#pragma once

// One provider, one client, one authorization-code + PKCE flow and its token session: the state
// the GUI's flow page and `oidcplay-cli login` drive step by step. Requests go through the
// injected transport (so the exchange log sees them), each tagged with the step that caused it.
// Every operation reports through one channel: its callback (or return value) carries its result
// and a StepReport for each step it ran; the callback is called exactly once, also when the
// operation is cancelled through the handle it returns. Tokens are committed to the session only
// after every check has passed: a failed check leaves the earlier good session in place and makes
// no further request with the new tokens.

#include "oidc/Json.h"
#include "oidc/crypto/JsonWebKey.h"
#include "oidc/flow/AuthorizationRequest.h"
#include "oidc/flow/BrowserHop.h"
#include "oidc/flow/FlowStep.h"
#include "oidc/flow/IdTokenRules.h"
#include "oidc/flow/ProviderMetadata.h"
#include "oidc/flow/Revocation.h"
#include "oidc/flow/StepReport.h"
#include "oidc/flow/TokenEndpoint.h"
#include "oidc/jwt/JwtValidator.h"
#include "oidc/net/HttpTransport.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace oidc::flow {

class FlowOperationBase;
template <typename T>
class FlowOperation;

struct ProviderSettings final {
    enum class Kind { Issuer, Manual };
    Kind kind = Kind::Issuer;
    QString issuer;                       // for Kind::Issuer (discovery)
    ProviderMetadata manual;              // for Kind::Manual
    EndpointPolicy endpointPolicy;
};

struct SecuritySettings final {
    bool usePkce = true;
    PkceMethod pkceMethod = PkceMethod::S256; // Plain is an insecure option
    int verifierLength = kDefaultVerifierLength;
    bool useState = true;                     // off: insecure option
    bool useNonce = true;                     // off: insecure option
    bool allowUnsignedIdToken = false;        // insecure option
    qint64 leewaySeconds = 30;
};

// The committed result of a successful code exchange or refresh.
struct TokenSession final {
    TokenResponse tokens;
    std::optional<jwt::DecodedJwt> idToken;     // decoded and validated
    std::vector<jwt::ClaimCheck> idTokenChecks; // the checks that passed
    Json userInfo;                              // null until fetched
    qint64 obtainedAt = 0;
    std::optional<qint64> accessTokenExpiresAt; // obtainedAt + expires_in
};

class FlowSession final : public QObject {
    Q_OBJECT
public:
    template <typename T>
    using Callback = std::function<void(StepOutcome<T>)>;

    explicit FlowSession(net::HttpTransport &transport, QObject *parent = nullptr);
    ~FlowSession() override;

    void setProvider(ProviderSettings provider);
    void setClient(ClientCredentials client);
    void setSecurity(SecuritySettings security);
    [[nodiscard]] const ProviderSettings &provider() const { return m_provider; }
    [[nodiscard]] const ClientCredentials &client() const { return m_client; }
    [[nodiscard]] const SecuritySettings &security() const { return m_security; }

    // 0. Metadata (discovery, or the endpoints typed by hand) and then the JWKS. The RFC 8414
    //    fallback after a 404 is cancelled through the same handle.
    net::RequestHandle discover(Callback<ProviderMetadata> done);
    net::RequestHandle fetchKeys(Callback<crypto::JsonWebKeySet> done);

    // 1. Fresh PKCE verifier/challenge, state and nonce (off the calling thread).
    net::RequestHandle prepare(Callback<void> done);

    // 2. The authorization request with this session's values; the caller may edit it, then
    //    begin: the URL to open. The pending authorization is remembered for the callback.
    [[nodiscard]] AuthorizationRequest defaultAuthorizationRequest(const QString &redirectUri, const QString &scope) const;
    [[nodiscard]] StepOutcome<QUrl> beginAuthorization(const AuthorizationRequest &request);

    // 4. The redirect back. The Callback report carries every check of validateCallback(), as data.
    //    A callback that bears the request's state answers it: accepted or refused, it spends the
    //    request (later ones: AUTHZ_ALREADY_COMPLETED). One without it (another request's, forged)
    //    is refused and leaves the request pending (rp-checks A1).
    [[nodiscard]] StepOutcome<ValidatedCallback> acceptCallback(const QUrl &callbackUrl);
    // A request is pending and no callback has answered it yet: a refused callback was a stray one.
    [[nodiscard]] bool awaitsCallback() const { return m_pending && !m_pendingAnswered; }

    // 5–6. Code exchange, then ID token validation (refetching the JWKS once on an unknown kid):
    //      reports Token, perhaps Keys, then IdToken. The session is replaced only when everything
    //      passed. The JWKS refetch is tagged with the step that caused it (IdToken, or Refresh).
    net::RequestHandle exchangeCode(Callback<TokenSession> done);
    // 7. UserInfo with the session's access token; sub must match the ID token's.
    net::RequestHandle fetchUserInfo(Callback<Json> done);
    // Refresh: new tokens replace the session only if the refreshed ID token keeps iss/sub/aud.
    net::RequestHandle refresh(Callback<TokenSession> done);
    // Revoke the access or refresh token (RFC 7009).
    net::RequestHandle revoke(TokenTypeHint which, bool sendHint, Callback<void> done);
    // Logout: the end-session URL (the local session ends now), then the redirect's state check
    // (only the redirect that passes it spends the state).
    [[nodiscard]] StepOutcome<QUrl> beginLogout(const QString &postLogoutRedirectUri);
    [[nodiscard]] StepOutcome<void> completeLogout(const QUrl &callbackUrl);
    // Client credentials (no user): tokens are returned, not stored in the user session.
    net::RequestHandle clientCredentials(const QString &scope, const FormFields &extra, Callback<TokenResponse> done);

    [[nodiscard]] const std::optional<ProviderMetadata> &metadata() const { return m_metadata; }
    [[nodiscard]] const std::optional<crypto::JsonWebKeySet> &keys() const { return m_keys; }
    [[nodiscard]] const std::optional<PendingAuthorization> &pending() const { return m_pending; }
    [[nodiscard]] const QString &codeChallenge() const { return m_codeChallenge; }
    [[nodiscard]] const std::optional<TokenSession> &session() const { return m_session; }
    [[nodiscard]] const std::optional<ValidatedCallback> &callback() const { return m_callback; }
    [[nodiscard]] const std::optional<jwt::JwtValidation> &lastIdTokenValidation() const { return m_lastValidation; }
    void clearSession();

    [[nodiscard]] static qint64 now();

Q_SIGNALS:
    void sessionChanged();
    // The URL beginAuthorization or beginLogout handed out, and every redirect offered to
    // acceptCallback or completeLogout with its verdict, as they happen: for observers (the
    // sequence diagram); the flow does not depend on who listens.
    void browserHop(const oidc::flow::BrowserHop &hop);

private:
    using TokenOperation = std::shared_ptr<FlowOperation<TokenSession>>;

    // acceptCallback and completeLogout without the browserHop report.
    [[nodiscard]] StepOutcome<ValidatedCallback> answerCallback(const QUrl &callbackUrl);
    [[nodiscard]] StepOutcome<void> answerLogoutRedirect(const QUrl &callbackUrl);
    void reportHop(BrowserHop::Kind kind, FlowStep step, const QUrl &url, std::optional<Error> refusal = std::nullopt);

    // Tags `request` with `step` and sends it; the operation follows it (cancel reaches it).
    void send(const std::shared_ptr<FlowOperationBase> &operation, FlowStep step, net::HttpRequest request,
              net::HttpTransport::Callback callback);
    // Fetches the JWKS for `operation`, reporting Keys; `cause` tags the request.
    void loadKeys(const std::shared_ptr<FlowOperationBase> &operation, FlowStep cause,
                  std::function<void(Result<crypto::JsonWebKeySet>)> then);
    void validateTokens(const TokenOperation &operation, FlowStep step, TokenResponse tokens, std::optional<jwt::DecodedJwt> previous,
                        bool allowRefetch);
    void commitTokens(const TokenOperation &operation, FlowStep step, TokenResponse tokens, std::optional<jwt::JwtValidation> validation);
    [[nodiscard]] IdTokenExpectations expectations(const QString &accessToken) const;

    net::HttpTransport &m_transport;
    ProviderSettings m_provider;
    ClientCredentials m_client;
    SecuritySettings m_security;
    std::optional<ProviderMetadata> m_metadata;
    std::optional<crypto::JsonWebKeySet> m_keys;
    KeySetRefetchGate m_refetchGate;
    QString m_codeVerifier;
    QString m_codeChallenge;
    QString m_state;
    QString m_nonce;
    std::optional<PendingAuthorization> m_pending;
    bool m_pendingAnswered = false; // a callback answered it: later ones are refused (AUTHZ_ALREADY_COMPLETED)
    std::optional<ValidatedCallback> m_callback;
    std::optional<TokenSession> m_session;
    std::optional<jwt::JwtValidation> m_lastValidation;
    std::optional<QString> m_logoutState; // set while a logout waits for its redirect
    bool m_requestedOpenId = false;
};

} // namespace oidc::flow
