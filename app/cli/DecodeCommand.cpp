// oidcplay-cli decode: header, claims and human times of a JWT, without verifying it.

#include "CliOutput.h"
#include "Commands.h"
#include "TokenReport.h"

#include "oidc/HumanTime.h"
#include "oidc/jwt/ClaimCatalog.h"
#include "oidc/jwt/ClaimChecks.h"
#include "oidc/jwt/Jwt.h"

namespace cli {

int runDecode(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Decodes a JWT (JWS compact form) WITHOUT verifying it: header, claims, human-readable times and the seconds until expiry.\n"
        "TOKEN may be given as an argument, or as - (or nothing) to read it from standard input."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption maxSizeOption(QStringLiteral("max-size"), QStringLiteral("Largest token accepted, in bytes (default 65536)."),
                                           QStringLiteral("BYTES"), QStringLiteral("65536"));
    parser.addOptions({jsonOption, maxSizeOption});
    parser.addPositionalArgument(QStringLiteral("token"), QStringLiteral("The JWT, or - for standard input."), QStringLiteral("[TOKEN|-]"));
    if (auto exit = parseOrExit(parser, QStringLiteral("decode [TOKEN|-] [--json] [--max-size BYTES]"), arguments))
        return *exit;
    const bool json = parser.isSet(jsonOption);

    auto token = readTokenArgument(parser.positionalArguments());
    if (!token)
        return fail(token.error(), json, token.error().code == "USAGE" ? kExitUsage : kExitError);
    oidc::jwt::JwtDecodeOptions options;
    bool numeric = false;
    options.maxSize = parser.value(maxSizeOption).toULongLong(&numeric);
    if (!numeric || options.maxSize == 0)
        return fail(oidc::makeError(oidc::ErrorCategory::Input, "USAGE", "--max-size must be a positive number of bytes"), json, kExitUsage);

    auto decoded = oidc::jwt::decodeJwt(*token, options);
    if (!decoded)
        return fail(decoded.error(), json);
    const int64_t now = oidc::jwt::unixNow();
    const auto times = timeClaims(*decoded, now);
    const auto remaining = secondsUntilExpiry(*decoded, now);

    if (json) {
        oidc::Json out = {{"ok", true},
                          {"verified", false},
                          {"header", decoded->header()},
                          {"claims", decoded->claims()},
                          {"times", timesJson(times)},
                          {"seconds_until_expiry", remaining ? oidc::Json(*remaining) : oidc::Json(nullptr)},
                          {"signature_bytes", decoded->signature.size()}};
        printJson(out);
        return kExitOk;
    }
    printOut("header:");
    printOut(decoded->header().dump(2));
    printOut("claims:");
    printOut(decoded->claims().dump(2));
    if (!times.empty()) {
        printOut("times:");
        for (const auto &time : times)
            printOut("  " + time.name + ": " + time.utc + " | " + time.local + " | " + time.relative);
    }
    if (remaining)
        printOut(*remaining >= 0 ? "expires in: " + oidc::formatDuration(*remaining) + " (" + std::to_string(*remaining) + " s)"
                                 : "expired: " + oidc::formatDuration(-*remaining) + " ago (" + std::to_string(*remaining) + " s)");
    else
        printOut("expires: never (no exp claim)");
    printOut("signature: " + std::to_string(decoded->signature.size()) + " bytes, NOT verified (use oidcplay-cli verify)");
    return kExitOk;
}

} // namespace cli
