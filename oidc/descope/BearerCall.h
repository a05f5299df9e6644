#pragma once

// Calling an API with a session JWT (Authorization: Bearer <session JWT>), as the M2M sample's
// client calls /api/protected, /api/user and /api/admin after an access-key exchange. The API's
// answer is data, whatever its status: a 401 or 403 says what the token may not do.

#include "oidc/net/Http.h"

#include <string>

namespace oidc::descope {

constexpr qint64 kMaxBearerCallBytes = 64 * 1024;

struct BearerCallAnswer final {
    int status = 0;
    std::string body;    // redacted (JSON members by name, failing closed on anything else), one line, bounded
    std::string message; // the API's own words: a JSON body's "message", else "error_description",
                         // "errorDescription" or "error" (the M2M sample answers {"error": "Missing required
                         // scope: 'read:data'"}); redacted, one line, bounded; empty when there is none
};

// Errors (INPUT): DESCOPE_CALL_URL (not https, or http off loopback / not allowed),
// DESCOPE_CALL_METHOD (not GET, POST, PUT, PATCH or DELETE), DESCOPE_TOKEN_MISSING.
[[nodiscard]] Result<net::HttpRequest> buildBearerCallRequest(const QUrl &url, const QByteArray &method, const std::string &sessionJwt,
                                                              bool allowHttpLoopback);
// The same call with any bearer token (a session JWT, an OAuth access token) or with none at all
// (empty `bearerToken`: no Authorization header), to see how the API answers a call without one
// (RFC 6750 §3.1). Errors: DESCOPE_CALL_URL, DESCOPE_CALL_METHOD.
[[nodiscard]] Result<net::HttpRequest> buildApiCallRequest(const QUrl &url, const QByteArray &method, const std::string &bearerToken,
                                                           bool allowHttpLoopback);
[[nodiscard]] BearerCallAnswer processBearerCallResponse(const net::HttpResponse &response);

} // namespace oidc::descope
