#pragma once

// One social (OAuth) or tenant SSO sign-in as the Social Login & SSO area drives it, over the
// core's DescopeClient (OAuthApi.h, SsoApi.h):
//   start — Descope answers the URL of the provider's page (or the tenant IdP's);
//   the browser — waited for by the flow's one oidc::flow::RedirectWait: embedded (the redirect
//     URL is intercepted, never loaded; the owner opens the page on the wait's
//     openInEmbeddedBrowser and hands the intercepted redirect to deliver()) or the system
//     browser with an RFC 8252 loopback listener on 127.0.0.1, listening before the start so that
//     its URL is the start's redirect URL;
//   the redirect — judged by the core (oauthCodeFromRedirect): a code ends the wait, a provider's
//     error (access_denied when the person cancelled) ends the sign-in refused, a request with
//     neither is a stray the wait ignores;
//   exchange — the code, once; the session the client keeps becomes the app's current one
//     (DescopeContext), and a refusal anywhere leaves the earlier session where it was.
// replayCode() sends the spent code again, to show that Descope takes a code once.
// The browser's part, which no transport sees, is reported as BrowserHops (browserHop: the page's
// URL handed to the browser, the redirect back with its verdict) for the sequence diagram, as
// FlowSession reports a login's; each phase narrates itself for presentation mode
// (oidc::descope::descopeNarration through ui::Presentation).
//
// No widgets: the panel shows the record (SocialSignInRecord; the code in it is a secret the
// panel shows redacted). Every run can be cancelled and reports once (finished); the client is
// not owned: when the project changes, setClient() cancels what runs on the old one.

#include "oidc/descope/DescopeClient.h"
#include "oidc/flow/BrowserHop.h"
#include "oidc/flow/RedirectWait.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>
#include <string>

namespace ui {

// Which API a sign-in goes through: oauth/* (a social provider), saml/* or sso/* (a tenant's IdP).
enum class SocialRoute { OAuth, Saml, Sso };

// Where the browser goes and how its redirect comes back.
struct SocialBrowserChoice final {
    bool system = false;     // the system browser and a loopback listener; else the embedded browser
    quint16 port = 0;        // the listener's port (0: any free one)
    QString embeddedRedirect; // embedded: the redirect URL sent, intercepted before it loads
};

// What a sign-in sent and got, for the panel.
struct SocialSignInRecord final {
    SocialRoute route = SocialRoute::OAuth;
    QString target;              // the provider, or the tenant ID / email
    QString redirectUrl;         // the redirectURL the start sent
    QString providerUrl;         // the start's answer: where the browser went
    QUrl redirect;               // the redirect the browser came back with
    std::string code;            // SECRET: its code (empty until one came)
    int exchanges = 0;           // how often the code was sent
    std::optional<oidc::Error> lastExchangeError; // the last exchange's refusal
};

class SocialSignInRun final : public QObject {
    Q_OBJECT
public:
    enum class Phase {
        Idle,
        Starting,   // the listener is up (system browser) and the start call is out
        Browsing,   // the provider's page is open; waiting for the redirect
        Exchanging, // the exchange call is out
        Done,       // signed in
        Failed,     // refused (start, browser/redirect, exchange)
        Cancelled,
    };
    Q_ENUM(Phase)

    // Opens a URL in the system browser; false when it could not (the person then copies it).
    using Opener = std::function<bool(const QUrl &url)>;

    static constexpr int kDefaultTimeoutMs = 5 * 60 * 1000;
    // The loopback listener's path (system browser).
    static QString callbackPath() { return QStringLiteral("/descope/callback"); }

    explicit SocialSignInRun(QObject *parent = nullptr);
    ~SocialSignInRun() override;

    void setClient(oidc::descope::DescopeClient *client);
    [[nodiscard]] oidc::descope::DescopeClient *client() const { return m_client; }
    // QDesktopServices::openUrl unless set (a test posts the page itself).
    void setSystemBrowserOpener(Opener opener) { m_opener = std::move(opener); }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // The wait: the owner connects its openInEmbeddedBrowser, stopEmbeddedBrowser and note.
    [[nodiscard]] oidc::flow::RedirectWait *redirectWait() const { return m_wait; }

    // Starts a sign-in (cancelling one that runs). The start's redirect URL is the browser's.
    void startOAuth(const oidc::descope::OAuthStart &start, const SocialBrowserChoice &browser);
    void startSso(const oidc::descope::SsoStart &start, const SocialBrowserChoice &browser);
    // A redirect the embedded browser intercepted, or one pasted: the core's verdict on it
    // (LISTENER_NOT_WAITING when no sign-in waits).
    oidc::Status deliver(const QUrl &redirect);
    // The embedded browser could not be shown: the sign-in fails with `reason`.
    void browserUnavailable(const QString &reason);
    // Sends the last code to the exchange again (replayed() answers).
    void replayCode();
    void cancel();

    [[nodiscard]] Phase phase() const { return m_phase; }
    [[nodiscard]] bool isBusy() const { return m_phase == Phase::Starting || m_phase == Phase::Browsing || m_phase == Phase::Exchanging; }
    // The phase a failure happened in (Starting, Browsing, Exchanging).
    [[nodiscard]] Phase failedIn() const { return m_failedIn; }
    [[nodiscard]] const SocialSignInRecord &record() const { return m_record; }
    // A code was exchanged on the current client (a new project's client never saw it).
    [[nodiscard]] bool canReplay() const { return m_client && !isBusy() && !m_record.code.empty() && m_record.exchanges > 0; }

Q_SIGNALS:
    void phaseChanged(ui::SocialSignInRun::Phase phase);
    // The record changed (start answered, redirect came, exchange answered).
    void recorded();
    // System browser: the page's URL was handed to it (opened = false: it could not be).
    void waitingForSystemBrowser(const QUrl &url, const QString &listenerUri, bool opened);
    // The end of a sign-in: the session, or why not (NET_CANCELLED when cancelled).
    void finished(const oidc::descope::SessionOutcome &outcome);
    // The answer to replayCode().
    void replayed(const oidc::descope::SessionOutcome &outcome);
    // Open: the provider's page was handed to the browser (embedded or system). Redirect: a redirect
    // that answers this sign-in came back — a code (accepted) or the provider's error (refused);
    // a stray request is no hop. The URLs are raw (the redirect carries the code): redact to show.
    void browserHop(const oidc::flow::BrowserHop &hop);

private:
    // Sends the start for `redirectUrl`; answers the page's URL.
    using StartCall = std::function<oidc::net::RequestHandle(const std::string &redirectUrl,
                                                             std::function<void(oidc::Result<std::string>)> done)>;

    void begin(SocialRoute route, const QString &target, const SocialBrowserChoice &browser, StartCall startCall);
    void browse(const std::string &pageUrl, const SocialBrowserChoice &browser, quint64 serial);
    [[nodiscard]] oidc::flow::RedirectWait::Verdict judge(const QUrl &redirect);
    void redirected(const oidc::Result<QUrl> &redirect);
    void exchange(bool replay);
    void setPhase(Phase phase);
    void narrate(Phase phase) const;
    void fail(Phase in, oidc::Error error);
    void end(oidc::descope::SessionOutcome outcome);

    oidc::flow::RedirectWait *m_wait;
    QPointer<oidc::descope::DescopeClient> m_client;
    Opener m_opener;
    int m_timeoutMs = kDefaultTimeoutMs;
    SocialSignInRecord m_record;
    oidc::net::RequestHandle m_operation;
    quint64 m_serial = 0;
    Phase m_phase = Phase::Idle;
    Phase m_failedIn = Phase::Idle;
    bool m_closing = false;
};

} // namespace ui
