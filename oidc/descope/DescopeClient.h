#pragma once

// The Descope authentication client (descope-api.md), asynchronous, for the GUI: every operation
// is build → send → process over the injected transport (the exchange log sees each request,
// labelled "Descope …"), answers once through its callback on this object's thread, and returns a
// handle that cancels it at any stage. Nothing blocks the calling thread: requests go through the
// transport, session checks run off it (oidc/Async.h).
//
// Sign-ins end in a SessionOutcome: a session only when its session JWT passed every check
// (SessionValidator: the project's keys, fetched once and refetched once on an unknown kid behind
// a cooldown, iss, exp, drn…); otherwise the checks and the error say why, and the claims come
// back marked untrusted. A session from a sign-in or refresh becomes session() (sessionChanged());
// a failed one leaves the earlier session in place. Validating a pasted session JWT and exchanging
// an access key report a session without keeping it.
//
// Every operation that ends reports itself first (actionReported, DescopeActionReport.h): what was
// asked without its secrets, how it ended, the session checks. Recordings and replays read those.
//
// BlockingDescopeClient is the same client for the headless CLI.

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/descope/AccessKeyApi.h"
#include "oidc/descope/BearerCall.h"
#include "oidc/descope/DescopeActionReport.h"
#include "oidc/descope/DescopeSession.h"
#include "oidc/descope/EnchantedLinkApi.h"
#include "oidc/descope/OAuthApi.h"
#include "oidc/descope/PasswordApi.h"
#include "oidc/descope/Poller.h"
#include "oidc/descope/SessionApi.h"
#include "oidc/descope/SsoApi.h"
#include "oidc/descope/TotpApi.h"
#include "oidc/descope/WebAuthnApi.h"
#include "oidc/flow/IdTokenRules.h"
#include "oidc/net/HttpTransport.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace oidc::descope {

template <typename T>
class DescopeOperation;

// The end of an enchanted-link poll: the session (or why not) and every poll, also on failure.
struct PolledSession final {
    SessionOutcome session;
    std::vector<PollRecord> polls;
    std::vector<std::string> warnings; // the interval or timeout changed to fit the limits
};

class DescopeClient final : public QObject {
    Q_OBJECT
public:
    template <typename T>
    using Callback = std::function<void(Result<T>)>;
    using StatusCallback = std::function<void(Status)>;
    using SessionCallback = std::function<void(SessionOutcome)>;
    using PollCallback = std::function<void(PolledSession)>;
    using UpdateCallback = std::function<void(Result<std::optional<SessionOutcome>>)>;

    DescopeClient(net::HttpTransport &transport, DescopeProject project, QObject *parent = nullptr);
    ~DescopeClient() override;

    [[nodiscard]] const DescopeProject &project() const { return m_project; }
    void setCheckOptions(SessionCheckOptions options) { m_checkOptions = std::move(options); }
    [[nodiscard]] const SessionCheckOptions &checkOptions() const { return m_checkOptions; }

    // Enchanted link (§5): start; poll the pending session (the Poller's rules; `onPoll` sees each
    // poll as it is decided); what the link's page does (verify).
    net::RequestHandle startEnchantedLink(const PasswordlessStart &start, Callback<EnchantedLinkStarted> done);
    net::RequestHandle pollEnchantedLink(const std::string &pendingRef, PollSettings settings, Poller::Observer onPoll, PollCallback done);
    net::RequestHandle verifyEnchantedLink(const std::string &token, StatusCallback done);

    // Magic link (§6) and OTP (§7).
    net::RequestHandle startMagicLink(DeliveryMethod method, const PasswordlessStart &start, Callback<MaskedAddress> done);
    net::RequestHandle verifyMagicLink(const std::string &token, SessionCallback done);
    net::RequestHandle startOtp(DeliveryMethod method, const PasswordlessStart &start, Callback<MaskedAddress> done);
    net::RequestHandle verifyOtp(DeliveryMethod method, const std::string &loginId, const std::string &code, SessionCallback done);

    // TOTP (§8).
    net::RequestHandle signUpTotp(const std::string &loginId, const SignUpUser &user, Callback<TotpEnrollment> done);
    net::RequestHandle verifyTotp(const std::string &loginId, const std::string &code, const LoginOptions &options, SessionCallback done);

    // Social login: start answers the provider page's URL; the browser's redirect brings the code
    // (oauthCodeFromRedirect), which exchange turns into the session once.
    net::RequestHandle startOAuth(const OAuthStart &start, Callback<OAuthStarted> done);
    net::RequestHandle exchangeOAuth(const std::string &code, SessionCallback done);

    // Passwords: sign-up, sign-in and replace sign in; update needs the refresh JWT; reset sends
    // a link; the policy says what a new password needs.
    net::RequestHandle signUpPassword(const std::string &loginId, const std::string &password, const SignUpUser &user,
                                      const LoginOptions &options, SessionCallback done);
    net::RequestHandle signInPassword(const std::string &loginId, const std::string &password, const LoginOptions &options,
                                      SessionCallback done);
    net::RequestHandle replacePassword(const std::string &loginId, const std::string &oldPassword, const std::string &newPassword,
                                       SessionCallback done);
    net::RequestHandle updatePassword(const std::string &loginId, const std::string &newPassword, const std::string &refreshJwt,
                                      StatusCallback done);
    net::RequestHandle sendPasswordReset(const std::string &loginId, const std::string &redirectUrl, Callback<PasswordResetSent> done);
    net::RequestHandle passwordPolicy(Callback<PasswordPolicy> done);

    // Passkeys (§9): the options and the response are the authenticator's JSON texts. The update
    // finish answers no session (nullopt) unless its start asked for MFA.
    net::RequestHandle startWebAuthn(const WebAuthnStart &start, Callback<WebAuthnStarted> done);
    net::RequestHandle finishWebAuthn(WebAuthnFinishKind kind, const std::string &transactionId, const std::string &response,
                                      SessionCallback done);
    net::RequestHandle finishWebAuthnUpdate(const std::string &transactionId, const std::string &response, UpdateCallback done);

    // Session (§4): refresh keeps the old refresh JWT when the answer brings none (not rotated).
    // Logging out the kept session's refresh JWT clears session().
    net::RequestHandle refresh(const std::string &refreshJwt, SessionCallback done);
    net::RequestHandle me(const std::string &refreshJwt, Callback<DescopeUser> done);
    net::RequestHandle logout(const std::string &refreshJwt, LogoutScope scope, StatusCallback done);
    // Local validation (§2.4) of a session JWT, with the roles / permissions / tenant asked for.
    net::RequestHandle validateSession(const std::string &sessionJwt, const AuthorizationRequirements &requirements, SessionCallback done);

    // Access key (§10): the session of the key (userId = its ID), not kept.
    net::RequestHandle exchangeAccessKey(const std::string &accessKey, const AccessKeyOptions &options, SessionCallback done);
    // Tenant SSO (issue 15): the start answers the IdP's URL; the exchange of the code the IdP
    // sent back is a sign-in (the session is kept).
    net::RequestHandle startSso(const SsoStart &start, Callback<SsoStarted> done);
    net::RequestHandle exchangeSso(const std::string &code, SsoRoute route, SessionCallback done);
    // An API call with a session JWT; its status is data.
    net::RequestHandle callWithSession(const QUrl &url, const QByteArray &method, const std::string &sessionJwt,
                                       Callback<BearerCallAnswer> done);

    // The project's keys (fetched on first need, then cached).
    net::RequestHandle fetchKeys(Callback<crypto::JsonWebKeySet> done);
    [[nodiscard]] const std::optional<crypto::JsonWebKeySet> &keys() const { return m_keys; }

    [[nodiscard]] const std::optional<DescopeSession> &session() const { return m_session; }
    void clearSession();

Q_SIGNALS:
    void sessionChanged();
    // An operation ended (emitted just before its callback runs, also for a cancel or a refusal).
    void actionReported(const oidc::descope::DescopeActionReport &report);

private:
    friend class PollerTestHook; // the test-only minimum polling interval

    enum class Keep { Session, Nothing };
    struct Evaluation final {
        JwtResponse tokens;
        AuthorizationRequirements requirements;
        Keep keep = Keep::Session;
    };
    using SessionOperation = std::shared_ptr<DescopeOperation<SessionOutcome>>;

    // Transport failures of a Descope call are sorted (descopeTransportError); of any other call, kept.
    enum class Answers { Descope, Other };

    template <typename T>
    net::RequestHandle simpleCall(Result<net::HttpRequest> request, std::function<void(Result<T>)> done,
                                  std::function<Result<T>(const net::HttpResponse &)> process, Answers answers = Answers::Descope);
    template <typename T>
    void send(const std::shared_ptr<DescopeOperation<T>> &operation, net::HttpRequest request,
              std::function<void(const net::HttpResponse &)> then, Answers answers = Answers::Descope);
    net::RequestHandle sessionCall(Result<net::HttpRequest> request, SessionCallback done, Keep keep,
                                   std::function<Result<JwtResponse>(const net::HttpResponse &)> process);
    // Fetches the project's keys into keys(), then `then`; a failure (KEYS, NET) ends the operation.
    template <typename T>
    void loadKeys(const std::shared_ptr<DescopeOperation<T>> &operation, std::function<void()> then);
    // Checks the tokens off this thread (with one keys refetch on an unknown kid), then keeps the
    // session when asked and ends the operation.
    void evaluate(const SessionOperation &operation, Evaluation evaluation, bool mayRefetch);
    void evaluated(const SessionOperation &operation, Evaluation evaluation, bool mayRefetch, SessionOutcome outcome);
    void pollFinished(const SessionOperation &operation, PollOutcome polled);
    // `done`, reporting the operation first (actionReported); `amend` adds what only the result knows.
    template <typename R>
    std::function<void(R)> reporting(std::string_view action, Json parameters, std::function<void(R)> done,
                                     std::function<void(DescopeActionReport &, const R &)> amend = {});

    net::HttpTransport &m_transport;
    DescopeProject m_project;
    SessionCheckOptions m_checkOptions;
    std::optional<crypto::JsonWebKeySet> m_keys;
    flow::KeySetRefetchGate m_refetchGate;
    std::optional<DescopeSession> m_session;
    int m_minimumPollIntervalMs = kMinPollIntervalMs;
};

} // namespace oidc::descope
