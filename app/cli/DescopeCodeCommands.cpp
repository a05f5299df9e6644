// oidcplay-cli descope otp / magic-link / totp: the sign-ins whose proof the user types or pastes
// (descope-api.md §6–§8). The code or link is read from stdin after a prompt on stderr, so a
// script can pipe it in; TOTP's code can be computed here from the secret (RFC 6238).

#include "CliOutput.h"
#include "DescopeCommands.h"
#include "DescopeRun.h"

#include "oidc/crypto/Base32.h"
#include "oidc/jwt/Jwt.h"
#include "oidc/otp/Totp.h"

namespace cli {

using oidc::ErrorCategory;
using oidc::Json;
using oidc::makeError;
using namespace oidc::descope;

namespace {

// The options of the sign-ins that deliver something (otp, magic-link).
struct DeliveryOptions final {
    QCommandLineOption method{QStringLiteral("method"), QStringLiteral("Where to deliver it."), QStringLiteral("METHOD")};
    QCommandLineOption loginId{QStringLiteral("login-id"), QStringLiteral("The user's login ID (email or phone)."), QStringLiteral("ID")};
    QCommandLineOption signUpIn{QStringLiteral("signup-in"), QStringLiteral("Sign up when the user does not exist yet.")};
    QCommandLineOption uri{QStringLiteral("uri"), QStringLiteral("The link's target (default: the project's setting)."), QStringLiteral("URL")};
    QCommandLineOption stepUp{QStringLiteral("step-up"), QStringLiteral("Step up the session of --refresh-token-file (claims gain su).")};
    QCommandLineOption refreshFile{QStringLiteral("refresh-token-file"), QStringLiteral("File holding the refresh JWT to step up."),
                                   QStringLiteral("F")};

    [[nodiscard]] QList<QCommandLineOption> list(bool withUri) const
    {
        QList<QCommandLineOption> options{method, loginId, signUpIn, stepUp, refreshFile};
        if (withUri)
            options.append(uri);
        return options;
    }
};

struct DeliveryStart final {
    DeliveryMethod method = DeliveryMethod::Email;
    PasswordlessStart start;
};

oidc::Result<DeliveryStart> deliveryStart(const DescopeRun &run, const DeliveryOptions &options, bool withUri)
{
    auto methodName = run.required(options.method);
    if (!methodName)
        return methodName.error();
    auto method = parseDeliveryMethod(*methodName);
    if (!method)
        return method.error();
    auto loginId = run.required(options.loginId);
    if (!loginId)
        return loginId.error();
    auto loginOptions = run.stepUp(options.stepUp, options.refreshFile);
    if (!loginOptions)
        return loginOptions.error();
    DeliveryStart result{*method, {}};
    result.start.operation = run.parser().isSet(options.signUpIn) ? LoginOperation::SignUpOrIn : LoginOperation::SignIn;
    result.start.loginId = *loginId;
    if (withUri)
        result.start.redirectUrl = run.parser().value(options.uri).toStdString();
    result.start.loginOptions = std::move(loginOptions).value();
    return result;
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
    const DeliveryOptions options;
    if (auto exit = run.parse(arguments, options.list(false)))
        return *exit;
    auto client = run.client();
    if (!client)
        return run.fail(client.error());
    auto start = deliveryStart(run, options, false);
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
    const DeliveryOptions options;
    if (auto exit = run.parse(arguments, options.list(true)))
        return *exit;
    auto client = run.client();
    if (!client)
        return run.fail(client.error());
    auto start = deliveryStart(run, options, true);
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
