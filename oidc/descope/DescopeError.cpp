#include "DescopeError.h"

#include "oidc/Json.h"

#include <algorithm>
#include <optional>
#include <string_view>

namespace oidc::descope {

namespace {

constexpr size_t kMaxCodeLength = 16;

bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Descope's codes ("E062503") and its SDKs' ("G020002", core-js's "0") are letters and digits:
// anything else is not a code we can keep as a stable Error::code.
bool isErrorCode(std::string_view code)
{
    return !code.empty() && code.size() <= kMaxCodeLength && std::all_of(code.begin(), code.end(), [](char c) {
        return isAsciiDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    });
}

// Retry-After as delay-seconds (RFC 9110 §10.2.3), the form Descope sends with E130429; empty
// when absent or in another form.
std::string retryAfterSeconds(const net::HttpResponse &response)
{
    const QByteArray value = response.header("Retry-After").trimmed();
    if (value.isEmpty() || value.size() > 9 || !std::all_of(value.begin(), value.end(), isAsciiDigit))
        return {};
    return value.toStdString();
}

Error descopeError(const net::HttpResponse &response, std::string code, std::string message)
{
    Error error = makeError(ErrorCategory::Descope, std::move(code), std::move(message));
    error.httpStatus = response.status;
    error.actual = retryAfterSeconds(response);
    return error;
}

// A member that may be missing, null or a string; nullopt when it has another type.
std::optional<std::string> optionalText(const Json &body, const char *name)
{
    const auto it = body.find(name);
    if (it == body.end() || it->is_null())
        return std::string();
    if (!it->is_string())
        return std::nullopt;
    return it->get<std::string>();
}

} // namespace

Error processDescopeError(const net::HttpResponse &response)
{
    const std::string status = "HTTP " + std::to_string(response.status);
    const std::string_view body(response.body.constData(), static_cast<size_t>(response.body.size()));
    // Only sizes and shapes are described below, never the body itself (see the header).
    const auto parsed = parseJson(body, {ErrorCategory::Descope, "the Descope error body"});
    if (!parsed && parsed.error().code != "JSON_DUPLICATE_NAME")
        return descopeError(response, "DESCOPE_ERROR_NOT_JSON",
                            status + " without a Descope error: "
                                + (body.empty() ? std::string("the body is empty")
                                                : "the body is not JSON (" + std::to_string(body.size()) + " bytes)"));
    const auto malformed = [&](const std::string &what) {
        return descopeError(response, "DESCOPE_ERROR_MALFORMED", status + " with a malformed Descope error: " + what);
    };
    if (!parsed)
        return malformed("a member name occurs twice");
    if (!parsed->is_object())
        return malformed(std::string("the body is a JSON ") + parsed->type_name() + ", not an object");
    const Json &json = *parsed;
    const auto code = json.find("errorCode");
    if (code == json.end() || !code->is_string())
        return malformed("errorCode is missing or not a string");
    if (!isErrorCode(code->get_ref<const std::string &>()))
        return malformed("errorCode is not 1 to " + std::to_string(kMaxCodeLength) + " letters and digits");
    const auto description = optionalText(json, "errorDescription");
    const auto message = optionalText(json, "errorMessage");
    if (!description || !message)
        return malformed("errorDescription or errorMessage is not a string");

    // Provider text is shown as plain text: one line, control characters replaced, bounded.
    std::string text = boundedPreview(*description, 200);
    if (!message->empty() && *message != *description)
        text += (text.empty() ? "" : ": ") + boundedPreview(*message, 300);
    if (text.empty())
        text = "no description";
    return descopeError(response, code->get<std::string>(), "Descope error (" + status + "): " + text);
}

} // namespace oidc::descope
