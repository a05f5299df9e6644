#pragma once

// What a session JWT says about how the user signed in, in words (descope-api.md §2.2): "su" (a
// step-up login) and "amr" (each method, and "mfa" for two or more), with the catalog's title for
// each claim (oidc/jwt/ClaimCatalog). Shown as data by the GUI and the CLI.

#include "oidc/Json.h"

#include <string>
#include <string_view>
#include <vector>

namespace oidc::descope {

struct ClaimNote final {
    std::string claim;   // "su", "amr"
    std::string title;   // the ClaimCatalog title ("Stepped up")
    std::string value;   // the claim as JSON ("true", "[\"email\",\"totp\"]"), or "absent"
    std::string meaning; // a sentence about this token
};

// Notes for su and amr, always both (absent ones say what their absence means).
[[nodiscard]] std::vector<ClaimNote> explainSessionClaims(const Json &claims);

// One amr value in words ("webauthn" → "a passkey (webauthn)"); the value itself when unknown.
[[nodiscard]] std::string amrMeaning(std::string_view method);

} // namespace oidc::descope
