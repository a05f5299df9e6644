#include "BlockingDescopeClient.h"

#include "oidc/descope/BlockingWait.h"

namespace oidc::descope {

BlockingDescopeClient::BlockingDescopeClient(net::HttpTransport &transport, DescopeProject project) : m_client(transport, std::move(project)) {}

template <typename T, typename Start>
T BlockingDescopeClient::wait(Start start)
{
    return waitForCallback<T>(m_current, std::move(start));
}

Result<EnchantedLinkStarted> BlockingDescopeClient::startEnchantedLink(const PasswordlessStart &start)
{
    return wait<Result<EnchantedLinkStarted>>([&](auto done) { return m_client.startEnchantedLink(start, done); });
}

PolledSession BlockingDescopeClient::pollEnchantedLink(const std::string &pendingRef, PollSettings settings, Poller::Observer onPoll)
{
    return wait<PolledSession>([&](auto done) { return m_client.pollEnchantedLink(pendingRef, std::move(settings), std::move(onPoll), done); });
}

Status BlockingDescopeClient::verifyEnchantedLink(const std::string &token)
{
    return wait<Status>([&](auto done) { return m_client.verifyEnchantedLink(token, done); });
}

Result<MaskedAddress> BlockingDescopeClient::startMagicLink(DeliveryMethod method, const PasswordlessStart &start)
{
    return wait<Result<MaskedAddress>>([&](auto done) { return m_client.startMagicLink(method, start, done); });
}

SessionOutcome BlockingDescopeClient::verifyMagicLink(const std::string &token)
{
    return wait<SessionOutcome>([&](auto done) { return m_client.verifyMagicLink(token, done); });
}

Result<MaskedAddress> BlockingDescopeClient::startOtp(DeliveryMethod method, const PasswordlessStart &start)
{
    return wait<Result<MaskedAddress>>([&](auto done) { return m_client.startOtp(method, start, done); });
}

SessionOutcome BlockingDescopeClient::verifyOtp(DeliveryMethod method, const std::string &loginId, const std::string &code)
{
    return wait<SessionOutcome>([&](auto done) { return m_client.verifyOtp(method, loginId, code, done); });
}

Result<TotpEnrollment> BlockingDescopeClient::signUpTotp(const std::string &loginId, const SignUpUser &user)
{
    return wait<Result<TotpEnrollment>>([&](auto done) { return m_client.signUpTotp(loginId, user, done); });
}

SessionOutcome BlockingDescopeClient::verifyTotp(const std::string &loginId, const std::string &code, const LoginOptions &options)
{
    return wait<SessionOutcome>([&](auto done) { return m_client.verifyTotp(loginId, code, options, done); });
}

Result<OAuthStarted> BlockingDescopeClient::startOAuth(const OAuthStart &start)
{
    return wait<Result<OAuthStarted>>([&](auto done) { return m_client.startOAuth(start, done); });
}

SessionOutcome BlockingDescopeClient::exchangeOAuth(const std::string &code)
{
    return wait<SessionOutcome>([&](auto done) { return m_client.exchangeOAuth(code, done); });
}

SessionOutcome BlockingDescopeClient::signUpPassword(const std::string &loginId, const std::string &password, const SignUpUser &user,
                                                     const LoginOptions &options)
{
    return wait<SessionOutcome>([&](auto done) { return m_client.signUpPassword(loginId, password, user, options, done); });
}

SessionOutcome BlockingDescopeClient::signInPassword(const std::string &loginId, const std::string &password, const LoginOptions &options)
{
    return wait<SessionOutcome>([&](auto done) { return m_client.signInPassword(loginId, password, options, done); });
}

SessionOutcome BlockingDescopeClient::replacePassword(const std::string &loginId, const std::string &oldPassword, const std::string &newPassword)
{
    return wait<SessionOutcome>([&](auto done) { return m_client.replacePassword(loginId, oldPassword, newPassword, done); });
}

Status BlockingDescopeClient::updatePassword(const std::string &loginId, const std::string &newPassword, const std::string &refreshJwt)
{
    return wait<Status>([&](auto done) { return m_client.updatePassword(loginId, newPassword, refreshJwt, done); });
}

Result<PasswordResetSent> BlockingDescopeClient::sendPasswordReset(const std::string &loginId, const std::string &redirectUrl)
{
    return wait<Result<PasswordResetSent>>([&](auto done) { return m_client.sendPasswordReset(loginId, redirectUrl, done); });
}

Result<PasswordPolicy> BlockingDescopeClient::passwordPolicy()
{
    return wait<Result<PasswordPolicy>>([&](auto done) { return m_client.passwordPolicy(done); });
}

Result<WebAuthnStarted> BlockingDescopeClient::startWebAuthn(const WebAuthnStart &start)
{
    return wait<Result<WebAuthnStarted>>([&](auto done) { return m_client.startWebAuthn(start, done); });
}

SessionOutcome BlockingDescopeClient::finishWebAuthn(WebAuthnFinishKind kind, const std::string &transactionId, const std::string &response)
{
    return wait<SessionOutcome>([&](auto done) { return m_client.finishWebAuthn(kind, transactionId, response, done); });
}

Result<std::optional<SessionOutcome>> BlockingDescopeClient::finishWebAuthnUpdate(const std::string &transactionId, const std::string &response)
{
    return wait<Result<std::optional<SessionOutcome>>>([&](auto done) { return m_client.finishWebAuthnUpdate(transactionId, response, done); });
}

SessionOutcome BlockingDescopeClient::refresh(const std::string &refreshJwt)
{
    return wait<SessionOutcome>([&](auto done) { return m_client.refresh(refreshJwt, done); });
}

Result<DescopeUser> BlockingDescopeClient::me(const std::string &refreshJwt)
{
    return wait<Result<DescopeUser>>([&](auto done) { return m_client.me(refreshJwt, done); });
}

Status BlockingDescopeClient::logout(const std::string &refreshJwt, LogoutScope scope)
{
    return wait<Status>([&](auto done) { return m_client.logout(refreshJwt, scope, done); });
}

SessionOutcome BlockingDescopeClient::validateSession(const std::string &sessionJwt, const AuthorizationRequirements &requirements)
{
    return wait<SessionOutcome>([&](auto done) { return m_client.validateSession(sessionJwt, requirements, done); });
}

SessionOutcome BlockingDescopeClient::exchangeAccessKey(const std::string &accessKey, const AccessKeyOptions &options)
{
    return wait<SessionOutcome>([&](auto done) { return m_client.exchangeAccessKey(accessKey, options, done); });
}

Result<BearerCallAnswer> BlockingDescopeClient::callWithSession(const QUrl &url, const QByteArray &method, const std::string &sessionJwt)
{
    return wait<Result<BearerCallAnswer>>([&](auto done) { return m_client.callWithSession(url, method, sessionJwt, done); });
}

Result<crypto::JsonWebKeySet> BlockingDescopeClient::fetchKeys()
{
    return wait<Result<crypto::JsonWebKeySet>>([&](auto done) { return m_client.fetchKeys(done); });
}

Result<SsoStarted> BlockingDescopeClient::startSso(const SsoStart &start)
{
    return wait<Result<SsoStarted>>([&](auto done) { return m_client.startSso(start, done); });
}

SessionOutcome BlockingDescopeClient::exchangeSso(const std::string &code, SsoRoute route)
{
    return wait<SessionOutcome>([&](auto done) { return m_client.exchangeSso(code, route, done); });
}

} // namespace oidc::descope
