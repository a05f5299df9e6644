#include "CliOutput.h"

#include "oidc/jwt/Jwt.h"

#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <iostream>

namespace cli {

void printOut(const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void printErr(const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

void printJson(const oidc::Json &json)
{
    printOut(json.dump(-1, ' ', false, oidc::Json::error_handler_t::replace));
}

oidc::Json errorJson(const oidc::Error &error)
{
    oidc::Json json = {{"category", std::string(oidc::categoryName(error.category))}, {"code", error.code}, {"message", error.message}};
    if (error.httpStatus)
        json["httpStatus"] = error.httpStatus;
    if (!error.expected.empty())
        json["expected"] = error.expected;
    if (!error.actual.empty())
        json["actual"] = error.actual;
    return json;
}

int fail(const oidc::Error &error, bool json, int exitCode)
{
    if (json)
        printJson({{"ok", false}, {"error", errorJson(error)}});
    printErr("error: " + error.summary());
    return exitCode;
}

std::optional<int> parseOrExit(QCommandLineParser &parser, const QString &usage, const QStringList &arguments)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    QStringList argv = arguments;
    argv.prepend(QStringLiteral("oidcplay-cli"));
    if (!parser.parse(argv)) {
        printErr("error: " + parser.errorText().toStdString() + " (see oidcplay-cli " + usage.section(QLatin1Char(' '), 0, 0).toStdString()
                 + " --help)");
        return kExitUsage;
    }
    if (parser.isSet(help)) {
        // Qt's first line names the binary path; replace it with the command's own usage.
        QString text = parser.helpText();
        text = text.mid(text.indexOf(QLatin1Char('\n')) + 1);
        printOut("Usage: oidcplay-cli " + usage.toStdString() + "\n" + text.toStdString());
        return kExitOk;
    }
    return std::nullopt;
}

oidc::Result<std::string> readFileText(const QString &path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return oidc::makeError(oidc::ErrorCategory::Input, "FILE_UNREADABLE", "cannot read " + path.toStdString() + ": "
                                                                                  + file.errorString().toStdString());
    const QByteArray data = file.read(maxBytes + 1);
    if (data.size() > maxBytes)
        return oidc::makeError(oidc::ErrorCategory::Input, "FILE_TOO_LARGE", path.toStdString() + " is larger than "
                                                                                 + std::to_string(maxBytes) + " bytes");
    return data.toStdString();
}

oidc::Result<std::string> readTokenArgument(const QStringList &positional)
{
    if (positional.size() > 1)
        return oidc::makeError(oidc::ErrorCategory::Input, "USAGE", "give one token (or - for standard input)");
    std::string text;
    if (positional.isEmpty() || positional.first() == QLatin1String("-")) {
        // Read at most 1 MiB + 1 so an endless stream is refused rather than buffered.
        constexpr size_t kMax = 1 << 20;
        text.resize(kMax + 1);
        const size_t read = std::fread(text.data(), 1, text.size(), stdin);
        text.resize(read);
        if (read > kMax)
            return oidc::makeError(oidc::ErrorCategory::IdToken, "JWT_TOO_LARGE", "standard input holds more than 1 MiB");
    } else {
        text = positional.first().toStdString();
    }
    return std::string(oidc::jwt::trimToken(text));
}

} // namespace cli
