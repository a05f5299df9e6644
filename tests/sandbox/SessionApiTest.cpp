// Descope session API (descope-api.md §4) and the JWT response / token shapes (§2.2, §3, §14).

#include "SandboxTestSupport.h"

using namespace sandbox::test;

class SessionApi : public SandboxTest {};

TEST_F(SessionApi, JwtResponseHasDescopeShape)
{
    oidc::Json response = otpLogin("alice@example.com");
    for (const char *member : {"sessionJwt", "refreshJwt", "cookieDomain", "cookiePath", "cookieMaxAge", "cookieExpiration", "user",
                               "firstSeen", "sessionExpiration"})
        EXPECT_TRUE(response.contains(member)) << member;
    // ResponseUser always carries what Kotlin requires (§14.8), with Descope's casing (§3).
    oidc::Json user = response["user"];
    for (const char *member : {"userId", "loginIds", "createdTime", "status", "roleNames", "ssoAppIds", "OAuth", "TOTP", "SAML", "SCIM",
                               "OIDC", "webauthn", "password", "push", "userTenants", "customAttributes", "verifiedEmail", "name"})
        EXPECT_TRUE(user.contains(member)) << member;
    EXPECT_TRUE(user["OAuth"].is_object());
    EXPECT_TRUE(user["ssoAppIds"].is_array());
    EXPECT_EQ(user["userTenants"][0]["tenantName"], "Acme Corp");
    EXPECT_EQ(user["customAttributes"]["department"], "engineering");
}

TEST_F(SessionApi, SessionAndRefreshJwtClaims)
{
    oidc::Json response = otpLogin("alice@example.com");
    const std::string session = response["sessionJwt"];
    const std::string refresh = response["refreshJwt"];
    EXPECT_TRUE(validate(session).ok());
    EXPECT_TRUE(validate(refresh).ok());
    oidc::Json claims = claimsOf(session);
    EXPECT_EQ(claims["drn"], "DS");
    EXPECT_EQ(claims["sub"], "U2SbxAlice000000000000000001");
    EXPECT_EQ(claims["iss"], baseUrl() + "/" + projectId());
    EXPECT_TRUE(claims["iat"].is_number() && claims["exp"].is_number());
    EXPECT_EQ(claims["exp"].get<int64_t>() - claims["iat"].get<int64_t>(), 300);
    EXPECT_EQ(claims["amr"], oidc::Json::array({"email"}));
    EXPECT_TRUE(claims["rexp"].is_string());
    EXPECT_EQ(claims["roles"], oidc::Json::array({"admin", "user"}));
    EXPECT_EQ(claims["permissions"], oidc::Json::array({"read:data", "write:data"}));
    EXPECT_EQ(claims["tenants"]["T2SbxAcme0000000000000000001"]["permissions"], oidc::Json::array({"read:data", "write:data"}));
    EXPECT_EQ(claims["dct"], "T2SbxAcme0000000000000000001"); // the only tenant
    EXPECT_FALSE(claims.contains("su"));
    EXPECT_FALSE(claims.contains("aud")); // §14.7
    oidc::Json refreshClaims = claimsOf(refresh);
    EXPECT_EQ(refreshClaims["drn"], "DSR");
    EXPECT_EQ(refreshClaims["exp"].get<int64_t>() - refreshClaims["iat"].get<int64_t>(), 1800);
    auto header = oidc::jwt::decodeJwt(session);
    EXPECT_EQ(header->alg, "RS256");
    EXPECT_FALSE(header->kid.empty());
    // Two tenants: no automatic dct.
    EXPECT_FALSE(claimsOf(otpLogin("bob@example.com")["sessionJwt"]).contains("dct"));
}

TEST_F(SessionApi, RefreshRotatesTheRefreshJwt)
{
    oidc::Json login = otpLogin("alice@example.com");
    const Response refreshed = descope("/v1/auth/refresh", oidc::Json::object(), login["refreshJwt"]);
    ASSERT_EQ(refreshed.status, 200) << refreshed.text();
    oidc::Json body = refreshed.json();
    EXPECT_NE(body["refreshJwt"], login["refreshJwt"]);
    EXPECT_TRUE(validate(body["sessionJwt"]).ok());
    EXPECT_FALSE(body["firstSeen"].get<bool>());
    const Response old = descope("/v1/auth/refresh", oidc::Json::object(), login["refreshJwt"]);
    EXPECT_EQ(old.status, 401);
    EXPECT_EQ(old.json()["errorCode"], "E064001");
}

TEST_F(SessionApi, EmptyBodyAndEmptyObjectAreTheSame)
{
    oidc::Json login = otpLogin("alice@example.com");
    const QByteArray bearer = QByteArray::fromStdString("Bearer " + projectId() + ":" + login["refreshJwt"].get<std::string>());
    // Go sends no body at all (§14.4).
    const auto response = rawExchange(port(), "POST", "/v1/auth/refresh", {{"Authorization", bearer}, {"Content-Type", "application/json"}});
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200) << response->text();
}

TEST_F(SessionApi, AuthorizationHeaderRules)
{
    oidc::Json login = otpLogin("alice@example.com");
    const std::string refresh = login["refreshJwt"];
    const auto call = [&](const std::string &value) {
        return postJson("/v1/auth/refresh", oidc::Json::object(), {{"Authorization", QByteArray::fromStdString(value)}});
    };
    EXPECT_EQ(call("Bearer P2SomeoneElse00000000000001:" + refresh).status, 401); // part 1 must be the project
    EXPECT_EQ(call("Basic abc").status, 401);
    EXPECT_EQ(call("Bearer " + projectId()).status, 401); // no refresh JWT
    EXPECT_EQ(call("Bearer " + projectId()).json()["errorCode"], "E011002");
    EXPECT_EQ(call("Bearer " + projectId() + ":garbage").status, 401);
    EXPECT_EQ(postJson("/v1/auth/refresh", oidc::Json::object()).status, 401);
    // A trailing management key part is ignored (§1.2).
    EXPECT_EQ(call("Bearer " + projectId() + ":" + refresh + ":K2managementKey").status, 200);
    // A session JWT is not a refresh JWT.
    EXPECT_EQ(call("Bearer " + projectId() + ":" + login["sessionJwt"].get<std::string>()).status, 401);
}

TEST_F(SessionApi, RefreshJwtInTheDsrCookie)
{
    oidc::Json login = otpLogin("alice@example.com");
    const Response response = postJson("/v1/auth/refresh", oidc::Json::object(),
                                       {{"Authorization", QByteArray::fromStdString("Bearer " + projectId())},
                                        {"Cookie", QByteArray::fromStdString("DSR=" + login["refreshJwt"].get<std::string>())}});
    EXPECT_EQ(response.status, 200) << response.text();
}

TEST_F(SessionApi, TryRefreshNeverFails)
{
    const Response response = descope("/v1/auth/try-refresh", oidc::Json::object(), "garbage");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.json(), oidc::Json::object());
    oidc::Json login = otpLogin("alice@example.com");
    EXPECT_TRUE(descope("/v1/auth/try-refresh", oidc::Json::object(), login["refreshJwt"]).json().contains("sessionJwt"));
}

TEST_F(SessionApi, LogoutEndsTheSession)
{
    oidc::Json login = otpLogin("alice@example.com");
    oidc::Json other = otpLogin("alice@example.com");
    const Response response = descope("/v1/auth/logout", oidc::Json::object(), login["refreshJwt"]);
    ASSERT_EQ(response.status, 200) << response.text();
    EXPECT_EQ(response.json()["sessionJwt"], "");
    // QNetworkReply folds repeated Set-Cookie fields into one value.
    EXPECT_NE(response.header("set-cookie").indexOf("DS=;"), -1);
    EXPECT_NE(response.header("set-cookie").indexOf("DSR=;"), -1);
    EXPECT_EQ(descope("/v1/auth/refresh", oidc::Json::object(), login["refreshJwt"]).status, 401);
    EXPECT_EQ(descope("/v1/auth/validate", oidc::Json::object(), login["sessionJwt"]).status, 401);
    EXPECT_EQ(descope("/v1/auth/refresh", oidc::Json::object(), other["refreshJwt"]).status, 200); // other sessions live on
}

TEST_F(SessionApi, LogoutAllEndsEverySessionOfTheUser)
{
    oidc::Json first = otpLogin("alice@example.com");
    oidc::Json second = otpLogin("alice@example.com");
    oidc::Json bob = otpLogin("bob@example.com");
    ASSERT_EQ(descope("/v1/auth/logoutall", oidc::Json::object(), first["refreshJwt"]).status, 200);
    EXPECT_EQ(descope("/v1/auth/refresh", oidc::Json::object(), second["refreshJwt"]).status, 401);
    EXPECT_EQ(descope("/v1/auth/refresh", oidc::Json::object(), bob["refreshJwt"]).status, 200);
}

TEST_F(SessionApi, MeAndTenantsAndHistory)
{
    oidc::Json login = otpLogin("bob@example.com");
    const std::string refresh = login["refreshJwt"];
    const QByteArray bearer = QByteArray::fromStdString("Bearer " + projectId() + ":" + refresh);
    const Response me = get("/v1/auth/me", {{"Authorization", bearer}});
    ASSERT_EQ(me.status, 200) << me.text();
    EXPECT_EQ(me.json()["userId"], "U2SbxBob00000000000000000001");
    EXPECT_EQ(me.json()["loginIds"], oidc::Json::array({"bob@example.com", "+15555550102"}));

    oidc::Json all = descope("/v1/auth/me/tenants", oidc::Json::object(), refresh).json();
    EXPECT_EQ(all["tenants"].size(), 2u);
    oidc::Json some = descope("/v1/auth/me/tenants", {{"ids", {"T2SbxGlobex00000000000000001"}}}, refresh).json();
    ASSERT_EQ(some["tenants"].size(), 1u);
    EXPECT_EQ(some["tenants"][0]["name"], "Globex");
    EXPECT_EQ(descope("/v1/auth/me/tenants", {{"dct", true}}, refresh).json()["tenants"].size(), 0u); // none selected yet

    const Response history = get("/v1/auth/me/history", {{"Authorization", bearer}});
    ASSERT_EQ(history.status, 200);
    ASSERT_TRUE(history.json().is_array()); // flat (§4)
    EXPECT_EQ(history.json()[0]["userId"], "U2SbxBob00000000000000000001");
}

TEST_F(SessionApi, SelectTenantSetsDct)
{
    oidc::Json login = otpLogin("bob@example.com");
    const Response selected = descope("/v1/auth/tenant/select", {{"tenant", "T2SbxGlobex00000000000000001"}}, login["refreshJwt"]);
    ASSERT_EQ(selected.status, 200) << selected.text();
    oidc::Json body = selected.json();
    EXPECT_EQ(claimsOf(body["sessionJwt"])["dct"], "T2SbxGlobex00000000000000001");
    oidc::Json current = descope("/v1/auth/me/tenants", {{"dct", true}}, body["refreshJwt"]).json();
    ASSERT_EQ(current["tenants"].size(), 1u);
    EXPECT_EQ(current["tenants"][0]["id"], "T2SbxGlobex00000000000000001");
    const Response notMember = descope("/v1/auth/tenant/select", {{"tenant", "T2Nope"}}, body["refreshJwt"]);
    EXPECT_EQ(notMember.status, 400);
    EXPECT_EQ(notMember.json()["errorCode"], "E011004");
}

TEST_F(SessionApi, ValidateReturnsFlatClaims)
{
    oidc::Json login = otpLogin("alice@example.com");
    const Response response = descope("/v1/auth/validate", oidc::Json::object(), login["sessionJwt"]);
    ASSERT_EQ(response.status, 200) << response.text();
    EXPECT_EQ(response.json()["sub"], "U2SbxAlice000000000000000001");
    EXPECT_FALSE(response.json().contains("parsedJWT"));
    EXPECT_EQ(descope("/v1/auth/validate", oidc::Json::object(), "x.y.z").status, 401);
    server().context().clock.advance(301);
    const Response expired = descope("/v1/auth/validate", oidc::Json::object(), login["sessionJwt"]);
    EXPECT_EQ(expired.status, 401);
    EXPECT_EQ(expired.json()["errorCode"], "E011003");
}

TEST_F(SessionApi, RefreshJwtExpires)
{
    oidc::Json login = otpLogin("alice@example.com");
    server().context().clock.advance(1801);
    EXPECT_EQ(descope("/v1/auth/refresh", oidc::Json::object(), login["refreshJwt"]).status, 401);
}

TEST_F(SessionApi, MalformedJsonBodyIsE011001)
{
    const Response response = send("POST", "/v1/auth/otp/signin/email", "{\"loginId\":", "application/json",
                                   {{"Authorization", QByteArray::fromStdString("Bearer " + projectId())}});
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(response.json()["errorCode"], "E011001");
    EXPECT_TRUE(response.json().contains("errorDescription"));
    EXPECT_TRUE(response.json().contains("errorMessage"));
}
