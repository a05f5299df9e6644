#include "BearerCall.h"

#include "oidc/Json.h"
#include "oidc/Redaction.h"

namespace oidc::descope {

Result<net::HttpRequest> buildBearerCallRequest(const QUrl &url, const QByteArray &method, const std::string &sessionJwt, bool allowHttpLoopback)
{
    if (auto allowed = net::checkEndpointUrl(url, allowHttpLoopback); !allowed)
        return makeError(ErrorCategory::Input, "DESCOPE_CALL_URL", "cannot call " + redactUrl(url).toStdString() + ": " + allowed.error().message);
    const QByteArray verb = method.toUpper();
    if (verb != "GET" && verb != "POST" && verb != "PUT" && verb != "PATCH" && verb != "DELETE")
        return makeError(ErrorCategory::Input, "DESCOPE_CALL_METHOD", "unsupported method", "GET, POST, PUT, PATCH or DELETE",
                         method.left(16).toStdString());
    if (sessionJwt.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_TOKEN_MISSING", "no session JWT to call the API with");
    net::HttpRequest request;
    request.method = verb;
    request.url = url;
    request.maxResponseBytes = kMaxBearerCallBytes;
    request.label = QStringLiteral("API call with the session JWT");
    request.setHeader("Authorization", "Bearer " + QByteArray::fromStdString(sessionJwt));
    request.setHeader("Accept", "application/json");
    return request;
}

BearerCallAnswer processBearerCallResponse(const net::HttpResponse &response)
{
    // The answer may echo the token or carry other secrets: it is redacted before anyone sees it.
    const QByteArray redacted = redactJsonBody(response.body);
    return BearerCallAnswer{response.status, boundedPreview(std::string_view(redacted.constData(), static_cast<size_t>(redacted.size())), 2000)};
}

} // namespace oidc::descope
