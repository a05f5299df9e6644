#include "Http.h"

#include <QHostAddress>

namespace oidc::net {

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

void HttpRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0) {
            entry.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

Status checkEndpointUrl(const QUrl &url, bool allowHttpLoopback)
{
    if (!url.isValid() || url.host().isEmpty())
        return makeError(ErrorCategory::Net, "NET_BAD_URL", "not a valid absolute URL", "https://…", url.toString().toStdString());
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http") && isLoopbackHost(url.host())) {
        if (allowHttpLoopback)
            return {};
        return makeError(ErrorCategory::Net, "NET_INSECURE_URL", "plain http is allowed only on loopback, and only when enabled",
                         "https", url.toString().toStdString());
    }
    return makeError(ErrorCategory::Net, "NET_INSECURE_URL", "only https URLs are allowed (http only on loopback hosts)", "https",
                     url.scheme().toStdString() + "://" + url.host().toStdString());
}

} // namespace oidc::net
