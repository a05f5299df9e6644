#pragma once

// A provider profile as readable JSON, for files people share and commit (workspaces) and for
// recordings: everything a flow needs except the client secret, which is never written and never
// read (a "clientSecret" member in a file is ignored, so a hand-edited file cannot smuggle one in).

#include "oidc/Json.h"
#include "oidc/flow/ProviderProfile.h"

namespace oidc::flow {

// {"id", "name", "kind": "sandbox"|"descope"|"issuer"|"manual", "issuer", "descopeProjectId",
//  "descopeCustomBase", "endpoints": {...}, "clientId", "clientAuth": "none"|"client_secret_basic"|
//  "client_secret_post", "scope", "browser": "embedded"|"system"|"private-use", "redirectPort", "redirectPath",
//  "privateUseScheme",
//  "security": {"pkce": "S256"|"plain"|"off", "verifierLength", "state", "nonce",
//  "allowUnsignedIdToken", "leewaySeconds"}}. Members that do not apply to the kind are left out.
[[nodiscard]] Json profileToJson(const ProviderProfile &profile);

// The reverse. Missing members keep ProviderProfile's defaults; unknown members are ignored (a
// newer file still opens); a member of the wrong type or an unknown enum word is an INPUT error
// PROFILE_JSON_INVALID naming the member ("security.pkce"), so nothing is half-read.
[[nodiscard]] Result<ProviderProfile> profileFromJson(const Json &json);

} // namespace oidc::flow
