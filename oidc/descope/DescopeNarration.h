#pragma once

// What a Descope area is doing, in one plain sentence an audience follows (presentation mode's
// narration line), for each move of the sign-ins the areas drive: enchanted link, OTP, magic link,
// passkeys, social login and tenant SSO. The sentences are data here, once, so every area says the
// same thing about the same move; the areas only say which move they are at.

#include <QString>

namespace oidc::descope {

enum class DescopeMove {
    EnchantedLinkStart,   // Descope emails the numbered links
    EnchantedLinkPolling, // the app polls the pending session while the user picks a link
    OtpStart,             // Descope sends a one-time code by email or text message
    OtpVerify,            // the app sends the typed code back to Descope
    MagicLinkStart,       // Descope sends a link with a one-time token
    MagicLinkVerify,      // the app sends the link's token back to Descope
    PasskeyStart,         // Descope answers the WebAuthn options and a challenge
    PasskeySign,          // the authenticator creates or signs with a key pair
    PasskeyFinish,        // the app sends the signed answer back; Descope checks it
    SocialStart,          // Descope answers the provider's sign-in page
    SsoStart,             // Descope answers the tenant's identity provider's page
    SocialBrowser,        // the user signs in at the provider (or the tenant's IdP) in the browser
    SocialExchange,       // the app trades the one-time code for a session
    SignedIn,             // the area ended with a session that passed every check
    Refused,              // the area ended without one; the screen says why
};

[[nodiscard]] QString descopeNarration(DescopeMove move);

} // namespace oidc::descope
