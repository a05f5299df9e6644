#pragma once

// Shared output helpers for oidcplay-cli: machine output on stdout, errors on stderr.

#include "oidc/Json.h"
#include "oidc/Result.h"

#include <QCommandLineParser>
#include <QString>

#include <optional>
#include <string>

namespace cli {

// Exit codes, the same for every command (documented in `oidcplay-cli --help`).
enum ExitCode : int {
    kExitOk = 0,
    kExitCheckFailed = 1, // the operation ran and a check or the provider said no
    kExitUsage = 2,       // bad arguments
    kExitError = 3,       // input unusable, keys or network unavailable
};

void printOut(const std::string &text);   // stdout, with a newline
void printErr(const std::string &text);   // stderr, with a newline
void printJson(const oidc::Json &json);   // one line of JSON on stdout

[[nodiscard]] oidc::Json errorJson(const oidc::Error &error);

// Reports an error: as {"ok":false,"error":{…}} on stdout with --json, else a line on stderr.
int fail(const oidc::Error &error, bool json, int exitCode = kExitError);

// Parses the command's arguments; on --help prints help and returns kExitOk, on error prints
// it and returns kExitUsage; otherwise std::nullopt (carry on). `usage` is the command's
// synopsis after "oidcplay-cli ", e.g. "decode [TOKEN|-] [--json]".
[[nodiscard]] std::optional<int> parseOrExit(QCommandLineParser &parser, const QString &usage, const QStringList &arguments);

// The token argument: a literal, "-" (or nothing) for stdin; whitespace and "Bearer " trimmed.
[[nodiscard]] oidc::Result<std::string> readTokenArgument(const QStringList &positional);

[[nodiscard]] oidc::Result<std::string> readFileText(const QString &path, qint64 maxBytes);

} // namespace cli
