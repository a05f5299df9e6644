#pragma once

// The shape every passwordless method shares (OTP, magic link, enchanted link): a start call
// (signin / signup / signup-in, descope-api.md §5–7) that checks the project, the body, the
// user and, for step-up or MFA, the refresh JWT (§11); and a completion that creates the user
// of a sign-up, creates or upgrades the session and answers the JWT response (§3).

#include "sandbox/ReplyOr.h"
#include "sandbox/StateRecords.h"

#include "oidc/net/LocalHttpServer.h"

#include <optional>
#include <string>
#include <string_view>

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

class LoginFlow final {
public:
    enum class Operation { SignIn, SignUp, SignUpOrIn };

    explicit LoginFlow(SandboxContext &context) : m_context(context) {}

    // "signin", "signup", "signup-in".
    [[nodiscard]] static std::optional<Operation> parseOperation(std::string_view text);
    // The amr value of a delivery method (descope-api.md §2.2 lists email, sms, whatsapp; voice
    // OTP counts as sms).
    [[nodiscard]] static std::string amrFor(std::string_view method);
    [[nodiscard]] static bool isPhoneMethod(std::string_view method);
    // email, sms, voice, whatsapp: begin() finds where to deliver to. "totp" and "webauthn"
    // deliver nothing (and a sign-up through them verifies no email or phone).
    [[nodiscard]] static bool isDeliveryMethod(std::string_view method);

    struct Started final {
        PendingLogin login;
        oidc::Json body; // the request body, parsed
    };
    // The start call, or the refusal to answer: descope::accept, the loginId, the user the
    // operation needs (or must not find), the refresh JWT of step-up / MFA, and for a delivery
    // method the address or phone number to deliver to.
    [[nodiscard]] ReplyOr<Started> begin(const SandboxRequest &request, Operation operation, const std::string &method);

    // 200 + JWT response, or the error to answer. The session JWT is the response's primary
    // token for the fault injector.
    [[nodiscard]] oidc::net::LocalHttpResponse complete(const PendingLogin &login, const SandboxRequest &request);

private:
    SandboxContext &m_context;
};

} // namespace sandbox
