#pragma once

// Reading the members of a Descope answer: unknown members are ignored (the SDKs do the same, and
// the API adds fields over time), known members must have their type. Errors name the member and
// its JSON type, never its value (it may be a token).

#include "oidc/Json.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace oidc::descope {

// Errors (DESCOPE): DESCOPE_FIELD_MISSING (absent, null or ""), DESCOPE_FIELD_TYPE.
[[nodiscard]] Result<std::string> requiredString(const Json &object, const char *name, const char *what);
// Absent or null: "". Error DESCOPE_FIELD_TYPE.
[[nodiscard]] Result<std::string> optionalString(const Json &object, const char *name, const char *what);
// Absent or null: nullopt. An integer number (or a double without fraction). Error DESCOPE_FIELD_TYPE.
[[nodiscard]] Result<std::optional<int64_t>> optionalInteger(const Json &object, const char *name, const char *what);
// Absent or null: `fallback`. Error DESCOPE_FIELD_TYPE.
[[nodiscard]] Result<bool> optionalBool(const Json &object, const char *name, const char *what, bool fallback = false);
// Absent or null: empty. An array of strings. Error DESCOPE_FIELD_TYPE.
[[nodiscard]] Result<std::vector<std::string>> optionalStrings(const Json &object, const char *name, const char *what);

// The error of the first result that failed, in argument order (members are read one by one, the
// first bad one is reported).
template <typename... Results>
[[nodiscard]] std::optional<Error> firstError(const Results &...results)
{
    std::optional<Error> error;
    ((!error && !results.ok() ? void(error = results.error()) : void()), ...);
    return error;
}

} // namespace oidc::descope
