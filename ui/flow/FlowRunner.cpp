#include "FlowRunner.h"

#include "ui/UiText.h"

#include "oidc/Redaction.h"
#include "oidc/flow/LoopbackRedirectListener.h"
#include "oidc/net/ExchangeLog.h"

#include <QDesktopServices>
#include <QUrlQuery>

namespace ui {

using oidc::ErrorCategory;
using oidc::makeError;
using oidc::flow::FlowStep;
using oidc::flow::ProviderKind;
using oidc::flow::ProviderProfile;
using oidc::jwt::CheckOutcome;
using oidc::jwt::ClaimCheck;

namespace {

std::optional<FlowStepModel::Step> modelStep(FlowStep step)
{
    using Step = FlowStepModel::Step;
    switch (step) {
    case FlowStep::Discovery: return Step::Discovery;
    case FlowStep::Keys: return Step::Keys;
    case FlowStep::Prepare: return Step::Prepare;
    case FlowStep::Authorize: return Step::Authorize;
    case FlowStep::Callback: return Step::Callback;
    case FlowStep::Token: return Step::Token;
    case FlowStep::IdToken: return Step::IdToken;
    case FlowStep::UserInfo: return Step::UserInfo;
    case FlowStep::Refresh: return Step::Refresh;
    case FlowStep::Revoke: return Step::Revoke;
    case FlowStep::Logout: return Step::Logout;
    case FlowStep::ClientCredentials: return std::nullopt;
    }
    return std::nullopt;
}

// Which exchange-log records belong to a step (the `step` the core writes into each request).
bool recordBelongsTo(FlowStepModel::Step step, const QString &recordStep)
{
    using Step = FlowStepModel::Step;
    switch (step) {
    case Step::Discovery: return recordStep == QLatin1String("discovery");
    case Step::Keys: return recordStep == QLatin1String("JWKS");
    case Step::Token: return recordStep.startsWith(QLatin1String("token (authorization_code)"));
    case Step::IdToken: return recordStep == QLatin1String("JWKS"); // refetch on an unknown kid
    case Step::UserInfo: return recordStep == QLatin1String("userinfo");
    case Step::Refresh: return recordStep.startsWith(QLatin1String("token (refresh_token)")) || recordStep == QLatin1String("JWKS");
    case Step::Revoke: return recordStep == QLatin1String("revoke");
    case Step::Prepare:
    case Step::Authorize:
    case Step::Browser:
    case Step::Callback:
    case Step::Logout: return false; // no back-channel request: the browser carries these
    }
    return false;
}

bool sameEndpoints(const oidc::flow::ProviderMetadata &a, const oidc::flow::ProviderMetadata &b)
{
    return a.issuer == b.issuer && a.authorizationEndpoint == b.authorizationEndpoint && a.tokenEndpoint == b.tokenEndpoint
        && a.userinfoEndpoint == b.userinfoEndpoint && a.jwksUri == b.jwksUri && a.revocationEndpoint == b.revocationEndpoint
        && a.endSessionEndpoint == b.endSessionEndpoint;
}

bool sameProvider(const ProviderProfile &a, const ProviderProfile &b)
{
    return a.kind == b.kind && a.effectiveIssuer() == b.effectiveIssuer() && sameEndpoints(a.manualEndpoints, b.manualEndpoints);
}

bool sameRedirect(const ProviderProfile &a, const ProviderProfile &b)
{
    return a.browserMode == b.browserMode && a.redirectPort == b.redirectPort && a.redirectPath == b.redirectPath;
}

ClaimCheck check(std::string id, std::string rule, CheckOutcome outcome, const QString &detail, std::string code = {})
{
    ClaimCheck out;
    out.id = std::move(id);
    out.rule = std::move(rule);
    out.outcome = outcome;
    out.detail = toStd(detail);
    out.code = std::move(code);
    return out;
}

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

} // namespace

FlowRunner::FlowRunner(oidc::net::HttpTransport &transport, oidc::net::ExchangeLog *log, QObject *parent)
    : QObject(parent)
    , m_log(log)
    , m_steps(new FlowStepModel(this))
    , m_session(new oidc::flow::FlowSession(transport, this))
{
    m_browserTimeout.setSingleShot(true);
    connect(&m_browserTimeout, &QTimer::timeout, this, [this] {
        const oidc::Error error = makeError(ErrorCategory::Listener, "LISTENER_TIMEOUT",
                                            QStringLiteral("no redirect came back within %1 s; the flow was stopped (rp-checks L5)")
                                                .arg(m_browserTimeoutMs / 1000)
                                                .toStdString());
        Q_EMIT stopEmbeddedBrowser();
        if (m_active == Step::Browser) {
            fail(Step::Browser, error);
        } else if (m_active == Step::Logout) {
            m_logoutWaiting = false;
            fail(Step::Logout, error);
        }
    });
    connect(m_session, &oidc::flow::FlowSession::stepFinished, this, &FlowRunner::onStepReport);
    connect(m_session, &oidc::flow::FlowSession::sessionChanged, this, &FlowRunner::sessionChanged);
    if (m_log)
        connect(m_log, &oidc::net::ExchangeLog::recordAdded, this, &FlowRunner::onRecordAdded);
}

FlowRunner::~FlowRunner()
{
    ++m_generation;
    m_handle.cancel();
}

// ---------------------------------------------------------------------------------------------
// Settings

void FlowRunner::setProfile(const ProviderProfile &profile)
{
    cancel();
    m_profile = profile;
    m_appliedProvider.reset();
    m_defaults.reset();
    m_authorizationUrl.clear();
    m_logoutUrl.clear();
    m_lastCallbackUrl.clear();
    m_steps->resetAll();
    m_session->setProvider({});
    m_session->setClient(profile.clientCredentials());
    m_session->setSecurity(profile.security);
    m_session->clearSession();
}

void FlowRunner::updateProfile(const ProviderProfile &profile)
{
    const ProviderProfile old = m_profile;
    m_profile = profile;
    m_session->setClient(profile.clientCredentials());
    m_session->setSecurity(profile.security);
    if (!sameProvider(old, profile)) {
        // Another provider: its metadata, keys and pending login are no longer valid.
        if (m_active && isLoginStepRunning())
            cancel();
        m_appliedProvider.reset();
        m_session->setProvider({});
        m_authorizationUrl.clear();
        for (int i = 0; i < FlowStepModel::kLoginStepCount; ++i)
            m_steps->reset(static_cast<Step>(i));
        stopListeners();
    } else if (!sameRedirect(old, profile)) {
        // Another redirect URI: steps 4 onwards must run again.
        if (m_active && isLoginStepRunning())
            cancel();
        m_authorizationUrl.clear();
        resetAfter(Step::Prepare);
        stopListeners();
    }
}

bool FlowRunner::isLoginStepRunning() const
{
    return m_active && FlowStepModel::isLoginStep(*m_active);
}

oidc::Status FlowRunner::applyProvider()
{
    if (m_profile.kind == ProviderKind::Sandbox && m_profile.issuer.isEmpty())
        return makeError(ErrorCategory::Sandbox, "SANDBOX_NOT_RUNNING",
                         "the built-in sandbox is not running: start it with Restart in the provider bar");
    auto settings = m_profile.providerSettings();
    if (!settings)
        return settings.error();
    m_session->setProvider(*settings);
    m_appliedProvider = *settings;
    m_session->setClient(m_profile.clientCredentials());
    m_session->setSecurity(m_profile.security);
    return {};
}

QString FlowRunner::embeddedRedirectUri(const QString &path) const
{
    // Never loaded: the embedded browser intercepts it. Without a fixed port none is written
    // (loopback redirect URIs may use any port, RFC 8252 §7.3).
    const QString port = m_profile.redirectPort ? QStringLiteral(":%1").arg(m_profile.redirectPort) : QString();
    return QStringLiteral("http://127.0.0.1") + port + path;
}

QString FlowRunner::redirectUri() const
{
    if (m_profile.browserMode == oidc::flow::BrowserMode::System) {
        if (m_listener && m_listener->isListening())
            return m_listener->redirectUri();
        if (m_profile.redirectPort)
            return QStringLiteral("http://127.0.0.1:%1%2").arg(m_profile.redirectPort).arg(m_profile.redirectPath);
        return {};
    }
    return embeddedRedirectUri(m_profile.redirectPath);
}

QString FlowRunner::listenerUri() const
{
    return m_listener && m_listener->isListening() ? m_listener->redirectUri() : QString();
}

QString FlowRunner::postLogoutRedirectUri() const
{
    return m_postLogoutUri;
}

// ---------------------------------------------------------------------------------------------
// Sequencing

bool FlowRunner::canRunAlone(Step step)
{
    return step != Step::IdToken && step != Step::Callback;
}

std::optional<FlowRunner::Step> FlowRunner::nextStep() const
{
    for (int i = 0; i < FlowStepModel::kLoginStepCount; ++i) {
        const auto step = static_cast<Step>(i);
        if (m_steps->state(step) == FlowStepModel::State::Ok)
            continue;
        switch (step) {
        case Step::Callback:
            return Step::Browser;
        case Step::Token:
        case Step::IdToken:
            // A code is single-use: once consumed (or never received) a new login starts at step 3.
            return m_session->callback() ? Step::Token : Step::Prepare;
        case Step::UserInfo:
            return m_session->session() ? Step::UserInfo : Step::Prepare;
        default:
            return step;
        }
    }
    return std::nullopt;
}

void FlowRunner::setActive(std::optional<Step> step)
{
    const bool wasBusy = m_active.has_value();
    m_active = step;
    if (wasBusy != m_active.has_value())
        Q_EMIT busyChanged(m_active.has_value());
}

void FlowRunner::begin(Step step, const QString &summary)
{
    setActive(step);
    m_steps->setRunning(step, summary);
}

void FlowRunner::finish(Step step, bool ok)
{
    if (m_active == step)
        setActive(std::nullopt);
    if (!ok) {
        m_runAll = false;
        return;
    }
    if (m_runAll) {
        // On a later turn: the step that just finished may still be unwinding.
        QMetaObject::invokeMethod(this, &FlowRunner::continueRunAll, Qt::QueuedConnection);
    }
}

void FlowRunner::fail(Step step, const oidc::Error &error)
{
    m_steps->setFailed(step, error);
    finish(step, false);
}

void FlowRunner::continueRunAll()
{
    if (!m_runAll || m_active)
        return;
    const auto next = nextStep();
    if (!next) {
        m_runAll = false;
        return;
    }
    runStep(*next);
}

void FlowRunner::resetAfter(Step step)
{
    for (int i = static_cast<int>(step) + 1; i < FlowStepModel::kLoginStepCount; ++i)
        m_steps->reset(static_cast<Step>(i));
}

void FlowRunner::runAll()
{
    if (m_active)
        return;
    m_runAll = true;
    runStep(Step::Discovery);
}

void FlowRunner::runAllFrom(Step step)
{
    if (m_active)
        return;
    m_runAll = true;
    runStep(step);
}

void FlowRunner::browserUnavailable(const QString &reason)
{
    if (m_active != Step::Browser && m_active != Step::Logout)
        return;
    const Step step = *m_active;
    m_browserTimeout.stop();
    m_logoutWaiting = false;
    fail(step, makeError(ErrorCategory::Input, "BROWSER_UNAVAILABLE", toStd(reason)));
}

void FlowRunner::runNext()
{
    if (m_active)
        return;
    if (const auto next = nextStep())
        runStep(*next);
}

void FlowRunner::runStep(Step step)
{
    if (m_active)
        return; // one step at a time
    if (step == Step::IdToken)
        step = Step::Token; // validation runs with the exchange
    if (FlowStepModel::isLoginStep(step)) {
        resetAfter(step);
        m_steps->reset(step);
    }
    switch (step) {
    case Step::Discovery: runDiscovery(); break;
    case Step::Keys: runKeys(); break;
    case Step::Prepare: runPrepare(); break;
    case Step::Authorize: runAuthorize(); break;
    case Step::Browser: runBrowser(); break;
    case Step::Callback:
        begin(Step::Callback);
        fail(Step::Callback, makeError(ErrorCategory::Input, "CALLBACK_URL_MISSING",
                                       "the callback arrives from the browser (step 5); to check one by hand, paste its URL"));
        break;
    case Step::Token:
    case Step::IdToken: runToken(); break;
    case Step::UserInfo: runUserInfo(); break;
    case Step::Refresh: (void)refresh(false); break;
    case Step::Revoke: revoke(oidc::flow::TokenTypeHint::AccessToken, true); break;
    case Step::Logout: logout(); break;
    }
}

void FlowRunner::cancel()
{
    const auto active = m_active;
    m_runAll = false;
    ++m_generation;
    // Delivers NET_CANCELLED synchronously; FlowSession reports it and the step shows "cancelled".
    const oidc::net::RequestHandle handle = m_handle;
    m_handle = {};
    handle.cancel();
    stopWaiting();
    stopListeners();
    m_logoutWaiting = false;
    if (active) {
        if (m_steps->state(*active) == FlowStepModel::State::Running)
            m_steps->setCancelled(*active, QStringLiteral("stopped by Cancel"));
        setActive(std::nullopt);
    }
}

void FlowRunner::resetFlow()
{
    cancel();
    m_defaults.reset();
    m_authorizationUrl.clear();
    m_logoutUrl.clear();
    m_lastCallbackUrl.clear();
    m_steps->resetAll();
}

void FlowRunner::stopWaiting()
{
    if (m_browserTimeout.isActive() || m_active == Step::Browser || m_logoutWaiting) {
        m_browserTimeout.stop();
        Q_EMIT stopEmbeddedBrowser();
    }
}

void FlowRunner::stopListener(QPointer<oidc::flow::LoopbackRedirectListener> &listener)
{
    if (!listener)
        return;
    listener->disconnect(this);
    listener->cancel();
    listener->deleteLater();
    listener = nullptr;
}

void FlowRunner::stopListeners()
{
    stopListener(m_listener);
    stopListener(m_logoutListener);
}

// ---------------------------------------------------------------------------------------------
// Reports and records

void FlowRunner::onStepReport(const oidc::flow::StepReport &report)
{
    if (!m_active)
        return; // a late report from a run that was cancelled
    auto mapped = modelStep(report.step);
    if (!mapped)
        return;
    Step step = *mapped;
    const bool cancelled = report.error && report.error->code == "NET_CANCELLED";

    if (m_active == Step::Refresh) {
        // A refresh reports itself, its ID token and perhaps a key refetch: the Refresh row gathers
        // them; the refresh's callback sets the final state.
        if (step == Step::Refresh && report.ok) {
            m_steps->setRunning(Step::Refresh, report.summary);
        } else if (step == Step::IdToken) {
            m_steps->setChecks(Step::Refresh, report.checks);
        } else if (step == Step::Keys) {
            m_steps->addNote(Step::Refresh, QStringLiteral("provider keys refetched: ") + report.summary);
        }
        return;
    }
    if (step == Step::Keys && (m_active == Step::Token || m_active == Step::IdToken)) {
        m_steps->addNote(Step::IdToken, QStringLiteral("provider keys refetched after an unknown kid (rp-checks K2): ") + report.summary);
        return;
    }
    if (step == Step::Logout && report.ok && m_logoutWaiting)
        return; // the end-session URL is ready; the redirect back decides

    if (cancelled)
        m_steps->setCancelled(step, QStringLiteral("request cancelled"));
    else if (report.ok)
        m_steps->setOk(step, report.summary, report.checks);
    else if (report.error)
        m_steps->setFailed(step, *report.error, report.summary, report.checks);
    else
        m_steps->setFailed(step, makeError(ErrorCategory::Input, "STEP_FAILED", toStd(report.summary)), report.summary, report.checks);

    if (step == Step::Token && report.ok && m_active == Step::Token) {
        // Validation follows off the GUI thread; its report finishes the IdToken row.
        setActive(Step::IdToken);
        m_steps->setRunning(Step::IdToken, QStringLiteral("validating the ID token…"));
    }
}

void FlowRunner::onRecordAdded(int index)
{
    if (!m_active || !m_log || index < 0 || index >= m_log->size())
        return;
    const oidc::net::ExchangeRecord &record = m_log->records().at(static_cast<size_t>(index));
    if (recordBelongsTo(*m_active, record.step))
        m_steps->addRecord(*m_active, record.id);
}

// ---------------------------------------------------------------------------------------------
// Login steps

void FlowRunner::runDiscovery()
{
    begin(Step::Discovery, QStringLiteral("fetching the provider's metadata…"));
    if (const oidc::Status applied = applyProvider(); !applied) {
        fail(Step::Discovery, applied.error());
        return;
    }
    const quint64 generation = m_generation;
    m_handle = m_session->discover([this, generation](oidc::Result<oidc::flow::ProviderMetadata> metadata) {
        if (generation != m_generation)
            return;
        finish(Step::Discovery, metadata.ok());
    });
}

void FlowRunner::runKeys()
{
    begin(Step::Keys, QStringLiteral("fetching the provider's keys…"));
    const quint64 generation = m_generation;
    m_handle = m_session->fetchKeys([this, generation](oidc::Result<oidc::crypto::JsonWebKeySet> keys) {
        if (generation != m_generation)
            return;
        finish(Step::Keys, keys.ok());
    });
}

void FlowRunner::runPrepare()
{
    begin(Step::Prepare, QStringLiteral("generating PKCE, state and nonce…"));
    m_session->setClient(m_profile.clientCredentials());
    m_session->setSecurity(m_profile.security);
    stopListeners();
    m_authorizationUrl.clear();
    const quint64 generation = m_generation;
    m_session->prepare([this, generation](oidc::Status status) {
        if (generation != m_generation)
            return;
        if (status) {
            m_defaults = m_session->defaultAuthorizationRequest(redirectUri(), m_profile.scope);
            Q_EMIT defaultsReady(*m_defaults);
        }
        finish(Step::Prepare, status.ok());
    });
}

void FlowRunner::runAuthorize()
{
    begin(Step::Authorize, QStringLiteral("building the authorization URL…"));
    if (!m_session->metadata()) {
        fail(Step::Authorize, makeError(ErrorCategory::Discovery, "DISCOVERY_NOT_LOADED",
                                        "the provider metadata is not loaded: run step 1 first"));
        return;
    }
    QString redirect;
    if (m_profile.browserMode == oidc::flow::BrowserMode::System) {
        if (!m_listener || !m_listener->isListening()) {
            stopListeners();
            auto *listener = new oidc::flow::LoopbackRedirectListener(this);
            connect(listener, &oidc::flow::LoopbackRedirectListener::strayRequest, this,
                    [this](const QString &description) { m_steps->addNote(Step::Browser, description); });
            connect(listener, &oidc::flow::LoopbackRedirectListener::timedOut, this, [this] {
                const oidc::Error error = makeError(
                    ErrorCategory::Listener, "LISTENER_TIMEOUT",
                    QStringLiteral("no redirect came back within %1 s; the listener is closed (rp-checks L5)").arg(m_browserTimeoutMs / 1000).toStdString());
                if (m_active == Step::Browser)
                    fail(Step::Browser, error);
                else
                    m_steps->addNote(Step::Authorize, errorText(error) + QStringLiteral(" — run step 4 again"));
            });
            const oidc::Status started = listener->start(m_profile.redirectPort, m_profile.redirectPath, m_browserTimeoutMs,
                                                         [this](const QUrl &url) { return submitCallback(url); });
            if (!started) {
                listener->deleteLater();
                oidc::Error error = started.error();
                if (error.code == "LISTENER_BIND")
                    error.message += " — choose another port, or 0 for any free port (the provider must then allow any loopback port, RFC 8252 §7.3)";
                fail(Step::Authorize, error);
                return;
            }
            m_listener = listener;
        }
        redirect = m_listener->redirectUri();
    } else {
        redirect = embeddedRedirectUri(m_profile.redirectPath);
    }

    oidc::Result<oidc::flow::AuthorizationRequest> request = makeError(ErrorCategory::Input, "NOT_RUN", "not run");
    if (m_editor) {
        request = m_editor(redirect);
    } else {
        oidc::flow::AuthorizationRequest defaults =
            m_defaults ? *m_defaults : m_session->defaultAuthorizationRequest(redirect, m_profile.scope);
        defaults.redirectUri = redirect;
        request = defaults;
    }
    if (!request) {
        fail(Step::Authorize, request.error());
        return;
    }
    request->authorizationEndpoint = m_session->metadata()->authorizationEndpoint;
    auto url = m_session->beginAuthorization(*request);
    if (!url) {
        finish(Step::Authorize, false);
        return;
    }
    m_authorizationUrl = *url;
    Q_EMIT authorizationUrlChanged(m_authorizationUrl);
    finish(Step::Authorize, true);
}

void FlowRunner::runBrowser()
{
    begin(Step::Browser, QStringLiteral("opening the browser…"));
    if (m_authorizationUrl.isEmpty() || !m_session->pending()) {
        fail(Step::Browser, makeError(ErrorCategory::Authz, "AUTHZ_NO_URL", "there is no authorization URL: run step 4 first"));
        return;
    }
    if (m_profile.browserMode == oidc::flow::BrowserMode::System) {
        if (!m_listener || !m_listener->isListening()) {
            fail(Step::Browser, makeError(ErrorCategory::Listener, "LISTENER_CLOSED",
                                          "the loopback listener is closed (timeout or cancel): run step 4 again for a new redirect URI"));
            return;
        }
        const QString listenerAt = m_listener->redirectUri();
        m_steps->setRunning(Step::Browser, QStringLiteral("waiting for the browser… (listener at %1)").arg(listenerAt));
        const bool opened = m_opener ? m_opener(m_authorizationUrl) : QDesktopServices::openUrl(m_authorizationUrl);
        if (!opened)
            m_steps->addNote(Step::Browser, QStringLiteral("the system browser could not be opened: copy the URL into a browser"));
        Q_EMIT waitingForSystemBrowser(m_authorizationUrl, listenerAt, opened);
        return;
    }
    const QString redirect = m_session->pending()->redirectUri;
    m_steps->setRunning(Step::Browser, QStringLiteral("waiting for the redirect to %1 in the embedded browser…").arg(redirect));
    m_browserTimeout.start(m_browserTimeoutMs);
    Q_EMIT openInEmbeddedBrowser(m_authorizationUrl, {QUrl(redirect)});
}

std::vector<ClaimCheck> FlowRunner::callbackChecks(const QUrl &url) const
{
    std::vector<ClaimCheck> checks;
    const auto &pending = m_session->pending();
    const QUrlQuery query(url);
    const auto value = [&query](const QString &name) { return query.queryItemValue(name, QUrl::FullyDecoded); };
    const bool hasError = query.hasQueryItem(QStringLiteral("error"));
    if (hasError) {
        QString detail = QStringLiteral("provider refused: ") + value(QStringLiteral("error"));
        if (query.hasQueryItem(QStringLiteral("error_description")))
            detail += QStringLiteral(" — ") + value(QStringLiteral("error_description"));
        checks.push_back(check("error", "an error response ends the request (RFC 6749 §4.1.2.1)", CheckOutcome::Fail, detail, "AUTHZ_PROVIDER_ERROR"));
    }
    const std::string stateRule = "state must equal the value sent (RFC 6749 §4.1.2, §10.12; rp-checks A1)";
    if (!pending || pending->state.isEmpty()) {
        checks.push_back(check("state", stateRule, CheckOutcome::Skip, QStringLiteral("no state was sent (insecure option)")));
    } else if (!query.hasQueryItem(QStringLiteral("state"))) {
        checks.push_back(check("state", stateRule, CheckOutcome::Fail, QStringLiteral("missing; expected ") + quoted(pending->state),
                               "AUTHZ_STATE_MISSING"));
    } else if (value(QStringLiteral("state")) != pending->state) {
        checks.push_back(check("state", stateRule, CheckOutcome::Fail,
                               QStringLiteral("expected %1, got %2").arg(quoted(pending->state), quoted(value(QStringLiteral("state")))),
                               "AUTHZ_STATE_MISMATCH"));
    } else {
        checks.push_back(check("state", stateRule, CheckOutcome::Pass, QStringLiteral("matches ") + quoted(pending->state)));
    }
    const std::string issRule = "iss must equal the issuer; required when the metadata says authorization_response_iss_parameter_supported "
                                "(RFC 9207 §2.4; rp-checks A2, A3)";
    const QString issuer = pending ? pending->issuer : QString();
    if (!query.hasQueryItem(QStringLiteral("iss"))) {
        if (pending && pending->issParameterRequired)
            checks.push_back(check("iss", issRule, CheckOutcome::Fail, QStringLiteral("missing although the provider advertises it"),
                                   "AUTHZ_ISS_MISSING"));
        else
            checks.push_back(check("iss", issRule, CheckOutcome::Skip, QStringLiteral("not sent; the provider does not advertise RFC 9207")));
    } else if (value(QStringLiteral("iss")) != issuer) {
        checks.push_back(check("iss", issRule, CheckOutcome::Fail,
                               QStringLiteral("expected %1, got %2").arg(quoted(issuer), quoted(value(QStringLiteral("iss")))),
                               "AUTHZ_ISS_MISMATCH"));
    } else {
        checks.push_back(check("iss", issRule, CheckOutcome::Pass, QStringLiteral("matches ") + quoted(issuer)));
    }
    const std::string codeRule = "a single authorization code must be present (RFC 6749 §4.1.2)";
    const QStringList codes = query.allQueryItemValues(QStringLiteral("code"));
    if (codes.isEmpty())
        checks.push_back(check("code", codeRule, hasError ? CheckOutcome::Skip : CheckOutcome::Fail,
                               hasError ? QStringLiteral("none: the provider answered with an error") : QStringLiteral("missing"),
                               hasError ? std::string() : std::string("AUTHZ_CODE_MISSING")));
    else if (codes.size() > 1)
        checks.push_back(check("code", codeRule, CheckOutcome::Fail, QStringLiteral("sent %1 times").arg(codes.size()), "AUTHZ_DUPLICATE"));
    else
        checks.push_back(check("code", codeRule, CheckOutcome::Pass, QStringLiteral("received: ") + oidc::redactSecret(codes.first())));
    return checks;
}

oidc::Status FlowRunner::submitCallback(const QUrl &url)
{
    m_lastCallbackUrl = url;
    const bool standalone = !m_active;
    if (standalone)
        begin(Step::Callback, QStringLiteral("checking the callback…"));
    const std::vector<ClaimCheck> checks = callbackChecks(url);
    auto accepted = m_session->acceptCallback(url);
    m_steps->setChecks(Step::Callback, checks);
    if (!accepted) {
        m_steps->addNote(Step::Callback, QStringLiteral("refused callback: ") + errorText(accepted.error()));
        if (standalone) {
            finish(Step::Callback, false);
        } else if (m_active == Step::Browser && accepted.error().code == "AUTHZ_PROVIDER_ERROR") {
            // state and iss matched: this is the provider's real answer and the sign-in is over
            // (rp-checks A4). A forged or stray callback, by contrast, leaves the flow waiting (A1).
            m_browserTimeout.stop();
            QTimer::singleShot(0, this, [this] { stopListener(m_listener); });
            if (m_profile.browserMode == oidc::flow::BrowserMode::Embedded)
                Q_EMIT stopEmbeddedBrowser();
            fail(Step::Browser, accepted.error());
        }
        return accepted.error();
    }
    if (m_active == Step::Browser) {
        m_browserTimeout.stop();
        m_steps->setOk(Step::Browser, QStringLiteral("redirect received"));
        if (m_profile.browserMode == oidc::flow::BrowserMode::Embedded)
            Q_EMIT stopEmbeddedBrowser();
        finish(Step::Browser, true);
    } else {
        // Pasted by hand, or a browser the user opened with the copied URL: the browser step is over too.
        if (m_steps->state(Step::Browser) != FlowStepModel::State::Ok)
            m_steps->setOk(Step::Browser, QStringLiteral("redirect received outside the app's browser"));
        // The listener is needed no more (rp-checks L5); on a later turn, as this may run inside its handler.
        QTimer::singleShot(0, this, [this] { stopListener(m_listener); });
        finish(Step::Callback, true);
    }
    return {};
}

void FlowRunner::deliverBrowserRedirect(const QUrl &url)
{
    if (m_logoutWaiting && url.path() == QUrl(m_postLogoutUri).path()) {
        (void)completeLogout(url);
        return;
    }
    (void)submitCallback(url);
}

void FlowRunner::runToken()
{
    begin(Step::Token, QStringLiteral("exchanging the code…"));
    const quint64 generation = m_generation;
    m_handle = m_session->exchangeCode([this, generation](oidc::Result<oidc::flow::TokenSession> session) {
        if (generation != m_generation)
            return;
        const Step last = m_active.value_or(Step::Token);
        if (session) {
            Q_EMIT tokensAccepted();
        } else if (m_steps->state(Step::IdToken) == FlowStepModel::State::Failed) {
            Q_EMIT tokensRefused(session.error(), m_session->session().has_value());
        }
        finish(last, session.ok());
    });
}

void FlowRunner::runUserInfo()
{
    begin(Step::UserInfo, QStringLiteral("calling the UserInfo endpoint…"));
    const quint64 generation = m_generation;
    m_handle = m_session->fetchUserInfo([this, generation](oidc::Result<oidc::Json> claims) {
        if (generation != m_generation)
            return;
        finish(Step::UserInfo, claims.ok());
    });
}

// ---------------------------------------------------------------------------------------------
// After sign-in

bool FlowRunner::refresh(bool automatic)
{
    if (m_active)
        return false;
    m_steps->reset(Step::Refresh);
    begin(Step::Refresh, automatic ? QStringLiteral("refreshing automatically…") : QStringLiteral("refreshing…"));
    const quint64 generation = m_generation;
    m_handle = m_session->refresh([this, generation, automatic](oidc::Result<oidc::flow::TokenSession> session) {
        if (generation != m_generation)
            return;
        const std::vector<ClaimCheck> checks = m_steps->entry(Step::Refresh).checks;
        const QString before = m_steps->entry(Step::Refresh).summary;
        if (session) {
            QString summary = before.isEmpty() || before.endsWith(QStringLiteral("…")) ? QStringLiteral("new tokens") : before;
            if (!checks.empty())
                summary += QStringLiteral("; new ID token valid (%1 checks)").arg(checks.size());
            if (automatic)
                summary = QStringLiteral("automatic: ") + summary;
            m_steps->setOk(Step::Refresh, summary, checks);
            finish(Step::Refresh, true);
            Q_EMIT tokensAccepted();
            Q_EMIT refreshFinished(true, automatic, summary);
            return;
        }
        const oidc::Error error = session.error();
        if (error.code == "NET_CANCELLED") {
            m_steps->setCancelled(Step::Refresh, QStringLiteral("request cancelled"));
        } else {
            const bool refused = !checks.empty() && error.category == ErrorCategory::IdToken;
            m_steps->setFailed(Step::Refresh, error, refused ? QStringLiteral("new tokens refused: ") + errorText(error) : QString(), checks);
            if (refused || error.category == ErrorCategory::IdToken || error.category == ErrorCategory::Keys)
                Q_EMIT tokensRefused(error, m_session->session().has_value());
        }
        finish(Step::Refresh, false);
        Q_EMIT refreshFinished(false, automatic, errorText(error));
    });
    return true;
}

void FlowRunner::revoke(oidc::flow::TokenTypeHint which, bool sendHint)
{
    if (m_active)
        return;
    const QString what = which == oidc::flow::TokenTypeHint::RefreshToken ? QStringLiteral("refresh") : QStringLiteral("access");
    m_steps->reset(Step::Revoke);
    begin(Step::Revoke, QStringLiteral("revoking the %1 token…").arg(what));
    const quint64 generation = m_generation;
    m_handle = m_session->revoke(which, sendHint, [this, generation](oidc::Status status) {
        if (generation != m_generation)
            return;
        finish(Step::Revoke, status.ok());
    });
}

void FlowRunner::logout()
{
    if (m_active)
        return;
    m_steps->reset(Step::Logout);
    begin(Step::Logout, QStringLiteral("ending the session…"));
    stopListeners();
    QString postLogout;
    if (m_profile.browserMode == oidc::flow::BrowserMode::System) {
        auto *listener = new oidc::flow::LoopbackRedirectListener(this);
        connect(listener, &oidc::flow::LoopbackRedirectListener::strayRequest, this,
                [this](const QString &description) { m_steps->addNote(Step::Logout, description); });
        connect(listener, &oidc::flow::LoopbackRedirectListener::timedOut, this, [this] {
            if (m_active == Step::Logout) {
                m_logoutWaiting = false;
                fail(Step::Logout, makeError(ErrorCategory::Listener, "LISTENER_TIMEOUT",
                                             "the provider did not redirect back after logout; the local session is cleared"));
            }
        });
        const oidc::Status started = listener->start(m_profile.redirectPort, logoutPath(), m_browserTimeoutMs, [this](const QUrl &url) { return completeLogout(url); });
        if (!started) {
            listener->deleteLater();
            fail(Step::Logout, started.error());
            return;
        }
        m_logoutListener = listener;
        postLogout = listener->redirectUri();
    } else {
        postLogout = embeddedRedirectUri(logoutPath());
    }
    m_postLogoutUri = postLogout;
    auto url = m_session->beginLogout(postLogout);
    if (!url) {
        // No end-session endpoint (or no state): the local session is gone, the provider's is not.
        stopListeners();
        finish(Step::Logout, false);
        return;
    }
    m_logoutUrl = *url;
    m_logoutWaiting = true;
    m_steps->setRunning(Step::Logout, QStringLiteral("local session cleared; waiting for the provider's redirect to %1…").arg(postLogout));
    if (m_profile.browserMode == oidc::flow::BrowserMode::System) {
        const bool opened = m_opener ? m_opener(m_logoutUrl) : QDesktopServices::openUrl(m_logoutUrl);
        if (!opened)
            m_steps->addNote(Step::Logout, QStringLiteral("the system browser could not be opened: copy the URL into a browser"));
        Q_EMIT waitingForSystemBrowser(m_logoutUrl, postLogout, opened);
    } else {
        m_browserTimeout.start(m_browserTimeoutMs);
        Q_EMIT openInEmbeddedBrowser(m_logoutUrl, {QUrl(postLogout)});
    }
}

oidc::Status FlowRunner::completeLogout(const QUrl &url)
{
    if (!m_logoutWaiting)
        return makeError(ErrorCategory::Authz, "LOGOUT_NOT_PENDING", "no logout is waiting for a redirect");
    m_logoutWaiting = false;
    m_browserTimeout.stop();
    const oidc::Status status = m_session->completeLogout(url); // reports ok, or the state problem (rp-checks R4)
    if (m_profile.browserMode == oidc::flow::BrowserMode::Embedded)
        Q_EMIT stopEmbeddedBrowser();
    if (!status && m_logoutListener) {
        // The state was spent: no later redirect can confirm this logout. Close on a later turn
        // (this runs inside the listener's own handler).
        QPointer<oidc::flow::LoopbackRedirectListener> listener = m_logoutListener;
        m_logoutListener = nullptr;
        QTimer::singleShot(0, this, [listener] {
            if (listener) {
                listener->cancel();
                listener->deleteLater();
            }
        });
    }
    finish(Step::Logout, status.ok());
    return status;
}

} // namespace ui
