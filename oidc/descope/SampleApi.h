#pragma once

// The API of Descope's M2M sample (stevenbarash/descope-node-m2m-sample, index.js;
// descope-api.md §10), which the built-in sandbox serves too: /api/protected takes any valid
// session JWT, /api/user needs the scope "read:data", /api/admin needs "admin". What a route
// requires is data here, so that a client can say which scope or role its token lacks before or
// after the API answers (ApiCallExplanation.h).
//
// Where the sample looks (its extractScopes()): "scope" and "scopes" at the top level (a
// space-separated string or an array) and every tenant's "permissions". The sandbox also reads
// the top-level "permissions" (the key's roles' permissions) and the same members under "nsec"
// (custom claims sent with the exchange, §10), and takes "admin" as a role too (top-level "roles"
// or a tenant's). These rules follow the sandbox, which is the API the app ships with.

#include "oidc/Json.h"
#include "oidc/jwt/ClaimChecks.h"

#include <QUrl>

#include <string>
#include <string_view>
#include <vector>

namespace oidc::descope {

// What an API route requires of the token it is called with.
struct ApiRequirement final {
    std::vector<std::string> scopes; // each granted (see above)
    std::vector<std::string> roles;  // each held as a role, or granted as a scope (the sample checks "admin" as a scope)

    [[nodiscard]] bool empty() const { return scopes.empty() && roles.empty(); }
};

struct SampleApiRoute final {
    std::string path;    // "/api/user"
    std::string summary; // "needs the scope read:data"
    ApiRequirement requirement;
};

// /api/protected, /api/user, /api/admin, in that order. The sample answers POST; the sandbox GET too.
[[nodiscard]] const std::vector<SampleApiRoute> &sampleApiRoutes();
// The route `url` calls when the sample's API is served at `base` (same scheme, host and port;
// another API's /api/admin is its own business), or nullptr.
[[nodiscard]] const SampleApiRoute *findSampleApiRoute(const QUrl &url, const QUrl &base);

// The scopes and roles a token's claims grant, where the sample and the sandbox look, sorted and unique.
[[nodiscard]] std::vector<std::string> grantedScopes(const Json &claims);
[[nodiscard]] std::vector<std::string> heldRoles(const Json &claims);

// One check per requirement, in order: "scope.<name>" (fails with API_SCOPE_MISSING), then
// "role.<name>" (API_ROLE_MISSING), each with what the token holds.
[[nodiscard]] std::vector<jwt::ClaimCheck> checkApiRequirement(const Json &claims, const ApiRequirement &requirement);

} // namespace oidc::descope
