// oidcplay-cli discover / login / token / userinfo / revoke / logout-url: the OIDC flow headless.

#include "BrowserRedirect.h"
#include "CliOutput.h"
#include "Commands.h"
#include "LoginHooks.h"
#include "SandboxAdmin.h"

#include "oidc/Redaction.h"
#include "oidc/flow/FlowSession.h"
#include "oidc/flow/ProfileJson.h"
#include "oidc/flow/RedirectWait.h"
#include "oidc/flow/UserInfo.h"
#include "oidc/jwt/Jwt.h"
#include "oidc/net/BlockingSend.h"
#include "oidc/net/ExchangeLog.h"
#include "oidc/net/QtHttpTransport.h"
#include "oidc/recording/RecordingJson.h"

#include <QEventLoop>
#include <QProcessEnvironment>
#include <QTimer>


namespace cli {

namespace {

using oidc::Error;
using oidc::ErrorCategory;
using oidc::Json;
using oidc::makeError;
using namespace oidc::flow;

// Options shared by the commands that talk to a provider.
struct ProviderOptions final {
    QCommandLineOption issuer{QStringLiteral("issuer"), QStringLiteral("The provider's issuer URL (discovery is used)."), QStringLiteral("URL")};
    QCommandLineOption clientId{QStringLiteral("client-id"), QStringLiteral("The client ID."), QStringLiteral("ID")};
    QCommandLineOption clientSecret{QStringLiteral("client-secret"),
                                    QStringLiteral("The client secret (or set OIDCPLAY_CLIENT_SECRET, or use --client-secret-file)."),
                                    QStringLiteral("S")};
    QCommandLineOption clientSecretFile{QStringLiteral("client-secret-file"), QStringLiteral("File holding the client secret."),
                                       QStringLiteral("FILE")};
    QCommandLineOption auth{QStringLiteral("auth"), QStringLiteral("Client authentication: none, basic or post."),
                            QStringLiteral("none|basic|post")};
    QCommandLineOption json{QStringLiteral("json"), QStringLiteral("Print one JSON object.")};
    QCommandLineOption showTokens{QStringLiteral("show-tokens"), QStringLiteral("Print tokens in full (they are redacted by default).")};
    QCommandLineOption timeout{QStringLiteral("timeout"), QStringLiteral("Overall time limit in seconds (default 300)."), QStringLiteral("SECONDS"),
                               QStringLiteral("300")};

    void addTo(QCommandLineParser &parser, bool withClient) const
    {
        parser.addOptions({issuer, json, showTokens, timeout});
        if (withClient)
            parser.addOptions({clientId, clientSecret, clientSecretFile, auth});
    }
};

// Runs the event loop until `finished` is set or the time limit passes.
class Waiter final {
public:
    explicit Waiter(int seconds)
    {
        m_timer.setSingleShot(true);
        QObject::connect(&m_timer, &QTimer::timeout, &m_loop, [this] {
            m_timedOut = true;
            m_loop.quit();
        });
        m_timer.start(seconds * 1000);
    }
    void done() { m_loop.quit(); }
    bool wait()
    {
        m_loop.exec();
        return !m_timedOut;
    }

private:
    QEventLoop m_loop;
    QTimer m_timer;
    bool m_timedOut = false;
};

struct CommandContext final {
    oidc::net::QtHttpTransport transport;
    FlowSession session{transport};
    bool json = false;
    bool showTokens = false;
    bool quiet = false;                                // no result on stdout (replay prints its report)
    oidc::recording::Recorder *recorder = nullptr;     // login --record, replay
    int timeoutSeconds = 300;
    Json steps = Json::array();

    // Every operation's reports, as they come: a line each on stderr, and the "steps" of the JSON.
    void show(const std::vector<StepReport> &reports)
    {
        if (recorder)
            recorder->addReports(reports);
        for (const StepReport &report : reports) {
            steps.push_back({{"step", flowStepName(report.step).toStdString()}, {"ok", report.ok}, {"summary", report.summary.toStdString()}});
            if (!json)
                printErr(std::string(report.ok ? "ok    " : "FAIL  ") + flowStepName(report.step).toStdString() + ": " + report.summary.toStdString());
        }
    }

    std::string token(const QString &value) const { return showTokens ? value.toStdString() : oidc::redactSecret(value.toStdString()); }
};

oidc::Result<ClientCredentials> clientFrom(const QCommandLineParser &parser, const ProviderOptions &options, ClientAuthMethod defaultMethod)
{
    ClientCredentials client;
    client.clientId = parser.value(options.clientId);
    if (client.clientId.isEmpty())
        return makeError(ErrorCategory::Input, "USAGE", "--client-id is required");
    if (parser.isSet(options.clientSecretFile)) {
        auto secret = readFileText(parser.value(options.clientSecretFile), 4096);
        if (!secret)
            return secret.error();
        client.clientSecret = QString::fromStdString(*secret).trimmed();
    } else if (parser.isSet(options.clientSecret)) {
        client.clientSecret = parser.value(options.clientSecret);
    } else {
        client.clientSecret = QProcessEnvironment::systemEnvironment().value(QStringLiteral("OIDCPLAY_CLIENT_SECRET"));
    }
    const QString auth = parser.value(options.auth);
    if (auth.isEmpty())
        client.method = client.clientSecret.isEmpty() ? ClientAuthMethod::None : defaultMethod;
    else if (auth == QLatin1String("none"))
        client.method = ClientAuthMethod::None;
    else if (auth == QLatin1String("basic"))
        client.method = ClientAuthMethod::ClientSecretBasic;
    else if (auth == QLatin1String("post"))
        client.method = ClientAuthMethod::ClientSecretPost;
    else
        return makeError(ErrorCategory::Input, "USAGE", "--auth must be none, basic or post", "none|basic|post", auth.toStdString());
    if (client.method != ClientAuthMethod::None && client.clientSecret.isEmpty())
        return makeError(ErrorCategory::Input, "USAGE", "--auth basic/post needs a client secret");
    return client;
}

// Discovery and, when asked, the JWKS; runs the loop until both are done.
oidc::Status discover(CommandContext &context, const QString &issuer, bool keys)
{
    if (issuer.isEmpty())
        return makeError(ErrorCategory::Input, "USAGE", "--issuer is required");
    ProviderSettings provider;
    provider.issuer = issuer;
    context.session.setProvider(provider);
    if (oidc::net::isLoopbackHost(QUrl(issuer).host()) && QUrl(issuer).scheme() == QLatin1String("http") && !context.json)
        printErr("warning: plain http issuer (allowed only because the host is loopback)");
    Waiter waiter(context.timeoutSeconds);
    std::optional<Error> failure;
    (void)context.session.discover([&](StepOutcome<ProviderMetadata> metadata) {
        context.show(metadata.reports);
        if (!metadata.result) {
            failure = metadata.result.error();
            waiter.done();
            return;
        }
        if (!keys) {
            waiter.done();
            return;
        }
        (void)context.session.fetchKeys([&](StepOutcome<oidc::crypto::JsonWebKeySet> set) {
            context.show(set.reports);
            if (!set.result)
                failure = set.result.error();
            waiter.done();
        });
    });
    if (!waiter.wait())
        return makeError(ErrorCategory::Net, "NET_TIMEOUT", "no answer within the time limit");
    if (failure)
        return *failure;
    return {};
}

int finish(CommandContext &context, Json out, const std::optional<Error> &error)
{
    if (context.recorder)
        context.recorder->finish(error);
    out["steps"] = context.steps;
    if (error) {
        out["ok"] = false;
        out["error"] = errorJson(*error);
    } else {
        out["ok"] = true;
    }
    if (context.quiet)
        ; // the caller reports
    else if (context.json)
        printJson(out);
    else if (!error)
        printOut(out.dump(2, ' ', false, Json::error_handler_t::replace));
    if (error) {
        printErr("error: " + error->summary());
        switch (error->category) {
        case ErrorCategory::Input: return kExitUsage;
        case ErrorCategory::Net:
        case ErrorCategory::Keys:
        case ErrorCategory::Discovery:
        case ErrorCategory::Listener: return kExitError;
        default: return kExitCheckFailed;
        }
    }
    return kExitOk;
}

Json tokensJson(const CommandContext &context, const TokenResponse &tokens)
{
    Json json = {{"token_type", tokens.tokenType.toStdString()}, {"access_token", context.token(tokens.accessToken)}};
    if (!tokens.idToken.isEmpty())
        json["id_token"] = context.token(tokens.idToken);
    if (!tokens.refreshToken.isEmpty())
        json["refresh_token"] = context.token(tokens.refreshToken);
    json["expires_in"] = tokens.expiresIn ? Json(*tokens.expiresIn) : Json(nullptr);
    if (!tokens.scope.isEmpty())
        json["scope"] = tokens.scope.toStdString();
    // An access token that is a JWT is decoded for reading (not verified: it is meant for the API).
    if (auto decoded = oidc::jwt::decodeJwt(tokens.accessToken.toStdString()))
        json["access_token_claims"] = decoded->claims();
    return json;
}

Json checksJson(const std::vector<oidc::jwt::ClaimCheck> &checks)
{
    Json list = Json::array();
    for (const auto &check : checks) {
        Json entry = {{"id", check.id}, {"ok", check.passed()},
                      {"outcome", check.outcome == oidc::jwt::CheckOutcome::Pass ? "pass" : check.outcome == oidc::jwt::CheckOutcome::Fail ? "fail" : "skip"},
                      {"detail", check.detail()}, {"rule", check.rule()}};
        if (!check.code.empty())
            entry["code"] = check.code;
        list.push_back(std::move(entry));
    }
    return list;
}

std::optional<int> setUp(QCommandLineParser &parser, const ProviderOptions &options, const QString &usage, const QStringList &arguments,
                         CommandContext &context)
{
    if (auto exit = parseOrExit(parser, usage, arguments))
        return exit;
    context.json = parser.isSet(options.json);
    context.showTokens = parser.isSet(options.showTokens);
    bool numeric = false;
    context.timeoutSeconds = parser.value(options.timeout).toInt(&numeric);
    if (!numeric || context.timeoutSeconds <= 0) {
        printErr("error: --timeout must be a positive number of seconds");
        return kExitUsage;
    }
    return std::nullopt;
}

} // namespace

int runDiscover(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fetches the provider's metadata (OpenID Connect Discovery, then the RFC 8414 location) and checks that its issuer\n"
        "is exactly ISSUER. http issuers are accepted on loopback hosts only."));
    ProviderOptions options;
    parser.addOptions({options.json, options.timeout, options.showTokens});
    parser.addPositionalArgument(QStringLiteral("issuer"), QStringLiteral("The issuer URL."), QStringLiteral("ISSUER"));
    CommandContext context;
    if (auto exit = setUp(parser, options, QStringLiteral("discover ISSUER [--json]"), arguments, context))
        return *exit;
    if (parser.positionalArguments().size() != 1) {
        printErr("error: give exactly one ISSUER");
        return kExitUsage;
    }
    const auto status = discover(context, parser.positionalArguments().first(), true);
    Json out = Json::object();
    if (const auto &metadata = context.session.metadata()) {
        out["issuer"] = metadata->issuer.toStdString();
        out["metadata"] = metadata->raw;
        out["insecure_endpoints"] = Json::array();
        for (const QString &name : insecureLoopbackEndpoints(*metadata))
            out["insecure_endpoints"].push_back(name.toStdString());
    }
    if (const auto &keys = context.session.keys()) {
        out["keys"] = Json::array();
        for (const auto &key : keys->keys)
            out["keys"].push_back(key.describe());
        out["skipped_keys"] = keys->skipped;
    }
    return finish(context, out, status ? std::nullopt : std::optional<Error>(status.error()));
}

int runLogin(const QStringList &arguments)
{
    return runLoginWith(arguments, {});
}

int runLoginWith(const QStringList &arguments, const LoginHooks &hooks)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Signs in with the authorization code flow + PKCE through the system browser and an RFC 8252 loopback listener\n"
        "(127.0.0.1 only): discovery, PKCE/state/nonce, the authorize URL, the callback checks (state, iss), the token\n"
        "exchange, every ID-token check and userinfo. After a failed check no further request is made."));
    ProviderOptions options;
    options.addTo(parser, true);
    const QCommandLineOption scope(QStringLiteral("scope"), QStringLiteral("Scopes (default \"openid profile email\")."), QStringLiteral("S"),
                                   QStringLiteral("openid profile email"));
    const QCommandLineOption prompt(QStringLiteral("prompt"), QStringLiteral("prompt: none, login, consent or select_account."), QStringLiteral("P"));
    const QCommandLineOption param(QStringLiteral("param"), QStringLiteral("Extra authorize parameter (repeatable)."), QStringLiteral("key=value"));
    const QCommandLineOption pkce(QStringLiteral("pkce"), QStringLiteral("S256 (default) or plain (insecure)."), QStringLiteral("S256|plain"),
                                  QStringLiteral("S256"));
    const QCommandLineOption port(QStringLiteral("redirect-port"), QStringLiteral("Listener port (default 0: any free port)."), QStringLiteral("N"),
                                  QStringLiteral("0"));
    const QCommandLineOption path(QStringLiteral("redirect-path"), QStringLiteral("Redirect path (default /callback)."), QStringLiteral("PATH"),
                                  QStringLiteral("/callback"));
    const QCommandLineOption noBrowser(QStringLiteral("no-browser"),
                                       QStringLiteral("Do not open a browser: print 'authorize_url: <URL>' on stderr and wait."));
    const QCommandLineOption record(QStringLiteral("record"),
                                    QStringLiteral("Record the run to FILE (JSON: settings, steps, checks, exchanges redacted, the login ID and the\n"
                                                   "sandbox's faults; never a token): `oidcplay-cli replay FILE` runs it again."),
                                    QStringLiteral("FILE"));
    parser.addOptions({scope, prompt, param, pkce, port, path, noBrowser, record});
    CommandContext context;
    if (auto exit = setUp(parser, options, QStringLiteral("login --issuer URL --client-id ID [--record FILE] [options]"), arguments, context))
        return *exit;
    auto client = clientFrom(parser, options, ClientAuthMethod::ClientSecretBasic);
    if (!client)
        return fail(client.error(), context.json, kExitUsage);
    context.session.setClient(*client);
    SecuritySettings security;
    if (parser.value(pkce) == QLatin1String("plain")) {
        security.pkceMethod = oidc::PkceMethod::Plain;
        printErr("warning: PKCE plain sends the verifier itself as the challenge (RFC 7636 §7.2)");
    } else if (parser.value(pkce) != QLatin1String("S256")) {
        return fail(makeError(ErrorCategory::Input, "USAGE", "--pkce must be S256 or plain"), context.json, kExitUsage);
    }
    context.session.setSecurity(security);
    const auto portNumber = BrowserRedirect::parsePort(parser.value(port));
    if (!portNumber)
        return fail(portNumber.error(), context.json, kExitUsage);
    QList<QPair<QString, QString>> extra;
    for (const QString &entry : parser.values(param)) {
        const int eq = entry.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(makeError(ErrorCategory::Input, "USAGE", "--param takes key=value", "key=value", entry.toStdString()), context.json, kExitUsage);
        extra.append({entry.left(eq), entry.mid(eq + 1)});
    }

    // The run as a recording (--record FILE, or replay's own), written whether the login succeeds or not.
    oidc::recording::Recorder ownRecorder;
    oidc::net::ExchangeLog exchanges;
    context.quiet = hooks.quiet;
    context.recorder = hooks.recorder ? hooks.recorder : parser.isSet(record) ? &ownRecorder : nullptr;
    if (context.recorder) {
        exchanges.attach(context.transport);
        context.recorder->attach(exchanges);
        context.recorder->setTool("oidcplay-cli " OIDCPLAY_VERSION);
        ProviderProfile profile;
        profile.name = QStringLiteral("oidcplay-cli login");
        profile.kind = ProviderKind::OidcIssuer;
        profile.issuer = parser.value(options.issuer);
        profile.clientId = client->clientId;
        profile.authMethod = client->method;
        profile.scope = parser.value(scope);
        profile.browserMode = BrowserMode::System;
        profile.redirectPort = *portNumber;
        profile.redirectPath = parser.value(path);
        profile.security = security;
        context.recorder->setProfile(profileToJson(profile));
        Json parameters = Json::array();
        for (const auto &[name, value] : extra)
            parameters.push_back({name.toStdString(), oidc::isSecretName(name.toStdString()) ? oidc::redactSecret(value.toStdString()) : value.toStdString()});
        context.recorder->setAuthorization({{"scope", parser.value(scope).toStdString()}, {"prompt", parser.value(prompt).toStdString()},
                                            {"extraParameters", std::move(parameters)}});
        if (auto sandbox = SandboxAdmin::at(parser.value(options.issuer))) {
            if (auto described = sandbox->describeForRecording())
                context.recorder->setSandbox(*described);
        }
    }
    const int exitCode = [&]() -> int {
        Json out = Json::object();
        if (auto status = discover(context, parser.value(options.issuer), true); !status)
            return finish(context, out, status.error());
        out["issuer"] = context.session.metadata()->issuer.toStdString();

        std::optional<Error> failure;
        {
            Waiter waiter(context.timeoutSeconds);
            (void)context.session.prepare([&](StepOutcome<void> prepared) {
                context.show(prepared.reports);
                if (!prepared.result)
                    failure = prepared.result.error();
                waiter.done();
            });
            waiter.wait();
        }
        if (failure)
            return finish(context, out, failure);

        // The redirect comes back to a loopback listener (127.0.0.1 only), within the time limit.
        BrowserRedirect browser;
        const auto started = browser.listen(*portNumber, parser.value(path), context.timeoutSeconds, [&](const QUrl &url) {
            auto callback = context.session.acceptCallback(url);
            context.show(callback.reports);
            if (callback.result)
                return RedirectWait::Verdict::accepted();
            const Error &error = callback.result.error();
            if (!context.session.awaitsCallback())
                return RedirectWait::Verdict::refused(error); // it bore our state: this login's answer, refused — stop
            // rp-checks A1: a stray or forged callback is reported; the real flow stays pending.
            printErr("warning: a callback was refused and the login keeps waiting: " + error.summary());
            return RedirectWait::Verdict::stray(error);
        });
        if (!started)
            return finish(context, out, started.error());

        AuthorizationRequest request = context.session.defaultAuthorizationRequest(browser.redirectUri(), parser.value(scope));
        request.prompt = parser.value(prompt);
        request.extraParameters = extra;
        auto url = context.session.beginAuthorization(request);
        context.show(url.reports);
        if (!url.result)
            return finish(context, out, url.result.error());
        for (const QString &warning : authorizationWarnings(request, context.session.metadata()->codeChallengeMethodsSupported))
            printErr("warning: " + warning.toStdString());
        // Refused by the provider, a callback that bore our state and failed its checks, or LISTENER_TIMEOUT.
        const QString authorizeUrl = url.result->toString(QUrl::FullyEncoded);
        if (auto redirect = hooks.browser ? hooks.browser(browser, authorizeUrl) : browser.openAndWait(authorizeUrl, parser.isSet(noBrowser)); !redirect)
            return finish(context, out, redirect.error());
        // The listener closes once its success page is written, while the event loop runs the exchange.

        std::optional<TokenSession> session;
        {
            Waiter exchange(context.timeoutSeconds);
            (void)context.session.exchangeCode([&](StepOutcome<TokenSession> result) {
                context.show(result.reports);
                if (result.result)
                    session = *result.result;
                else
                    failure = result.result.error();
                exchange.done();
            });
            if (!exchange.wait())
                failure = makeError(ErrorCategory::Net, "NET_TIMEOUT", "the token exchange did not finish within the time limit");
        }
        if (const auto &validation = context.session.lastIdTokenValidation()) {
            out["checks"] = checksJson(validation->checks);
            if (validation->jwt)
                out["claims"] = validation->jwt->claims();
        }
        if (failure)
            return finish(context, out, failure);
        out["tokens"] = tokensJson(context, session->tokens);
        if (!context.session.metadata()->userinfoEndpoint.isEmpty()) {
            Waiter userinfo(context.timeoutSeconds);
            (void)context.session.fetchUserInfo([&](StepOutcome<Json> claims) {
                context.show(claims.reports);
                if (claims.result)
                    out["userinfo"] = *claims.result;
                else
                    failure = claims.result.error();
                userinfo.done();
            });
            if (!userinfo.wait())
                failure = makeError(ErrorCategory::Net, "NET_TIMEOUT", "userinfo did not answer within the time limit");
        }
        return finish(context, out, failure);
    }();
    if (!context.recorder)
        return exitCode;
    std::string loginHint;
    for (const auto &[name, value] : extra)
        if (name == QLatin1String("login_hint"))
            loginHint = value.toStdString();
    const auto &validation = context.session.lastIdTokenValidation();
    context.recorder->setLoginId(oidc::recording::recordedLoginId(loginHint, validation && validation->jwt ? validation->jwt->claims() : Json()));
    if (parser.isSet(record)) {
        if (auto written = oidc::recording::writeRecordingFile(context.recorder->recording(), parser.value(record)); !written) {
            printErr("error: " + written.error().summary());
            return exitCode == kExitOk ? kExitError : exitCode;
        }
        if (!context.json)
            printErr("recorded to " + parser.value(record).toStdString());
    }
    return exitCode;
}

int runToken(const QStringList &arguments)
{
    const QString grant = arguments.isEmpty() ? QString() : arguments.first();
    const QStringList rest = arguments.mid(1);
    if (grant != QLatin1String("client-credentials") && grant != QLatin1String("refresh")) {
        if (grant == QLatin1String("--help") || grant == QLatin1String("-h")) {
            printOut("Usage: oidcplay-cli token client-credentials|refresh [options]   (each has --help)");
            return kExitOk;
        }
        printErr("error: token takes client-credentials or refresh (see oidcplay-cli token --help)");
        return kExitUsage;
    }
    QCommandLineParser parser;
    ProviderOptions options;
    options.addTo(parser, true);
    const QCommandLineOption scope(QStringLiteral("scope"), QStringLiteral("Scopes to request."), QStringLiteral("S"));
    const QCommandLineOption refreshToken(QStringLiteral("refresh-token"), QStringLiteral("The refresh token (refresh only)."), QStringLiteral("T"));
    const QCommandLineOption param(QStringLiteral("param"), QStringLiteral("Extra form field (repeatable), e.g. audience=…"),
                                   QStringLiteral("key=value"));
    parser.addOptions({scope, refreshToken, param});
    const bool credentials = grant == QLatin1String("client-credentials");
    parser.setApplicationDescription(credentials
                                         ? QStringLiteral("Client credentials grant (RFC 6749 §4.4) with client_secret_basic or client_secret_post.")
                                         : QStringLiteral("Refresh token grant (RFC 6749 §6); a new ID token is validated (signature, iss, aud, times)."));
    CommandContext context;
    if (auto exit = setUp(parser, options,
                          credentials ? QStringLiteral("token client-credentials --issuer URL --client-id ID --client-secret S [--auth basic|post] [--scope S] [--json]")
                                      : QStringLiteral("token refresh --issuer URL --client-id ID --refresh-token T [--json]"),
                          rest, context))
        return *exit;
    auto client = clientFrom(parser, options, ClientAuthMethod::ClientSecretBasic);
    if (!client)
        return fail(client.error(), context.json, kExitUsage);
    if (credentials && client->method == ClientAuthMethod::None)
        return fail(makeError(ErrorCategory::Input, "USAGE", "client credentials need --client-secret (and --auth basic|post)"), context.json, kExitUsage);
    if (!credentials && parser.value(refreshToken).isEmpty())
        return fail(makeError(ErrorCategory::Input, "USAGE", "--refresh-token is required"), context.json, kExitUsage);
    FormFields extra;
    for (const QString &entry : parser.values(param)) {
        const int eq = entry.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(makeError(ErrorCategory::Input, "USAGE", "--param takes key=value"), context.json, kExitUsage);
        extra.append({entry.left(eq), entry.mid(eq + 1)});
    }
    context.session.setClient(*client);
    Json out = Json::object();
    if (auto status = discover(context, parser.value(options.issuer), !credentials); !status)
        return finish(context, out, status.error());

    std::optional<Error> failure;
    Waiter waiter(context.timeoutSeconds);
    if (credentials) {
        (void)context.session.clientCredentials(parser.value(scope), extra, [&](StepOutcome<TokenResponse> tokens) {
            context.show(tokens.reports);
            if (tokens.result)
                out["tokens"] = tokensJson(context, *tokens.result);
            else
                failure = tokens.result.error();
            waiter.done();
        });
    } else {
        auto request = buildRefreshRequest(context.session.metadata()->tokenEndpoint, *client, parser.value(refreshToken), parser.value(scope));
        if (!request)
            return finish(context, out, request.error());
        (void)context.transport.send(*request, &context.session, [&](oidc::Result<oidc::net::HttpResponse> response) {
            auto tokens = response ? processTokenResponse(*response, FlowSession::now()) : oidc::Result<TokenResponse>(response.error());
            if (!tokens) {
                failure = tokens.error();
                waiter.done();
                return;
            }
            if (!tokens->idToken.isEmpty()) {
                IdTokenExpectations expected;
                expected.issuer = context.session.metadata()->issuer;
                expected.clientId = client->clientId;
                expected.accessToken = tokens->accessToken;
                const auto validation = validateIdToken(tokens->idToken, *context.session.metadata(), *context.session.keys(), expected);
                out["checks"] = checksJson(validation.checks);
                if (validation.error) {
                    failure = validation.error;
                    waiter.done();
                    return;
                }
            }
            out["tokens"] = tokensJson(context, *tokens);
            waiter.done();
        });
    }
    if (!waiter.wait())
        failure = makeError(ErrorCategory::Net, "NET_TIMEOUT", "no answer within the time limit");
    return finish(context, out, failure);
}

int runUserInfo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Calls the provider's userinfo endpoint with an access token (Bearer)."));
    ProviderOptions options;
    options.addTo(parser, false);
    const QCommandLineOption accessToken(QStringLiteral("access-token"), QStringLiteral("The access token."), QStringLiteral("T"));
    parser.addOption(accessToken);
    CommandContext context;
    if (auto exit = setUp(parser, options, QStringLiteral("userinfo --issuer URL --access-token T [--json]"), arguments, context))
        return *exit;
    if (parser.value(accessToken).isEmpty())
        return fail(makeError(ErrorCategory::Input, "USAGE", "--access-token is required"), context.json, kExitUsage);
    Json out = Json::object();
    if (auto status = discover(context, parser.value(options.issuer), false); !status)
        return finish(context, out, status.error());
    auto request = buildUserInfoRequest(context.session.metadata()->userinfoEndpoint, parser.value(accessToken));
    if (!request)
        return finish(context, out, request.error());
    auto response = oidc::net::sendAndWait(context.transport, *request);
    auto claims = response ? processUserInfoResponse(*response, {}) : oidc::Result<Json>(response.error());
    if (!claims)
        return finish(context, out, claims.error());
    out["userinfo"] = *claims;
    return finish(context, out, std::nullopt);
}

int runRevoke(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Revokes a token (RFC 7009). Success means \"revoked or already invalid\"; any error means the token may still be live."));
    ProviderOptions options;
    options.addTo(parser, true);
    const QCommandLineOption token(QStringLiteral("token"), QStringLiteral("The token to revoke."), QStringLiteral("T"));
    const QCommandLineOption hint(QStringLiteral("hint"), QStringLiteral("token_type_hint: access_token or refresh_token."), QStringLiteral("H"));
    parser.addOptions({token, hint});
    CommandContext context;
    if (auto exit = setUp(parser, options,
                          QStringLiteral("revoke --issuer URL --client-id ID --token T [--hint access_token|refresh_token] [--json]"), arguments,
                          context))
        return *exit;
    auto client = clientFrom(parser, options, ClientAuthMethod::ClientSecretBasic);
    if (!client)
        return fail(client.error(), context.json, kExitUsage);
    if (parser.value(token).isEmpty())
        return fail(makeError(ErrorCategory::Input, "USAGE", "--token is required"), context.json, kExitUsage);
    TokenTypeHint typeHint = TokenTypeHint::None;
    if (parser.value(hint) == QLatin1String("access_token"))
        typeHint = TokenTypeHint::AccessToken;
    else if (parser.value(hint) == QLatin1String("refresh_token"))
        typeHint = TokenTypeHint::RefreshToken;
    else if (!parser.value(hint).isEmpty())
        return fail(makeError(ErrorCategory::Input, "USAGE", "--hint must be access_token or refresh_token"), context.json, kExitUsage);
    Json out = Json::object();
    if (auto status = discover(context, parser.value(options.issuer), false); !status)
        return finish(context, out, status.error());
    auto request = buildRevocationRequest(context.session.metadata()->revocationEndpoint, *client, parser.value(token), typeHint);
    if (!request)
        return finish(context, out, request.error());
    auto response = oidc::net::sendAndWait(context.transport, *request);
    const oidc::Status status = response ? processRevocationResponse(*response) : oidc::Status(response.error());
    if (!status)
        return finish(context, out, status.error());
    out["revoked"] = true;
    out["detail"] = "revoked or already invalid (RFC 7009 §2.2)";
    return finish(context, out, std::nullopt);
}

int runLogoutUrl(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Builds the RP-initiated logout URL (end_session_endpoint) and prints it on stdout."));
    ProviderOptions options;
    parser.addOptions({options.issuer, options.clientId, options.json, options.timeout, options.showTokens});
    const QCommandLineOption hint(QStringLiteral("id-token-hint"), QStringLiteral("The ID token."), QStringLiteral("T"));
    const QCommandLineOption redirect(QStringLiteral("post-logout-redirect-uri"), QStringLiteral("Where to return."), QStringLiteral("U"));
    const QCommandLineOption state(QStringLiteral("state"), QStringLiteral("State to send (default: a fresh random value)."), QStringLiteral("S"));
    parser.addOptions({hint, redirect, state});
    CommandContext context;
    if (auto exit = setUp(parser, options,
                          QStringLiteral("logout-url --issuer URL --id-token-hint T --post-logout-redirect-uri U [--state S]"), arguments, context))
        return *exit;
    Json out = Json::object();
    if (auto status = discover(context, parser.value(options.issuer), false); !status)
        return finish(context, out, status.error());
    EndSessionRequest request;
    request.endSessionEndpoint = context.session.metadata()->endSessionEndpoint;
    request.idTokenHint = parser.value(hint);
    request.postLogoutRedirectUri = parser.value(redirect);
    request.clientId = parser.value(options.clientId);
    request.state = parser.value(state);
    if (request.state.isEmpty()) {
        auto fresh = oidc::generateState();
        if (!fresh)
            return finish(context, out, fresh.error());
        request.state = QString::fromStdString(*fresh);
    }
    auto url = buildEndSessionUrl(request);
    if (!url)
        return finish(context, out, url.error());
    if (context.json) {
        out["logout_url"] = url->toString(QUrl::FullyEncoded).toStdString();
        out["state"] = request.state.toStdString();
        return finish(context, out, std::nullopt);
    }
    printOut(url->toString(QUrl::FullyEncoded).toStdString());
    return kExitOk;
}

} // namespace cli
