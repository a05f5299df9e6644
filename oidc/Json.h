#pragma once

// Strict JSON parsing for provider and user input (nlohmann-json underneath).

#include "oidc/Result.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace oidc {

using Json = nlohmann::json;

struct JsonParseOptions final {
    ErrorCategory category = ErrorCategory::Input; // category of the errors produced
    std::string_view what = "JSON";                // names the document in messages ("JWT header")
    bool rejectDuplicateNames = true;              // RFC 7519 §4 / RFC 7515 §5.2 #4; rp-checks J14
    int maxDepth = 64;                             // deep nesting is refused, not recursed into
};

// Parses `text` strictly (RFC 8259): no comments, trailing commas, NaN, leading zeros, lone
// surrogates or invalid UTF-8, and nothing after the value, not even after a NUL byte; a leading
// UTF-8 BOM is skipped; numbers beyond double's range are refused. Values have nlohmann's types
// (non-negative integers number_unsigned, negative ones number_integer, others double). Fails
// with JSON_SYNTAX (message with the byte offset), JSON_DUPLICATE_NAME (actual = the member
// name; only for an otherwise valid document) or JSON_TOO_DEEP (checked before descending).
[[nodiscard]] Result<Json> parseJson(std::string_view text, const JsonParseOptions &options = {});

// What scanJson reports, in document order: a reader that keeps only what it needs (decodeJwt's
// registered claims) without building a tree. Views are valid during the call only.
class JsonEvents {
public:
    virtual ~JsonEvents() = default;
    virtual void beginObject() = 0;
    virtual void beginArray() = 0;
    virtual void end() = 0;                         // of the innermost open object or array
    virtual void name(std::string_view name) = 0;   // a member's name (decoded), before its value
    // A string value, decoded. `escaped`: it had escapes and lives in a scratch buffer; otherwise
    // it is a substring of the scanned text, valid as long as the text is.
    virtual void string(std::string_view value, bool escaped) = 0;
    virtual void scalar(const Json &value) = 0;     // a number, true, false or null
};

// The same strict grammar, limits and errors as parseJson (JSON_SYNTAX, JSON_DUPLICATE_NAME at
// any depth, the first duplicate in document order, only for an otherwise valid document;
// JSON_TOO_DEEP), without building a tree: `events` hears every value. It may hear events
// before the error is known; only a successful status means the document was valid.
[[nodiscard]] Status scanJson(std::string_view text, JsonEvents &events, const JsonParseOptions &options = {});

// As parseJson, and the top level must be an object (JSON_NOT_OBJECT otherwise).
[[nodiscard]] Result<Json> parseJsonObject(std::string_view text, const JsonParseOptions &options = {});

// A short, single-line preview of a body for error messages (rp-checks T2: ~200 characters).
// Counts characters and never cuts one; control characters and invalid UTF-8 become '?', so the
// result is always valid UTF-8.
[[nodiscard]] std::string boundedPreview(std::string_view body, size_t maxChars = 200);

} // namespace oidc
