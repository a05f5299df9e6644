#pragma once

// Fetching a JWKS: a pure request builder and a pure response processor around any transport.

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/net/Http.h"

namespace oidc::jwt {

constexpr qint64 kMaxJwksBytes = 512 * 1024;

// Errors: NET_BAD_URL, NET_INSECURE_URL (https only; http on loopback when allowed).
[[nodiscard]] Result<net::HttpRequest> buildJwksRequest(const QUrl &jwksUri, bool allowHttpLoopback);

// Errors (category KEYS): JWKS_HTTP_STATUS (with a bounded preview), the parseJwks() errors.
[[nodiscard]] Result<crypto::JsonWebKeySet> processJwksResponse(const net::HttpResponse &response);

} // namespace oidc::jwt
