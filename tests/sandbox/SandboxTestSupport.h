#pragma once

// Helpers for the sandbox tests: a raw HTTP/1.1 client on QTcpSocket (for redirects, malformed
// requests and keep-alive checks), requests through the app's own QtHttpTransport, and a
// fixture with a running sandbox on 127.0.0.1. The server runs on the test's thread: every wait
// spins a local event loop so it can answer.

#include "sandbox/Fixtures.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxServer.h"

#include "oidc/Json.h"
#include "oidc/crypto/JsonWebKey.h"
#include "oidc/jwt/JwtValidator.h"
#include "oidc/net/Http.h"
#include "oidc/net/QtHttpTransport.h"

#include "tests/support/EventLoop.h"

#include <QByteArray>
#include <QTcpSocket>

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sandbox::test {

struct Response final {
    int status = 0;
    oidc::net::HeaderList headers;
    QByteArray body;

    [[nodiscard]] QByteArray header(QByteArrayView name) const;
    [[nodiscard]] QList<QByteArray> allHeaders(QByteArrayView name) const; // every value
    [[nodiscard]] oidc::Json json() const; // null when the body is not JSON
    [[nodiscard]] std::string text() const { return body.toStdString(); }
    [[nodiscard]] std::string location() const { return header("location").toStdString(); }
};

// Waits that spin the event loop (tests/support/EventLoop.h).
using oidc::test::spin;
using oidc::test::spinUntil;

class RawConnection final {
public:
    explicit RawConnection(quint16 port);
    [[nodiscard]] bool isConnected() const;
    void send(const QByteArray &bytes);
    // One response (Content-Length framing); nullopt on timeout or when the connection closed first.
    [[nodiscard]] std::optional<Response> readResponse(int timeoutMs = 5000, bool headRequest = false);
    // True when the server closed the connection within the timeout.
    [[nodiscard]] bool waitClosed(int timeoutMs = 5000);
    [[nodiscard]] QByteArray buffered() const { return m_buffer; }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

// A full request over a fresh connection: "Host" and "Connection: close" are added.
[[nodiscard]] std::optional<Response> rawExchange(quint16 port, const QByteArray &method, const QByteArray &target,
                                                  const oidc::net::HeaderList &headers = {}, const QByteArray &body = {});

[[nodiscard]] std::string formEncode(const std::vector<std::pair<std::string, std::string>> &pairs);
// Parses the query of a URL (Location header) into name → value.
[[nodiscard]] std::map<std::string, std::string> queryOf(const std::string &url);
// The value of an <input name="…" value="…"> in a page (HTML-unescaped), first match.
[[nodiscard]] std::optional<std::string> inputValue(const std::string &html, const std::string &name);
// Every hidden input of the first <form> in a page.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> firstFormFields(const std::string &html);

class SandboxTest : public ::testing::Test {
protected:
    // One sandbox per test suite (RSA key generation is slow); reset() before every test.
    static void SetUpTestSuite();
    static void TearDownTestSuite();
    void SetUp() override;

    static SandboxServer &server() { return *s_server; }
    quint16 port() const { return s_server->baseUrl().port(); }
    std::string baseUrl() const { return s_server->baseUrl().toString().toStdString(); }
    std::string projectId() const { return s_server->projectId().toStdString(); }
    std::string issuer() const { return s_server->issuer().toStdString(); }

    // GET over a raw connection (redirects are returned, never followed).
    Response get(const std::string &target, const oidc::net::HeaderList &headers = {});
    // POST (or another method) through oidc::net::QtHttpTransport + sendAndWait.
    Response send(const QByteArray &method, const std::string &path, const QByteArray &body, const QByteArray &contentType,
                  const oidc::net::HeaderList &headers = {});
    Response postJson(const std::string &path, const oidc::Json &body, const oidc::net::HeaderList &headers = {});
    Response postForm(const std::string &path, const std::vector<std::pair<std::string, std::string>> &pairs,
                      const oidc::net::HeaderList &headers = {});
    // A Descope call: POST JSON with Authorization: Bearer <projectId>[:<token>].
    Response descope(const std::string &path, const oidc::Json &body = oidc::Json::object(), const std::string &token = {});

    oidc::crypto::JsonWebKeySet jwks();
    // validateJwt against the served JWKS (RS256 only).
    oidc::jwt::JwtValidation validate(const std::string &token, oidc::jwt::ClaimCheckOptions options = {});
    static oidc::Json claimsOf(const std::string &token); // decoded, unverified

    // Flows used by many tests.
    struct Pkce final {
        std::string verifier;
        std::string challenge;
    };
    static Pkce pkce();
    // GET authorize → POST the login form as `loginId` → the redirect's Location.
    Response authorizeAndLogin(const std::vector<std::pair<std::string, std::string>> &params, const std::string &loginId,
                               const oidc::net::HeaderList &headers = {});
    // The code from a full public-client login with PKCE S256 (scope openid profile email offline_access).
    struct CodeGrant final {
        std::string code;
        std::string verifier;
        std::string redirectUri;
        std::string nonce;
        std::string state;
    };
    CodeGrant publicClientCode(const std::string &loginId = "alice@example.com", const std::string &scope = "openid profile email offline_access");
    oidc::Json exchangeCode(const CodeGrant &grant, int expectedStatus = 200);
    // OTP sign-in through the Inbox → JWT response.
    oidc::Json otpLogin(const std::string &loginId, const std::string &method = "email", const oidc::Json &loginOptions = nullptr,
                        const std::string &refreshJwt = {});
    std::string latestOtp(const std::string &loginId);
    Response addFault(const oidc::Json &fault);

    std::string publicClient() const { return projectId(); }
    static constexpr const char *kConfidentialClient = "sandbox-confidential-client";
    static constexpr const char *kConfidentialSecret = "SANDBOX-ONLY:m2m+secret/7f3a";
    static constexpr const char *kReaderKey = "SANDBOX-ONLY-ak-reader-0c1f5e7b2d9a";
    static constexpr const char *kAdminKey = "SANDBOX-ONLY-ak-admin-4b8e1a6f3c20";

private:
    static SandboxServer *s_server;
    std::unique_ptr<oidc::net::QtHttpTransport> m_transport;
};

} // namespace sandbox::test
