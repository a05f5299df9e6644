// oidcplay-cli pkce: a PKCE pair (RFC 7636) with state and nonce.

#include "CliOutput.h"
#include "Commands.h"

#include "oidc/Pkce.h"

namespace cli {

int runPkce(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Generates a PKCE code_verifier and code_challenge (RFC 7636) plus a state and a nonce, all from OpenSSL's CSPRNG."));
    const QCommandLineOption methodOption(QStringLiteral("method"), QStringLiteral("S256 (default) or plain (insecure)."),
                                          QStringLiteral("S256|plain"), QStringLiteral("S256"));
    const QCommandLineOption lengthOption(QStringLiteral("length"), QStringLiteral("Verifier length, 43–128 (default 43 = 32 random bytes)."),
                                          QStringLiteral("N"), QString::number(oidc::kDefaultVerifierLength));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    parser.addOptions({methodOption, lengthOption, jsonOption});
    if (auto exit = parseOrExit(parser, QStringLiteral("pkce [--method S256|plain] [--length N] [--json]"), arguments))
        return *exit;
    const bool json = parser.isSet(jsonOption);
    if (!parser.positionalArguments().isEmpty()) {
        printErr("error: pkce takes no positional arguments");
        return kExitUsage;
    }

    const QString methodText = parser.value(methodOption);
    oidc::PkceMethod method;
    if (methodText == QLatin1String("S256")) {
        method = oidc::PkceMethod::S256;
    } else if (methodText == QLatin1String("plain")) {
        method = oidc::PkceMethod::Plain;
        printErr("warning: the plain method sends the verifier itself as the challenge; use S256 (RFC 7636 §7.2)");
    } else {
        return fail(oidc::makeError(oidc::ErrorCategory::Input, "USAGE", "--method must be S256 or plain", "S256|plain",
                                    methodText.toStdString()), json, kExitUsage);
    }
    bool numeric = false;
    const int length = parser.value(lengthOption).toInt(&numeric);
    if (!numeric)
        return fail(oidc::makeError(oidc::ErrorCategory::Input, "USAGE", "--length must be a number", "43–128",
                                    parser.value(lengthOption).toStdString()), json, kExitUsage);

    auto pkce = oidc::generatePkce(method, length);
    if (!pkce)
        return fail(pkce.error(), json, pkce.error().code == "PKCE_LENGTH" ? kExitUsage : kExitError);
    auto state = oidc::generateState();
    auto nonce = oidc::generateNonce();
    if (!state)
        return fail(state.error(), json);
    if (!nonce)
        return fail(nonce.error(), json);

    if (json) {
        printJson({{"code_verifier", pkce->codeVerifier},
                   {"code_challenge", pkce->codeChallenge},
                   {"code_challenge_method", std::string(oidc::pkceMethodName(method))},
                   {"state", *state},
                   {"nonce", *nonce}});
    } else {
        printOut("code_verifier: " + pkce->codeVerifier);
        printOut("code_challenge: " + pkce->codeChallenge);
        printOut("code_challenge_method: " + std::string(oidc::pkceMethodName(method)));
        printOut("state: " + *state);
        printOut("nonce: " + *nonce);
    }
    return kExitOk;
}

} // namespace cli
