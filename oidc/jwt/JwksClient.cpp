#include "JwksClient.h"

#include "oidc/Redaction.h"

namespace oidc::jwt {

Result<net::HttpRequest> buildJwksRequest(const QUrl &jwksUri, bool allowHttpLoopback)
{
    if (auto allowed = net::checkEndpointUrl(jwksUri, allowHttpLoopback); !allowed)
        return allowed.error();
    net::HttpRequest request;
    request.method = "GET";
    request.url = jwksUri;
    request.setHeader("Accept", "application/json, application/jwk-set+json");
    request.maxResponseBytes = kMaxJwksBytes;
    request.timeoutMs = 15000;
    request.label = QStringLiteral("JWKS");
    return request;
}

Result<crypto::JsonWebKeySet> processJwksResponse(const net::HttpResponse &response)
{
    if (!response.isSuccess()) {
        Error error = makeError(ErrorCategory::Keys, "JWKS_HTTP_STATUS",
                                "cannot fetch provider keys: HTTP " + std::to_string(response.status) + ": "
                                    + redactedPreview(std::string_view(response.body.constData(), static_cast<size_t>(response.body.size()))));
        error.httpStatus = response.status;
        return error;
    }
    auto keys = crypto::parseJwks(std::string_view(response.body.constData(), static_cast<size_t>(response.body.size())));
    if (!keys) {
        Error error = keys.error();
        error.message = "cannot use provider keys: " + error.message;
        error.httpStatus = response.status;
        return error;
    }
    return keys;
}

} // namespace oidc::jwt
