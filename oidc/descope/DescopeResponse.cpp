#include "DescopeResponse.h"

#include "oidc/Redaction.h"
#include "oidc/descope/DescopeError.h"

#include <array>
#include <utility>

namespace oidc::descope {

namespace {

Error answerError(const net::HttpResponse &response, std::string code, std::string message, std::string actual = {})
{
    Error error = makeError(ErrorCategory::Descope, std::move(code), std::move(message), {}, std::move(actual));
    error.httpStatus = response.status;
    return error;
}

} // namespace

Result<Json> processDescopeJson(const net::HttpResponse &response)
{
    const std::string status = "HTTP " + std::to_string(response.status);
    if (response.status >= 300 && response.status < 400) {
        const std::string location = redactedPreview(response.header("Location").toStdString(), 300);
        return answerError(response, "DESCOPE_REDIRECT",
                           "Descope answered " + status + " with a redirect" + (location.empty() ? "" : " to " + location)
                               + "; redirects are never followed: check the base URL",
                           location);
    }
    if (!response.isSuccess())
        return processDescopeError(response);
    const std::string_view body(response.body.constData(), static_cast<size_t>(response.body.size()));
    if (body.empty())
        return Json::object();
    auto parsed = parseJson(body, {ErrorCategory::Descope, "the Descope answer"});
    if (!parsed)
        return answerError(response, "DESCOPE_ANSWER_NOT_JSON",
                           status + " but the body is not JSON (" + std::to_string(body.size()) + " bytes; truncated, or not the Descope API?)");
    if (!parsed->is_object())
        return answerError(response, "DESCOPE_ANSWER_NOT_OBJECT",
                           status + " but the body is a JSON " + parsed->type_name() + ", not an object");
    return parsed;
}

Status processDescopeStatus(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    return {};
}

Error descopeTransportError(Error transportError)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kUnusableAnswers = {{
        {"NET_BODY_TOO_LARGE", "DESCOPE_ANSWER_TOO_LARGE"},
        {"NET_TRUNCATED", "DESCOPE_ANSWER_TRUNCATED"},
        {"NET_REDIRECT_REFUSED", "DESCOPE_REDIRECT"},
    }};
    for (const auto &[from, to] : kUnusableAnswers) {
        if (transportError.code == from) {
            transportError.category = ErrorCategory::Descope;
            transportError.code = std::string(to);
            transportError.message = "unusable Descope answer: " + transportError.message;
            break;
        }
    }
    return transportError;
}

Result<Json> processDescopeAnswer(const Result<net::HttpResponse> &answer)
{
    if (!answer)
        return descopeTransportError(answer.error());
    return processDescopeJson(*answer);
}

} // namespace oidc::descope
