#include "BrowserPlayer.h"

#include "sandbox/HttpReplies.h"

#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>

namespace testsupport {

namespace {

constexpr int kMaxHops = 20;

QString decodeEntities(const QString &text)
{
    return QString::fromStdString(sandbox::reply::htmlUnescape(text.toStdString()));
}

QByteArray formEncode(const QString &text)
{
    QByteArray encoded = QUrl::toPercentEncoding(text, "*-._");
    return encoded;
}

} // namespace

ParsedForm parseLoginForm(const QByteArray &html)
{
    ParsedForm form;
    const QString text = QString::fromUtf8(html);
    static const QRegularExpression formPattern(QStringLiteral("<form\\b([^>]*)>([\\s\\S]*?)</form>"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression actionPattern(QStringLiteral("action=\"([^\"]*)\""));
    static const QRegularExpression inputPattern(QStringLiteral("<input\\b([^>]*)>"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression namePattern(QStringLiteral("name=\"([^\"]*)\""));
    static const QRegularExpression valuePattern(QStringLiteral("value=\"([^\"]*)\""));
    const QRegularExpressionMatch match = formPattern.match(text);
    if (!match.hasMatch())
        return form;
    if (const auto action = actionPattern.match(match.captured(1)); action.hasMatch())
        form.action = decodeEntities(action.captured(1));
    auto inputs = inputPattern.globalMatch(match.captured(2));
    while (inputs.hasNext()) {
        const QString attributes = inputs.next().captured(1);
        const auto name = namePattern.match(attributes);
        if (!name.hasMatch())
            continue;
        const auto value = valuePattern.match(attributes);
        form.fields.append({decodeEntities(name.captured(1)), value.hasMatch() ? decodeEntities(value.captured(1)) : QString()});
    }
    return form;
}

BrowserPlayer::BrowserPlayer(QObject *parent)
    : QObject(parent)
{
}

BrowserPlayer::~BrowserPlayer() = default;

QNetworkAccessManager *BrowserPlayer::manager()
{
    if (!m_manager) {
        // Created on the player's own thread.
        m_manager = new QNetworkAccessManager(this);
        m_manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        m_manager->setCookieJar(new QNetworkCookieJar(m_manager));
    }
    return m_manager;
}

void BrowserPlayer::clearCookies()
{
    manager()->setCookieJar(new QNetworkCookieJar(manager()));
}

void BrowserPlayer::play(const QUrl &url, const QString &login, const QString &stopPrefix)
{
    m_login = login;
    m_stopPrefix = stopPrefix;
    m_hops = 0;
    m_fetchingFinal = false;
    m_active = true;
    request(url, "GET", {});
}

void BrowserPlayer::get(const QUrl &url)
{
    QNetworkRequest request(url);
    QNetworkReply *reply = manager()->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
        reply->deleteLater();
        Q_EMIT fetched(url, reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll());
    });
}

void BrowserPlayer::request(const QUrl &url, const QByteArray &method, const QByteArray &body)
{
    if (++m_hops > kMaxHops) {
        done(url, 0, QStringLiteral("more than %1 hops").arg(kMaxHops));
        return;
    }
    if (!m_stopPrefix.isEmpty() && url.toString().startsWith(m_stopPrefix)) {
        // A private-use URI scheme (RFC 8252 §7.1) is no HTTP: a browser hands it to the desktop.
        if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) {
            done(url, 302, QString());
            return;
        }
        m_fetchingFinal = true;
    }
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "text/html");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    QNetworkReply *reply = nullptr;
    if (method == "POST") {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply = manager()->post(request, body);
    } else {
        reply = manager()->get(request);
    }
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReply(reply); });
}

void BrowserPlayer::onReply(QNetworkReply *reply)
{
    reply->deleteLater();
    const QUrl url = reply->url();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (m_fetchingFinal) {
        done(url, status, status == 0 ? reply->errorString() : QString());
        return;
    }
    if (status == 0) {
        done(url, 0, reply->errorString());
        return;
    }
    if (status >= 300 && status < 400) {
        const QUrl next = url.resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        request(next, "GET", {});
        return;
    }
    if (status == 200 && !m_login.isEmpty() && body.contains("name=\"loginId\"")) {
        const ParsedForm form = parseLoginForm(body);
        QByteArray encoded;
        bool loginSet = false;
        for (const auto &[name, value] : form.fields) {
            if (!encoded.isEmpty())
                encoded += '&';
            QString fieldValue = value;
            if (name == QLatin1String("loginId")) {
                fieldValue = m_login;
                loginSet = true;
            }
            encoded += formEncode(name) + '=' + formEncode(fieldValue);
        }
        if (!loginSet)
            encoded += QByteArray(encoded.isEmpty() ? "" : "&") + "loginId=" + formEncode(m_login);
        m_login.clear(); // one submission: a second login page means the login failed
        request(url.resolved(QUrl(form.action)), "POST", encoded);
        return;
    }
    done(url, status, QStringLiteral("stopped at a page (HTTP %1): %2").arg(status).arg(QString::fromUtf8(body.left(300))));
}

void BrowserPlayer::done(const QUrl &url, int status, const QString &error)
{
    if (!m_active)
        return;
    m_active = false;
    Q_EMIT finished(url, status, error);
}

} // namespace testsupport
