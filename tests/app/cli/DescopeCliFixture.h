#pragma once

// The fixture of the `oidcplay-cli descope …` tests: the sandbox runs as `oidcplay-cli sandbox
// --json` (its own process on 127.0.0.1, started per suite and stopped by it), the CLI under test
// as another process; the test reads the sandbox's Inbox over HTTP and feeds codes and links to
// the CLI's stdin, clicks the enchanted link while the CLI polls, or plays the browser between
// the sandbox's pages and the CLI's redirect listener.

#include "CliProcess.h"

#include <gtest/gtest.h>

#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

#include <memory>
#include <string>

namespace cli::descope_test {

using cli::test::CliRun;
using cli::test::collect;
using cli::test::runCli;
using oidc::Json;

constexpr const char *kAliceEmail = "alice@example.com";
constexpr const char *kAliceUserId = "U2SbxAlice000000000000000001";
constexpr const char *kReaderAccessKey = "SANDBOX-ONLY-ak-reader-0c1f5e7b2d9a";
constexpr const char *kReaderKeyId = "K2SbxReader00000000000000001";

struct HttpAnswer {
    int status = 0;
    Json body;
};

// What a browser sees of an answer.
struct WebAnswer {
    int status = 0;
    std::string location;
    std::string body;
};

class DescopeCliTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_sandbox = new QProcess;
        s_sandbox->start(QString::fromUtf8(OIDCPLAY_CLI), {QStringLiteral("sandbox"), QStringLiteral("--json")});
        ASSERT_TRUE(s_sandbox->waitForStarted(10000));
        QByteArray line;
        while (!line.contains('\n') && s_sandbox->waitForReadyRead(10000))
            line += s_sandbox->readAllStandardOutput();
        const Json info = Json::parse(line.toStdString());
        s_baseUrl = QString::fromStdString(info["baseUrl"].get<std::string>());
        s_projectId = QString::fromStdString(info["projectId"].get<std::string>());
        s_managementKey = info["managementKey"].get<std::string>();
    }
    static void TearDownTestSuite()
    {
        s_sandbox->terminate();
        s_sandbox->waitForFinished(10000);
        delete s_sandbox;
        s_sandbox = nullptr;
    }

    // The descope command with the project and the sandbox's base URL.
    static QStringList descope(QStringList words, const QString &baseUrl = s_baseUrl)
    {
        words.prepend(QStringLiteral("descope"));
        words << QStringLiteral("--project-id") << s_projectId << QStringLiteral("--base-url") << baseUrl;
        return words;
    }

    // A blocking HTTP/1.1 exchange with a loopback server (Connection: close, Content-Length
    // answers): the sandbox, or the CLI's redirect listener when the test plays the browser.
    static WebAnswer exchange(const QByteArray &method, const QUrl &url, const QByteArray &headers, const QByteArray &content)
    {
        QTcpSocket socket;
        socket.connectToHost(url.host(), static_cast<quint16>(url.port()));
        EXPECT_TRUE(socket.waitForConnected(5000)) << url.toString().toStdString();
        QByteArray request = method + " " + url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded).toUtf8()
            + " HTTP/1.1\r\nHost: " + url.authority().toUtf8() + "\r\nConnection: close\r\n" + headers;
        if (!content.isEmpty() || method == "POST")
            request += "Content-Length: " + QByteArray::number(content.size()) + "\r\n";
        socket.write(request + "\r\n" + content);
        QByteArray answer;
        while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000))
            answer += socket.readAll();
        answer += socket.readAll();
        const qsizetype split = answer.indexOf("\r\n\r\n");
        WebAnswer result;
        result.status = answer.mid(9, 3).toInt();
        result.body = answer.mid(split + 4).toStdString();
        for (const QByteArray &line : answer.left(split).split('\n')) {
            if (line.toLower().startsWith("location:"))
                result.location = line.mid(9).trimmed().toStdString();
        }
        return result;
    }

    // A Descope call to the sandbox with Authorization: Bearer <projectId>.
    static HttpAnswer http(const QByteArray &method, const QString &pathAndQuery, const Json &body = nullptr)
    {
        QByteArray headers = "Authorization: Bearer " + s_projectId.toUtf8() + "\r\n";
        if (!body.is_null())
            headers += "Content-Type: application/json\r\n";
        const WebAnswer answer = exchange(method, QUrl(s_baseUrl + pathAndQuery), headers,
                                          body.is_null() ? QByteArray() : QByteArray::fromStdString(body.dump()));
        return {answer.status, Json::parse(answer.body, nullptr, false)};
    }

    // The newest Inbox message for the login ID.
    static Json latestMessage(const std::string &loginId)
    {
        const HttpAnswer inbox = http("GET", QStringLiteral("/sandbox/inbox?loginId=") + QString::fromStdString(loginId));
        EXPECT_EQ(inbox.status, 200);
        EXPECT_FALSE(inbox.body["messages"].empty());
        return inbox.body["messages"].empty() ? Json::object() : inbox.body["messages"][0];
    }

    // Starts the CLI; the test talks to it while it runs.
    static std::unique_ptr<QProcess> startCli(const QStringList &arguments)
    {
        auto process = std::make_unique<QProcess>();
        process->setReadChannel(QProcess::StandardError); // waitForReadyRead watches the prompts
        process->start(QString::fromUtf8(OIDCPLAY_CLI), arguments);
        EXPECT_TRUE(process->waitForStarted(10000));
        return process;
    }

    // Reads stderr until it holds `text` (or 10 s pass); everything read so far is returned.
    static std::string waitForStderr(QProcess &process, const std::string &text, std::string &seen)
    {
        while (seen.find(text) == std::string::npos && process.waitForReadyRead(10000))
            seen += process.readAllStandardError().toStdString();
        seen += process.readAllStandardError().toStdString();
        EXPECT_NE(seen.find(text), std::string::npos) << seen;
        return seen;
    }

    // Answers the CLI's prompt with `line`, then collects the run.
    static CliRun answerPrompt(QProcess &process, const std::string &seen, const std::string &line)
    {
        process.write(QByteArray::fromStdString(line + "\n"));
        process.closeWriteChannel();
        CliRun run = collect(process);
        run.err = seen + run.err;
        return run;
    }

    // An OTP sign-in by email through the CLI, tokens shown: the JSON result.
    static Json signInWithOtp(const std::string &loginId = kAliceEmail, const QStringList &extra = {})
    {
        QStringList words = {QStringLiteral("otp"), QStringLiteral("--method"), QStringLiteral("email"), QStringLiteral("--login-id"),
                             QString::fromStdString(loginId), QStringLiteral("--json"), QStringLiteral("--show-tokens")};
        auto process = startCli(descope(words + extra));
        std::string seen;
        waitForStderr(*process, "code: ", seen);
        const CliRun run = answerPrompt(*process, seen, latestMessage(loginId).value("code", std::string()));
        EXPECT_EQ(run.exitCode, 0) << run.out << run.err;
        return run.json();
    }

// The value of "name: value" on its own line of `text`.
    static std::string lineValue(const std::string &text, const std::string &name)
    {
        const size_t at = text.find(name + ": ");
        if (at == std::string::npos)
            return {};
        const size_t from = at + name.size() + 2;
        return text.substr(from, text.find('\n', from) - from);
    }

    // Waits for the link's number and the first pending poll, then clicks the link with that
    // number (its token verified, as the link's page does). Returns the number.
    static std::string clickEnchantedLink(QProcess &process, std::string &seen)
    {
        waitForStderr(process, "masked_email: ", seen);
        waitForStderr(process, "poll 1: ", seen);
        const std::string linkId = lineValue(seen, "link_id");
        EXPECT_FALSE(linkId.empty()) << seen;
        EXPECT_FALSE(lineValue(seen, "pending_ref").empty());
        std::string token;
        const Json message = latestMessage(kAliceEmail);
        for (const Json &link : message["links"])
            if (link.value("number", std::string()) == linkId)
                token = QUrlQuery(QUrl(QString::fromStdString(link["url"].get<std::string>()))).queryItemValue(QStringLiteral("t")).toStdString();
        EXPECT_FALSE(token.empty()) << linkId << " " << message.dump();
        EXPECT_EQ(http("POST", QStringLiteral("/v1/auth/enchantedlink/verify"), {{"token", token}}).status, 200);
        return linkId;
    }

    static std::string check(const Json &result, const std::string &id)
    {
        for (const Json &item : result.value("checks", Json::array()))
            if (item["id"] == id)
                return item["ok"].get<bool>() ? "ok" : "failed";
        return "absent";
    }

    static inline QProcess *s_sandbox = nullptr;
    static inline QString s_baseUrl;
    static inline QString s_projectId;
    static inline std::string s_managementKey; // SANDBOX-ONLY, printed by `sandbox --json`
};

inline void expectInputError(const CliRun &run)
{
    EXPECT_EQ(run.exitCode, 2) << run.out << run.err;
    const Json json = run.json();
    EXPECT_FALSE(json["ok"].get<bool>());
    EXPECT_EQ(json["error"]["category"], "INPUT");
}

} // namespace cli::descope_test
