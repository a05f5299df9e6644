#pragma once

// Origins and RP IDs (W3C WebAuthn Level 3 §5.1.2, §13.4.9): the RP ID an http(s) origin implies.
// The client (the software authenticator) checks the options' RP ID against the page's origin
// with it, and the sandbox derives its RP ID from a start call's origin. pageOriginFor() is the
// origin the software authenticator signs for when no page names one (the CLI, the GUI).

#include "oidc/Result.h"

#include <string>
#include <string_view>

class QUrl;

namespace oidc::webauthn {

// The host of an http(s) origin, lower-cased: the natural RP ID for it (§5.1.2: the RP ID must be
// the origin's effective domain or a registrable suffix of it). Error: WEBAUTHN_OPTIONS (INPUT)
// for anything that is not scheme://host[:port].
[[nodiscard]] Result<std::string> rpIdForOrigin(std::string_view origin);

// The origin of a web page of the RP ID the options name (registration: publicKey.rp.id;
// assertion: publicKey.rpId; `optionsText` is Descope's {"publicKey": …} or the bare object):
// https://<rpId>, or — for "localhost" with a loopback http base URL (the sandbox) —
// http://localhost:<its port>, the page the sandbox serves. Empty when the options are not an object.
[[nodiscard]] std::string pageOriginFor(const QUrl &baseUrl, std::string_view optionsText);

} // namespace oidc::webauthn
