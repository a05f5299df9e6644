#pragma once

// Enchanted links (descope-api.md §5; email only): start → the user clicks the link whose number
// the app shows → the link's page verifies its token → the app's poll of the pending session gets
// the JWT response (401 E062503 until then; the Poller keeps polling).

#include "oidc/descope/PasswordlessStart.h"

namespace oidc::descope {

struct EnchantedLinkStarted final {
    std::string linkId;      // "linkId": the number to click, shown to the user
    std::string pendingRef;  // "pendingRef": what the app polls with (a secret: redacted in the log)
    std::string maskedEmail; // "maskedEmail"
};

// POST v1/auth/enchantedlink/<op>/email. Errors: those of passwordlessStartCall and buildDescopeRequest.
[[nodiscard]] Result<net::HttpRequest> buildEnchantedLinkStartRequest(const DescopeProject &project, const PasswordlessStart &start);
// Errors: those of processDescopeJson, DESCOPE_FIELD_MISSING (linkId or pendingRef), DESCOPE_FIELD_TYPE.
[[nodiscard]] Result<EnchantedLinkStarted> processEnchantedLinkStartResponse(const net::HttpResponse &response);

// POST v1/auth/enchantedlink/pending-session {"pendingRef"}: 200 + JWT response once verified
// (processJwtResponse). Error (INPUT): DESCOPE_PENDING_REF_MISSING.
[[nodiscard]] Result<net::HttpRequest> buildPendingSessionRequest(const DescopeProject &project, const std::string &pendingRef);

// POST v1/auth/enchantedlink/verify {"token"}: what the link's page does; answers {}.
// Error (INPUT): DESCOPE_LINK_TOKEN_MISSING.
[[nodiscard]] Result<net::HttpRequest> buildEnchantedLinkVerifyRequest(const DescopeProject &project, const std::string &token);
[[nodiscard]] Status processEnchantedLinkVerifyResponse(const net::HttpResponse &response);

} // namespace oidc::descope
