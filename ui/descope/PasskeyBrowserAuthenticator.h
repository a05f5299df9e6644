#pragma once

// The "System browser" authenticator of the Passkeys area (issue 10): one ceremony at a time on
// the core's BrowserCeremony (its loopback page, its checks and its ends), handed to the user's
// default browser. PasskeyRun calls open() before Descope's start (the start's "origin" is the
// page's, http://localhost:<port>), then serve() with start's options; the page runs
// navigator.credentials.create/get in the browser, and answered() brings the credential JSON
// back for finish, or refused() the browser's error or the timeout. cancel() closes the listener.
//
// The browser is opened through an opener (QDesktopServices::openUrl unless one is set), as
// FlowRunner::setSystemBrowserOpener does, so that a test can hand the URL to a headless Chromium.
// Lives on the GUI thread: binding, serving and the checks of a post never block.

#include "oidc/Result.h"

#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>
#include <string>

namespace oidc::webauthn {
class BrowserCeremony;
}

namespace ui {

class PasskeyBrowserAuthenticator final : public QObject {
    Q_OBJECT
public:
    using Opener = std::function<bool(const QUrl &url)>;

    explicit PasskeyBrowserAuthenticator(QObject *parent = nullptr);
    ~PasskeyBrowserAuthenticator() override;

    void setOpener(Opener opener) { m_opener = std::move(opener); }

    // A fresh listener (an earlier ceremony is cancelled); the page's origin.
    // Error BROWSER_CEREMONY_LISTEN.
    [[nodiscard]] oidc::Result<std::string> open();
    // Serves the page for start's options and opens it in the browser (waiting() says whether the
    // browser started; if not, the page still waits to be opened by hand). Error BROWSER_CEREMONY_OPTIONS.
    [[nodiscard]] oidc::Status serve(const std::string &options, bool create);
    // Opens the page again (the user closed the tab). False when nothing waits or the opener failed.
    bool openAgain();
    void cancel();

    [[nodiscard]] bool isWaiting() const;
    [[nodiscard]] QUrl pageUrl() const;
    [[nodiscard]] int remainingMs() const;

Q_SIGNALS:
    void waiting(const QUrl &url, bool browserOpened);
    void answered(const std::string &credentialJson);
    void refused(const oidc::Error &error);

private:
    bool openInBrowser();

    Opener m_opener;
    std::unique_ptr<oidc::webauthn::BrowserCeremony> m_ceremony;
};

} // namespace ui
