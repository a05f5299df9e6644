#include "HarWriter.h"

#include "oidc/Redaction.h"

#include <QDateTime>
#include <QSaveFile>
#include <QUrlQuery>

namespace oidc::har {

namespace {

// What one body becomes in the file, and what was removed from it (empty when nothing).
struct WrittenBody {
    std::string text;
    std::string encoding; // "base64" for bytes that are not UTF-8 text, revealed
    std::string removed;  // a note for "_redacted", empty when the text is the original
};

bool harIsUtf8Text(const QByteArray &bytes)
{
    const QString decoded = QString::fromUtf8(bytes);
    return !decoded.contains(QChar::ReplacementCharacter) && !bytes.contains('\0');
}

QByteArray harMimeTypeOf(const net::HeaderList &headers)
{
    for (const auto &[name, value] : headers)
        if (name.compare("content-type", Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

std::string harReplacedBody(qsizetype size, const char *why)
{
    return std::string(kRedactionMarker) + " " + std::to_string(size) + " bytes " + why;
}

WrittenBody harWrittenBody(const QByteArray &body, const net::HeaderList &headers, net::Reveal reveal)
{
    if (body.isEmpty())
        return {};
    const bool text = harIsUtf8Text(body);
    if (reveal == net::Reveal::Secrets)
        return text ? WrittenBody{body.toStdString(), {}, {}} : WrittenBody{body.toBase64().toStdString(), "base64", {}};
    if (!text)
        return {harReplacedBody(body.size(), "that are not text"), {}, "binary body replaced"};
    const QByteArray mime = harMimeTypeOf(headers).toLower();
    const std::string_view view(body.constData(), static_cast<size_t>(body.size()));
    JsonParseOptions lenient;
    lenient.rejectDuplicateNames = false;
    const bool form = mime.startsWith("application/x-www-form-urlencoded") && !body.trimmed().startsWith('{');
    if (form || parseJson(view, lenient)) {
        // The exchange log's own field-by-field redaction: names stay, secret values are cut.
        const QByteArray redacted = net::ExchangeLog::body(body, headers, net::Reveal::Redacted);
        return {redacted.toStdString(), {}, redacted == body ? std::string() : std::string("secret fields")};
    }
    // Unparsable: fail closed. Text in which the text redactor finds nothing secret stays (an
    // HTML error page); anything it would touch is replaced whole, since its syntax is unknown.
    if (redactText(view) == view)
        return {body.toStdString(), {}, {}};
    return {harReplacedBody(body.size(), "that could not be parsed and may hold a secret"), {}, "unparsable body replaced"};
}

Json harHeadersJson(const net::HeaderList &raw, net::Reveal reveal, const char *where, Json &removed)
{
    Json out = Json::array();
    const net::HeaderList shown = net::ExchangeLog::headers(raw, reveal);
    for (qsizetype i = 0; i < shown.size(); ++i) {
        out.push_back({{"name", shown[i].first.toStdString()}, {"value", shown[i].second.toStdString()}});
        if (shown[i].second != raw[i].second)
            removed.push_back(std::string(where) + ".headers " + raw[i].first.toStdString());
    }
    return out;
}

Json harQueryJson(const QUrl &url)
{
    Json out = Json::array();
    for (const auto &[name, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        out.push_back({{"name", name.toStdString()}, {"value", value.toStdString()}});
    return out;
}

} // namespace

Json HarWriter::entry(const net::ExchangeRecord &record, net::Reveal reveal)
{
    Json removed = Json::array();
    const QString shownUrl = net::ExchangeLog::url(record, reveal);
    if (shownUrl != record.url.toString(QUrl::FullyEncoded))
        removed.push_back("request.url");

    Json request = {{"method", record.method.toStdString()},
                    {"url", shownUrl.toStdString()},
                    {"httpVersion", "HTTP/1.1"},
                    {"cookies", Json::array()},
                    {"headers", harHeadersJson(record.requestHeaders, reveal, "request", removed)},
                    {"queryString", harQueryJson(QUrl(shownUrl))},
                    {"headersSize", -1},
                    {"bodySize", record.requestBody.size()}};
    if (!record.requestBody.isEmpty()) {
        const WrittenBody body = harWrittenBody(record.requestBody, record.requestHeaders, reveal);
        QByteArray mime = harMimeTypeOf(record.requestHeaders);
        request["postData"] = {{"mimeType", mime.toStdString()}, {"text", body.text}};
        if (!body.removed.empty())
            removed.push_back("request.postData.text: " + body.removed);
    }

    const WrittenBody content = harWrittenBody(record.responseBody, record.responseHeaders, reveal);
    Json contentJson = {{"size", record.responseBody.size()}, {"mimeType", harMimeTypeOf(record.responseHeaders).toStdString()}, {"text", content.text}};
    if (!content.encoding.empty())
        contentJson["encoding"] = content.encoding;
    if (!content.removed.empty())
        removed.push_back("response.content.text: " + content.removed);
    Json responseHeaders = harHeadersJson(record.responseHeaders, reveal, "response", removed);
    std::string location;
    for (const auto &header : responseHeaders)
        if (QByteArray::fromStdString(header["name"].get<std::string>()).compare("location", Qt::CaseInsensitive) == 0)
            location = header["value"].get<std::string>();
    if (reveal == net::Reveal::Redacted && !location.empty())
        location = redactUrl(QUrl(QString::fromStdString(location))).toStdString();
    Json response = {{"status", record.status},
                     {"statusText", ""},
                     {"httpVersion", "HTTP/1.1"},
                     {"cookies", Json::array()},
                     {"headers", std::move(responseHeaders)},
                     {"content", std::move(contentJson)},
                     {"redirectURL", location},
                     {"headersSize", -1},
                     {"bodySize", record.responseBody.size()}};

    const qint64 elapsed = std::max<qint64>(0, record.elapsedMs);
    Json out = {{"startedDateTime", QDateTime::fromMSecsSinceEpoch(record.startedMsSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs).toStdString()},
                {"time", elapsed},
                {"request", std::move(request)},
                {"response", std::move(response)},
                {"cache", Json::object()},
                // HAR 1.2: send, wait and receive are required; -1 marks what is not known.
                {"timings", {{"blocked", -1}, {"dns", -1}, {"connect", -1}, {"ssl", -1}, {"send", 0}, {"wait", elapsed}, {"receive", 0}}}};
    if (!record.label.isEmpty())
        out["_label"] = record.label.toStdString();
    if (record.error)
        out["_error"] = {{"code", record.error->code}, {"message", record.error->message}};
    if (!removed.empty())
        out["_redacted"] = std::move(removed);
    return out;
}

Json HarWriter::document(const std::vector<const net::ExchangeRecord *> &records, const HarWriteOptions &options)
{
    Json entries = Json::array();
    for (const net::ExchangeRecord *record : records)
        entries.push_back(entry(*record, options.reveal));
    Json log = {{"version", "1.2"},
                {"creator", {{"name", "OIDC Playground"}, {"version", options.creatorVersion}}},
                {"pages", Json::array()},
                {"entries", std::move(entries)}};
    log["comment"] = options.reveal == net::Reveal::Redacted
        ? std::string("Secrets were removed by OIDC Playground: values marked [redacted…] or ") + std::string(kRedactionMarker)
            + "; each entry's _redacted lists what was removed."
        : std::string("NOT REDACTED: this file holds the secrets and tokens of the exchanges. Share it with care.");
    return {{"log", std::move(log)}};
}

Status HarWriter::save(const Json &document, const QString &path)
{
    QSaveFile file(path);
    const std::string text = document.dump(1, ' ', false, Json::error_handler_t::replace);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())
        || !file.commit())
        return makeError(ErrorCategory::Input, "HAR_WRITE", "Could not write the HAR file: " + file.errorString().toStdString(), {},
                         path.toStdString());
    return {};
}

} // namespace oidc::har
