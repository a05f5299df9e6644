#include "ExchangeLog.h"

#include "oidc/Redaction.h"

#include <algorithm>

namespace oidc::net {

namespace {

bool isSecretHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower == "authorization" || lower == "cookie" || lower == "set-cookie" || lower == "proxy-authorization" || lower == "dpop";
}

// Headers whose value is a URL: a redirect's Location carries the authorization code (or, in
// the implicit and hybrid flows, tokens in its fragment), so it is redacted like the request URL.
bool isUrlHeader(const QByteArray &name)
{
    return name.compare("location", Qt::CaseInsensitive) == 0 || name.compare("content-location", Qt::CaseInsensitive) == 0;
}

QByteArray redactedHeaderValue(const QByteArray &name, const QByteArray &value)
{
    if (name.compare("authorization", Qt::CaseInsensitive) == 0)
        return redactAuthorization(value);
    if (isSecretHeader(name))
        return QByteArray("[redacted]");
    if (isUrlHeader(name)) {
        const QUrl url = QUrl::fromEncoded(value.trimmed(), QUrl::StrictMode);
        // Not a URL: redacted as text, failing closed like an unparsable body.
        return url.isValid() ? redactUrl(url).toUtf8() : QByteArray::fromStdString(redactText(value.toStdString()));
    }
    return value;
}

QByteArray contentType(const HeaderList &headers)
{
    for (const auto &[name, value] : headers)
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            return value.toLower();
    return {};
}

qint64 bodyBytesOf(const ExchangeRecord &record)
{
    return record.requestBody.size() + record.responseBody.size();
}

} // namespace

ExchangeLog::ExchangeLog(QObject *parent) : ExchangeLog(ExchangeLogLimits{}, parent) {}

ExchangeLog::ExchangeLog(ExchangeLogLimits limits, QObject *parent) : QObject(parent), m_limits(limits) {}

void ExchangeLog::attach(HttpTransport &transport)
{
    transport.setObserver([this](const HttpExchange &exchange) { add(exchange); });
}

void ExchangeLog::add(const HttpExchange &exchange)
{
    ExchangeRecord record;
    record.id = m_nextId++;
    record.step = exchange.request.step;
    record.label = exchange.request.label;
    record.method = exchange.request.method;
    record.url = exchange.request.url;
    record.requestHeaders = exchange.request.headers;
    record.requestBody = exchange.request.body;
    if (exchange.response) {
        record.status = exchange.response->status;
        record.responseHeaders = exchange.response->headers;
        record.responseBody = exchange.response->body;
    }
    record.error = exchange.error;
    if (exchange.error && exchange.error->httpStatus)
        record.status = exchange.error->httpStatus;
    record.startedMsSinceEpoch = exchange.startedMsSinceEpoch;
    record.elapsedMs = exchange.elapsedMs;
    m_bodyBytes += bodyBytesOf(record);
    m_records.push_back(std::move(record));
    Q_EMIT recordAdded(size() - 1);
    dropBeyondLimits();
}

void ExchangeLog::dropBeyondLimits()
{
    int count = 0;
    qint64 bytes = m_bodyBytes;
    const int maxRecords = std::max(1, m_limits.maxRecords);
    while (count < size() - 1 && (size() - count > maxRecords || bytes > m_limits.maxBodyBytes))
        bytes -= bodyBytesOf(m_records[static_cast<size_t>(count++)]);
    if (count == 0)
        return;
    Q_EMIT oldestAboutToBeDropped(count);
    m_records.erase(m_records.begin(), m_records.begin() + count);
    m_bodyBytes = bytes;
    m_dropped += count;
    Q_EMIT oldestDropped(count);
}

void ExchangeLog::clear()
{
    m_records.clear();
    m_bodyBytes = 0;
    m_dropped = 0;
    Q_EMIT cleared();
}

QString ExchangeLog::url(const ExchangeRecord &record, Reveal reveal)
{
    return reveal == Reveal::Secrets ? record.url.toString(QUrl::FullyEncoded) : redactUrl(record.url);
}

HeaderList ExchangeLog::headers(const HeaderList &list, Reveal reveal)
{
    if (reveal == Reveal::Secrets)
        return list;
    HeaderList out;
    for (const auto &[name, value] : list)
        out.append({name, redactedHeaderValue(name, value)});
    return out;
}

QByteArray ExchangeLog::body(const QByteArray &content, const HeaderList &list, Reveal reveal)
{
    if (reveal == Reveal::Secrets || content.isEmpty())
        return content;
    if (contentType(list).startsWith("application/x-www-form-urlencoded") && !content.trimmed().startsWith('{'))
        return redactUrlEncoded(content);
    // JSON members by name; whatever does not parse (a body cut off, a form or a JWT labelled
    // otherwise, an HTML page echoing a token) is redacted as text: the log fails closed.
    return redactJsonBody(content);
}

QString ExchangeLog::requestText(const ExchangeRecord &record, Reveal reveal)
{
    QString text = QString::fromLatin1(record.method) + QLatin1Char(' ') + url(record, reveal) + QLatin1Char('\n');
    for (const auto &[name, value] : headers(record.requestHeaders, reveal))
        text += QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value) + QLatin1Char('\n');
    if (!record.requestBody.isEmpty())
        text += QLatin1Char('\n') + QString::fromUtf8(body(record.requestBody, record.requestHeaders, reveal));
    return text;
}

QString ExchangeLog::responseText(const ExchangeRecord &record, Reveal reveal)
{
    QString text;
    if (record.error)
        text += QStringLiteral("(%1) %2\n").arg(QString::fromLatin1(categoryName(record.error->category).data()),
                                                QString::fromStdString(record.error->code + ": " + record.error->message));
    if (record.status == 0 && record.responseHeaders.isEmpty())
        return text.isEmpty() ? QStringLiteral("(no response)") : text;
    text += QStringLiteral("HTTP %1  (%2 ms)\n").arg(record.status).arg(record.elapsedMs);
    for (const auto &[name, value] : headers(record.responseHeaders, reveal))
        text += QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value) + QLatin1Char('\n');
    if (!record.responseBody.isEmpty())
        text += QLatin1Char('\n') + QString::fromUtf8(body(record.responseBody, record.responseHeaders, reveal));
    return text;
}

QString ExchangeLog::shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString ExchangeLog::toCurl(const ExchangeRecord &record, Reveal reveal)
{
    QString first = QStringLiteral("curl");
    if (record.method != "GET")
        first += QStringLiteral(" -X ") + QString::fromLatin1(record.method);
    first += QLatin1Char(' ') + shellQuote(url(record, reveal));
    QStringList lines{first};
    for (const auto &[name, value] : headers(record.requestHeaders, reveal))
        lines << QStringLiteral("-H ") + shellQuote(QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value));
    if (!record.requestBody.isEmpty())
        lines << QStringLiteral("--data-raw ") + shellQuote(QString::fromUtf8(body(record.requestBody, record.requestHeaders, reveal)));
    return lines.join(QStringLiteral(" \\\n  "));
}

} // namespace oidc::net

#include "moc_ExchangeLog.cpp"
