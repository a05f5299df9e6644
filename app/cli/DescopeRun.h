#pragma once

// One run of `oidcplay-cli descope COMMAND …` (issue 8's CLI contract): the options every descope
// command shares (--project-id, --base-url, --json, --show-tokens), the client they build, and the
// one way a run ends. With --json stdout carries exactly one object — also on bad arguments — and
// tokens are redacted unless --show-tokens. Progress and prompts go to stderr only. Exit codes:
// 0 success; 1 refused, unusable or a check failed; 2 bad arguments (INPUT); 3 no answer (NET, or
// no redirect in time: LISTENER) or keys unavailable (KEYS).

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/descope/BlockingDescopeClient.h"
#include "oidc/descope/LoginOptions.h"
#include "oidc/descope/ManagementClient.h"
#include "oidc/net/QtHttpTransport.h"

#include <QCommandLineParser>

#include <memory>
#include <optional>
#include <string>

namespace cli {

class DescopeRun final {
public:
    // `usage` is the synopsis after "oidcplay-cli " for --help.
    explicit DescopeRun(QString usage);

    // Adds the common options and `extra`, then parses. Returns an exit code when the run is over
    // already (--help, or bad arguments reported), else nullopt.
    [[nodiscard]] std::optional<int> parse(const QStringList &arguments, const QList<QCommandLineOption> &extra);

    [[nodiscard]] const QCommandLineParser &parser() const { return m_parser; }
    [[nodiscard]] bool json() const { return m_json; }

    // The client for --project-id / --base-url (INPUT error when they are unusable).
    [[nodiscard]] oidc::Result<oidc::descope::BlockingDescopeClient *> client();
    // The management client for the same project, holding `managementKey` (a secret: the client
    // never logs it nor puts it in an error).
    [[nodiscard]] oidc::Result<oidc::descope::BlockingManagementClient *> managementClient(std::string managementKey);

    // The option's value, or INPUT USAGE naming it when it is missing or empty.
    [[nodiscard]] oidc::Result<std::string> required(const QCommandLineOption &option) const;
    // A secret given as `value` or read whole from `file` (trimmed): exactly one of them.
    [[nodiscard]] oidc::Result<std::string> secret(const QCommandLineOption &value, const QCommandLineOption &file) const;
    // --step-up with the refresh JWT of --refresh-token-file (both, or neither).
    [[nodiscard]] oidc::Result<oidc::descope::LoginOptions> stepUp(const QCommandLineOption &stepUp,
                                                                    const QCommandLineOption &refreshFile) const;

    // A token as printed: whole with --show-tokens, else redacted.
    [[nodiscard]] std::string token(const std::string &value) const;
    // Adds the outcome to `out`: "session" (only when every check passed) or the untrusted claims,
    // and "checks".
    void addSession(oidc::Json &out, const oidc::descope::SessionOutcome &outcome) const;

    // Ends the run: `out` plus ok / error, on stdout (one object with --json, else indented); the
    // error also on stderr. Returns the exit code for the error's category.
    [[nodiscard]] int finish(oidc::Json out, const std::optional<oidc::Error> &error = std::nullopt) const;
    [[nodiscard]] int fail(const oidc::Error &error) const { return finish(oidc::Json::object(), error); }
    // finish() for what the person or the provider answered at the browser (the redirect's
    // error=access_denied…): a refusal, exit 1, whatever category the core gives that error.
    [[nodiscard]] int refused(oidc::Json out, const oidc::Error &error) const;
    // finish() with the outcome added (addSession), failing with its error when it has no session.
    [[nodiscard]] int finishSession(oidc::Json out, const oidc::descope::SessionOutcome &outcome) const;

private:
    [[nodiscard]] oidc::Result<oidc::descope::DescopeProject> project() const;
    [[nodiscard]] int end(oidc::Json out, const std::optional<oidc::Error> &error, int exitCode) const;

    QString m_usage;
    QCommandLineParser m_parser;
    QCommandLineOption m_projectId;
    QCommandLineOption m_baseUrl;
    QCommandLineOption m_jsonOption;
    QCommandLineOption m_showTokens;
    bool m_json = false;
    oidc::net::QtHttpTransport m_transport;
    std::unique_ptr<oidc::descope::BlockingDescopeClient> m_client;
    std::unique_ptr<oidc::descope::BlockingManagementClient> m_managementClient;
};

// Prints `prompt` on stderr (no newline) and reads one line from stdin, trimmed; INPUT
// DESCOPE_STDIN_EMPTY at end of input, DESCOPE_STDIN_TOO_LONG past 64 KiB.
[[nodiscard]] oidc::Result<std::string> promptLine(const std::string &prompt);

// Exit code of an error category (the table in DescopeRun's header).
[[nodiscard]] int descopeExitCode(oidc::ErrorCategory category);

} // namespace cli
