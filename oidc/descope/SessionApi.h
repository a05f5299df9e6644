#pragma once

// The session calls (descope-api.md §4), each on behalf of a signed-in user: Authorization:
// Bearer <projectId>:<refreshJwt>. Refresh answers the JWT response (processJwtResponse; the
// refresh JWT may be left out when it was not rotated — keep the old one then, as node and Python
// do); me answers the ResponseUser; logout and logout-all answer a JWT response with empty tokens.

#include "oidc/descope/DescopeRequest.h"
#include "oidc/descope/DescopeUser.h"

namespace oidc::descope {

// POST v1/auth/refresh {}. Error (INPUT): DESCOPE_TOKEN_MISSING, DESCOPE_TOKEN_MALFORMED.
[[nodiscard]] Result<net::HttpRequest> buildRefreshRequest(const DescopeProject &project, const std::string &refreshJwt);

// GET v1/auth/me. Errors as buildRefreshRequest.
[[nodiscard]] Result<net::HttpRequest> buildMeRequest(const DescopeProject &project, const std::string &refreshJwt);
// Errors: those of processDescopeJson and parseResponseUser.
[[nodiscard]] Result<DescopeUser> processMeResponse(const net::HttpResponse &response);

enum class LogoutScope { ThisSession, AllSessions };

// POST v1/auth/logout or v1/auth/logoutall {}. Errors as buildRefreshRequest.
[[nodiscard]] Result<net::HttpRequest> buildLogoutRequest(const DescopeProject &project, const std::string &refreshJwt, LogoutScope scope);
// Success: the refresh JWT no longer works. Errors: those of processDescopeJson.
[[nodiscard]] Status processLogoutResponse(const net::HttpResponse &response);

} // namespace oidc::descope
