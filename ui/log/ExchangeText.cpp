#include "ExchangeText.h"

#include "oidc/Json.h"

#include <QUrl>

namespace ui {

using oidc::net::ExchangeLog;
using oidc::net::ExchangeRecord;
using oidc::net::Reveal;

namespace {

QByteArray contentType(const oidc::net::HeaderList &headers)
{
    for (const auto &[name, value] : headers)
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            return value.toLower();
    return {};
}

QString headerLines(const oidc::net::HeaderList &headers)
{
    QString text;
    for (const auto &[name, value] : headers)
        text += QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value) + QLatin1Char('\n');
    return text;
}

} // namespace

QString readableBody(const QByteArray &body, const oidc::net::HeaderList &headers)
{
    if (body.isEmpty())
        return {};
    const QByteArray type = contentType(headers);
    if (type.startsWith("application/x-www-form-urlencoded")) {
        QStringList lines;
        for (const QByteArray &pair : body.split('&')) {
            const int eq = pair.indexOf('=');
            const auto decode = [](QByteArray part) { return QUrl::fromPercentEncoding(part.replace('+', ' ')); };
            lines << (eq < 0 ? decode(pair) : decode(pair.left(eq)) + QStringLiteral(" = ") + decode(pair.mid(eq + 1)));
        }
        return lines.join(QLatin1Char('\n'));
    }
    const auto json = nlohmann::ordered_json::parse(body.constBegin(), body.constEnd(), nullptr, false);
    if (!json.is_discarded() && (json.is_object() || json.is_array()))
        return QString::fromStdString(json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    return QString::fromUtf8(body);
}

QString readableRequest(const ExchangeRecord &record, Reveal reveal)
{
    QString text = QString::fromLatin1(record.method) + QLatin1Char(' ') + ExchangeLog::url(record, reveal) + QLatin1Char('\n');
    text += headerLines(ExchangeLog::headers(record.requestHeaders, reveal));
    if (!record.requestBody.isEmpty())
        text += QLatin1Char('\n') + readableBody(ExchangeLog::body(record.requestBody, record.requestHeaders, reveal), record.requestHeaders);
    return text;
}

QString readableResponse(const ExchangeRecord &record, Reveal reveal)
{
    QString text;
    if (record.error)
        text += QStringLiteral("(%1) %2\n").arg(QString::fromLatin1(oidc::categoryName(record.error->category).data()),
                                                QString::fromStdString(record.error->code + ": " + record.error->message));
    if (record.status == 0 && record.responseHeaders.isEmpty())
        return text.isEmpty() ? QStringLiteral("(no response)") : text;
    text += QStringLiteral("HTTP %1  (%2 ms)\n").arg(record.status).arg(record.elapsedMs);
    text += headerLines(ExchangeLog::headers(record.responseHeaders, reveal));
    if (!record.responseBody.isEmpty())
        text += QLatin1Char('\n') + readableBody(ExchangeLog::body(record.responseBody, record.responseHeaders, reveal), record.responseHeaders);
    return text;
}

} // namespace ui
