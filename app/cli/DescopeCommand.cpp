// oidcplay-cli descope COMMAND [SUBCOMMAND] [options]: Descope's authentication API headless
// (issue 8's CLI contract). The command words come first, the options after them in any order.

#include "CliOutput.h"
#include "CommandTables.h"
#include "Commands.h"
#include "DescopeCommands.h"
#include "DescopeRun.h"

namespace cli {

namespace {

DescopeGroup managementGroup()
{
    DescopeGroup group{runDescopeMgmt, {}, {}};
    for (const auto &[object, actions] : managementActions()) {
        group.subcommands << object;
        group.actions[object] = actions;
    }
    return group;
}

} // namespace

const std::map<QString, DescopeGroup> &descopeGroups()
{
    static const std::map<QString, DescopeGroup> table = {
        {QStringLiteral("enchanted-link"), {runDescopeEnchantedLink, {}, {}}},
        {QStringLiteral("magic-link"), {runDescopeMagicLink, {}, {}}},
        {QStringLiteral("otp"), {runDescopeOtp, {}, {}}},
        {QStringLiteral("totp"), {runDescopeTotp, {QStringLiteral("signup"), QStringLiteral("verify")}, {}}},
        {QStringLiteral("session"),
         {runDescopeSession,
          {QStringLiteral("refresh"), QStringLiteral("me"), QStringLiteral("logout"), QStringLiteral("logout-all"), QStringLiteral("validate")},
          {}}},
        {QStringLiteral("access-key"), {runDescopeAccessKey, {}, {}}},
        {QStringLiteral("passkey"),
         {runDescopePasskey, {QStringLiteral("signup"), QStringLiteral("signin"), QStringLiteral("signup-in"), QStringLiteral("update")}, {}}},
        {QStringLiteral("oauth"), {runDescopeOAuth, {}, {}}},
        {QStringLiteral("sso"), {runDescopeSso, {}, {}}},
        {QStringLiteral("mgmt"), managementGroup()},
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
    "  oauth                                  social login through the browser: --provider google|github|…, redirect to 127.0.0.1\n"
    "  sso                                    tenant SSO through the browser: --tenant T or --email E, redirect to 127.0.0.1\n"
    "  mgmt OBJECT ACTION                     the management API (management key: --management-key-file F or\n"
    "                                         $DESCOPE_MANAGEMENT_KEY); OBJECT ACTION is one of:\n"
    "%MGMT%"
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

// The usage text with mgmt's objects and actions from their table.
std::string descopeUsage()
{
    std::string objects;
    for (const auto &[object, actions] : managementActions())
        objects += "      " + object.toStdString() + " " + actions.join(QLatin1Char('|')).toStdString() + "\n";
    std::string text = kDescopeUsage;
    text.replace(text.find("%MGMT%"), 6, objects);
    return text;
}

bool isHelp(const QStringList &words)
{
    return !words.isEmpty() && (words.first() == QLatin1String("--help") || words.first() == QLatin1String("-h"));
}

// The action of `actions` that `rest` starts with (the longest, "roles add" before "roles"),
// taken off `rest`; empty when none.
QString takeAction(const QStringList &actions, QStringList &rest)
{
    QString found;
    qsizetype foundWords = 0;
    for (const QString &action : actions) {
        const QStringList words = action.split(QLatin1Char(' '));
        if (words.size() > foundWords && rest.mid(0, words.size()) == words) {
            found = action;
            foundWords = words.size();
        }
    }
    rest = rest.mid(foundWords);
    return found;
}

} // namespace

int runDescope(const QStringList &arguments)
{
    if (arguments.isEmpty() || isHelp(arguments)) {
        printOut(descopeUsage());
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
            if (isHelp(rest)) {
                printOut("Usage: oidcplay-cli descope " + command.toStdString() + " " + group->second.subcommands.join(QLatin1Char('|')).toStdString()
                         + " [options]");
                return kExitOk;
            }
            return badWords(arguments, "descope " + command.toStdString() + " needs one of "
                                           + group->second.subcommands.join(QStringLiteral(", ")).toStdString());
        }
        subcommand = rest.takeFirst();
    }
    const auto actions = group->second.actions.find(subcommand);
    if (actions == group->second.actions.end())
        return group->second.run(subcommand, rest);
    const std::string words = command.toStdString() + " " + subcommand.toStdString();
    const QString action = takeAction(actions->second, rest);
    if (action.isEmpty()) {
        if (isHelp(rest)) {
            printOut("Usage: oidcplay-cli descope " + words + " " + actions->second.join(QLatin1Char('|')).toStdString()
                     + " [options]   (each has --help)");
            return kExitOk;
        }
        return badWords(arguments, "descope " + words + " needs one of " + actions->second.join(QStringLiteral(", ")).toStdString());
    }
    return group->second.run(subcommand + QLatin1Char(' ') + action, rest);
}

} // namespace cli
