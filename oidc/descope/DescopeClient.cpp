#include "DescopeClient.h"

#include "oidc/Async.h"
#include "oidc/descope/DescopeOperation.h"
#include "oidc/descope/DescopeResponse.h"
#include "oidc/descope/MagicLinkApi.h"
#include "oidc/descope/OtpApi.h"
#include "oidc/descope/ProjectKeys.h"
#include "oidc/jwt/Jwt.h"

#include <type_traits>

#include <QDateTime>
#include <QPointer>

namespace oidc::descope {

namespace {

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

Result<JwtResponse> accessKeyTokens(const net::HttpResponse &response)
{
    auto exchanged = processAccessKeyExchangeResponse(response);
    if (!exchanged)
        return exchanged.error();
    JwtResponse tokens;
    tokens.sessionJwt = std::move(exchanged->sessionJwt);
    tokens.sessionSource = TokenSource::Body;
    tokens.sessionExpiration = exchanged->expiration;
    return tokens;
}

// What each result says in the report: its error, or one line without a secret.
std::string successSummary(const EnchantedLinkStarted &started) { return "link " + started.linkId + " sent to " + started.maskedEmail; }
std::string successSummary(const MaskedAddress &masked) { return "sent to " + masked.masked(); }
std::string successSummary(const TotpEnrollment &) { return "enrolled (the key is shown once, never recorded)"; }
std::string successSummary(const OAuthStarted &) { return "the provider's page"; }
std::string successSummary(const SsoStarted &) { return "the identity provider's page"; }
std::string successSummary(const PasswordResetSent &) { return "reset link sent"; }
std::string successSummary(const PasswordPolicy &) { return "policy read"; }
std::string successSummary(const WebAuthnStarted &started) { return started.create ? "registration options" : "assertion options"; }
std::string successSummary(const DescopeUser &user) { return "user " + user.userId; }
std::string successSummary(const BearerCallAnswer &answer) { return "HTTP " + std::to_string(answer.status); }
std::string successSummary(const crypto::JsonWebKeySet &) { return "the project's keys"; }

template <typename T>
void describeResult(DescopeActionReport &report, const Result<T> &result)
{
    if (!result)
        report.error = result.error();
    else if constexpr (std::is_void_v<T>)
        report.summary = "done";
    else
        report.summary = successSummary(*result);
}

void describeResult(DescopeActionReport &report, const SessionOutcome &outcome)
{
    report.checks = outcome.checks;
    if (!outcome.ok())
        report.error = outcome.result.error();
    else
        report.summary = "session for " + outcome.result->userId;
}

void describeResult(DescopeActionReport &report, const PolledSession &polled)
{
    describeResult(report, polled.session);
    if (report.ok())
        report.summary += " after " + std::to_string(polled.polls.size()) + " poll(s)";
}

void describeResult(DescopeActionReport &report, const Result<std::optional<SessionOutcome>> &result)
{
    if (!result)
        report.error = result.error();
    else if (*result)
        describeResult(report, **result);
    else
        report.summary = "passkey added";
}

std::string_view operationWord(LoginOperation operation)
{
    return operationPath(operation);
}

Json passwordlessParameters(const PasswordlessStart &start, std::optional<DeliveryMethod> method)
{
    Json parameters = {{"loginId", start.loginId}, {"operation", std::string(operationWord(start.operation))}, {"stepUp", start.loginOptions.stepup}};
    if (method)
        parameters["method"] = std::string(methodPath(*method));
    if (!start.redirectUrl.empty())
        parameters["uri"] = start.redirectUrl;
    return parameters;
}


} // namespace

template <typename R>
std::function<void(R)> DescopeClient::reporting(std::string_view action, Json parameters, std::function<void(R)> done,
                                                std::function<void(DescopeActionReport &, const R &)> amend)
{
    return [guard = QPointer<DescopeClient>(this), action = std::string(action), parameters = std::move(parameters), done = std::move(done),
            amend = std::move(amend)](R result) {
        if (guard) {
            DescopeActionReport report;
            report.action = action;
            report.parameters = parameters;
            describeResult(report, result);
            if (amend)
                amend(report, result);
            Q_EMIT guard->actionReported(report);
        }
        done(std::move(result));
    };
}

DescopeClient::DescopeClient(net::HttpTransport &transport, DescopeProject project, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_project(std::move(project))
{
}

DescopeClient::~DescopeClient() = default;

void DescopeClient::clearSession()
{
    m_session.reset();
    Q_EMIT sessionChanged();
}

template <typename T>
void DescopeClient::send(const std::shared_ptr<DescopeOperation<T>> &operation, net::HttpRequest request,
                         std::function<void(const net::HttpResponse &)> then, Answers answers)
{
    operation->follow(m_transport.send(std::move(request), this, [operation, then = std::move(then), answers](Result<net::HttpResponse> answer) {
        if (operation->isFinished())
            return;
        if (!answer)
            operation->fail(answers == Answers::Descope ? descopeTransportError(answer.error()) : answer.error());
        else
            then(*answer);
    }));
}

template <typename T>
net::RequestHandle DescopeClient::simpleCall(Result<net::HttpRequest> request, std::function<void(Result<T>)> done,
                                             std::function<Result<T>(const net::HttpResponse &)> process, Answers answers)
{
    auto operation = DescopeOperation<Result<T>>::start(std::move(done));
    if (!request) {
        operation->fail(request.error());
        return {};
    }
    send(operation, std::move(request).value(), [operation, process](const net::HttpResponse &response) { operation->finish(process(response)); },
         answers);
    return operation->handle();
}

net::RequestHandle DescopeClient::sessionCall(Result<net::HttpRequest> request, SessionCallback done, Keep keep,
                                              std::function<Result<JwtResponse>(const net::HttpResponse &)> process)
{
    auto operation = DescopeOperation<SessionOutcome>::start(std::move(done));
    if (!request) {
        operation->fail(request.error());
        return {};
    }
    send(operation, std::move(request).value(), [this, operation, keep, process](const net::HttpResponse &response) {
        auto tokens = process(response);
        if (!tokens)
            operation->fail(tokens.error());
        else
            evaluate(operation, Evaluation{std::move(tokens).value(), {}, keep}, true);
    });
    return operation->handle();
}

template <typename T>
void DescopeClient::loadKeys(const std::shared_ptr<DescopeOperation<T>> &operation, std::function<void()> then)
{
    auto request = buildProjectKeysRequest(m_project);
    if (!request) {
        operation->fail(request.error());
        return;
    }
    // Not sorted as a Descope answer: key trouble is KEYS (or NET when no answer came).
    send(
        operation, std::move(request).value(),
        [this, operation, then = std::move(then)](const net::HttpResponse &response) {
            // Importing a key checks it (an RSA public key check takes milliseconds): off this thread.
            runOffThread<Result<crypto::JsonWebKeySet>>(
                this, [response] { return processProjectKeysResponse(response); },
                [this, operation, then](Result<crypto::JsonWebKeySet> keys) {
                    if (operation->isFinished())
                        return; // cancelled meanwhile: the earlier keys stay
                    if (!keys) {
                        operation->fail(keys.error());
                        return;
                    }
                    m_keys = std::move(keys).value();
                    then();
                });
        },
        Answers::Other);
}

void DescopeClient::evaluate(const SessionOperation &operation, Evaluation evaluation, bool mayRefetch)
{
    if (evaluation.tokens.sessionJwt.empty()) { // nothing to check, no keys needed
        operation->finish(evaluateSession(evaluation.tokens, {}, m_project));
        return;
    }
    auto check = [this, operation, evaluation, mayRefetch]() {
        std::function<SessionOutcome()> work = [tokens = evaluation.tokens, keys = *m_keys, project = m_project,
                                                requirements = evaluation.requirements, options = m_checkOptions] {
            return evaluateSession(tokens, keys, project, requirements, options);
        };
        runOffThread<SessionOutcome>(this, std::move(work), [this, operation, evaluation, mayRefetch](SessionOutcome outcome) {
            evaluated(operation, evaluation, mayRefetch, std::move(outcome));
        });
    };
    if (m_keys)
        check();
    else
        loadKeys(operation, std::move(check));
}

void DescopeClient::evaluated(const SessionOperation &operation, Evaluation evaluation, bool mayRefetch, SessionOutcome outcome)
{
    if (operation->isFinished())
        return; // cancelled meanwhile: nothing is kept
    const bool unknownKid = !outcome.ok() && outcome.result.error().code == "KID_UNKNOWN";
    if (unknownKid && mayRefetch && m_refetchGate.mayRefetch(nowSeconds())) {
        // rp-checks K2: the project may have rotated its keys; refetch once, then check again.
        m_refetchGate.recordRefetch(nowSeconds());
        loadKeys(operation, [this, operation, evaluation = std::move(evaluation)]() { evaluate(operation, evaluation, false); });
        return;
    }
    if (outcome.ok() && evaluation.keep == Keep::Session) {
        m_session = outcome.result.value();
        Q_EMIT sessionChanged();
    }
    operation->finish(std::move(outcome));
}

net::RequestHandle DescopeClient::startEnchantedLink(const PasswordlessStart &start, Callback<EnchantedLinkStarted> done)
{
    return simpleCall<EnchantedLinkStarted>(buildEnchantedLinkStartRequest(m_project, start),
                                            reporting(action::kEnchantedLinkStart, passwordlessParameters(start, std::nullopt), std::move(done)),
                                            processEnchantedLinkStartResponse);
}

net::RequestHandle DescopeClient::pollEnchantedLink(const std::string &pendingRef, PollSettings settings, Poller::Observer onPoll,
                                                    PollCallback done)
{
    auto trace = std::make_shared<PolledSession>(); // polls and warnings reach `done` on every path
    auto operation = DescopeOperation<SessionOutcome>::start([trace, done = reporting(action::kEnchantedLinkPoll, Json::object(), std::move(done))](
                                                                 SessionOutcome outcome) {
        trace->session = std::move(outcome);
        done(std::move(*trace));
    });
    auto request = buildPendingSessionRequest(m_project, pendingRef);
    if (!request) {
        operation->fail(request.error());
        return {};
    }
    auto *poller = new Poller(m_transport, std::move(request).value(), std::move(settings), this);
    poller->lowerMinimumInterval(m_minimumPollIntervalMs);
    trace->warnings = poller->warnings();
    // Cancel reaches the poller, which answers POLL_CANCELLED with its records.
    operation->follow(net::RequestHandle([guard = QPointer<Poller>(poller)] {
        if (guard)
            guard->cancel();
    }));
    poller->start(std::move(onPoll), [this, operation, trace, poller](PollOutcome polled) {
        trace->polls = polled.records;
        poller->deleteLater();
        pollFinished(operation, std::move(polled));
    });
    return operation->handle();
}

void DescopeClient::pollFinished(const SessionOperation &operation, PollOutcome polled)
{
    operation->follow({});
    if (!polled.result) {
        operation->fail(polled.result.error());
        return;
    }
    auto tokens = processJwtResponse(*polled.result);
    if (!tokens) {
        operation->fail(tokens.error());
        return;
    }
    if (tokens->sessionJwt.empty()) {
        operation->fail(makeError(ErrorCategory::Poll, "POLL_NO_SESSION",
                                  "the pending session answered HTTP " + std::to_string(polled.result->status)
                                      + " without a session JWT: not signed in (rp-checks P7)"));
        return;
    }
    evaluate(operation, Evaluation{std::move(tokens).value(), {}, Keep::Session}, true);
}

net::RequestHandle DescopeClient::verifyEnchantedLink(const std::string &token, StatusCallback done)
{
    return simpleCall<void>(buildEnchantedLinkVerifyRequest(m_project, token), reporting(action::kEnchantedLinkVerify, Json::object(), std::move(done)),
                            processEnchantedLinkVerifyResponse);
}

net::RequestHandle DescopeClient::startMagicLink(DeliveryMethod method, const PasswordlessStart &start, Callback<MaskedAddress> done)
{
    return simpleCall<MaskedAddress>(buildMagicLinkStartRequest(m_project, method, start),
                                     reporting(action::kMagicLinkStart, passwordlessParameters(start, method), std::move(done)),
                                     processMaskedAddressResponse);
}

net::RequestHandle DescopeClient::verifyMagicLink(const std::string &token, SessionCallback done)
{
    return sessionCall(buildMagicLinkVerifyRequest(m_project, token), reporting(action::kMagicLinkVerify, Json::object(), std::move(done)), Keep::Session,
                       processJwtResponse);
}

net::RequestHandle DescopeClient::startOtp(DeliveryMethod method, const PasswordlessStart &start, Callback<MaskedAddress> done)
{
    return simpleCall<MaskedAddress>(buildOtpStartRequest(m_project, method, start),
                                     reporting(action::kOtpStart, passwordlessParameters(start, method), std::move(done)),
                                     processMaskedAddressResponse);
}

net::RequestHandle DescopeClient::verifyOtp(DeliveryMethod method, const std::string &loginId, const std::string &code, SessionCallback done)
{
    return sessionCall(buildOtpVerifyRequest(m_project, method, loginId, code),
                       reporting(action::kOtpVerify, Json{{"loginId", loginId}, {"method", std::string(methodPath(method))}}, std::move(done)), Keep::Session,
                       processJwtResponse);
}

net::RequestHandle DescopeClient::signUpTotp(const std::string &loginId, const SignUpUser &user, Callback<TotpEnrollment> done)
{
    return simpleCall<TotpEnrollment>(buildTotpSignUpRequest(m_project, loginId, user),
                                      reporting(action::kTotpSignUp, Json{{"loginId", loginId}}, std::move(done)), processTotpSignUpResponse);
}

net::RequestHandle DescopeClient::verifyTotp(const std::string &loginId, const std::string &code, const LoginOptions &options,
                                             SessionCallback done)
{
    return sessionCall(buildTotpVerifyRequest(m_project, loginId, code, options),
                       reporting(action::kTotpVerify, Json{{"loginId", loginId}, {"stepUp", options.stepup}}, std::move(done)), Keep::Session,
                       processJwtResponse);
}

net::RequestHandle DescopeClient::startOAuth(const OAuthStart &start, Callback<OAuthStarted> done)
{
    return simpleCall<OAuthStarted>(buildOAuthStartRequest(m_project, start), reporting(action::kOAuthStart, Json{{"provider", start.provider}}, std::move(done)),
                                    processOAuthStartResponse);
}

net::RequestHandle DescopeClient::exchangeOAuth(const std::string &code, SessionCallback done)
{
    return sessionCall(buildOAuthExchangeRequest(m_project, code), reporting(action::kOAuthExchange, Json::object(), std::move(done)), Keep::Session,
                       processJwtResponse);
}

net::RequestHandle DescopeClient::signUpPassword(const std::string &loginId, const std::string &password, const SignUpUser &user,
                                                 const LoginOptions &options, SessionCallback done)
{
    return sessionCall(buildPasswordSignUpRequest(m_project, loginId, password, user, options),
                       reporting(action::kPasswordSignUp, Json{{"loginId", loginId}}, std::move(done)), Keep::Session,
                       processJwtResponse);
}

net::RequestHandle DescopeClient::signInPassword(const std::string &loginId, const std::string &password, const LoginOptions &options,
                                                 SessionCallback done)
{
    return sessionCall(buildPasswordSignInRequest(m_project, loginId, password, options),
                       reporting(action::kPasswordSignIn, Json{{"loginId", loginId}, {"stepUp", options.stepup}}, std::move(done)), Keep::Session,
                       processJwtResponse);
}

net::RequestHandle DescopeClient::replacePassword(const std::string &loginId, const std::string &oldPassword, const std::string &newPassword,
                                                  SessionCallback done)
{
    return sessionCall(buildPasswordReplaceRequest(m_project, loginId, oldPassword, newPassword),
                       reporting(action::kPasswordReplace, Json{{"loginId", loginId}}, std::move(done)), Keep::Session,
                       processJwtResponse);
}

net::RequestHandle DescopeClient::updatePassword(const std::string &loginId, const std::string &newPassword, const std::string &refreshJwt,
                                                 StatusCallback done)
{
    return simpleCall<void>(buildPasswordUpdateRequest(m_project, loginId, newPassword, refreshJwt),
                            reporting(action::kPasswordUpdate, Json{{"loginId", loginId}}, std::move(done)), processDescopeStatus);
}

net::RequestHandle DescopeClient::sendPasswordReset(const std::string &loginId, const std::string &redirectUrl, Callback<PasswordResetSent> done)
{
    return simpleCall<PasswordResetSent>(buildPasswordResetRequest(m_project, loginId, redirectUrl),
                                         reporting(action::kPasswordReset, Json{{"loginId", loginId}}, std::move(done)),
                                         processPasswordResetResponse);
}

net::RequestHandle DescopeClient::passwordPolicy(Callback<PasswordPolicy> done)
{
    return simpleCall<PasswordPolicy>(buildPasswordPolicyRequest(m_project), reporting(action::kPasswordPolicy, Json::object(), std::move(done)),
                                      processPasswordPolicyResponse);
}

net::RequestHandle DescopeClient::startWebAuthn(const WebAuthnStart &start, Callback<WebAuthnStarted> done)
{
    Json parameters = {{"kind", std::string(webAuthnStartWord(start.kind))}, {"loginId", start.loginId}, {"origin", start.origin}, {"stepUp", start.loginOptions.stepup},
                       {"mfa", start.mfa}};
    return simpleCall<WebAuthnStarted>(buildWebAuthnStartRequest(m_project, start), reporting(action::kWebAuthnStart, std::move(parameters), std::move(done)),
                                       processWebAuthnStartResponse);
}

net::RequestHandle DescopeClient::finishWebAuthn(WebAuthnFinishKind kind, const std::string &transactionId, const std::string &response,
                                                 SessionCallback done)
{
    done = reporting(action::kWebAuthnFinish, Json{{"kind", std::string(webAuthnFinishWord(kind))}}, std::move(done));
    if (kind == WebAuthnFinishKind::Update) {
        done(failedOutcome(makeError(ErrorCategory::Input, "DESCOPE_WEBAUTHN_FINISH_KIND",
                                     "the update finish answers no session by itself: use finishWebAuthnUpdate")));
        return {};
    }
    return sessionCall(buildWebAuthnFinishRequest(m_project, kind, transactionId, response), std::move(done), Keep::Session,
                       processJwtResponse);
}

net::RequestHandle DescopeClient::finishWebAuthnUpdate(const std::string &transactionId, const std::string &response, UpdateCallback done)
{
    auto outer = DescopeOperation<Result<std::optional<SessionOutcome>>>::start(
        reporting(action::kWebAuthnFinish, Json{{"kind", std::string(webAuthnFinishWord(WebAuthnFinishKind::Update))}}, std::move(done)));
    auto request = buildWebAuthnFinishRequest(m_project, WebAuthnFinishKind::Update, transactionId, response);
    if (!request) {
        outer->fail(request.error());
        return {};
    }
    send(outer, std::move(request).value(), [this, outer](const net::HttpResponse &answer) {
        auto parsed = processWebAuthnUpdateFinishResponse(answer);
        if (!parsed || !*parsed) {
            outer->finish(parsed ? Result<std::optional<SessionOutcome>>(std::nullopt) : Result<std::optional<SessionOutcome>>(parsed.error()));
            return;
        }
        auto inner = DescopeOperation<SessionOutcome>::start([outer](SessionOutcome outcome) { outer->finish(std::optional(std::move(outcome))); });
        outer->follow(inner->handle());
        evaluate(inner, Evaluation{std::move(**parsed), {}, Keep::Session}, true);
    });
    return outer->handle();
}

net::RequestHandle DescopeClient::refresh(const std::string &refreshJwt, SessionCallback done)
{
    return sessionCall(buildRefreshRequest(m_project, refreshJwt), reporting(action::kSessionRefresh, Json::object(), std::move(done)), Keep::Session,
                       [refreshJwt](const net::HttpResponse &response) {
        auto tokens = processJwtResponse(response);
        if (tokens && tokens->refreshJwt.empty()) { // not rotated: node and Python keep the one they sent
            tokens->refreshJwt = refreshJwt;
            tokens->refreshSource = TokenSource::Previous;
        }
        return tokens;
    });
}

net::RequestHandle DescopeClient::me(const std::string &refreshJwt, Callback<DescopeUser> done)
{
    return simpleCall<DescopeUser>(buildMeRequest(m_project, refreshJwt), reporting(action::kSessionMe, Json::object(), std::move(done)), processMeResponse);
}

net::RequestHandle DescopeClient::logout(const std::string &refreshJwt, LogoutScope scope, StatusCallback done)
{
    const Json parameters = {{"scope", std::string(scope == LogoutScope::ThisSession ? "this" : "all")}};
    auto forget = [this, refreshJwt, done = reporting(action::kSessionLogout, parameters, std::move(done))](Status status) {
        if (status && m_session && m_session->refreshJwt == refreshJwt)
            clearSession();
        done(std::move(status));
    };
    return simpleCall<void>(buildLogoutRequest(m_project, refreshJwt, scope), std::move(forget), processLogoutResponse);
}

net::RequestHandle DescopeClient::validateSession(const std::string &sessionJwt, const AuthorizationRequirements &requirements,
                                                  SessionCallback done)
{
    const Json parameters = {{"roles", requirements.roles}, {"permissions", requirements.permissions}, {"tenant", requirements.tenant}};
    auto operation = DescopeOperation<SessionOutcome>::start(reporting(action::kSessionValidate, parameters, std::move(done)));
    const std::string token(jwt::trimToken(sessionJwt));
    if (token.empty()) {
        operation->fail(makeError(ErrorCategory::Input, "DESCOPE_TOKEN_MISSING", "no session JWT to validate"));
        return {};
    }
    JwtResponse tokens;
    tokens.sessionJwt = token;
    tokens.sessionSource = TokenSource::Given;
    evaluate(operation, Evaluation{std::move(tokens), requirements, Keep::Nothing}, true);
    return operation->handle();
}

net::RequestHandle DescopeClient::exchangeAccessKey(const std::string &accessKey, const AccessKeyOptions &options, SessionCallback done)
{
    // The key's ID (never the key) from the session it gave: a replay against the sandbox finds the key by it.
    const std::function<void(DescopeActionReport &, const SessionOutcome &)> keyId = [](DescopeActionReport &report, const SessionOutcome &outcome) {
        if (outcome.ok())
            report.parameters["keyId"] = outcome.result->userId;
    };
    Json parameters = {{"customClaims", options.customClaims}, {"selectedTenant", options.selectedTenant}};
    return sessionCall(buildAccessKeyExchangeRequest(m_project, accessKey, options),
                       reporting(action::kAccessKeyExchange, std::move(parameters), std::move(done), keyId), Keep::Nothing, accessKeyTokens);
}

net::RequestHandle DescopeClient::startSso(const SsoStart &start, Callback<SsoStarted> done)
{
    return simpleCall<SsoStarted>(buildSsoStartRequest(m_project, start), reporting(action::kSsoStart, Json::object(), std::move(done)),
                                  processSsoStartResponse);
}

net::RequestHandle DescopeClient::exchangeSso(const std::string &code, SsoRoute route, SessionCallback done)
{
    return sessionCall(buildSsoExchangeRequest(m_project, code, route), reporting(action::kSsoExchange, Json::object(), std::move(done)), Keep::Session,
                       processJwtResponse);
}

net::RequestHandle DescopeClient::callWithSession(const QUrl &url, const QByteArray &method, const std::string &sessionJwt,
                                                  Callback<BearerCallAnswer> done)
{
    return simpleCall<BearerCallAnswer>(
        buildBearerCallRequest(url, method, sessionJwt, m_project.allowHttpLoopback()),
        reporting(action::kBearerCall, Json{{"method", method.toStdString()}, {"path", url.path().toStdString()}}, std::move(done)),
        [](const net::HttpResponse &response) { return Result<BearerCallAnswer>(processBearerCallResponse(response)); }, Answers::Other);
}

net::RequestHandle DescopeClient::fetchKeys(Callback<crypto::JsonWebKeySet> done)
{
    auto operation = DescopeOperation<Result<crypto::JsonWebKeySet>>::start(reporting(action::kFetchKeys, Json::object(), std::move(done)));
    loadKeys(operation, [this, operation] { operation->finish(*m_keys); });
    return operation->handle();
}

} // namespace oidc::descope

#include "moc_DescopeClient.cpp"
