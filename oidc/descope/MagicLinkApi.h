#pragma once

// Magic links (descope-api.md §6): start by email, SMS or WhatsApp; the link carries a token in
// its "t" parameter, and verifying that token answers the JWT response itself (processJwtResponse).

#include "oidc/descope/PasswordlessStart.h"

namespace oidc::descope {

// POST v1/auth/magiclink/<op>/<email|sms|whatsapp>; answers a MaskedAddress
// (processMaskedAddressResponse). Errors (INPUT): DESCOPE_METHOD_UNSUPPORTED (voice: core-js and
// the OpenAPI have no voice magic link), those of passwordlessStartCall and buildDescopeRequest.
[[nodiscard]] Result<net::HttpRequest> buildMagicLinkStartRequest(const DescopeProject &project, DeliveryMethod method,
                                                                  const PasswordlessStart &start);

// POST v1/auth/magiclink/verify {"token"}. Error (INPUT): DESCOPE_LINK_TOKEN_MISSING.
[[nodiscard]] Result<net::HttpRequest> buildMagicLinkVerifyRequest(const DescopeProject &project, const std::string &token);

} // namespace oidc::descope
