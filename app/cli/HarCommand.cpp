// oidcplay-cli har analyze: what a HAR file holds of OAuth/OIDC/Descope, and what went wrong.

#include "CliOutput.h"
#include "Commands.h"

#include "oidc/Redaction.h"
#include "oidc/har/HarAnalyzer.h"
#include "oidc/har/HarReader.h"

namespace cli {

namespace {

int analyzeHar(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Reads a HAR file (a browser's export, or OIDC Playground's) and lists its OAuth/OIDC/Descope exchanges and the findings:\n"
        "missing PKCE, state and nonce mismatches, reused codes, expired tokens, clock skew, 429s, tokens in URLs, ID-token\n"
        "signatures against the JWKS in the file. Tokens are printed redacted unless --show-tokens.\n"
        "Exit codes: 0 no finding is an error; 1 a finding is an error; 2 bad arguments or not a HAR file; 3 the file cannot be read."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print one JSON object {ok, exchanges, findings, tokens}."));
    const QCommandLineOption showTokensOption(QStringLiteral("show-tokens"), QStringLiteral("Print the tokens found unredacted."));
    parser.addOptions({jsonOption, showTokensOption});
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The HAR file."), QStringLiteral("FILE"));
    if (auto exit = parseOrExit(parser, QStringLiteral("har analyze FILE [--json] [--show-tokens]"), arguments))
        return *exit;
    const bool json = parser.isSet(jsonOption);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return fail(oidc::makeError(oidc::ErrorCategory::Input, "USAGE", "har analyze takes exactly one FILE"), json, kExitUsage);

    oidc::har::HarAnalyzer analyzer;
    auto read = oidc::har::HarReader::readFile(positional.first(), [&](oidc::har::HarEntry &&entry) { analyzer.add(entry); });
    if (!read)
        return fail(read.error(), json, read.error().code == "HAR_FILE_UNREADABLE" ? kExitError : kExitUsage);
    const oidc::har::HarAnalysis analysis = analyzer.finish();
    const bool showTokens = parser.isSet(showTokensOption);
    if (json) {
        printJson(analysis.toJson(showTokens));
        return analysis.ok() ? kExitOk : kExitCheckFailed;
    }
    printOut(std::to_string(analysis.entryCount) + " entries, " + std::to_string(analysis.exchanges.size()) + " OAuth/OIDC/Descope exchanges");
    for (const auto &exchange : analysis.exchanges)
        printOut("  #" + std::to_string(exchange.entry) + "  " + std::string(oidc::har::exchangeKindName(exchange.kind)) + "  " + exchange.method
                 + " " + exchange.url + "  -> " + std::to_string(exchange.status) + (exchange.detail.empty() ? "" : "  (" + exchange.detail + ")"));
    if (!analysis.tokens.empty()) {
        printOut("tokens:");
        for (const auto &token : analysis.tokens)
            printOut("  #" + std::to_string(token.entry) + "  " + token.name + " in the " + token.where + ": "
                     + (showTokens ? token.value : oidc::redactSecret(token.value)));
    }
    printOut(analysis.findings.empty() ? "findings: none" : "findings:");
    for (const auto &finding : analysis.findings)
        printOut("  [" + std::string(oidc::har::severityName(finding.severity)) + "] " + finding.code + "  entry " + std::to_string(finding.entry)
                 + ": " + finding.message);
    return analysis.ok() ? kExitOk : kExitCheckFailed;
}

} // namespace

int runHar(const QStringList &arguments)
{
    if (arguments.isEmpty() || arguments.first() == QLatin1String("--help") || arguments.first() == QLatin1String("-h")) {
        printOut("Usage: oidcplay-cli har analyze FILE [--json] [--show-tokens]\n\n"
                 "  analyze     list the OAuth/OIDC/Descope exchanges of a HAR file and flag what went wrong");
        return arguments.isEmpty() ? kExitUsage : kExitOk;
    }
    QStringList rest = arguments;
    const QString sub = rest.takeFirst();
    if (sub == QLatin1String("analyze"))
        return analyzeHar(rest);
    printErr("error: unknown har command \"" + sub.toStdString() + "\" (see oidcplay-cli har --help)");
    return kExitUsage;
}

} // namespace cli
