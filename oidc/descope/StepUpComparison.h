#pragma once

// A session before and after a step-up (descope-api.md §2.2 su and amr; §11 loginOptions.stepup),
// side by side: the claims a step-up is about, each marked changed or not with what that says,
// and the checks an app relies on when it asks for a step-up — the same user, su:true, a session
// JWT issued by the step-up. Pure: the GUI shows these rows and checks; it compares nothing.
//
// When should an app ask for a step-up? Before an action that needs more assurance than the
// session's sign-in gave (changing an email or password, a payment, an admin page): the app
// checks su (and, if it cares how, amr) on the session JWT, and when su is missing it runs one
// more sign-in with loginOptions.stepup and the current refresh JWT, which upgrades this session
// instead of starting another.

#include "oidc/Json.h"
#include "oidc/jwt/ClaimChecks.h"

#include <string>
#include <vector>

namespace oidc::descope {

struct ClaimComparison final {
    std::string claim;   // "sub", "su", "amr", "iat", "exp", "rexp"
    std::string title;   // the ClaimCatalog title ("Stepped up")
    std::string before;  // as shown: the JSON value, a time "2026-11-22 10:15:00 UTC", or "absent"
    std::string after;
    bool changed = false;
    std::string meaning; // what the change, or its absence, says about the step-up
};

struct StepUpComparison final {
    std::vector<ClaimComparison> claims;
    // "stepup_sub" (STEPUP_OTHER_USER), "stepup_su" (STEPUP_SU_MISSING), "stepup_iat"
    // (STEPUP_NOT_REISSUED): each passes or fails with its code.
    std::vector<jwt::ClaimCheck> checks;

    [[nodiscard]] bool passed() const;
};

// `before` and `after` are the two session JWTs' claims (JSON objects).
[[nodiscard]] StepUpComparison compareStepUp(const Json &before, const Json &after);

} // namespace oidc::descope
