#include "DescopeFields.h"

#include <cmath>
#include <limits>

namespace oidc::descope {

namespace {

Error typeError(const char *name, const char *what, const char *expected, const Json &value)
{
    return makeError(ErrorCategory::Descope, "DESCOPE_FIELD_TYPE",
                     std::string(what) + ": \"" + name + "\" is a JSON " + value.type_name() + ", not " + expected, expected,
                     value.type_name());
}

// The member, or nullptr when it is absent or null.
const Json *member(const Json &object, const char *name)
{
    const auto it = object.find(name);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

} // namespace

Result<std::string> requiredString(const Json &object, const char *name, const char *what)
{
    auto value = optionalString(object, name, what);
    if (value && value->empty())
        return makeError(ErrorCategory::Descope, "DESCOPE_FIELD_MISSING", std::string(what) + ": \"" + name + "\" is missing or empty",
                         name);
    return value;
}

Result<std::string> optionalString(const Json &object, const char *name, const char *what)
{
    const Json *value = member(object, name);
    if (!value)
        return std::string();
    if (!value->is_string())
        return typeError(name, what, "a string", *value);
    return value->get<std::string>();
}

Result<std::optional<int64_t>> optionalInteger(const Json &object, const char *name, const char *what)
{
    const Json *value = member(object, name);
    if (!value)
        return std::optional<int64_t>();
    if (value->is_number_integer())
        return std::optional<int64_t>(value->get<int64_t>());
    if (value->is_number_unsigned() && value->get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return std::optional<int64_t>(static_cast<int64_t>(value->get<uint64_t>()));
    if (value->is_number_float()) {
        const double number = value->get<double>();
        if (std::isfinite(number) && std::trunc(number) == number && std::fabs(number) < 9.0e15)
            return std::optional<int64_t>(static_cast<int64_t>(number));
    }
    return typeError(name, what, "an integer", *value);
}

Result<bool> optionalBool(const Json &object, const char *name, const char *what, bool fallback)
{
    const Json *value = member(object, name);
    if (!value)
        return fallback;
    if (!value->is_boolean())
        return typeError(name, what, "a boolean", *value);
    return value->get<bool>();
}

Result<std::vector<std::string>> optionalStrings(const Json &object, const char *name, const char *what)
{
    const Json *value = member(object, name);
    std::vector<std::string> strings;
    if (!value)
        return strings;
    if (!value->is_array())
        return typeError(name, what, "an array of strings", *value);
    for (const auto &entry : *value) {
        if (!entry.is_string())
            return typeError(name, what, "an array of strings", *value);
        strings.push_back(entry.get<std::string>());
    }
    return strings;
}

} // namespace oidc::descope
