#pragma once

// The embedded browser as the app sees it. The implementation (Qt WebEngine) lives in a plugin
// loaded on first use (BrowserLoader), so start-up never pays for WebEngine (~150–190 ms and
// 85 MB when merely linked). Nothing here includes a WebEngine header.

#include <QString>
#include <QUrl>
#include <QWidget>
#include <QtPlugin>

namespace ui {

class EmbeddedBrowser : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;
    ~EmbeddedBrowser() override = default;

    // Navigations to URLs that start with this prefix (the redirect URI, the post-logout URI) are
    // intercepted: reported through intercepted() and never loaded.
    virtual void setInterceptPrefixes(const QList<QUrl> &prefixes) = 0;
    virtual void load(const QUrl &url) = 0;
    virtual void stop() = 0;
    // Deletes this profile's cookies and cache, so the provider's session is gone (prompt=none then fails).
    virtual void clearSession() = 0;
    // Runs JavaScript in the main frame of the current page; the result is dropped. For tests and
    // demos that fill a provider's form (the app itself never scripts provider pages).
    virtual void runJavaScript(const QString &script) = 0;
    [[nodiscard]] virtual QString profileName() const = 0;
    [[nodiscard]] virtual QUrl currentUrl() const = 0;

Q_SIGNALS:
    // Every hop: kind is "link", "typed", "form", "redirect", "reload", "back/forward", "other".
    void navigationRequested(const QUrl &url, const QString &kind, bool mainFrame);
    void intercepted(const QUrl &url);
    void loadFinished(const QUrl &url, bool ok);
    // The page's console (level "info", "warning" or "error"): CSP refusals and script errors show here.
    void consoleMessage(const QString &level, const QString &message);
    void sessionCleared();
};

class EmbeddedBrowserFactory {
public:
    virtual ~EmbeddedBrowserFactory() = default;
    // One profile per provider profile: cookies persist per profile under `storagePath`.
    virtual EmbeddedBrowser *create(const QString &profileName, const QString &storagePath, QWidget *parent) = 0;
    [[nodiscard]] virtual QString engineVersion() const = 0;
};

} // namespace ui

#define OIDCPLAY_EMBEDDED_BROWSER_FACTORY_IID "dev.oidcplay.EmbeddedBrowserFactory/1.1"
Q_DECLARE_INTERFACE(ui::EmbeddedBrowserFactory, OIDCPLAY_EMBEDDED_BROWSER_FACTORY_IID)
