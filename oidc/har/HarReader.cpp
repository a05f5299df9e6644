#include "HarReader.h"

#include <QFile>
#include <QFileInfo>

#include <istream>
#include <streambuf>
#include <vector>

namespace oidc::har {

namespace {

Error harReadError(std::string code, std::string message)
{
    return makeError(ErrorCategory::Input, std::move(code), std::move(message));
}

// A read buffer over a QIODevice that reports progress per chunk and stops when told.
class DeviceStreamBuffer final : public std::streambuf {
public:
    DeviceStreamBuffer(QIODevice &device, int64_t total, const HarReadOptions &options)
        : m_device(device), m_total(total), m_options(options), m_buffer(1 << 20)
    {
    }

    [[nodiscard]] bool cancelled() const { return m_cancelled; }
    [[nodiscard]] bool tooLarge() const { return m_tooLarge; }
    [[nodiscard]] int64_t done() const { return m_done; }

protected:
    int_type underflow() override
    {
        if (gptr() < egptr())
            return traits_type::to_int_type(*gptr());
        if (m_cancelled || m_tooLarge)
            return traits_type::eof();
        const qint64 got = m_device.read(m_buffer.data(), static_cast<qint64>(m_buffer.size()));
        if (got <= 0)
            return traits_type::eof();
        m_done += got;
        if (m_done > m_options.maxFileBytes) {
            m_tooLarge = true;
            return traits_type::eof();
        }
        if (m_options.progress && !m_options.progress(m_done, m_total)) {
            m_cancelled = true;
            return traits_type::eof();
        }
        setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + got);
        return traits_type::to_int_type(*gptr());
    }

private:
    QIODevice &m_device;
    int64_t m_total;
    const HarReadOptions &m_options;
    std::vector<char> m_buffer;
    int64_t m_done = 0;
    bool m_cancelled = false;
    bool m_tooLarge = false;
};

const Json *harMember(const Json &object, const char *name)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(name);
    return it == object.end() ? nullptr : &*it;
}

std::string harStringAt(const Json &object, const char *name)
{
    const Json *value = harMember(object, name);
    return value && value->is_string() ? value->get<std::string>() : std::string();
}

double harNumberAt(const Json &object, const char *name, double fallback)
{
    const Json *value = harMember(object, name);
    return value && value->is_number() ? value->get<double>() : fallback;
}

HarHeaders harHeadersAt(const Json &object)
{
    HarHeaders out;
    const Json *headers = harMember(object, "headers");
    if (!headers || !headers->is_array())
        return out;
    for (const Json &header : *headers)
        if (header.is_object())
            out.emplace_back(harStringAt(header, "name"), harStringAt(header, "value"));
    return out;
}

constexpr const char *kTruncatedMark = "_oidcplay_truncated";

// The SAX consumer: follows the path to log.entries[] and builds a DOM of one entry at a time
// (nlohmann's json_sax_dom_parser does the same for a whole document).
class HarSaxHandler final {
public:
    using string_t = Json::string_t;
    using number_integer_t = Json::number_integer_t;
    using number_unsigned_t = Json::number_unsigned_t;
    using number_float_t = Json::number_float_t;
    using binary_t = Json::binary_t;

    HarSaxHandler(const HarReader::EntrySink &sink, const HarReadOptions &options, HarLogInfo &info)
        : m_sink(sink), m_options(options), m_info(info)
    {
    }

    std::optional<Error> error;
    bool sawLog = false;
    bool sawEntries = false;

    bool null() { return value(Json(nullptr)); }
    bool boolean(bool b) { return value(Json(b)); }
    bool number_integer(number_integer_t n) { return value(Json(n)); }
    bool number_unsigned(number_unsigned_t n) { return value(Json(n)); }
    bool number_float(number_float_t n, const string_t &) { return value(Json(n)); }
    bool binary(binary_t &) { return value(Json(nullptr)); }

    bool string(string_t &text)
    {
        if (!m_stack.empty() && text.size() > m_options.maxBodyBytes) {
            text.resize(m_options.maxBodyBytes);
            if (m_stack.back()->is_object())
                (*m_stack.back())[kTruncatedMark] = true;
        }
        if (m_stack.empty() && m_path.size() == 2 && m_path[1] == "version" && m_path[0] == "log")
            m_info.version = text;
        return value(Json(std::move(text)));
    }

    bool start_object(std::size_t)
    {
        if (!enter())
            return false;
        if (!m_stack.empty() || atEntry()) {
            if (m_stack.empty()) {
                m_entry = Json::object();
                m_stack.push_back(&m_entry);
            } else {
                m_stack.push_back(add(Json::object()));
            }
        }
        if (m_depth == 1 && m_stack.empty())
            m_rootObject = true;
        m_path.emplace_back();
        return true;
    }

    bool key(string_t &name)
    {
        m_path.back() = name;
        if (!m_stack.empty())
            m_key = name;
        if (m_depth == 1 && name == "log")
            sawLog = true;
        return true;
    }

    bool end_object()
    {
        m_path.pop_back();
        --m_depth;
        if (!m_stack.empty()) {
            m_stack.pop_back();
            if (m_stack.empty())
                return deliver();
        }
        return true;
    }

    bool start_array(std::size_t)
    {
        if (!enter())
            return false;
        if (!m_stack.empty())
            m_stack.push_back(add(Json::array()));
        else if (m_depth == 1)
            return fail(harReadError("HAR_SHAPE", "The file is JSON but not a HAR: its top level is not an object."));
        else if (m_depth == 3 && inLogMember("entries"))
            sawEntries = true;
        else if (atEntry())
            return fail(harReadError("HAR_SHAPE", "Entry " + std::to_string(m_info.entryCount) + " of log.entries is not an object."));
        m_path.emplace_back();
        return true;
    }

    bool end_array()
    {
        m_path.pop_back();
        --m_depth;
        if (!m_stack.empty())
            m_stack.pop_back();
        return true;
    }

    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &exception)
    {
        if (!error)
            error = harReadError("HAR_SYNTAX", "The file is not valid JSON near byte " + std::to_string(position) + ": "
                                                + std::string(exception.what()).substr(0, 160));
        return false;
    }

    [[nodiscard]] bool rootWasObject() const { return m_rootObject; }

private:
    bool fail(Error e)
    {
        error = std::move(e);
        return false;
    }

    bool enter()
    {
        if (++m_depth > m_options.maxDepth)
            return fail(harReadError("HAR_TOO_DEEP", "The file nests deeper than " + std::to_string(m_options.maxDepth) + " levels."));
        return true;
    }

    // log.<name> at depth: root object → "log" → member.
    [[nodiscard]] bool inLogMember(const char *name) const { return m_path.size() == 2 && m_path[0] == "log" && m_path[1] == name; }
    // The next value is an element of log.entries.
    [[nodiscard]] bool atEntry() const
    {
        return m_stack.empty() && m_path.size() == 3 && m_path[0] == "log" && m_path[1] == "entries";
    }

    Json *add(Json item)
    {
        Json &parent = *m_stack.back();
        if (parent.is_array()) {
            parent.push_back(std::move(item));
            return &parent.back();
        }
        Json &slot = parent[m_key];
        slot = std::move(item);
        return &slot;
    }

    bool value(Json item)
    {
        if (!m_stack.empty()) {
            add(std::move(item));
            return true;
        }
        if (m_depth == 0)
            return fail(harReadError("HAR_SHAPE", "The file is JSON but not a HAR: its top level is not an object."));
        if (atEntry())
            return fail(harReadError("HAR_SHAPE", "Entry " + std::to_string(m_info.entryCount) + " of log.entries is not an object."));
        if (m_path.size() == 3 && m_path[0] == "log" && m_path[1] == "creator" && item.is_string()) {
            if (m_path[2] == "name")
                m_info.creatorName = item.get<std::string>();
            else if (m_path[2] == "version")
                m_info.creatorVersion = item.get<std::string>();
        }
        return true;
    }

    bool deliver()
    {
        if (m_info.entryCount >= m_options.maxEntries)
            return fail(harReadError("HAR_TOO_MANY_ENTRIES", "The file has more than " + std::to_string(m_options.maxEntries) + " entries."));
        m_sink(toEntry(m_entry, m_info.entryCount++));
        m_entry = Json();
        return true;
    }

    static HarEntry toEntry(const Json &json, int index)
    {
        HarEntry entry;
        entry.index = index;
        entry.startedDateTime = harStringAt(json, "startedDateTime");
        entry.startedMs = parseIsoMs(entry.startedDateTime);
        entry.timeMs = harNumberAt(json, "time", 0);
        static const Json kEmpty = Json::object();
        const Json *request = harMember(json, "request");
        const Json &req = request ? *request : kEmpty;
        entry.method = harStringAt(req, "method");
        entry.url = harStringAt(req, "url");
        entry.requestHeaders = harHeadersAt(req);
        if (const Json *post = harMember(req, "postData")) {
            entry.requestMimeType = harStringAt(*post, "mimeType");
            entry.requestBody = harStringAt(*post, "text");
            entry.requestBodyTruncated = harMember(*post, kTruncatedMark) != nullptr;
            // A form sent as params only (some exporters): rebuild the urlencoded text.
            const Json *params = harMember(*post, "params");
            if (entry.requestBody.empty() && params && params->is_array()) {
                for (const Json &param : *params) {
                    if (!entry.requestBody.empty())
                        entry.requestBody += '&';
                    entry.requestBody += harStringAt(param, "name") + "=" + harStringAt(param, "value");
                }
            }
        }
        const Json *response = harMember(json, "response");
        const Json &res = response ? *response : kEmpty;
        entry.status = static_cast<int>(harNumberAt(res, "status", 0));
        entry.statusText = harStringAt(res, "statusText");
        entry.responseHeaders = harHeadersAt(res);
        if (const Json *content = harMember(res, "content")) {
            entry.responseMimeType = harStringAt(*content, "mimeType");
            entry.responseSize = static_cast<int64_t>(harNumberAt(*content, "size", -1));
            entry.responseBody = harStringAt(*content, "text");
            entry.responseBodyTruncated = harMember(*content, kTruncatedMark) != nullptr;
            if (harStringAt(*content, "encoding") == "base64" && !entry.responseBodyTruncated)
                entry.responseBody = QByteArray::fromBase64(QByteArray::fromStdString(entry.responseBody)).toStdString();
        }
        return entry;
    }

    const HarReader::EntrySink &m_sink;
    const HarReadOptions &m_options;
    HarLogInfo &m_info;
    std::vector<std::string> m_path; // member names from the root (empty for array levels)
    std::vector<Json *> m_stack;     // the entry being built, innermost container last
    std::string m_key;
    Json m_entry;
    int m_depth = 0;
    bool m_rootObject = false;
};

} // namespace

Result<HarLogInfo> HarReader::read(QIODevice &device, const EntrySink &sink, const HarReadOptions &options)
{
    const int64_t total = device.isSequential() ? -1 : device.size();
    if (total > options.maxFileBytes)
        return harReadError("HAR_TOO_LARGE", "The file has " + std::to_string(total) + " bytes, more than the " + std::to_string(options.maxFileBytes)
                                              + " this reader accepts.");
    HarLogInfo info;
    DeviceStreamBuffer buffer(device, total, options);
    std::istream stream(&buffer);
    HarSaxHandler handler(sink, options, info);
    const bool parsed = Json::sax_parse(stream, &handler, nlohmann::detail::input_format_t::json, true);
    info.bytes = buffer.done();
    if (buffer.cancelled())
        return harReadError("HAR_CANCELLED", "Reading the HAR file was cancelled.");
    if (buffer.tooLarge())
        return harReadError("HAR_TOO_LARGE", "The file is larger than the " + std::to_string(options.maxFileBytes) + " bytes this reader accepts.");
    if (handler.error)
        return *handler.error;
    if (!parsed)
        return harReadError("HAR_SYNTAX", "The file is not valid JSON.");
    if (!handler.rootWasObject())
        return harReadError("HAR_SHAPE", "The file is JSON but not a HAR: its top level is not an object.");
    if (!handler.sawLog || !handler.sawEntries)
        return harReadError("HAR_SHAPE", "The file is JSON but not a HAR: it has no log.entries array.");
    return info;
}

Result<HarLogInfo> HarReader::readFile(const QString &path, const EntrySink &sink, const HarReadOptions &options)
{
    const QFileInfo fileInfo(path);
    if (fileInfo.isDir())
        return harReadError("HAR_FILE_UNREADABLE", "Cannot read " + path.toStdString() + ": it is a folder.");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return harReadError("HAR_FILE_UNREADABLE", "Cannot read " + path.toStdString() + ": " + file.errorString().toStdString() + ".");
    return read(file, sink, options);
}

} // namespace oidc::har
