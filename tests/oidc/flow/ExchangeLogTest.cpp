// The exchange log redacts by default and repeats a request as curl (oidc/net/ExchangeLog, rp-checks S1/S2).

#include "oidc/net/ExchangeLog.h"

#include <gtest/gtest.h>

namespace {

TEST(ExchangeLog, RedactedByDefaultAndCopyAsCurl)
{
    oidc::net::ExchangeLog log;
    oidc::net::HttpExchange exchange;
    exchange.request.method = "POST";
    exchange.request.url = QUrl(QStringLiteral("https://op.example/token?x=1"));
    exchange.request.step = oidc::flow::FlowStep::Token;
    exchange.request.label = QStringLiteral("token");
    exchange.request.headers = {{"Authorization", "Basic Y2xpZW50OnNlY3JldA=="}, {"Content-Type", "application/x-www-form-urlencoded"}};
    exchange.request.body = "grant_type=authorization_code&code=THE-CODE-1234567&code_verifier=VERIFIER-ABCDEFGHIJ";
    oidc::net::HttpResponse response;
    response.status = 200;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = R"({"access_token":"ACCESS-TOKEN-0123456789","token_type":"Bearer"})";
    exchange.response = response;
    log.add(exchange);
    ASSERT_EQ(log.size(), 1);
    const auto &record = log.records().front();
    EXPECT_EQ(record.step, oidc::flow::FlowStep::Token); // the typed tag, for attributing the record
    EXPECT_EQ(record.label, QStringLiteral("token"));    // the display text
    using oidc::net::Reveal;
    const QString request = oidc::net::ExchangeLog::requestText(record, Reveal::Redacted);
    const QString reply = oidc::net::ExchangeLog::responseText(record, Reveal::Redacted);
    const QString curl = oidc::net::ExchangeLog::toCurl(record, Reveal::Redacted);
    for (const QString &text : {request, reply, curl}) {
        EXPECT_FALSE(text.contains(QStringLiteral("Y2xpZW50OnNlY3JldA"))) << text.toStdString();
        EXPECT_FALSE(text.contains(QStringLiteral("THE-CODE-1234567")));
        EXPECT_FALSE(text.contains(QStringLiteral("VERIFIER-ABCDEFGHIJ")));
        EXPECT_FALSE(text.contains(QStringLiteral("ACCESS-TOKEN-0123456789")));
    }
    EXPECT_TRUE(request.contains(QStringLiteral("Authorization: Basic [redacted")));
    EXPECT_TRUE(reply.contains(QStringLiteral("Bearer")));
    const QString revealed = oidc::net::ExchangeLog::toCurl(record, Reveal::Secrets);
    EXPECT_TRUE(revealed.contains(QStringLiteral("THE-CODE-1234567")));
    EXPECT_TRUE(revealed.startsWith(QStringLiteral("curl -X POST 'https://op.example/token?x=1' \\\n  -H 'Authorization: Basic Y2xpZW50OnNlY3JldA=='")))
        << revealed.toStdString();
    EXPECT_EQ(oidc::net::ExchangeLog::shellQuote(QStringLiteral("it's")), QStringLiteral("'it'\\''s'"));
}

} // namespace
