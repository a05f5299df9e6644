#include "BrowserLoader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QPluginLoader>

namespace ui {

namespace {
EmbeddedBrowserFactory *g_factory = nullptr;
QString g_error;
bool g_tried = false;
} // namespace

QStringList BrowserLoader::candidatePaths()
{
    QStringList paths;
    const QString fromEnv = qEnvironmentVariable("OIDCPLAY_BROWSER_PLUGIN");
    if (!fromEnv.isEmpty())
        paths << fromEnv;
    const QDir appDir(QCoreApplication::applicationDirPath());
    paths << appDir.filePath(QStringLiteral("liboidcplay_webengine.so"))
          << appDir.filePath(QStringLiteral("../lib/oidcplay/liboidcplay_webengine.so"))
          << appDir.filePath(QStringLiteral("../../ui/browser/liboidcplay_webengine.so"));
    return paths;
}

EmbeddedBrowserFactory *BrowserLoader::factory(QString *error)
{
    if (!g_tried) {
        g_tried = true;
        QStringList tried;
        for (const QString &path : candidatePaths()) {
            if (!QFileInfo::exists(path)) {
                tried << path + QStringLiteral(" (missing)");
                continue;
            }
            QPluginLoader loader(path);
            QObject *instance = loader.instance();
            if (auto *found = qobject_cast<EmbeddedBrowserFactory *>(instance)) {
                g_factory = found;
                break;
            }
            tried << path + QStringLiteral(": ") + loader.errorString();
        }
        if (!g_factory)
            g_error = QStringLiteral("The embedded browser is not available (this build may have been made without Qt WebEngine). "
                                     "Use the system browser instead. Looked at: ")
                + tried.join(QStringLiteral("; "));
    }
    if (!g_factory && error)
        *error = g_error;
    return g_factory;
}

bool BrowserLoader::isLoaded()
{
    return g_factory != nullptr;
}

} // namespace ui
