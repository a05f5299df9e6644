// oidc::har::HarWriter: the exchange log as HAR 1.2, redacted by default with markers, failing
// closed on bodies it cannot parse; secrets only when asked.

#include "HarFixtures.h"

#include "oidc/har/HarReader.h"
#include "oidc/har/HarWriter.h"

#include <gtest/gtest.h>

#include <QBuffer>
#include <QFile>
#include <QTemporaryDir>

namespace {

using oidc::Json;
using oidc::har::HarWriter;
using oidc::net::ExchangeRecord;
using oidc::net::Reveal;

const std::string kIdToken = hartest::signedToken({{"iss", "https://idp.test"}, {"aud", "app-1"}, {"sub", "alice"}, {"exp", hartest::kT0 + 3600}});
const std::string kSecret = "client-secret-7f3a9c2e5b1d4e8f";
const std::string kRefresh = "rt-9a8b7c6d5e4f3a2b1c0d9e8f7a6b";
const std::string kLooseToken = "Zk9vQmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZg";

std::vector<ExchangeRecord> sampleRecords()
{
    ExchangeRecord token;
    token.id = 1;
    token.label = QStringLiteral("token (authorization_code)");
    token.method = "POST";
    token.url = QUrl(QStringLiteral("https://idp.test/oauth/token"));
    token.requestHeaders = {{"Content-Type", "application/x-www-form-urlencoded"},
                            {"Authorization", QByteArray("Basic ") + QByteArray::fromStdString("app-1:" + kSecret).toBase64()}};
    token.requestBody = QByteArray::fromStdString("grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&client_secret=" + kSecret);
    token.status = 200;
    token.responseHeaders = {{"Content-Type", "application/json"}};
    token.responseBody = QByteArray::fromStdString(Json{{"id_token", kIdToken}, {"refresh_token", kRefresh}, {"token_type", "Bearer"}}.dump());
    token.startedMsSinceEpoch = hartest::kT0 * 1000;
    token.elapsedMs = 42;

    ExchangeRecord page; // an HTML page echoing a token: no syntax to redact by field
    page.id = 2;
    page.method = "GET";
    page.url = QUrl(QStringLiteral("https://idp.test/cb?state=s1#access_token=") + QString::fromStdString(kLooseToken));
    page.status = 200;
    page.responseHeaders = {{"Content-Type", "text/html"}};
    page.responseBody = QByteArray::fromStdString("<html>your token: " + kLooseToken + "</html>");
    page.startedMsSinceEpoch = hartest::kT0 * 1000 + 100;

    ExchangeRecord binary;
    binary.id = 3;
    binary.method = "GET";
    binary.url = QUrl(QStringLiteral("https://idp.test/logo.png"));
    binary.status = 200;
    binary.responseHeaders = {{"Content-Type", "image/png"}};
    binary.responseBody = QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    binary.startedMsSinceEpoch = hartest::kT0 * 1000 + 200;

    ExchangeRecord failed; // no response at all
    failed.id = 4;
    failed.method = "GET";
    failed.url = QUrl(QStringLiteral("https://idp.test/me"));
    failed.error = oidc::makeError(oidc::ErrorCategory::Net, "NET_TIMEOUT", "timed out");
    failed.startedMsSinceEpoch = hartest::kT0 * 1000 + 300;
    return {token, page, binary, failed};
}

Json documentOf(const std::vector<ExchangeRecord> &records, Reveal reveal)
{
    std::vector<const ExchangeRecord *> pointers;
    for (const auto &record : records)
        pointers.push_back(&record);
    return HarWriter::document(pointers, {.reveal = reveal, .creatorVersion = "test"});
}

TEST(HarWriter, WritesTheHar12FieldsViewersRequire)
{
    const Json har = documentOf(sampleRecords(), Reveal::Redacted);
    const Json &log = har.at("log");
    EXPECT_EQ(log.at("version"), "1.2");
    EXPECT_EQ(log.at("creator").at("name"), "OIDC Playground");
    EXPECT_EQ(log.at("creator").at("version"), "test");
    ASSERT_EQ(log.at("entries").size(), 4u);
    for (const Json &entry : log.at("entries")) {
        EXPECT_TRUE(entry.at("startedDateTime").is_string());
        EXPECT_TRUE(entry.at("time").is_number());
        for (const char *member : {"method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize"})
            EXPECT_TRUE(entry.at("request").contains(member)) << member;
        for (const char *member : {"status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL", "headersSize", "bodySize"})
            EXPECT_TRUE(entry.at("response").contains(member)) << member;
        EXPECT_TRUE(entry.at("response").at("content").contains("size"));
        EXPECT_TRUE(entry.at("response").at("content").contains("mimeType"));
        for (const char *member : {"send", "wait", "receive"})
            EXPECT_TRUE(entry.at("timings").at(member).is_number()) << member;
        EXPECT_TRUE(entry.contains("cache"));
    }
    const Json &first = log.at("entries").at(0);
    EXPECT_EQ(first.at("startedDateTime"), "2027-01-15T08:00:00.000Z");
    EXPECT_EQ(first.at("request").at("postData").at("mimeType"), "application/x-www-form-urlencoded");
    EXPECT_EQ(log.at("entries").at(3).at("_error").at("code"), "NET_TIMEOUT");
}

TEST(HarWriter, RedactsByDefaultWithMarkersAndLeaksNoSecret)
{
    const std::string text = documentOf(sampleRecords(), Reveal::Redacted).dump();
    for (const std::string &secret : {kIdToken, kSecret, kRefresh, kLooseToken, std::string("SplxlOBeZQQYbYS6WxSbIA"),
                                      QByteArray::fromStdString("app-1:" + kSecret).toBase64().toStdString()})
        EXPECT_EQ(text.find(secret), std::string::npos) << secret;
    const Json har = Json::parse(text);
    const Json &entries = har["log"]["entries"];
    EXPECT_NE(har["log"]["comment"].get<std::string>().find("redacted"), std::string::npos);
    const std::string tokenRedacted = entries[0]["_redacted"].dump();
    EXPECT_NE(tokenRedacted.find("request.headers Authorization"), std::string::npos);
    EXPECT_NE(tokenRedacted.find("request.postData.text"), std::string::npos);
    EXPECT_NE(tokenRedacted.find("response.content.text"), std::string::npos);
    // Field by field where the syntax is known: names and harmless values stay.
    EXPECT_NE(entries[0]["request"]["postData"]["text"].get<std::string>().find("grant_type=authorization_code"), std::string::npos);
    EXPECT_NE(entries[0]["response"]["content"]["text"].get<std::string>().find("\"token_type\":\"Bearer\""), std::string::npos);
    // Fail closed where it is not: the HTML page is replaced whole, with the marker.
    EXPECT_EQ(entries[1]["response"]["content"]["text"].get<std::string>().rfind(std::string(oidc::har::kRedactionMarker), 0), 0u);
    EXPECT_NE(entries[1]["_redacted"].dump().find("request.url"), std::string::npos);
    EXPECT_NE(entries[2]["response"]["content"]["text"].get<std::string>().find(std::string(oidc::har::kRedactionMarker)), std::string::npos);
    EXPECT_FALSE(entries[3].contains("_redacted"));
}

TEST(HarWriter, RevealsSecretsOnlyWhenAskedAndReadsBackTheSame)
{
    const Json har = documentOf(sampleRecords(), Reveal::Secrets);
    const std::string text = har.dump();
    EXPECT_NE(text.find(kIdToken), std::string::npos);
    EXPECT_NE(text.find(kSecret), std::string::npos);
    EXPECT_NE(har["log"]["comment"].get<std::string>().find("NOT REDACTED"), std::string::npos);
    EXPECT_EQ(har["log"]["entries"][2]["response"]["content"]["encoding"], "base64");

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("flow.har"));
    ASSERT_TRUE(HarWriter::save(har, path).ok());
    std::vector<oidc::har::HarEntry> entries;
    auto read = oidc::har::HarReader::readFile(path, [&](oidc::har::HarEntry &&entry) { entries.push_back(std::move(entry)); });
    ASSERT_TRUE(read.ok()) << read.error().summary();
    ASSERT_EQ(entries.size(), 4u);
    const auto records = sampleRecords();
    for (size_t i = 0; i < entries.size(); ++i) {
        const oidc::har::HarEntry direct = oidc::har::fromExchangeRecord(records[i], static_cast<int>(i));
        EXPECT_EQ(entries[i].url, direct.url);
        EXPECT_EQ(entries[i].method, direct.method);
        EXPECT_EQ(entries[i].requestBody, direct.requestBody);
        EXPECT_EQ(entries[i].responseBody, direct.responseBody);
        EXPECT_EQ(entries[i].requestHeaders, direct.requestHeaders);
        EXPECT_EQ(entries[i].status, direct.status);
        EXPECT_EQ(entries[i].startedMs, direct.startedMs);
    }
}

TEST(HarWriter, SaveReportsAnUnwritablePath)
{
    QTemporaryDir dir;
    const auto saved = HarWriter::save(Json::object(), dir.filePath(QStringLiteral("no/such/folder/x.har")));
    ASSERT_FALSE(saved.ok());
    EXPECT_EQ(saved.error().code, "HAR_WRITE");
}

} // namespace
