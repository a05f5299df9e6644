#pragma once

// WebAuthn / passkeys (descope-api.md §9): POST /v1/auth/webauthn/{signup,signin,signup-in,
// update}/start answer {transactionId, options (the JSON text of {"publicKey": …}), create};
// {signup,signin,update}/finish take {transactionId | transactionID, response (JSON text)}.
// signup/finish and signin/finish answer the JWT response with amr "webauthn" (step-up / MFA
// with the refresh JWT as for OTP); update/start needs Bearer <pid>:<refreshJwt>, and
// update/finish answers {} (or {"jwt": JWTResponse} when start had "mfa": true).
// A transaction is deleted by its finish call whatever the outcome; a credential ID that is
// already registered is refused. Engine errors (sandbox/auth) become Descope bodies: shape and
// parse errors 400 E011003, verification failures 401 E011003, with the engine's code first in
// errorMessage ("WEBAUTHN_ORIGIN: …").

#include "sandbox/LoginFlow.h"
#include "sandbox/ReplyOr.h"
#include "sandbox/RouteModule.h"

#include "oidc/net/LocalHttpServer.h"

#include <string>
#include <vector>

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class WebAuthnRoutes final : public RouteModule {
public:
    explicit WebAuthnRoutes(SandboxContext &context) : m_context(context), m_flow(context) {}
    void registerRoutes(Router &router) override;

private:
    struct Origin final {
        std::string rpId;
        std::vector<std::string> origins;
    };

    oidc::net::LocalHttpResponse signUpStart(const SandboxRequest &request);
    oidc::net::LocalHttpResponse signInStart(const SandboxRequest &request);
    oidc::net::LocalHttpResponse signUpOrInStart(const SandboxRequest &request);
    oidc::net::LocalHttpResponse updateStart(const SandboxRequest &request);
    oidc::net::LocalHttpResponse signUpFinish(const SandboxRequest &request);
    oidc::net::LocalHttpResponse signInFinish(const SandboxRequest &request);
    oidc::net::LocalHttpResponse updateFinish(const SandboxRequest &request);

    // The RP ID and accepted origins for a start body's "origin" (absent: the sandbox's own).
    // Error WEBAUTHN_ORIGIN (SANDBOX) for an origin that is not localhost's or an Android app's.
    [[nodiscard]] oidc::Result<Origin> originFor(const oidc::Json &body) const;
    // Keeps `transaction` under a new transactionId: {transactionId, options, create}.
    oidc::net::LocalHttpResponse keep(WebAuthnTransaction transaction, const std::string &options, bool create);
    oidc::net::LocalHttpResponse startRegistration(WebAuthnTransaction::Kind kind, PendingLogin login, const oidc::Json &body,
                                                   const std::string &userHandle, bool mfa = false,
                                                   const std::string &sessionId = {});
    oidc::net::LocalHttpResponse startAuthentication(PendingLogin login, const oidc::Json &body);
    // The finish pipeline: descope::accept, then the body's transaction, found and removed.
    struct Taken final {
        WebAuthnTransaction transaction;
        std::string response;
    };
    [[nodiscard]] ReplyOr<Taken> take(const SandboxRequest &request, WebAuthnTransaction::Kind kind);
    // take(), then the registration verified (W3C WebAuthn §7.1) and its credential ID new.
    struct Registered;
    [[nodiscard]] ReplyOr<Registered> finishRegistration(const SandboxRequest &request, WebAuthnTransaction::Kind kind);

    SandboxContext &m_context;
    LoginFlow m_flow;
};

} // namespace sandbox
