#include "SocialSignInRun.h"

#include "ui/Presentation.h"
#include "ui/UiText.h"

#include "oidc/descope/DescopeNarration.h"

#include <QDateTime>
#include <QDesktopServices>

#include <utility>

namespace ui {

using namespace oidc::descope;
using oidc::flow::BrowserHop;
using oidc::flow::RedirectWait;

namespace {

oidc::Error socialRunCancelled()
{
    return oidc::makeError(oidc::ErrorCategory::Net, "NET_CANCELLED", "cancelled");
}

bool isSocialRunCancellation(const oidc::Error &error)
{
    return error.code == "NET_CANCELLED";
}

SsoRoute ssoRouteOf(SocialRoute route)
{
    return route == SocialRoute::Sso ? SsoRoute::Sso : SsoRoute::Saml;
}

BrowserHop socialHop(BrowserHop::Kind kind, const QUrl &url, std::optional<oidc::Error> refusal = std::nullopt)
{
    // The steps of a login's hops: the provider's page is this sign-in's authorization request,
    // the redirect back its callback (RFC 6749 §4.1.1, §4.1.2).
    return BrowserHop{kind, kind == BrowserHop::Kind::Open ? oidc::flow::FlowStep::Authorize : oidc::flow::FlowStep::Callback, url,
                      std::move(refusal), QDateTime::currentMSecsSinceEpoch()};
}

} // namespace

SocialSignInRun::SocialSignInRun(QObject *parent) : QObject(parent), m_wait(new RedirectWait(this))
{
    connect(m_wait, &RedirectWait::finished, this, &SocialSignInRun::redirected);
    connect(this, &SocialSignInRun::phaseChanged, this, &SocialSignInRun::narrate);
}

SocialSignInRun::~SocialSignInRun()
{
    m_closing = true;
    std::exchange(m_operation, {}).cancel();
    m_wait->cancel();
}

void SocialSignInRun::setClient(DescopeClient *client)
{
    if (m_client == client)
        return;
    cancel();
    m_client = client;
}

void SocialSignInRun::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

void SocialSignInRun::narrate(Phase phase) const
{
    using oidc::descope::DescopeMove;
    const auto say = [](DescopeMove move) { Presentation::narrate(oidc::descope::descopeNarration(move)); };
    switch (phase) {
    case Phase::Starting: say(m_record.route == SocialRoute::OAuth ? DescopeMove::SocialStart : DescopeMove::SsoStart); return;
    case Phase::Browsing: say(DescopeMove::SocialBrowser); return;
    case Phase::Exchanging: say(DescopeMove::SocialExchange); return;
    case Phase::Done: say(DescopeMove::SignedIn); return;
    case Phase::Failed: say(DescopeMove::Refused); return;
    case Phase::Idle:
    case Phase::Cancelled: return; // nothing happens that an audience would follow
    }
}

void SocialSignInRun::startOAuth(const OAuthStart &start, const SocialBrowserChoice &browser)
{
    begin(SocialRoute::OAuth, qs(start.provider), browser, [this, start](const std::string &redirectUrl, auto done) {
        OAuthStart request = start;
        request.redirectUrl = redirectUrl;
        return m_client->startOAuth(request, [done = std::move(done)](oidc::Result<OAuthStarted> started) {
            done(started ? oidc::Result<std::string>(std::move(started->url)) : oidc::Result<std::string>(started.error()));
        });
    });
}

void SocialSignInRun::startSso(const SsoStart &start, const SocialBrowserChoice &browser)
{
    const SocialRoute route = start.route == SsoRoute::Sso ? SocialRoute::Sso : SocialRoute::Saml;
    begin(route, qs(start.tenantOrEmail), browser, [this, start](const std::string &redirectUrl, auto done) {
        SsoStart request = start;
        request.redirectUrl = redirectUrl;
        return m_client->startSso(request, [done = std::move(done)](oidc::Result<SsoStarted> started) {
            done(started ? oidc::Result<std::string>(std::move(started->url)) : oidc::Result<std::string>(started.error()));
        });
    });
}

void SocialSignInRun::begin(SocialRoute route, const QString &target, const SocialBrowserChoice &browser, StartCall startCall)
{
    const quint64 serial = ++m_serial;
    std::exchange(m_operation, {}).cancel();
    m_wait->cancel();
    m_record = SocialSignInRecord{};
    m_record.route = route;
    m_record.target = target;
    Q_EMIT recorded();
    if (!m_client) {
        fail(Phase::Starting, oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NO_PROJECT", "no Descope project is chosen"));
        return;
    }
    std::string redirectUrl;
    if (browser.system) {
        // The listener first: its URL is the start's redirect URL, and the timeout runs from now
        // (RFC 8252 §7.3; rp-checks L5).
        const oidc::Status listening = m_wait->listen(browser.port, callbackPath(), m_timeoutMs, [this](const QUrl &url) { return judge(url); });
        if (!listening) {
            oidc::Error error = listening.error();
            if (error.code == "LISTENER_BIND")
                error.message += " — choose another port, or 0 for any free port";
            fail(Phase::Starting, std::move(error));
            return;
        }
        redirectUrl = toStd(m_wait->redirectUri());
    } else {
        redirectUrl = toStd(browser.embeddedRedirect.trimmed());
        if (redirectUrl.empty()) {
            fail(Phase::Starting, oidc::makeError(oidc::ErrorCategory::Input, "DESCOPE_REDIRECT_URL",
                                                  "the embedded browser needs a redirect URL to intercept"));
            return;
        }
    }
    m_record.redirectUrl = qs(redirectUrl);
    setPhase(Phase::Starting);
    m_operation = startCall(redirectUrl, [this, serial, browser](oidc::Result<std::string> pageUrl) {
        if (m_closing || serial != m_serial)
            return;
        m_operation = {};
        if (!pageUrl) {
            fail(Phase::Starting, pageUrl.error());
            return;
        }
        m_record.providerUrl = qs(*pageUrl);
        Q_EMIT recorded();
        browse(*pageUrl, browser, serial);
    });
}

void SocialSignInRun::browse(const std::string &pageUrl, const SocialBrowserChoice &browser, quint64 serial)
{
    setPhase(Phase::Browsing);
    const QUrl page(qs(pageUrl));
    Q_EMIT browserHop(socialHop(BrowserHop::Kind::Open, page));
    if (!browser.system) {
        m_wait->openEmbedded(page, m_record.redirectUrl, m_timeoutMs, [this](const QUrl &url) { return judge(url); });
        return;
    }
    const bool opened = m_opener ? m_opener(page) : QDesktopServices::openUrl(page);
    // The opener may have brought the redirect back already (a test's synchronous browser).
    if (serial == m_serial && m_phase == Phase::Browsing)
        Q_EMIT waitingForSystemBrowser(page, m_wait->redirectUri(), opened);
}

RedirectWait::Verdict SocialSignInRun::judge(const QUrl &redirect)
{
    // The core reads the redirect: its code, or the provider's error. Neither (a favicon, a
    // probe) is not this sign-in's answer: the wait goes on (rp-checks A1).
    auto code = oauthCodeFromRedirect(toStd(redirect.toString(QUrl::FullyEncoded)));
    if (!code && code.error().code == "DESCOPE_CODE_MISSING")
        return RedirectWait::Verdict::stray(code.error());
    m_record.redirect = redirect;
    if (!code) {
        Q_EMIT recorded();
        Q_EMIT browserHop(socialHop(BrowserHop::Kind::Redirect, redirect, code.error()));
        return RedirectWait::Verdict::refused(code.error());
    }
    m_record.code = std::move(code).value();
    Q_EMIT browserHop(socialHop(BrowserHop::Kind::Redirect, redirect));
    return RedirectWait::Verdict::accepted();
}

oidc::Status SocialSignInRun::deliver(const QUrl &redirect)
{
    return m_wait->deliver(redirect);
}

void SocialSignInRun::redirected(const oidc::Result<QUrl> &redirect)
{
    if (!redirect) {
        fail(Phase::Browsing, redirect.error());
        return;
    }
    Q_EMIT recorded();
    exchange(false);
}

void SocialSignInRun::browserUnavailable(const QString &reason)
{
    if (m_phase != Phase::Browsing || !m_wait->isEmbedded())
        return;
    fail(Phase::Browsing, oidc::makeError(oidc::ErrorCategory::Input, "BROWSER_UNAVAILABLE", toStd(reason)));
}

void SocialSignInRun::replayCode()
{
    if (canReplay())
        exchange(true);
}

void SocialSignInRun::exchange(bool replay)
{
    if (!m_client) {
        fail(Phase::Exchanging, oidc::makeError(oidc::ErrorCategory::Descope, "DESCOPE_NO_PROJECT", "no Descope project is chosen"));
        return;
    }
    const quint64 serial = ++m_serial;
    setPhase(Phase::Exchanging);
    auto done = [this, serial, replay](SessionOutcome outcome) {
        if (m_closing || serial != m_serial)
            return;
        m_operation = {};
        ++m_record.exchanges;
        m_record.lastExchangeError = outcome.ok() ? std::nullopt : std::optional<oidc::Error>(outcome.result.error());
        Q_EMIT recorded();
        m_failedIn = Phase::Exchanging;
        if (!replay) {
            end(std::move(outcome));
            return;
        }
        m_phase = outcome.ok() ? Phase::Done : isSocialRunCancellation(outcome.result.error()) ? Phase::Cancelled : Phase::Failed;
        Q_EMIT replayed(outcome);
        Q_EMIT phaseChanged(m_phase);
    };
    if (m_record.route == SocialRoute::OAuth)
        m_operation = m_client->exchangeOAuth(m_record.code, std::move(done));
    else
        m_operation = m_client->exchangeSso(m_record.code, ssoRouteOf(m_record.route), std::move(done));
}

void SocialSignInRun::cancel()
{
    if (!isBusy())
        return;
    ++m_serial; // the cancelled call's own answer is not reported
    std::exchange(m_operation, {}).cancel();
    m_wait->cancel();
    end(failedOutcome(socialRunCancelled()));
}

void SocialSignInRun::fail(Phase in, oidc::Error error)
{
    m_wait->cancel();
    m_failedIn = in;
    end(failedOutcome(std::move(error)));
}

void SocialSignInRun::end(SessionOutcome outcome)
{
    m_operation = {};
    m_phase = outcome.ok() ? Phase::Done : isSocialRunCancellation(outcome.result.error()) ? Phase::Cancelled : Phase::Failed;
    Q_EMIT finished(outcome);
    Q_EMIT phaseChanged(m_phase);
}

} // namespace ui

#include "moc_SocialSignInRun.cpp"
