#pragma once

// The JWT response (descope-api.md §3) that every verify, finish, poll and refresh answers. The
// tokens come in the JSON body (sessionJwt, refreshJwt) or only as cookies — Set-Cookie: DS=… and
// DSR=…, or the names the body gives in sessionCookieName / cookieName (§2.1) — as node, Go,
// Python, Swift and Kotlin read them. Members this client does not use are ignored. Nothing here
// checks a token: the session JWT is trusted only after SessionValidator's checks.

#include "oidc/descope/DescopeUser.h"
#include "oidc/net/Http.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace oidc::descope {

enum class TokenSource {
    Absent,
    Body,     // the JSON body
    Cookie,   // a Set-Cookie header only
    Previous, // not in the answer: the one sent (a refresh that did not rotate the refresh JWT)
    Given,    // typed or pasted by the user (session validate)
};

[[nodiscard]] std::string_view tokenSourceName(TokenSource source); // "absent", "body", "cookie", "previous", "given"

struct JwtResponse final {
    std::string sessionJwt;                     // "sessionJwt", else the session cookie
    TokenSource sessionSource = TokenSource::Absent;
    std::string refreshJwt;                     // "refreshJwt", else the refresh cookie
    TokenSource refreshSource = TokenSource::Absent;
    std::optional<DescopeUser> user;            // "user" (ResponseUser)
    bool firstSeen = false;                     // "firstSeen": true on the first login (sign-up)
    std::optional<int64_t> sessionExpiration;   // "sessionExpiration", Unix seconds
    std::optional<int64_t> cookieExpiration;    // "cookieExpiration", Unix seconds (the refresh cookie's)
};

// processDescopeJson, then parseJwtResponse. Errors (DESCOPE): those of processDescopeJson and
// parseJwtResponse.
[[nodiscard]] Result<JwtResponse> processJwtResponse(const net::HttpResponse &response);

// A JWT response object, with `response`'s cookies as the fallback for absent tokens (the object
// may be nested, as in the WebAuthn update finish's {"jwt": …}). Errors (DESCOPE): DESCOPE_FIELD_TYPE,
// DESCOPE_USER_SHAPE, DESCOPE_FIELD_MISSING (a user without userId).
[[nodiscard]] Result<JwtResponse> parseJwtResponse(const Json &body, const net::HttpResponse &response);

// The value of cookie `name` set by `response` (every Set-Cookie header; Qt joins repeated ones
// with a newline); nullopt when it is not set or set to "" (which clears it, as logout does).
[[nodiscard]] std::optional<std::string> setCookieValue(const net::HttpResponse &response, std::string_view name);

} // namespace oidc::descope
