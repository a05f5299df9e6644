#pragma once

// Plain HTML pages for people (hosted login, link landing, errors). Every text goes through
// reply::htmlEscape; raw() takes markup the caller has built from escaped parts. No script, no
// external resource (rp-checks L6), inline CSS only.

#include <string>
#include <string_view>

namespace sandbox {

class HtmlPage final {
public:
    explicit HtmlPage(std::string_view title);

    HtmlPage &heading(std::string_view text);
    HtmlPage &paragraph(std::string_view text, std::string_view cssClass = {});
    HtmlPage &code(std::string_view label, std::string_view value); // label + <code>value</code>
    HtmlPage &raw(std::string_view markup);

    [[nodiscard]] std::string render() const;

    // Helpers that return escaped markup for raw().
    [[nodiscard]] static std::string hiddenInput(std::string_view name, std::string_view value);
    [[nodiscard]] static std::string link(std::string_view href, std::string_view text);

private:
    std::string m_title;
    std::string m_body;
};

} // namespace sandbox
