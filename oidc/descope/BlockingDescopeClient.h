#pragma once

// DescopeClient for the headless CLI: each call starts the asynchronous operation and spins a
// local event loop until it answers (the same builders, processors and checks; nothing of its
// own). Never use it on a GUI thread. cancel() ends the call in progress — from a signal handler's
// notifier, say — with the operation's cancel result (POLL_CANCELLED while polling).

#include "oidc/descope/DescopeClient.h"

namespace oidc::descope {

class BlockingDescopeClient final {
public:
    BlockingDescopeClient(net::HttpTransport &transport, DescopeProject project);

    [[nodiscard]] DescopeClient &client() { return m_client; }
    void cancel() const { m_current.cancel(); }

    [[nodiscard]] Result<EnchantedLinkStarted> startEnchantedLink(const PasswordlessStart &start);
    [[nodiscard]] PolledSession pollEnchantedLink(const std::string &pendingRef, PollSettings settings, Poller::Observer onPoll = {});
    [[nodiscard]] Status verifyEnchantedLink(const std::string &token);

    [[nodiscard]] Result<MaskedAddress> startMagicLink(DeliveryMethod method, const PasswordlessStart &start);
    [[nodiscard]] SessionOutcome verifyMagicLink(const std::string &token);
    [[nodiscard]] Result<MaskedAddress> startOtp(DeliveryMethod method, const PasswordlessStart &start);
    [[nodiscard]] SessionOutcome verifyOtp(DeliveryMethod method, const std::string &loginId, const std::string &code);

    [[nodiscard]] Result<TotpEnrollment> signUpTotp(const std::string &loginId, const SignUpUser &user = {});
    [[nodiscard]] SessionOutcome verifyTotp(const std::string &loginId, const std::string &code, const LoginOptions &options = {});

    [[nodiscard]] Result<OAuthStarted> startOAuth(const OAuthStart &start);
    [[nodiscard]] SessionOutcome exchangeOAuth(const std::string &code);

    [[nodiscard]] SessionOutcome signUpPassword(const std::string &loginId, const std::string &password, const SignUpUser &user = {},
                                                const LoginOptions &options = {});
    [[nodiscard]] SessionOutcome signInPassword(const std::string &loginId, const std::string &password, const LoginOptions &options = {});
    [[nodiscard]] SessionOutcome replacePassword(const std::string &loginId, const std::string &oldPassword, const std::string &newPassword);
    [[nodiscard]] Status updatePassword(const std::string &loginId, const std::string &newPassword, const std::string &refreshJwt);
    [[nodiscard]] Result<PasswordResetSent> sendPasswordReset(const std::string &loginId, const std::string &redirectUrl = {});
    [[nodiscard]] Result<PasswordPolicy> passwordPolicy();

    [[nodiscard]] Result<WebAuthnStarted> startWebAuthn(const WebAuthnStart &start);
    [[nodiscard]] SessionOutcome finishWebAuthn(WebAuthnFinishKind kind, const std::string &transactionId, const std::string &response);
    [[nodiscard]] Result<std::optional<SessionOutcome>> finishWebAuthnUpdate(const std::string &transactionId, const std::string &response);

    [[nodiscard]] SessionOutcome refresh(const std::string &refreshJwt);
    [[nodiscard]] Result<DescopeUser> me(const std::string &refreshJwt);
    [[nodiscard]] Status logout(const std::string &refreshJwt, LogoutScope scope);
    [[nodiscard]] SessionOutcome validateSession(const std::string &sessionJwt, const AuthorizationRequirements &requirements = {});

    [[nodiscard]] SessionOutcome exchangeAccessKey(const std::string &accessKey, const AccessKeyOptions &options = {});
    [[nodiscard]] Result<SsoStarted> startSso(const SsoStart &start);
    [[nodiscard]] SessionOutcome exchangeSso(const std::string &code, SsoRoute route = SsoRoute::Saml);
    [[nodiscard]] Result<BearerCallAnswer> callWithSession(const QUrl &url, const QByteArray &method, const std::string &sessionJwt);
    [[nodiscard]] Result<crypto::JsonWebKeySet> fetchKeys();

private:
    // Runs `start(callback)` and waits for the callback.
    template <typename T, typename Start>
    T wait(Start start);

    DescopeClient m_client;
    net::RequestHandle m_current;
};

} // namespace oidc::descope
