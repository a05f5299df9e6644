// Redaction (rp-checks S1/S2): secrets never reach logs, error messages or exports. Whatever a
// body looks like — JSON, a form, cut off, mislabelled — redaction fails closed.

#include "TestSupport.h"

#include "oidc/Redaction.h"
#include "oidc/flow/TokenEndpoint.h"
#include "oidc/net/ExchangeLog.h"

namespace oidc {
namespace {

// Live-looking values: a JWT, an opaque base64url token and a hex secret.
constexpr std::string_view kAccessToken =
    "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1MSIsInNjb3BlIjoib3BlbmlkIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtMDEyMzQ1Njc4OQ";
constexpr std::string_view kRefreshToken = "rt_8Zq3vN0pLw2XyT7aKc9dHf1GjM4sBu6E";
constexpr std::string_view kHexSecret = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

// The tail after the 6 characters redactSecret keeps, which must never appear.
std::string tailOf(std::string_view secret)
{
    return std::string(secret.substr(6));
}

::testing::AssertionResult hidesSecrets(std::string_view text)
{
    for (const auto secret : {kAccessToken, kRefreshToken, kHexSecret})
        if (text.find(tailOf(secret)) != std::string_view::npos)
            return ::testing::AssertionFailure() << "leaks " << secret.substr(0, 12) << "…: " << text;
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult hidesSecrets(const QByteArray &text)
{
    return hidesSecrets(std::string_view(text.constData(), static_cast<size_t>(text.size())));
}

std::string truncatedTokenJson()
{
    // A token response cut off mid-object (a proxy dropped the connection, a size cap hit).
    return R"({"access_token":")" + std::string(kAccessToken) + R"(","refresh_token":")" + std::string(kRefreshToken) + R"(",)";
}

std::string formLabelledJson()
{
    return "access_token=" + std::string(kAccessToken) + "&token_type=bearer&refresh_token=" + std::string(kRefreshToken);
}

net::HttpResponse jsonResponse(int status, const std::string &body)
{
    net::HttpResponse response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = QByteArray::fromStdString(body);
    return response;
}

TEST(Redaction, Defect3_UnparseableJsonBodiesFailClosed)
{
    for (const std::string &body : {truncatedTokenJson(), formLabelledJson(),
                                    // cut inside the first value: the rest of the text is the secret
                                    R"({"access_token":")" + std::string(kAccessToken).substr(0, 90),
                                    R"({"refresh_token" : ')" + std::string(kRefreshToken) + "' oops",
                                    "<html>token " + std::string(kAccessToken) + "</html>",
                                    "client_secret: " + std::string(kHexSecret) + "\nnext line"}) {
        const QByteArray redacted = redactJsonBody(QByteArray::fromStdString(body));
        EXPECT_TRUE(hidesSecrets(redacted)) << body;
        EXPECT_NE(redacted, QByteArray::fromStdString(body));
    }
}

TEST(Redaction, Defect3_ExchangeLogShowsNoTokenFromABrokenBody)
{
    net::HttpExchange exchange;
    exchange.request.method = "POST";
    exchange.request.url = QUrl(QStringLiteral("https://op.example/token"));
    for (const std::string &body : {truncatedTokenJson(), formLabelledJson()}) {
        exchange.response = jsonResponse(200, body);
        net::ExchangeLog log;
        log.add(exchange);
        const auto &record = log.records().front();
        EXPECT_TRUE(hidesSecrets(net::ExchangeLog::responseText(record, net::Reveal::Redacted).toStdString())) << body;
        // The user's own eyes may still ask for the raw body.
        EXPECT_FALSE(hidesSecrets(net::ExchangeLog::responseText(record, net::Reveal::Secrets).toStdString()));
    }
}

TEST(Redaction, Defect3_TokenEndpointPreviewsAreRedacted)
{
    // TOKEN_JSON: a 200 whose body does not parse; TOKEN_HTTP_STATUS: an error page echoing a token.
    for (const auto &[status, body] : std::vector<std::pair<int, std::string>>{
             {200, truncatedTokenJson()},
             {200, formLabelledJson()},
             {500, "upstream said: refresh_token=" + std::string(kRefreshToken) + " is " + std::string(kAccessToken)}}) {
        const auto result = flow::processTokenResponse(jsonResponse(status, body), 0);
        ASSERT_FALSE(result.ok()) << body;
        EXPECT_TRUE(hidesSecrets(result.error().message)) << result.error().code;
        EXPECT_TRUE(hidesSecrets(result.error().summary())) << result.error().code;
    }
}

} // namespace
} // namespace oidc
