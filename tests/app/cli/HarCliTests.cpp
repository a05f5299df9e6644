// oidcplay-cli har analyze: exit codes and JSON as scripts use them.

#include "CliProcess.h"

#include "oidc/crypto/Base64Url.h"

#include <QFile>
#include <QTemporaryDir>

namespace cli::test {
namespace {

using oidc::Json;

Json harCliEntry(const std::string &method, const std::string &url, int status, const std::string &body = {})
{
    return {{"startedDateTime", "2027-01-15T08:00:00.000Z"},
            {"time", 10},
            {"request", {{"method", method}, {"url", url}, {"httpVersion", "HTTP/1.1"}, {"headers", Json::array()}, {"queryString", Json::array()},
                         {"cookies", Json::array()}, {"headersSize", -1}, {"bodySize", 0}}},
            {"response", {{"status", status}, {"statusText", ""}, {"httpVersion", "HTTP/1.1"}, {"headers", Json::array()}, {"cookies", Json::array()},
                          {"content", {{"size", body.size()}, {"mimeType", "application/json"}, {"text", body}}}, {"redirectURL", ""},
                          {"headersSize", -1}, {"bodySize", body.size()}}},
            {"cache", Json::object()},
            {"timings", {{"send", 0}, {"wait", 10}, {"receive", 0}}}};
}

class HarCli : public ::testing::Test {
protected:
    QString write(const std::string &name, const std::string &text)
    {
        const QString path = m_dir.filePath(QString::fromStdString(name));
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(text.data(), static_cast<qint64>(text.size()));
        return path;
    }
    QString writeHar(const std::string &name, const std::vector<Json> &entries)
    {
        return write(name, Json{{"log", {{"version", "1.2"}, {"creator", {{"name", "t"}, {"version", "1"}}}, {"entries", entries}}}}.dump());
    }

    QTemporaryDir m_dir;
};

TEST_F(HarCli, CleanFileExitsZeroWithNoFinding)
{
    const QString path = writeHar("clean.har", {harCliEntry("GET", "https://idp.test/.well-known/openid-configuration", 200,
                                                            R"({"issuer":"https://idp.test","token_endpoint":"https://idp.test/token"})")});
    const CliRun run = runCli({QStringLiteral("har"), QStringLiteral("analyze"), path, QStringLiteral("--json")});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const Json out = run.json();
    EXPECT_EQ(out["ok"], true);
    EXPECT_EQ(out["findings"], Json::array());
    ASSERT_EQ(out["exchanges"].size(), 1u);
    EXPECT_EQ(out["exchanges"][0]["kind"], "discovery");
}

TEST_F(HarCli, WarningsKeepExitZeroAndErrorsExitOne)
{
    const QString limited = writeHar("limited.har", {harCliEntry("POST", "https://idp.test/token", 429, R"({"error":"slow_down"})")});
    const CliRun warned = runCli({QStringLiteral("har"), QStringLiteral("analyze"), limited, QStringLiteral("--json")});
    ASSERT_EQ(warned.exitCode, 0) << warned.err;
    EXPECT_EQ(warned.json()["ok"], true);
    EXPECT_EQ(warned.json()["findings"][0], (Json{{"code", "RATE_LIMITED"}, {"severity", "warning"}, {"entry", 0},
                                                  {"message", warned.json()["findings"][0]["message"]}}));

    const QString forged = writeHar("state.har",
                                    {harCliEntry("GET", "https://idp.test/authorize?response_type=code&client_id=a&state=s1&code_challenge=x&code_challenge_method=S256", 302),
                                     harCliEntry("GET", "http://127.0.0.1:9/cb?code=c1&state=s2", 200)});
    const CliRun failed = runCli({QStringLiteral("har"), QStringLiteral("analyze"), forged, QStringLiteral("--json")});
    ASSERT_EQ(failed.exitCode, 1) << failed.err;
    const Json out = failed.json();
    EXPECT_EQ(out["ok"], false);
    ASSERT_EQ(out["findings"].size(), 1u);
    EXPECT_EQ(out["findings"][0]["code"], "STATE_MISMATCH");
    EXPECT_EQ(out["findings"][0]["severity"], "error");
    EXPECT_EQ(out["findings"][0]["entry"], 1);

    const CliRun text = runCli({QStringLiteral("har"), QStringLiteral("analyze"), forged});
    EXPECT_EQ(text.exitCode, 1);
    EXPECT_NE(text.out.find("[error] STATE_MISMATCH  entry 1"), std::string::npos) << text.out;
}

TEST_F(HarCli, TokensAreRedactedUnlessShowTokens)
{
    const std::string token = oidc::crypto::base64UrlEncode(R"({"alg":"RS256","kid":"k"})") + "."
        + oidc::crypto::base64UrlEncode(R"({"sub":"u","exp":1800003600,"iat":1800000000})") + "." + oidc::crypto::base64UrlEncode("signature-bytes");
    const QString path = writeHar("tokens.har", {harCliEntry("POST", "https://idp.test/token", 200, Json{{"access_token", token}}.dump())});
    const CliRun hidden = runCli({QStringLiteral("har"), QStringLiteral("analyze"), path, QStringLiteral("--json")});
    ASSERT_EQ(hidden.exitCode, 0) << hidden.err;
    EXPECT_EQ(hidden.out.find(token), std::string::npos);
    EXPECT_EQ(hidden.json()["tokens"].size(), 1u);
    const CliRun shown = runCli({QStringLiteral("har"), QStringLiteral("analyze"), path, QStringLiteral("--json"), QStringLiteral("--show-tokens")});
    ASSERT_EQ(shown.exitCode, 0);
    EXPECT_EQ(shown.json()["tokens"][0]["token"], token);
}

TEST_F(HarCli, UnreadableInputExitsTwoOrThree)
{
    const CliRun notHar = runCli({QStringLiteral("har"), QStringLiteral("analyze"), write("x.json", R"({"x":1})"), QStringLiteral("--json")});
    EXPECT_EQ(notHar.exitCode, 2);
    EXPECT_EQ(notHar.json()["ok"], false);
    EXPECT_EQ(notHar.json()["error"]["code"], "HAR_SHAPE");
    const CliRun notJson = runCli({QStringLiteral("har"), QStringLiteral("analyze"), write("y.har", "<html>"), QStringLiteral("--json")});
    EXPECT_EQ(notJson.exitCode, 2);
    EXPECT_EQ(notJson.json()["error"]["code"], "HAR_SYNTAX");
    const CliRun missing = runCli({QStringLiteral("har"), QStringLiteral("analyze"), m_dir.filePath(QStringLiteral("none.har")), QStringLiteral("--json")});
    EXPECT_EQ(missing.exitCode, 3);
    EXPECT_EQ(missing.json()["error"]["code"], "HAR_FILE_UNREADABLE");
    EXPECT_EQ(runCli({QStringLiteral("har"), QStringLiteral("analyze")}).exitCode, 2);
    EXPECT_EQ(runCli({QStringLiteral("har"), QStringLiteral("export")}).exitCode, 2);
    EXPECT_EQ(runCli({QStringLiteral("har")}).exitCode, 2);
}

} // namespace
} // namespace cli::test
