#pragma once

// The shape every passwordless method shares (OTP, magic link, enchanted link): a start call
// (signin / signup / signup-in, descope-api.md §5–7) that checks the project, the body, the
// user and, for step-up or MFA, the refresh JWT (§11); and a completion that creates the user
// of a sign-up, creates or upgrades the session and answers the JWT response (§3).

#include "sandbox/DescopeApi.h"
#include "sandbox/Inbox.h"
#include "sandbox/ReplyOr.h"
#include "sandbox/StateRecords.h"

#include "oidc/net/LocalHttpServer.h"

#include <functional>
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
    // begin() with the operation named by the {op} path capture; 404 when it names none.
    [[nodiscard]] ReplyOr<Started> beginFromPath(const SandboxRequest &request, const std::string &method);

    // An Inbox message to where begin() found to deliver, its header (time, kind, channel,
    // addressee, login ID, subject) filled in.
    [[nodiscard]] InboxMessage message(const PendingLogin &login, std::string kind, std::string subject) const;
    // Puts `message` into the Inbox and answers 200: `body` plus the masked address every start
    // call returns, "maskedEmail" or "maskedPhone" (§5–§7).
    [[nodiscard]] oidc::net::LocalHttpResponse deliver(const PendingLogin &login, InboxMessage message,
                                                       oidc::Json body = oidc::Json::object());

    // The update calls of TOTP and WebAuthn (§8, §9) act for the user of the call's refresh JWT,
    // which is required; a loginId in the body must name that same user.
    struct Updating final {
        Session *session = nullptr;
        const User *user = nullptr;
        std::string loginId; // the body's, else the user's first login ID (or user ID)
    };
    // `route` names the call in the refusal ("totp/update").
    [[nodiscard]] ReplyOr<Updating> beginUpdate(const descope::DescopeCall &call, std::string_view route);

    // What a method records on the user before the session is made (a social provider, a
    // password hash), so that the answer's ResponseUser shows it; `created` when this sign-in
    // created the user.
    using PrepareUser = std::function<void(User &user, bool created)>;

    // 200 + JWT response, or the error to answer. The session JWT is the response's primary
    // token for the fault injector.
    [[nodiscard]] oidc::net::LocalHttpResponse complete(const PendingLogin &login, const SandboxRequest &request,
                                                        const PrepareUser &prepare = {});

private:
    SandboxContext &m_context;
};

} // namespace sandbox
