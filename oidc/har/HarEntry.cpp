#include "HarEntry.h"

#include <QDateTime>
#include <QString>

namespace oidc::har {

namespace {

std::string harHeaderIn(const HarHeaders &headers, std::string_view name)
{
    const QByteArray wanted = QByteArray(name.data(), static_cast<qsizetype>(name.size()));
    for (const auto &[key, value] : headers)
        if (wanted.compare(QByteArray(key.data(), static_cast<qsizetype>(key.size())), Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

HarHeaders harHeadersOf(const net::HeaderList &headers)
{
    HarHeaders out;
    out.reserve(static_cast<size_t>(headers.size()));
    for (const auto &[name, value] : headers)
        out.emplace_back(name.toStdString(), value.toStdString());
    return out;
}

} // namespace

std::string HarEntry::requestHeader(std::string_view name) const
{
    return harHeaderIn(requestHeaders, name);
}

std::string HarEntry::responseHeader(std::string_view name) const
{
    return harHeaderIn(responseHeaders, name);
}

HarEntry fromExchangeRecord(const net::ExchangeRecord &record, int index)
{
    HarEntry entry;
    entry.index = index;
    const QDateTime started = QDateTime::fromMSecsSinceEpoch(record.startedMsSinceEpoch, Qt::UTC);
    entry.startedDateTime = started.toString(Qt::ISODateWithMs).toStdString();
    entry.startedMs = record.startedMsSinceEpoch;
    entry.timeMs = static_cast<double>(record.elapsedMs);
    entry.method = record.method.toStdString();
    entry.url = record.url.toString(QUrl::FullyEncoded).toStdString();
    entry.requestHeaders = harHeadersOf(record.requestHeaders);
    entry.requestMimeType = entry.requestHeader("content-type");
    entry.requestBody = record.requestBody.toStdString();
    entry.status = record.status;
    entry.responseHeaders = harHeadersOf(record.responseHeaders);
    entry.responseMimeType = entry.responseHeader("content-type");
    entry.responseBody = record.responseBody.toStdString();
    entry.responseSize = record.responseBody.size();
    return entry;
}

std::optional<int64_t> parseIsoMs(std::string_view text)
{
    const QDateTime time = QDateTime::fromString(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())), Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toMSecsSinceEpoch();
}

} // namespace oidc::har
