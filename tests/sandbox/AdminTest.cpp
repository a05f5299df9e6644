// The sandbox's own routes and its C++/signal surface for the GUI.

#include "SandboxTestSupport.h"

#include "sandbox/Clock.h"
#include "sandbox/Router.h"

#include <QDateTime>

#include <cstdint>
#include <limits>
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

// Issue 14, defect 10. A page in the user's browser may send a "simple" cross-site POST (a form,
// or text/plain) without a CORS preflight; the browser adds its Origin. The admin routes must
// refuse it themselves: JSON only (415 otherwise), no Origin but the sandbox's own (403).
TEST_F(Admin, Defect10_AdminRoutesRefuseCrossSitePosts)
{
    addFault({{"kind", "wrong-nonce"}});
    const auto post = [&](const char *path, const QByteArray &contentType, const QByteArray &origin, const QByteArray &body) {
        oidc::net::HeaderList headers;
        if (!contentType.isEmpty())
            headers.append({"Content-Type", contentType});
        if (!origin.isEmpty())
            headers.append({"Origin", origin});
        return rawExchange(port(), "POST", path, headers, body).value_or(Response{});
    };
    const QByteArray own = "http://127.0.0.1:" + QByteArray::number(port());
    const QByteArray json = R"({"offsetSeconds": 3600, "kind": "wrong-audience"})";
    for (const char *path : {"/sandbox/reset", "/sandbox/clock", "/sandbox/faults"}) {
        SCOPED_TRACE(path);
        // What an attacker's page can send without a preflight.
        const Response textPlain = post(path, "text/plain", "https://attacker.example", json);
        EXPECT_EQ(textPlain.status, 403);
        EXPECT_EQ(textPlain.json()["errorCode"], "E011003");
        const Response form = post(path, "application/x-www-form-urlencoded", {}, "offsetSeconds=3600");
        EXPECT_EQ(form.status, 415);
        EXPECT_EQ(form.json()["errorCode"], "E011001");
        EXPECT_EQ(post(path, "text/plain", own, json).status, 415);
        EXPECT_EQ(post(path, {}, {}, json).status, 415);
        // JSON from a foreign origin (it would need a preflight, which the sandbox never grants).
        for (const QByteArray &origin : {QByteArray("https://attacker.example"), QByteArray("null"),
                                        QByteArray("http://127.0.0.1:" + QByteArray::number(port() + 1)),
                                        QByteArray("http://localhost.attacker.example:" + QByteArray::number(port()))}) {
            const Response foreign = post(path, "application/json", origin, json);
            EXPECT_EQ(foreign.status, 403) << origin.toStdString();
            EXPECT_EQ(foreign.json()["errorCode"], "E011003") << origin.toStdString();
        }
    }
    // Nothing was changed by the refused calls.
    const oidc::Json faults = get("/sandbox/faults").json()["faults"];
    ASSERT_EQ(faults.size(), 1u);
    EXPECT_EQ(faults[0]["kind"], "wrong-nonce");
    EXPECT_EQ(get("/sandbox/clock").json()["offsetSeconds"], 0);

    // The sandbox's own origin (127.0.0.1 or localhost) and callers without a browser are served.
    EXPECT_EQ(post("/sandbox/clock", "application/json", own, R"({"offsetSeconds": 60})").json()["offsetSeconds"], 60);
    const QByteArray localhost = "http://localhost:" + QByteArray::number(port());
    EXPECT_EQ(post("/sandbox/clock", "application/json; charset=utf-8", localhost, R"({"advanceSeconds": 1})").json()["offsetSeconds"], 61);
    EXPECT_EQ(post("/sandbox/faults", "application/json", {}, json).status, 201);
    EXPECT_EQ(post("/sandbox/reset", "application/json", localhost, {}).status, 200);
    EXPECT_TRUE(get("/sandbox/faults").json()["faults"].empty());
}

// Issue 14, defect 10: an offset of 2^63 - 1 seconds made Clock::now() overflow. Offsets are
// bounded; a refused one leaves the clock alone.
TEST_F(Admin, Defect10_ClockOffsetIsBounded)
{
    const int64_t max = std::numeric_limits<int64_t>::max();
    const int64_t min = std::numeric_limits<int64_t>::min();
    for (const oidc::Json &body : {oidc::Json{{"offsetSeconds", max}}, oidc::Json{{"offsetSeconds", min}},
                                   oidc::Json{{"advanceSeconds", max}}, oidc::Json{{"advanceSeconds", min}},
                                   oidc::Json{{"offsetSeconds", int64_t(1) << 40}}}) {
        const Response refused = postJson("/sandbox/clock", body);
        EXPECT_EQ(refused.status, 400) << body.dump();
        EXPECT_EQ(refused.json()["errorCode"], "E011004") << body.dump();
    }
    const oidc::Json clock = get("/sandbox/clock").json();
    EXPECT_EQ(clock["offsetSeconds"], 0);
    EXPECT_NEAR(clock["now"].get<double>(), static_cast<double>(QDateTime::currentSecsSinceEpoch()), 5.0);

    // Advancing in steps cannot walk past the bound either.
    const int64_t year = 366 * 86400;
    ASSERT_EQ(postJson("/sandbox/clock", {{"offsetSeconds", 9 * year}}).status, 200);
    EXPECT_EQ(postJson("/sandbox/clock", {{"advanceSeconds", 2 * year}}).status, 400);
    EXPECT_EQ(get("/sandbox/clock").json()["offsetSeconds"], 9 * year);
    ASSERT_EQ(postJson("/sandbox/clock", {{"offsetSeconds", -9 * year}}).status, 200);
    EXPECT_EQ(postJson("/sandbox/clock", {{"advanceSeconds", -2 * year}}).status, 400);
    EXPECT_EQ(get("/sandbox/clock").json()["offsetSeconds"], -9 * year);
}

// The clock itself cannot be pushed past its bound either (the GUI and tests move it in C++).
TEST_F(Admin, Defect10_ClockArithmeticSaturates)
{
    sandbox::Clock clock;
    const int64_t max = std::numeric_limits<int64_t>::max();
    clock.advance(max);
    clock.advance(max);
    EXPECT_EQ(clock.offsetSeconds(), sandbox::Clock::kMaxOffsetSeconds);
    EXPECT_FALSE(clock.canAdvance(1));
    EXPECT_TRUE(clock.canAdvance(-2 * sandbox::Clock::kMaxOffsetSeconds));
    clock.advance(std::numeric_limits<int64_t>::min());
    EXPECT_EQ(clock.offsetSeconds(), -sandbox::Clock::kMaxOffsetSeconds);
    clock.setOffsetSeconds(max);
    EXPECT_EQ(clock.offsetSeconds(), sandbox::Clock::kMaxOffsetSeconds);
    EXPECT_NEAR(static_cast<double>(clock.now() - QDateTime::currentSecsSinceEpoch()),
                static_cast<double>(sandbox::Clock::kMaxOffsetSeconds), 2.0);
    EXPECT_FALSE(sandbox::Clock::isValidOffset(sandbox::Clock::kMaxOffsetSeconds + 1));
    EXPECT_TRUE(sandbox::Clock::isValidOffset(-sandbox::Clock::kMaxOffsetSeconds));
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
