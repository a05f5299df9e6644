#pragma once

// Origins and RP IDs (W3C WebAuthn Level 3 §5.1.2, §13.4.9): the RP ID an http(s) origin implies.
// The client (the software authenticator) checks the options' RP ID against the page's origin
// with it, and the sandbox derives its RP ID from a start call's origin.

#include "oidc/Result.h"

#include <string>
#include <string_view>

namespace oidc::webauthn {

// The host of an http(s) origin, lower-cased: the natural RP ID for it (§5.1.2: the RP ID must be
// the origin's effective domain or a registrable suffix of it). Error: WEBAUTHN_OPTIONS (INPUT)
// for anything that is not scheme://host[:port].
[[nodiscard]] Result<std::string> rpIdForOrigin(std::string_view origin);

} // namespace oidc::webauthn
