#include "SandboxSignIn.h"

#include "oidc/Redaction.h"
#include "oidc/net/BlockingSend.h"

#include "sandbox/HttpReplies.h"

#include <QRegularExpression>

namespace cli {

namespace {

using oidc::ErrorCategory;
using oidc::makeError;

// The HTML character references the sandbox's HtmlPage writes (reply::htmlEscape).
QString htmlUnescaped(const QString &text)
{
    return QString::fromStdString(sandbox::reply::htmlUnescape(text.toStdString()));
}

QString attributeOf(const QString &tag, const QString &name)
{
    const QRegularExpression pattern(QStringLiteral("\\b%1\\s*=\\s*\"([^\"]*)\"").arg(name), QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(tag);
    return match.hasMatch() ? htmlUnescaped(match.captured(1)) : QString();
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host() == b.host() && a.port() == b.port();
}

// The page's error paragraph (HtmlPage's class="error"), as plain text.
std::string pageError(const QByteArray &body)
{
    static const QRegularExpression error(QStringLiteral("<p class=\"error\">([^<]*)</p>"));
    const auto match = error.match(QString::fromUtf8(body));
    return match.hasMatch() ? htmlUnescaped(match.captured(1)).toStdString() : oidc::redactedPreview(body.toStdString());
}

} // namespace

std::optional<SandboxSignIn::LoginForm> SandboxSignIn::loginForm(const QString &html, const QUrl &pageUrl)
{
    static const QRegularExpression formPattern(QStringLiteral("<form\\b([^>]*\\bid=\"login\"[^>]*)>(.*?)</form>"),
                                                QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    const auto form = formPattern.match(html);
    if (!form.hasMatch())
        return std::nullopt;
    LoginForm out;
    out.action = pageUrl.resolved(QUrl(attributeOf(form.captured(1), QStringLiteral("action"))));
    static const QRegularExpression inputPattern(QStringLiteral("<input\\b([^>]*)>"), QRegularExpression::CaseInsensitiveOption);
    for (auto it = inputPattern.globalMatch(form.captured(2)); it.hasNext();) {
        const QString tag = it.next().captured(1);
        if (attributeOf(tag, QStringLiteral("type")).compare(QLatin1String("hidden"), Qt::CaseInsensitive) != 0)
            continue;
        const QString name = attributeOf(tag, QStringLiteral("name"));
        if (!name.isEmpty())
            out.fields.append({name, attributeOf(tag, QStringLiteral("value"))});
    }
    return out;
}

oidc::Result<oidc::net::HttpResponse> SandboxSignIn::send(oidc::net::HttpRequest request)
{
    request.timeoutMs = m_timeoutMs;
    request.setHeader("Accept", "text/html");
    return oidc::net::sendAndWait(m_transport, std::move(request));
}

oidc::Status SandboxSignIn::run(const QString &authorizeUrl, const QString &loginId, const QUrl &redirectUri, int timeoutMs)
{
    m_timeoutMs = timeoutMs;
    oidc::net::HttpRequest open;
    open.url = QUrl(authorizeUrl, QUrl::StrictMode);
    auto page = send(open);
    if (!page)
        return page.error();
    // An error answered at once (prompt=none, a refused request) is already the redirect back.
    if (sameOrigin(page->url, redirectUri))
        return {};
    const auto form = loginForm(QString::fromUtf8(page->body), page->url);
    if (page->status != 200 || !form)
        return makeError(ErrorCategory::Sandbox, "REPLAY_SIGN_IN_PAGE",
                         "the authorize URL did not show the sandbox's login form (HTTP " + std::to_string(page->status) + ")");

    // Form encoding (HTML §4.10.21.8): each name and value percent-encoded, the login ID in
    // place of the form's own.
    QByteArray body;
    const auto addField = [&body](const QString &name, const QString &value) {
        body += (body.isEmpty() ? "" : "&") + QUrl::toPercentEncoding(name) + "=" + QUrl::toPercentEncoding(value);
    };
    for (const auto &[name, value] : form->fields)
        if (name != QLatin1String("loginId"))
            addField(name, value);
    addField(QStringLiteral("loginId"), loginId);
    oidc::net::HttpRequest submit;
    submit.method = "POST";
    submit.url = form->action;
    submit.setHeader("Content-Type", "application/x-www-form-urlencoded");
    submit.body = body;
    auto answer = send(submit);
    if (!answer)
        return answer.error();
    const QByteArray location = answer->header("Location");
    if (answer->status < 300 || answer->status >= 400 || location.isEmpty())
        return makeError(ErrorCategory::Sandbox, "REPLAY_SIGN_IN_REFUSED", "the sandbox's login page refused \"" + loginId.toStdString() + "\": "
                         + pageError(answer->body));
    oidc::net::HttpRequest back;
    back.url = form->action.resolved(QUrl::fromEncoded(location));
    if (!sameOrigin(back.url, redirectUri))
        return makeError(ErrorCategory::Sandbox, "REPLAY_SIGN_IN_LOST", "the sign-in led to " + oidc::redactUrl(back.url).toStdString()
                         + " instead of the redirect URI", redirectUri.toString().toStdString(), oidc::redactUrl(back.url).toStdString());
    // The browser's last hop: the app's listener judges the redirect and answers with its page.
    auto delivered = send(back);
    if (!delivered)
        return delivered.error();
    return {};
}

} // namespace cli
