// The embedded browser plugin: Qt WebEngine, one QWebEngineProfile per provider profile.

#include "ui/browser/EmbeddedBrowser.h"

#include <QDir>
#include <QLabel>
#include <QPointer>
#include <QVBoxLayout>
#include <QWebEngineCookieStore>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineView>
#include <QtWebEngineCore/qtwebenginecoreversion.h>

namespace ui {

namespace {

QString navigationKind(QWebEnginePage::NavigationType type)
{
    switch (type) {
    case QWebEnginePage::NavigationTypeLinkClicked: return QStringLiteral("link");
    case QWebEnginePage::NavigationTypeTyped: return QStringLiteral("typed");
    case QWebEnginePage::NavigationTypeFormSubmitted: return QStringLiteral("form");
    case QWebEnginePage::NavigationTypeBackForward: return QStringLiteral("back/forward");
    case QWebEnginePage::NavigationTypeReload: return QStringLiteral("reload");
    case QWebEnginePage::NavigationTypeRedirect: return QStringLiteral("redirect");
    case QWebEnginePage::NavigationTypeOther: return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

bool startsWith(const QUrl &url, const QUrl &prefix)
{
    if (url.scheme() != prefix.scheme() || url.host() != prefix.host() || url.port() != prefix.port())
        return false;
    return url.path() == prefix.path() || (prefix.path().endsWith(QLatin1Char('/')) && url.path().startsWith(prefix.path()));
}

class InterceptingPage final : public QWebEnginePage {
public:
    InterceptingPage(QWebEngineProfile *profile, EmbeddedBrowser *owner) : QWebEnginePage(profile, owner), m_owner(owner) {}
    QList<QUrl> prefixes;

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override
    {
        Q_EMIT m_owner->navigationRequested(url, navigationKind(type), isMainFrame);
        for (const QUrl &prefix : prefixes) {
            if (startsWith(url, prefix)) {
                Q_EMIT m_owner->intercepted(url);
                return false; // the redirect URI is never loaded
            }
        }
        return true;
    }

    void javaScriptConsoleMessage(JavaScriptConsoleMessageLevel level, const QString &message, int lineNumber,
                                  const QString &sourceId) override
    {
        Q_UNUSED(lineNumber)
        Q_UNUSED(sourceId)
        const QString name = level == ErrorMessageLevel ? QStringLiteral("error")
                           : level == WarningMessageLevel ? QStringLiteral("warning")
                                                          : QStringLiteral("info");
        Q_EMIT m_owner->consoleMessage(name, message);
    }

private:
    EmbeddedBrowser *m_owner;
};

class WebEngineBrowser final : public EmbeddedBrowser {
public:
    WebEngineBrowser(const QString &profileName, const QString &storagePath, QWidget *parent)
        : EmbeddedBrowser(parent)
        , m_profile(new QWebEngineProfile(QStringLiteral("oidcplay-") + profileName, this))
        , m_profileName(profileName)
    {
        QDir().mkpath(storagePath);
        m_profile->setPersistentStoragePath(storagePath);
        m_profile->setCachePath(storagePath + QStringLiteral("/cache"));
        m_profile->setPersistentCookiesPolicy(QWebEngineProfile::AllowPersistentCookies);
        m_page = new InterceptingPage(m_profile, this);
        m_view = new QWebEngineView(this);
        m_view->setPage(m_page);
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(m_view);
        connect(m_page, &QWebEnginePage::loadFinished, this, [this](bool ok) { Q_EMIT loadFinished(m_page->url(), ok); });
    }

    ~WebEngineBrowser() override
    {
        // The page must go before its profile.
        delete m_view;
        m_view = nullptr;
        delete m_page;
        m_page = nullptr;
    }

    void setInterceptPrefixes(const QList<QUrl> &prefixes) override { m_page->prefixes = prefixes; }
    void load(const QUrl &url) override { m_page->load(url); }
    void stop() override { m_page->triggerAction(QWebEnginePage::Stop); }
    void clearSession() override
    {
        m_profile->cookieStore()->deleteAllCookies();
        m_profile->clearHttpCache();
        Q_EMIT sessionCleared();
    }
    void runJavaScript(const QString &script) override { m_page->runJavaScript(script); }
    QString profileName() const override { return m_profileName; }
    QUrl currentUrl() const override { return m_page->url(); }

private:
    QWebEngineProfile *m_profile;
    InterceptingPage *m_page = nullptr;
    QWebEngineView *m_view = nullptr;
    QString m_profileName;
};

} // namespace

class WebEngineBrowserFactory final : public QObject, public EmbeddedBrowserFactory {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID OIDCPLAY_EMBEDDED_BROWSER_FACTORY_IID)
    Q_INTERFACES(ui::EmbeddedBrowserFactory)
public:
    EmbeddedBrowser *create(const QString &profileName, const QString &storagePath, QWidget *parent) override
    {
        return new WebEngineBrowser(profileName, storagePath, parent);
    }
    QString engineVersion() const override { return QStringLiteral("Qt WebEngine " QTWEBENGINECORE_VERSION_STR); }
};

} // namespace ui

#include "WebEngineBrowser.moc"
