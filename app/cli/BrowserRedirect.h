#pragma once

// The system-browser leg of a sign-in, shared by `login` and `descope oauth|sso`: an RFC 8252
// loopback listener on 127.0.0.1 (oidc::flow::RedirectWait: one timeout, the owner's judge decides
// each redirect), the system browser opened at the sign-in URL — or, with --no-browser (or when no
// browser starts), the line "authorize_url: <URL>" on stderr for the user or a script to open —
// and the event loop run until the redirect comes back or the wait ends.

#include "oidc/Result.h"
#include "oidc/flow/RedirectWait.h"

#include <QEventLoop>
#include <QString>
#include <QUrl>

#include <optional>

namespace cli {

class BrowserRedirect final {
public:
    BrowserRedirect();

    // The --redirect-port value: 0 (any free port) to 65535; INPUT USAGE otherwise.
    [[nodiscard]] static oidc::Result<quint16> parsePort(const QString &text);

    // Listens on 127.0.0.1:`port` at `path` until the redirect or `timeoutSeconds`. Errors: those
    // of RedirectWait::listen; a busy fixed port's LISTENER_BIND says how to do without one.
    [[nodiscard]] oidc::Status listen(quint16 port, const QString &path, int timeoutSeconds, oidc::flow::RedirectWait::Judge judge);
    // http://127.0.0.1:<port><path> while listening.
    [[nodiscard]] QString redirectUri() const { return m_wait.redirectUri(); }

    // Opens the browser at `url` (or prints it), then waits: the accepted redirect, or the error
    // that ended the wait (the judge's refusal, LISTENER_TIMEOUT).
    [[nodiscard]] oidc::Result<QUrl> openAndWait(const QString &url, bool noBrowser);
    // Waits without opening anything: for a caller that plays the browser itself (replay's
    // headless sign-in against the sandbox).
    [[nodiscard]] oidc::Result<QUrl> wait();

private:
    oidc::flow::RedirectWait m_wait;
    QEventLoop m_waiting;
    // How the wait ended, kept from the moment it ends: a redirect may come back while the caller
    // is still busy between listen() and openAndWait() (its own requests run the event loop).
    std::optional<oidc::Result<QUrl>> m_outcome;
};

} // namespace cli
