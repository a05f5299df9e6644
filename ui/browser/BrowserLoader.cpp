#include "BrowserLoader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QOpenGLContext>
#include <QPluginLoader>

// Exported by Qt Gui (Qt 6.4), declared in no public header. Qt WebEngine needs a global share
// context; Qt::AA_ShareOpenGLContexts would create one at start-up (loading the GL stack, about
// 50 MB and 60 ms under Mesa), so the loader creates it here, on first use, instead.
QOpenGLContext *qt_gl_global_share_context();
void qt_gl_set_global_share_context(QOpenGLContext *context);

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
    // Beside the executable in the build tree; installed, in the plugin directory the install
    // rules chose, given relative to the executable's (cmake/Packaging.cmake), so an installed or
    // unpacked tree works wherever it lies.
    paths << appDir.filePath(QStringLiteral("liboidcplay_webengine.so"))
          << appDir.filePath(QStringLiteral(OIDCPLAY_PLUGIN_DIR_FROM_BINDIR "/liboidcplay_webengine.so"))
          << appDir.filePath(QStringLiteral("../../ui/browser/liboidcplay_webengine.so"));
    return paths;
}

EmbeddedBrowserFactory *BrowserLoader::factory(QString *error)
{
    if (!g_tried) {
        g_tried = true;
        if (!qt_gl_global_share_context() && qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
            auto *shareContext = new QOpenGLContext(QCoreApplication::instance());
            shareContext->create();
            qt_gl_set_global_share_context(shareContext);
        }
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
