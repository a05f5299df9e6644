#include "FlowTestSupport.h"

#include "ui/AppContext.h"
#include "sandbox/SandboxServer.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

namespace testsupport {

std::unique_ptr<TestApp> makeTestApp()
{
    auto app = std::make_unique<TestApp>();
    ui::AppContext::Options options;
    options.settingsPath = app->dir.filePath(QStringLiteral("settings.ini"));
    options.browserStorageRoot = app->dir.filePath(QStringLiteral("browser"));
    app->context = std::make_unique<ui::AppContext>(options);
    return app;
}

bool startSandbox(ui::AppContext &context, int timeoutMs)
{
    if (context.sandboxState() == ui::AppContext::SandboxState::Running)
        return true;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&context, &ui::AppContext::sandboxStateChanged, &loop, [&loop](ui::AppContext::SandboxState state) {
        if (state == ui::AppContext::SandboxState::Running || state == ui::AppContext::SandboxState::Failed)
            loop.quit();
    });
    timer.start(timeoutMs);
    context.startSandbox();
    if (context.sandboxState() != ui::AppContext::SandboxState::Running)
        loop.exec();
    return context.sandboxState() == ui::AppContext::SandboxState::Running;
}

int postSandboxAdmin(const QUrl &sandboxBaseUrl, const QString &path, const QByteArray &json)
{
    QNetworkAccessManager manager;
    QUrl url = sandboxBaseUrl;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = manager.post(request, json);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

int postFault(const QUrl &sandboxBaseUrl, const QByteArray &json)
{
    return postSandboxAdmin(sandboxBaseUrl, QStringLiteral("/sandbox/faults"), json);
}

QString redirectTarget(const QUrl &url)
{
    const QUrlQuery query(url);
    for (const char *name : {"redirect_uri", "post_logout_redirect_uri"}) {
        const QString value = query.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded);
        if (!value.isEmpty())
            return value;
    }
    return {};
}

} // namespace testsupport
