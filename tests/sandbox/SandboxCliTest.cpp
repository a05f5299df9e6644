// `oidcplay-cli sandbox`: one JSON line, loopback only, clean shutdown on SIGTERM and SIGINT.

#include "SandboxTestSupport.h"

#include <QProcess>
#include <QTcpServer>
#include <QUrl>

#include <csignal>

#include <sys/types.h>

using namespace sandbox::test;

namespace {

QStringList cliArguments(QStringList extra)
{
    extra.prepend(QStringLiteral("sandbox"));
    return extra;
}

} // namespace

class SandboxCli : public ::testing::Test {
protected:
    void TearDown() override
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    oidc::Json startJson(const QStringList &extra = {})
    {
        m_process.start(QStringLiteral(OIDCPLAY_SANDBOX_CLI), cliArguments(QStringList{QStringLiteral("--json")} + extra));
        EXPECT_TRUE(m_process.waitForStarted(10000));
        EXPECT_TRUE(spinUntil([&] { return m_process.canReadLine() || m_process.state() == QProcess::NotRunning; }, 30000));
        const QByteArray line = m_process.readLine();
        auto json = oidc::parseJsonObject(line.toStdString());
        EXPECT_TRUE(json.ok()) << line.toStdString() << m_process.readAllStandardError().toStdString();
        return json ? json.value() : oidc::Json();
    }
    QProcess m_process;
};

TEST_F(SandboxCli, PrintsOneJsonLineAndStopsOnSigterm)
{
    oidc::Json info = startJson();
    const std::string baseUrl = info["baseUrl"];
    EXPECT_EQ(baseUrl.rfind("http://127.0.0.1:", 0), 0u);
    EXPECT_EQ(info["issuer"], baseUrl + "/" + info["projectId"].get<std::string>());
    EXPECT_EQ(info["discoveryUrl"], info["issuer"].get<std::string>() + "/.well-known/openid-configuration");
    EXPECT_EQ(info["users"].size(), 3u);
    EXPECT_EQ(info["clients"].size(), 2u);
    EXPECT_FALSE(info["accessKeys"][0]["accessKey"].get<std::string>().empty());
    // The management key, fresh from RAND_bytes at every start (issue 15): it opens /v1/mgmt/*.
    const std::string managementKey = info.value("managementKey", std::string());
    EXPECT_GE(managementKey.size(), 40u);
    const quint16 port = static_cast<quint16>(QUrl(QString::fromStdString(baseUrl)).port());
    const auto discovery = rawExchange(port, "GET", QByteArray::fromStdString("/" + info["projectId"].get<std::string>() + "/.well-known/openid-configuration"));
    ASSERT_TRUE(discovery);
    EXPECT_EQ(discovery->status, 200);
    const QByteArray bearer = QByteArray::fromStdString("Bearer " + info["projectId"].get<std::string>() + ":" + managementKey);
    const auto tenants = rawExchange(port, "GET", "/v1/mgmt/tenant/all", {{"Authorization", bearer}});
    ASSERT_TRUE(tenants);
    EXPECT_EQ(tenants->status, 200) << tenants->text();
    EXPECT_FALSE(m_process.canReadLine()); // exactly one line
    ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
    ASSERT_TRUE(m_process.waitForFinished(10000));
    EXPECT_EQ(m_process.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(m_process.exitCode(), 0);
    EXPECT_FALSE(rawExchange(port, "GET", "/sandbox/ping").has_value());
}

// --verbose logs every request, the management API's too, and never its key.
TEST_F(SandboxCli, VerboseLogNeverShowsTheManagementKey)
{
    oidc::Json info = startJson({QStringLiteral("--verbose")});
    const std::string managementKey = info.value("managementKey", std::string());
    ASSERT_FALSE(managementKey.empty());
    const quint16 port = static_cast<quint16>(QUrl(QString::fromStdString(info["baseUrl"].get<std::string>())).port());
    const QByteArray bearer = QByteArray::fromStdString("Bearer " + info["projectId"].get<std::string>() + ":" + managementKey);
    const auto created = rawExchange(port, "POST", "/v1/mgmt/tenant/create", {{"Authorization", bearer}, {"Content-Type", "application/json"}},
                                     R"({"name":"Verbose"})");
    ASSERT_TRUE(created);
    EXPECT_EQ(created->status, 200);
    ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
    ASSERT_TRUE(m_process.waitForFinished(10000));
    const QByteArray log = m_process.readAllStandardError();
    EXPECT_NE(log.indexOf("/v1/mgmt/tenant/create"), -1) << log.toStdString();
    EXPECT_EQ(log.indexOf(QByteArray::fromStdString(managementKey)), -1);
}

TEST_F(SandboxCli, StopsOnSigintAndHonoursPortAndFixtures)
{
    QTcpServer probe; // find a free port
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    oidc::Json info = startJson({QStringLiteral("--port"), QString::number(port), QStringLiteral("--fixtures"),
                                 QStringLiteral(OIDCPLAY_FIXTURES_FILE)});
    EXPECT_EQ(info["baseUrl"], "http://127.0.0.1:" + std::to_string(port));
    ::kill(static_cast<pid_t>(m_process.processId()), SIGINT);
    ASSERT_TRUE(m_process.waitForFinished(10000));
    EXPECT_EQ(m_process.exitCode(), 0);
}

TEST_F(SandboxCli, HelpUsageAndBadFixtures)
{
    QProcess help;
    help.start(QStringLiteral(OIDCPLAY_SANDBOX_CLI), cliArguments({QStringLiteral("--help")}));
    ASSERT_TRUE(help.waitForFinished(10000));
    EXPECT_EQ(help.exitCode(), 0);
    EXPECT_NE(help.readAllStandardOutput().indexOf("--fixtures"), -1);

    QProcess unknown;
    unknown.start(QStringLiteral(OIDCPLAY_SANDBOX_CLI), cliArguments({QStringLiteral("--bind"), QStringLiteral("0.0.0.0")}));
    ASSERT_TRUE(unknown.waitForFinished(10000));
    EXPECT_EQ(unknown.exitCode(), 2); // there is no way to bind another address

    QProcess bad;
    bad.start(QStringLiteral(OIDCPLAY_SANDBOX_CLI), cliArguments({QStringLiteral("--fixtures"), QStringLiteral("/nonexistent.json")}));
    ASSERT_TRUE(bad.waitForFinished(10000));
    EXPECT_EQ(bad.exitCode(), 1);
    EXPECT_NE(bad.readAllStandardError().indexOf("FIXTURES_READ"), -1);
}

TEST_F(SandboxCli, HumanSummaryWithoutJson)
{
    m_process.start(QStringLiteral(OIDCPLAY_SANDBOX_CLI), cliArguments({}));
    ASSERT_TRUE(m_process.waitForStarted(10000));
    QByteArray out;
    ASSERT_TRUE(spinUntil([&] {
        out += m_process.readAllStandardOutput();
        return out.contains("Press Ctrl+C") || m_process.state() == QProcess::NotRunning;
    }, 30000));
    EXPECT_NE(out.indexOf("demo users"), -1);
    EXPECT_NE(out.indexOf("alice@example.com"), -1);
    ::kill(static_cast<pid_t>(m_process.processId()), SIGTERM);
    ASSERT_TRUE(m_process.waitForFinished(10000));
    EXPECT_EQ(m_process.exitCode(), 0);
}
