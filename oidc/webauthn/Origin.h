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

// A project's passkey domain: the RP ID its ceremonies are for (Descope: the project's passkey
// settings). `text` is a host name; the result is lower-cased. Error: WEBAUTHN_OPTIONS (INPUT)
// for anything that is not one (a scheme, a port, a path, spaces).
[[nodiscard]] Result<std::string> parsePasskeyDomain(std::string_view text);

// The passkey domain assumed for a project until the user says otherwise: the host of a custom
// domain base URL (auth.example.com), "localhost" for Descope's own API hosts (*.descope.com),
// from which no application page is served.
[[nodiscard]] std::string defaultPasskeyDomain(const QUrl &baseUrl);

// The origin a ceremony for `rpId` claims when no page names one (the start call's "origin", and
// what the software authenticator signs for): https://<rpId>.
[[nodiscard]] std::string passkeyOriginFor(std::string_view rpId);

// Whether a ceremony page served from http://localhost:<port> (the system browser's path) can
// use `rpId`. §5.1.3 step 8 / §5.1.4 step 7: the RP ID must be the page's effective domain or a
// registrable suffix of it, and "localhost" has no other, so only the RP ID "localhost" works
// there. The software authenticator is not a browser page and can claim any RP ID.
struct LocalhostCeremony final {
    bool usable = false;
    std::string explanation; // one plain sentence saying why
};
[[nodiscard]] LocalhostCeremony localhostCeremonyFor(std::string_view rpId);

} // namespace oidc::webauthn
