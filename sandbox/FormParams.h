#pragma once

// OAuth request parameters, from a query string, an application/x-www-form-urlencoded body or a
// JSON body (descope-api.md §12: Descope's token endpoint gets both). Order is kept; a name may
// appear more than once so that RFC 6749 §3.1 ("parameters MUST NOT be included more than once")
// can be enforced by the caller.

#include "oidc/Json.h"
#include "oidc/Result.h"

#include <QByteArrayView>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sandbox {

class FormParams final {
public:
    [[nodiscard]] static FormParams fromUrlEncoded(QByteArrayView text);
    // String members as they are; integers and booleans as their JSON text; other types are an
    // error (SANDBOX PARAM_TYPE, actual = the member name).
    [[nodiscard]] static oidc::Result<FormParams> fromJsonObject(const oidc::Json &object);

    [[nodiscard]] std::optional<std::string> get(std::string_view name) const; // the first
    [[nodiscard]] std::string value(std::string_view name) const { return get(name).value_or(std::string()); }
    [[nodiscard]] bool has(std::string_view name) const { return get(name).has_value(); }
    // The first name among `names` (all names when empty) given more than once.
    [[nodiscard]] std::optional<std::string> duplicated(const std::vector<std::string_view> &names = {}) const;
    void set(std::string name, std::string value);
    void remove(std::string_view name);
    [[nodiscard]] const std::vector<std::pair<std::string, std::string>> &items() const { return m_items; }

private:
    std::vector<std::pair<std::string, std::string>> m_items;
};

} // namespace sandbox
