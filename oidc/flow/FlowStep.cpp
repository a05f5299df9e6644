#include "FlowStep.h"

namespace oidc::flow {

QString flowStepName(FlowStep step)
{
    switch (step) {
    case FlowStep::Discovery: return QStringLiteral("discovery");
    case FlowStep::Keys: return QStringLiteral("keys");
    case FlowStep::Prepare: return QStringLiteral("PKCE, state, nonce");
    case FlowStep::Authorize: return QStringLiteral("authorize");
    case FlowStep::Browser: return QStringLiteral("browser");
    case FlowStep::Callback: return QStringLiteral("callback");
    case FlowStep::Token: return QStringLiteral("token");
    case FlowStep::IdToken: return QStringLiteral("ID token");
    case FlowStep::UserInfo: return QStringLiteral("userinfo");
    case FlowStep::Refresh: return QStringLiteral("refresh");
    case FlowStep::Revoke: return QStringLiteral("revoke");
    case FlowStep::Logout: return QStringLiteral("logout");
    case FlowStep::ClientCredentials: return QStringLiteral("client credentials");
    }
    return {};
}

int loginStepNumber(FlowStep step)
{
    const int number = static_cast<int>(step) - static_cast<int>(FlowStep::Discovery) + 1;
    return number >= 1 && number <= kLoginStepCount ? number : 0;
}

namespace {

QString flowStepSentence(FlowStep step)
{
    switch (step) {
    case FlowStep::Discovery:
        return QStringLiteral("the app reads the provider's discovery document to learn its addresses and what it supports.");
    case FlowStep::Keys: return QStringLiteral("the app fetches the provider's public keys, to check the signatures on its tokens later.");
    case FlowStep::Prepare:
        return QStringLiteral("the app makes fresh one-time values for this login: a PKCE secret and its hash, a state and a nonce.");
    case FlowStep::Authorize:
        return QStringLiteral("the app builds the sign-in address: who the app is, what it asks for, and the hash of its PKCE secret.");
    case FlowStep::Browser:
        return QStringLiteral("the browser takes the user to the provider to sign in; the app waits for the user to come back.");
    case FlowStep::Callback:
        return QStringLiteral("the browser brings the user back to the app with a one-time code; the app checks that the state matches.");
    case FlowStep::Token:
        return QStringLiteral("the app trades the one-time code and its PKCE secret for tokens, directly with the provider.");
    case FlowStep::IdToken:
        return QStringLiteral("the app checks the ID token: the provider's signature, who issued it, for whom, until when, and the nonce.");
    case FlowStep::UserInfo:
        return QStringLiteral("the app asks the provider who signed in, with the access token, and checks it is the same user.");
    case FlowStep::Refresh: return QStringLiteral("The app uses its refresh token to get new tokens without asking the user again.");
    case FlowStep::Revoke: return QStringLiteral("The app tells the provider to revoke a token, so that it stops working at once.");
    case FlowStep::Logout:
        return QStringLiteral("The browser goes to the provider to end the user's session there, then comes back to the app.");
    case FlowStep::ClientCredentials:
        return QStringLiteral("The app signs in as itself with its client ID and secret; no user takes part.");
    }
    return {};
}

} // namespace

QString flowStepNarration(FlowStep step)
{
    const int number = loginStepNumber(step);
    if (number == 0)
        return flowStepSentence(step);
    return QStringLiteral("Step %1 of %2: %3").arg(number).arg(kLoginStepCount).arg(flowStepSentence(step));
}

} // namespace oidc::flow

#include "moc_FlowStep.cpp"
