// oidcplay-cli: the command-line twin of OIDC Playground's core, for scripts and CI.

#include "CliOutput.h"
#include "CommandTables.h"
#include "Commands.h"

#include <QCoreApplication>

namespace cli {

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table = {
        {QStringLiteral("pkce"), {cli::runPkce, "generate a PKCE verifier/challenge, state and nonce"}},
        {QStringLiteral("decode"), {cli::runDecode, "decode a JWT (no verification): header, claims, times"}},
        {QStringLiteral("verify"), {cli::runVerify, "verify a JWT against a JWKS and run every claim check"}},
        {QStringLiteral("discover"), {cli::runDiscover, "fetch and check a provider's metadata and keys"}},
        {QStringLiteral("login"), {cli::runLogin, "authorization code + PKCE via the system browser and a loopback listener"}},
        {QStringLiteral("token"), {cli::runToken, "client-credentials or refresh grant"}},
        {QStringLiteral("userinfo"), {cli::runUserInfo, "call the userinfo endpoint with an access token"}},
        {QStringLiteral("revoke"), {cli::runRevoke, "revoke an access or refresh token (RFC 7009)"}},
        {QStringLiteral("logout-url"), {cli::runLogoutUrl, "build the RP-initiated logout URL"}},
        {QStringLiteral("descope"), {cli::runDescope, "Descope's authentication API: links, codes, passkeys, sessions, access keys"}},
        {QStringLiteral("replay"), {cli::runReplay, "run a recorded login again headless and compare every check (JUnit XML for CI)"}},
        {QStringLiteral("har"), {cli::runHar, "analyze a HAR file: OAuth/OIDC/Descope exchanges, tokens and findings"}},
        {QStringLiteral("sandbox"), {cli::runSandbox, "run the built-in sandbox provider on 127.0.0.1 until interrupted"}},
        {QStringLiteral("completions"), {cli::runCompletions, "print the bash, zsh or fish completion script for oidcplay-cli"}},
    };
    return table;
}

} // namespace cli

namespace {

void printUsage()
{
    std::string text = "Usage: oidcplay-cli <command> [options]   (oidcplay-cli <command> --help for each)\n\nCommands:\n";
    for (const auto &[name, command] : cli::commands()) {
        std::string padded = name.toStdString();
        padded.resize(12, ' ');
        text += "  " + padded + command.summary + "\n";
    }
    text += "\nExit codes: 0 success; 1 a check failed or the provider refused; 2 bad arguments; 3 input, keys or network unavailable.\n"
            "Machine output goes to stdout (--json: one JSON object), errors and warnings to stderr.";
    cli::printOut(text);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("oidcplay-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OIDCPLAY_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    if (arguments.isEmpty() || arguments.first() == QLatin1String("--help") || arguments.first() == QLatin1String("-h")
        || arguments.first() == QLatin1String("help")) {
        printUsage();
        return arguments.isEmpty() ? cli::kExitUsage : cli::kExitOk;
    }
    if (arguments.first() == QLatin1String("--version")) {
        cli::printOut("oidcplay-cli " OIDCPLAY_VERSION);
        return cli::kExitOk;
    }
    const QString name = arguments.takeFirst();
    const auto it = cli::commands().find(name);
    if (it == cli::commands().end()) {
        cli::printErr("error: unknown command \"" + name.toStdString() + "\" (see oidcplay-cli --help)");
        return cli::kExitUsage;
    }
    return it->second.run(arguments);
}
