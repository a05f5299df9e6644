#pragma once

// UserInfo (OIDC Core §5.3) with the Bearer token in the header (RFC 6750 §2.1).

#include "oidc/Json.h"
#include "oidc/net/Http.h"

namespace oidc::flow {

[[nodiscard]] Result<net::HttpRequest> buildUserInfoRequest(const QUrl &endpoint, const QString &accessToken);

// Errors (USERINFO): USERINFO_UNAUTHORIZED (401; actual = the WWW-Authenticate challenge),
// USERINFO_HTTP_STATUS, USERINFO_JWT_UNSUPPORTED (signed/encrypted userinfo), USERINFO_JSON,
// USERINFO_NOT_OBJECT, USERINFO_SUB_MISSING, USERINFO_SUB_MISMATCH (OIDC Core §5.3.2: discard).
// `expectedSub` empty: no comparison (no ID token in this flow).
[[nodiscard]] Result<Json> processUserInfoResponse(const net::HttpResponse &response, const std::string &expectedSub);

} // namespace oidc::flow
