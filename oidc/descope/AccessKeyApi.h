#pragma once

// Machine-to-machine (descope-api.md §10): an access key is exchanged for a session JWT —
// Authorization: Bearer <projectId>:<accessKey>, body {"loginOptions": {customClaims?, selectedTenant?}}
// — whose sub is the key's ID; the key's roles, permissions and tenants are claims of it, and the
// custom claims asked for here come back under nsec. No refresh JWT.

#include "oidc/descope/DescopeRequest.h"

#include <optional>

namespace oidc::descope {

struct AccessKeyOptions final {
    Json customClaims = nullptr; // "customClaims": an object (the M2M sample sends {"scope": "…"})
    std::string selectedTenant;  // "selectedTenant"
};

struct AccessKeyExchanged final {
    std::string keyId;                 // "keyId"
    std::string sessionJwt;            // "sessionJwt"
    std::optional<int64_t> expiration; // "expiration", Unix seconds
};

// POST v1/auth/accesskey/exchange. Errors (INPUT): DESCOPE_TOKEN_MISSING, DESCOPE_TOKEN_MALFORMED,
// DESCOPE_CUSTOM_CLAIMS (not an object).
[[nodiscard]] Result<net::HttpRequest> buildAccessKeyExchangeRequest(const DescopeProject &project, const std::string &accessKey,
                                                                     const AccessKeyOptions &options = {});
// Errors: those of processDescopeJson, DESCOPE_FIELD_MISSING (sessionJwt), DESCOPE_FIELD_TYPE.
[[nodiscard]] Result<AccessKeyExchanged> processAccessKeyExchangeResponse(const net::HttpResponse &response);

} // namespace oidc::descope
