#include "FlowRunner.h"

#include "ui/UiText.h"

#include "oidc/flow/RedirectWait.h"
#include "oidc/net/ExchangeLog.h"

#include <QDesktopServices>
#include <QStringList>

#include <utility>

namespace ui {

using oidc::ErrorCategory;
using oidc::makeError;
using oidc::flow::ProviderKind;
using oidc::flow::ProviderProfile;
using oidc::flow::RedirectWait;
using oidc::flow::StepOutcome;
using oidc::jwt::ClaimCheck;

namespace {

bool sameRedirect(const ProviderProfile &a, const ProviderProfile &b)
{
    return a.browserMode == b.browserMode && a.redirectPort == b.redirectPort && a.redirectPath == b.redirectPath
        && a.privateUseScheme == b.privateUseScheme;
}

} // namespace

FlowRunner::FlowRunner(oidc::net::HttpTransport &transport, oidc::net::ExchangeLog *log, QObject *parent)
    : QObject(parent)
    , m_log(log)
    , m_steps(new FlowStepModel(this))
    , m_session(new oidc::flow::FlowSession(transport, this))
    , m_loginWait(new RedirectWait(this))
    , m_logoutWait(new RedirectWait(this))
{
    for (RedirectWait *wait : {m_loginWait, m_logoutWait}) {
        connect(wait, &RedirectWait::openInEmbeddedBrowser, this, &FlowRunner::openInEmbeddedBrowser);
        connect(wait, &RedirectWait::stopEmbeddedBrowser, this, &FlowRunner::stopEmbeddedBrowser);
    }
    connect(m_loginWait, &RedirectWait::note, this, [this](const QString &note) { m_steps->addNote(Step::Browser, note); });
    connect(m_loginWait, &RedirectWait::finished, this, &FlowRunner::onLoginRedirect);
    connect(m_logoutWait, &RedirectWait::note, this, [this](const QString &note) { m_steps->addNote(Step::Logout, note); });
    connect(m_logoutWait, &RedirectWait::finished, this, &FlowRunner::onLogoutRedirect);
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
    m_providerIdentity = providerIdentity(profile);
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
    const QString oldIdentity = std::exchange(m_providerIdentity, providerIdentity(profile));
    const ProviderProfile old = m_profile;
    m_profile = profile;
    m_session->setClient(profile.clientCredentials());
    m_session->setSecurity(profile.security);
    if (oldIdentity != m_providerIdentity) {
        // Another provider: its metadata, keys and pending login are no longer valid.
        if (m_active && isLoginStepRunning())
            cancel();
        m_appliedProvider.reset();
        m_session->setProvider({});
        m_authorizationUrl.clear();
        for (int i = 0; i < FlowStepModel::kLoginStepCount; ++i)
            m_steps->reset(static_cast<Step>(i));
        stopWaits();
    } else if (!sameRedirect(old, profile)) {
        // Another redirect URI: steps 4 onwards must run again.
        if (m_active && isLoginStepRunning())
            cancel();
        m_authorizationUrl.clear();
        resetAfter(Step::Prepare);
        stopWaits();
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
    // `{{variables}}` are substituted here, each time, so the profile keeps its templates; one
    // that does not resolve refuses the step with the core's error naming the field.
    auto resolved = resolve(m_profile);
    if (!resolved)
        return resolved.error();
    auto settings = resolved->profile().providerSettings();
    if (!settings)
        return settings.error();
    m_session->setProvider(*settings);
    m_appliedProvider = *settings;
    m_session->setClient(m_profile.clientCredentials());
    m_session->setSecurity(m_profile.security);
    return {};
}

oidc::Result<oidc::workspace::ResolvedProfile> FlowRunner::resolve(const ProviderProfile &profile) const
{
    return m_resolver ? m_resolver(profile) : oidc::workspace::resolveProfile(profile, {});
}

QString FlowRunner::providerIdentity(const ProviderProfile &profile) const
{
    const auto resolved = resolve(profile);
    const ProviderProfile &used = resolved ? resolved->profile() : profile;
    const oidc::flow::ManualEndpoints &endpoints = used.manualEndpoints;
    return QStringList{QString::number(static_cast<int>(used.kind)), used.effectiveIssuer(), endpoints.issuer, endpoints.authorization,
                       endpoints.token, endpoints.userinfo, endpoints.jwks, endpoints.revocation, endpoints.endSession}
        .join(QLatin1Char('\n'));
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
        if (const QString listening = listenerUri(); !listening.isEmpty())
            return listening;
        if (m_profile.redirectPort)
            return QStringLiteral("http://127.0.0.1:%1%2").arg(m_profile.redirectPort).arg(m_profile.redirectPath);
        return {};
    }
    if (m_profile.browserMode == oidc::flow::BrowserMode::PrivateUseScheme) {
        const auto scheme = oidc::flow::PrivateUseScheme::parse(m_profile.privateUseScheme);
        return scheme && oidc::flow::PrivateUseScheme::checkPath(m_profile.redirectPath) ? scheme->redirectUri(m_profile.redirectPath) : QString();
    }
    return embeddedRedirectUri(m_profile.redirectPath);
}

QString FlowRunner::listenerUri() const
{
    return m_loginWait->isWaiting() && m_loginWait->mode() == RedirectWait::Mode::Loopback ? m_loginWait->redirectUri() : QString();
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
    m_active = step;
    updateBusy();
}

void FlowRunner::updateBusy()
{
    const bool busy = isBusy();
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void FlowRunner::begin(Step step, const QString &summary)
{
    setActive(step);
    m_steps->setRunning(step, summary);
}

void FlowRunner::finish(Step step, bool ok)
{
    if (ok && m_runAll) {
        if (nextStep()) {
            // On a later turn: the step that just finished may still be unwinding. Busy till then.
            m_continuing = true;
            QMetaObject::invokeMethod(this, &FlowRunner::continueRunAll, Qt::QueuedConnection);
        } else {
            m_runAll = false; // the login is complete: idle now, not a turn later
        }
    }
    if (!ok)
        m_runAll = false;
    if (m_active == step)
        setActive(std::nullopt);
}

void FlowRunner::fail(Step step, const oidc::Error &error)
{
    m_steps->setFailed(step, error);
    finish(step, false);
}

void FlowRunner::continueRunAll()
{
    m_continuing = false;
    if (m_runAll && !m_active) {
        if (const auto next = nextStep()) {
            m_starting = true; // busy through the step's reset of its rows until it begins
            runStep(*next);
            m_starting = false;
        } else {
            m_runAll = false;
        }
    }
    updateBusy(); // idle unless a step started
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
    stopWaits();
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
    case Step::ClientCredentials: break; // not a step of this page
    }
}

void FlowRunner::cancel()
{
    const auto active = m_active;
    m_runAll = false;
    m_continuing = false;
    // The operation's callback runs now, with NET_CANCELLED, and shows the step as cancelled.
    const oidc::net::RequestHandle handle = std::exchange(m_handle, {});
    handle.cancel();
    ++m_generation; // anything later from an older run is dropped
    const bool waiting = m_loginWait->isWaiting() || m_logoutWait->isWaiting() || active == Step::Browser || active == Step::Logout;
    stopWaits();
    if (waiting)
        Q_EMIT stopEmbeddedBrowser();
    if (active) {
        if (m_steps->state(*active) == FlowStepModel::State::Running)
            m_steps->setCancelled(*active, QStringLiteral("stopped by Cancel"));
        setActive(std::nullopt);
    }
    updateBusy();
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

void FlowRunner::stopWaits()
{
    m_loginWait->cancel();
    m_logoutWait->cancel();
}

// ---------------------------------------------------------------------------------------------
// Reports and records

void FlowRunner::show(const oidc::flow::StepReport &report)
{
    Q_EMIT stepReported(report);
    const Step step = report.step;
    if (!FlowStepModel::isRow(step))
        return;
    if (step == Step::Keys && (m_active == Step::Token || m_active == Step::IdToken)) {
        m_steps->addNote(Step::IdToken, QStringLiteral("provider keys refetched after an unknown kid (rp-checks K2): ") + report.summary);
        return;
    }
    if (report.error && report.error->code == "NET_CANCELLED")
        m_steps->setCancelled(step, QStringLiteral("request cancelled"));
    else if (report.ok)
        m_steps->setOk(step, report.summary, report.checks);
    else
        m_steps->setFailed(step, *report.error, report.summary, report.checks);

    if (step == Step::Token && report.ok && m_active == Step::Token) {
        // The ID token's checks follow in the same outcome: its row runs next.
        setActive(Step::IdToken);
        m_steps->setRunning(Step::IdToken, QStringLiteral("validating the ID token…"));
    }
}

void FlowRunner::show(const std::vector<oidc::flow::StepReport> &reports)
{
    for (const auto &report : reports)
        show(report);
}

template <typename T>
oidc::flow::FlowSession::Callback<T> FlowRunner::showThenFinish(Step step)
{
    return [this, step, generation = m_generation](StepOutcome<T> outcome) {
        if (generation != m_generation)
            return;
        show(outcome.reports);
        finish(step, outcome.result.ok());
    };
}

void FlowRunner::onRecordAdded(int index)
{
    if (!m_active || !m_log || index < 0 || index >= m_log->size())
        return;
    // Each request carries the step that caused it (a JWKS refetch: IdToken or Refresh).
    const oidc::net::ExchangeRecord &record = m_log->records().at(static_cast<size_t>(index));
    if (record.step && FlowStepModel::isRow(*record.step))
        m_steps->addRecord(*record.step, record.id);
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
    m_handle = m_session->discover(showThenFinish<oidc::flow::ProviderMetadata>(Step::Discovery));
}

void FlowRunner::runKeys()
{
    begin(Step::Keys, QStringLiteral("fetching the provider's keys…"));
    m_handle = m_session->fetchKeys(showThenFinish<oidc::crypto::JsonWebKeySet>(Step::Keys));
}

void FlowRunner::runPrepare()
{
    begin(Step::Prepare, QStringLiteral("generating PKCE, state and nonce…"));
    m_session->setClient(m_profile.clientCredentials());
    m_session->setSecurity(m_profile.security);
    stopWaits();
    m_authorizationUrl.clear();
    const quint64 generation = m_generation;
    m_handle = m_session->prepare([this, generation](StepOutcome<void> outcome) {
        if (generation != m_generation)
            return;
        show(outcome.reports);
        if (outcome.result) {
            m_defaults = m_session->defaultAuthorizationRequest(redirectUri(), m_profile.scope);
            Q_EMIT defaultsReady(*m_defaults);
        }
        finish(Step::Prepare, outcome.result.ok());
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
        if (listenerUri().isEmpty()) {
            stopWaits();
            // The listener runs from now, so its redirect URI goes into the request; the timeout too (rp-checks L5).
            const oidc::Status started = m_loginWait->listen(m_profile.redirectPort, m_profile.redirectPath, m_browserTimeoutMs,
                                                             [this](const QUrl &url) { return judgeCallback(url); });
            if (!started) {
                oidc::Error error = started.error();
                if (error.code == "LISTENER_BIND")
                    error.message += " — choose another port, or 0 for any free port (the provider must then allow any loopback port, RFC 8252 §7.3)";
                fail(Step::Authorize, error);
                return;
            }
        }
        redirect = listenerUri();
    } else if (m_profile.browserMode == oidc::flow::BrowserMode::PrivateUseScheme) {
        // The wait runs from now, as the listener does: the timeout covers the whole sign-in (rp-checks L5).
        stopWaits();
        const oidc::Status started = awaitPrivateUse(m_loginWait, m_profile.redirectPath, [this](const QUrl &url) { return judgeCallback(url); });
        if (!started) {
            fail(Step::Authorize, started.error());
            return;
        }
        redirect = m_loginWait->redirectUri();
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
    auto outcome = m_session->beginAuthorization(*request);
    show(outcome.reports);
    if (!outcome.result) {
        finish(Step::Authorize, false);
        return;
    }
    m_authorizationUrl = *outcome.result;
    Q_EMIT authorizationUrlChanged(m_authorizationUrl);
    finish(Step::Authorize, true);
}

oidc::Status FlowRunner::awaitPrivateUse(RedirectWait *wait, const QString &path, const RedirectWait::Judge &judge)
{
    if (!m_handOver)
        return makeError(ErrorCategory::Listener, "LISTENER_NO_HAND_OVER",
                         "this window cannot receive private-use scheme redirects (no single-instance hand-over): use the loopback listener");
    return wait->awaitPrivateUse(*m_handOver, m_profile.privateUseScheme, path, m_browserTimeoutMs, judge);
}

void FlowRunner::runBrowser()
{
    begin(Step::Browser, QStringLiteral("opening the browser…"));
    if (m_authorizationUrl.isEmpty() || !m_session->pending()) {
        fail(Step::Browser, makeError(ErrorCategory::Authz, "AUTHZ_NO_URL", "there is no authorization URL: run step 4 first"));
        return;
    }
    if (m_profile.browserMode != oidc::flow::BrowserMode::Embedded) {
        const bool scheme = m_profile.browserMode == oidc::flow::BrowserMode::PrivateUseScheme;
        const QString listenerAt = scheme ? (m_loginWait->isWaiting() ? m_loginWait->redirectUri() : QString()) : listenerUri();
        if (listenerAt.isEmpty()) {
            fail(Step::Browser, makeError(ErrorCategory::Listener, "LISTENER_CLOSED",
                                          scheme ? "the wait for the private-use scheme redirect is over (timeout or cancel): run step 4 again"
                                                 : "the loopback listener is closed (timeout or cancel): run step 4 again for a new redirect URI"));
            return;
        }
        m_steps->setRunning(Step::Browser, scheme ? QStringLiteral("waiting for the browser… (redirect to %1, handed over by the desktop)").arg(listenerAt)
                                                  : QStringLiteral("waiting for the browser… (listener at %1)").arg(listenerAt));
        const bool opened = m_opener ? m_opener(m_authorizationUrl) : QDesktopServices::openUrl(m_authorizationUrl);
        if (!opened)
            m_steps->addNote(Step::Browser, QStringLiteral("the system browser could not be opened: copy the URL into a browser"));
        Q_EMIT waitingForSystemBrowser(m_authorizationUrl, listenerAt, opened);
        return;
    }
    const QString redirect = m_session->pending()->redirectUri;
    m_steps->setRunning(Step::Browser, QStringLiteral("waiting for the redirect to %1 in the embedded browser…").arg(redirect));
    m_loginWait->openEmbedded(m_authorizationUrl, redirect, m_browserTimeoutMs, [this](const QUrl &url) { return judgeCallback(url); });
}

RedirectWait::Verdict FlowRunner::judgeCallback(const QUrl &url)
{
    m_lastCallbackUrl = url;
    auto outcome = m_session->acceptCallback(url); // its report carries every check, as the core ran them
    show(outcome.reports);
    if (outcome.result)
        return RedirectWait::Verdict::accepted();
    const oidc::Error &error = outcome.result.error();
    m_steps->addNote(Step::Callback, QStringLiteral("refused callback: ") + errorText(error));
    // It bore our state: the provider's answer, and the sign-in is over with that check's error
    // (a provider error, a missing or foreign iss: rp-checks A2–A4). A callback without our state
    // is another request's or forged: the flow keeps waiting (A1).
    if (!m_session->awaitsCallback())
        return RedirectWait::Verdict::refused(error);
    return RedirectWait::Verdict::stray(error);
}

void FlowRunner::callbackOutsideTheBrowserStep()
{
    // Pasted by hand, or a browser the user opened with the copied URL: the browser step is over too.
    if (m_steps->state(Step::Browser) != FlowStepModel::State::Ok)
        m_steps->setOk(Step::Browser, QStringLiteral("redirect received outside the app's browser"));
}

void FlowRunner::onLoginRedirect(const oidc::Result<QUrl> &redirect)
{
    if (redirect) {
        if (m_active == Step::Browser) {
            m_steps->setOk(Step::Browser, QStringLiteral("redirect received"));
            finish(Step::Browser, true);
        } else {
            callbackOutsideTheBrowserStep();
        }
        return;
    }
    if (m_active == Step::Browser)
        fail(Step::Browser, redirect.error());
    else if (redirect.error().code == "LISTENER_TIMEOUT")
        m_steps->addNote(Step::Authorize, errorText(redirect.error()) + QStringLiteral(" — run step 4 again"));
}

oidc::Status FlowRunner::submitCallback(const QUrl &url)
{
    if (!m_active)
        begin(Step::Callback, QStringLiteral("checking the callback…"));
    oidc::Status status;
    if (m_loginWait->isWaiting()) {
        status = m_loginWait->deliver(url); // one that ends the wait goes on in onLoginRedirect
    } else {
        const RedirectWait::Verdict verdict = judgeCallback(url);
        status = verdict.error ? oidc::Status(*verdict.error) : oidc::Status();
        if (status)
            callbackOutsideTheBrowserStep();
    }
    if (m_active == Step::Callback)
        finish(Step::Callback, status.ok());
    return status;
}

void FlowRunner::deliverBrowserRedirect(const QUrl &url)
{
    if (m_logoutWait->isWaiting() && url.path() == QUrl(m_postLogoutUri).path()) {
        (void)m_logoutWait->deliver(url);
        return;
    }
    (void)submitCallback(url);
}

void FlowRunner::runToken()
{
    begin(Step::Token, QStringLiteral("exchanging the code…"));
    const quint64 generation = m_generation;
    m_handle = m_session->exchangeCode([this, generation](StepOutcome<oidc::flow::TokenSession> outcome) {
        if (generation != m_generation)
            return;
        show(outcome.reports); // Token, perhaps a Keys refetch, IdToken
        const Step last = m_active.value_or(Step::Token);
        if (outcome.result) {
            Q_EMIT tokensAccepted();
        } else if (m_steps->state(Step::IdToken) == FlowStepModel::State::Failed) {
            Q_EMIT tokensRefused(outcome.result.error(), m_session->session().has_value());
        }
        finish(last, outcome.result.ok());
    });
}

void FlowRunner::runUserInfo()
{
    begin(Step::UserInfo, QStringLiteral("calling the UserInfo endpoint…"));
    m_handle = m_session->fetchUserInfo(showThenFinish<oidc::Json>(Step::UserInfo));
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
    m_handle = m_session->refresh([this, generation, automatic](StepOutcome<oidc::flow::TokenSession> outcome) {
        if (generation != m_generation)
            return;
        // The Refresh row gathers the refresh's reports: its own, the new ID token's checks and a
        // key refetch, if any.
        QString before;
        std::vector<ClaimCheck> checks;
        for (const auto &report : outcome.reports) {
            if (report.step == Step::Refresh && report.ok)
                before = report.summary;
            else if (report.step == Step::IdToken)
                checks = report.checks;
            else if (report.step == Step::Keys)
                m_steps->addNote(Step::Refresh, QStringLiteral("provider keys refetched: ") + report.summary);
        }
        if (outcome.result) {
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
        const oidc::Error error = outcome.result.error();
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
    m_handle = m_session->revoke(which, sendHint, showThenFinish<void>(Step::Revoke));
}

void FlowRunner::logout()
{
    if (m_active)
        return;
    m_steps->reset(Step::Logout);
    begin(Step::Logout, QStringLiteral("ending the session…"));
    stopWaits();
    const bool system = m_profile.browserMode != oidc::flow::BrowserMode::Embedded;
    const auto judge = [this](const QUrl &url) { return judgeLogoutRedirect(url); };
    QString postLogout;
    if (system) {
        const oidc::Status started = m_profile.browserMode == oidc::flow::BrowserMode::PrivateUseScheme
            ? awaitPrivateUse(m_logoutWait, logoutPath(), judge)
            : m_logoutWait->listen(m_profile.redirectPort, logoutPath(), m_browserTimeoutMs, judge);
        if (!started) {
            fail(Step::Logout, started.error());
            return;
        }
        postLogout = m_logoutWait->redirectUri();
    } else {
        postLogout = embeddedRedirectUri(logoutPath());
    }
    m_postLogoutUri = postLogout;
    auto outcome = m_session->beginLogout(postLogout);
    if (!outcome.result) {
        // No end-session endpoint (or no state): the local session is gone, the provider's is not.
        stopWaits();
        show(outcome.reports);
        finish(Step::Logout, false);
        return;
    }
    m_logoutUrl = *outcome.result;
    m_steps->setRunning(Step::Logout, QStringLiteral("local session cleared; waiting for the provider's redirect to %1…").arg(postLogout));
    if (system) {
        const bool opened = m_opener ? m_opener(m_logoutUrl) : QDesktopServices::openUrl(m_logoutUrl);
        if (!opened)
            m_steps->addNote(Step::Logout, QStringLiteral("the system browser could not be opened: copy the URL into a browser"));
        Q_EMIT waitingForSystemBrowser(m_logoutUrl, postLogout, opened);
    } else {
        m_logoutWait->openEmbedded(m_logoutUrl, postLogout, m_browserTimeoutMs, judge);
    }
}

RedirectWait::Verdict FlowRunner::judgeLogoutRedirect(const QUrl &url)
{
    auto outcome = m_session->completeLogout(url); // the state check (rp-checks R4)
    if (outcome.result) {
        show(outcome.reports);
        return RedirectWait::Verdict::accepted();
    }
    // Not this logout's redirect (forged, or another one's): listed, and the real one can still
    // confirm the logout.
    m_steps->addNote(Step::Logout, QStringLiteral("refused redirect: ") + errorText(outcome.result.error()));
    return RedirectWait::Verdict::stray(outcome.result.error());
}

void FlowRunner::onLogoutRedirect(const oidc::Result<QUrl> &redirect)
{
    if (redirect) {
        finish(Step::Logout, true);
        return;
    }
    oidc::Error error = redirect.error();
    if (error.code == "LISTENER_TIMEOUT")
        error.message = "the provider did not redirect back after logout; the local session is cleared";
    fail(Step::Logout, error);
}

} // namespace ui

#include "moc_FlowRunner.cpp"
