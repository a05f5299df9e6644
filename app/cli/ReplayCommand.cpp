// oidcplay-cli replay FILE [--against sandbox|PROFILE] [--junit report.xml] [--json]: runs a
// recorded code flow — or a Descope demo, against the sandbox only (DescopeDemoReplay) — again headless and says, step by step, whether each check gave the recorded
// outcome. Against the sandbox (the one at the recorded issuer when it answers, else one started
// here) the recorded faults are switched on for the replay, on top of those already on, and the
// recorded login ID signs in on the sandbox's login page (SandboxSignIn); against a profile the
// system browser (or --no-browser's printed URL) does, as for `login`. Exit 0 when every step
// matches, 1 when one does not, 2 bad arguments or a file that is not a usable recording, 3 an
// unreadable file or no sandbox.

#include "CliOutput.h"
#include "Commands.h"
#include "LoginHooks.h"
#include "SandboxAdmin.h"
#include "SandboxSignIn.h"

#include "oidc/Redaction.h"
#include "oidc/flow/ProfileJson.h"
#include "oidc/recording/DescopeDemoReplay.h"
#include "oidc/recording/RecordingJson.h"
#include "oidc/recording/ReplayComparison.h"
#include "oidc/recording/ReplayReportWriter.h"
#include "oidc/workspace/ResolvedProfile.h"
#include "oidc/workspace/WorkspaceFile.h"

#include "sandbox/SandboxServer.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <memory>
#include <utility>

namespace cli {

namespace {

using oidc::ErrorCategory;
using oidc::Json;
using oidc::makeError;
using namespace oidc::flow;
using namespace oidc::recording;

constexpr qint64 kMaxProfileFileBytes = 4 * 1024 * 1024;

// The provider a replay runs against, and how its browser leg is played.
struct ReplayTarget final {
    QString issuer;
    QString clientId;
    ClientAuthMethod authMethod = ClientAuthMethod::None;
    QString against; // for the report
    std::optional<SandboxAdmin> sandbox;
    std::unique_ptr<sandbox::SandboxServer> ownSandbox;
};

// One profile out of a file holding a ProfileJson or a workspace (oidc/workspace/WorkspaceFile.h)
// — `wanted` picks it by id or name, and may be empty for a single profile — resolved as it is
// used: its URLs' `{{variables}}` substituted with the workspace's variables for it (the core's
// resolveProfile, as in the app), or the categorised error naming the field.
oidc::Result<ProviderProfile> profileFromFile(const QString &path, const QString &wanted)
{
    auto text = readFileText(path, kMaxProfileFileBytes);
    if (!text)
        return text.error();
    auto json = oidc::parseJsonObject(*text);
    if (!json)
        return json.error();
    if (!json->contains("oidcplayWorkspace")) {
        auto profile = profileFromJson(*json);
        if (!profile)
            return profile.error();
        auto resolved = oidc::workspace::resolveProfile(*profile, {});
        if (!resolved)
            return resolved.error();
        return resolved->profile();
    }
    auto workspace = oidc::workspace::workspaceFromJson(*json);
    if (!workspace)
        return workspace.error();
    std::vector<ProviderProfile> matches;
    for (const ProviderProfile &profile : std::as_const(workspace->profiles))
        if (wanted.isEmpty() || profile.id == wanted || profile.name == wanted)
            matches.push_back(profile);
    if (matches.size() != 1)
        return makeError(ErrorCategory::Input, "USAGE",
                         matches.empty() ? "the workspace has no profile \"" + wanted.toStdString() + "\""
                                         : "the workspace has several profiles: pick one with --profile ID|NAME");
    auto resolved = oidc::workspace::resolveProfile(matches.front(), workspace->variables.value(matches.front().id));
    if (!resolved)
        return resolved.error();
    return resolved->profile();
}

// The sandbox to replay against: the recorded one when it answers, otherwise one started here.
oidc::Status sandboxTarget(const Recording &recording, const QString &profileIssuer, ReplayTarget &target)
{
    const QString recordedIssuer = recording.sandbox.is_object() && recording.sandbox.value("issuer", Json()).is_string()
                                       ? QString::fromStdString(recording.sandbox["issuer"].get<std::string>())
                                       : profileIssuer;
    target.sandbox = SandboxAdmin::at(recordedIssuer);
    if (!target.sandbox) {
        target.ownSandbox = std::make_unique<sandbox::SandboxServer>();
        if (auto started = target.ownSandbox->start(0); !started)
            return started.error();
        target.sandbox = SandboxAdmin::at(target.ownSandbox->issuer());
        if (!target.sandbox)
            return makeError(ErrorCategory::Sandbox, "REPLAY_SANDBOX", "the sandbox started for the replay does not answer");
    }
    target.issuer = target.sandbox->issuer();
    target.against = QStringLiteral("sandbox ") + target.issuer;
    return {};
}

// The report written as asked (--junit, --json or text); the exit code of its verdict.
int reportReplay(ReplayReport report, const QString &file, const ReplayTarget &target, qint64 elapsedMs, const QString &junitPath, bool asJson)
{
    report.recordingName = QFileInfo(file).fileName().toStdString();
    report.against = target.against.toStdString();
    report.elapsedMs = elapsedMs;
    if (!junitPath.isEmpty()) {
        if (auto written = writeTextFileAtomically(ReplayReportWriter::junitXml(report), junitPath, "REPLAY_JUNIT_WRITE", "the JUnit report"); !written)
            return fail(written.error(), asJson, kExitError);
    }
    if (asJson)
        printJson(ReplayReportWriter::json(report));
    else
        printOut(ReplayReportWriter::text(report));
    return report.allMatch() ? kExitOk : kExitCheckFailed;
}

// A Descope demo against the sandbox: the recorded faults on, each recorded call made again
// (DescopeDemoReplay), the faults off again.
int replayDescopeDemo(const Recording &recording, const QString &file, int timeoutSeconds, const QString &junitPath, bool asJson)
{
    if (auto replayable = DescopeDemoReplay::checkReplayable(recording); !replayable)
        return fail(replayable.error(), asJson, kExitUsage);
    ReplayTarget target;
    if (auto ready = sandboxTarget(recording, QString(), target); !ready)
        return fail(ready.error(), asJson, kExitError);
    const QString projectId = target.ownSandbox ? target.ownSandbox->projectId() : target.sandbox->projectId();
    if (projectId.isEmpty())
        return fail(makeError(ErrorCategory::Sandbox, "REPLAY_SANDBOX", "the sandbox at " + target.issuer.toStdString() + " names no project"), asJson,
                    kExitError);
    std::vector<int> addedFaults;
    if (recording.sandbox.is_object()) {
        auto added = target.sandbox->addFaults(recording.sandbox.value("faults", Json::array()));
        if (!added)
            return fail(added.error(), asJson, kExitError);
        addedFaults = *added;
    }
    Recorder replayed{std::string(kKindDescopeDemo)};
    DescopeDemoReplay replay(target.sandbox->baseUrl(), projectId);
    QElapsedTimer clock;
    clock.start();
    const oidc::Status ran = replay.run(recording, replayed, timeoutSeconds * 1000);
    const qint64 elapsed = clock.elapsed();
    target.sandbox->removeFaults(addedFaults);
    if (!ran)
        return fail(ran.error(), asJson, ran.error().category == ErrorCategory::Input ? kExitUsage : kExitError);
    return reportReplay(compareRuns(recording, replayed.recording()), file, target, elapsed, junitPath, asJson);
}

QString authWord(ClientAuthMethod method)
{
    switch (method) {
    case ClientAuthMethod::None: return QStringLiteral("none");
    case ClientAuthMethod::ClientSecretBasic: return QStringLiteral("basic");
    case ClientAuthMethod::ClientSecretPost: return QStringLiteral("post");
    }
    return QStringLiteral("none");
}

// login's arguments for the recorded run against `target`.
QStringList loginArguments(const Recording &recording, const ProviderProfile &settings, const ReplayTarget &target, int timeoutSeconds)
{
    const Json &authorization = recording.authorization;
    const QString scope = authorization.value("scope", Json()).is_string() ? QString::fromStdString(authorization["scope"].get<std::string>())
                                                                            : settings.scope;
    QStringList arguments = {QStringLiteral("--issuer"), target.issuer, QStringLiteral("--client-id"), target.clientId,
                             QStringLiteral("--scope"), scope, QStringLiteral("--pkce"),
                             settings.security.pkceMethod == oidc::PkceMethod::Plain ? QStringLiteral("plain") : QStringLiteral("S256"),
                             QStringLiteral("--redirect-port"), QString::number(settings.redirectPort), QStringLiteral("--redirect-path"),
                             settings.redirectPath, QStringLiteral("--timeout"), QString::number(timeoutSeconds), QStringLiteral("--json")};
    if (target.authMethod != ClientAuthMethod::None)
        arguments << QStringLiteral("--auth") << authWord(target.authMethod);
    if (const auto prompt = authorization.value("prompt", Json()); prompt.is_string() && !prompt.get<std::string>().empty())
        arguments << QStringLiteral("--prompt") << QString::fromStdString(prompt.get<std::string>());
    if (const auto extra = authorization.value("extraParameters", Json()); extra.is_array()) {
        for (const Json &pair : extra) {
            if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
                continue;
            const std::string name = pair[0].get<std::string>();
            if (oidc::isSecretName(name)) {
                printErr("warning: the recorded parameter " + name + " was redacted and is left out of the replay");
                continue;
            }
            arguments << QStringLiteral("--param") << QString::fromStdString(name + "=" + pair[1].get<std::string>());
        }
    }
    return arguments;
}

} // namespace

int runReplay(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a recorded code flow (oidcplay-cli login --record, or the app's File > Start recording) or Descope demo again\n"
        "headless and reports, step by step, whether each check gave the recorded outcome. Against the sandbox (default)\n"
        "the recorded faults are switched on for the replay and the recorded login ID signs in by itself (a Descope demo's\n"
        "codes and links are read from the sandbox's Inbox; it replays against the sandbox only); against a PROFILE file (one\n"
        "profile, or a workspace with --profile) the browser is yours, as for login. The client secret never comes from\n"
        "the recording: --client-secret-file or OIDCPLAY_CLIENT_SECRET. Exit 0 when every step matches, 1 when one does not."));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The recording."), QStringLiteral("FILE"));
    const QCommandLineOption against(QStringLiteral("against"), QStringLiteral("sandbox (default) or a profile/workspace JSON file."),
                                     QStringLiteral("sandbox|PROFILE"), QStringLiteral("sandbox"));
    const QCommandLineOption profileName(QStringLiteral("profile"), QStringLiteral("The workspace's profile, by id or name."), QStringLiteral("ID|NAME"));
    const QCommandLineOption secretFile(QStringLiteral("client-secret-file"), QStringLiteral("File holding the client secret (profiles)."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption loginId(QStringLiteral("login-id"), QStringLiteral("Sign in as this login ID instead of the recorded one."),
                                     QStringLiteral("ID"));
    const QCommandLineOption junit(QStringLiteral("junit"), QStringLiteral("Write a JUnit XML report (one test case per step)."), QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the report as one JSON object."));
    const QCommandLineOption noBrowser(QStringLiteral("no-browser"), QStringLiteral("Against a profile: print 'authorize_url: <URL>' instead."));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Overall time limit in seconds (default 60)."), QStringLiteral("SECONDS"),
                                     QStringLiteral("60"));
    parser.addOptions({against, profileName, secretFile, loginId, junit, json, noBrowser, timeout});
    if (auto exit = parseOrExit(parser, QStringLiteral("replay FILE [--against sandbox|PROFILE] [--junit report.xml] [--json]"), arguments))
        return *exit;
    const bool asJson = parser.isSet(json);
    if (parser.positionalArguments().size() != 1)
        return fail(makeError(ErrorCategory::Input, "USAGE", "replay takes exactly one FILE"), asJson, kExitUsage);
    bool numeric = false;
    const int timeoutSeconds = parser.value(timeout).toInt(&numeric);
    if (!numeric || timeoutSeconds <= 0)
        return fail(makeError(ErrorCategory::Input, "USAGE", "--timeout must be a positive number of seconds"), asJson, kExitUsage);

    const QString file = parser.positionalArguments().first();
    auto recording = readRecordingFile(file);
    if (!recording)
        return fail(recording.error(), asJson, recording.error().code == "RECORDING_UNREADABLE" ? kExitError : kExitUsage);
    if (recording->kind == kKindDescopeDemo) {
        if (parser.value(against) != QLatin1String("sandbox"))
            return fail(makeError(ErrorCategory::Input, "REPLAY_UNSUPPORTED",
                                  "a Descope demo replays against the sandbox only (--against sandbox): its OTP codes and links are read from "
                                  "the sandbox's Inbox, and its passwords, TOTP keys and passkeys are the replay's own"),
                        asJson, kExitUsage);
        return replayDescopeDemo(*recording, file, timeoutSeconds, parser.value(junit), asJson);
    }
    auto recorded = profileFromJson(recording->profile);
    if (!recorded)
        return fail(recorded.error(), asJson, kExitUsage);

    ReplayTarget target;
    const bool toSandbox = parser.value(against) == QLatin1String("sandbox");
    if (toSandbox) {
        if (auto ready = sandboxTarget(*recording, recorded->issuer, target); !ready)
            return fail(ready.error(), asJson, kExitError);
        target.clientId = recorded->clientId.isEmpty() ? target.ownSandbox ? target.ownSandbox->projectId() : QString() : recorded->clientId;
        target.authMethod = recorded->authMethod;
    } else {
        auto profile = profileFromFile(parser.value(against), parser.value(profileName));
        if (!profile) {
            const std::string &code = profile.error().code;
            const bool usage = code == "USAGE" || code == "PROFILE_JSON_INVALID" || code.starts_with("VARIABLE_") || code == "WORKSPACE_INVALID"
                            || code == "WORKSPACE_VERSION";
            return fail(profile.error(), asJson, usage ? kExitUsage : kExitError);
        }
        target.issuer = profile->effectiveIssuer();
        target.clientId = profile->clientId;
        target.authMethod = profile->authMethod;
        target.against = profile->name.isEmpty() ? target.issuer : profile->name;
    }
    const QString user = parser.isSet(loginId) ? parser.value(loginId) : QString::fromStdString(recording->loginId);
    if (toSandbox && user.isEmpty())
        return fail(makeError(ErrorCategory::Input, "USAGE", "the recording keeps no login ID: give one with --login-id"), asJson, kExitUsage);

    QStringList login = loginArguments(*recording, *recorded, target, timeoutSeconds);
    if (parser.isSet(secretFile))
        login << QStringLiteral("--client-secret-file") << parser.value(secretFile);
    if (!asJson)
        login.removeAll(QStringLiteral("--json")); // the step lines on stderr, as login prints them

    std::vector<int> addedFaults;
    if (toSandbox && recording->sandbox.is_object()) {
        auto added = target.sandbox->addFaults(recording->sandbox.value("faults", Json::array()));
        if (!added)
            return fail(added.error(), asJson, kExitError);
        addedFaults = *added;
    }

    Recorder replayed;
    LoginHooks hooks;
    hooks.recorder = &replayed;
    hooks.quiet = true;
    const bool printUrl = parser.isSet(noBrowser);
    hooks.browser = [&](BrowserRedirect &browser, const QString &authorizeUrl) -> oidc::Result<QUrl> {
        if (!toSandbox)
            return browser.openAndWait(authorizeUrl, printUrl);
        SandboxSignIn signIn;
        if (auto signedIn = signIn.run(authorizeUrl, user, QUrl(browser.redirectUri()), timeoutSeconds * 1000); !signedIn)
            return signedIn.error();
        return browser.wait();
    };
    QElapsedTimer clock;
    clock.start();
    const int loginExit = runLoginWith(login, hooks);
    const qint64 elapsed = clock.elapsed();
    if (toSandbox)
        target.sandbox->removeFaults(addedFaults);
    if (loginExit == kExitUsage && replayed.recording().steps.empty())
        return kExitUsage; // login said why

    return reportReplay(compareRuns(*recording, replayed.recording()), file, target, elapsed, parser.value(junit), asJson);
}

} // namespace cli
