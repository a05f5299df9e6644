// oidcplay-cli descope otp / magic-link / totp: the sign-ins whose proof the user types or pastes
// (descope-api.md §6–§8). The code or link is read from stdin after a prompt on stderr, so a
// script can pipe it in; TOTP's code can be computed here from the secret (RFC 6238).

#include "CliOutput.h"
#include "DescopeCommands.h"
#include "DescopeRun.h"
#include "PasswordlessOptions.h"

#include "oidc/crypto/Base32.h"
#include "oidc/jwt/Jwt.h"
#include "oidc/otp/Totp.h"

namespace cli {

using oidc::ErrorCategory;
using oidc::Json;
using oidc::makeError;
using namespace oidc::descope;

namespace {

struct DeliveryStart final {
    DeliveryMethod method = DeliveryMethod::Email;
    PasswordlessStart start;
};

// --method and the passwordless options.
oidc::Result<DeliveryStart> deliveryStart(const DescopeRun &run, const QCommandLineOption &methodOption, const PasswordlessOptions &options,
                                          LinkTarget target)
{
    auto methodName = run.required(methodOption);
    if (!methodName)
        return methodName.error();
    auto method = parseDeliveryMethod(*methodName);
    if (!method)
        return method.error();
    auto start = options.start(run, target);
    if (!start)
        return start.error();
    return DeliveryStart{*method, std::move(start).value()};
}

int totpSignUp(DescopeRun &run, BlockingDescopeClient &client, const std::string &loginId)
{
    auto enrollment = client.signUpTotp(loginId);
    if (!enrollment)
        return run.fail(enrollment.error());
    // The key is what the user copies into an authenticator app: printed whole, on purpose.
    return run.finish({{"key", enrollment->key}, {"provisioningUrl", enrollment->provisioningUrl}});
}

// --code as given, or the code of --secret now (RFC 6238 §4.2).
oidc::Result<std::string> totpCode(const DescopeRun &run, const QCommandLineOption &code, const QCommandLineOption &secret)
{
    if (run.parser().isSet(code) == run.parser().isSet(secret))
        return makeError(ErrorCategory::Input, "USAGE", "give exactly one of --code or --secret");
    if (run.parser().isSet(code))
        return run.required(code);
    auto key = oidc::crypto::base32Decode(run.parser().value(secret).trimmed().toStdString());
    if (!key)
        return key.error();
    return oidc::otp::totp(*key, oidc::jwt::unixNow());
}

} // namespace

int runDescopeOtp(const QString &, const QStringList &arguments)
{
    DescopeRun run(QStringLiteral("descope otp --method email|sms|voice|whatsapp --login-id ID [--signup-in] [--step-up --refresh-token-file F] "
                                  "--project-id PID [--base-url URL] [--json] [--show-tokens]"));
    const PasswordlessOptions options;
    const QCommandLineOption method(QStringLiteral("method"), QStringLiteral("Where to send the code."), QStringLiteral("METHOD"));
    if (auto exit = run.parse(arguments, options.list(LinkTarget::None) << method))
        return *exit;
    auto client = run.client();
    if (!client)
        return run.fail(client.error());
    auto start = deliveryStart(run, method, options, LinkTarget::None);
    if (!start)
        return run.fail(start.error());
    auto masked = (*client)->startOtp(start->method, start->start);
    if (!masked)
        return run.fail(masked.error());
    printErr("masked: " + masked->masked());
    auto code = promptLine("code: ");
    if (!code)
        return run.fail(code.error());
    return run.finishSession({{"masked", masked->masked()}}, (*client)->verifyOtp(start->method, start->start.loginId, *code));
}

int runDescopeMagicLink(const QString &, const QStringList &arguments)
{
    DescopeRun run(QStringLiteral("descope magic-link --method email|sms|whatsapp --login-id ID [--signup-in] [--uri URL] "
                                  "[--step-up --refresh-token-file F] --project-id PID [--base-url URL] [--json] [--show-tokens]"));
    const PasswordlessOptions options;
    const QCommandLineOption method(QStringLiteral("method"), QStringLiteral("Where to send the link."), QStringLiteral("METHOD"));
    if (auto exit = run.parse(arguments, options.list(LinkTarget::Given) << method))
        return *exit;
    auto client = run.client();
    if (!client)
        return run.fail(client.error());
    auto start = deliveryStart(run, method, options, LinkTarget::Given);
    if (!start)
        return run.fail(start.error());
    if (start->method == DeliveryMethod::Voice)
        return run.fail(makeError(ErrorCategory::Input, "DESCOPE_METHOD", "magic links go by email, sms or whatsapp", "email|sms|whatsapp", "voice"));
    auto masked = (*client)->startMagicLink(start->method, start->start);
    if (!masked)
        return run.fail(masked.error());
    printErr("masked: " + masked->masked());
    auto line = promptLine("link or token: ");
    if (!line)
        return run.fail(line.error());
    auto token = linkToken(*line);
    if (!token)
        return run.fail(token.error());
    return run.finishSession({{"masked", masked->masked()}}, (*client)->verifyMagicLink(*token));
}

int runDescopeTotp(const QString &subcommand, const QStringList &arguments)
{
    const bool verify = subcommand == QLatin1String("verify");
    DescopeRun run(verify ? QStringLiteral("descope totp verify --login-id ID (--code N | --secret BASE32) --project-id PID [--base-url URL] "
                                           "[--json] [--show-tokens]")
                          : QStringLiteral("descope totp signup --login-id ID --project-id PID [--base-url URL] [--json]"));
    const QCommandLineOption loginIdOption(QStringLiteral("login-id"), QStringLiteral("The user's login ID."), QStringLiteral("ID"));
    const QCommandLineOption code(QStringLiteral("code"), QStringLiteral("The authenticator app's current code."), QStringLiteral("N"));
    const QCommandLineOption secret(QStringLiteral("secret"), QStringLiteral("The base32 key: the code is computed here (RFC 6238)."),
                                    QStringLiteral("BASE32"));
    if (auto exit = verify ? run.parse(arguments, {loginIdOption, code, secret}) : run.parse(arguments, {loginIdOption}))
        return *exit;
    auto client = run.client();
    if (!client)
        return run.fail(client.error());
    auto loginId = run.required(loginIdOption);
    if (!loginId)
        return run.fail(loginId.error());
    if (!verify)
        return totpSignUp(run, **client, *loginId);
    auto totpValue = totpCode(run, code, secret);
    if (!totpValue)
        return run.fail(totpValue.error());
    return run.finishSession(Json::object(), (*client)->verifyTotp(*loginId, *totpValue));
}

} // namespace cli
