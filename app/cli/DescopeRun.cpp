#include "DescopeRun.h"

#include "CliOutput.h"

#include "oidc/Redaction.h"

#include <QUrl>

#include <cstdio>

namespace cli {

using oidc::ErrorCategory;
using oidc::Json;
using oidc::makeError;
using namespace oidc::descope;

namespace {

constexpr qint64 kMaxSecretFileBytes = 64 * 1024;
constexpr size_t kMaxStdinLine = 64 * 1024;

Json checksJson(const std::vector<oidc::jwt::ClaimCheck> &checks)
{
    Json json = Json::array();
    for (const auto &check : checks) {
        Json item = {{"id", check.id}, {"ok", check.passed()}, {"detail", check.detail()}};
        if (!check.passed())
            item["code"] = check.code;
        json.push_back(std::move(item));
    }
    return json;
}

Json notesJson(const std::vector<ClaimNote> &notes)
{
    Json json = Json::array();
    for (const auto &note : notes)
        json.push_back({{"claim", note.claim}, {"title", note.title}, {"value", note.value}, {"meaning", note.meaning}});
    return json;
}

// "descope session refresh" of "descope session refresh (--refresh-token T | …)".
std::string commandWords(const QString &usage)
{
    QStringList words;
    for (const QString &word : usage.split(QLatin1Char(' '))) {
        if (word.isEmpty() || !word.front().isLetter())
            break;
        words.append(word);
    }
    return words.join(QLatin1Char(' ')).toStdString();
}

std::string trimmed(const std::string &text)
{
    return QString::fromStdString(text).trimmed().toStdString();
}

} // namespace

int descopeExitCode(ErrorCategory category)
{
    switch (category) {
    case ErrorCategory::Input: return kExitUsage;
    case ErrorCategory::Net:
    case ErrorCategory::Listener:
    case ErrorCategory::Keys: return kExitError;
    default: return kExitCheckFailed;
    }
}

DescopeRun::DescopeRun(QString usage)
    : m_usage(std::move(usage))
    , m_projectId(QStringLiteral("project-id"), QStringLiteral("The Descope project ID (required)."), QStringLiteral("PID"))
    , m_baseUrl(QStringLiteral("base-url"), QStringLiteral("The API's base URL (default: derived from the project ID)."), QStringLiteral("URL"))
    , m_jsonOption(QStringLiteral("json"), QStringLiteral("Print one JSON object on stdout."))
    , m_showTokens(QStringLiteral("show-tokens"), QStringLiteral("Print tokens in full (they are redacted by default)."))
{
}

std::optional<int> DescopeRun::parse(const QStringList &arguments, const QList<QCommandLineOption> &extra)
{
    // Known before parsing, so that bad arguments are reported as JSON too.
    m_json = arguments.contains(QStringLiteral("--json"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    m_parser.addOptions({m_projectId, m_baseUrl, m_jsonOption, m_showTokens, help});
    m_parser.addOptions(extra);
    QStringList argv = arguments;
    argv.prepend(QStringLiteral("oidcplay-cli"));
    if (!m_parser.parse(argv))
        return fail(makeError(ErrorCategory::Input, "USAGE", m_parser.errorText().toStdString() + " (see oidcplay-cli " + commandWords(m_usage) + " --help)"));
    if (m_parser.isSet(help)) {
        QString text = m_parser.helpText();
        text = text.mid(text.indexOf(QLatin1Char('\n')) + 1);
        printOut("Usage: oidcplay-cli " + m_usage.toStdString() + "\n" + text.toStdString());
        return kExitOk;
    }
    if (!m_parser.positionalArguments().isEmpty())
        return fail(makeError(ErrorCategory::Input, "USAGE", "unexpected argument \"" + m_parser.positionalArguments().first().toStdString() + "\""));
    return std::nullopt;
}

oidc::Result<DescopeProject> DescopeRun::project() const
{
    auto projectId = required(m_projectId);
    if (!projectId)
        return projectId.error();
    return DescopeProject::create(QString::fromStdString(*projectId), QUrl(m_parser.value(m_baseUrl)));
}

oidc::Result<BlockingDescopeClient *> DescopeRun::client()
{
    if (!m_client) {
        auto described = project();
        if (!described)
            return described.error();
        m_client = std::make_unique<BlockingDescopeClient>(m_transport, std::move(described).value());
    }
    return m_client.get();
}

oidc::Result<BlockingManagementClient *> DescopeRun::managementClient(std::string managementKey)
{
    auto described = project();
    if (!described)
        return described.error();
    m_managementClient = std::make_unique<BlockingManagementClient>(m_transport, std::move(described).value(), std::move(managementKey));
    return m_managementClient.get();
}

oidc::Result<std::string> DescopeRun::required(const QCommandLineOption &option) const
{
    const QString value = m_parser.value(option).trimmed();
    if (value.isEmpty())
        return makeError(ErrorCategory::Input, "USAGE", "--" + option.names().constFirst().toStdString() + " is required");
    return value.toStdString();
}

oidc::Result<std::string> DescopeRun::secret(const QCommandLineOption &value, const QCommandLineOption &file) const
{
    const std::string names = "--" + value.names().constFirst().toStdString() + " or --" + file.names().constFirst().toStdString();
    if (m_parser.isSet(value) == m_parser.isSet(file))
        return makeError(ErrorCategory::Input, "USAGE", "give exactly one of " + names);
    if (m_parser.isSet(value))
        return required(value);
    auto text = readFileText(m_parser.value(file), kMaxSecretFileBytes);
    if (!text)
        return text.error();
    std::string secretText = trimmed(*text);
    if (secretText.empty())
        return makeError(ErrorCategory::Input, "USAGE", m_parser.value(file).toStdString() + " is empty");
    return secretText;
}

oidc::Result<LoginOptions> DescopeRun::stepUp(const QCommandLineOption &stepUp, const QCommandLineOption &refreshFile) const
{
    LoginOptions options;
    if (m_parser.isSet(stepUp) != m_parser.isSet(refreshFile))
        return makeError(ErrorCategory::Input, "USAGE", "--step-up and --refresh-token-file go together");
    if (!m_parser.isSet(stepUp))
        return options;
    auto text = readFileText(m_parser.value(refreshFile), kMaxSecretFileBytes);
    if (!text)
        return text.error();
    options.stepup = true;
    options.refreshJwt = trimmed(*text);
    return options;
}

std::string DescopeRun::token(const std::string &value) const
{
    return m_parser.isSet(m_showTokens) ? value : oidc::redactSecret(value);
}

void DescopeRun::addSession(Json &out, const SessionOutcome &outcome) const
{
    out["checks"] = checksJson(outcome.checks);
    if (!outcome.ok()) {
        if (!outcome.untrustedClaims.is_null()) {
            out["claims"] = outcome.untrustedClaims;
            out["claimsTrusted"] = false;
        }
        return;
    }
    const DescopeSession &session = outcome.result.value();
    Json json = {{"userId", session.userId}, {"loginIds", session.loginIds}, {"claims", session.session.claims()},
                 {"expiresAt", session.expiresAt}, {"sessionJwt", token(session.sessionJwt)}, {"notes", notesJson(session.notes)}};
    json["refreshExpiresAt"] = session.refreshExpiresAt ? Json(*session.refreshExpiresAt) : Json(nullptr);
    if (!session.refreshJwt.empty())
        json["refreshJwt"] = token(session.refreshJwt);
    out["session"] = std::move(json);
}

int DescopeRun::finish(Json out, const std::optional<oidc::Error> &error) const
{
    return end(std::move(out), error, error ? descopeExitCode(error->category) : kExitOk);
}

int DescopeRun::refused(Json out, const oidc::Error &error) const
{
    return end(std::move(out), error, kExitCheckFailed);
}

int DescopeRun::end(Json out, const std::optional<oidc::Error> &error, int exitCode) const
{
    out["ok"] = !error;
    if (error)
        out["error"] = errorJson(*error);
    if (m_json)
        printJson(out);
    else if (!error)
        printOut(out.dump(2, ' ', false, Json::error_handler_t::replace));
    if (error)
        printErr("error: " + error->summary());
    return exitCode;
}

int DescopeRun::finishSession(Json out, const SessionOutcome &outcome) const
{
    addSession(out, outcome);
    return finish(std::move(out), outcome.ok() ? std::nullopt : std::optional<oidc::Error>(outcome.result.error()));
}

oidc::Result<std::string> promptLine(const std::string &prompt)
{
    std::fwrite(prompt.data(), 1, prompt.size(), stderr);
    std::fflush(stderr);
    std::string line;
    for (int c = std::fgetc(stdin); c != EOF && c != '\n'; c = std::fgetc(stdin)) {
        if (line.size() >= kMaxStdinLine)
            return makeError(ErrorCategory::Input, "DESCOPE_STDIN_TOO_LONG", "the line on standard input is longer than 64 KiB");
        line.push_back(static_cast<char>(c));
    }
    line = trimmed(line);
    if (line.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_STDIN_EMPTY", "nothing was read from standard input");
    return line;
}

} // namespace cli
