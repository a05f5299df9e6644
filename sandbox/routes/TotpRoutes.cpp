#include "TotpRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/ErrorCodes.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/Randomness.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"
#include "sandbox/auth/TotpEnrollment.h"

#include "oidc/otp/Totp.h"

#include <algorithm>

namespace sandbox {

namespace {

// An engine failure that is not about the user's code: a sandbox bug.
oidc::net::LocalHttpResponse internalError(const oidc::Error &error)
{
    return reply::descopeError(500, errc::kBadRequest, "Internal sandbox error", error.code + ": " + error.message);
}

oidc::net::LocalHttpResponse codeRejected(const oidc::Error &error)
{
    if (error.code == "TOTP_CODE_FORMAT")
        return reply::descopeError(400, errc::kInvalidRequest, "Invalid code", error.message);
    if (error.code == "TOTP_CODE_INVALID" || error.code == "TOTP_REPLAY")
        return reply::descopeError(401, errc::kWrongOtpCode, "Wrong code", error.message);
    return internalError(error);
}

// Checks `code` against `seed`; on success the seed's replay state moves on.
oidc::Status checkCode(TotpSeed &seed, const std::string &code, int64_t now)
{
    oidc::otp::TotpReplayState replay{seed.lastAcceptedStep};
    auto matched = oidc::otp::verifyTotp(seed.secret, code, now, replay);
    if (!matched)
        return matched.error();
    seed.lastAcceptedStep = replay.lastAcceptedStep;
    return {};
}

} // namespace

void TotpRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/auth/totp/signup", [this](const SandboxRequest &r) { return signUp(r); },
               "TOTP sign-up: {provisioningURL, image, key}; the user exists after the first verify");
    router.add("POST", "/v1/auth/totp/verify", [this](const SandboxRequest &r) { return verify(r); },
               "TOTP verify (sign-in, step-up, MFA): JWT response; E061102 wrong or replayed code");
    router.add("POST", "/v1/auth/totp/update", [this](const SandboxRequest &r) { return update(r); },
               "TOTP update (refresh JWT): a new seed, used once a verify succeeds with it");
}

oidc::net::LocalHttpResponse TotpRoutes::signUp(const SandboxRequest &request)
{
    auto started = m_flow.begin(request, LoginFlow::Operation::SignUp, "totp");
    if (!started)
        return started.takeReply();
    const PendingLogin &login = started->login;
    auto enrollment = auth::createTotpEnrollment({m_context.fixtures.projectName, login.loginId, {}, 20});
    if (!enrollment)
        return internalError(enrollment.error());
    TotpSignUp pending;
    pending.login = login;
    pending.seed.secret = enrollment->secret;
    pending.expiresAt = m_context.now() + m_context.fixtures.lifetimes.linkSeconds;
    // A new sign-up replaces an earlier one for the same login ID.
    m_context.state.totpSignUps()[SandboxState::foldLoginId(login.loginId)] = std::move(pending);
    m_context.stateChanged();
    return reply::json(200, enrollment->toDescopeJson());
}

oidc::net::LocalHttpResponse TotpRoutes::verify(const SandboxRequest &request)
{
    // signup-in: an existing user signs in (or steps up); a pending sign-up is created.
    auto started = m_flow.begin(request, LoginFlow::Operation::SignUpOrIn, "totp");
    if (!started)
        return started.takeReply();
    PendingLogin login = started->login;
    std::string code = descope::string(started->body, "code");
    std::erase(code, ' ');
    if (code.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "loginId and code are required");
    const int64_t now = m_context.now();

    if (!login.signUp) {
        auto &records = m_context.state.totp();
        const auto it = records.find(login.userId);
        if (it == records.end() || (!it->second.active && !it->second.pending))
            return reply::descopeError(400, errc::kInvalidRequest, "TOTP not set up",
                                       "the user " + login.loginId + " has no TOTP seed; call /v1/auth/totp/signup or /update");
        TotpRecord &record = it->second;
        // The seed of an update replaces the old one with its first good code.
        std::optional<oidc::Error> failure;
        bool matched = false;
        if (record.pending) {
            const auto status = checkCode(*record.pending, code, now);
            if (status) {
                record.active = std::move(record.pending);
                record.pending.reset();
                matched = true;
            } else {
                failure = status.error();
            }
        }
        if (!matched && record.active) {
            const auto status = checkCode(*record.active, code, now);
            if (status)
                matched = true;
            else
                failure = status.error();
        }
        if (!matched) {
            m_context.stateChanged();
            return codeRejected(*failure);
        }
        m_context.stateChanged();
        return m_flow.complete(login, request);
    }

    // The first code of a sign-up creates the user.
    auto &signUps = m_context.state.totpSignUps();
    const auto it = signUps.find(SandboxState::foldLoginId(login.loginId));
    if (it == signUps.end() || it->second.expiresAt < now)
        return reply::descopeError(400, errc::kUserNotFound, "User not found",
                                   "no user has the login ID " + login.loginId + " and no TOTP sign-up is pending for it");
    const auto status = checkCode(it->second.seed, code, now);
    if (!status)
        return codeRejected(status.error());
    TotpSeed seed = std::move(it->second.seed);
    PendingLogin signUp = std::move(it->second.login);
    signUps.erase(it);
    signUp.options = login.options; // the verify's loginOptions (customClaims, tenant)
    // The seed is stored under the ID the user is created with, so ResponseUser.TOTP is true.
    signUp.userId = "U" + randomAlphanumeric(27);
    m_context.state.totp()[signUp.userId].active = std::move(seed);
    auto response = m_flow.complete(signUp, request);
    if (!m_context.state.user(signUp.userId))
        m_context.state.totp().erase(signUp.userId);
    m_context.stateChanged();
    return response;
}

oidc::net::LocalHttpResponse TotpRoutes::update(const SandboxRequest &request)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    auto updating = m_flow.beginUpdate(*call, "totp/update");
    if (!updating)
        return updating.takeReply();
    auto enrollment = auth::createTotpEnrollment({m_context.fixtures.projectName, updating->loginId, {}, 20});
    if (!enrollment)
        return internalError(enrollment.error());
    m_context.state.totp()[updating->user->userId].pending = TotpSeed{enrollment->secret, std::nullopt};
    m_context.stateChanged();
    return reply::json(200, enrollment->toDescopeJson());
}

} // namespace sandbox
