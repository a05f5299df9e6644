#include "FlowSession.h"

#include "oidc/Async.h"
#include "oidc/flow/FlowOperation.h"
#include "oidc/flow/UserInfo.h"
#include "oidc/jwt/JwksClient.h"

#include <QDateTime>

namespace oidc::flow {

namespace {

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

StepReport okReport(FlowStep step, const QString &summary, std::vector<jwt::ClaimCheck> checks = {})
{
    return StepReport{step, true, summary, std::nullopt, std::move(checks)};
}

StepReport failReport(FlowStep step, const Error &error, std::vector<jwt::ClaimCheck> checks = {})
{
    return StepReport{step, false, text(error.summary()), error, std::move(checks)};
}

// A synchronous step's outcome: one report, and the error as the result.
template <typename T>
StepOutcome<T> failed(FlowStep step, const Error &error)
{
    return StepOutcome<T>{error, {failReport(step, error)}};
}

struct Prepared {
    Result<PkceParameters> pkce = makeError(ErrorCategory::Crypto, "NOT_RUN", "not run");
    Result<std::string> state = makeError(ErrorCategory::Crypto, "NOT_RUN", "not run");
    Result<std::string> nonce = makeError(ErrorCategory::Crypto, "NOT_RUN", "not run");
};

} // namespace

FlowSession::FlowSession(net::HttpTransport &transport, QObject *parent) : QObject(parent), m_transport(transport) {}

FlowSession::~FlowSession() = default;

qint64 FlowSession::now()
{
    return QDateTime::currentSecsSinceEpoch();
}

void FlowSession::setProvider(ProviderSettings provider)
{
    m_provider = std::move(provider);
    m_metadata.reset();
    m_keys.reset();
    m_refetchGate.reset();
}

void FlowSession::setClient(ClientCredentials client)
{
    m_client = std::move(client);
}

void FlowSession::setSecurity(SecuritySettings security)
{
    m_security = security;
}

void FlowSession::clearSession()
{
    m_session.reset();
    Q_EMIT sessionChanged();
}

void FlowSession::send(const std::shared_ptr<FlowOperationBase> &operation, FlowStep step, net::HttpRequest request,
                       net::HttpTransport::Callback callback)
{
    request.step = step;
    operation->enter(step);
    operation->follow(m_transport.send(std::move(request), this, std::move(callback)));
}

net::RequestHandle FlowSession::discover(Callback<ProviderMetadata> done)
{
    const auto operation = FlowOperation<ProviderMetadata>::start(FlowStep::Discovery, std::move(done));
    if (m_provider.kind == ProviderSettings::Kind::Manual) {
        auto metadata = manualMetadata(m_provider.manual, m_provider.endpointPolicy);
        if (!metadata) {
            operation->fail(FlowStep::Discovery, metadata.error());
            return {};
        }
        m_metadata = *metadata;
        operation->report(okReport(FlowStep::Discovery, QStringLiteral("endpoints typed by hand for %1").arg(metadata->issuer)));
        operation->finish(std::move(metadata));
        return {};
    }
    auto request = buildDiscoveryRequest(m_provider.issuer, DiscoveryKind::OpenIdConnect, m_provider.endpointPolicy);
    if (!request) {
        operation->fail(FlowStep::Discovery, request.error());
        return {};
    }
    const QString issuer = m_provider.issuer;
    const EndpointPolicy policy = m_provider.endpointPolicy;
    send(operation, FlowStep::Discovery, std::move(request).value(), [this, operation, issuer, policy](Result<net::HttpResponse> response) {
        if (!response) {
            operation->fail(FlowStep::Discovery, response.error());
            return;
        }
        auto metadata = processDiscoveryResponse(*response, issuer, policy);
        if (!metadata && response->status == 404) {
            // OIDC Discovery failed with 404: try the RFC 8414 location once (cancel follows it).
            if (auto fallback = buildDiscoveryRequest(issuer, DiscoveryKind::Rfc8414, policy)) {
                send(operation, FlowStep::Discovery, std::move(fallback).value(),
                     [this, operation, issuer, policy, first = metadata.error()](Result<net::HttpResponse> second) {
                         if (!second) {
                             operation->fail(FlowStep::Discovery, second.error().code == "NET_CANCELLED" ? second.error() : first);
                             return;
                         }
                         auto metadata8414 = processDiscoveryResponse(*second, issuer, policy);
                         if (!metadata8414) {
                             operation->fail(FlowStep::Discovery, second->status == 404 ? first : metadata8414.error());
                             return;
                         }
                         m_metadata = *metadata8414;
                         operation->report(okReport(FlowStep::Discovery, QStringLiteral("RFC 8414 metadata for %1").arg(issuer)));
                         operation->finish(std::move(metadata8414));
                     });
                return;
            }
        }
        if (!metadata) {
            operation->fail(FlowStep::Discovery, metadata.error());
            return;
        }
        m_metadata = *metadata;
        QString summary = QStringLiteral("metadata for %1").arg(issuer);
        const QStringList insecure = insecureLoopbackEndpoints(*metadata);
        if (!insecure.isEmpty())
            summary += QStringLiteral(" — plain http on loopback: %1").arg(insecure.join(QStringLiteral(", ")));
        operation->report(okReport(FlowStep::Discovery, summary));
        operation->finish(std::move(metadata));
    });
    return operation->handle();
}

void FlowSession::loadKeys(const std::shared_ptr<FlowOperationBase> &operation, FlowStep cause,
                           std::function<void(Result<crypto::JsonWebKeySet>)> then)
{
    operation->enter(FlowStep::Keys);
    const auto refuse = [operation, then](const Error &error) {
        operation->report(failReport(FlowStep::Keys, error));
        then(error);
    };
    if (!m_metadata || m_metadata->jwksUri.isEmpty()) {
        refuse(makeError(ErrorCategory::Keys, "KEYS_NO_JWKS_URI", "the provider has no jwks_uri"));
        return;
    }
    auto request = jwt::buildJwksRequest(m_metadata->jwksUri, m_provider.endpointPolicy.allowHttpLoopback);
    if (!request) {
        refuse(request.error());
        return;
    }
    send(operation, cause, std::move(request).value(), [this, operation, refuse, then](Result<net::HttpResponse> response) {
        if (!response) {
            Error error = response.error();
            error.message = "cannot fetch provider keys: " + error.message;
            refuse(error);
            return;
        }
        // Importing a key checks it (an RSA public key check takes milliseconds): off this thread.
        runOffThread<Result<crypto::JsonWebKeySet>>(
            this, [response = std::move(response).value()] { return jwt::processJwksResponse(response); },
            [this, operation, refuse, then](Result<crypto::JsonWebKeySet> keys) {
                if (operation->isFinished())
                    return; // cancelled meanwhile: the earlier keys stay
                if (!keys) {
                    refuse(keys.error());
                    return;
                }
                m_keys = *keys;
                QString summary = QStringLiteral("%1 usable key(s)").arg(keys->keys.size());
                if (!keys->skipped.empty())
                    summary += QStringLiteral(", %1 skipped").arg(keys->skipped.size());
                operation->report(okReport(FlowStep::Keys, summary));
                then(std::move(keys));
            });
    });
}

net::RequestHandle FlowSession::fetchKeys(Callback<crypto::JsonWebKeySet> done)
{
    const auto operation = FlowOperation<crypto::JsonWebKeySet>::start(FlowStep::Keys, std::move(done));
    loadKeys(operation, FlowStep::Keys, [operation](Result<crypto::JsonWebKeySet> keys) { operation->finish(std::move(keys)); });
    return operation->isFinished() ? net::RequestHandle() : operation->handle();
}

net::RequestHandle FlowSession::prepare(Callback<void> done)
{
    const auto operation = FlowOperation<void>::start(FlowStep::Prepare, std::move(done));
    const SecuritySettings security = m_security;
    runOffThread<Prepared>(
        this,
        [security] {
            Prepared prepared;
            if (security.usePkce)
                prepared.pkce = generatePkce(security.pkceMethod, security.verifierLength);
            else
                prepared.pkce = PkceParameters{};
            prepared.state = security.useState ? generateState() : Result<std::string>(std::string());
            prepared.nonce = security.useNonce ? generateNonce() : Result<std::string>(std::string());
            return prepared;
        },
        [this, operation](Prepared prepared) {
            if (operation->isFinished())
                return; // cancelled meanwhile: keep the earlier values
            for (const Error *error : {prepared.pkce ? nullptr : &prepared.pkce.error(), prepared.state ? nullptr : &prepared.state.error(),
                                       prepared.nonce ? nullptr : &prepared.nonce.error()}) {
                if (error) {
                    operation->fail(FlowStep::Prepare, *error);
                    return;
                }
            }
            m_codeVerifier = QString::fromStdString(prepared.pkce->codeVerifier);
            m_codeChallenge = QString::fromStdString(prepared.pkce->codeChallenge);
            m_state = QString::fromStdString(*prepared.state);
            m_nonce = QString::fromStdString(*prepared.nonce);
            QStringList parts;
            parts << (m_security.usePkce ? QStringLiteral("PKCE %1").arg(QString::fromLatin1(pkceMethodName(m_security.pkceMethod)))
                                         : QStringLiteral("no PKCE (insecure)"));
            parts << (m_security.useState ? QStringLiteral("state") : QStringLiteral("no state (insecure)"));
            parts << (m_security.useNonce ? QStringLiteral("nonce") : QStringLiteral("no nonce (insecure)"));
            operation->report(okReport(FlowStep::Prepare, parts.join(QStringLiteral(", "))));
            operation->finish({});
        });
    return operation->handle();
}

AuthorizationRequest FlowSession::defaultAuthorizationRequest(const QString &redirectUri, const QString &scope) const
{
    AuthorizationRequest request;
    if (m_metadata)
        request.authorizationEndpoint = m_metadata->authorizationEndpoint;
    request.clientId = m_client.clientId;
    request.redirectUri = redirectUri;
    request.scope = scope;
    request.state = m_state;
    request.nonce = m_nonce;
    request.codeChallenge = m_codeChallenge;
    request.codeChallengeMethod = m_security.pkceMethod;
    return request;
}

StepOutcome<QUrl> FlowSession::beginAuthorization(const AuthorizationRequest &request)
{
    auto url = buildAuthorizationUrl(request);
    if (!url)
        return failed<QUrl>(FlowStep::Authorize, url.error());
    PendingAuthorization pending;
    pending.state = request.state;
    pending.issuer = m_metadata ? m_metadata->issuer : m_provider.issuer;
    pending.issParameterRequired = m_metadata && m_metadata->authorizationResponseIssParameterSupported;
    pending.redirectUri = request.redirectUri;
    // The verifier goes with the challenge that was actually sent (the user may have edited it out).
    pending.codeVerifier = request.codeChallenge.isEmpty() ? QString() : m_codeVerifier;
    pending.nonce = request.nonce;
    pending.maxAge = request.maxAge;
    m_pending = pending;
    m_requestedOpenId = request.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(QStringLiteral("openid"));
    m_pendingAnswered = false;
    m_callback.reset();
    reportHop(BrowserHop::Kind::Open, FlowStep::Authorize, *url);
    const QStringList warnings = authorizationWarnings(request, m_metadata ? m_metadata->codeChallengeMethodsSupported : QStringList());
    return StepOutcome<QUrl>{std::move(url),
                             {okReport(FlowStep::Authorize, warnings.isEmpty() ? QStringLiteral("authorization URL ready")
                                                                                : QStringLiteral("authorization URL ready — ")
                                                                                      + warnings.join(QLatin1Char(' ')))}};
}

void FlowSession::reportHop(BrowserHop::Kind kind, FlowStep step, const QUrl &url, std::optional<Error> refusal)
{
    Q_EMIT browserHop(BrowserHop{kind, step, url, std::move(refusal), QDateTime::currentMSecsSinceEpoch()});
}

StepOutcome<ValidatedCallback> FlowSession::acceptCallback(const QUrl &callbackUrl)
{
    auto outcome = answerCallback(callbackUrl);
    reportHop(BrowserHop::Kind::Redirect, FlowStep::Callback, callbackUrl, outcome.result ? std::nullopt : std::optional<Error>(outcome.result.error()));
    return outcome;
}

StepOutcome<ValidatedCallback> FlowSession::answerCallback(const QUrl &callbackUrl)
{
    if (!m_pending)
        return failed<ValidatedCallback>(FlowStep::Callback,
                                         makeError(ErrorCategory::Authz, "AUTHZ_NOT_PENDING", "no authorization request is pending"));
    // The first callback that answers the request spends it, whether or not its code was exchanged
    // yet: a second one (pasted, or delivered by the browser) could otherwise replace the session.
    if (m_pendingAnswered)
        return failed<ValidatedCallback>(FlowStep::Callback,
                                         makeError(ErrorCategory::Authz, "AUTHZ_ALREADY_COMPLETED",
                                                   "this authorization request was already answered: start a new login"));
    CallbackValidation validation = validateCallback(callbackUrl, *m_pending);
    // One with our state that fails a later check (iss, a provider error…) is the provider's answer:
    // the login is over. One without our state changes nothing (rp-checks A1).
    if (validation.answersRequest)
        m_pendingAnswered = true;
    if (!validation.ok())
        return StepOutcome<ValidatedCallback>{*validation.error, {failReport(FlowStep::Callback, *validation.error, std::move(validation.checks))}};
    m_callback = *validation.callback;
    const QString summary = QStringLiteral("code received, state %1, iss %2")
                                .arg(m_pending->state.isEmpty() ? QStringLiteral("not sent") : QStringLiteral("matches"),
                                     validation.callback->issuer().isEmpty() ? QStringLiteral("absent") : QStringLiteral("matches"));
    return StepOutcome<ValidatedCallback>{std::move(*validation.callback), {okReport(FlowStep::Callback, summary, std::move(validation.checks))}};
}

IdTokenExpectations FlowSession::expectations(const QString &accessToken) const
{
    IdTokenExpectations expected;
    expected.issuer = m_metadata ? m_metadata->issuer : m_provider.issuer;
    expected.clientId = m_client.clientId;
    expected.nonce = m_pending ? m_pending->nonce : QString();
    expected.maxAge = m_pending ? m_pending->maxAge : std::nullopt;
    expected.accessToken = accessToken;
    expected.leewaySeconds = m_security.leewaySeconds;
    expected.allowUnsigned = m_security.allowUnsignedIdToken;
    return expected;
}

void FlowSession::commitTokens(const TokenOperation &operation, FlowStep step, TokenResponse committed, std::optional<jwt::JwtValidation> validation)
{
    TokenSession session;
    session.obtainedAt = committed.receivedAt;
    // Checked: a lifetime that overflows the clock leaves the expiry unknown (rp-checks T6).
    if (qint64 expiresAt = 0; committed.expiresIn && !__builtin_add_overflow(committed.receivedAt, *committed.expiresIn, &expiresAt))
        session.accessTokenExpiresAt = expiresAt;
    if (validation) {
        session.idToken = validation->jwt;
        session.idTokenChecks = validation->checks;
    } else if (step == FlowStep::Refresh && m_session && m_session->idToken) {
        session.idToken = m_session->idToken; // no new ID token on refresh: the original one stays
        session.idTokenChecks = m_session->idTokenChecks;
    }
    if (step == FlowStep::Refresh && m_session) {
        if (committed.refreshToken.isEmpty())
            committed.refreshToken = m_session->tokens.refreshToken; // not rotated
        if (committed.idToken.isEmpty())
            committed.idToken = m_session->tokens.idToken;
    }
    session.tokens = std::move(committed);
    m_session = session;
    Q_EMIT sessionChanged();
    operation->finish(std::move(session));
}

void FlowSession::validateTokens(const TokenOperation &operation, FlowStep step, TokenResponse tokens, std::optional<jwt::DecodedJwt> previous,
                                 bool allowRefetch)
{
    if (tokens.idToken.isEmpty()) {
        if (step == FlowStep::Token && m_requestedOpenId) {
            // OIDC Core §3.1.3.3: a code exchange for scope openid returns an ID token.
            operation->fail(FlowStep::IdToken, makeError(ErrorCategory::IdToken, "IDT_MISSING", "scope openid was requested but the token response has no id_token"));
            return;
        }
        operation->report(okReport(step == FlowStep::Refresh ? FlowStep::Refresh : FlowStep::IdToken,
                                   step == FlowStep::Refresh ? QStringLiteral("new access token (no new ID token)")
                                                             : QStringLiteral("no ID token in the response")));
        commitTokens(operation, step, std::move(tokens), std::nullopt);
        return;
    }
    if (!m_keys && !m_security.allowUnsignedIdToken) {
        operation->fail(FlowStep::IdToken,
                        makeError(ErrorCategory::Keys, "KEYS_NOT_LOADED", "the provider keys are not loaded; the ID token cannot be verified"));
        return;
    }
    const crypto::JsonWebKeySet keys = m_keys.value_or(crypto::JsonWebKeySet{});
    const ProviderMetadata metadata = m_metadata.value_or(ProviderMetadata{});
    IdTokenExpectations expected = expectations(tokens.accessToken);
    if (step == FlowStep::Refresh) {
        // OIDC Core §12.2: a refreshed ID token SHOULD NOT carry a nonce, and its auth_time is the
        // original's (checkRefreshedIdToken compares it): neither nonce nor max_age is required again.
        expected.nonce.clear();
        expected.maxAge.reset();
    }
    operation->enter(step == FlowStep::Refresh ? FlowStep::Refresh : FlowStep::IdToken);
    const QString idToken = tokens.idToken;
    runOffThread<jwt::JwtValidation>(
        this,
        [idToken, metadata, keys, expected, previous] {
            auto validation = validateIdToken(idToken, metadata, keys, expected);
            if (previous)
                checkRefreshedIdToken(*previous, validation);
            return validation;
        },
        [this, operation, step, tokens = std::move(tokens), previous, allowRefetch](jwt::JwtValidation validation) mutable {
            if (operation->isFinished())
                return; // cancelled while validating: nothing is committed
            m_lastValidation = validation;
            if (validation.error && validation.error->code == "KID_UNKNOWN" && allowRefetch && m_refetchGate.mayRefetch(now())) {
                // rp-checks K2: the provider may have rotated its keys; refetch once, then retry.
                // The refetch is the validating step's request (IdToken, or Refresh).
                m_refetchGate.recordRefetch(now());
                const FlowStep cause = step == FlowStep::Refresh ? FlowStep::Refresh : FlowStep::IdToken;
                loadKeys(operation, cause, [this, operation, step, tokens, previous](Result<crypto::JsonWebKeySet> refetched) mutable {
                    if (!refetched) {
                        operation->fail(FlowStep::IdToken, refetched.error());
                        return;
                    }
                    validateTokens(operation, step, std::move(tokens), previous, false);
                });
                return;
            }
            if (!validation.ok()) {
                const Error error = *validation.error;
                operation->report(StepReport{FlowStep::IdToken, false,
                                             QStringLiteral("ID token refused: %1 — the earlier session is kept").arg(text(error.summary())), error,
                                             validation.checks});
                operation->finish(error);
                return;
            }
            operation->report(okReport(FlowStep::IdToken, QStringLiteral("ID token valid: %1 checks passed").arg(validation.checks.size()),
                                       validation.checks));
            commitTokens(operation, step, std::move(tokens), std::move(validation));
        });
}

net::RequestHandle FlowSession::exchangeCode(Callback<TokenSession> done)
{
    const auto operation = FlowOperation<TokenSession>::start(FlowStep::Token, std::move(done));
    if (!m_callback || !m_pending) {
        operation->fail(FlowStep::Token, makeError(ErrorCategory::Authz, "AUTHZ_NO_CODE", "there is no validated callback to exchange"));
        return {};
    }
    if (!m_metadata) {
        operation->fail(FlowStep::Token, makeError(ErrorCategory::Discovery, "DISCOVERY_NOT_LOADED", "the provider metadata is not loaded"));
        return {};
    }
    auto request = buildAuthorizationCodeRequest(m_metadata->tokenEndpoint, m_client, *m_callback, *m_pending);
    // A code is single-use: it is consumed whatever the outcome, and never retried automatically (rp-checks T7).
    m_callback.reset();
    if (!request) {
        operation->fail(FlowStep::Token, request.error());
        return {};
    }
    send(operation, FlowStep::Token, std::move(request).value(), [this, operation](Result<net::HttpResponse> response) {
        if (!response) {
            Error error = response.error();
            error.message += " — the code may have been consumed: restart the login";
            operation->fail(FlowStep::Token, error);
            return;
        }
        auto tokens = processTokenResponse(*response, now());
        if (!tokens) {
            operation->fail(FlowStep::Token, tokens.error());
            return;
        }
        QStringList got{QStringLiteral("access token")};
        if (!tokens->idToken.isEmpty())
            got << QStringLiteral("ID token");
        if (!tokens->refreshToken.isEmpty())
            got << QStringLiteral("refresh token");
        operation->report(okReport(FlowStep::Token, QStringLiteral("received %1").arg(got.join(QStringLiteral(", ")))));
        validateTokens(operation, FlowStep::Token, std::move(tokens).value(), std::nullopt, true);
    });
    return operation->handle();
}

net::RequestHandle FlowSession::fetchUserInfo(Callback<Json> done)
{
    const auto operation = FlowOperation<Json>::start(FlowStep::UserInfo, std::move(done));
    if (!m_session) {
        operation->fail(FlowStep::UserInfo, makeError(ErrorCategory::UserInfo, "USERINFO_NO_TOKEN", "there is no session to use"));
        return {};
    }
    auto request = buildUserInfoRequest(m_metadata ? m_metadata->userinfoEndpoint : QUrl(), m_session->tokens.accessToken);
    if (!request) {
        operation->fail(FlowStep::UserInfo, request.error());
        return {};
    }
    const std::string expectedSub = m_session->idToken ? m_session->idToken->stringClaim("sub").value_or(std::string()) : std::string();
    send(operation, FlowStep::UserInfo, std::move(request).value(), [this, operation, expectedSub](Result<net::HttpResponse> response) {
        if (!response) {
            operation->fail(FlowStep::UserInfo, response.error());
            return;
        }
        auto claims = processUserInfoResponse(*response, expectedSub);
        if (!claims) {
            operation->fail(FlowStep::UserInfo, claims.error());
            return;
        }
        if (m_session) {
            m_session->userInfo = *claims;
            Q_EMIT sessionChanged();
        }
        operation->report(okReport(FlowStep::UserInfo, QStringLiteral("%1 claims%2")
                                                           .arg(claims->size())
                                                           .arg(expectedSub.empty() ? QString() : QStringLiteral(", sub matches the ID token"))));
        operation->finish(std::move(claims));
    });
    return operation->handle();
}

net::RequestHandle FlowSession::refresh(Callback<TokenSession> done)
{
    const auto operation = FlowOperation<TokenSession>::start(FlowStep::Refresh, std::move(done));
    if (!m_session || m_session->tokens.refreshToken.isEmpty()) {
        operation->fail(FlowStep::Refresh, makeError(ErrorCategory::Token, "TOKEN_NO_REFRESH_TOKEN", "there is no refresh token"));
        return {};
    }
    auto request = buildRefreshRequest(m_metadata ? m_metadata->tokenEndpoint : QUrl(), m_client, m_session->tokens.refreshToken);
    if (!request) {
        operation->fail(FlowStep::Refresh, request.error());
        return {};
    }
    const std::optional<jwt::DecodedJwt> previous = m_session->idToken;
    send(operation, FlowStep::Refresh, std::move(request).value(), [this, operation, previous](Result<net::HttpResponse> response) {
        if (!response) {
            operation->fail(FlowStep::Refresh, response.error());
            return;
        }
        auto tokens = processTokenResponse(*response, now());
        if (!tokens) {
            operation->fail(FlowStep::Refresh, tokens.error());
            return;
        }
        operation->report(okReport(FlowStep::Refresh, QStringLiteral("new access token%1%2")
                                                          .arg(tokens->refreshToken.isEmpty() ? QString() : QStringLiteral(", rotated refresh token"),
                                                               tokens->idToken.isEmpty() ? QString() : QStringLiteral(", new ID token"))));
        validateTokens(operation, FlowStep::Refresh, std::move(tokens).value(), previous, true);
    });
    return operation->handle();
}

net::RequestHandle FlowSession::revoke(TokenTypeHint which, bool sendHint, Callback<void> done)
{
    const auto operation = FlowOperation<void>::start(FlowStep::Revoke, std::move(done));
    if (!m_session) {
        operation->fail(FlowStep::Revoke, makeError(ErrorCategory::Token, "REVOKE_NO_TOKEN", "there is no session"));
        return {};
    }
    const QString token = which == TokenTypeHint::RefreshToken ? m_session->tokens.refreshToken : m_session->tokens.accessToken;
    auto request = buildRevocationRequest(m_metadata ? m_metadata->revocationEndpoint : QUrl(), m_client, token,
                                          sendHint ? which : TokenTypeHint::None);
    if (!request) {
        operation->fail(FlowStep::Revoke, request.error());
        return {};
    }
    const QString what = which == TokenTypeHint::RefreshToken ? QStringLiteral("refresh token") : QStringLiteral("access token");
    send(operation, FlowStep::Revoke, std::move(request).value(), [operation, what](Result<net::HttpResponse> response) {
        const Status status = response ? processRevocationResponse(*response) : Status(response.error());
        if (!status) {
            operation->fail(FlowStep::Revoke, status.error());
            return;
        }
        operation->report(okReport(FlowStep::Revoke, QStringLiteral("%1 revoked or already invalid (RFC 7009 §2.2)").arg(what)));
        operation->finish({});
    });
    return operation->handle();
}

StepOutcome<QUrl> FlowSession::beginLogout(const QString &postLogoutRedirectUri)
{
    auto state = generateState();
    if (!state)
        return failed<QUrl>(FlowStep::Logout, state.error());
    EndSessionRequest request;
    request.endSessionEndpoint = m_metadata ? m_metadata->endSessionEndpoint : QUrl();
    request.idTokenHint = m_session ? m_session->tokens.idToken : QString();
    request.postLogoutRedirectUri = postLogoutRedirectUri;
    request.state = QString::fromStdString(*state);
    request.clientId = m_client.clientId;
    auto url = buildEndSessionUrl(request);
    // The local session ends now, whatever the provider does.
    m_session.reset();
    Q_EMIT sessionChanged();
    if (!url)
        return failed<QUrl>(FlowStep::Logout, url.error());
    m_logoutState = request.state;
    reportHop(BrowserHop::Kind::Open, FlowStep::Logout, *url);
    return StepOutcome<QUrl>{std::move(url), {okReport(FlowStep::Logout, QStringLiteral("local session cleared; end-session URL ready"))}};
}

StepOutcome<void> FlowSession::completeLogout(const QUrl &callbackUrl)
{
    auto outcome = answerLogoutRedirect(callbackUrl);
    reportHop(BrowserHop::Kind::Redirect, FlowStep::Logout, callbackUrl, outcome.result ? std::nullopt : std::optional<Error>(outcome.result.error()));
    return outcome;
}

StepOutcome<void> FlowSession::answerLogoutRedirect(const QUrl &callbackUrl)
{
    // Only the redirect that confirms the logout spends its state: a forged or stray one is
    // refused and the real one can still arrive.
    if (!m_logoutState)
        return failed<void>(FlowStep::Logout, makeError(ErrorCategory::Authz, "LOGOUT_NOT_PENDING",
                                                        "no logout waits for a redirect: this one confirms nothing"));
    const Status status = validateLogoutCallback(callbackUrl, *m_logoutState);
    if (!status)
        return failed<void>(FlowStep::Logout, status.error());
    m_logoutState.reset();
    return StepOutcome<void>{Status(), {okReport(FlowStep::Logout, QStringLiteral("the provider confirmed the logout (state matches)"))}};
}

net::RequestHandle FlowSession::clientCredentials(const QString &scope, const FormFields &extra, Callback<TokenResponse> done)
{
    const auto operation = FlowOperation<TokenResponse>::start(FlowStep::ClientCredentials, std::move(done));
    auto request = buildClientCredentialsRequest(m_metadata ? m_metadata->tokenEndpoint : QUrl(), m_client, scope, extra);
    if (!request) {
        operation->fail(FlowStep::ClientCredentials, request.error());
        return {};
    }
    send(operation, FlowStep::ClientCredentials, std::move(request).value(), [operation](Result<net::HttpResponse> response) {
        if (!response) {
            operation->fail(FlowStep::ClientCredentials, response.error());
            return;
        }
        auto tokens = processTokenResponse(*response, now());
        if (!tokens) {
            operation->fail(FlowStep::ClientCredentials, tokens.error());
            return;
        }
        operation->report(okReport(FlowStep::ClientCredentials,
                                   QStringLiteral("access token, %1")
                                       .arg(tokens->expiresIn ? QStringLiteral("expires in %1 s").arg(*tokens->expiresIn) : QStringLiteral("expiry unknown"))));
        operation->finish(std::move(tokens));
    });
    return operation->handle();
}

} // namespace oidc::flow

#include "moc_FlowSession.cpp"
