// The management client and tenant SSO end to end against the built-in sandbox: each call
// followed by its effect on the auth API through the same core client, the refusals, and what the
// exchange log shows (never the management key, never a created key's cleartext).

#include "SandboxClientTest.h"

#include "sandbox/SandboxContext.h"

#include "oidc/descope/ManagementClient.h"
#include "oidc/net/BlockingSend.h"

#include <QUrlQuery>

using namespace oidc;
using namespace oidc::descope;
using namespace oidc::descope::test;

class ManagementSandbox : public SandboxClientTest {
protected:
    std::string managementKey() { return server().context().managementKey; }
    BlockingManagementClient management(const std::string &key = {})
    {
        return BlockingManagementClient(transport(), project(), key.empty() ? managementKey() : key);
    }
};

TEST_F(ManagementSandbox, CreatedUserSignsInAndARoleAddedShowsInTheNextSession)
{
    auto admin = management();
    ManagedUser user;
    user.loginId = "new.hire@example.com";
    user.email = user.loginId;
    user.roleNames = {"user"};
    auto created = admin.call(mgmt::createUser(user));
    ASSERT_TRUE(created.ok()) << created.error().summary();
    EXPECT_EQ((*created)["user"]["loginIds"][0], user.loginId);
    EXPECT_EQ(signIn(user.loginId).session.claims()["roles"], Json::array({"user"}));
    ASSERT_TRUE(admin.call(mgmt::changeUserRoles(mgmt::RoleChange::Add, user.loginId, {"admin"})).ok());
    EXPECT_EQ(signIn(user.loginId).session.claims()["roles"], Json::array({"user", "admin"}));
    const std::string log = redactedLog();
    EXPECT_EQ(log.find(managementKey()), std::string::npos) << "the management key never reaches the exchange log";
    EXPECT_NE(log.find("/v2/mgmt/user/update/role/add"), std::string::npos);
    EXPECT_NE(log.find("Bearer [redacted"), std::string::npos);
}

TEST_F(ManagementSandbox, DeactivatedKeyNoLongerExchangesAndItsCleartextIsNeverLogged)
{
    auto admin = management();
    auto created = admin.createAccessKey(mgmt::createAccessKey("ci", 0, {"admin"}));
    ASSERT_TRUE(created.ok()) << created.error().summary();
    const SessionOutcome exchanged = client().exchangeAccessKey(created->cleartext);
    ASSERT_TRUE(exchanged.ok()) << failedChecks(exchanged);
    EXPECT_EQ(exchanged.result->userId, created->keyId);
    ASSERT_TRUE(admin.call(mgmt::deactivateAccessKey(created->keyId)).ok());
    const SessionOutcome refused = client().exchangeAccessKey(created->cleartext);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.result.error().code, "E062803");
    EXPECT_EQ(redactedLog().find(created->cleartext.substr(8)), std::string::npos);
    const auto loaded = admin.call(mgmt::loadAccessKey(created->keyId));
    EXPECT_EQ((*loaded)["key"]["status"], "inactive");
}

TEST_F(ManagementSandbox, WrongKeyAndUnknownTenantAreRefused)
{
    auto wrong = management("M-not-the-sandbox-key");
    auto refused = wrong.call(mgmt::loadAllTenants());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "E011003");
    EXPECT_EQ(refused.error().httpStatus, 401);
    auto unknown = management().call(mgmt::addUserTenant(kBob, "no-such-tenant"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().httpStatus, 400);
    ASSERT_TRUE(management().call(mgmt::deleteTenant(kGlobex)).ok());
    const auto bob = management().call(mgmt::loadUser(kBob));
    ASSERT_TRUE(bob.ok());
    EXPECT_EQ((*bob)["user"]["userTenants"].size(), 1u) << "the deleted tenant left its user";
}

TEST_F(ManagementSandbox, SsoStartStandInPageAndExchangeCarryTheMappedTenantRoles)
{
    auto admin = management();
    SamlSettings settings;
    settings.idpUrl = "https://idp.globex.test/sso";
    settings.entityId = "https://idp.globex.test";
    settings.roleMappings = {{{"ops"}, "admin"}};
    ASSERT_TRUE(admin.call(mgmt::configureSamlSettings(kGlobex, settings, {"globex.test"})).ok());
    const auto loaded = admin.call(mgmt::loadSsoSettings(kGlobex));
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ((*loaded)["saml"]["idpSSOUrl"], settings.idpUrl);

    SsoStart start;
    start.tenantOrEmail = "pat@globex.test";
    start.redirectUrl = "http://127.0.0.1:4321/cb";
    auto started = client().startSso(start);
    ASSERT_TRUE(started.ok()) << started.error().summary();
    // The stand-in IdP page's form, answered as the browser would (not through the client's
    // transport: the browser's exchanges are not the app's).
    net::QtHttpTransport browser;
    net::HttpRequest form;
    form.method = "POST";
    form.url = QUrl(QString::fromStdString(started->url));
    form.setHeader("Content-Type", "application/x-www-form-urlencoded");
    form.body = "email=pat%40globex.test&group=ops&action=signin";
    auto answered = net::sendAndWait(browser, form);
    ASSERT_TRUE(answered.ok()) << answered.error().summary();
    ASSERT_EQ(answered->status, 302);
    const QUrl back(QString::fromLatin1(answered->header("Location")));
    const std::string code = QUrlQuery(back).queryItemValue(QStringLiteral("code")).toStdString();
    ASSERT_FALSE(code.empty());

    const SessionOutcome session = client().exchangeSso(code);
    ASSERT_TRUE(session.ok()) << failedChecks(session);
    EXPECT_EQ(session.result->session.claims()["dct"], kGlobex);
    EXPECT_EQ(session.result->session.claims()["tenants"][kGlobex]["roles"], Json::array({"admin"})) << "the SSO role mapping";
    EXPECT_TRUE(session.result->user && session.result->user->loginIds.front() == "pat@globex.test");
    EXPECT_TRUE(client().client().session().has_value()) << "an SSO sign-in is kept";
    const SessionOutcome reused = client().exchangeSso(code);
    EXPECT_FALSE(reused.ok());
    EXPECT_EQ(reused.result.error().httpStatus, 401);
    EXPECT_EQ(redactedLog().find(code), std::string::npos) << "the code is hidden in the exchange body";
}
