#pragma once

// The system-browser path of a passkey ceremony (issue 10): a one-page WebAuthn client served on
// a loopback listener, so that the platform's own authenticators (Touch ID, Windows Hello, a
// phone, a security key) answer Descope's options through the user's browser.
//
//   open()   binds 127.0.0.1 (port 0: any free one) before Descope's start call, whose "origin"
//            must name the page: origin() is http://localhost:<port>. The RP ID is then
//            "localhost", which W3C WebAuthn Level 3 §5.1.2 allows as the effective domain of a
//            potentially trustworthy origin (Secure Contexts §3.1: http://localhost is one).
//   serve()  puts the page for start's options at an unguessable path (32 random bytes,
//            base64url: pageUrl()) and starts the timeout: the options' publicKey.timeout
//            bounded to 30 s–10 min, 5 min when absent (ceremonyTimeoutMs).
//   The page is self-contained (inline script and style under a per-page nonce, a strict
//   Content-Security-Policy with connect-src 'self', nothing loaded from elsewhere); the options are
//   embedded as a JSON data block escaped against "</script>". It converts base64url ↔ ArrayBuffer
//   itself, calls navigator.credentials.create() or get() (§5.1.3, §5.1.4), says in plain words
//   what it does and any error (NotAllowedError…), and POSTs {"credential": …} — the credential as
//   JSON (PublicKeyCredential.h, the shape Descope's finish "response" takes) — or
//   {"error": {"name", "message"}} to <page path>/result.
//   A post is taken only from the page's own origin (Origin header, exact), with the token in the
//   path and a JSON body of at most 64 KiB (413 above, from the server itself). Anything else is
//   refused (404 for a wrong path, 403 for a foreign or missing Origin, 405 for another method,
//   415 for another content type) and the ceremony keeps waiting.
//
// The ceremony ends once: completed() with the credential JSON (compact), or failed() with
// BROWSER_CEREMONY_BROWSER (the browser's error: its name and message), BROWSER_CEREMONY_RESULT
// (the page posted something that is not a credential of the ceremony's kind), or
// BROWSER_CEREMONY_TIMEOUT. cancel() ends it without a signal. After any end the listener stops
// (the last answer is still written) and no further request is served.
// Errors of the calls: BROWSER_CEREMONY_LISTEN (LISTENER: cannot bind; open() twice),
// BROWSER_CEREMONY_OPTIONS (INPUT: no publicKey object; serve() before open() or twice).
// Lives on the thread that creates it (the listener's); nothing it does blocks.

#include "oidc/Result.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <string>
#include <string_view>

namespace oidc::net {
class LocalHttpRequest;
class LocalHttpResponder;
class LocalHttpServer;
} // namespace oidc::net

namespace oidc::webauthn {

inline constexpr int kBrowserCeremonyDefaultTimeoutMs = 5 * 60 * 1000;
inline constexpr int kBrowserCeremonyMinTimeoutMs = 30 * 1000;
inline constexpr int kBrowserCeremonyMaxTimeoutMs = 10 * 60 * 1000;
inline constexpr qsizetype kBrowserCeremonyMaxPostBytes = 64 * 1024;

// The time the ceremony waits for the browser: publicKey.timeout (ms; §5.4, §5.5) bounded to
// [30 s, 10 min], or 5 min when the options name none or are not readable.
[[nodiscard]] int ceremonyTimeoutMs(std::string_view optionsText);

class BrowserCeremony final : public QObject {
    Q_OBJECT
public:
    explicit BrowserCeremony(QObject *parent = nullptr);
    ~BrowserCeremony() override;

    [[nodiscard]] Status open(quint16 port = 0);
    // `optionsText`: start's options ({"publicKey": …} or the bare object); `create`: a registration.
    // `timeoutMs` ≤ 0: ceremonyTimeoutMs(optionsText).
    [[nodiscard]] Status serve(std::string_view optionsText, bool create, int timeoutMs = 0);
    void cancel();

    [[nodiscard]] bool isListening() const;
    [[nodiscard]] std::string origin() const; // http://localhost:<port>, empty before open()
    [[nodiscard]] QUrl pageUrl() const;       // origin + /ceremony/<token>, empty before serve()
    [[nodiscard]] int remainingMs() const;    // until the timeout; 0 when not waiting

Q_SIGNALS:
    void pageServed();                          // the browser loaded the page (each load)
    void completed(const std::string &credentialJson);
    void failed(const oidc::Error &error);

private:
    void handle(const net::LocalHttpRequest &request, net::LocalHttpResponder responder);
    void acceptResult(const net::LocalHttpRequest &request, net::LocalHttpResponder responder);
    void end();

    std::unique_ptr<net::LocalHttpServer> m_server;
    QTimer m_timeout;
    QElapsedTimer m_clock;
    std::string m_token;
    std::string m_page;
    std::string m_nonce;
    int m_timeoutMs = 0;
    bool m_create = false;
    bool m_serving = false;
    bool m_ended = false;
};

} // namespace oidc::webauthn
