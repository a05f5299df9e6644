#include "DescopeDemoReplay.h"

#include "oidc/crypto/Base32.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Random.h"
#include "oidc/descope/BlockingDescopeClient.h"
#include "oidc/jwt/Jwt.h"
#include "oidc/net/BlockingSend.h"
#include "oidc/net/QtHttpTransport.h"
#include "oidc/otp/Totp.h"
#include "oidc/webauthn/Origin.h"
#include "oidc/webauthn/SoftwareAuthenticator.h"

#include <QObject>
#include <QUrlQuery>

#include <algorithm>
#include <array>
#include <functional>
#include <map>

namespace oidc::recording {

namespace {

using namespace oidc::descope;

// The actions run() drives, in the order a demo meets them.
constexpr std::array<std::string_view, 20> kReplayable = {
    action::kOtpStart,          action::kOtpVerify,       action::kMagicLinkStart, action::kMagicLinkVerify,   action::kEnchantedLinkStart,
    action::kEnchantedLinkVerify, action::kEnchantedLinkPoll, action::kTotpSignUp,   action::kTotpVerify,        action::kPasswordSignUp,
    action::kPasswordSignIn,    action::kPasswordPolicy,  action::kWebAuthnStart,  action::kWebAuthnFinish,    action::kSessionRefresh,
    action::kSessionMe,         action::kSessionLogout,   action::kSessionValidate, action::kAccessKeyExchange, action::kBearerCall,
};

bool isReplayable(std::string_view key)
{
    return key == action::kFetchKeys || std::find(kReplayable.begin(), kReplayable.end(), key) != kReplayable.end();
}

std::string text(const Json &parameters, const char *name)
{
    const auto it = parameters.find(name);
    return it != parameters.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool flag(const Json &parameters, const char *name)
{
    const auto it = parameters.find(name);
    return it != parameters.end() && it->is_boolean() && it->get<bool>();
}

std::vector<std::string> list(const Json &parameters, const char *name)
{
    std::vector<std::string> items;
    const auto it = parameters.find(name);
    if (it != parameters.end() && it->is_array())
        for (const Json &item : *it)
            if (item.is_string())
                items.push_back(item.get<std::string>());
    return items;
}

Error unsupported(size_t index, const RecordedStep &step, const std::string &why)
{
    return makeError(ErrorCategory::Input, "REPLAY_UNSUPPORTED",
                     "step " + std::to_string(index + 1) + " (" + step.title + ") cannot be replayed: " + why
                         + ". A Descope demo replays against the sandbox with these actions: " + DescopeDemoReplay::replayableActions());
}

LoginOperation loginOperation(const std::string &word)
{
    if (word == "signup")
        return LoginOperation::SignUp;
    if (word == "signup-in")
        return LoginOperation::SignUpOrIn;
    return LoginOperation::SignIn;
}

WebAuthnStartKind webAuthnStartKind(const std::string &word)
{
    if (word == "signup")
        return WebAuthnStartKind::SignUp;
    if (word == "signup-in")
        return WebAuthnStartKind::SignUpOrIn;
    if (word == "update")
        return WebAuthnStartKind::Update;
    return WebAuthnStartKind::SignIn;
}

} // namespace

// One run's state: what the steps before gave the steps after.
struct DescopeDemoReplay::Run final {
    Run(const QUrl &base, int timeout) : baseUrl(base), timeoutMs(timeout) {}

    QUrl baseUrl;
    int timeoutMs;
    net::QtHttpTransport sandboxTransport; // the Inbox and info: not the demo's exchanges
    quint64 inboxMark = 0;                 // the newest message before the last start
    std::string lastLinkLoginId;           // the magic link's / enchanted link's login ID
    std::optional<EnchantedLinkStarted> enchanted;
    bool enchantedClicked = false;
    std::map<std::string, std::string> totpKeys;  // login ID → the replay's own enrolment key (bytes)
    std::map<std::string, std::string> passwords; // login ID → the replay's own random password
    webauthn::SoftwareAuthenticator authenticator;
    std::optional<WebAuthnStarted> ceremony;
    Result<std::string> ceremonyResponse = makeError(ErrorCategory::Sandbox, "REPLAY_NO_CEREMONY", "no passkey ceremony ran");
    std::string lastSessionJwt; // of the newest session outcome (an access key's too): the API call's bearer

    Result<Json> sandboxGet(const QString &path, const QUrlQuery &query = {})
    {
        net::HttpRequest request;
        request.url = baseUrl.resolved(QUrl(path));
        request.url.setQuery(query);
        request.timeoutMs = std::min(timeoutMs, 10000);
        auto response = net::sendAndWait(sandboxTransport, std::move(request));
        if (!response)
            return response.error();
        if (response->status != 200)
            return makeError(ErrorCategory::Sandbox, "REPLAY_SANDBOX", "the sandbox answered " + path.toStdString() + " with HTTP "
                             + std::to_string(response->status));
        return parseJsonObject(response->bodyView());
    }

    // The newest Inbox message's id (0 when empty or unreadable).
    quint64 newestMessageId()
    {
        auto inbox = sandboxGet(QStringLiteral("/sandbox/inbox"));
        if (!inbox || !(*inbox)["messages"].is_array() || (*inbox)["messages"].empty())
            return 0;
        return (*inbox)["messages"][0].value("id", quint64(0));
    }

    // The newest message of `kind` for `loginId` that came after the last start.
    std::optional<Json> message(const std::string &kind, const std::string &loginId)
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("loginId"), QString::fromStdString(loginId));
        auto inbox = sandboxGet(QStringLiteral("/sandbox/inbox"), query);
        if (!inbox || !(*inbox)["messages"].is_array())
            return std::nullopt;
        for (const Json &message : (*inbox)["messages"])
            if (message.value("kind", std::string()) == kind && message.value("id", quint64(0)) > inboxMark)
                return message;
        return std::nullopt;
    }

    // The link of a message: the one numbered `number` (an enchanted link's), else the first.
    static std::string linkOf(const Json &message, const std::string &number = {})
    {
        const Json links = message.value("links", Json::array());
        for (const Json &link : links)
            if (number.empty() || link.value("number", std::string()) == number)
                return link.value("url", std::string());
        return {};
    }
    // An enchanted link's message: a link of another number than `number` (a wrong click).
    static std::string otherLinkOf(const Json &message, const std::string &number)
    {
        const Json links = message.value("links", Json::array());
        for (const Json &link : links)
            if (link.contains("number") && link.value("number", std::string()) != number)
                return link.value("url", std::string());
        return {};
    }
};

std::string DescopeDemoReplay::replayableActions()
{
    std::string names;
    for (const std::string_view key : kReplayable)
        names += (names.empty() ? "" : ", ") + std::string(key);
    return names;
}

Status DescopeDemoReplay::checkReplayable(const Recording &recording)
{
    if (recording.kind != kKindDescopeDemo)
        return makeError(ErrorCategory::Input, "REPLAY_UNSUPPORTED", "the recording is not a Descope demo (kind \"" + recording.kind + "\")");
    if (recording.steps.empty())
        return makeError(ErrorCategory::Input, "REPLAY_UNSUPPORTED", "the recording has no steps to replay");
    std::vector<std::string> totpEnrolled;
    std::vector<std::string> passwordsSet;
    bool passkeyRegistered = false;
    for (size_t i = 0; i < recording.steps.size(); ++i) {
        const RecordedStep &step = recording.steps[i];
        const Json &p = step.parameters;
        const std::string loginId = text(p, "loginId");
        if (step.step == "descope")
            return unsupported(i, step, "it was recorded by an older version, from its HTTP exchange only (record the demo again)");
        if (!isReplayable(step.step))
            return unsupported(i, step, "\"" + step.step + "\" needs a browser or a secret the recording does not keep");
        if (step.step == action::kTotpSignUp)
            totpEnrolled.push_back(loginId);
        if (step.step == action::kTotpVerify && std::find(totpEnrolled.begin(), totpEnrolled.end(), loginId) == totpEnrolled.end())
            return unsupported(i, step, "a TOTP code needs the key, which only the replay's own TOTP sign-up of " + loginId
                                            + " earlier in the recording gives");
        if (step.step == action::kPasswordSignUp)
            passwordsSet.push_back(loginId);
        if (step.step == action::kPasswordSignIn && std::find(passwordsSet.begin(), passwordsSet.end(), loginId) == passwordsSet.end())
            return unsupported(i, step, "the password is not recorded; only a password sign-up of " + loginId
                                            + " earlier in the recording lets the replay sign in with its own");
        if (step.step == action::kWebAuthnStart) {
            const std::string kind = text(p, "kind");
            if (kind == "signup" || kind == "signup-in")
                passkeyRegistered = true;
            else if (kind == "signin" && !passkeyRegistered)
                return unsupported(i, step, "a passkey sign-in needs the replay's own passkey sign-up earlier in the recording "
                                            "(the software authenticator's key is not recorded)");
        }
        if (step.step == action::kAccessKeyExchange && text(p, "keyId").empty())
            return unsupported(i, step, "the exchange failed when recorded, so the recording names no access key to use");
    }
    return {};
}

DescopeDemoReplay::DescopeDemoReplay(QUrl sandboxBaseUrl, QString projectId)
    : m_baseUrl(std::move(sandboxBaseUrl))
    , m_projectId(std::move(projectId))
{
}

DescopeDemoReplay::~DescopeDemoReplay() = default;

void DescopeDemoReplay::cancel()
{
    m_cancelled = true;
    const std::lock_guard lock(m_mutex);
    if (m_canceller && m_client) {
        BlockingDescopeClient *client = m_client;
        QMetaObject::invokeMethod(m_canceller, [client] { client->cancel(); }, Qt::QueuedConnection);
    }
}

Status DescopeDemoReplay::run(const Recording &recording, Recorder &replayed, int timeoutMs)
{
    if (auto replayable = checkReplayable(recording); !replayable)
        return replayable;
    auto project = DescopeProject::create(m_projectId, m_baseUrl);
    if (!project)
        return project.error();
    net::QtHttpTransport transport;
    BlockingDescopeClient blocking(transport, std::move(project).value());
    BlockingDescopeClient helper(transport, blocking.client().project()); // clicks a link: a person's act, not a step
    QObject canceller;
    {
        const std::lock_guard lock(m_mutex);
        m_canceller = &canceller;
        m_client = &blocking;
    }
    std::string area;
    QObject::connect(&blocking.client(), &DescopeClient::actionReported, &canceller,
                     [&](const DescopeActionReport &report) { replayed.addStep(recordedDescopeStep(report, area)); });
    Run run(m_baseUrl, timeoutMs);
    DescopeClient &client = blocking.client();

    // A step that cannot run: failed, with what was missing.
    const auto missing = [&](const RecordedStep &step, const std::string &code, const std::string &why) {
        RecordedStep failed;
        failed.step = step.step;
        failed.area = area;
        failed.title = step.title;
        failed.summary = why;
        failed.errorCategory = std::string(categoryName(ErrorCategory::Sandbox));
        failed.errorCode = code;
        failed.parameters = step.parameters;
        replayed.addStep(std::move(failed));
    };
    const auto keptRefreshJwt = [&]() { return client.session() ? client.session()->refreshJwt : std::string(); };
    const auto keepSession = [&](const SessionOutcome &outcome) {
        if (outcome.ok())
            run.lastSessionJwt = outcome.result->sessionJwt;
    };
    const auto passwordlessStart = [&](const Json &p) {
        PasswordlessStart start;
        start.operation = loginOperation(text(p, "operation"));
        start.loginId = text(p, "loginId");
        start.redirectUrl = text(p, "uri");
        if (flag(p, "stepUp")) {
            start.loginOptions.stepup = true;
            start.loginOptions.refreshJwt = keptRefreshJwt();
        }
        return start;
    };
    const auto method = [&](const Json &p) {
        auto parsed = parseDeliveryMethod(text(p, "method").empty() ? "email" : text(p, "method"));
        return parsed ? *parsed : DeliveryMethod::Email;
    };
    PollSettings pollSettings;
    pollSettings.timeoutMs = std::clamp(timeoutMs, kMinPollIntervalMs, kMaxPollTimeoutMs);

    for (const RecordedStep &step : recording.steps) {
        if (m_cancelled)
            break;
        area = step.area;
        const Json &p = step.parameters;
        const std::string &key = step.step;
        if (key == action::kOtpStart || key == action::kMagicLinkStart || key == action::kEnchantedLinkStart) {
            run.inboxMark = run.newestMessageId();
            const PasswordlessStart start = passwordlessStart(p);
            run.lastLinkLoginId = start.loginId;
            if (key == action::kOtpStart) {
                (void)blocking.startOtp(method(p), start);
            } else if (key == action::kMagicLinkStart) {
                (void)blocking.startMagicLink(method(p), start);
            } else {
                auto started = blocking.startEnchantedLink(start);
                run.enchanted = started ? std::optional(*started) : std::nullopt;
                run.enchantedClicked = false;
            }
        } else if (key == action::kOtpVerify) {
            const auto message = run.message("otp", text(p, "loginId"));
            if (!message || message->value("code", std::string()).empty())
                missing(step, "REPLAY_NO_MESSAGE", "no OTP code arrived in the sandbox's Inbox for " + text(p, "loginId"));
            else
                keepSession(blocking.verifyOtp(method(p), text(p, "loginId"), (*message)["code"].get<std::string>()));
        } else if (key == action::kMagicLinkVerify) {
            const auto message = run.message("magic-link", run.lastLinkLoginId);
            auto token = message ? linkToken(Run::linkOf(*message)) : Result<std::string>(makeError(ErrorCategory::Sandbox, "REPLAY_NO_MESSAGE", ""));
            if (!token)
                missing(step, "REPLAY_NO_MESSAGE", "no magic link arrived in the sandbox's Inbox for " + run.lastLinkLoginId);
            else
                keepSession(blocking.verifyMagicLink(*token));
        } else if (key == action::kEnchantedLinkVerify || key == action::kEnchantedLinkPoll) {
            if (!run.enchanted) {
                missing(step, "REPLAY_NO_MESSAGE", "no enchanted link was started");
                continue;
            }
            // Which link the person opened. The email lists three numbered links in a random order
            // (descope-api.md §5): only the one numbered as the start answered (linkId) signs in, so
            // the link is found by its number, never by its place. A recorded verify that failed was
            // a link of another number (refused, the sign-in still pending): the replay opens one too.
            // A poll with no verify of the app's before it was answered after the person opened the
            // right link elsewhere (a browser, another device) — unless it ended without an answer
            // (POLL: the deadline, a cancel), when nobody opened it.
            const bool rightLink = key == action::kEnchantedLinkVerify ? step.ok : step.ok || step.errorCategory != categoryName(ErrorCategory::Poll);
            const bool click = key == action::kEnchantedLinkVerify || (!run.enchantedClicked && rightLink);
            if (click) {
                const auto message = run.message("enchanted-link", run.lastLinkLoginId);
                const std::string url = !message ? std::string()
                                        : rightLink ? Run::linkOf(*message, run.enchanted->linkId)
                                                    : Run::otherLinkOf(*message, run.enchanted->linkId);
                auto token = url.empty() ? Result<std::string>(makeError(ErrorCategory::Sandbox, "REPLAY_NO_MESSAGE", "")) : linkToken(url);
                if (!token) {
                    missing(step, "REPLAY_NO_MESSAGE",
                            std::string(rightLink ? "no enchanted link numbered " : "no enchanted link of another number than ") + run.enchanted->linkId
                                + " arrived for " + run.lastLinkLoginId);
                    continue;
                }
                // The recording's own click is its step; otherwise the person's click before the poll answers.
                (void)(key == action::kEnchantedLinkVerify ? blocking.verifyEnchantedLink(*token) : helper.verifyEnchantedLink(*token));
                run.enchantedClicked = run.enchantedClicked || rightLink;
            }
            if (key == action::kEnchantedLinkPoll)
                keepSession(blocking.pollEnchantedLink(run.enchanted->pendingRef, pollSettings).session);
        } else if (key == action::kTotpSignUp) {
            auto enrolled = blocking.signUpTotp(text(p, "loginId"));
            if (enrolled)
                if (auto secret = crypto::base32Decode(enrolled->key))
                    run.totpKeys[text(p, "loginId")] = *secret;
        } else if (key == action::kTotpVerify) {
            LoginOptions options;
            options.stepup = flag(p, "stepUp");
            options.refreshJwt = options.stepup ? keptRefreshJwt() : std::string();
            const auto code = otp::totp(run.totpKeys[text(p, "loginId")], jwt::unixNow());
            keepSession(blocking.verifyTotp(text(p, "loginId"), code ? *code : std::string(), options));
        } else if (key == action::kPasswordSignUp) {
            // Random, and meeting any policy: lower, upper, digit and symbol added to 24 random characters.
            auto random = crypto::randomBytes(18);
            const std::string password = (random ? crypto::base64UrlEncode(*random) : std::string("replay-password")) + "aA1!";
            run.passwords[text(p, "loginId")] = password;
            keepSession(blocking.signUpPassword(text(p, "loginId"), password));
        } else if (key == action::kPasswordSignIn) {
            LoginOptions options;
            options.stepup = flag(p, "stepUp");
            options.refreshJwt = options.stepup ? keptRefreshJwt() : std::string();
            keepSession(blocking.signInPassword(text(p, "loginId"), run.passwords[text(p, "loginId")], options));
        } else if (key == action::kPasswordPolicy) {
            (void)blocking.passwordPolicy();
        } else if (key == action::kWebAuthnStart) {
            WebAuthnStart start;
            start.kind = webAuthnStartKind(text(p, "kind"));
            start.loginId = text(p, "loginId");
            start.origin = text(p, "origin");
            start.mfa = flag(p, "mfa");
            if (flag(p, "stepUp")) {
                start.loginOptions.stepup = true;
                start.loginOptions.refreshJwt = keptRefreshJwt();
            }
            if (start.kind == WebAuthnStartKind::Update)
                start.refreshJwt = keptRefreshJwt();
            auto started = blocking.startWebAuthn(start);
            run.ceremony = started ? std::optional(*started) : std::nullopt;
            if (started) {
                // The person's part: the authenticator answers the options at once, as PasskeyRun does.
                const std::string origin = start.origin.empty() ? webauthn::pageOriginFor(m_baseUrl, started->options) : start.origin;
                run.ceremonyResponse = started->create ? run.authenticator.createCredential(started->options, origin)
                                                       : run.authenticator.getAssertion(started->options, origin);
            }
        } else if (key == action::kWebAuthnFinish) {
            if (!run.ceremony || !run.ceremonyResponse) {
                missing(step, "REPLAY_NO_CEREMONY",
                        run.ceremony ? "the software authenticator refused: " + run.ceremonyResponse.error().summary() : "no passkey ceremony was started");
                continue;
            }
            const std::string kind = text(p, "kind");
            if (kind == "update") {
                auto updated = blocking.finishWebAuthnUpdate(run.ceremony->transactionId, *run.ceremonyResponse);
                if (updated && *updated)
                    keepSession(**updated);
            } else {
                keepSession(blocking.finishWebAuthn(kind == "signup" ? WebAuthnFinishKind::SignUp : WebAuthnFinishKind::SignIn,
                                                    run.ceremony->transactionId, *run.ceremonyResponse));
            }
            run.ceremony.reset();
        } else if (key == action::kSessionRefresh || key == action::kSessionMe || key == action::kSessionLogout) {
            const std::string refreshJwt = keptRefreshJwt();
            if (refreshJwt.empty()) {
                missing(step, "REPLAY_NO_SESSION", "no session to use: the sign-in before did not give one");
                continue;
            }
            if (key == action::kSessionRefresh)
                keepSession(blocking.refresh(refreshJwt));
            else if (key == action::kSessionMe)
                (void)blocking.me(refreshJwt);
            else
                (void)blocking.logout(refreshJwt, text(p, "scope") == "all" ? LogoutScope::AllSessions : LogoutScope::ThisSession);
        } else if (key == action::kSessionValidate) {
            if (!client.session()) {
                missing(step, "REPLAY_NO_SESSION", "no session JWT to validate: the sign-in before did not give one");
                continue;
            }
            const AuthorizationRequirements requirements{list(p, "roles"), list(p, "permissions"), text(p, "tenant")};
            (void)blocking.validateSession(client.session()->sessionJwt, requirements);
        } else if (key == action::kAccessKeyExchange) {
            std::string secret;
            if (auto info = run.sandboxGet(QStringLiteral("/sandbox/info")); info && (*info)["accessKeys"].is_array())
                for (const Json &accessKey : (*info)["accessKeys"])
                    if (accessKey.value("id", std::string()) == text(p, "keyId"))
                        secret = accessKey.value("accessKey", std::string());
            if (secret.empty()) {
                missing(step, "REPLAY_NO_ACCESS_KEY", "the sandbox has no access key " + text(p, "keyId"));
                continue;
            }
            AccessKeyOptions options;
            if (p.contains("customClaims") && p["customClaims"].is_object())
                options.customClaims = p["customClaims"];
            options.selectedTenant = text(p, "selectedTenant");
            keepSession(blocking.exchangeAccessKey(secret, options));
        } else if (key == action::kBearerCall) {
            if (run.lastSessionJwt.empty()) {
                missing(step, "REPLAY_NO_SESSION", "no session JWT to call the API with");
                continue;
            }
            QUrl url = m_baseUrl;
            url.setPath(QString::fromStdString(text(p, "path")));
            (void)blocking.callWithSession(url, QByteArray::fromStdString(text(p, "method").empty() ? "GET" : text(p, "method")), run.lastSessionJwt);
        } else if (key == action::kFetchKeys) {
            (void)blocking.fetchKeys();
        }
    }
    {
        const std::lock_guard lock(m_mutex);
        m_canceller = nullptr;
        m_client = nullptr;
    }
    replayed.finish(outcomeOfSteps(replayed.recording().steps));
    return {};
}

} // namespace oidc::recording
