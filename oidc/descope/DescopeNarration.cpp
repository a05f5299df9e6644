#include "DescopeNarration.h"

namespace oidc::descope {

QString descopeNarration(DescopeMove move)
{
    switch (move) {
    case DescopeMove::EnchantedLinkStart:
        return QStringLiteral("Enchanted link: the app asks Descope to email the user three numbered links; the app shows which number to click.");
    case DescopeMove::EnchantedLinkPolling:
        return QStringLiteral("Enchanted link: the user clicks the link with the number on screen; meanwhile the app keeps asking Descope if that happened.");
    case DescopeMove::OtpStart:
        return QStringLiteral("OTP: the app asks Descope to send the user a one-time code by email or text message.");
    case DescopeMove::OtpVerify:
        return QStringLiteral("OTP: the app sends the code the user typed back to Descope, which checks it and answers with a session.");
    case DescopeMove::MagicLinkStart:
        return QStringLiteral("Magic link: the app asks Descope to send the user a link that carries a one-time token.");
    case DescopeMove::MagicLinkVerify:
        return QStringLiteral("Magic link: the app sends the link's one-time token back to Descope, which answers with a session.");
    case DescopeMove::PasskeyStart:
        return QStringLiteral("Passkey: the app asks Descope for a challenge, a random value the user's device must sign.");
    case DescopeMove::PasskeySign:
        return QStringLiteral("Passkey: the device signs the challenge with a private key that never leaves it.");
    case DescopeMove::PasskeyFinish:
        return QStringLiteral("Passkey: the app sends the signature to Descope, which checks it with the public key it stored.");
    case DescopeMove::SocialStart:
        return QStringLiteral("Social login: the app asks Descope where the provider's sign-in page is for this app.");
    case DescopeMove::SsoStart:
        return QStringLiteral("SSO: the app asks Descope where the sign-in page of the user's company is.");
    case DescopeMove::SocialBrowser:
        return QStringLiteral("The browser shows the provider's sign-in page; the provider sends the user back to the app with a one-time code.");
    case DescopeMove::SocialExchange:
        return QStringLiteral("The app trades the one-time code for a session, directly with Descope; the code works only once.");
    case DescopeMove::SignedIn:
        return QStringLiteral("Signed in: Descope answered with a session, and the app checked its signature and claims.");
    case DescopeMove::Refused:
        return QStringLiteral("Not signed in: the step was refused, and the screen shows why.");
    }
    return {};
}

} // namespace oidc::descope
