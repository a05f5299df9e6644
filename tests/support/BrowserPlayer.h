#pragma once

// Plays the user's browser over plain HTTP for the GUI tests and the GUI benchmark (the system
// browser's stand-in): follows redirects with a cookie jar, submits the sandbox's hosted login form
// as a given login ID, and stops at the first redirect to `stopPrefix` (the app's loopback
// listener), which it then requests like a browser would (a private-use scheme's it does not
// request: a browser hands it to the desktop). It works on the thread it lives in, so
// the benchmark can move it to a worker thread (a real browser is another process).

#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace testsupport {

class BrowserPlayer final : public QObject {
    Q_OBJECT
public:
    explicit BrowserPlayer(QObject *parent = nullptr);
    ~BrowserPlayer() override;

public Q_SLOTS:
    // Emits finished() once; `login` empty: never submit a form (prompt=none, or a page to report).
    void play(const QUrl &url, const QString &login, const QString &stopPrefix);
    // Forgets every cookie: the provider sees a new browser.
    void clearCookies();
    // One GET, no redirects followed (a forged callback, a favicon probe).
    void get(const QUrl &url);

Q_SIGNALS:
    // `finalUrl`: the URL at which play() stopped (the callback, or the page it could not pass);
    // `status`: the HTTP status of that last request; `error`: non-empty when the play failed.
    void finished(const QUrl &finalUrl, int status, const QString &error);
    void fetched(const QUrl &url, int status, const QByteArray &body);

private:
    void request(const QUrl &url, const QByteArray &method, const QByteArray &body);
    void onReply(QNetworkReply *reply);
    QNetworkAccessManager *manager();
    void done(const QUrl &url, int status, const QString &error);

    QNetworkAccessManager *m_manager = nullptr;
    QString m_login;
    QString m_stopPrefix;
    int m_hops = 0;
    bool m_fetchingFinal = false;
    bool m_active = false;
};

// Extracts the first <form> of a sandbox page: its action and fields (hidden inputs, HTML entities decoded).
struct ParsedForm final {
    QString action;
    QList<QPair<QString, QString>> fields;
};
[[nodiscard]] ParsedForm parseLoginForm(const QByteArray &html);

} // namespace testsupport
