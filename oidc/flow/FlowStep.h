#pragma once

// The steps of a login and of the actions on its session, in the order the flow page lists them.
// One enum for the core and the GUI: FlowSession reports each step it ran (StepReport), every
// request it sends is tagged with the step that caused it (HttpRequest::step), and the flow page's
// rows are the first twelve (ui::FlowStepModel::Step is this type).

#include <QObject>
#include <QString>

namespace oidc::flow {

Q_NAMESPACE

enum class FlowStep {
    Discovery,        // provider metadata (OpenID Connect Discovery, RFC 8414)
    Keys,             // the provider's JWKS
    Prepare,          // PKCE, state, nonce
    Authorize,        // the authorization URL
    Browser,          // the browser's round trip, until the redirect back
    Callback,         // the redirect back (code, state, iss)
    Token,            // code exchange
    IdToken,          // ID token validation (and a JWKS refetch on an unknown kid)
    UserInfo,
    Refresh,
    Revoke,
    Logout,
    ClientCredentials, // no user: not a row of the flow page
};
Q_ENUM_NS(FlowStep)

// Short lower-case names for logs and the CLI's JSON ("discovery", "token", "ID token"…).
[[nodiscard]] QString flowStepName(FlowStep step);

// The login's steps as the flow page numbers them: Discovery is 1, UserInfo kLoginStepCount.
inline constexpr int kLoginStepCount = 9;
// 1…kLoginStepCount for a login step; 0 for the actions on a session and client credentials.
[[nodiscard]] int loginStepNumber(FlowStep step);

// What the step does, in one plain sentence an audience follows (presentation mode's narration
// line): "Step 6 of 9: the browser brings the user back to the app with a one-time code; the app
// checks that the state matches." A login step starts with its number, the others do not. No
// jargon a newcomer would have to look up without the word that explains it beside it.
[[nodiscard]] QString flowStepNarration(FlowStep step);

} // namespace oidc::flow
