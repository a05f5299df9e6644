#pragma once

// Step 5's pane. Embedded mode: the browser (created through ui::BrowserLoader on first use,
// never at start-up; one browser profile per provider profile, stored under
// <AppDataLocation>/browser/<profile id>) with every navigation hop listed underneath and a
// "Clear browser session" action. System mode: "waiting for the browser…" with the listener's
// address, Copy URL and Cancel. Both list the notes of the step (stray requests, refused
// callbacks). When the plugin is unavailable the pane says so and offers the system browser.

#include <QHash>
#include <QPointer>
#include <QUrl>
#include <QWidget>

#include <functional>

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace ui {

class EmbeddedBrowser;

class BrowserPane final : public QWidget {
    Q_OBJECT
public:
    // Where a profile's cookies and cache live.
    using StoragePathFor = std::function<QString(const QString &profileId)>;

    explicit BrowserPane(StoragePathFor storagePathFor, QWidget *parent = nullptr);
    ~BrowserPane() override;

    void setProfileId(const QString &profileId);
    [[nodiscard]] QString profileId() const { return m_profileId; }
    void setSystemMode(bool system);

    // Embedded: loads `url` with the redirect prefixes intercepted. False (and the reason shown)
    // when the embedded browser is unavailable.
    bool openEmbedded(const QUrl &url, const QList<QUrl> &interceptPrefixes);
    // System: shows that the system browser has the URL and who listens for the redirect.
    void showWaiting(const QUrl &url, const QString &listenerUri, bool opened);
    void showIdle();
    void stop();
    void clearBrowserSession();

    void setNotes(const QStringList &notes);

    [[nodiscard]] EmbeddedBrowser *browser() const; // for the current profile; nullptr before first use
    [[nodiscard]] QString unavailableReason() const { return m_unavailable; }

Q_SIGNALS:
    void intercepted(const QUrl &url);
    void useSystemBrowserRequested();
    void cancelRequested();
    void navigated(const QUrl &url, const QString &kind);
    void pageLoaded(const QUrl &url, bool ok);
    void consoleMessage(const QString &level, const QString &message);

private:
    EmbeddedBrowser *ensureBrowser();
    void addHop(const QString &kind, const QUrl &url);
    void addHopText(const QString &kind, const QString &text);

    StoragePathFor m_storagePathFor;
    QString m_profileId;
    QHash<QString, QPointer<EmbeddedBrowser>> m_browsers;
    QString m_unavailable;
    bool m_system = false;
    QUrl m_waitingUrl;

    QLabel *m_status;
    QStackedWidget *m_stack;
    QWidget *m_placeholder;
    QLabel *m_placeholderText;
    QPushButton *m_useSystemButton;
    QPushButton *m_copyUrlButton;
    QPushButton *m_openAgainButton;
    QPushButton *m_cancelButton;
    QPushButton *m_clearButton;
    QListWidget *m_hops;
    QListWidget *m_notes;
};

} // namespace ui
