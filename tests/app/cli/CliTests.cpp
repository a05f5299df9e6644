// oidcplay-cli as scripts use it: the real binary, run as a process, its stdout/stderr/exit code.

#include "CliProcess.h"

#include "oidc/Pkce.h"
#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/Digest.h"
#include "oidc/crypto/JsonWebKey.h"
#include "oidc/jwt/ClaimChecks.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <thread>

namespace {

using oidc::Json;
using namespace oidc::crypto;
using cli::test::CliRun;
using cli::test::runCli;

std::string sign(const JsonWebKey &key, const Json &header, const Json &claims)
{
    const std::string input = base64UrlEncode(header.dump()) + "." + base64UrlEncode(claims.dump());
    const auto algorithm = parseJwsAlgorithm(header["alg"].get<std::string>());
    auto signature = signWithKey(*algorithm, key.key.get(), input);
    EXPECT_TRUE(signature.ok());
    return input + "." + base64UrlEncode(signature.value());
}

class CliTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_rsa = new JsonWebKey(generateKey(KeyKind::Rsa2048, "rsa-1", "RS256").value());
        s_ec = new JsonWebKey(generateKey(KeyKind::EcP256, "ec-1", "ES256").value());
        s_other = new JsonWebKey(generateKey(KeyKind::Rsa2048, "rsa-1", "RS256").value()); // same kid, other key
    }
    static void TearDownTestSuite()
    {
        delete s_rsa;
        delete s_ec;
        delete s_other;
    }

    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        const Json jwks = {{"keys", Json::array({publicJwk(*s_rsa), publicJwk(*s_ec)})}};
        m_jwksPath = writeFile(QStringLiteral("jwks.json"), jwks.dump());
    }

    QString writeFile(const QString &name, const std::string &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content.data(), static_cast<qint64>(content.size()));
        return path;
    }

    Json claims(int64_t expOffset = 600) const
    {
        const int64_t now = oidc::jwt::unixNow();
        return {{"iss", "https://issuer.example"}, {"sub", "U123"}, {"aud", "client-1"}, {"nonce", "n-0S6_WzA2Mj"},
                {"iat", now - 10}, {"exp", now + expOffset}};
    }

    QStringList verifyArgs(const std::string &token) const
    {
        return {QStringLiteral("verify"), QString::fromStdString(token), QStringLiteral("--jwks"), m_jwksPath,
                QStringLiteral("--issuer"), QStringLiteral("https://issuer.example"), QStringLiteral("--audience"),
                QStringLiteral("client-1"), QStringLiteral("--nonce"), QStringLiteral("n-0S6_WzA2Mj"), QStringLiteral("--json")};
    }

    static JsonWebKey *s_rsa;
    static JsonWebKey *s_ec;
    static JsonWebKey *s_other;
    QTemporaryDir m_dir;
    QString m_jwksPath;
};

JsonWebKey *CliTest::s_rsa = nullptr;
JsonWebKey *CliTest::s_ec = nullptr;
JsonWebKey *CliTest::s_other = nullptr;

// Serves one fixed HTTP response to every connection, on 127.0.0.1, in its own thread.
class OneShotHttpServer final {
public:
    explicit OneShotHttpServer(QByteArray response) : m_response(std::move(response))
    {
        m_thread = std::thread([this] { serve(); });
        while (m_port.load() == 0)
            std::this_thread::yield();
    }
    ~OneShotHttpServer()
    {
        m_stop = true;
        m_thread.join();
    }
    quint16 port() const { return m_port.load(); }

private:
    void serve()
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0)) {
            m_port = 1;
            return;
        }
        m_port = server.serverPort();
        while (!m_stop) {
            if (!server.waitForNewConnection(50))
                continue;
            QTcpSocket *socket = server.nextPendingConnection();
            QByteArray request;
            while (!request.contains("\r\n\r\n") && socket->waitForReadyRead(2000))
                request += socket->readAll();
            socket->write(m_response);
            socket->waitForBytesWritten(2000);
            socket->disconnectFromHost();
            delete socket;
        }
    }

    QByteArray m_response;
    std::thread m_thread;
    std::atomic<quint16> m_port{0};
    std::atomic<bool> m_stop{false};
};

QByteArray httpResponse(int status, const std::string &body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
        + QByteArray::number(static_cast<qlonglong>(body.size())) + "\r\n\r\n" + QByteArray::fromStdString(body);
}

TEST_F(CliTest, PkceJsonMatchesRfc7636Computation)
{
    const CliRun run = runCli({QStringLiteral("pkce"), QStringLiteral("--json")});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const Json json = run.json();
    const std::string verifier = json["code_verifier"];
    EXPECT_EQ(verifier.size(), 43u);
    EXPECT_TRUE(oidc::validateCodeVerifier(verifier).ok());
    EXPECT_EQ(json["code_challenge"], base64UrlEncode(sha256(verifier)));
    EXPECT_EQ(json["code_challenge_method"], "S256");
    EXPECT_EQ(json["state"].get<std::string>().size(), 43u);
    EXPECT_EQ(json["nonce"].get<std::string>().size(), 43u);
    EXPECT_NE(json["state"], json["nonce"]);
    EXPECT_NE(runCli({QStringLiteral("pkce"), QStringLiteral("--json")}).json()["code_verifier"], json["code_verifier"]);
}

TEST_F(CliTest, PkcePlainAndLengthAndErrors)
{
    CliRun run = runCli({QStringLiteral("pkce"), QStringLiteral("--method"), QStringLiteral("plain"), QStringLiteral("--length"),
                      QStringLiteral("128"), QStringLiteral("--json")});
    ASSERT_EQ(run.exitCode, 0);
    EXPECT_EQ(run.json()["code_verifier"].get<std::string>().size(), 128u);
    EXPECT_EQ(run.json()["code_challenge"], run.json()["code_verifier"]);
    EXPECT_NE(run.err.find("warning"), std::string::npos);

    run = runCli({QStringLiteral("pkce"), QStringLiteral("--length"), QStringLiteral("42"), QStringLiteral("--json")});
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_EQ(run.json()["error"]["code"], "PKCE_LENGTH");
    EXPECT_EQ(runCli({QStringLiteral("pkce"), QStringLiteral("--method"), QStringLiteral("S512")}).exitCode, 2);
    EXPECT_EQ(runCli({QStringLiteral("pkce"), QStringLiteral("--bogus")}).exitCode, 2);
}

TEST_F(CliTest, HelpOnEveryCommand)
{
    for (const char *command : {"pkce", "decode", "verify"}) {
        const CliRun run = runCli({QString::fromLatin1(command), QStringLiteral("--help")});
        EXPECT_EQ(run.exitCode, 0) << command;
        EXPECT_NE(run.out.find(std::string("Usage: oidcplay-cli ") + command), std::string::npos) << run.out;
    }
    const CliRun top = runCli({QStringLiteral("--help")});
    EXPECT_EQ(top.exitCode, 0);
    EXPECT_NE(top.out.find("verify"), std::string::npos);
    EXPECT_EQ(runCli({QStringLiteral("nonsense")}).exitCode, 2);
}

TEST_F(CliTest, DecodeFromArgumentAndStdin)
{
    const std::string token = sign(*s_rsa, {{"alg", "RS256"}, {"kid", "rsa-1"}, {"typ", "JWT"}}, claims(290));
    CliRun run = runCli({QStringLiteral("decode"), QString::fromStdString(token), QStringLiteral("--json")});
    ASSERT_EQ(run.exitCode, 0) << run.err;
    Json json = run.json();
    EXPECT_EQ(json["header"]["kid"], "rsa-1");
    EXPECT_EQ(json["claims"]["sub"], "U123");
    EXPECT_EQ(json["verified"], false);
    const int64_t remaining = json["seconds_until_expiry"];
    EXPECT_GT(remaining, 280);
    EXPECT_LE(remaining, 290);
    EXPECT_TRUE(json["times"]["exp"]["relative"].get<std::string>().starts_with("in 4 min"));
    EXPECT_TRUE(json["times"]["iat"]["relative"].get<std::string>().ends_with("ago"));

    run = runCli({QStringLiteral("decode"), QStringLiteral("-"), QStringLiteral("--json")}, QByteArray::fromStdString("Bearer " + token + "\n"));
    ASSERT_EQ(run.exitCode, 0) << run.err;
    EXPECT_EQ(run.json()["claims"]["iss"], "https://issuer.example");

    run = runCli({QStringLiteral("decode"), QString::fromStdString(token)});
    EXPECT_EQ(run.exitCode, 0);
    EXPECT_NE(run.out.find("expires in: 4 min"), std::string::npos) << run.out;
    EXPECT_NE(run.out.find("NOT verified"), std::string::npos);
}

TEST_F(CliTest, DecodeErrorsAreCategorised)
{
    struct Row {
        const char *token;
        const char *code;
    };
    const Row rows[] = {{"a.b", "JWT_PART_COUNT"}, {"a.b.c.d.e", "JWT_JWE_UNSUPPORTED"}, {"eyJhbGciOiJIUzI1NiJ9.e30.!!", "JWT_BASE64URL"},
                        {"e30.e30.", "JWT_ALG_MISSING"}, {"W10.e30.", "JWT_HEADER_NOT_OBJECT"}};
    for (const auto &row : rows) {
        const CliRun run = runCli({QStringLiteral("decode"), QString::fromLatin1(row.token), QStringLiteral("--json")});
        EXPECT_EQ(run.exitCode, 3) << row.token;
        EXPECT_EQ(run.json()["ok"], false);
        EXPECT_EQ(run.json()["error"]["category"], "IDT") << row.token;
        EXPECT_EQ(run.json()["error"]["code"], row.code) << row.token;
        EXPECT_NE(run.err.find(row.code), std::string::npos);
    }
    const CliRun big = runCli({QStringLiteral("decode"), QStringLiteral("--max-size"), QStringLiteral("16"), QStringLiteral("--json"),
                            QStringLiteral("eyJhbGciOiJub25lIn0.e30.")});
    EXPECT_EQ(big.json()["error"]["code"], "JWT_TOO_LARGE");
}

TEST_F(CliTest, VerifyPassesEveryCheck)
{
    for (const auto *key : {s_rsa, s_ec}) {
        const std::string token = sign(*key, {{"alg", key->alg}, {"kid", key->kid}}, claims());
        const CliRun run = runCli(verifyArgs(token));
        ASSERT_EQ(run.exitCode, 0) << run.out << run.err;
        const Json json = run.json();
        EXPECT_EQ(json["ok"], true);
        std::map<std::string, std::string> outcomes;
        for (const auto &check : json["checks"]) {
            EXPECT_TRUE(check.contains("id") && check.contains("ok") && check.contains("detail"));
            outcomes[check["id"]] = check["outcome"];
        }
        for (const char *id : {"signature", "iss", "aud", "exp", "iat", "sub", "nonce"})
            EXPECT_EQ(outcomes[id], "pass") << id;
        EXPECT_EQ(json["signature"]["kid"], key->kid);
    }
}

TEST_F(CliTest, VerifyFailuresExitNonZeroWithCodes)
{
    struct Row {
        std::string name;
        std::string token;
        std::string code;
    };
    Json wrongIssuer = claims();
    wrongIssuer["iss"] = "https://evil.example";
    Json wrongNonce = claims();
    wrongNonce["nonce"] = "other";
    const std::string good = sign(*s_rsa, {{"alg", "RS256"}, {"kid", "rsa-1"}}, claims());
    std::string tampered = good;
    const auto firstDot = tampered.find('.');
    Json evil = claims();
    evil["sub"] = "admin";
    tampered.replace(firstDot + 1, tampered.find('.', firstDot + 1) - firstDot - 1, base64UrlEncode(evil.dump()));
    const std::vector<Row> rows = {
        {"expired", sign(*s_rsa, {{"alg", "RS256"}, {"kid", "rsa-1"}}, claims(-120)), "EXPIRED"},
        {"issuer", sign(*s_rsa, {{"alg", "RS256"}, {"kid", "rsa-1"}}, wrongIssuer), "ISS_MISMATCH"},
        {"nonce", sign(*s_rsa, {{"alg", "RS256"}, {"kid", "rsa-1"}}, wrongNonce), "NONCE_MISMATCH"},
        {"tampered", tampered, "SIGNATURE_INVALID"},
        {"other key same kid", sign(*s_other, {{"alg", "RS256"}, {"kid", "rsa-1"}}, claims()), "SIGNATURE_INVALID"},
        {"unknown kid", sign(*s_rsa, {{"alg", "RS256"}, {"kid", "nope"}}, claims()), "KID_UNKNOWN"},
        {"none", base64UrlEncode(R"({"alg":"none"})") + "." + base64UrlEncode(claims().dump()) + ".", "ALG_NONE_REJECTED"},
    };
    for (const auto &row : rows) {
        const CliRun run = runCli(verifyArgs(row.token));
        EXPECT_EQ(run.exitCode, 1) << row.name << run.out;
        const Json json = run.json();
        EXPECT_EQ(json["ok"], false) << row.name;
        EXPECT_EQ(json["error"]["category"], "IDT") << row.name;
        EXPECT_EQ(json["error"]["code"], row.code) << row.name;
    }
    // Text mode: the failing check is printed as FAIL and the reason goes to stderr.
    const CliRun text = runCli({QStringLiteral("verify"), QString::fromStdString(rows[0].token), QStringLiteral("--jwks"), m_jwksPath});
    EXPECT_EQ(text.exitCode, 1);
    EXPECT_NE(text.out.find("FAIL  exp"), std::string::npos) << text.out;
    EXPECT_NE(text.err.find("EXPIRED"), std::string::npos);
}

TEST_F(CliTest, VerifyAlgorithmAllowListComesFromOptions)
{
    const std::string es = sign(*s_ec, {{"alg", "ES256"}, {"kid", "ec-1"}}, claims());
    QStringList args = verifyArgs(es);
    args << QStringLiteral("--algs") << QStringLiteral("RS256");
    const CliRun run = runCli(args);
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.json()["error"]["code"], "ALG_NOT_ALLOWED");
    args = verifyArgs(es);
    args << QStringLiteral("--algs") << QStringLiteral("RS256,XX999");
    EXPECT_EQ(runCli(args).exitCode, 2);
}

TEST_F(CliTest, VerifyHmacNeedsSecretFile)
{
    const std::string input = base64UrlEncode(R"({"alg":"HS256"})") + "." + base64UrlEncode(claims().dump());
    const std::string token = input + "." + base64UrlEncode(signHmac(JwsAlgorithm::HS256, "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t", input).value());
    const QString secret = writeFile(QStringLiteral("secret.txt"), "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t\n");
    const QString wrong = writeFile(QStringLiteral("wrong.txt"), "not-the-secret-not-the-secret-not-it");
    const CliRun ok = runCli({QStringLiteral("verify"), QString::fromStdString(token), QStringLiteral("--hmac-secret-file"), secret,
                           QStringLiteral("--algs"), QStringLiteral("HS256"), QStringLiteral("--json")});
    EXPECT_EQ(ok.exitCode, 0) << ok.out;
    const CliRun bad = runCli({QStringLiteral("verify"), QString::fromStdString(token), QStringLiteral("--hmac-secret-file"), wrong,
                            QStringLiteral("--algs"), QStringLiteral("HS256"), QStringLiteral("--json")});
    EXPECT_EQ(bad.exitCode, 1);
    EXPECT_EQ(bad.json()["error"]["code"], "SIGNATURE_INVALID");
    // HS256 is never implied by the default allow-list, even with keys given.
    const CliRun notAllowed = runCli({QStringLiteral("verify"), QString::fromStdString(token), QStringLiteral("--jwks"), m_jwksPath,
                                   QStringLiteral("--hmac-secret-file"), secret, QStringLiteral("--json")});
    EXPECT_EQ(notAllowed.json()["error"]["code"], "ALG_NOT_ALLOWED");
}

TEST_F(CliTest, VerifyFetchesJwksOverLoopbackHttp)
{
    const Json jwks = {{"keys", Json::array({{{"kty", "oct"}, {"k", "AAAA"}}, publicJwk(*s_rsa)})}};
    OneShotHttpServer server(httpResponse(200, jwks.dump()));
    const QString url = QStringLiteral("http://127.0.0.1:%1/jwks").arg(server.port());
    const std::string token = sign(*s_rsa, {{"alg", "RS256"}, {"kid", "rsa-1"}}, claims());
    QStringList args = verifyArgs(token);
    args[3] = url;
    const CliRun run = runCli(args);
    EXPECT_EQ(run.exitCode, 0) << run.out << run.err;
    EXPECT_NE(run.err.find("plain http"), std::string::npos); // flagged
    EXPECT_NE(run.err.find("skipped"), std::string::npos);    // the oct key is skipped with a note
}

TEST_F(CliTest, VerifyReportsUnusableKeySources)
{
    OneShotHttpServer broken(httpResponse(502, "<html>Bad gateway</html>"));
    const std::string token = sign(*s_rsa, {{"alg", "RS256"}, {"kid", "rsa-1"}}, claims());
    QStringList args = verifyArgs(token);
    args[3] = QStringLiteral("http://127.0.0.1:%1/jwks").arg(broken.port());
    CliRun run = runCli(args);
    EXPECT_EQ(run.exitCode, 3);
    EXPECT_EQ(run.json()["error"]["category"], "KEYS");
    EXPECT_EQ(run.json()["error"]["code"], "JWKS_HTTP_STATUS");
    EXPECT_EQ(run.json()["error"]["httpStatus"], 502);

    args[3] = QStringLiteral("http://192.0.2.1/jwks"); // http off loopback: refused before any request
    run = runCli(args);
    EXPECT_EQ(run.exitCode, 3);
    EXPECT_EQ(run.json()["error"]["code"], "NET_INSECURE_URL");

    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    args[3] = QStringLiteral("http://127.0.0.1:%1/jwks").arg(port);
    run = runCli(args);
    EXPECT_EQ(run.exitCode, 3);
    EXPECT_EQ(run.json()["error"]["category"], "NET");
    EXPECT_EQ(run.json()["error"]["code"], "NET_CONNECTION_REFUSED");

    args[3] = writeFile(QStringLiteral("empty.json"), R"({"keys":[{"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB"}]})");
    run = runCli(args);
    EXPECT_EQ(run.exitCode, 3);
    EXPECT_EQ(run.json()["error"]["code"], "JWKS_NO_USABLE_KEY");
}

} // namespace
