// Fixtures: the built-in file, overrides, and validation.

#include "sandbox/Fixtures.h"
#include "sandbox/SandboxServer.h"

#include <QTemporaryFile>

#include <gtest/gtest.h>

using sandbox::Fixtures;

namespace {

QString writeTemporary(const std::string &text, QTemporaryFile &file)
{
    EXPECT_TRUE(file.open());
    file.write(QByteArray::fromStdString(text));
    file.flush();
    return file.fileName();
}

} // namespace

TEST(Fixtures, BuiltInFileHasTheDemoProject)
{
    const auto fixtures = Fixtures::load(Fixtures::builtInPath());
    ASSERT_TRUE(fixtures.ok()) << fixtures.error().summary();
    EXPECT_EQ(fixtures->projectId.size(), 28u); // descope-api.md §1.1: the default base URL
    EXPECT_EQ(fixtures->projectId.front(), 'P');
    ASSERT_NE(fixtures->role("admin"), nullptr);
    ASSERT_NE(fixtures->role("user"), nullptr);
    EXPECT_EQ(fixtures->role("admin")->permissions, (std::vector<std::string>{"read:data", "write:data"}));
    EXPECT_EQ(fixtures->role("user")->permissions, (std::vector<std::string>{"read:data"}));
    EXPECT_GE(fixtures->users.size(), 3u);
    EXPECT_GE(fixtures->accessKeys.size(), 2u);
    const auto *publicClient = fixtures->client(fixtures->projectId);
    ASSERT_NE(publicClient, nullptr);
    EXPECT_EQ(publicClient->type, sandbox::ClientType::Public);
    const auto *confidential = fixtures->client("sandbox-confidential-client");
    ASSERT_NE(confidential, nullptr);
    EXPECT_TRUE(confidential->allowsGrant("client_credentials"));
    // Short lifetimes so that a demo shows the countdowns.
    EXPECT_EQ(fixtures->lifetimes.sessionSeconds, 300);
    EXPECT_EQ(fixtures->lifetimes.refreshSeconds, 1800);
    EXPECT_EQ(fixtures->lifetimes.codeSeconds, 60);
    const auto &alice = fixtures->users.front();
    EXPECT_FALSE(alice.tenants.empty());
    EXPECT_FALSE(alice.customAttributes.empty());
}

TEST(Fixtures, AFileOverridesTheBuiltIn)
{
    QTemporaryFile file;
    const QString path = writeTemporary(R"({"projectId":"P2OtherProject00000000000001","clients":[{"clientId":"P2OtherProject00000000000001"}],
        "users":[{"userId":"U1","loginIds":["x@example.com"]}],"lifetimes":{"sessionSeconds":42}})",
                                        file);
    const auto fixtures = Fixtures::load(path);
    ASSERT_TRUE(fixtures.ok()) << fixtures.error().summary();
    EXPECT_EQ(fixtures->projectId, "P2OtherProject00000000000001");
    EXPECT_EQ(fixtures->lifetimes.sessionSeconds, 42);
    EXPECT_EQ(fixtures->lifetimes.refreshSeconds, 1800);

    sandbox::SandboxOptions options;
    options.fixturesPath = path;
    sandbox::SandboxServer server(options);
    ASSERT_TRUE(server.start(0).ok());
    EXPECT_EQ(server.projectId().toStdString(), "P2OtherProject00000000000001");
    EXPECT_EQ(server.issuer(), server.baseUrl().toString() + QStringLiteral("/P2OtherProject00000000000001"));
}

TEST(Fixtures, EnvironmentVariableOverridesTheBuiltIn)
{
    QTemporaryFile file;
    const QString path = writeTemporary(R"({"projectId":"P2EnvProject0000000000000001","clients":[{"clientId":"P2EnvProject0000000000000001"}]})", file);
    qputenv("OIDCPLAY_SANDBOX_FIXTURES", path.toLocal8Bit());
    const auto fixtures = Fixtures::load();
    qunsetenv("OIDCPLAY_SANDBOX_FIXTURES");
    ASSERT_TRUE(fixtures.ok()) << fixtures.error().summary();
    EXPECT_EQ(fixtures->projectId, "P2EnvProject0000000000000001");
}

struct BadFixture {
    const char *name;
    const char *json;
    const char *code;
};

class FixturesRejects : public ::testing::TestWithParam<BadFixture> {};

TEST_P(FixturesRejects, WithACode)
{
    QTemporaryFile file;
    const auto fixtures = Fixtures::load(writeTemporary(GetParam().json, file));
    ASSERT_FALSE(fixtures.ok());
    EXPECT_EQ(fixtures.error().code, GetParam().code) << fixtures.error().summary();
    EXPECT_EQ(fixtures.error().category, oidc::ErrorCategory::Sandbox);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, FixturesRejects,
    ::testing::Values(
        BadFixture{"not_json", "{", "FIXTURES_JSON"},
        BadFixture{"duplicate_member", R"({"projectId":"a","projectId":"b"})", "FIXTURES_JSON"},
        BadFixture{"short_project_id", R"({"projectId":"P123","clients":[]})", "FIXTURES_INVALID"},
        BadFixture{"project_id_without_p", R"({"projectId":"X2SandboxOidcPlayground00001"})", "FIXTURES_INVALID"},
        BadFixture{"no_public_client", R"({"projectId":"P2SandboxOidcPlayground00001","clients":[]})", "FIXTURES_INVALID"},
        BadFixture{"duplicate_login_id",
                   R"({"projectId":"P2SandboxOidcPlayground00001","clients":[{"clientId":"P2SandboxOidcPlayground00001"}],
                       "users":[{"userId":"U1","loginIds":["A@x"]},{"userId":"U2","loginIds":["a@x"]}]})",
                   "FIXTURES_INVALID"},
        BadFixture{"access_key_with_colon",
                   R"({"projectId":"P2SandboxOidcPlayground00001","clients":[{"clientId":"P2SandboxOidcPlayground00001"}],
                       "accessKeys":[{"id":"K1","secret":"a:b"}]})",
                   "FIXTURES_INVALID"},
        BadFixture{"confidential_without_secret",
                   R"({"projectId":"P2SandboxOidcPlayground00001","clients":[{"clientId":"P2SandboxOidcPlayground00001"},{"clientId":"c","type":"confidential"}]})",
                   "FIXTURES_INVALID"},
        BadFixture{"wrong_lifetime_type",
                   R"({"projectId":"P2SandboxOidcPlayground00001","clients":[{"clientId":"P2SandboxOidcPlayground00001"}],"lifetimes":{"sessionSeconds":"5"}})",
                   "FIXTURES_INVALID"}),
    [](const ::testing::TestParamInfo<BadFixture> &row) { return std::string(row.param.name); });

TEST(Fixtures, MissingFileIsAReadError)
{
    const auto fixtures = Fixtures::load(QStringLiteral("/nonexistent/fixtures.json"));
    ASSERT_FALSE(fixtures.ok());
    EXPECT_EQ(fixtures.error().code, "FIXTURES_READ");
    sandbox::SandboxOptions options;
    options.fixturesPath = QStringLiteral("/nonexistent/fixtures.json");
    sandbox::SandboxServer server(options);
    const auto started = server.start(0);
    ASSERT_FALSE(started.ok());
    EXPECT_EQ(started.error().code, "FIXTURES_READ");
    EXPECT_FALSE(server.isRunning());
}
