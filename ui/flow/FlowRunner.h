#pragma once

// Drives one oidc::flow::FlowSession for the flow page, step by step or all in a row, and keeps
// FlowStepModel up to date: which step runs, its outcome, the exchange-log records it caused and
// the notes worth showing (stray requests, refused callbacks). No widgets: the page shows what
// this decides, the tests and the GUI benchmark drive it through the page.
//
// - The GUI thread never waits: requests go through the async transport, crypto runs off-thread
//   inside FlowSession; every request can be cancelled (RequestHandle::cancel).
// - Each FlowSession operation answers once, with its result and the reports of the steps it ran;
//   this shows them in their rows. Exchange-log records go to the row of the step their request
//   is tagged with.
// - The browser step and logout wait through oidc::flow::RedirectWait: the embedded browser (the
//   page opens it on openInEmbeddedBrowser and feeds intercepted redirects back through
//   deliverBrowserRedirect), the system browser with an RFC 8252 loopback listener on
//   127.0.0.1, or the system browser with a private-use URI scheme redirect (§7.1) that the
//   desktop hands to the app (the RedirectHandOver given by setRedirectHandOver). A callback without this login's state is a note: the flow keeps waiting until the
//   redirect that matches arrives, the timeout, or Cancel (rp-checks A1, L3, L5). One with its
//   state is the provider's answer: a failed check ends the browser step at once.

#include "ui/flow/FlowStepModel.h"

#include "oidc/flow/FlowSession.h"
#include "oidc/flow/ProviderProfile.h"
#include "oidc/workspace/ResolvedProfile.h"
#include "oidc/net/HttpTransport.h"

#include "oidc/flow/RedirectHandOver.h"
#include "oidc/flow/RedirectWait.h"

#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>

namespace oidc::net {
class ExchangeLog;
}

namespace ui {

class FlowRunner final : public QObject {
    Q_OBJECT
public:
    using Step = FlowStepModel::Step;
    // Opens a URL in the system browser; false when it could not (the page then offers Copy URL).
    using Opener = std::function<bool(const QUrl &url)>;
    // The authorization request as the user edited it, for the given redirect URI.
    using RequestEditor = std::function<oidc::Result<oidc::flow::AuthorizationRequest>(const QString &redirectUri)>;

    static constexpr int kDefaultBrowserTimeoutMs = 5 * 60 * 1000;
    static QString logoutPath() { return QStringLiteral("/logged-out"); }

    FlowRunner(oidc::net::HttpTransport &transport, oidc::net::ExchangeLog *log, QObject *parent = nullptr);
    ~FlowRunner() override;

    // A new profile: everything is cancelled and reset, the session too.
    void setProfile(const oidc::flow::ProviderProfile &profile);
    // The same profile edited: client and security apply at once (security from the next step 3);
    // a different provider (issuer, endpoints) resets the login steps but keeps the session.
    void updateProfile(const oidc::flow::ProviderProfile &profile);
    [[nodiscard]] const oidc::flow::ProviderProfile &profile() const { return m_profile; }

    // The profile as it is used (its `{{variables}}` substituted, oidc::workspace::resolveProfile);
    // without one, a profile resolves with no variables but its built-ins.
    using Resolver = std::function<oidc::Result<oidc::workspace::ResolvedProfile>(const oidc::flow::ProviderProfile &)>;
    void setResolver(Resolver resolver) { m_resolver = std::move(resolver); }
    void setRequestEditor(RequestEditor editor) { m_editor = std::move(editor); }
    void setSystemBrowserOpener(Opener opener) { m_opener = std::move(opener); }
    void setBrowserTimeoutMs(int ms) { m_browserTimeoutMs = ms; }
    // Where private-use scheme redirects arrive (the app's; must outlive this runner).
    void setRedirectHandOver(oidc::flow::RedirectHandOver *handOver) { m_handOver = handOver; }

    [[nodiscard]] FlowStepModel *steps() const { return m_steps; }
    [[nodiscard]] oidc::flow::FlowSession &session() { return *m_session; }
    [[nodiscard]] const oidc::flow::FlowSession &session() const { return *m_session; }

    // A step runs, or Run all is between two of its steps (the next starts on the next turn of the
    // event loop): busy from a run's first step to its last, so the buttons that follow it do not
    // flicker at every step (issue 12: each flicker repainted the page's buttons and the box behind
    // them in every frame of a flow).
    [[nodiscard]] bool isBusy() const { return m_active.has_value() || m_continuing || m_starting; }
    [[nodiscard]] std::optional<Step> activeStep() const { return m_active; }
    [[nodiscard]] bool isRunningAll() const { return m_runAll; }
    // The login step "Next step" would run; nullopt when the login is complete.
    [[nodiscard]] std::optional<Step> nextStep() const;
    [[nodiscard]] static bool canRunAlone(Step step);

    [[nodiscard]] QUrl authorizationUrl() const { return m_authorizationUrl; }
    [[nodiscard]] QUrl logoutUrl() const { return m_logoutUrl; }
    [[nodiscard]] QString redirectUri() const;      // what step 4 uses (the listener's once it runs)
    [[nodiscard]] QString listenerUri() const;      // empty when no listener runs
    [[nodiscard]] QString postLogoutRedirectUri() const;
    [[nodiscard]] QUrl lastCallbackUrl() const { return m_lastCallbackUrl; }
    [[nodiscard]] const std::optional<oidc::flow::AuthorizationRequest> &defaults() const { return m_defaults; }

public Q_SLOTS:
    void runAll();
    // Runs `step` and every login step after it (e.g. steps 4–9 after switching to the system browser).
    void runAllFrom(ui::FlowRunner::Step step);
    void runNext();
    void runStep(ui::FlowRunner::Step step);
    void cancel();
    void resetFlow();
    // False when another step is running (automatic refresh then tries later).
    bool refresh(bool automatic = false);
    void revoke(oidc::flow::TokenTypeHint which, bool sendHint);
    void logout();
    // A callback URL pasted by the user (step 6 run alone) or intercepted by the embedded browser.
    oidc::Status submitCallback(const QUrl &url);
    // Any redirect the embedded browser intercepted: the login callback or the post-logout redirect.
    void deliverBrowserRedirect(const QUrl &url);
    // The page could not show the embedded browser: the waiting step fails with `reason`.
    void browserUnavailable(const QString &reason);

Q_SIGNALS:
    void busyChanged(bool busy);
    void openInEmbeddedBrowser(const QUrl &url, const QList<QUrl> &interceptPrefixes);
    void stopEmbeddedBrowser();
    // System browser (loopback or private-use scheme): the URL was handed to the system browser
    // (opened = false: it could not be); `listenerUri` is where the redirect comes back.
    void waitingForSystemBrowser(const QUrl &url, const QString &listenerUri, bool opened);
    void defaultsReady(const oidc::flow::AuthorizationRequest &defaults);
    void authorizationUrlChanged(const QUrl &url);
    // New tokens failed a check; `sessionKept` when an earlier good session is still there.
    void tokensRefused(const oidc::Error &error, bool sessionKept);
    void tokensAccepted();
    void refreshFinished(bool ok, bool automatic, const QString &message);
    void sessionChanged();
    // Every step report as FlowSession gave it, before it is shown (File ▸ Start recording).
    void stepReported(const oidc::flow::StepReport &report);

private:
    // Starts `wait` on the profile's private-use scheme at `path` (LISTENER_NO_HAND_OVER without a hand-over).
    [[nodiscard]] oidc::Status awaitPrivateUse(oidc::flow::RedirectWait *wait, const QString &path, const oidc::flow::RedirectWait::Judge &judge);
    // Shows a step's report in its row (a key refetch during the token step is a note on IdToken).
    void show(const oidc::flow::StepReport &report);
    void show(const std::vector<oidc::flow::StepReport> &reports);
    // An operation's callback that shows its reports, then finishes `step`.
    template <typename T>
    [[nodiscard]] oidc::flow::FlowSession::Callback<T> showThenFinish(Step step);
    void onRecordAdded(int index);
    void begin(Step step, const QString &summary = {});
    void finish(Step step, bool ok);
    void fail(Step step, const oidc::Error &error);
    void continueRunAll();
    void resetAfter(Step step);
    void setActive(std::optional<Step> step);
    void updateBusy(); // emits busyChanged when isBusy() changed
    void stopWaits();

    void runDiscovery();
    void runKeys();
    void runPrepare();
    void runAuthorize();
    void runBrowser();
    void runToken();
    void runUserInfo();
    [[nodiscard]] oidc::flow::RedirectWait::Verdict judgeCallback(const QUrl &url);
    void onLoginRedirect(const oidc::Result<QUrl> &redirect);
    void callbackOutsideTheBrowserStep();
    [[nodiscard]] oidc::flow::RedirectWait::Verdict judgeLogoutRedirect(const QUrl &url);
    void onLogoutRedirect(const oidc::Result<QUrl> &redirect);
    [[nodiscard]] bool isLoginStepRunning() const;
    [[nodiscard]] oidc::Status applyProvider();
    [[nodiscard]] oidc::Result<oidc::workspace::ResolvedProfile> resolve(const oidc::flow::ProviderProfile &profile) const;
    // What identifies the provider a profile calls (the resolved issuer and endpoints, or the
    // templates while they do not resolve): another one resets the login steps.
    [[nodiscard]] QString providerIdentity(const oidc::flow::ProviderProfile &profile) const;
    [[nodiscard]] QString embeddedRedirectUri(const QString &path) const;

    oidc::net::ExchangeLog *m_log;
    FlowStepModel *m_steps;
    oidc::flow::FlowSession *m_session;
    oidc::flow::RedirectWait *m_loginWait;  // the login's redirect (step 5), listening from step 4 in system-browser mode
    oidc::flow::RedirectWait *m_logoutWait; // the post-logout redirect
    oidc::flow::ProviderProfile m_profile;
    Resolver m_resolver;
    QString m_providerIdentity; // providerIdentity(m_profile) when it was set or last updated
    std::optional<oidc::flow::ProviderSettings> m_appliedProvider;
    RequestEditor m_editor;
    Opener m_opener;
    int m_browserTimeoutMs = kDefaultBrowserTimeoutMs;
    oidc::flow::RedirectHandOver *m_handOver = nullptr;

    std::optional<Step> m_active;
    bool m_runAll = false;
    bool m_continuing = false; // Run all's next step is queued
    bool m_starting = false;   // Run all's next step is starting
    bool m_busy = false;       // as busyChanged last said
    quint64 m_generation = 0; // bumps on cancel/reset: late results of older runs are dropped
    oidc::net::RequestHandle m_handle;
    QUrl m_authorizationUrl;
    QUrl m_logoutUrl;
    QString m_postLogoutUri;
    QUrl m_lastCallbackUrl;
    std::optional<oidc::flow::AuthorizationRequest> m_defaults;
};

} // namespace ui
