#pragma once

// What a sign-in starter (OtpStarter, MagicLinkStarter, TotpStarter, EnchantedLinkStepUp) is used
// for: a plain sign-in in the Magic Link, OTP & TOTP area, or a step-up of the current session in
// the Step-up area. The starters are the same widgets; only this differs.

#include "oidc/Result.h"
#include "oidc/descope/LoginOptions.h"

#include <QString>

#include <functional>

namespace ui {

struct StarterSetup final {
    // The descope_area name (DescopeContext.h) whose client sends: its label in the Exchange Log.
    QString area;
    // Asked when the user starts a sign-in: the loginOptions to send with it, or why it cannot
    // start (shown as a refusal). Empty: a plain sign-in, no options. The Step-up area's gives
    // stepup with the current session's refresh JWT (descope-api.md §11).
    std::function<oidc::Result<oidc::descope::LoginOptions>()> beginSignIn;
    // A step-up: no sign-up, and the login ID is the session user's (setLoginId).
    bool stepUp = false;
};

} // namespace ui
