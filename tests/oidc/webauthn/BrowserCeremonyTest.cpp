// oidc::webauthn::BrowserCeremony, the system-browser path's loopback page server, driven by
// QtNetwork requests as a browser would send them: the page and its Content-Security-Policy, the
// options embedded safely, the refusals that keep the ceremony waiting (wrong token, foreign
// Origin, oversized body, another content type), and the ends (a credential, the browser's error,
// a malformed result, the timeout, cancel), after which nothing is served. The credential posted
// is the software authenticator's, the shape Descope's finish takes. The real page in a real
// browser: tests/ui/descope/tst_passkeys_browser.cpp (headless Chromium).

#include "CeremonyOptions.h"

#include "oidc/webauthn/BrowserCeremony.h"
#include "oidc/webauthn/PublicKeyCredential.h"
#include "oidc/webauthn/SoftwareAuthenticator.h"

#include "tests/support/EventLoop.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>

#include <gtest/gtest.h>

#include <optional>

namespace oidc::webauthn::test {

using oidc::test::spinUntil;

struct PageReply final {
    int status = 0; // 0: no HTTP answer (connection refused or closed)
    QByteArray body;
    QByteArray csp;
    QByteArray contentType;
};

class BrowserCeremonyTest : public ::testing::Test {
protected:
    PageReply send(const QByteArray &method, const QUrl &url, const QByteArray &body = {}, const QByteArray &origin = {},
               const QByteArray &contentType = QByteArrayLiteral("application/json"))
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setTransferTimeout(5000);
        if (!origin.isEmpty())
            request.setRawHeader("Origin", origin);
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        spinUntil([reply] { return reply->isFinished(); }, 6000);
        PageReply answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.csp = reply->rawHeader("Content-Security-Policy");
        answer.contentType = reply->rawHeader("Content-Type");
        reply->deleteLater();
        return answer;
    }
    // A head announcing one byte more than the cap (the server answers it and closes at once,
    // which a client still uploading sees as a reset, hence a raw socket).
    bool oversizedPostAnswers413()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress(QHostAddress::LocalHost), static_cast<quint16>(m_ceremony.pageUrl().port()));
        if (!socket.waitForConnected(3000))
            return false;
        socket.write("POST " + m_ceremony.pageUrl().path().toUtf8() + "/result HTTP/1.1\r\nHost: localhost\r\nOrigin: " + origin()
                     + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(kBrowserCeremonyMaxPostBytes + 1)
                     + "\r\n\r\n");
        QByteArray answer;
        spinUntil([&] {
            answer += socket.readAll();
            return answer.contains("\r\n") || socket.state() == QAbstractSocket::UnconnectedState;
        });
        return answer.startsWith("HTTP/1.1 413 ");
    }
    QUrl resultUrl() const { return QUrl(m_ceremony.pageUrl().toString() + QStringLiteral("/result")); }
    QByteArray origin() const { return QByteArray::fromStdString(m_ceremony.origin()); }
    PageReply postResult(const Json &body) { return send("POST", resultUrl(), QByteArray::fromStdString(body.dump()), origin()); }

    void openAndServe(const std::string &options, bool create, int timeoutMs = 0)
    {
        ASSERT_TRUE(succeeds(m_ceremony.open()));
        ASSERT_TRUE(succeeds(m_ceremony.serve(options, create, timeoutMs)));
        QObject::connect(&m_ceremony, &BrowserCeremony::completed, [this](const std::string &json) { m_completed = json; });
        QObject::connect(&m_ceremony, &BrowserCeremony::failed, [this](const Error &error) { m_failed = error; });
        QObject::connect(&m_ceremony, &BrowserCeremony::pageServed, [this] { ++m_pagesServed; });
    }
    // A registration by the software authenticator for the ceremony's own origin.
    std::string registration()
    {
        auto created = m_authenticator.createCredential(creationOptions({-7}), m_ceremony.origin());
        EXPECT_TRUE(succeeds(created));
        return created ? *created : std::string();
    }
    [[nodiscard]] int ends() const { return (m_completed ? 1 : 0) + (m_failed ? 1 : 0); }

    QNetworkAccessManager m_network;
    BrowserCeremony m_ceremony;
    SoftwareAuthenticator m_authenticator;
    std::optional<std::string> m_completed;
    std::optional<Error> m_failed;
    int m_pagesServed = 0;
};

TEST_F(BrowserCeremonyTest, ServesOneSelfContainedPageWithTheOptionsEscaped)
{
    // A display name that tries to end the data block and run a script of its own.
    Json options = Json::parse(creationOptions());
    options["publicKey"]["user"]["displayName"] = "</script><script>alert(1)</script>";
    openAndServe(options.dump(), true);
    EXPECT_EQ(m_ceremony.origin().rfind("http://localhost:", 0), 0u);
    EXPECT_TRUE(m_ceremony.pageUrl().path().startsWith(QStringLiteral("/ceremony/")));
    EXPECT_EQ(m_ceremony.pageUrl().path().size(), 10 + 43); // 32 random bytes, base64url

    const PageReply page = send("GET", m_ceremony.pageUrl());
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.contentType, "text/html; charset=utf-8");
    EXPECT_EQ(m_pagesServed, 1);
    // One nonce for the inline script and style; connections to the page's own origin only.
    EXPECT_TRUE(page.csp.startsWith("default-src 'none'; script-src 'nonce-")) << page.csp.toStdString();
    EXPECT_TRUE(page.csp.contains("connect-src 'self'"));
    EXPECT_TRUE(page.csp.contains("frame-ancestors 'none'"));
    const qsizetype nonceAt = page.csp.indexOf("'nonce-") + 7;
    const QByteArray nonce = page.csp.mid(nonceAt, page.csp.indexOf('\'', nonceAt) - nonceAt);
    EXPECT_EQ(page.body.count("<script nonce=\"" + nonce + "\">"), 1);
    EXPECT_FALSE(page.body.contains("src="));  // nothing loaded
    EXPECT_FALSE(page.body.contains("href=")); // nothing linked
    // The data block holds the options, the hostile name escaped: two script elements in all.
    EXPECT_EQ(page.body.count("</script>"), 2);
    EXPECT_TRUE(page.body.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"));
    EXPECT_TRUE(page.body.contains("navigator.credentials.create"));
    const qsizetype blockStart = page.body.indexOf("id=\"ceremony\">") + 14;
    const Json data = Json::parse(page.body.mid(blockStart, page.body.indexOf("</script>", blockStart) - blockStart).toStdString());
    EXPECT_EQ(data["create"], true);
    EXPECT_EQ(data["rpId"], "localhost");
    EXPECT_EQ(data["publicKey"], options["publicKey"]);
    EXPECT_EQ(data["resultPath"], m_ceremony.pageUrl().path().toStdString() + "/result");
    // Reloading the page serves it again; the ceremony goes on.
    EXPECT_EQ(send("GET", m_ceremony.pageUrl()).status, 200);
    EXPECT_EQ(m_pagesServed, 2);
    EXPECT_EQ(ends(), 0);
}

TEST_F(BrowserCeremonyTest, RefusalsKeepTheCeremonyWaiting)
{
    openAndServe(creationOptions(), true);
    QUrl wrongToken = m_ceremony.pageUrl();
    wrongToken.setPath(QStringLiteral("/ceremony/") + QString(43, QLatin1Char('A')));
    EXPECT_EQ(send("GET", wrongToken).status, 404);
    EXPECT_EQ(send("POST", QUrl(wrongToken.toString() + QStringLiteral("/result")), "{}", origin()).status, 404);
    QUrl root = m_ceremony.pageUrl();
    root.setPath(QStringLiteral("/"));
    EXPECT_EQ(send("GET", root).status, 404);
    EXPECT_EQ(send("POST", m_ceremony.pageUrl(), "{}", origin()).status, 405);
    EXPECT_EQ(send("GET", resultUrl()).status, 405);

    const QByteArray credential = QByteArray::fromStdString(Json{{"credential", Json::parse(registration())}}.dump());
    // Another site the browser has open, another port of localhost, 127.0.0.1, no Origin at all.
    for (const QByteArray &foreign : {QByteArrayLiteral("https://example.com"), QByteArrayLiteral("http://localhost:1"),
                                     QByteArray("http://127.0.0.1:" + QByteArray::number(m_ceremony.pageUrl().port())),
                                     QByteArrayLiteral("null")})
        EXPECT_EQ(send("POST", resultUrl(), credential, foreign).status, 403) << foreign.toStdString();
    EXPECT_EQ(send("POST", resultUrl(), credential).status, 403);
    EXPECT_EQ(send("POST", resultUrl(), credential, origin(), "text/plain").status, 415);
    // Over the 64 KiB cap: refused by the server from the head alone, before the body is read.
    EXPECT_TRUE(oversizedPostAnswers413());
    EXPECT_EQ(ends(), 0);
    EXPECT_TRUE(m_ceremony.isListening());
    EXPECT_GT(m_ceremony.remainingMs(), 0);

    // The page itself then posts the credential: the ceremony completes with it, once.
    EXPECT_EQ(send("POST", resultUrl(), credential, origin()).status, 200);
    ASSERT_TRUE(m_completed);
    EXPECT_EQ(Json::parse(*m_completed), Json::parse(credential.toStdString())["credential"]);
    EXPECT_TRUE(succeeds(parseRegistrationResponse(*m_completed)));
}

TEST_F(BrowserCeremonyTest, ClosesAfterOneResult)
{
    openAndServe(creationOptions(), true);
    const QByteArray credential = QByteArray::fromStdString(Json{{"credential", Json::parse(registration())}}.dump());
    EXPECT_EQ(send("POST", resultUrl(), credential, origin()).status, 200);
    ASSERT_TRUE(m_completed);
    EXPECT_TRUE(spinUntil([this] { return !m_ceremony.isListening(); }));
    EXPECT_EQ(m_ceremony.remainingMs(), 0);
    // A second post and the page itself: nobody answers any more.
    EXPECT_EQ(send("POST", resultUrl(), credential, origin()).status, 0);
    EXPECT_EQ(send("GET", m_ceremony.pageUrl()).status, 0);
    EXPECT_EQ(ends(), 1);
}

TEST_F(BrowserCeremonyTest, TheBrowsersErrorEndsTheCeremony)
{
    openAndServe(requestOptions(), false);
    EXPECT_EQ(postResult({{"error", {{"name", "NotAllowedError"}, {"message", "The operation either timed out or was not allowed."}}}}).status, 422);
    ASSERT_TRUE(m_failed);
    EXPECT_EQ(m_failed->code, "BROWSER_CEREMONY_BROWSER");
    EXPECT_EQ(m_failed->category, ErrorCategory::Listener);
    EXPECT_EQ(m_failed->actual, "NotAllowedError");
    EXPECT_NE(m_failed->message.find("not allowed"), std::string::npos);
    EXPECT_TRUE(spinUntil([this] { return !m_ceremony.isListening(); }));
}

TEST_F(BrowserCeremonyTest, AResultOfTheWrongShapeEndsTheCeremony)
{
    // A registration posted where an assertion is expected.
    openAndServe(requestOptions(), false);
    const std::string created = [this] {
        SoftwareAuthenticator other;
        return other.createCredential(creationOptions({-7}), m_ceremony.origin()).value();
    }();
    EXPECT_EQ(postResult({{"credential", Json::parse(created)}}).status, 422);
    ASSERT_TRUE(m_failed);
    EXPECT_EQ(m_failed->code, "BROWSER_CEREMONY_RESULT");
    EXPECT_EQ(ends(), 1);
}

TEST_F(BrowserCeremonyTest, NeitherCredentialNorErrorEndsTheCeremony)
{
    openAndServe(requestOptions(), false);
    EXPECT_EQ(postResult({{"something", 1}}).status, 422);
    ASSERT_TRUE(m_failed);
    EXPECT_EQ(m_failed->code, "BROWSER_CEREMONY_RESULT");
}

TEST_F(BrowserCeremonyTest, TimesOutAndCloses)
{
    openAndServe(requestOptions(), false, 300);
    EXPECT_TRUE(spinUntil([this] { return m_failed.has_value(); }, 3000));
    ASSERT_TRUE(m_failed);
    EXPECT_EQ(m_failed->code, "BROWSER_CEREMONY_TIMEOUT");
    EXPECT_FALSE(m_ceremony.isListening());
    EXPECT_EQ(send("GET", m_ceremony.pageUrl()).status, 0);
    EXPECT_EQ(ends(), 1);
}

TEST_F(BrowserCeremonyTest, CancelClosesWithoutAnEnd)
{
    openAndServe(requestOptions(), false);
    EXPECT_EQ(send("GET", m_ceremony.pageUrl()).status, 200);
    m_ceremony.cancel();
    EXPECT_FALSE(m_ceremony.isListening());
    EXPECT_EQ(send("GET", m_ceremony.pageUrl()).status, 0);
    oidc::test::spin(50);
    EXPECT_EQ(ends(), 0);
}

TEST_F(BrowserCeremonyTest, RefusesUnusableCalls)
{
    EXPECT_TRUE(failsWith(m_ceremony.serve(requestOptions(), false), "BROWSER_CEREMONY_OPTIONS"));
    ASSERT_TRUE(succeeds(m_ceremony.open()));
    EXPECT_TRUE(failsWith(m_ceremony.open(), "BROWSER_CEREMONY_LISTEN", ErrorCategory::Listener));
    EXPECT_TRUE(failsWith(m_ceremony.serve("not json", false), "BROWSER_CEREMONY_OPTIONS"));
    EXPECT_TRUE(failsWith(m_ceremony.serve(R"({"publicKey":{"rpId":"localhost"}})", false), "BROWSER_CEREMONY_OPTIONS"));
    EXPECT_TRUE(failsWith(m_ceremony.serve(R"({"publicKey":{"challenge":"AAAA"}})", true), "BROWSER_CEREMONY_OPTIONS"));
    EXPECT_TRUE(m_ceremony.pageUrl().isEmpty());
    ASSERT_TRUE(succeeds(m_ceremony.serve(requestOptions(), false)));
    EXPECT_TRUE(failsWith(m_ceremony.serve(requestOptions(), false), "BROWSER_CEREMONY_OPTIONS"));
}

struct TimeoutRow final {
    const char *name;
    std::string options;
    int expectedMs;
};

class CeremonyTimeout : public ::testing::TestWithParam<TimeoutRow> {};

TEST_P(CeremonyTimeout, IsTheOptionsTimeoutBounded)
{
    EXPECT_EQ(ceremonyTimeoutMs(GetParam().options), GetParam().expectedMs);
}

INSTANTIATE_TEST_SUITE_P(
    WebAuthnSection5_4, CeremonyTimeout,
    ::testing::Values(TimeoutRow{"options_timeout", R"({"publicKey":{"timeout":60000}})", 60000},
                      TimeoutRow{"bare_options", R"({"timeout":120000})", 120000},
                      TimeoutRow{"raised_to_30s", R"({"publicKey":{"timeout":1000}})", kBrowserCeremonyMinTimeoutMs},
                      TimeoutRow{"capped_at_10min", R"({"publicKey":{"timeout":1e9}})", kBrowserCeremonyMaxTimeoutMs},
                      TimeoutRow{"absent", R"({"publicKey":{}})", kBrowserCeremonyDefaultTimeoutMs},
                      TimeoutRow{"negative", R"({"publicKey":{"timeout":-5}})", kBrowserCeremonyDefaultTimeoutMs},
                      TimeoutRow{"not_a_number", R"({"publicKey":{"timeout":"60000"}})", kBrowserCeremonyDefaultTimeoutMs},
                      TimeoutRow{"not_json", "timeout", kBrowserCeremonyDefaultTimeoutMs}),
    RowName());

} // namespace oidc::webauthn::test
