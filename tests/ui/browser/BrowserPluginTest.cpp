// The embedded-browser plugin, loaded on first use like the app does: every hop reported, the
// redirect to the redirect URI intercepted and not loaded, cookies per profile and clearable.

#include "oidc/net/LocalHttpServer.h"
#include "ui/browser/BrowserLoader.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class BrowserPluginTest final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void notLoadedUntilAsked();
    void interceptsTheRedirectAndKeepsCookiesPerProfile();
};

void BrowserPluginTest::notLoadedUntilAsked()
{
    QVERIFY(!ui::BrowserLoader::isLoaded());
}

void BrowserPluginTest::interceptsTheRedirectAndKeepsCookiesPerProfile()
{
    int hits = 0;
    oidc::net::LocalHttpServer server([&](const oidc::net::LocalHttpRequest &request, oidc::net::LocalHttpResponder responder) {
        ++hits;
        if (request.path() == "/start") {
            oidc::net::LocalHttpResponse response;
            response.status = 302;
            response.setHeader("Location", "/login");
            responder.respond(response);
        } else if (request.path() == "/login") {
            const bool hasCookie = request.header("Cookie").toByteArray().contains("sid=1");
            oidc::net::LocalHttpResponse response;
            response.status = 302;
            response.setHeader("Set-Cookie", "sid=1; Path=/; HttpOnly");
            response.setHeader("Location", QByteArray("http://127.0.0.1:1/callback?code=abc&state=") + (hasCookie ? "again" : "first"));
            responder.respond(response);
        } else {
            responder.respond(oidc::net::LocalHttpResponse::text(404, "no"));
        }
    });
    QVERIFY(server.listen(0).ok());

    QString error;
    ui::EmbeddedBrowserFactory *factory = ui::BrowserLoader::factory(&error);
    QVERIFY2(factory, qPrintable(error));
    QVERIFY(ui::BrowserLoader::isLoaded());
    QTemporaryDir storage;
    std::unique_ptr<ui::EmbeddedBrowser> browser(factory->create(QStringLiteral("test"), storage.path(), nullptr));
    browser->resize(800, 600);
    browser->show();
    browser->setInterceptPrefixes({QUrl(QStringLiteral("http://127.0.0.1:1/callback"))});
    QSignalSpy hops(browser.get(), &ui::EmbeddedBrowser::navigationRequested);
    QSignalSpy intercepted(browser.get(), &ui::EmbeddedBrowser::intercepted);

    QUrl start = server.baseUrl();
    start.setPath(QStringLiteral("/start"));
    browser->load(start);
    QVERIFY(intercepted.wait(20000));
    QCOMPARE(intercepted.first().first().toUrl().query(), QStringLiteral("code=abc&state=first"));
    QVERIFY2(hops.size() >= 3, qPrintable(QString::number(hops.size()))); // start, redirect /login, redirect callback
    QStringList kinds;
    for (const auto &hop : hops)
        kinds << hop.at(1).toString();
    QVERIFY2(kinds.contains(QStringLiteral("redirect")), qPrintable(kinds.join(QLatin1Char(','))));
    QCOMPARE(hits, 2); // the callback itself was never requested

    // Same profile: the cookie is sent again.
    intercepted.clear();
    browser->load(start);
    QVERIFY(intercepted.wait(20000));
    QCOMPARE(intercepted.first().first().toUrl().query(), QStringLiteral("code=abc&state=again"));

    // Cleared session: the provider sees a new browser.
    QSignalSpy cleared(browser.get(), &ui::EmbeddedBrowser::sessionCleared);
    browser->clearSession();
    QCOMPARE(cleared.size(), 1);
    QTest::qWait(300);
    intercepted.clear();
    browser->load(start);
    QVERIFY(intercepted.wait(20000));
    QCOMPARE(intercepted.first().first().toUrl().query(), QStringLiteral("code=abc&state=first"));
}

int main(int argc, char **argv)
{
    // As in the app: no Qt::AA_ShareOpenGLContexts; BrowserLoader provides the share context.
    QApplication app(argc, argv);
    BrowserPluginTest test;
    return QTest::qExec(&test, argc, argv);
}
#include "BrowserPluginTest.moc"
