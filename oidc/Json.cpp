#include "Json.h"

#include <set>
#include <string>
#include <vector>

namespace oidc {

namespace {

// Second, slower pass used only once a duplicate is known to exist: names the first duplicate.
std::string findDuplicateName(std::string_view text)
{
    std::vector<std::set<std::string>> names;
    std::string duplicate;
    Json::parser_callback_t callback = [&](int, Json::parse_event_t event, Json &parsed) {
        if (event == Json::parse_event_t::object_start) {
            names.emplace_back();
        } else if (event == Json::parse_event_t::object_end) {
            if (!names.empty())
                names.pop_back();
        } else if (event == Json::parse_event_t::key && !names.empty() && duplicate.empty()) {
            const auto name = parsed.get<std::string>();
            if (!names.back().insert(name).second)
                duplicate = name;
        }
        return true;
    };
    [[maybe_unused]] const Json ignored = Json::parse(text.begin(), text.end(), callback, false);
    return duplicate;
}

} // namespace

Result<Json> parseJson(std::string_view text, const JsonParseOptions &options)
{
    const std::string what(options.what);
    // Counting keys per open object and comparing with the finished object's size finds
    // duplicates without allocating a set per object on the hot path.
    std::vector<size_t> keyCounts;
    bool duplicate = false;
    bool tooDeep = false;
    Json::parser_callback_t callback = [&](int depth, Json::parse_event_t event, Json &parsed) {
        switch (event) {
        case Json::parse_event_t::object_start:
        case Json::parse_event_t::array_start:
            if (depth >= options.maxDepth)
                tooDeep = true;
            if (event == Json::parse_event_t::object_start)
                keyCounts.push_back(0);
            break;
        case Json::parse_event_t::key:
            if (!keyCounts.empty())
                ++keyCounts.back();
            break;
        case Json::parse_event_t::object_end:
            if (!keyCounts.empty()) {
                if (parsed.is_object() && parsed.size() != keyCounts.back())
                    duplicate = true;
                keyCounts.pop_back();
            }
            break;
        default:
            break;
        }
        return !tooDeep;
    };
    Json value;
    try {
        value = Json::parse(text.begin(), text.end(), callback, true);
    } catch (const Json::exception &e) {
        if (tooDeep)
            return makeError(options.category, "JSON_TOO_DEEP", what + " nests deeper than " + std::to_string(options.maxDepth) + " levels");
        std::string reason = e.what();
        // nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1, column 2: "
        if (const auto pos = reason.find("] "); pos != std::string::npos)
            reason = reason.substr(pos + 2);
        return makeError(options.category, "JSON_SYNTAX", what + " is not valid JSON: " + reason);
    }
    if (tooDeep)
        return makeError(options.category, "JSON_TOO_DEEP", what + " nests deeper than " + std::to_string(options.maxDepth) + " levels");
    if (duplicate && options.rejectDuplicateNames) {
        const std::string name = findDuplicateName(text);
        return makeError(options.category, "JSON_DUPLICATE_NAME",
                         what + " has the member name \"" + name + "\" more than once", "unique names", name);
    }
    return value;
}

Result<Json> parseJsonObject(std::string_view text, const JsonParseOptions &options)
{
    auto parsed = parseJson(text, options);
    if (!parsed)
        return parsed;
    if (!parsed->is_object())
        return makeError(options.category, "JSON_NOT_OBJECT",
                         std::string(options.what) + " must be a JSON object", "object", std::string(parsed->type_name()));
    return parsed;
}

std::string boundedPreview(std::string_view body, size_t maxChars)
{
    std::string out;
    out.reserve(std::min(body.size(), maxChars) + 3);
    for (size_t i = 0; i < body.size() && out.size() < maxChars; ++i) {
        const unsigned char c = static_cast<unsigned char>(body[i]);
        if (c == '\n' || c == '\r' || c == '\t')
            out += ' ';
        else if (c < 0x20 || c == 0x7F)
            out += '?';
        else
            out += static_cast<char>(c);
    }
    if (body.size() > out.size())
        out += "…";
    return out;
}

} // namespace oidc
