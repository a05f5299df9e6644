#include "RecordingJson.h"

#include <QFile>
#include <QSaveFile>

namespace oidc::recording {

namespace {

Error recordingInvalid(const std::string &member, const std::string &why)
{
    return makeError(ErrorCategory::Input, "RECORDING_INVALID", "the recording's \"" + member + "\" " + why);
}

Json checkToJson(const RecordedCheck &check)
{
    Json json = {{"id", check.id}, {"outcome", check.outcome}, {"rule", check.rule}, {"detail", check.detail}};
    if (!check.code.empty())
        json["code"] = check.code;
    return json;
}

Json stepToJson(const RecordedStep &step)
{
    Json json = {{"step", step.step}, {"title", step.title}, {"ok", step.ok}, {"summary", step.summary}};
    if (!step.area.empty())
        json["area"] = step.area;
    if (!step.errorCode.empty())
        json["error"] = {{"category", step.errorCategory}, {"code", step.errorCode}};
    Json checks = Json::array();
    for (const RecordedCheck &check : step.checks)
        checks.push_back(checkToJson(check));
    json["checks"] = std::move(checks);
    if (!step.parameters.empty())
        json["parameters"] = step.parameters;
    return json;
}

// Reads the members of one object, naming the first that is wrong by its path.
class RecordingMembers final {
public:
    RecordingMembers(const Json &object, std::string path) : m_object(object), m_path(std::move(path)) {}

    [[nodiscard]] const std::optional<Error> &error() const { return m_error; }

    void text(const char *name, std::string &out, bool required = false)
    {
        if (const Json *value = find(name, "a string", &Json::is_string, required))
            out = value->get<std::string>();
    }
    void flag(const char *name, bool &out, bool required = false)
    {
        if (const Json *value = find(name, "true or false", &Json::is_boolean, required))
            out = value->get<bool>();
    }
    const Json *object(const char *name) { return find(name, "an object", &Json::is_object, false); }
    const Json *array(const char *name, size_t cap)
    {
        const Json *value = find(name, "an array", &Json::is_array, false);
        if (value && value->size() > cap && !m_error)
            m_error = makeError(ErrorCategory::Input, "RECORDING_TOO_LARGE",
                                "the recording's \"" + member(name) + "\" has more than " + std::to_string(cap) + " entries",
                                "at most " + std::to_string(cap), std::to_string(value->size()));
        return m_error ? nullptr : value;
    }
    void fail(const char *name, const std::string &why)
    {
        if (!m_error)
            m_error = recordingInvalid(member(name), why);
    }
    void adopt(const std::optional<Error> &error)
    {
        if (!m_error && error)
            m_error = error;
    }
    [[nodiscard]] std::string member(const char *name) const { return m_path.empty() ? std::string(name) : m_path + "." + name; }

private:
    const Json *find(const char *name, const char *what, bool (Json::*is)() const noexcept, bool required)
    {
        if (m_error)
            return nullptr;
        const auto it = m_object.find(name);
        if (it == m_object.end() || it->is_null()) {
            if (required)
                m_error = recordingInvalid(member(name), "is missing");
            return nullptr;
        }
        if (!((*it).*is)()) {
            m_error = recordingInvalid(member(name), std::string("must be ") + what);
            return nullptr;
        }
        return &*it;
    }

    const Json &m_object;
    std::string m_path;
    std::optional<Error> m_error;
};

Result<RecordedCheck> checkFromJson(const Json &json, const std::string &path)
{
    if (!json.is_object())
        return recordingInvalid(path, "must be an object");
    RecordedCheck check;
    RecordingMembers members(json, path);
    members.text("id", check.id, true);
    members.text("outcome", check.outcome, true);
    members.text("code", check.code);
    members.text("rule", check.rule);
    members.text("detail", check.detail);
    if (!members.error() && check.outcome != "pass" && check.outcome != "fail" && check.outcome != "skip")
        members.fail("outcome", "must be \"pass\", \"fail\" or \"skip\"");
    if (members.error())
        return *members.error();
    return check;
}

Result<RecordedStep> stepFromJson(const Json &json, const std::string &path)
{
    if (!json.is_object())
        return recordingInvalid(path, "must be an object");
    RecordedStep step;
    RecordingMembers members(json, path);
    members.text("step", step.step, true);
    members.text("title", step.title);
    members.text("area", step.area);
    members.flag("ok", step.ok, true);
    members.text("summary", step.summary);
    if (const Json *error = members.object("error")) {
        RecordingMembers errorMembers(*error, members.member("error"));
        errorMembers.text("category", step.errorCategory);
        errorMembers.text("code", step.errorCode, true);
        members.adopt(errorMembers.error());
    }
    if (const Json *checks = members.array("checks", kMaxRecordedChecks)) {
        for (size_t i = 0; i < checks->size() && !members.error(); ++i) {
            auto check = checkFromJson((*checks)[i], members.member("checks") + "[" + std::to_string(i) + "]");
            if (!check)
                return check.error();
            step.checks.push_back(std::move(check).value());
        }
    }
    if (const Json *parameters = members.object("parameters"))
        step.parameters = *parameters;
    if (members.error())
        return *members.error();
    if (step.title.empty())
        step.title = step.step;
    return step;
}

} // namespace

Json recordingToJson(const Recording &recording)
{
    Json json = {{"oidcplayRecording", Recording::kVersion},
                 {"kind", recording.kind},
                 {"createdAt", recording.createdAt},
                 {"tool", recording.tool},
                 {"profile", recording.profile},
                 {"authorization", recording.authorization},
                 {"loginId", recording.loginId},
                 {"sandbox", recording.sandbox}};
    Json steps = Json::array();
    for (const RecordedStep &step : recording.steps)
        steps.push_back(stepToJson(step));
    json["steps"] = std::move(steps);
    if (recording.outcome) {
        Json outcome = {{"ok", recording.outcome->ok}};
        if (!recording.outcome->ok)
            outcome["error"] = {{"category", recording.outcome->errorCategory}, {"code", recording.outcome->errorCode},
                                {"message", recording.outcome->message}};
        json["outcome"] = std::move(outcome);
    }
    json["exchanges"] = recording.exchanges;
    return json;
}

Result<Recording> recordingFromJson(const Json &json)
{
    if (!json.is_object() || !json.contains("oidcplayRecording"))
        return makeError(ErrorCategory::Input, "RECORDING_NOT_A_RECORDING",
                         "this JSON is not an OIDC Playground recording (no \"oidcplayRecording\" member)");
    const Json &version = json["oidcplayRecording"];
    if (!version.is_number_integer() || version.get<int64_t>() < 1)
        return recordingInvalid("oidcplayRecording", "must be a version number (1 or more)");
    if (version.get<int64_t>() > Recording::kVersion)
        return makeError(ErrorCategory::Input, "RECORDING_VERSION", "the recording was written by a newer OIDC Playground",
                         "version " + std::to_string(Recording::kVersion) + " or older", "version " + std::to_string(version.get<int64_t>()));
    Recording recording;
    RecordingMembers members(json, {});
    members.text("kind", recording.kind, true);
    members.text("createdAt", recording.createdAt);
    members.text("tool", recording.tool);
    if (const Json *profile = members.object("profile"))
        recording.profile = *profile;
    if (const Json *authorization = members.object("authorization"))
        recording.authorization = *authorization;
    members.text("loginId", recording.loginId);
    if (const Json *sandbox = members.object("sandbox")) {
        recording.sandbox = *sandbox;
        RecordingMembers sandboxMembers(*sandbox, "sandbox");
        (void)sandboxMembers.array("faults", 100);
        members.adopt(sandboxMembers.error());
    }
    if (!members.error() && recording.kind != kKindCodeFlow && recording.kind != kKindDescopeDemo)
        members.fail("kind", "must be \"" + std::string(kKindCodeFlow) + "\" or \"" + std::string(kKindDescopeDemo) + "\"");
    if (const Json *steps = members.array("steps", kMaxRecordedSteps)) {
        for (size_t i = 0; i < steps->size(); ++i) {
            auto step = stepFromJson((*steps)[i], "steps[" + std::to_string(i) + "]");
            if (!step)
                return step.error();
            recording.steps.push_back(std::move(step).value());
        }
    }
    if (const Json *outcome = members.object("outcome")) {
        RecordedOutcome read;
        RecordingMembers outcomeMembers(*outcome, "outcome");
        outcomeMembers.flag("ok", read.ok, true);
        if (const Json *error = outcomeMembers.object("error")) {
            RecordingMembers errorMembers(*error, "outcome.error");
            errorMembers.text("category", read.errorCategory);
            errorMembers.text("code", read.errorCode, true);
            errorMembers.text("message", read.message);
            outcomeMembers.adopt(errorMembers.error());
        }
        members.adopt(outcomeMembers.error());
        recording.outcome = read;
    }
    if (const Json *exchanges = members.array("exchanges", kMaxRecordedExchanges)) {
        for (size_t i = 0; i < exchanges->size() && !members.error(); ++i)
            if (!(*exchanges)[i].is_object())
                members.fail("exchanges", "[" + std::to_string(i) + "] must be an object (a HAR entry)");
        recording.exchanges = *exchanges;
    }
    if (members.error())
        return *members.error();
    return recording;
}

Result<Recording> readRecordingFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCategory::Input, "RECORDING_UNREADABLE", "cannot open the recording " + path.toStdString(), {},
                         file.errorString().toStdString());
    if (file.size() > kMaxRecordingBytes)
        return makeError(ErrorCategory::Input, "RECORDING_TOO_LARGE", "the recording is larger than its cap",
                         "at most " + std::to_string(kMaxRecordingBytes) + " bytes", std::to_string(file.size()) + " bytes");
    // Read one byte beyond the cap: a file that grows while it is read is still refused.
    const QByteArray bytes = file.read(kMaxRecordingBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return makeError(ErrorCategory::Input, "RECORDING_UNREADABLE", "cannot read the recording " + path.toStdString(), {},
                         file.errorString().toStdString());
    if (bytes.size() > kMaxRecordingBytes)
        return makeError(ErrorCategory::Input, "RECORDING_TOO_LARGE", "the recording is larger than its cap",
                         "at most " + std::to_string(kMaxRecordingBytes) + " bytes", "more");
    JsonParseOptions options;
    options.what = "recording";
    auto json = parseJsonObject(std::string_view(bytes.constData(), static_cast<size_t>(bytes.size())), options);
    if (!json) {
        Error error = json.error();
        error.code = "RECORDING_NOT_JSON";
        error.category = ErrorCategory::Input;
        return error;
    }
    return recordingFromJson(*json);
}

Status writeTextFileAtomically(const std::string &text, const QString &path, const std::string &code, const std::string &what)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())
        || !file.commit())
        return makeError(ErrorCategory::Input, code, "cannot write " + what + " " + path.toStdString(), {}, file.errorString().toStdString());
    return {};
}

Status writeRecordingFile(const Recording &recording, const QString &path)
{
    return writeTextFileAtomically(recordingToJson(recording).dump(2, ' ', false, Json::error_handler_t::replace) + "\n", path, "RECORDING_WRITE",
                                   "the recording");
}

} // namespace oidc::recording
