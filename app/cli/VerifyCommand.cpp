// oidcplay-cli verify: signature and claim checks of a JWT against a JWKS (URL or file).

#include "CliOutput.h"
#include "Commands.h"
#include "TokenReport.h"

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/jwt/JwksClient.h"
#include "oidc/jwt/JwtValidator.h"
#include "oidc/net/BlockingSend.h"
#include "oidc/net/QtHttpTransport.h"

#include <QUrl>

namespace cli {

namespace {

using oidc::ErrorCategory;
using oidc::makeError;

oidc::Result<oidc::crypto::JsonWebKeySet> loadKeys(const QString &source)
{
    const QUrl url(source);
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
        auto request = oidc::jwt::buildJwksRequest(url, true);
        if (!request)
            return request.error();
        if (scheme == QLatin1String("http"))
            printErr("warning: fetching keys over plain http (allowed only because the host is loopback)");
        oidc::net::QtHttpTransport transport;
        auto response = oidc::net::sendAndWait(transport, *request);
        if (!response) {
            oidc::Error error = response.error();
            error.message = "cannot fetch provider keys: " + error.message;
            return error;
        }
        return oidc::jwt::processJwksResponse(*response);
    }
    auto text = readFileText(source, oidc::jwt::kMaxJwksBytes);
    if (!text)
        return text.error();
    return oidc::crypto::parseKeyMaterial(*text);
}

const char *outcomeName(oidc::jwt::CheckOutcome outcome)
{
    switch (outcome) {
    case oidc::jwt::CheckOutcome::Pass: return "pass";
    case oidc::jwt::CheckOutcome::Fail: return "fail";
    case oidc::jwt::CheckOutcome::Skip: return "skip";
    }
    return "?";
}

} // namespace

int runVerify(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Verifies a JWT's signature against a key set and runs every claim check (OIDC Core §3.1.3.7).\n"
        "The accepted algorithms come from --algs, never from the token. Exit 0 only when every check passes;\n"
        "1 when a check fails or the token is malformed; 2 on bad arguments; 3 when the keys cannot be loaded."));
    const QCommandLineOption jwksOption(QStringLiteral("jwks"),
                                        QStringLiteral("Key set: an https URL (http only on loopback), or a file holding a JWKS, a JWK or a PEM public key/certificate."),
                                        QStringLiteral("URL|FILE"));
    const QCommandLineOption issuerOption(QStringLiteral("issuer"), QStringLiteral("Expected iss (exact match)."), QStringLiteral("I"));
    const QCommandLineOption audienceOption(QStringLiteral("audience"), QStringLiteral("Expected audience (the client_id)."), QStringLiteral("A"));
    const QCommandLineOption nonceOption(QStringLiteral("nonce"), QStringLiteral("Expected nonce."), QStringLiteral("N"));
    const QCommandLineOption leewayOption(QStringLiteral("leeway"), QStringLiteral("Clock skew allowed, in seconds (default 30)."),
                                          QStringLiteral("S"), QStringLiteral("30"));
    const QCommandLineOption algsOption(QStringLiteral("algs"),
                                       QStringLiteral("Allowed algorithms, comma-separated (default: RS*, PS*, ES*, EdDSA)."),
                                       QStringLiteral("RS256,ES256,…"));
    const QCommandLineOption secretOption(QStringLiteral("hmac-secret-file"),
                                          QStringLiteral("File holding the shared secret for HS256/384/512 (list them in --algs)."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption unsignedOption(QStringLiteral("allow-unsigned"),
                                            QStringLiteral("INSECURE: accept alg \"none\" (an unsigned token)."));
    const QCommandLineOption maxSizeOption(QStringLiteral("max-size"), QStringLiteral("Largest token accepted, in bytes (default 65536)."),
                                           QStringLiteral("BYTES"), QStringLiteral("65536"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    parser.addOptions({jwksOption, issuerOption, audienceOption, nonceOption, leewayOption, algsOption, secretOption,
                       unsignedOption, maxSizeOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("token"), QStringLiteral("The JWT, or - for standard input."), QStringLiteral("TOKEN|-"));
    if (auto exit = parseOrExit(parser,
                                QStringLiteral("verify TOKEN|- --jwks URL|FILE [--issuer I] [--audience A] [--nonce N] [--leeway S] "
                                               "[--algs RS256,ES256,…] [--json]"),
                                arguments))
        return *exit;
    const bool json = parser.isSet(jsonOption);
    const auto usage = [&](std::string message) {
        return fail(makeError(ErrorCategory::Input, "USAGE", std::move(message)), json, kExitUsage);
    };

    oidc::jwt::SignaturePolicy policy;
    oidc::jwt::ClaimCheckOptions checks;
    oidc::jwt::JwtDecodeOptions decodeOptions;
    bool numeric = false;
    checks.leewaySeconds = parser.value(leewayOption).toLongLong(&numeric);
    if (!numeric || checks.leewaySeconds < 0)
        return usage("--leeway must be a number of seconds ≥ 0");
    decodeOptions.maxSize = parser.value(maxSizeOption).toULongLong(&numeric);
    if (!numeric || decodeOptions.maxSize == 0)
        return usage("--max-size must be a positive number of bytes");
    if (parser.isSet(issuerOption))
        checks.issuer = parser.value(issuerOption).toStdString();
    if (parser.isSet(audienceOption))
        checks.audience = parser.value(audienceOption).toStdString();
    if (parser.isSet(nonceOption))
        checks.nonce = parser.value(nonceOption).toStdString();
    if (parser.isSet(algsOption)) {
        for (const QString &name : parser.value(algsOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto algorithm = oidc::crypto::parseJwsAlgorithm(name.trimmed().toStdString());
            if (!algorithm || *algorithm == oidc::crypto::JwsAlgorithm::None)
                return usage("unknown algorithm in --algs: " + name.toStdString() + " (use --allow-unsigned for none)");
            policy.allowedAlgorithms.push_back(*algorithm);
        }
        if (policy.allowedAlgorithms.empty())
            return usage("--algs lists no algorithm");
    }
    if (parser.isSet(unsignedOption)) {
        policy.allowUnsigned = true;
        printErr("warning: --allow-unsigned accepts tokens with alg \"none\": anyone can forge them");
    }
    if (parser.isSet(secretOption)) {
        auto secret = readFileText(parser.value(secretOption), 4096);
        if (!secret)
            return fail(secret.error(), json);
        std::string value = std::move(secret).value();
        while (!value.empty() && (value.back() == '\n' || value.back() == '\r'))
            value.pop_back();
        policy.hmacSecret = std::move(value);
    }
    if (!parser.isSet(jwksOption) && policy.hmacSecret.empty() && !policy.allowUnsigned)
        return usage("--jwks is required (or --hmac-secret-file for HS* tokens)");

    auto token = readTokenArgument(parser.positionalArguments());
    if (!token)
        return fail(token.error(), json, token.error().code == "USAGE" ? kExitUsage : kExitCheckFailed);

    oidc::crypto::JsonWebKeySet keys;
    if (parser.isSet(jwksOption)) {
        auto loaded = loadKeys(parser.value(jwksOption));
        if (!loaded)
            return fail(loaded.error(), json, kExitError);
        keys = std::move(loaded).value();
        for (const auto &note : keys.skipped)
            printErr("note: " + note);
    }

    const auto validation = oidc::jwt::validateJwt(*token, keys, policy, checks, decodeOptions);
    if (!validation.jwt)
        return fail(*validation.error, json, kExitCheckFailed);

    const int64_t now = checks.now.value_or(oidc::jwt::unixNow());
    if (json) {
        oidc::Json list = oidc::Json::array();
        for (const auto &check : validation.checks) {
            oidc::Json entry = {{"id", check.id}, {"ok", check.passed()}, {"outcome", outcomeName(check.outcome)},
                                {"rule", check.rule()}, {"detail", check.detail()}};
            if (!check.code.empty())
                entry["code"] = check.code;
            list.push_back(std::move(entry));
        }
        oidc::Json out = {{"ok", validation.ok()},
                          {"checks", std::move(list)},
                          {"header", validation.jwt->header()},
                          {"claims", validation.jwt->claims()},
                          {"times", timesJson(timeClaims(*validation.jwt, now))}};
        const auto remaining = secondsUntilExpiry(*validation.jwt, now);
        out["seconds_until_expiry"] = remaining ? oidc::Json(*remaining) : oidc::Json(nullptr);
        if (validation.signature)
            out["signature"] = {{"alg", validation.signature->algorithm}, {"key", validation.signature->keyDescription},
                                {"kid", validation.signature->kid}, {"notes", validation.signature->notes}};
        if (validation.error)
            out["error"] = errorJson(*validation.error);
        printJson(out);
    } else {
        for (const auto &check : validation.checks) {
            const char *label = check.outcome == oidc::jwt::CheckOutcome::Pass ? "PASS"
                : check.outcome == oidc::jwt::CheckOutcome::Fail                ? "FAIL"
                                                                                 : "SKIP";
            std::string id = check.id;
            id.resize(std::max<size_t>(id.size(), 10), ' ');
            printOut(std::string(label) + "  " + id + " " + check.detail());
        }
        printOut(validation.ok() ? "result: all checks passed" : "result: FAILED — " + validation.error->summary());
    }
    if (!validation.ok() && !json)
        printErr("error: " + validation.error->summary());
    return validation.ok() ? kExitOk : kExitCheckFailed;
}

} // namespace cli
