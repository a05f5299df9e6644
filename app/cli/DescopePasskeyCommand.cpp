// oidcplay-cli descope passkey signup|signin|signup-in|update: WebAuthn (descope-api.md §9) with
// the core's software authenticator, kept in --authenticator FILE (mode 0600, AuthenticatorFile.h):
// start → the authenticator creates or asserts → the file is saved (new credential, new counter)
// → finish. --json lists the ceremony decoded byte by byte (CeremonyView).

#include "CliOutput.h"
#include "DescopeCommands.h"
#include "DescopeRun.h"

#include "oidc/webauthn/AuthenticatorFile.h"
#include "oidc/webauthn/CeremonyView.h"
#include "oidc/webauthn/Origin.h"

namespace cli {

using oidc::ErrorCategory;
using oidc::Json;
using oidc::makeError;
using namespace oidc::descope;
namespace webauthn = oidc::webauthn;

namespace {

struct PasskeyOptions final {
    QCommandLineOption loginId{QStringLiteral("login-id"), QStringLiteral("The user's login ID."), QStringLiteral("ID")};
    QCommandLineOption authenticator{QStringLiteral("authenticator"), QStringLiteral("The software authenticator's file (created with mode 0600)."),
                                     QStringLiteral("FILE")};
    QCommandLineOption origin{QStringLiteral("origin"), QStringLiteral("The web origin (default: https://<the RP ID the server names>)."),
                              QStringLiteral("URL")};
    QCommandLineOption refreshFile{QStringLiteral("refresh-token-file"), QStringLiteral("File holding the refresh JWT (update, step-up)."),
                                   QStringLiteral("F")};
    QCommandLineOption stepUp{QStringLiteral("step-up"), QStringLiteral("signin: step up the session of --refresh-token-file.")};
};

WebAuthnStartKind startKind(const QString &subcommand)
{
    if (subcommand == QLatin1String("signup"))
        return WebAuthnStartKind::SignUp;
    if (subcommand == QLatin1String("signup-in"))
        return WebAuthnStartKind::SignUpOrIn;
    if (subcommand == QLatin1String("update"))
        return WebAuthnStartKind::Update;
    return WebAuthnStartKind::SignIn;
}

oidc::Result<WebAuthnStart> passkeyStart(const DescopeRun &run, const PasskeyOptions &options, WebAuthnStartKind kind)
{
    auto loginId = run.required(options.loginId);
    if (!loginId)
        return loginId.error();
    WebAuthnStart start;
    start.kind = kind;
    start.loginId = *loginId;
    start.origin = run.parser().value(options.origin).trimmed().toStdString();
    if (kind == WebAuthnStartKind::SignIn) {
        auto loginOptions = run.stepUp(options.stepUp, options.refreshFile);
        if (!loginOptions)
            return loginOptions.error();
        start.loginOptions = std::move(loginOptions).value();
    } else if (run.parser().isSet(options.stepUp)) {
        return makeError(ErrorCategory::Input, "USAGE", "--step-up is for passkey signin");
    }
    if (kind == WebAuthnStartKind::Update) {
        auto path = run.required(options.refreshFile);
        if (!path)
            return path.error();
        auto refreshJwt = readFileText(QString::fromStdString(*path), 64 * 1024);
        if (!refreshJwt)
            return refreshJwt.error();
        start.refreshJwt = QString::fromStdString(*refreshJwt).trimmed().toStdString();
    }
    return start;
}

// Registration or assertion, then the file saved (whatever the finish says: the credential exists).
oidc::Result<std::string> runCeremony(webauthn::SoftwareAuthenticator &authenticator, const std::string &path, const WebAuthnStarted &started,
                                      const std::string &origin)
{
    auto response = started.create ? authenticator.createCredential(started.options, origin) : authenticator.getAssertion(started.options, origin);
    if (!response)
        return response.error();
    if (auto saved = webauthn::saveAuthenticator(path, authenticator); !saved)
        return saved.error();
    return response;
}

Json ceremonyJson(const std::string &response, bool create)
{
    auto view = create ? webauthn::describeRegistration(response) : webauthn::describeAssertion(response);
    if (!view)
        return {{"error", errorJson(view.error())}};
    return view->toJson();
}

int finishPasskey(DescopeRun &run, BlockingDescopeClient &client, const WebAuthnStart &start, const WebAuthnStarted &started,
                  const std::string &response)
{
    Json out = {{"create", started.create}, {"ceremony", ceremonyJson(response, started.create)}};
    const WebAuthnFinishKind kind = finishKindFor(start.kind, started.create);
    if (kind != WebAuthnFinishKind::Update)
        return run.finishSession(std::move(out), client.finishWebAuthn(kind, started.transactionId, response));
    auto updated = client.finishWebAuthnUpdate(started.transactionId, response);
    if (!updated)
        return run.finish(std::move(out), updated.error());
    if (*updated)
        return run.finishSession(std::move(out), **updated);
    return run.finish(std::move(out));
}

} // namespace

int runDescopePasskey(const QString &subcommand, const QStringList &arguments)
{
    DescopeRun run(QStringLiteral("descope passkey ") + subcommand
                   + QStringLiteral(" --login-id ID --authenticator FILE [--origin URL] [--refresh-token-file F] [--step-up] --project-id PID "
                                    "[--base-url URL] [--json] [--show-tokens]"));
    const PasskeyOptions options;
    if (auto exit = run.parse(arguments, {options.loginId, options.authenticator, options.origin, options.refreshFile, options.stepUp}))
        return *exit;
    auto client = run.client();
    if (!client)
        return run.fail(client.error());
    auto start = passkeyStart(run, options, startKind(subcommand));
    if (!start)
        return run.fail(start.error());
    auto path = run.required(options.authenticator);
    if (!path)
        return run.fail(path.error());
    const auto missing = start->kind == WebAuthnStartKind::SignIn ? webauthn::MissingFile::Refuse : webauthn::MissingFile::StartEmpty;
    auto loaded = webauthn::loadAuthenticator(*path, missing);
    if (!loaded)
        return run.fail(loaded.error());
    auto started = (*client)->startWebAuthn(*start);
    if (!started)
        return run.fail(started.error());
    auto response = runCeremony(loaded->authenticator, *path, *started, start->origin.empty() ? webauthn::pageOriginFor((*client)->client().project().baseUrl(), started->options) : start->origin);
    if (!response)
        return run.fail(response.error());
    return finishPasskey(run, **client, *start, *started, *response);
}

} // namespace cli
