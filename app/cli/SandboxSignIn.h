#pragma once

// Replay's browser against the built-in sandbox, over plain HTTP: opens the authorize URL, submits
// the sandbox's hosted login form (form#login: its hidden fields carry the authorization request
// back, "loginId" names the user) as the recorded login ID, and follows the answer to the app's
// loopback redirect URI, which it requests like a browser would. What tests/node/play-browser.mjs
// does for the tests, in C++, for the sandbox's page only. Its requests go through a transport
// of its own: a browser's requests are not the app's exchanges.
//
// Errors (SANDBOX): REPLAY_SIGN_IN_PAGE (no login form where one was expected), REPLAY_SIGN_IN_REFUSED
// (the page refused the login ID: its error text), REPLAY_SIGN_IN_LOST (the answer did not lead
// to the redirect URI); and the transport's NET_* errors.

#include "oidc/Result.h"
#include "oidc/net/Http.h"
#include "oidc/net/QtHttpTransport.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace cli {

class SandboxSignIn final {
public:
    struct LoginForm final {
        QUrl action;
        QList<QPair<QString, QString>> fields; // hidden inputs, in order
    };

    // Signs in at `authorizeUrl` as `loginId`, until the redirect to `redirectUri` was delivered.
    [[nodiscard]] oidc::Status run(const QString &authorizeUrl, const QString &loginId, const QUrl &redirectUri, int timeoutMs);

    // The page's form#login, or nullopt (pure: for the tests).
    [[nodiscard]] static std::optional<LoginForm> loginForm(const QString &html, const QUrl &pageUrl);

private:
    [[nodiscard]] oidc::Result<oidc::net::HttpResponse> send(oidc::net::HttpRequest request);

    oidc::net::QtHttpTransport m_transport;
    int m_timeoutMs = 30000;
};

} // namespace cli
