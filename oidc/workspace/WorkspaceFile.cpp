#include "WorkspaceFile.h"

#include "oidc/flow/ProfileJson.h"
#include "oidc/workspace/VariableSubstitution.h"

#include <QFile>
#include <QSaveFile>
#include <QSet>

namespace oidc::workspace {

namespace {

constexpr const char *kVersionMember = "oidcplayWorkspace";

Error invalidWorkspace(const QString &member, const QString &why)
{
    return makeError(ErrorCategory::Input, "WORKSPACE_INVALID",
                     QStringLiteral("the workspace's \"%1\" %2").arg(member, why).toStdString(), {}, member.toStdString());
}

QString textOf(const Json &value)
{
    return QString::fromStdString(value.get<std::string>());
}

Result<QList<AuthorizePreset>> presetsFromJson(const Json &json)
{
    QList<AuthorizePreset> presets;
    if (!json.is_array())
        return invalidWorkspace(QStringLiteral("presets"), QStringLiteral("must be an array"));
    for (size_t i = 0; i < json.size(); ++i) {
        const Json &entry = json.at(i);
        const QString where = QStringLiteral("presets[%1]").arg(i);
        if (!entry.is_object() || !entry.contains("name") || !entry.at("name").is_string())
            return invalidWorkspace(where, QStringLiteral("must be an object with a \"name\" string"));
        AuthorizePreset preset;
        preset.name = textOf(entry.at("name"));
        if (entry.contains("parameters")) {
            const Json &parameters = entry.at("parameters");
            if (!parameters.is_array())
                return invalidWorkspace(where + QStringLiteral(".parameters"), QStringLiteral("must be an array"));
            for (size_t p = 0; p < parameters.size(); ++p) {
                const Json &parameter = parameters.at(p);
                if (!parameter.is_object() || !parameter.contains("name") || !parameter.at("name").is_string()
                    || !parameter.contains("value") || !parameter.at("value").is_string()
                    || parameter.at("name").get_ref<const std::string &>().empty())
                    return invalidWorkspace(QStringLiteral("%1.parameters[%2]").arg(where).arg(p),
                                            QStringLiteral("must be {\"name\": <non-empty string>, \"value\": <string>}"));
                preset.parameters.append({textOf(parameter.at("name")), textOf(parameter.at("value"))});
            }
        }
        presets.append(preset);
    }
    return presets;
}

Result<QMap<QString, QMap<QString, QString>>> variablesFromJson(const Json &json, const QSet<QString> &profileIds)
{
    QMap<QString, QMap<QString, QString>> variables;
    if (!json.is_object())
        return invalidWorkspace(QStringLiteral("variables"), QStringLiteral("must be an object"));
    const QStringList builtins = builtinVariableNames();
    for (const auto &[profileKey, names] : json.items()) {
        const QString profileId = QString::fromStdString(profileKey);
        const QString where = QStringLiteral("variables.%1").arg(profileId);
        if (!profileIds.contains(profileId))
            return invalidWorkspace(where, QStringLiteral("names no profile of this workspace"));
        if (!names.is_object())
            return invalidWorkspace(where, QStringLiteral("must be an object of names to strings"));
        QMap<QString, QString> &forProfile = variables[profileId];
        for (const auto &[nameKey, value] : names.items()) {
            const QString name = QString::fromStdString(nameKey);
            if (!isValidVariableName(name))
                return invalidWorkspace(where + QLatin1Char('.') + name, QStringLiteral("is not a variable name ([A-Za-z_][A-Za-z0-9_]*)"));
            if (builtins.contains(name))
                return invalidWorkspace(where + QLatin1Char('.') + name, QStringLiteral("is a built-in and cannot be redefined"));
            if (!value.is_string())
                return invalidWorkspace(where + QLatin1Char('.') + name, QStringLiteral("must be a string"));
            forProfile.insert(name, textOf(value));
        }
    }
    return variables;
}

} // namespace

Json workspaceToJson(const Workspace &workspace)
{
    Json json = Json::object();
    json[kVersionMember] = kWorkspaceFormatVersion;
    if (!workspace.id.isEmpty())
        json["id"] = workspace.id.toStdString();
    json["name"] = workspace.name.toStdString();
    Json profiles = Json::array();
    for (const flow::ProviderProfile &profile : workspace.profiles)
        profiles.push_back(flow::profileToJson(profile)); // without its secret
    json["profiles"] = std::move(profiles);
    if (!workspace.currentProfile.isEmpty())
        json["currentProfile"] = workspace.currentProfile.toStdString();
    Json presets = Json::array();
    for (const AuthorizePreset &preset : workspace.presets) {
        Json parameters = Json::array();
        for (const auto &[name, value] : preset.parameters)
            parameters.push_back({{"name", name.toStdString()}, {"value", value.toStdString()}});
        presets.push_back({{"name", preset.name.toStdString()}, {"parameters", std::move(parameters)}});
    }
    json["presets"] = std::move(presets);
    Json variables = Json::object();
    for (auto it = workspace.variables.cbegin(); it != workspace.variables.cend(); ++it) {
        if (it.value().isEmpty())
            continue;
        Json names = Json::object();
        for (auto name = it.value().cbegin(); name != it.value().cend(); ++name)
            names[name.key().toStdString()] = name.value().toStdString();
        variables[it.key().toStdString()] = std::move(names);
    }
    json["variables"] = std::move(variables);
    return json;
}

Result<Workspace> workspaceFromJson(const Json &json)
{
    if (!json.is_object() || !json.contains(kVersionMember))
        return makeError(ErrorCategory::Input, "WORKSPACE_NOT_A_WORKSPACE",
                         "not an OIDC Playground workspace (no \"oidcplayWorkspace\" member)");
    const Json &version = json.at(kVersionMember);
    if (!version.is_number_integer() || version.get<qint64>() != kWorkspaceFormatVersion)
        return makeError(ErrorCategory::Input, "WORKSPACE_VERSION",
                         "a workspace format this version of OIDC Playground does not read", std::to_string(kWorkspaceFormatVersion),
                         version.dump());
    Workspace workspace;
    if (json.contains("id")) {
        if (!json.at("id").is_string())
            return invalidWorkspace(QStringLiteral("id"), QStringLiteral("must be a string"));
        workspace.id = textOf(json.at("id"));
    }
    if (json.contains("name")) {
        if (!json.at("name").is_string())
            return invalidWorkspace(QStringLiteral("name"), QStringLiteral("must be a string"));
        workspace.name = textOf(json.at("name"));
    }
    if (!json.contains("profiles") || !json.at("profiles").is_array())
        return invalidWorkspace(QStringLiteral("profiles"), QStringLiteral("must be an array"));
    QSet<QString> ids;
    const Json &profiles = json.at("profiles");
    for (size_t i = 0; i < profiles.size(); ++i) {
        Result<flow::ProviderProfile> profile = flow::profileFromJson(profiles.at(i));
        if (!profile) {
            Error error = profile.error();
            error.message = QStringLiteral("profiles[%1]: ").arg(i).toStdString() + error.message;
            return error;
        }
        const QString where = QStringLiteral("profiles[%1].id").arg(i);
        if (profile->id.isEmpty())
            return invalidWorkspace(where, QStringLiteral("is missing"));
        if (ids.contains(profile->id))
            return invalidWorkspace(where, QStringLiteral("repeats \"%1\"").arg(profile->id));
        ids.insert(profile->id);
        profile->clientSecret.clear(); // never from a file (profileFromJson ignores it already)
        workspace.profiles.append(std::move(profile).value());
    }
    if (json.contains("currentProfile")) {
        if (!json.at("currentProfile").is_string())
            return invalidWorkspace(QStringLiteral("currentProfile"), QStringLiteral("must be a string"));
        workspace.currentProfile = textOf(json.at("currentProfile")); // an unknown id selects the first profile
    }
    if (json.contains("presets")) {
        Result<QList<AuthorizePreset>> presets = presetsFromJson(json.at("presets"));
        if (!presets)
            return presets.error();
        workspace.presets = std::move(presets).value();
    }
    if (json.contains("variables")) {
        auto variables = variablesFromJson(json.at("variables"), ids);
        if (!variables)
            return variables.error();
        workspace.variables = std::move(variables).value();
    }
    return workspace;
}

QByteArray serializeWorkspace(const Workspace &workspace)
{
    const std::string text = workspaceToJson(workspace).dump(2) + '\n';
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

Result<Workspace> parseWorkspace(const QByteArray &bytes)
{
    if (bytes.size() > kMaxWorkspaceBytes)
        return makeError(ErrorCategory::Input, "WORKSPACE_TOO_LARGE", "the workspace file is larger than 4 MiB",
                         std::to_string(kMaxWorkspaceBytes), std::to_string(bytes.size()));
    Result<Json> json = parseJson(std::string_view(bytes.constData(), static_cast<size_t>(bytes.size())),
                                  JsonParseOptions{.what = "workspace file"});
    if (!json) {
        Error error = json.error();
        error.code = "WORKSPACE_NOT_JSON";
        return error;
    }
    return workspaceFromJson(*json);
}

Result<Workspace> readWorkspaceFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCategory::Input, "WORKSPACE_READ", "cannot open the workspace file", {}, file.errorString().toStdString());
    if (file.size() > kMaxWorkspaceBytes)
        return makeError(ErrorCategory::Input, "WORKSPACE_TOO_LARGE", "the workspace file is larger than 4 MiB",
                         std::to_string(kMaxWorkspaceBytes), std::to_string(file.size()));
    const QByteArray bytes = file.read(kMaxWorkspaceBytes + 1); // a file that grew meanwhile is still capped
    if (file.error() != QFileDevice::NoError)
        return makeError(ErrorCategory::Input, "WORKSPACE_READ", "cannot read the workspace file", {}, file.errorString().toStdString());
    return parseWorkspace(bytes);
}

Status writeWorkspaceFile(const QString &path, const Workspace &workspace)
{
    QSaveFile file(path);
    const QByteArray bytes = serializeWorkspace(workspace);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return makeError(ErrorCategory::Input, "WORKSPACE_WRITE", "cannot save the workspace file", {}, file.errorString().toStdString());
    return {};
}

} // namespace oidc::workspace
