// A real flow's exchange log (an OTP sign-in and a refresh against the built-in sandbox, one
// request refused with 429 and the sandbox's clock ten minutes ahead for the refresh) analysed
// straight from the log, then exported and read back: the same findings, and no secret in the
// redacted file.

#include "oidc/descope/BlockingDescopeClient.h"
#include "oidc/har/HarAnalyzer.h"
#include "oidc/har/HarReader.h"
#include "oidc/har/HarWriter.h"
#include "oidc/net/ExchangeLog.h"
#include "oidc/net/QtHttpTransport.h"
#include "sandbox/FaultInjector.h"
#include "sandbox/Inbox.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxServer.h"

#include <gtest/gtest.h>

#include <QFile>
#include <QTemporaryDir>

#include <algorithm>

namespace {

using namespace oidc;

har::HarAnalysis analyzeFile(const QString &path)
{
    har::HarAnalyzer analyzer;
    auto read = har::HarReader::readFile(path, [&](har::HarEntry &&entry) { analyzer.add(entry); });
    EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().summary());
    return analyzer.finish();
}

bool hasFinding(const har::HarAnalysis &analysis, std::string_view code, int entry)
{
    return std::any_of(analysis.findings.begin(), analysis.findings.end(), [&](const auto &f) { return f.code == code && f.entry == entry; });
}

TEST(HarSandbox, ExportedLogReadsBackWithTheSameFindings)
{
    sandbox::SandboxServer server;
    ASSERT_TRUE(server.start(0).ok());
    net::QtHttpTransport transport;
    net::ExchangeLog log;
    log.attach(transport);
    auto project = descope::DescopeProject::create(server.projectId(), server.baseUrl());
    ASSERT_TRUE(project.ok());
    descope::BlockingDescopeClient client(transport, *project);

    sandbox::Fault tooMany;
    tooMany.kind = sandbox::FaultKind::RateLimit;
    tooMany.remaining = 1;
    server.faults().add(tooMany);
    descope::PasswordlessStart start;
    start.loginId = "alice@example.com";
    const auto refused = client.startOtp(descope::DeliveryMethod::Email, start);
    ASSERT_FALSE(refused.ok());
    const int refusedEntry = log.size() - 1;
    ASSERT_TRUE(client.startOtp(descope::DeliveryMethod::Email, start).ok());
    const auto messages = server.inbox().messages(start.loginId);
    ASSERT_FALSE(messages.empty());
    const auto signedIn = client.verifyOtp(descope::DeliveryMethod::Email, start.loginId, messages.front().code);
    ASSERT_TRUE(signedIn.ok()) << signedIn.result.error().summary();
    ASSERT_TRUE(client.fetchKeys().ok());
    server.context().clock.advance(600);
    (void)client.refresh(signedIn.result->refreshJwt); // its checks fail on the future iat; the exchange is what counts
    const int refreshEntry = log.size() - 1;

    std::vector<har::HarEntry> direct;
    std::vector<const net::ExchangeRecord *> records;
    for (const auto &record : log.records()) {
        direct.push_back(har::fromExchangeRecord(record, static_cast<int>(direct.size())));
        records.push_back(&record);
    }
    const har::HarAnalysis fromLog = har::HarAnalyzer::analyze(direct);
    EXPECT_TRUE(hasFinding(fromLog, har::finding::kRateLimited, refusedEntry));
    EXPECT_TRUE(hasFinding(fromLog, har::finding::kClockSkew, refreshEntry));
    EXPECT_GE(fromLog.tokens.size(), 2u);
    EXPECT_GE(std::count_if(fromLog.exchanges.begin(), fromLog.exchanges.end(), [](const auto &e) { return e.kind == har::ExchangeKind::Descope; }), 4);
    EXPECT_GE(std::count_if(fromLog.exchanges.begin(), fromLog.exchanges.end(), [](const auto &e) { return e.kind == har::ExchangeKind::Jwks; }), 1);

    QTemporaryDir dir;
    const QString revealed = dir.filePath(QStringLiteral("revealed.har"));
    ASSERT_TRUE(har::HarWriter::save(har::HarWriter::document(records, {.reveal = net::Reveal::Secrets}), revealed).ok());
    const har::HarAnalysis roundTrip = analyzeFile(revealed);
    EXPECT_EQ(roundTrip.findings, fromLog.findings);
    EXPECT_EQ(roundTrip.entryCount, fromLog.entryCount);
    EXPECT_EQ(roundTrip.exchanges.size(), fromLog.exchanges.size());
    EXPECT_EQ(roundTrip.tokens.size(), fromLog.tokens.size());

    // Redacted: what needs no token is found the same; the tokens are gone and said to be.
    const QString redacted = dir.filePath(QStringLiteral("redacted.har"));
    ASSERT_TRUE(har::HarWriter::save(har::HarWriter::document(records), redacted).ok());
    const har::HarAnalysis fromRedacted = analyzeFile(redacted);
    EXPECT_TRUE(hasFinding(fromRedacted, har::finding::kRateLimited, refusedEntry));
    EXPECT_TRUE(std::any_of(fromRedacted.findings.begin(), fromRedacted.findings.end(),
                            [](const auto &f) { return f.code == har::finding::kTokensRedacted; }));
    EXPECT_TRUE(fromRedacted.tokens.empty());
    EXPECT_EQ(fromRedacted.exchanges.size(), fromLog.exchanges.size());
    QFile file(redacted);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    EXPECT_TRUE(text.contains("_redacted"));
    for (const auto &token : fromLog.tokens)
        EXPECT_FALSE(text.contains(QByteArray::fromStdString(token.value))) << token.name;
    EXPECT_FALSE(text.contains(QByteArray::fromStdString(messages.front().code)));
}

} // namespace
