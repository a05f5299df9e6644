#include "OtpRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/ErrorCodes.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/Randomness.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

namespace sandbox {

namespace {

bool isOtpMethod(std::string_view method)
{
    return method == "email" || method == "sms" || method == "voice" || method == "whatsapp";
}

} // namespace

void OtpRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/auth/otp/{op}/{method}", [this](const SandboxRequest &r) { return start(r); },
               "OTP sign-in / sign-up / sign-up-or-in (email, sms, voice, whatsapp): code into the Inbox");
    router.add("POST", "/v1/auth/otp/verify/{method}", [this](const SandboxRequest &r) { return verify(r); },
               "OTP verify: JWT response; E061102 wrong code, E061103 too many attempts");
}

oidc::net::LocalHttpResponse OtpRoutes::start(const SandboxRequest &request)
{
    const std::string method = request.param("method");
    if (!isOtpMethod(method))
        return reply::notFound();
    auto started = m_flow.beginFromPath(request, method);
    if (!started)
        return started.takeReply();
    const PendingLogin &login = started->login;
    OtpChallenge challenge;
    challenge.login = login;
    challenge.code = randomDigits(6);
    challenge.expiresAt = m_context.now() + m_context.fixtures.lifetimes.otpSeconds;
    const std::string code = challenge.code;
    // A new code replaces the previous one (and its attempt count).
    m_context.state.otps()[SandboxState::otpKey(method, login.loginId)] = std::move(challenge);

    InboxMessage message = m_flow.message(login, "otp", "Your sign-in code");
    message.code = code;
    message.text = "Your OIDC Playground sandbox code is " + code + ". It expires in "
        + std::to_string(m_context.fixtures.lifetimes.otpSeconds / 60) + " minutes.";
    return m_flow.deliver(login, std::move(message));
}

oidc::net::LocalHttpResponse OtpRoutes::verify(const SandboxRequest &request)
{
    const std::string method = request.param("method");
    if (!isOtpMethod(method))
        return reply::notFound();
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    const oidc::Json &body = call->body;
    const std::string loginId = descope::string(body, "loginId");
    const std::string code = descope::string(body, "code");
    if (loginId.empty() || code.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "loginId and code are required");

    auto &otps = m_context.state.otps();
    const auto it = otps.find(SandboxState::otpKey(method, loginId));
    if (it == otps.end() || it->second.expiresAt <= m_context.now())
        return reply::descopeError(401, errc::kWrongOtpCode, "Wrong code", "no code is pending for this login ID, or it expired");
    OtpChallenge &challenge = it->second;
    const int maxAttempts = m_context.fixtures.otpMaxAttempts;
    if (challenge.failedAttempts >= maxAttempts)
        return reply::descopeError(401, errc::kTooManyOtpAttempts, "Too many attempts",
                                   "this code is locked after " + std::to_string(maxAttempts) + " wrong attempts; request a new one");
    if (code != challenge.code) {
        ++challenge.failedAttempts;
        m_context.stateChanged();
        if (challenge.failedAttempts >= maxAttempts)
            return reply::descopeError(401, errc::kTooManyOtpAttempts, "Too many attempts",
                                       "this code is locked after " + std::to_string(maxAttempts) + " wrong attempts; request a new one");
        return reply::descopeError(401, errc::kWrongOtpCode, "Wrong code",
                                   std::to_string(maxAttempts - challenge.failedAttempts) + " attempts left");
    }
    const PendingLogin login = challenge.login;
    otps.erase(it);
    return m_flow.complete(login, request);
}

} // namespace sandbox
