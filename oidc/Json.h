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

// Parses `text`; fails with JSON_SYNTAX, JSON_DUPLICATE_NAME (actual = the member name) or
// JSON_TOO_DEEP. Invalid UTF-8 is a syntax error.
[[nodiscard]] Result<Json> parseJson(std::string_view text, const JsonParseOptions &options = {});

// As parseJson, and the top level must be an object (JSON_NOT_OBJECT otherwise).
[[nodiscard]] Result<Json> parseJsonObject(std::string_view text, const JsonParseOptions &options = {});

// A short, single-line preview of a body for error messages (rp-checks T2: ~200 characters).
[[nodiscard]] std::string boundedPreview(std::string_view body, size_t maxChars = 200);

} // namespace oidc
