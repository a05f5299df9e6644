// Tenant SSO (issue 15): SSO settings through the management API, then /v1/auth/saml/authorize
// and sso/authorize → the stand-in IdP page → the code → saml/exchange and sso/exchange, with the
// tenant and the mapped roles in the session; and the refusals.

#include "SandboxTestSupport.h"

using namespace sandbox::test;

namespace {

const char *const kSsoTenant = "T2SbxGlobex00000000000000001";
const char *const kSsoRedirect = "http://127.0.0.1:4321/sso/callback";

} // namespace

class Sso : public SandboxTest {
protected:
    std::string key() { return server().context().managementKey; }
    Response mgmt(const std::string &path, const oidc::Json &body) { return descope(path, body, key()); }

    void configureGlobex()
    {
        const Response configured = mgmt("/v1/mgmt/sso/saml", {{"tenantId", kSsoTenant},
                                                               {"settings", {{"idpUrl", "https://idp.globex.test/sso"},
                                                                             {"entityId", "https://idp.globex.test"},
                                                                             {"idpCert", "CERT"},
                                                                             {"roleMappings", {{{"groups", {"ops"}}, {"roleName", "admin"}}}},
                                                                             {"defaultSSORoles", {"user"}}}},
                                                               {"domains", {"globex.test"}}});
        ASSERT_EQ(configured.status, 200) << configured.text();
    }
    // The stand-in page's URL for a start call, or "" with the failure recorded.
    std::string start(const std::string &route, const std::string &tenant, const std::string &redirect = kSsoRedirect)
    {
        const std::string target = route + "?tenant=" + QUrl::toPercentEncoding(QString::fromStdString(tenant)).toStdString()
            + "&redirectURL=" + QUrl::toPercentEncoding(QString::fromStdString(redirect)).toStdString();
        const Response response = descope(target, oidc::Json::object());
        EXPECT_EQ(response.status, 200) << response.text();
        return response.json().value("url", std::string());
    }
    // Posts the stand-in page's form; the redirect's query.
    std::map<std::string, std::string> answer(const std::string &url, const std::vector<std::pair<std::string, std::string>> &fields)
    {
        const std::string path = url.substr(baseUrl().size());
        const auto response = rawExchange(port(), "POST", QByteArray::fromStdString(path),
                                          {{"Content-Type", "application/x-www-form-urlencoded"}}, QByteArray::fromStdString(formEncode(fields)));
        EXPECT_TRUE(response && response->status == 302) << (response ? response->text() : std::string("no response"));
        return response ? queryOf(response->location()) : std::map<std::string, std::string>{};
    }
};

TEST_F(Sso, SettingsAreStoredAndShown)
{
    configureGlobex();
    const Response v2 = get("/v2/mgmt/sso/settings?tenantId=" + std::string(kSsoTenant),
                            {{"Authorization", QByteArray::fromStdString("Bearer " + projectId() + ":" + key())}});
    ASSERT_EQ(v2.status, 200) << v2.text();
    const oidc::Json saml = v2.json()["saml"];
    EXPECT_EQ(saml["idpSSOUrl"], "https://idp.globex.test/sso");
    EXPECT_EQ(saml["idpEntityId"], "https://idp.globex.test");
    EXPECT_EQ(saml["idpCertificate"], "CERT");
    EXPECT_EQ(saml["groupsMapping"][0]["role"]["name"], "admin");
    EXPECT_EQ(v2.json()["tenant"]["authType"], "saml");
    EXPECT_EQ(v2.json()["tenant"]["domains"], oidc::Json::array({"globex.test"}));
    EXPECT_EQ(mgmt("/v1/mgmt/sso/saml", {{"tenantId", "nowhere"}, {"settings", {{"idpUrl", "u"}, {"entityId", "e"}}}}).status, 400);
    EXPECT_EQ(mgmt("/v1/mgmt/sso/saml", {{"tenantId", kSsoTenant}, {"settings", {{"entityId", "e"}}}}).status, 400) << "no IdP URL";
    EXPECT_EQ(mgmt("/v1/mgmt/sso/mapping", {{"tenantId", kSsoTenant}, {"roleMappings", {{{"groups", {"x"}}, {"roleName", "ghost"}}}}}).status, 400);
    // A domain belongs to one tenant.
    EXPECT_EQ(mgmt("/v1/mgmt/sso/saml", {{"tenantId", "T2SbxAcme0000000000000000001"},
                                         {"settings", {{"idpUrl", "u"}, {"entityId", "e"}}},
                                         {"domains", {"GLOBEX.test"}}})
                  .status,
              400);
    EXPECT_EQ(descope("/v1/mgmt/sso/saml", {{"tenantId", kSsoTenant}}).status, 401) << "no management key";
}

TEST_F(Sso, SignInByTenantGivesTheMappedRolesInTheTenant)
{
    configureGlobex();
    const std::string url = start("/v1/auth/saml/authorize", kSsoTenant);
    ASSERT_EQ(url.rfind(baseUrl() + "/sandbox/sso/idp/", 0), 0u) << url;
    const Response page = get(url.substr(baseUrl().size()));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.text().find("sandbox stand-in"), std::string::npos);
    EXPECT_NE(page.text().find("Globex"), std::string::npos);
    EXPECT_NE(page.text().find("bob@example.com"), std::string::npos) << "the tenant's members to pick from";
    EXPECT_EQ(page.text().find("<script"), std::string::npos);

    auto query = answer(url, {{"email", "pat@globex.test"}, {"name", "Pat"}, {"group", "ops"}, {"action", "signin"}});
    ASSERT_TRUE(query.count("code"));
    const Response exchanged = descope("/v1/auth/saml/exchange", {{"code", query["code"]}});
    ASSERT_EQ(exchanged.status, 200) << exchanged.text();
    const oidc::Json body = exchanged.json();
    EXPECT_EQ(body["user"]["SAML"], true);
    EXPECT_EQ(body["user"]["email"], "pat@globex.test");
    EXPECT_EQ(body["firstSeen"], true);
    const oidc::Json claims = claimsOf(body["sessionJwt"]);
    EXPECT_EQ(claims["tenants"][kSsoTenant]["roles"], oidc::Json::array({"user", "admin"}));
    EXPECT_EQ(claims["dct"], kSsoTenant);
    EXPECT_EQ(claims["amr"], oidc::Json::array({"fed"}));
    EXPECT_TRUE(validate(body["sessionJwt"]).ok());

    const Response reused = descope("/v1/auth/saml/exchange", {{"code", query["code"]}});
    EXPECT_EQ(reused.status, 401) << "the code is single use";
    EXPECT_EQ(get(url.substr(baseUrl().size())).status, 404) << "the page answers once";
}

TEST_F(Sso, SignInByEmailDomainThroughSsoRoutes)
{
    configureGlobex();
    const std::string url = start("/v1/auth/sso/authorize", "Someone@GLOBEX.test");
    EXPECT_NE(get(url.substr(baseUrl().size())).text().find("Someone@GLOBEX.test"), std::string::npos) << "the email is prefilled";
    auto query = answer(url, {{"identity", "bob@example.com"}, {"action", "signin"}});
    const Response exchanged = descope("/v1/auth/sso/exchange", {{"code", query["code"]}});
    ASSERT_EQ(exchanged.status, 200) << exchanged.text();
    EXPECT_EQ(exchanged.json()["user"]["userId"], "U2SbxBob00000000000000000001");
    EXPECT_EQ(exchanged.json()["firstSeen"], false);
    EXPECT_EQ(claimsOf(exchanged.json()["sessionJwt"])["tenants"][kSsoTenant]["roles"], oidc::Json::array({"user"})) << "no group, default roles only";
}

TEST_F(Sso, AFreshSandboxHasGlobexSsoFromItsFixtures)
{
    // Nothing configured: the fixtures give Globex SAML settings, so SSO works on first launch.
    const std::string url = start("/v1/auth/saml/authorize", "demo@globex.test");
    ASSERT_EQ(url.rfind(baseUrl() + "/sandbox/sso/idp/", 0), 0u) << url;
    auto query = answer(url, {{"email", "demo@globex.test"}, {"name", "Demo"}, {"group", "ops"}, {"action", "signin"}});
    const Response exchanged = descope("/v1/auth/saml/exchange", {{"code", query["code"]}});
    ASSERT_EQ(exchanged.status, 200) << exchanged.text();
    EXPECT_EQ(claimsOf(exchanged.json()["sessionJwt"])["tenants"][kSsoTenant]["roles"], oidc::Json::array({"admin"})) << "ops → admin";
    const Response shown = get("/v2/mgmt/sso/settings?tenantId=" + std::string(kSsoTenant),
                               {{"Authorization", QByteArray::fromStdString("Bearer " + projectId() + ":" + key())}});
    ASSERT_EQ(shown.status, 200) << shown.text();
    EXPECT_EQ(shown.json()["saml"]["idpSSOUrl"], "https://idp.globex.test/sso");
    EXPECT_EQ(shown.json()["tenant"]["domains"], oidc::Json::array({"globex.test"}));
}

TEST_F(Sso, CancelAndRefusals)
{
    configureGlobex();
    const std::string url = start("/v1/auth/saml/authorize", kSsoTenant);
    auto query = answer(url, {{"action", "cancel"}});
    EXPECT_EQ(query["error"], "access_denied");
    EXPECT_FALSE(query.count("code"));

    const auto refusedStart = [&](const std::string &tenant, const std::string &redirect) {
        return descope("/v1/auth/saml/authorize?tenant=" + tenant + "&redirectURL=" + redirect, oidc::Json::object()).status;
    };
    EXPECT_EQ(refusedStart("T2SbxAcme0000000000000000001", "http%3A%2F%2F127.0.0.1%3A1%2Fcb"), 400) << "a tenant without SSO";
    EXPECT_EQ(refusedStart("nowhere", "http%3A%2F%2F127.0.0.1%3A1%2Fcb"), 400) << "an unknown tenant";
    EXPECT_EQ(refusedStart("x%40unknown.test", "http%3A%2F%2F127.0.0.1%3A1%2Fcb"), 400) << "a domain no tenant owns";
    EXPECT_EQ(refusedStart(kSsoTenant, "https%3A%2F%2Fevil.example%2Fcb"), 400) << "a foreign redirect URL";
    EXPECT_EQ(descope("/v1/auth/saml/exchange", {{"code", "made-up"}}).status, 401);
    EXPECT_EQ(descope("/v1/auth/saml/exchange", oidc::Json::object()).status, 400);

    // Settings deleted between the IdP's answer and the exchange: refused, the code spent.
    const std::string second = start("/v1/auth/saml/authorize", kSsoTenant);
    auto code = answer(second, {{"email", "pat@globex.test"}, {"action", "signin"}})["code"];
    const Response removed = send("DELETE", "/v1/mgmt/sso/settings?tenantId=" + std::string(kSsoTenant), {}, {},
                                  {{"Authorization", QByteArray::fromStdString("Bearer " + projectId() + ":" + key())}});
    ASSERT_EQ(removed.status, 200) << removed.text();
    EXPECT_EQ(descope("/v1/auth/saml/exchange", {{"code", code}}).status, 400);
}
