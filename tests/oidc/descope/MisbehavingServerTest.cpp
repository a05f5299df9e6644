// The client through the app's real transport against a loopback server that answers what the
// sandbox never does: tokens only as cookies (descope-api.md §3), a body over the 1 MiB cap, a
// redirect of a POST and of a GET with credentials (rp-checks T9). Every one is handled or is a
// categorised DESCOPE error, and none is followed.

#include "DescopeTestSupport.h"

#include "oidc/descope/BlockingDescopeClient.h"
#include "oidc/net/LocalHttpServer.h"
#include "oidc/net/QtHttpTransport.h"

#include <QDateTime>

#include <map>

namespace oidc::descope {
namespace {

using oidc::test::failsWith;

class MisbehavingServer : public ::testing::Test {
protected:
    MisbehavingServer()
        : m_server([this](const net::LocalHttpRequest &request, net::LocalHttpResponder responder) {
            ++m_hits[request.path().toByteArray()];
            const auto route = m_routes.find(request.path().toByteArray());
            responder.respond(route == m_routes.end() ? net::LocalHttpResponse::text(404, "no such path") : route->second);
        })
    {
        EXPECT_TRUE(m_server.listen(0).ok());
        auto project = DescopeProject::create(QString::fromLatin1(test::kProjectId), m_server.baseUrl());
        m_client = std::make_unique<BlockingDescopeClient>(m_transport, std::move(project).value());
        m_routes[QByteArray("/v2/keys/") + test::kProjectId] =
            json(200, QByteArray::fromStdString(Json{{"keys", Json::array({crypto::publicJwk(test::signingKey())})}}.dump()));
    }
    static net::LocalHttpResponse json(int status, QByteArray body)
    {
        return net::LocalHttpResponse::text(status, std::move(body), "application/json");
    }
    static net::LocalHttpResponse redirect(int status)
    {
        auto response = net::LocalHttpResponse::text(status, "moved");
        response.setHeader("Location", "https://elsewhere.example/v1/auth/me?token=eyJhbGciOiJSUzI1NiJ9.stolen");
        return response;
    }

    std::map<QByteArray, net::LocalHttpResponse> m_routes;
    std::map<QByteArray, int> m_hits;
    net::LocalHttpServer m_server;
    net::QtHttpTransport m_transport;
    std::unique_ptr<BlockingDescopeClient> m_client;
};

TEST_F(MisbehavingServer, TokensOnlyAsCookies)
{
    const int64_t now = QDateTime::currentSecsSinceEpoch();
    auto answer = json(200, R"({"sessionJwt":"","cookieDomain":"","cookiePath":"/","firstSeen":false})");
    answer.addHeader("Set-Cookie", QByteArray::fromStdString("DS=" + test::signJwt(test::sessionClaims(now)) + "; Path=/; HttpOnly; Secure"));
    answer.addHeader("Set-Cookie", QByteArray::fromStdString("DSR=" + test::signJwt({{"drn", "DSR"}, {"sub", "U2T"}, {"exp", now + 1800}})
                                                             + "; Path=/; HttpOnly; Secure"));
    m_routes["/v1/auth/refresh"] = answer;
    const auto outcome = m_client->refresh("eyJold.refresh.jwt");
    ASSERT_TRUE(outcome.ok()) << outcome.result.error().summary();
    EXPECT_EQ(outcome.result->sessionSource, TokenSource::Cookie);
    EXPECT_EQ(outcome.result->refreshSource, TokenSource::Cookie);
    EXPECT_EQ(outcome.result->refreshExpiresAt, now + 1800);
    EXPECT_EQ(outcome.result->userId, "U2TestUser00000000000000001");
}

TEST_F(MisbehavingServer, AnAnswerOverTheCapIsUnusable)
{
    m_routes["/v1/auth/otp/verify/email"] = json(200, "{\"pad\":\"" + QByteArray(1 << 20, 'x') + "\"}");
    const auto outcome = m_client->verifyOtp(DeliveryMethod::Email, "a@example.com", "123456");
    EXPECT_TRUE(failsWith(outcome.result, "DESCOPE_ANSWER_TOO_LARGE", ErrorCategory::Descope));
}

TEST_F(MisbehavingServer, RedirectsAreNeverFollowed_T9)
{
    m_routes["/v1/auth/magiclink/verify"] = redirect(307);
    const auto post = m_client->verifyMagicLink("token");
    ASSERT_TRUE(failsWith(post.result, "DESCOPE_REDIRECT", ErrorCategory::Descope));
    EXPECT_EQ(post.result.error().httpStatus, 307);
    EXPECT_EQ(post.result.error().summary().find("stolen"), std::string::npos);
    m_routes["/v1/auth/me"] = redirect(302);
    const auto get = m_client->me("eyJrefresh.a.b");
    ASSERT_TRUE(failsWith(get, "DESCOPE_REDIRECT", ErrorCategory::Descope));
    EXPECT_EQ(m_hits["/v1/auth/me"], 1);
}

} // namespace
} // namespace oidc::descope
