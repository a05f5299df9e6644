#pragma once

// Passkeys (descope-api.md §9). The client only carries strings: start answers the WebAuthn options
// as a JSON text ({"publicKey": …}) for the authenticator, and finish sends the authenticator's
// response JSON text back; the ceremony itself (and every byte of it) is the authenticator's job.
// Sign-up, sign-in and the sign-up-or-in finish answer the JWT response (processJwtResponse); the
// update (add a passkey) finish answers {} or, when its start asked for MFA, {"jwt": JWT response}.

#include "oidc/descope/JwtResponse.h"
#include "oidc/descope/LoginOptions.h"
#include "oidc/descope/PasswordlessStart.h"

#include <optional>

#include <string_view>

namespace oidc::descope {

enum class WebAuthnStartKind { SignUp, SignIn, SignUpOrIn, Update };
enum class WebAuthnFinishKind { SignUp, SignIn, Update };

// The ceremony's word in Descope's paths (`/v1/auth/webauthn/<word>/start|finish`), also the word a
// recorded passkey step names its kind with: "signup", "signin", "signup-in", "update".
[[nodiscard]] std::string_view webAuthnStartWord(WebAuthnStartKind kind);
[[nodiscard]] std::string_view webAuthnFinishWord(WebAuthnFinishKind kind);

struct WebAuthnStart final {
    WebAuthnStartKind kind = WebAuthnStartKind::SignIn;
    std::string loginId;       // "loginId": may be empty for a discoverable sign-in
    std::string origin;        // "origin": the web origin whose host is the RP ID (empty: left out, as Swift does)
    SignUpUser user;           // "user": sign-up
    LoginOptions loginOptions; // "loginOptions": sign-in (stepup, mfa…), sign-up options for sign-up
    Json passkeyOptions = nullptr; // "passkeyOptions": an object, sent as given
    std::string refreshJwt;    // update: the signed-in user's refresh JWT (required)
    bool mfa = false;          // update: "mfa" — the finish then answers a session
};

struct WebAuthnStarted final {
    std::string transactionId; // "transactionId"
    std::string options;       // "options": JSON text for the authenticator
    bool create = false;       // "create": true = registration (→ signup finish), false = assertion (→ signin finish)
};

// The finish that goes with a start's answer: sign-up-or-in registers when `create`, else signs in.
[[nodiscard]] WebAuthnFinishKind finishKindFor(WebAuthnStartKind kind, bool create);

// POST v1/auth/webauthn/<signup|signin|signup-in|update>/start. Errors (INPUT):
// DESCOPE_LOGIN_ID_MISSING (all but a discoverable sign-in), DESCOPE_PASSKEY_OPTIONS (not an
// object), DESCOPE_TOKEN_MISSING (update without a refresh JWT), those of loginOptionsJson.
[[nodiscard]] Result<net::HttpRequest> buildWebAuthnStartRequest(const DescopeProject &project, const WebAuthnStart &start);
// Errors: those of processDescopeJson, DESCOPE_FIELD_MISSING (transactionId, options),
// DESCOPE_FIELD_TYPE, DESCOPE_WEBAUTHN_OPTIONS (options is not JSON text).
[[nodiscard]] Result<WebAuthnStarted> processWebAuthnStartResponse(const net::HttpResponse &response);

// POST v1/auth/webauthn/<signup|signin|update>/finish {"transactionId","response"}.
// Errors (INPUT): DESCOPE_TRANSACTION_MISSING, DESCOPE_WEBAUTHN_RESPONSE (empty).
[[nodiscard]] Result<net::HttpRequest> buildWebAuthnFinishRequest(const DescopeProject &project, WebAuthnFinishKind kind,
                                                                  const std::string &transactionId, const std::string &response);
// The update finish: nullopt for {}, the JWT response for {"jwt": …}. Errors: those of
// processDescopeJson and parseJwtResponse.
[[nodiscard]] Result<std::optional<JwtResponse>> processWebAuthnUpdateFinishResponse(const net::HttpResponse &response);

} // namespace oidc::descope
