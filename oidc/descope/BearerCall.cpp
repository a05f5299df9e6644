#include "BearerCall.h"

#include "oidc/Json.h"
#include "oidc/Redaction.h"

namespace oidc::descope {

namespace {

constexpr size_t kBearerBodyPreviewChars = 2000;
constexpr size_t kBearerMessageChars = 300;

// The first of the members an API explains itself with, in the order APIs use them: the M2M
// sample's 401s say {"message"}, its 403s {"error"}; OAuth errors carry error_description
// (RFC 6750 §3), Descope's errorDescription.
std::string apiMessage(const QByteArray &redactedBody)
{
    auto body = parseJsonObject(std::string_view(redactedBody.constData(), static_cast<size_t>(redactedBody.size())));
    if (!body)
        return {};
    for (const char *member : {"message", "error_description", "errorDescription", "error"}) {
        const auto it = body->find(member);
        if (it != body->end() && it->is_string() && !it->get_ref<const std::string &>().empty())
            return boundedPreview(it->get_ref<const std::string &>(), kBearerMessageChars);
    }
    return {};
}

} // namespace

Result<net::HttpRequest> buildApiCallRequest(const QUrl &url, const QByteArray &method, const std::string &bearerToken, bool allowHttpLoopback)
{
    if (auto allowed = net::checkEndpointUrl(url, allowHttpLoopback); !allowed)
        return makeError(ErrorCategory::Input, "DESCOPE_CALL_URL", "cannot call " + redactUrl(url).toStdString() + ": " + allowed.error().message);
    const QByteArray verb = method.toUpper();
    if (verb != "GET" && verb != "POST" && verb != "PUT" && verb != "PATCH" && verb != "DELETE")
        return makeError(ErrorCategory::Input, "DESCOPE_CALL_METHOD", "unsupported method", "GET, POST, PUT, PATCH or DELETE",
                         method.left(16).toStdString());
    net::HttpRequest request;
    request.method = verb;
    request.url = url;
    request.maxResponseBytes = kMaxBearerCallBytes;
    request.label = bearerToken.empty() ? QStringLiteral("API call without a token") : QStringLiteral("API call with a bearer token");
    if (!bearerToken.empty())
        request.setHeader("Authorization", "Bearer " + QByteArray::fromStdString(bearerToken));
    request.setHeader("Accept", "application/json");
    return request;
}

Result<net::HttpRequest> buildBearerCallRequest(const QUrl &url, const QByteArray &method, const std::string &sessionJwt, bool allowHttpLoopback)
{
    auto request = buildApiCallRequest(url, method, sessionJwt, allowHttpLoopback);
    if (!request)
        return request;
    if (sessionJwt.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_TOKEN_MISSING", "no session JWT to call the API with");
    request->label = QStringLiteral("API call with the session JWT");
    return request;
}

BearerCallAnswer processBearerCallResponse(const net::HttpResponse &response)
{
    // The answer may echo the token or carry other secrets: it is redacted before anyone sees it.
    const QByteArray redacted = redactJsonBody(response.body);
    return BearerCallAnswer{response.status,
                            boundedPreview(std::string_view(redacted.constData(), static_cast<size_t>(redacted.size())), kBearerBodyPreviewChars),
                            apiMessage(redacted)};
}

} // namespace oidc::descope
