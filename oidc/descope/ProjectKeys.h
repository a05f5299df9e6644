#pragma once

// The project's public keys (descope-api.md §2.3): GET <base>/v2/keys/<projectId>, the endpoint Go,
// node, Python and .NET fetch, answering {"keys": [RSA JWKs with kid, alg, use]}. A JWKS like any
// other: jwt::buildJwksRequest / jwt::processJwksResponse do the work.

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/descope/DescopeProject.h"
#include "oidc/net/Http.h"

namespace oidc::descope {

// Errors: NET_BAD_URL, NET_INSECURE_URL.
[[nodiscard]] Result<net::HttpRequest> buildProjectKeysRequest(const DescopeProject &project);
// Errors (KEYS): JWKS_HTTP_STATUS, the parseJwks errors.
[[nodiscard]] Result<crypto::JsonWebKeySet> processProjectKeysResponse(const net::HttpResponse &response);

} // namespace oidc::descope
