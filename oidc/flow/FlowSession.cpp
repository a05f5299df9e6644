#include "FlowSession.h"

#include "oidc/Async.h"
#include "oidc/jwt/JwksClient.h"
#include "oidc/flow/UserInfo.h"

#include <QDateTime>
#include <QPointer>

namespace oidc::flow {

namespace {

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

struct Prepared {
    Result<PkceParameters> pkce = makeError(ErrorCategory::Crypto, "NOT_RUN", "not run");
    Result<std::string> state = makeError(ErrorCategory::Crypto, "NOT_RUN", "not run");
    Result<std::string> nonce = makeError(ErrorCategory::Crypto, "NOT_RUN", "not run");
};

} // namespace

QString flowStepName(FlowStep step)
{
    switch (step) {
    case FlowStep::Discovery: return QStringLiteral("discovery");
    case FlowStep::Keys: return QStringLiteral("keys");
    case FlowStep::Prepare: return QStringLiteral("PKCE, state, nonce");
    case FlowStep::Authorize: return QStringLiteral("authorize");
    case FlowStep::Callback: return QStringLiteral("callback");
    case FlowStep::Token: return QStringLiteral("token");
    case FlowStep::IdToken: return QStringLiteral("ID token");
    case FlowStep::UserInfo: return QStringLiteral("userinfo");
    case FlowStep::Refresh: return QStringLiteral("refresh");
    case FlowStep::Revoke: return QStringLiteral("revoke");
    case FlowStep::Logout: return QStringLiteral("logout");
    case FlowStep::ClientCredentials: return QStringLiteral("client credentials");
    }
    return {};
}

FlowSession::FlowSession(net::HttpTransport &transport, QObject *parent) : QObject(parent), m_transport(transport)
{
    qRegisterMetaType<oidc::flow::StepReport>();
}

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

void FlowSession::report(FlowStep step, bool ok, const QString &summary, std::optional<Error> error, std::vector<jwt::ClaimCheck> checks)
{
    Q_EMIT stepFinished(StepReport{step, ok, summary, std::move(error), std::move(checks)});
}

template <typename T>
Result<T> FlowSession::failStep(FlowStep step, Error error)
{
    report(step, false, text(error.summary()), error);
    return error;
}

net::RequestHandle FlowSession::discover(Callback<ProviderMetadata> done)
{
    if (m_provider.kind == ProviderSettings::Kind::Manual) {
        auto metadata = manualMetadata(m_provider.manual, m_provider.endpointPolicy);
        if (!metadata) {
            done(failStep<ProviderMetadata>(FlowStep::Discovery, metadata.error()));
            return {};
        }
        m_metadata = *metadata;
        report(FlowStep::Discovery, true, QStringLiteral("endpoints typed by hand for %1").arg(metadata->issuer));
        done(std::move(metadata));
        return {};
    }
    auto request = buildDiscoveryRequest(m_provider.issuer, DiscoveryKind::OpenIdConnect, m_provider.endpointPolicy);
    if (!request) {
        done(failStep<ProviderMetadata>(FlowStep::Discovery, request.error()));
        return {};
    }
    const QString issuer = m_provider.issuer;
    const EndpointPolicy policy = m_provider.endpointPolicy;
    return m_transport.send(*request, this, [this, issuer, policy, done](Result<net::HttpResponse> response) {
        if (!response) {
            done(failStep<ProviderMetadata>(FlowStep::Discovery, response.error()));
            return;
        }
        auto metadata = processDiscoveryResponse(*response, issuer, policy);
        if (!metadata && response->status == 404) {
            // OIDC Discovery failed with 404: try the RFC 8414 location once.
            auto fallback = buildDiscoveryRequest(issuer, DiscoveryKind::Rfc8414, policy);
            if (fallback) {
                m_transport.send(*fallback, this, [this, issuer, policy, done, first = metadata.error()](Result<net::HttpResponse> second) {
                    if (!second) {
                        done(failStep<ProviderMetadata>(FlowStep::Discovery, first));
                        return;
                    }
                    auto metadata8414 = processDiscoveryResponse(*second, issuer, policy);
                    if (!metadata8414) {
                        done(failStep<ProviderMetadata>(FlowStep::Discovery, second->status == 404 ? first : metadata8414.error()));
                        return;
                    }
                    m_metadata = *metadata8414;
                    report(FlowStep::Discovery, true, QStringLiteral("RFC 8414 metadata for %1").arg(issuer));
                    done(std::move(metadata8414));
                });
                return;
            }
        }
        if (!metadata) {
            done(failStep<ProviderMetadata>(FlowStep::Discovery, metadata.error()));
            return;
        }
        m_metadata = *metadata;
        QString summary = QStringLiteral("metadata for %1").arg(issuer);
        const QStringList insecure = insecureLoopbackEndpoints(*metadata);
        if (!insecure.isEmpty())
            summary += QStringLiteral(" — plain http on loopback: %1").arg(insecure.join(QStringLiteral(", ")));
        report(FlowStep::Discovery, true, summary);
        done(std::move(metadata));
    });
}

net::RequestHandle FlowSession::fetchKeys(Callback<crypto::JsonWebKeySet> done)
{
    if (!m_metadata || m_metadata->jwksUri.isEmpty()) {
        done(failStep<crypto::JsonWebKeySet>(FlowStep::Keys, makeError(ErrorCategory::Keys, "KEYS_NO_JWKS_URI", "the provider has no jwks_uri")));
        return {};
    }
    auto request = jwt::buildJwksRequest(m_metadata->jwksUri, m_provider.endpointPolicy.allowHttpLoopback);
    if (!request) {
        done(failStep<crypto::JsonWebKeySet>(FlowStep::Keys, request.error()));
        return {};
    }
    return m_transport.send(*request, this, [this, done](Result<net::HttpResponse> response) {
        if (!response) {
            Error error = response.error();
            error.message = "cannot fetch provider keys: " + error.message;
            done(failStep<crypto::JsonWebKeySet>(FlowStep::Keys, error));
            return;
        }
        auto keys = jwt::processJwksResponse(*response);
        if (!keys) {
            done(failStep<crypto::JsonWebKeySet>(FlowStep::Keys, keys.error()));
            return;
        }
        m_keys = *keys;
        QString summary = QStringLiteral("%1 usable key(s)").arg(keys->keys.size());
        if (!keys->skipped.empty())
            summary += QStringLiteral(", %1 skipped").arg(keys->skipped.size());
        report(FlowStep::Keys, true, summary);
        done(std::move(keys));
    });
}

void FlowSession::prepare(std::function<void(Status)> done)
{
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
        [this, done](Prepared prepared) {
            for (const Error *error : {prepared.pkce ? nullptr : &prepared.pkce.error(), prepared.state ? nullptr : &prepared.state.error(),
                                       prepared.nonce ? nullptr : &prepared.nonce.error()}) {
                if (error) {
                    report(FlowStep::Prepare, false, text(error->summary()), *error);
                    done(*error);
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
            report(FlowStep::Prepare, true, parts.join(QStringLiteral(", ")));
            done({});
        });
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

Result<QUrl> FlowSession::beginAuthorization(const AuthorizationRequest &request)
{
    auto url = buildAuthorizationUrl(request);
    if (!url)
        return failStep<QUrl>(FlowStep::Authorize, url.error());
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
    const QStringList warnings = authorizationWarnings(request, m_metadata ? m_metadata->codeChallengeMethodsSupported : QStringList());
    report(FlowStep::Authorize, true,
           warnings.isEmpty() ? QStringLiteral("authorization URL ready") : QStringLiteral("authorization URL ready — ") + warnings.join(QLatin1Char(' ')));
    return url;
}

Result<ValidatedCallback> FlowSession::acceptCallback(const QUrl &callbackUrl)
{
    if (!m_pending)
        return failStep<ValidatedCallback>(FlowStep::Callback,
                                           makeError(ErrorCategory::Authz, "AUTHZ_NOT_PENDING", "no authorization request is pending"));
    // The first accepted callback spends the request, whether or not its code was exchanged yet:
    // a second one (pasted, or delivered by the browser) could otherwise replace the session.
    if (m_pendingAnswered)
        return failStep<ValidatedCallback>(FlowStep::Callback,
                                           makeError(ErrorCategory::Authz, "AUTHZ_ALREADY_COMPLETED",
                                                     "this authorization request was already answered: start a new login"));
    auto callback = validateCallback(callbackUrl, *m_pending);
    if (!callback)
        return failStep<ValidatedCallback>(FlowStep::Callback, callback.error());
    m_pendingAnswered = true;
    m_callback = *callback;
    QString summary = QStringLiteral("code received, state %1, iss %2")
                          .arg(m_pending->state.isEmpty() ? QStringLiteral("not sent") : QStringLiteral("matches"),
                               callback->issuer().isEmpty() ? QStringLiteral("absent") : QStringLiteral("matches"));
    report(FlowStep::Callback, true, summary);
    return callback;
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

void FlowSession::validateTokens(FlowStep step, TokenResponse tokens, std::optional<jwt::DecodedJwt> previous, bool allowRefetch,
                                 Callback<TokenSession> done)
{
    const auto commit = [this, step, done](TokenResponse committed, std::optional<jwt::JwtValidation> validation) {
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
        done(std::move(session));
    };

    if (tokens.idToken.isEmpty()) {
        if (step == FlowStep::Token && m_requestedOpenId) {
            // OIDC Core §3.1.3.3: a code exchange for scope openid returns an ID token.
            const Error error = makeError(ErrorCategory::IdToken, "IDT_MISSING", "scope openid was requested but the token response has no id_token");
            report(FlowStep::IdToken, false, text(error.summary()), error);
            done(error);
            return;
        }
        report(step == FlowStep::Refresh ? FlowStep::Refresh : FlowStep::IdToken, true,
               step == FlowStep::Refresh ? QStringLiteral("new access token (no new ID token)") : QStringLiteral("no ID token in the response"));
        commit(std::move(tokens), std::nullopt);
        return;
    }
    if (!m_keys && !m_security.allowUnsignedIdToken) {
        const Error error = makeError(ErrorCategory::Keys, "KEYS_NOT_LOADED", "the provider keys are not loaded; the ID token cannot be verified");
        report(FlowStep::IdToken, false, text(error.summary()), error);
        done(error);
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
    const QString idToken = tokens.idToken;
    runOffThread<jwt::JwtValidation>(
        this,
        [idToken, metadata, keys, expected, previous] {
            auto validation = validateIdToken(idToken, metadata, keys, expected);
            if (previous)
                checkRefreshedIdToken(*previous, validation);
            return validation;
        },
        [this, step, tokens = std::move(tokens), previous, allowRefetch, done, commit](jwt::JwtValidation validation) mutable {
            m_lastValidation = validation;
            if (validation.error && validation.error->code == "KID_UNKNOWN" && allowRefetch && m_refetchGate.mayRefetch(now())) {
                // rp-checks K2: the provider may have rotated its keys; refetch once, then retry.
                m_refetchGate.recordRefetch(now());
                fetchKeys([this, step, tokens, previous, done](Result<crypto::JsonWebKeySet> refetched) mutable {
                    if (!refetched) {
                        report(FlowStep::IdToken, false, text(refetched.error().summary()), refetched.error());
                        done(refetched.error());
                        return;
                    }
                    validateTokens(step, std::move(tokens), previous, false, done);
                });
                return;
            }
            if (!validation.ok()) {
                report(FlowStep::IdToken, false, QStringLiteral("ID token refused: %1 — the earlier session is kept").arg(text(validation.error->summary())),
                       validation.error, validation.checks);
                done(*validation.error);
                return;
            }
            report(FlowStep::IdToken, true, QStringLiteral("ID token valid: %1 checks passed").arg(validation.checks.size()), std::nullopt,
                   validation.checks);
            commit(std::move(tokens), std::move(validation));
        });
}

net::RequestHandle FlowSession::exchangeCode(Callback<TokenSession> done)
{
    if (!m_callback || !m_pending) {
        done(failStep<TokenSession>(FlowStep::Token, makeError(ErrorCategory::Authz, "AUTHZ_NO_CODE", "there is no validated callback to exchange")));
        return {};
    }
    if (!m_metadata) {
        done(failStep<TokenSession>(FlowStep::Token, makeError(ErrorCategory::Discovery, "DISCOVERY_NOT_LOADED", "the provider metadata is not loaded")));
        return {};
    }
    auto request = buildAuthorizationCodeRequest(m_metadata->tokenEndpoint, m_client, *m_callback, *m_pending);
    // A code is single-use: it is consumed whatever the outcome, and never retried automatically (rp-checks T7).
    m_callback.reset();
    if (!request) {
        done(failStep<TokenSession>(FlowStep::Token, request.error()));
        return {};
    }
    return m_transport.send(*request, this, [this, done](Result<net::HttpResponse> response) {
        if (!response) {
            Error error = response.error();
            error.message += " — the code may have been consumed: restart the login";
            done(failStep<TokenSession>(FlowStep::Token, error));
            return;
        }
        auto tokens = processTokenResponse(*response, now());
        if (!tokens) {
            done(failStep<TokenSession>(FlowStep::Token, tokens.error()));
            return;
        }
        QStringList got{QStringLiteral("access token")};
        if (!tokens->idToken.isEmpty())
            got << QStringLiteral("ID token");
        if (!tokens->refreshToken.isEmpty())
            got << QStringLiteral("refresh token");
        report(FlowStep::Token, true, QStringLiteral("received %1").arg(got.join(QStringLiteral(", "))));
        validateTokens(FlowStep::Token, std::move(tokens).value(), std::nullopt, true, done);
    });
}

net::RequestHandle FlowSession::fetchUserInfo(Callback<Json> done)
{
    if (!m_session) {
        done(failStep<Json>(FlowStep::UserInfo, makeError(ErrorCategory::UserInfo, "USERINFO_NO_TOKEN", "there is no session to use")));
        return {};
    }
    auto request = buildUserInfoRequest(m_metadata ? m_metadata->userinfoEndpoint : QUrl(), m_session->tokens.accessToken);
    if (!request) {
        done(failStep<Json>(FlowStep::UserInfo, request.error()));
        return {};
    }
    const std::string expectedSub = m_session->idToken ? m_session->idToken->stringClaim("sub").value_or(std::string()) : std::string();
    return m_transport.send(*request, this, [this, expectedSub, done](Result<net::HttpResponse> response) {
        if (!response) {
            done(failStep<Json>(FlowStep::UserInfo, response.error()));
            return;
        }
        auto claims = processUserInfoResponse(*response, expectedSub);
        if (!claims) {
            done(failStep<Json>(FlowStep::UserInfo, claims.error()));
            return;
        }
        if (m_session) {
            m_session->userInfo = *claims;
            Q_EMIT sessionChanged();
        }
        report(FlowStep::UserInfo, true,
               QStringLiteral("%1 claims%2").arg(claims->size()).arg(expectedSub.empty() ? QString() : QStringLiteral(", sub matches the ID token")));
        done(std::move(claims));
    });
}

net::RequestHandle FlowSession::refresh(Callback<TokenSession> done)
{
    if (!m_session || m_session->tokens.refreshToken.isEmpty()) {
        done(failStep<TokenSession>(FlowStep::Refresh, makeError(ErrorCategory::Token, "TOKEN_NO_REFRESH_TOKEN", "there is no refresh token")));
        return {};
    }
    auto request = buildRefreshRequest(m_metadata ? m_metadata->tokenEndpoint : QUrl(), m_client, m_session->tokens.refreshToken);
    if (!request) {
        done(failStep<TokenSession>(FlowStep::Refresh, request.error()));
        return {};
    }
    const std::optional<jwt::DecodedJwt> previous = m_session->idToken;
    return m_transport.send(*request, this, [this, previous, done](Result<net::HttpResponse> response) {
        if (!response) {
            done(failStep<TokenSession>(FlowStep::Refresh, response.error()));
            return;
        }
        auto tokens = processTokenResponse(*response, now());
        if (!tokens) {
            done(failStep<TokenSession>(FlowStep::Refresh, tokens.error()));
            return;
        }
        report(FlowStep::Refresh, true,
               QStringLiteral("new access token%1%2")
                   .arg(tokens->refreshToken.isEmpty() ? QString() : QStringLiteral(", rotated refresh token"),
                        tokens->idToken.isEmpty() ? QString() : QStringLiteral(", new ID token")));
        validateTokens(FlowStep::Refresh, std::move(tokens).value(), previous, true, done);
    });
}

net::RequestHandle FlowSession::revoke(TokenTypeHint which, bool sendHint, std::function<void(Status)> done)
{
    if (!m_session) {
        const Error error = makeError(ErrorCategory::Token, "REVOKE_NO_TOKEN", "there is no session");
        report(FlowStep::Revoke, false, text(error.summary()), error);
        done(error);
        return {};
    }
    const QString token = which == TokenTypeHint::RefreshToken ? m_session->tokens.refreshToken : m_session->tokens.accessToken;
    auto request = buildRevocationRequest(m_metadata ? m_metadata->revocationEndpoint : QUrl(), m_client, token,
                                          sendHint ? which : TokenTypeHint::None);
    if (!request) {
        report(FlowStep::Revoke, false, text(request.error().summary()), request.error());
        done(request.error());
        return {};
    }
    const QString what = which == TokenTypeHint::RefreshToken ? QStringLiteral("refresh token") : QStringLiteral("access token");
    return m_transport.send(*request, this, [this, what, done](Result<net::HttpResponse> response) {
        Status status = response ? processRevocationResponse(*response) : Status(response.error());
        if (!status) {
            report(FlowStep::Revoke, false, text(status.error().summary()), status.error());
            done(status);
            return;
        }
        report(FlowStep::Revoke, true, QStringLiteral("%1 revoked or already invalid (RFC 7009 §2.2)").arg(what));
        done({});
    });
}

Result<QUrl> FlowSession::beginLogout(const QString &postLogoutRedirectUri)
{
    auto state = generateState();
    if (!state)
        return failStep<QUrl>(FlowStep::Logout, state.error());
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
        return failStep<QUrl>(FlowStep::Logout, url.error());
    m_logoutState = request.state;
    report(FlowStep::Logout, true, QStringLiteral("local session cleared; end-session URL ready"));
    return url;
}

Status FlowSession::completeLogout(const QUrl &callbackUrl)
{
    // Only the redirect that confirms the logout spends its state: a forged or stray one is
    // refused and the real one can still arrive.
    Status status = validateLogoutCallback(callbackUrl, m_logoutState);
    if (!status) {
        report(FlowStep::Logout, false, text(status.error().summary()), status.error());
        return status;
    }
    m_logoutState.clear();
    report(FlowStep::Logout, true, QStringLiteral("the provider confirmed the logout (state matches)"));
    return {};
}

net::RequestHandle FlowSession::clientCredentials(const QString &scope, const FormFields &extra, Callback<TokenResponse> done)
{
    auto request = buildClientCredentialsRequest(m_metadata ? m_metadata->tokenEndpoint : QUrl(), m_client, scope, extra);
    if (!request) {
        done(failStep<TokenResponse>(FlowStep::ClientCredentials, request.error()));
        return {};
    }
    return m_transport.send(*request, this, [this, done](Result<net::HttpResponse> response) {
        if (!response) {
            done(failStep<TokenResponse>(FlowStep::ClientCredentials, response.error()));
            return;
        }
        auto tokens = processTokenResponse(*response, now());
        if (!tokens) {
            done(failStep<TokenResponse>(FlowStep::ClientCredentials, tokens.error()));
            return;
        }
        report(FlowStep::ClientCredentials, true,
               QStringLiteral("access token, %1").arg(tokens->expiresIn ? QStringLiteral("expires in %1 s").arg(*tokens->expiresIn)
                                                                        : QStringLiteral("expiry unknown")));
        done(std::move(tokens));
    });
}

} // namespace oidc::flow
