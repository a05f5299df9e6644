#include "HtmlPage.h"

#include "sandbox/HttpReplies.h"

namespace sandbox {

using reply::htmlEscape;

HtmlPage::HtmlPage(std::string_view title)
    : m_title(title)
{
}

HtmlPage &HtmlPage::heading(std::string_view text)
{
    m_body += "<h1>" + htmlEscape(text) + "</h1>\n";
    return *this;
}

HtmlPage &HtmlPage::paragraph(std::string_view text, std::string_view cssClass)
{
    m_body += cssClass.empty() ? std::string("<p>") : "<p class=\"" + htmlEscape(cssClass) + "\">";
    m_body += htmlEscape(text) + "</p>\n";
    return *this;
}

HtmlPage &HtmlPage::code(std::string_view label, std::string_view value)
{
    m_body += "<p>" + htmlEscape(label) + " <code>" + htmlEscape(value) + "</code></p>\n";
    return *this;
}

HtmlPage &HtmlPage::raw(std::string_view markup)
{
    m_body += markup;
    return *this;
}

std::string HtmlPage::hiddenInput(std::string_view name, std::string_view value)
{
    return "<input type=\"hidden\" name=\"" + htmlEscape(name) + "\" value=\"" + htmlEscape(value) + "\">\n";
}

std::string HtmlPage::link(std::string_view href, std::string_view text)
{
    return "<a href=\"" + htmlEscape(href) + "\">" + htmlEscape(text) + "</a>";
}

std::string HtmlPage::render() const
{
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"referrer\" content=\"no-referrer\">\n<title>"
        + htmlEscape(m_title)
        + "</title>\n<style>\n"
          "body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1d2330}\n"
          ".banner{background:#fff4d6;border:1px solid #e8c766;padding:.4rem .7rem;border-radius:4px;font-size:.9rem}\n"
          ".error{background:#fde7e7;border:1px solid #e59a9a;padding:.4rem .7rem;border-radius:4px}\n"
          ".ok{background:#e4f6e6;border:1px solid #8fcf98;padding:.4rem .7rem;border-radius:4px}\n"
          "code{background:#f1f3f7;padding:0 .25rem;border-radius:3px;word-break:break-all}\n"
          "form{margin:1rem 0}input[type=text]{width:100%;padding:.4rem;box-sizing:border-box}\n"
          "button{margin:.3rem .3rem .3rem 0;padding:.35rem .8rem}\n"
          "table{border-collapse:collapse}td,th{border:1px solid #d5d9e2;padding:.2rem .5rem;text-align:left}\n"
          "</style>\n</head>\n<body>\n<p class=\"banner\">OIDC Playground sandbox — a local emulator. Nothing here is a real account.</p>\n"
        + m_body + "</body>\n</html>\n";
}

} // namespace sandbox
