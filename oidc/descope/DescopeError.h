#pragma once

// Descope's error body (descope-api.md §1.4): a non-2xx answer of the Descope API carries
// {"errorCode":"E062503","errorDescription":"…","errorMessage":"…"}. errorCode is always present;
// the other two may be empty or missing. Pending polls (E062503, 401) and rate limits (E130429,
// 429 with Retry-After) come this way too, so callers branch on the code.

#include "oidc/Result.h"
#include "oidc/net/Http.h"

namespace oidc::descope {

// Turns the error answer of a Descope API call into an Error of category DESCOPE with the
// HTTP status in httpStatus:
//   <errorCode>               a Descope error body: code = errorCode as sent ("E062503"); message =
//                             errorDescription and errorMessage as plain, bounded text.
//   DESCOPE_ERROR_NOT_JSON    the body is empty or not JSON (a proxy's HTML page, a bare 429).
//   DESCOPE_ERROR_MALFORMED   JSON, but not an object with a string errorCode of 1–16 letters and
//                             digits, or errorDescription/errorMessage are not strings.
// The last two never quote the body: an unexpected body may echo a secret (a token, a code) the
// request carried. In every case actual = the Retry-After seconds when the answer has one (429,
// 503), so a poller knows how long to wait.
[[nodiscard]] Error processDescopeError(const net::HttpResponse &response);

} // namespace oidc::descope
