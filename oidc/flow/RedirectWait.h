#pragma once

// Waits for the browser to come back — the login's authorization response or the post-logout
// redirect — in any of the three redirect modes, with one timeout and one cancel (rp-checks L5). The flow page
// (through ui::FlowRunner) and `oidcplay-cli login` share it.
// - System browser: listen() starts an RFC 8252 loopback listener on 127.0.0.1 (rp-checks L1–L6,
//   LoopbackRedirectListener) at once, so its redirect URI can go into the request; the timeout
//   runs from then. Opening the system browser is the owner's business.
// - Embedded browser: no widget here. openEmbedded() asks for the URL to be opened
//   (openInEmbeddedBrowser) and starts the timeout; the owner hands the intercepted redirect back
//   through deliver(). A redirect the user pasted goes through deliver() too, in any mode.
// - Private-use URI scheme (RFC 8252 §7.1): awaitPrivateUse() validates the scheme, waits for
//   "<scheme>:<path>" and starts the timeout; the redirect comes from the desktop through the
//   app's RedirectHandOver, which delivers it here. A URL of another scheme or path is refused
//   and the wait goes on.
// The owner judges each redirect that reaches the redirect path: accepted (the wait ends with it),
// refused (the wait ends with that error: the redirect answered this request, rp-checks A4), or
// stray (another request's or forged: it is refused, and the wait goes on, rp-checks A1).
// finished() reports the end once; cancel() ends the wait silently.

#include "oidc/Result.h"
#include "oidc/flow/PrivateUseScheme.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <optional>

namespace oidc::flow {

class LoopbackRedirectListener;
class RedirectHandOver;

class RedirectWait final : public QObject {
    Q_OBJECT
public:
    struct Verdict final {
        enum class Kind { Accepted, Refused, Stray };
        Kind kind = Kind::Stray;
        std::optional<Error> error; // why it was refused (Refused, Stray)

        [[nodiscard]] static Verdict accepted() { return {Kind::Accepted, std::nullopt}; }
        [[nodiscard]] static Verdict refused(Error error) { return {Kind::Refused, std::move(error)}; }
        [[nodiscard]] static Verdict stray(Error error) { return {Kind::Stray, std::move(error)}; }
    };
    using Judge = std::function<Verdict(const QUrl &redirect)>;
    enum class Mode { Loopback, Embedded, PrivateUse };

    explicit RedirectWait(QObject *parent = nullptr);
    ~RedirectWait() override;

    // System browser: listens on 127.0.0.1:`port` (0: any free port) at `path`. Errors
    // LISTENER_BIND (port busy), LISTENER_PATH (path must start with '/').
    [[nodiscard]] Status listen(quint16 port, const QString &path, int timeoutMs, Judge judge);
    // Embedded browser: emits openInEmbeddedBrowser(url, {redirectUri}), which it intercepts.
    void openEmbedded(const QUrl &url, const QString &redirectUri, int timeoutMs, Judge judge);
    // Private-use URI scheme: waits for "<scheme>:<path>" handed over through `handOver` (which
    // must outlive the wait). Errors INPUT SCHEME_* (PrivateUseScheme::parse, checkPath).
    [[nodiscard]] Status awaitPrivateUse(RedirectHandOver &handOver, const QString &scheme, const QString &path, int timeoutMs, Judge judge);
    // A redirect intercepted by the embedded browser, handed over, or pasted by the user: the
    // judge's verdict (LISTENER_NOT_WAITING when no wait runs; in private-use mode
    // LISTENER_FOREIGN_REDIRECT for another scheme or path, and the wait goes on).
    Status deliver(const QUrl &redirect);
    // Ends the wait without finished(): the listener closes, the embedded browser is stopped.
    void cancel();

    [[nodiscard]] bool isWaiting() const { return m_waiting; }
    [[nodiscard]] bool isEmbedded() const { return m_mode == Mode::Embedded; }
    [[nodiscard]] Mode mode() const { return m_mode; }
    // Private-use mode: `url` is the redirect URI this wait expects (any query), or at least its scheme.
    [[nodiscard]] bool expectsRedirect(const QUrl &url) const;
    [[nodiscard]] bool expectsScheme(const QUrl &url) const;
    [[nodiscard]] QString redirectUri() const { return m_waiting ? m_redirectUri : QString(); }

Q_SIGNALS:
    void openInEmbeddedBrowser(const QUrl &url, const QList<QUrl> &interceptPrefixes);
    void stopEmbeddedBrowser();
    // A request the listener refused without asking the judge (another path or method, favicon…).
    void note(const QString &text);
    // The accepted redirect, or the error that ended the wait (refused, LISTENER_TIMEOUT).
    void finished(const oidc::Result<QUrl> &redirect);

private:
    void begin(Mode mode, const QString &redirectUri, int timeoutMs, Judge judge);
    [[nodiscard]] Verdict judgeRedirect(const QUrl &redirect);
    void end(const Result<QUrl> &outcome);
    void stop();

    QPointer<LoopbackRedirectListener> m_listener;
    QPointer<RedirectHandOver> m_handOver;
    std::optional<PrivateUseScheme> m_scheme;
    QString m_schemePath;
    QTimer m_timeout;
    Judge m_judge;
    QString m_redirectUri;
    int m_timeoutMs = 0;
    bool m_waiting = false;
    Mode m_mode = Mode::Loopback;
};

} // namespace oidc::flow
