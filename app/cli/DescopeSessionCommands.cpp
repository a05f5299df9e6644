// oidcplay-cli descope session refresh|me|logout|logout-all|validate and descope access-key:
// the calls on behalf of a session (descope-api.md §4, §2.4) and machine-to-machine (§10).

#include "CliOutput.h"
#include "DescopeCommands.h"
#include "DescopeRun.h"

namespace cli {

using oidc::ErrorCategory;
using oidc::Json;
using oidc::makeError;
using namespace oidc::descope;

namespace {

std::vector<std::string> commaList(const QString &text)
{
    std::vector<std::string> items;
    for (const QString &item : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        items.push_back(item.trimmed().toStdString());
    return items;
}

// refresh, me, logout, logout-all: each with the refresh JWT.
int runWithRefreshJwt(DescopeRun &run, BlockingDescopeClient &client, const QString &subcommand, const std::string &refreshJwt)
{
    Json out = Json::object();
    if (subcommand == QLatin1String("refresh")) {
        return run.finishSession(std::move(out), client.refresh(refreshJwt));
    }
    if (subcommand == QLatin1String("me")) {
        auto user = client.me(refreshJwt);
        if (!user)
            return run.fail(user.error());
        out["user"] = user->raw;
        return run.finish(std::move(out));
    }
    const LogoutScope scope = subcommand == QLatin1String("logout") ? LogoutScope::ThisSession : LogoutScope::AllSessions;
    const oidc::Status status = client.logout(refreshJwt, scope);
    if (!status)
        return run.fail(status.error());
    return run.finish(std::move(out));
}

} // namespace

int runDescopeSession(const QString &subcommand, const QStringList &arguments)
{
    const bool validate = subcommand == QLatin1String("validate");
    DescopeRun run(validate ? QStringLiteral("descope session validate (--session-token T | --session-token-file F) [--roles r1,r2] "
                                             "[--permissions p1,p2] [--tenant T] --project-id PID [--base-url URL] [--json] [--show-tokens]")
                            : QStringLiteral("descope session ") + subcommand
                                  + QStringLiteral(" (--refresh-token T | --refresh-token-file F) --project-id PID [--base-url URL] [--json] [--show-tokens]"));
    const QCommandLineOption refreshToken(QStringLiteral("refresh-token"), QStringLiteral("The refresh JWT."), QStringLiteral("T"));
    const QCommandLineOption refreshFile(QStringLiteral("refresh-token-file"), QStringLiteral("File holding the refresh JWT."), QStringLiteral("F"));
    const QCommandLineOption sessionToken(QStringLiteral("session-token"), QStringLiteral("The session JWT."), QStringLiteral("T"));
    const QCommandLineOption sessionFile(QStringLiteral("session-token-file"), QStringLiteral("File holding the session JWT."), QStringLiteral("F"));
    const QCommandLineOption roles(QStringLiteral("roles"), QStringLiteral("Roles the token must hold, comma-separated."), QStringLiteral("r1,r2"));
    const QCommandLineOption permissions(QStringLiteral("permissions"), QStringLiteral("Permissions the token must hold, comma-separated."),
                                         QStringLiteral("p1,p2"));
    const QCommandLineOption tenant(QStringLiteral("tenant"), QStringLiteral("Check roles and permissions within this tenant."), QStringLiteral("T"));
    if (auto exit = validate ? run.parse(arguments, {sessionToken, sessionFile, roles, permissions, tenant})
                             : run.parse(arguments, {refreshToken, refreshFile}))
        return *exit;
    auto client = run.client();
    if (!client)
        return run.fail(client.error());
    auto token = validate ? run.secret(sessionToken, sessionFile) : run.secret(refreshToken, refreshFile);
    if (!token)
        return run.fail(token.error());
    if (!validate)
        return runWithRefreshJwt(run, **client, subcommand, *token);
    const AuthorizationRequirements requirements{commaList(run.parser().value(roles)), commaList(run.parser().value(permissions)),
                                                 run.parser().value(tenant).trimmed().toStdString()};
    return run.finishSession(Json::object(), (*client)->validateSession(*token, requirements));
}

int runDescopeAccessKey(const QString &, const QStringList &arguments)
{
    DescopeRun run(QStringLiteral("descope access-key (--access-key K | --access-key-file F) [--custom-claims JSON] [--call URL [--method M]] "
                                  "--project-id PID [--base-url URL] [--json] [--show-tokens]"));
    const QCommandLineOption key(QStringLiteral("access-key"), QStringLiteral("The access key."), QStringLiteral("K"));
    const QCommandLineOption keyFile(QStringLiteral("access-key-file"), QStringLiteral("File holding the access key."), QStringLiteral("F"));
    const QCommandLineOption customClaims(QStringLiteral("custom-claims"), QStringLiteral("Custom claims (a JSON object), returned under nsec."),
                                          QStringLiteral("JSON"));
    const QCommandLineOption call(QStringLiteral("call"), QStringLiteral("Then call this URL with Authorization: Bearer <session JWT>."),
                                  QStringLiteral("URL"));
    const QCommandLineOption method(QStringLiteral("method"), QStringLiteral("The call's method (default GET)."), QStringLiteral("M"),
                                    QStringLiteral("GET"));
    if (auto exit = run.parse(arguments, {key, keyFile, customClaims, call, method}))
        return *exit;
    auto client = run.client();
    if (!client)
        return run.fail(client.error());
    auto accessKey = run.secret(key, keyFile);
    if (!accessKey)
        return run.fail(accessKey.error());
    AccessKeyOptions options;
    if (run.parser().isSet(customClaims)) {
        options.customClaims = Json::parse(run.parser().value(customClaims).toStdString(), nullptr, false);
        if (!options.customClaims.is_object())
            return run.fail(makeError(ErrorCategory::Input, "DESCOPE_CUSTOM_CLAIMS", "--custom-claims must be a JSON object"));
    }
    const SessionOutcome outcome = (*client)->exchangeAccessKey(*accessKey, options);
    Json out = Json::object();
    if (!outcome.ok() || !run.parser().isSet(call))
        return run.finishSession(std::move(out), outcome);
    auto answer = (*client)->callWithSession(QUrl(run.parser().value(call)), run.parser().value(method).toUpper().toUtf8(),
                                             outcome.result->sessionJwt);
    if (!answer) {
        run.addSession(out, outcome);
        return run.finish(std::move(out), answer.error());
    }
    out["call"] = {{"status", answer->status}, {"body", answer->body}};
    return run.finishSession(std::move(out), outcome);
}

} // namespace cli
