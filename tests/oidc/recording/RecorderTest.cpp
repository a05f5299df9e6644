// What a recording keeps of a code flow: every step with its checks, every exchange redacted
// (HarWriter), and no live code, verifier, token or secret anywhere in the file's bytes.

#include "oidc/net/ExchangeLog.h"
#include "oidc/recording/Recorder.h"
#include "oidc/recording/RecordingJson.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

namespace {

using namespace oidc;
using namespace oidc::recording;

// Live values as a real token exchange carries them (token-shaped, as providers issue them).
const std::string kCode = "SplxlOBeZQQYbYS6WxSbIA7f3k2LmN9pQ";
const std::string kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const std::string kClientSecret = "s3cr3t-Client-Value-42xyz";
const std::string kAccessToken = "at-2YotnFZFEjr1zCsicMWpAA9x8y7z6w5v";
const std::string kRefreshToken = "rt-tGzv3JOkF0XG5Qx2TlKWIA1b2c3d4e5f";
const std::string kIdToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSIsIm5vbmNlIjoibi0wUzZfV3pBMk1qIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";
const std::string kNonce = "n-0S6_WzA2MjQ1b2c3d4e5f6g7h8i9j0k";

net::HttpExchange tokenExchange()
{
    net::HttpExchange exchange;
    exchange.request.method = "POST";
    exchange.request.url = QUrl(QStringLiteral("http://127.0.0.1:9/p/oauth2/v1/token"));
    exchange.request.step = flow::FlowStep::Token;
    exchange.request.label = QStringLiteral("token (authorization_code)");
    exchange.request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    exchange.request.setHeader("Authorization", "Basic " + QByteArray::fromStdString("client:" + kClientSecret).toBase64());
    exchange.request.body = QByteArray::fromStdString("grant_type=authorization_code&code=" + kCode + "&code_verifier=" + kVerifier
                                                      + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5%2Fcallback");
    net::HttpResponse response;
    response.status = 200;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = QByteArray::fromStdString(
        Json{{"access_token", kAccessToken}, {"refresh_token", kRefreshToken}, {"id_token", kIdToken}, {"token_type", "Bearer"}}.dump());
    exchange.response = response;
    return exchange;
}

TEST(Recorder, KeepsStepsChecksAndRedactedExchangesButNoLiveSecret)
{
    net::ExchangeLog log;
    Recorder recorder;
    recorder.attach(log);
    log.add(tokenExchange());

    flow::StepReport token{flow::FlowStep::Token, true, QStringLiteral("code exchanged"), std::nullopt, {}};
    flow::StepReport idToken{flow::FlowStep::IdToken, false, QString::fromStdString("nonce " + kNonce + " differs"),
                             makeError(ErrorCategory::IdToken, "NONCE_MISMATCH", "the nonce differs"), {}};
    idToken.checks.push_back({"nonce", "OIDC Core §3.1.3.7 #11", jwt::CheckOutcome::Fail, "expected " + kNonce + ", got n-other", "NONCE_MISMATCH"});
    idToken.checks.push_back({"iss", "OIDC Core §3.1.3.7 #2", jwt::CheckOutcome::Pass, "matches", ""});
    recorder.addReports({token, idToken});
    recorder.finish(makeError(ErrorCategory::IdToken, "NONCE_MISMATCH", "token " + kIdToken + " refused"));

    const Recording &recording = recorder.recording();
    ASSERT_EQ(recording.steps.size(), 2u);
    EXPECT_EQ(recording.steps[0].step, "Token");
    EXPECT_EQ(recording.steps[1].step, "IdToken");
    EXPECT_EQ(recording.steps[1].title, "ID token");
    EXPECT_EQ(recording.steps[1].errorCode, "NONCE_MISMATCH");
    ASSERT_EQ(recording.steps[1].checks.size(), 2u);
    EXPECT_EQ(recording.steps[1].checks[0].outcome, "fail");
    EXPECT_EQ(recording.steps[1].checks[0].code, "NONCE_MISMATCH");
    EXPECT_EQ(recording.steps[1].checks[1].outcome, "pass");
    ASSERT_EQ(recording.exchanges.size(), 1u);
    EXPECT_EQ(recording.exchanges[0]["_step"], "Token");
    EXPECT_TRUE(recording.exchanges[0].contains("_redacted"));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.json"));
    ASSERT_TRUE(writeRecordingFile(recording, path).ok());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    for (const std::string &secret : {kCode, kVerifier, kClientSecret, kAccessToken, kRefreshToken, kIdToken, kNonce,
                                      QByteArray::fromStdString("client:" + kClientSecret).toBase64().toStdString()})
        EXPECT_FALSE(bytes.contains(QByteArray::fromStdString(secret))) << secret;
    EXPECT_TRUE(bytes.contains("token (authorization_code)"));
    EXPECT_TRUE(bytes.contains("NONCE_MISMATCH"));
}

TEST(Recorder, StopsFollowingTheLogWhenDetached)
{
    net::ExchangeLog log;
    Recorder recorder;
    recorder.attach(log);
    log.add(tokenExchange());
    recorder.detach();
    log.add(tokenExchange());
    EXPECT_EQ(recorder.recording().exchanges.size(), 1u);
}

} // namespace
