// oidcplay-cli descope COMMAND [SUBCOMMAND] [options]: Descope's authentication API headless
// (issue 8's CLI contract). The command words come first, the options after them in any order.

#include "CliOutput.h"
#include "CommandTables.h"
#include "Commands.h"
#include "DescopeCommands.h"
#include "DescopeRun.h"

namespace cli {

const std::map<QString, DescopeGroup> &descopeGroups()
{
    static const std::map<QString, DescopeGroup> table = {
        {QStringLiteral("enchanted-link"), {runDescopeEnchantedLink, {}}},
        {QStringLiteral("magic-link"), {runDescopeMagicLink, {}}},
        {QStringLiteral("otp"), {runDescopeOtp, {}}},
        {QStringLiteral("totp"), {runDescopeTotp, {QStringLiteral("signup"), QStringLiteral("verify")}}},
        {QStringLiteral("session"),
         {runDescopeSession,
          {QStringLiteral("refresh"), QStringLiteral("me"), QStringLiteral("logout"), QStringLiteral("logout-all"), QStringLiteral("validate")}}},
        {QStringLiteral("access-key"), {runDescopeAccessKey, {}}},
        {QStringLiteral("passkey"),
         {runDescopePasskey, {QStringLiteral("signup"), QStringLiteral("signin"), QStringLiteral("signup-in"), QStringLiteral("update")}}},
    };
    return table;
}

namespace {

constexpr const char *kDescopeUsage =
    "Usage: oidcplay-cli descope COMMAND [SUBCOMMAND] [options]   (oidcplay-cli descope COMMAND [SUBCOMMAND] --help for each)\n"
    "\n"
    "Commands:\n"
    "  enchanted-link                         email link with a number to click; polls for the session\n"
    "  magic-link                             link by email, SMS or WhatsApp; reads the link or token on stdin\n"
    "  otp                                    one-time code by email, SMS, voice or WhatsApp; reads it on stdin\n"
    "  totp signup|verify                     authenticator-app codes (RFC 6238)\n"
    "  passkey signup|signin|signup-in|update WebAuthn with the software authenticator in --authenticator FILE\n"
    "  session refresh|me|logout|logout-all|validate\n"
    "  access-key                             exchange an access key for a session JWT (M2M), optionally call an API\n"
    "\n"
    "Common options: --project-id PID (required), --base-url URL, --json, --show-tokens.\n"
    "Exit codes: 0 success; 1 refused, unusable or a check failed; 2 bad arguments; 3 no answer or keys unavailable.";

// Bad command words: reported like any other bad argument (one JSON object with --json).
int badWords(const QStringList &arguments, const std::string &message)
{
    DescopeRun run(QStringLiteral("descope COMMAND"));
    if (arguments.contains(QStringLiteral("--json")))
        (void)run.parse({QStringLiteral("--json")}, {});
    return run.fail(oidc::makeError(oidc::ErrorCategory::Input, "USAGE", message + " (see oidcplay-cli descope --help)"));
}

} // namespace

int runDescope(const QStringList &arguments)
{
    if (arguments.isEmpty() || arguments.first() == QLatin1String("--help") || arguments.first() == QLatin1String("-h")) {
        printOut(kDescopeUsage);
        return arguments.isEmpty() ? kExitUsage : kExitOk;
    }
    QStringList rest = arguments;
    const QString command = rest.takeFirst();
    const auto group = descopeGroups().find(command);
    if (group == descopeGroups().end())
        return badWords(arguments, "unknown descope command \"" + command.toStdString() + "\"");
    QString subcommand;
    if (!group->second.subcommands.isEmpty()) {
        if (rest.isEmpty() || !group->second.subcommands.contains(rest.first())) {
            if (!rest.isEmpty() && (rest.first() == QLatin1String("--help") || rest.first() == QLatin1String("-h"))) {
                printOut("Usage: oidcplay-cli descope " + command.toStdString() + " " + group->second.subcommands.join(QLatin1Char('|')).toStdString()
                         + " [options]");
                return kExitOk;
            }
            return badWords(arguments, "descope " + command.toStdString() + " needs one of "
                                           + group->second.subcommands.join(QStringLiteral(", ")).toStdString());
        }
        subcommand = rest.takeFirst();
    }
    return group->second.run(subcommand, rest);
}

} // namespace cli
