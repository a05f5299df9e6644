#pragma once

// The first step of every Descope response processor (descope-api.md §1.4): success is 2xx with a
// JSON object; anything else becomes a categorised error that never quotes a token. What the
// transport reports is sorted the same way: an answer that came but cannot be used is a Descope
// error (category DESCOPE), only "no answer at all" stays NET.

#include "oidc/Json.h"
#include "oidc/net/Http.h"

namespace oidc::descope {

// 2xx: the body as a JSON object (an empty body is {}: Descope answers {} to verify and logout).
// Errors (DESCOPE):
//   DESCOPE_REDIRECT          a 3xx: redirects are never followed (rp-checks T9); actual = the
//                             redacted Location
//   <errorCode>, DESCOPE_ERROR_NOT_JSON, DESCOPE_ERROR_MALFORMED   any other non-2xx (processDescopeError)
//   DESCOPE_ANSWER_NOT_JSON   2xx whose body is not JSON (truncated, HTML); its size only
//   DESCOPE_ANSWER_NOT_OBJECT 2xx whose JSON is not an object
[[nodiscard]] Result<Json> processDescopeJson(const net::HttpResponse &response);

// processDescopeJson for the calls whose success carries nothing to read (verify, logout).
[[nodiscard]] Status processDescopeStatus(const net::HttpResponse &response);

// A transport failure as the Descope client reports it:
//   NET_BODY_TOO_LARGE   → DESCOPE_ANSWER_TOO_LARGE (over the 1 MiB cap)
//   NET_TRUNCATED        → DESCOPE_ANSWER_TRUNCATED (the connection broke mid-body)
//   NET_REDIRECT_REFUSED → DESCOPE_REDIRECT (a GET with credentials was redirected)
// in category DESCOPE, the HTTP status and message kept; anything else (refused, timeout, TLS,
// cancelled) is returned unchanged.
[[nodiscard]] Error descopeTransportError(Error transportError);

// The same for a whole transport result: the response, or the sorted error.
[[nodiscard]] Result<Json> processDescopeAnswer(const Result<net::HttpResponse> &answer);

} // namespace oidc::descope
