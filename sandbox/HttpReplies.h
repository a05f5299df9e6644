#pragma once

// Response builders shared by the routes: JSON, Descope error bodies (descope-api.md §1.4),
// OAuth error bodies (RFC 6749 §5.2), redirects and escaped HTML.

#include "oidc/Json.h"
#include "oidc/net/LocalHttpServer.h"

#include <string>
#include <string_view>

namespace sandbox::reply {

using oidc::net::LocalHttpResponse;

// Serialises with invalid UTF-8 replaced (never throws).
[[nodiscard]] QByteArray toBody(const oidc::Json &json);

[[nodiscard]] LocalHttpResponse json(int status, const oidc::Json &body);
[[nodiscard]] LocalHttpResponse rawJson(int status, QByteArray body);

// {"errorCode","errorDescription","errorMessage"}
[[nodiscard]] LocalHttpResponse descopeError(int status, std::string_view code, std::string_view description,
                                             std::string_view message = {});
// 429 E130429 with Retry-After (descope-api.md §1.4).
[[nodiscard]] LocalHttpResponse rateLimited(int retryAfterSeconds);

// {"error","error_description"}; RFC 6749 §5.2. With `basicChallenge`, adds
// WWW-Authenticate: Basic (401 invalid_client after Basic authentication).
[[nodiscard]] LocalHttpResponse oauthError(int status, std::string_view error, std::string_view description,
                                           bool basicChallenge = false);
// RFC 6750 §3: 401 with WWW-Authenticate: Bearer [error="invalid_token", error_description=…].
[[nodiscard]] LocalHttpResponse bearerChallenge(std::string_view error, std::string_view description);

// Refuses (500) a location with control characters rather than emit a split header.
[[nodiscard]] LocalHttpResponse redirect(const std::string &location, int status = 302);
[[nodiscard]] LocalHttpResponse html(int status, const std::string &page);
[[nodiscard]] LocalHttpResponse notFound();

// Escapes & < > " ' for HTML text and attribute values.
[[nodiscard]] std::string htmlEscape(std::string_view text);
// The reverse, for reading the sandbox's pages back (the CLI's replay sign-in, the tests' scripted
// browser): the references htmlEscape writes, and &#x27; and &apos; for ', in one pass (so
// "&amp;lt;" stays "&lt;"). Any other reference is left as it is.
[[nodiscard]] std::string htmlUnescape(std::string_view text);
// Quoted-string for HTTP header parameters (RFC 9110 §5.6.4): escapes '"' and '\', drops CTLs.
[[nodiscard]] std::string quotedString(std::string_view text);

} // namespace sandbox::reply
