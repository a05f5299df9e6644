// The sandbox's own routes and its C++/signal surface for the GUI.

#include "SandboxTestSupport.h"

#include "sandbox/Router.h"

#include <set>

using namespace sandbox::test;

class Admin : public SandboxTest {};

TEST_F(Admin, PingInfoAndIndex)
{
    const Response ping = get("/sandbox/ping");
    EXPECT_EQ(ping.status, 200);
    EXPECT_EQ(ping.text(), "pong\n");
    oidc::Json info = get("/sandbox/info").json();
    EXPECT_EQ(info["baseUrl"], baseUrl());
    EXPECT_EQ(info["projectId"], projectId());
    EXPECT_EQ(info["issuer"], issuer());
    EXPECT_EQ(info["discoveryUrl"], issuer() + "/.well-known/openid-configuration");
    EXPECT_EQ(info["users"].size(), 3u);
    EXPECT_EQ(info["clients"].size(), 2u);
    EXPECT_EQ(info["clients"][1]["clientSecret"], kConfidentialSecret);
    EXPECT_EQ(info["accessKeys"][0]["accessKey"], kReaderKey);
    const Response index = get("/");
    EXPECT_EQ(index.status, 200);
    EXPECT_NE(index.text().find("/oauth2/v1/token"), std::string::npos);
}

TEST_F(Admin, UnknownRoutesAndMethods)
{
    const Response missing = get("/nope");
    EXPECT_EQ(missing.status, 404);
    EXPECT_TRUE(missing.json().contains("errorCode"));
    const Response wrongMethod = get("/oauth2/v1/token");
    EXPECT_EQ(wrongMethod.status, 405);
    EXPECT_EQ(wrongMethod.header("allow"), "POST");
    EXPECT_EQ(descope("/v1/auth/otp/update/email", {{"loginId", "alice@example.com"}}).status, 404);
}

TEST_F(Admin, ResetReturnsToTheFixtures)
{
    oidc::Json login = otpLogin("alice@example.com");
    ASSERT_EQ(descope("/v1/auth/otp/signup/email", {{"loginId", "temp@example.com"}}).status, 200);
    ASSERT_EQ(descope("/v1/auth/otp/verify/email", {{"loginId", "temp@example.com"}, {"code", latestOtp("temp@example.com")}}).status, 200);
    addFault({{"kind", "wrong-nonce"}});
    server().context().clock.advance(10);
    ASSERT_EQ(postJson("/sandbox/reset", oidc::Json::object()).status, 200);
    EXPECT_EQ(descope("/v1/auth/refresh", oidc::Json::object(), login["refreshJwt"]).status, 401);
    EXPECT_EQ(descope("/v1/auth/otp/signin/email", {{"loginId", "temp@example.com"}}).json()["errorCode"], "E062108");
    EXPECT_TRUE(get("/sandbox/faults").json()["faults"].empty());
    EXPECT_EQ(get("/sandbox/clock").json()["offsetSeconds"], 0);
    EXPECT_EQ(get("/sandbox/inbox").json()["messages"].size(), 0u);
}

TEST_F(Admin, ClockOffset)
{
    EXPECT_EQ(postJson("/sandbox/clock", {{"advanceSeconds", 90}}).json()["offsetSeconds"], 90);
    EXPECT_EQ(postJson("/sandbox/clock", {{"offsetSeconds", -5}}).json()["offsetSeconds"], -5);
    EXPECT_EQ(postJson("/sandbox/clock", {{"bogus", 1}}).status, 400);
}

TEST_F(Admin, KeysAndSessions)
{
    oidc::Json keys = get("/sandbox/keys").json()["keys"];
    ASSERT_GE(keys.size(), 1u);
    EXPECT_EQ(keys[0]["current"], true);
    otpLogin("alice@example.com");
    oidc::Json sessions = get("/sandbox/sessions").json()["sessions"];
    ASSERT_EQ(sessions.size(), 1u);
    EXPECT_EQ(sessions[0]["subject"], "U2SbxAlice000000000000000001");
    EXPECT_FALSE(sessions[0].contains("refreshJti")); // no token material
}

TEST_F(Admin, RequestHandledSignalCarriesNoSecrets)
{
    std::vector<sandbox::RequestRecord> records;
    QObject::connect(&server(), &sandbox::SandboxServer::requestHandled, &server(),
                     [&](const sandbox::RequestRecord &record) { records.push_back(record); });
    int stateChanges = 0;
    QObject::connect(&server(), &sandbox::SandboxServer::stateChanged, &server(), [&] { ++stateChanges; });
    addFault({{"kind", "latency"}, {"ms", 5}, {"count", 1}});
    get("/oauth2/v1/userinfo?access_token=secret");
    otpLogin("alice@example.com");
    spin(20);
    QObject::disconnect(&server(), &sandbox::SandboxServer::requestHandled, &server(), nullptr);
    QObject::disconnect(&server(), &sandbox::SandboxServer::stateChanged, &server(), nullptr);
    ASSERT_GE(records.size(), 4u);
    const auto userinfo = std::find_if(records.begin(), records.end(), [](const auto &r) { return r.path == "/oauth2/v1/userinfo"; });
    ASSERT_NE(userinfo, records.end());
    EXPECT_EQ(userinfo->status, 401);
    EXPECT_EQ(userinfo->route, "/oauth2/v1/userinfo");
    EXPECT_EQ(userinfo->faults, QStringLiteral("latency"));
    EXPECT_GE(userinfo->elapsedUs, 5000);
    for (const auto &record : records)
        EXPECT_EQ(record.path.indexOf("secret"), -1);
    EXPECT_GE(stateChanges, 1);
}

TEST_F(Admin, StartAsyncGeneratesTheKeyInAWorker)
{
    sandbox::SandboxServer other;
    std::optional<QUrl> started;
    QObject::connect(&other, &sandbox::SandboxServer::started, &other, [&](const QUrl &url) { started = url; });
    other.startAsync(0);
    EXPECT_FALSE(other.isRunning()); // not yet: the key is being generated
    ASSERT_TRUE(spinUntil([&] { return started.has_value(); }, 15000));
    EXPECT_TRUE(other.isRunning());
    EXPECT_EQ(started->host().toStdString(), "127.0.0.1");
    EXPECT_EQ(rawExchange(started->port(), "GET", "/sandbox/ping")->status, 200);
    other.stop();
    EXPECT_FALSE(other.isRunning());
    EXPECT_FALSE(rawExchange(started->port(), "GET", "/sandbox/ping").has_value());
}

TEST_F(Admin, EveryRouteIsRegisteredOnce)
{
    std::set<std::string> seen;
    for (const auto &route : server().router().routes()) {
        for (const auto &method : route.methods)
            EXPECT_TRUE(seen.insert(method.toStdString() + " " + route.pattern.toStdString()).second) << route.pattern.toStdString();
        EXPECT_FALSE(route.summary.isEmpty()) << route.pattern.toStdString();
    }
    EXPECT_GE(seen.size(), 40u);
}
