// oidc::net::ExchangeLog: records every exchange, keeps the newest within its caps (issue 14
// defect 13), and says how many it dropped.

#include "SpecVectors.h"

#include "oidc/net/ExchangeLog.h"

#include <string>
#include <vector>

namespace oidc::net {
namespace {

HttpExchange exchangeWithBody(qsizetype bodyBytes)
{
    HttpExchange exchange;
    exchange.request.url = QUrl(QStringLiteral("https://op.example/poll"));
    exchange.request.method = "POST";
    exchange.request.body = QByteArray(bodyBytes / 2, 'q');
    HttpResponse response;
    response.status = 200;
    response.body = QByteArray(bodyBytes - bodyBytes / 2, 'r');
    exchange.response = response;
    return exchange;
}

std::vector<int> idsOf(const ExchangeLog &log)
{
    std::vector<int> ids;
    for (const auto &record : log.records())
        ids.push_back(record.id);
    return ids;
}

qint64 bodyBytesOf(const ExchangeLog &log)
{
    qint64 bytes = 0;
    for (const auto &record : log.records())
        bytes += record.requestBody.size() + record.responseBody.size();
    return bytes;
}

// The signals a model relies on, in order, with what the log held at each.
struct SignalTrace final {
    std::vector<std::string> events;

    explicit SignalTrace(ExchangeLog &log)
    {
        QObject::connect(&log, &ExchangeLog::recordAdded, &log, [this, &log](int index) {
            events.push_back("added " + std::to_string(log.records().at(static_cast<size_t>(index)).id));
        });
        QObject::connect(&log, &ExchangeLog::oldestAboutToBeDropped, &log, [this, &log](int count) {
            // Still readable: a model's rowsAboutToBeRemoved may look at the rows.
            events.push_back("dropping " + std::to_string(count) + " from " + std::to_string(log.records().front().id));
        });
        QObject::connect(&log, &ExchangeLog::oldestDropped, &log, [this, &log](int count) {
            events.push_back("dropped " + std::to_string(count) + ", total " + std::to_string(log.droppedCount()));
        });
        QObject::connect(&log, &ExchangeLog::cleared, &log, [this] { events.push_back("cleared"); });
    }
};

TEST(ExchangeLog, RedactedByDefaultAndCopyAsCurl)
{
    ExchangeLog log;
    HttpExchange exchange;
    exchange.request.method = "POST";
    exchange.request.url = QUrl(QStringLiteral("https://op.example/token?x=1"));
    exchange.request.step = flow::FlowStep::Token;
    exchange.request.label = QStringLiteral("token");
    exchange.request.headers = {{"Authorization", "Basic Y2xpZW50OnNlY3JldA=="}, {"Content-Type", "application/x-www-form-urlencoded"}};
    exchange.request.body = "grant_type=authorization_code&code=THE-CODE-1234567&code_verifier=VERIFIER-ABCDEFGHIJ";
    HttpResponse response;
    response.status = 200;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = R"({"access_token":"ACCESS-TOKEN-0123456789","token_type":"Bearer"})";
    exchange.response = response;
    log.add(exchange);
    ASSERT_EQ(log.size(), 1);
    const auto &record = log.records().front();
    EXPECT_EQ(record.step, flow::FlowStep::Token); // the typed tag, for attributing the record
    EXPECT_EQ(record.label, QStringLiteral("token")); // the display text
    const QString request = ExchangeLog::requestText(record, Reveal::Redacted);
    const QString reply = ExchangeLog::responseText(record, Reveal::Redacted);
    const QString curl = ExchangeLog::toCurl(record, Reveal::Redacted);
    for (const QString &text : {request, reply, curl}) {
        EXPECT_FALSE(text.contains(QStringLiteral("Y2xpZW50OnNlY3JldA"))) << text.toStdString();
        EXPECT_FALSE(text.contains(QStringLiteral("THE-CODE-1234567")));
        EXPECT_FALSE(text.contains(QStringLiteral("VERIFIER-ABCDEFGHIJ")));
        EXPECT_FALSE(text.contains(QStringLiteral("ACCESS-TOKEN-0123456789")));
    }
    EXPECT_TRUE(request.contains(QStringLiteral("Authorization: Basic [redacted")));
    EXPECT_TRUE(reply.contains(QStringLiteral("Bearer")));
    const QString revealed = ExchangeLog::toCurl(record, Reveal::Secrets);
    EXPECT_TRUE(revealed.contains(QStringLiteral("THE-CODE-1234567")));
    EXPECT_TRUE(revealed.startsWith(QStringLiteral("curl -X POST 'https://op.example/token?x=1' \\\n  -H 'Authorization: Basic Y2xpZW50OnNlY3JldA=='")))
        << revealed.toStdString();
    EXPECT_EQ(ExchangeLog::shellQuote(QStringLiteral("it's")), QStringLiteral("'it'\\''s'"));
}

TEST(ExchangeLog, ARedirectsLocationIsRedactedLikeAUrl)
{
    // A provider's 302 to the redirect URI carries the code (implicit: tokens in the fragment).
    ExchangeLog log;
    HttpExchange exchange;
    exchange.request.method = "GET";
    exchange.request.url = QUrl(QStringLiteral("https://op.example/authorize"));
    HttpResponse response;
    response.status = 302;
    response.headers = {{"location", "http://127.0.0.1:8400/cb?code=THE-CODE-1234567&state=S1#access_token=ACCESS-TOKEN-0123456789"},
                        {"Content-Location", "not a url ACCESS-TOKEN-ABCDEFGHIJKLMNOP1234"}};
    exchange.response = response;
    log.add(exchange);
    const QString reply = ExchangeLog::responseText(log.records().front(), Reveal::Redacted);
    EXPECT_FALSE(reply.contains(QStringLiteral("THE-CODE-1234567"))) << reply.toStdString();
    EXPECT_FALSE(reply.contains(QStringLiteral("ACCESS-TOKEN-0123456789"))) << reply.toStdString();
    EXPECT_FALSE(reply.contains(QStringLiteral("ACCESS-TOKEN-ABCDEFGHIJKLMNOP1234"))) << reply.toStdString();
    EXPECT_TRUE(reply.contains(QStringLiteral("location: http://127.0.0.1:8400/cb?code="))) << reply.toStdString();
    EXPECT_TRUE(reply.contains(QStringLiteral("state=S1"))) << reply.toStdString(); // not a secret: it stays comparable
    const QString revealed = ExchangeLog::responseText(log.records().front(), Reveal::Secrets);
    EXPECT_TRUE(revealed.contains(QStringLiteral("THE-CODE-1234567")));
}

TEST(ExchangeLog, Defect13_ALongSessionDoesNotGrowWithoutBound)
{
    // An enchanted link polled for ten minutes, auto-refresh for a day: thousands of exchanges.
    ExchangeLog log;
    for (int i = 0; i < 5000; ++i)
        log.add(exchangeWithBody(16 * 1024));
    EXPECT_EQ(log.size(), log.limits().maxRecords);
    EXPECT_EQ(log.droppedCount(), 5000 - log.limits().maxRecords);
    EXPECT_EQ(log.records().back().id, 5000);
    EXPECT_LE(bodyBytesOf(log), log.limits().maxBodyBytes);
}

TEST(ExchangeLog, Defect13_RecordCapDropsTheOldestFirstAndSaysSo)
{
    ExchangeLog log(ExchangeLogLimits{3, 1 << 20});
    SignalTrace trace(log);
    for (int i = 0; i < 5; ++i)
        log.add(exchangeWithBody(10));
    EXPECT_EQ(idsOf(log), (std::vector<int>{3, 4, 5}));
    EXPECT_EQ(log.droppedCount(), 2);
    EXPECT_EQ(bodyBytesOf(log), 30);
    EXPECT_EQ(trace.events, (std::vector<std::string>{"added 1", "added 2", "added 3", "added 4", "dropping 1 from 1", "dropped 1, total 1",
                                                      "added 5", "dropping 1 from 2", "dropped 1, total 2"}));
    log.clear();
    EXPECT_EQ(log.size(), 0);
    EXPECT_EQ(log.droppedCount(), 0);
    EXPECT_EQ(bodyBytesOf(log), 0);
    log.add(exchangeWithBody(10));
    EXPECT_EQ(idsOf(log), (std::vector<int>{6})); // ids keep counting
}

TEST(ExchangeLog, Defect13_BodyCapDropsAsManyAsNeeded)
{
    ExchangeLog log(ExchangeLogLimits{100, 1000});
    SignalTrace trace(log);
    for (int i = 0; i < 4; ++i)
        log.add(exchangeWithBody(200)); // 800 bytes: within the cap
    EXPECT_EQ(log.droppedCount(), 0);
    log.add(exchangeWithBody(700)); // 1500: the three oldest must go at once
    EXPECT_EQ(idsOf(log), (std::vector<int>{4, 5}));
    EXPECT_EQ(bodyBytesOf(log), 900);
    EXPECT_EQ(log.droppedCount(), 3);
    EXPECT_EQ(trace.events.back(), "dropped 3, total 3");
    EXPECT_EQ(trace.events[trace.events.size() - 2], "dropping 3 from 1");
    // The newest record stays even when it alone is above the cap: the user sees the last exchange.
    log.add(exchangeWithBody(5000));
    EXPECT_EQ(idsOf(log), (std::vector<int>{6}));
    EXPECT_EQ(bodyBytesOf(log), 5000);
    EXPECT_EQ(log.droppedCount(), 5);
}

} // namespace
} // namespace oidc::net
