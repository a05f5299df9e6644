#include "FormParams.h"

#include "oidc/net/LocalHttpServer.h"

#include <algorithm>
#include <set>

namespace sandbox {

FormParams FormParams::fromUrlEncoded(QByteArrayView text)
{
    FormParams params;
    for (const auto &[name, value] : oidc::net::parseUrlEncoded(text))
        params.m_items.emplace_back(name.toStdString(), value.toStdString());
    return params;
}

oidc::Result<FormParams> FormParams::fromJsonObject(const oidc::Json &object)
{
    FormParams params;
    if (!object.is_object())
        return oidc::makeError(oidc::ErrorCategory::Sandbox, "PARAM_TYPE", "the body must be a JSON object");
    for (const auto &[name, value] : object.items()) {
        if (value.is_string())
            params.m_items.emplace_back(name, value.get<std::string>());
        else if (value.is_number_integer() || value.is_boolean())
            params.m_items.emplace_back(name, value.dump());
        else if (!value.is_null())
            return oidc::makeError(oidc::ErrorCategory::Sandbox, "PARAM_TYPE", "parameter \"" + name + "\" must be a string", "string", name);
    }
    return params;
}

std::optional<std::string> FormParams::get(std::string_view name) const
{
    for (const auto &[key, value] : m_items) {
        if (key == name)
            return value;
    }
    return std::nullopt;
}

std::optional<std::string> FormParams::duplicated(const std::vector<std::string_view> &names) const
{
    std::set<std::string_view> seen;
    for (const auto &[key, value] : m_items) {
        if (!names.empty() && std::find(names.begin(), names.end(), key) == names.end())
            continue;
        if (!seen.insert(key).second)
            return key;
    }
    return std::nullopt;
}

void FormParams::set(std::string name, std::string value)
{
    remove(name);
    m_items.emplace_back(std::move(name), std::move(value));
}

void FormParams::remove(std::string_view name)
{
    std::erase_if(m_items, [name](const auto &item) { return item.first == name; });
}

} // namespace sandbox
