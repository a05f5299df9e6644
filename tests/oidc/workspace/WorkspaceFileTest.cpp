// The workspace file (oidc/workspace/WorkspaceFile): a round trip keeps everything but the secret,
// the secret is in no byte of the file, and a broken file is refused by its code.

#include "oidc/workspace/WorkspaceFile.h"

#include <QTemporaryDir>
#include <QFile>

#include <gtest/gtest.h>

namespace {

using oidc::flow::ProviderKind;
using oidc::flow::ProviderProfile;
using oidc::workspace::AuthorizePreset;
using oidc::workspace::Workspace;

constexpr const char *kSecret = "s3cr3t-typed-by-the-user";

Workspace sampleWorkspace()
{
    Workspace workspace;
    workspace.id = QStringLiteral("kq3v0yJ8cWv2Zx1m");
    workspace.name = QStringLiteral("Acme");
    ProviderProfile sandbox = oidc::flow::sandboxProfile(QString(), QString());
    sandbox.browserMode = oidc::flow::BrowserMode::System;
    ProviderProfile descope;
    descope.id = QStringLiteral("acme-prod");
    descope.name = QStringLiteral("Acme production");
    descope.kind = ProviderKind::DescopeProject;
    descope.descopeProjectId = QStringLiteral("P2abcdefghijklmnopqrstuvwxyz");
    descope.clientId = QStringLiteral("acme-web");
    descope.clientSecret = QString::fromLatin1(kSecret);
    descope.authMethod = oidc::flow::ClientAuthMethod::ClientSecretBasic;
    descope.redirectPort = 8765;
    descope.security.useNonce = false;
    workspace.profiles = {sandbox, descope};
    workspace.currentProfile = descope.id;
    workspace.presets = {AuthorizePreset{QStringLiteral("Force login"),
                                         {{QStringLiteral("prompt"), QStringLiteral("login")},
                                          {QStringLiteral("login_hint"), QStringLiteral("{{user}}")},
                                          {QStringLiteral("flow"), QStringLiteral("sign-up-or-in")},
                                          {QStringLiteral("x_custom"), QStringLiteral("1")}}}};
    workspace.variables[descope.id] = {{QStringLiteral("user"), QStringLiteral("qa@acme.test")}};
    return workspace;
}

TEST(WorkspaceFile, RoundTripKeepsEverythingButTheSecret)
{
    const Workspace original = sampleWorkspace();
    auto read = oidc::workspace::parseWorkspace(oidc::workspace::serializeWorkspace(original));
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->id, original.id);
    EXPECT_EQ(read->name, original.name);
    ASSERT_EQ(read->profiles.size(), 2);
    EXPECT_EQ(read->profiles.at(0).kind, ProviderKind::Sandbox);
    EXPECT_EQ(read->profiles.at(0).browserMode, oidc::flow::BrowserMode::System);
    const ProviderProfile &descope = read->profiles.at(1);
    EXPECT_EQ(descope.id, QStringLiteral("acme-prod"));
    EXPECT_EQ(descope.descopeProjectId, QStringLiteral("P2abcdefghijklmnopqrstuvwxyz"));
    EXPECT_EQ(descope.authMethod, oidc::flow::ClientAuthMethod::ClientSecretBasic);
    EXPECT_EQ(descope.redirectPort, 8765);
    EXPECT_FALSE(descope.security.useNonce);
    EXPECT_TRUE(descope.clientSecret.isEmpty());
    EXPECT_EQ(read->currentProfile, QStringLiteral("acme-prod"));
    EXPECT_EQ(read->presets, original.presets);
    EXPECT_EQ(read->variables, original.variables);
}

TEST(WorkspaceFile, TheSecretIsInNoByteOfTheFile)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("acme.oidcplay.json"));
    ASSERT_TRUE(oidc::workspace::writeWorkspaceFile(path, sampleWorkspace()).ok());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    EXPECT_TRUE(bytes.contains("\"oidcplayWorkspace\": 1"));
    EXPECT_TRUE(bytes.contains("acme-web"));
    EXPECT_FALSE(bytes.contains(kSecret));
    EXPECT_FALSE(bytes.contains("clientSecret"));
    EXPECT_TRUE(bytes.endsWith('\n'));
}

TEST(WorkspaceFile, ASecretSmuggledIntoAFileIsNotRead)
{
    const QByteArray text = R"({"oidcplayWorkspace": 1, "profiles": [{"id": "p", "name": "P", "clientSecret": "from-the-file"}]})";
    auto read = oidc::workspace::parseWorkspace(text);
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_TRUE(read->profiles.at(0).clientSecret.isEmpty());
}

struct RefusalRow {
    const char *name;
    QByteArray text;
    const char *code;
    const char *mentions; // in the message
};

class WorkspaceRefusal : public ::testing::TestWithParam<RefusalRow> {};

TEST_P(WorkspaceRefusal, IsCategorisedAndNamesTheProblem)
{
    const RefusalRow &row = GetParam();
    auto read = oidc::workspace::parseWorkspace(row.text);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, row.code);
    EXPECT_EQ(read.error().category, oidc::ErrorCategory::Input);
    EXPECT_NE(read.error().message.find(row.mentions), std::string::npos) << read.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Broken, WorkspaceRefusal,
    ::testing::Values(
        RefusalRow{"NotJson", "{\"oidcplayWorkspace\": 1, \"profiles\": [}", "WORKSPACE_NOT_JSON", "workspace file"},
        RefusalRow{"AnotherJsonFile", R"({"log": {"entries": []}})", "WORKSPACE_NOT_A_WORKSPACE", "oidcplayWorkspace"},
        RefusalRow{"NewerVersion", R"({"oidcplayWorkspace": 2, "profiles": []})", "WORKSPACE_VERSION", "format"},
        RefusalRow{"ProfilesMissing", R"({"oidcplayWorkspace": 1})", "WORKSPACE_INVALID", "\"profiles\""},
        RefusalRow{"ProfileWithoutId", R"({"oidcplayWorkspace": 1, "profiles": [{"name": "x"}]})", "WORKSPACE_INVALID",
                   "profiles[0].id"},
        RefusalRow{"DuplicateProfileId", R"({"oidcplayWorkspace": 1, "profiles": [{"id": "a"}, {"id": "a"}]})",
                   "WORKSPACE_INVALID", "profiles[1].id"},
        RefusalRow{"ProfileMemberOfWrongType", R"({"oidcplayWorkspace": 1, "profiles": [{"id": "a", "redirectPort": "80"}]})",
                   "PROFILE_JSON_INVALID", "profiles[0]"},
        RefusalRow{"PresetParameterWithoutValue",
                   R"({"oidcplayWorkspace": 1, "profiles": [], "presets": [{"name": "p", "parameters": [{"name": "prompt"}]}]})",
                   "WORKSPACE_INVALID", "presets[0].parameters[0]"},
        RefusalRow{"VariablesOfAnUnknownProfile", R"({"oidcplayWorkspace": 1, "profiles": [], "variables": {"ghost": {}}})",
                   "WORKSPACE_INVALID", "variables.ghost"},
        RefusalRow{"BuiltinRedefined",
                   R"({"oidcplayWorkspace": 1, "profiles": [{"id": "a"}], "variables": {"a": {"client_id": "x"}}})",
                   "WORKSPACE_INVALID", "built-in"},
        RefusalRow{"BadVariableName", R"({"oidcplayWorkspace": 1, "profiles": [{"id": "a"}], "variables": {"a": {"my var": "x"}}})",
                   "WORKSPACE_INVALID", "variables.a.my var"},
        RefusalRow{"TooLarge", QByteArray(oidc::workspace::kMaxWorkspaceBytes + 1, ' '), "WORKSPACE_TOO_LARGE", "4 MiB"}),
    [](const ::testing::TestParamInfo<RefusalRow> &param) { return std::string(param.param.name); });

TEST(WorkspaceFile, AMissingFileIsAReadError)
{
    QTemporaryDir dir;
    auto read = oidc::workspace::readWorkspaceFile(dir.filePath(QStringLiteral("absent.json")));
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, "WORKSPACE_READ");
}

TEST(WorkspaceFile, AFailedSaveLeavesThePreviousFile)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("w.json"));
    ASSERT_TRUE(oidc::workspace::writeWorkspaceFile(path, sampleWorkspace()).ok());
    // A directory where the file's folder should be: QSaveFile cannot create its temporary file.
    const auto failed = oidc::workspace::writeWorkspaceFile(dir.filePath(QStringLiteral("missing/w.json")), Workspace{});
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, "WORKSPACE_WRITE");
    auto reread = oidc::workspace::readWorkspaceFile(path);
    ASSERT_TRUE(reread.ok());
    EXPECT_EQ(reread->name, QStringLiteral("Acme"));
}

} // namespace
