#include "ProjectKeys.h"

#include "oidc/jwt/JwksClient.h"

namespace oidc::descope {

Result<net::HttpRequest> buildProjectKeysRequest(const DescopeProject &project)
{
    auto request = jwt::buildJwksRequest(project.keysUrl(), project.allowHttpLoopback());
    if (request)
        request->label = QStringLiteral("Descope keys");
    return request;
}

Result<crypto::JsonWebKeySet> processProjectKeysResponse(const net::HttpResponse &response)
{
    return jwt::processJwksResponse(response);
}

} // namespace oidc::descope
