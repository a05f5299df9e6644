// The management API (issue 15; descope-openapi-mgmt.yml, node-sdk lib/management): the
// management-key check, then each route family with its refusals and the effect it must have on
// the auth API (sign-in, claims, access-key exchange).

#include "SandboxTestSupport.h"

using namespace sandbox::test;

namespace {

const char *const kAcme = "T2SbxAcme0000000000000000001";
const char *const kGlobex = "T2SbxGlobex00000000000000001";

} // namespace

class Management : public SandboxTest {
protected:
    std::string key() { return server().context().managementKey; }
    Response mgmt(const std::string &path, const oidc::Json &body = oidc::Json::object()) { return descope(path, body, key()); }
    Response mgmtGet(const std::string &target)
    {
        return get(target, {{"Authorization", QByteArray::fromStdString("Bearer " + projectId() + ":" + key())}});
    }
    oidc::Json sessionClaims(const std::string &loginId) { return claimsOf(otpLogin(loginId)["sessionJwt"]); }
};

TEST_F(Management, KeyIsGeneratedAndShown)
{
    EXPECT_GE(key().size(), 40u);
    EXPECT_EQ(server().describe()["managementKey"], key());
    EXPECT_EQ(server().managementKey().toStdString(), key());
}

TEST_F(Management, MissingOrWrongKeyIsRefusedWithDescopesErrorBody)
{
    for (const std::string &token : {std::string(), std::string("M-wrong"), key() + "x"}) {
        const Response response = descope("/v1/mgmt/tenant/create", {{"name", "Nope"}}, token);
        EXPECT_EQ(response.status, 401) << token;
        EXPECT_EQ(response.json()["errorCode"], "E011003");
        EXPECT_EQ(response.text().find(key()), std::string::npos) << "the refusal never echoes the key";
    }
    const Response otherProject = postJson("/v1/mgmt/tenant/search", oidc::Json::object(),
                                           {{"Authorization", QByteArray::fromStdString("Bearer P2SomeoneElse00000000000001:" + key())}});
    EXPECT_EQ(otherProject.status, 401);
    EXPECT_EQ(get("/v1/mgmt/tenant/all").status, 401);
    // An access key is not a management key.
    EXPECT_EQ(descope("/v1/mgmt/user/create", {{"loginId", "x@example.com"}}, kAdminKey).status, 401);
    EXPECT_EQ(server().context().state.userByLoginId("x@example.com"), nullptr);
}

TEST_F(Management, TenantsCreateLoadSearchUpdate)
{
    const Response created = mgmt("/v1/mgmt/tenant/create", {{"name", "Initech"}, {"selfProvisioningDomains", {"initech.test"}}});
    ASSERT_EQ(created.status, 200) << created.text();
    const std::string id = created.json()["id"];
    EXPECT_EQ(id.size(), 28u);
    EXPECT_EQ(id.front(), 'T');
    ASSERT_EQ(mgmt("/v1/mgmt/tenant/create", {{"id", "umbrella"}, {"name", "Umbrella"}}).status, 200);
    EXPECT_EQ(mgmt("/v1/mgmt/tenant/create", {{"id", "umbrella"}, {"name", "Umbrella 2"}}).status, 400);
    EXPECT_EQ(mgmt("/v1/mgmt/tenant/create", {{"name", "Umbrella"}}).status, 400) << "names are unique";
    EXPECT_EQ(mgmt("/v1/mgmt/tenant/create", oidc::Json::object()).json()["errorCode"], "E011002");
    ASSERT_EQ(mgmt("/v1/mgmt/tenant/update", {{"id", "umbrella"}, {"name", "Umbrella Corp"}, {"customAttributes", {{"plan", "gold"}}}}).status, 200);
    const oidc::Json loaded = mgmtGet("/v1/mgmt/tenant?id=umbrella").json();
    EXPECT_EQ(loaded["name"], "Umbrella Corp");
    EXPECT_EQ(loaded["customAttributes"]["plan"], "gold");
    EXPECT_EQ(mgmtGet("/v1/mgmt/tenant/all").json()["tenants"].size(), 4u);
    const oidc::Json found = mgmt("/v1/mgmt/tenant/search", {{"tenantSelfProvisioningDomains", {"initech.test"}}}).json();
    ASSERT_EQ(found["tenants"].size(), 1u);
    EXPECT_EQ(found["tenants"][0]["id"], id);
    EXPECT_EQ(mgmt("/v1/mgmt/tenant/search", {{"customAttributes", {{"plan", "free"}}}}).json()["tenants"][0]["id"], kGlobex);
    EXPECT_EQ(mgmtGet("/v1/mgmt/tenant?id=nowhere").status, 400);
    EXPECT_EQ(mgmt("/v1/mgmt/tenant/update", {{"id", "nowhere"}, {"name", "x"}}).status, 400);
}

TEST_F(Management, DeletedTenantIsRemovedFromItsUsersAndKeys)
{
    ASSERT_EQ(mgmt("/v1/mgmt/tenant/delete", {{"id", kAcme}}).status, 200);
    const oidc::Json bob = mgmtGet("/v1/mgmt/user?loginId=bob@example.com").json()["user"];
    ASSERT_EQ(bob["userTenants"].size(), 1u);
    EXPECT_EQ(bob["userTenants"][0]["tenantId"], kGlobex);
    const oidc::Json claims = sessionClaims("alice@example.com");
    EXPECT_EQ(claims["tenants"], oidc::Json::object());
    EXPECT_FALSE(claims.contains("dct"));
    const oidc::Json key = descope("/v1/auth/accesskey/exchange", oidc::Json::object(), kAdminKey).json();
    EXPECT_EQ(claimsOf(key["sessionJwt"])["tenants"], oidc::Json::object());
    EXPECT_EQ(mgmt("/v1/mgmt/tenant/delete", {{"id", kAcme}}).status, 400) << "an unknown tenant";
    EXPECT_EQ(mgmt("/v1/mgmt/user/update/tenant/add", {{"loginId", "bob@example.com"}, {"tenantId", kAcme}}).status, 400);
}

TEST_F(Management, CreatedUserSignsInWithItsRolesAndTenants)
{
    const Response created = mgmt("/v1/mgmt/user/create", {{"loginId", "new.hire@example.com"},
                                                           {"email", "new.hire@example.com"},
                                                           {"displayName", "New Hire"},
                                                           {"roleNames", {"user"}},
                                                           {"userTenants", {{{"tenantId", kGlobex}, {"roleNames", {"admin"}}}}}});
    ASSERT_EQ(created.status, 200) << created.text();
    const oidc::Json user = created.json()["user"];
    EXPECT_EQ(user["name"], "New Hire");
    EXPECT_EQ(user["test"], false);
    const oidc::Json claims = sessionClaims("new.hire@example.com");
    EXPECT_EQ(claims["sub"], user["userId"]);
    EXPECT_EQ(claims["roles"], oidc::Json::array({"user"}));
    EXPECT_EQ(claims["tenants"][kGlobex]["roles"], oidc::Json::array({"admin"}));
    EXPECT_EQ(claims["dct"], kGlobex);

    EXPECT_EQ(mgmt("/v1/mgmt/user/create", {{"loginId", "NEW.HIRE@example.com"}}).json()["errorCode"], "E062107");
    EXPECT_EQ(mgmt("/v1/mgmt/user/create", {{"loginId", "x@example.com"}, {"roleNames", {"no-such-role"}}}).status, 400);
    EXPECT_EQ(mgmt("/v1/mgmt/user/create", {{"loginId", "x@example.com"}, {"userTenants", {{{"tenantId", "nowhere"}}}}}).status, 400);
    const Response test = mgmt("/v1/mgmt/user/create/test", {{"loginId", "robot@example.com"}});
    EXPECT_EQ(test.json()["user"]["test"], true);
}

TEST_F(Management, RolesAddedShowInTheNextSession)
{
    EXPECT_EQ(sessionClaims("bob@example.com")["roles"], oidc::Json::array({"user"}));
    ASSERT_EQ(mgmt("/v2/mgmt/user/update/role/add", {{"loginId", "bob@example.com"}, {"roleNames", {"admin"}}}).status, 200);
    ASSERT_EQ(mgmt("/v1/mgmt/user/update/role/remove", {{"loginId", "bob@example.com"}, {"tenantId", kAcme}, {"roleNames", {"user"}}}).status, 200);
    const oidc::Json claims = sessionClaims("bob@example.com");
    EXPECT_EQ(claims["roles"], oidc::Json::array({"user", "admin"}));
    EXPECT_EQ(claims["tenants"][kAcme]["roles"], oidc::Json::array());
    ASSERT_EQ(mgmt("/v1/mgmt/user/update/role/set", {{"loginId", "bob@example.com"}, {"roleNames", {"admin"}}}).status, 200);
    EXPECT_EQ(sessionClaims("bob@example.com")["roles"], oidc::Json::array({"admin"}));
    EXPECT_EQ(mgmt("/v1/mgmt/user/update/role/add", {{"loginId", "bob@example.com"}, {"roleNames", {"ghost"}}}).status, 400);
    EXPECT_EQ(mgmt("/v1/mgmt/user/update/role/add", {{"loginId", "nobody@example.com"}, {"roleNames", {"admin"}}}).json()["errorCode"], "E112102");
}

TEST_F(Management, StatusLogoutAndDelete)
{
    const oidc::Json session = otpLogin("bob@example.com");
    ASSERT_EQ(mgmt("/v1/mgmt/user/update/status", {{"loginId", "bob@example.com"}, {"status", "disabled"}}).status, 200);
    EXPECT_EQ(descope("/v1/auth/refresh", oidc::Json::object(), session["refreshJwt"]).status, 401) << "disabling ends the sessions";
    const size_t delivered = server().inbox().messages("bob@example.com").size();
    const Response refused = descope("/v1/auth/otp/signin/email", {{"loginId", "bob@example.com"}});
    EXPECT_EQ(refused.status, 401) << "a disabled user cannot sign in: no code is sent";
    EXPECT_EQ(refused.json()["errorCode"], "E011003");
    EXPECT_EQ(server().inbox().messages("bob@example.com").size(), delivered);
    EXPECT_EQ(mgmt("/v1/mgmt/user/update/status", {{"loginId", "bob@example.com"}, {"status", "sleeping"}}).status, 400);
    ASSERT_EQ(mgmt("/v1/mgmt/user/update/status", {{"loginId", "bob@example.com"}, {"status", "enabled"}}).status, 200);
    const oidc::Json again = otpLogin("bob@example.com");
    ASSERT_EQ(mgmt("/v1/mgmt/user/logout", {{"userId", "U2SbxBob00000000000000000001"}}).status, 200);
    EXPECT_EQ(descope("/v1/auth/refresh", oidc::Json::object(), again["refreshJwt"]).status, 401);
    ASSERT_EQ(mgmt("/v1/mgmt/user/delete", {{"loginId", "bob@example.com"}}).status, 200);
    EXPECT_EQ(mgmtGet("/v1/mgmt/user?loginId=bob@example.com").status, 400);
    EXPECT_EQ(mgmtGet("/v1/mgmt/user?loginId=%2B15555550102").status, 400) << "every login ID of the deleted user is gone";
    EXPECT_EQ(mgmtGet("/v1/mgmt/user?userId=U2SbxAlice000000000000000001").json()["user"]["email"], "alice@example.com");
}

TEST_F(Management, UpdateEmailPhoneAndSearch)
{
    const oidc::Json email = mgmt("/v1/mgmt/user/update/email", {{"loginId", "alice@example.com"}, {"email", "alice@acme.test"}, {"verified", false}}).json();
    EXPECT_EQ(email["user"]["email"], "alice@acme.test");
    EXPECT_EQ(email["user"]["verifiedEmail"], false);
    const oidc::Json phone = mgmt("/v1/mgmt/user/update/phone", {{"loginId", "alice@example.com"}, {"phone", "+15555550199"}, {"verified", true}}).json();
    EXPECT_EQ(phone["user"]["phone"], "+15555550199");
    const oidc::Json byTenant = mgmt("/v2/mgmt/user/search", {{"tenantIds", {kGlobex}}}).json();
    ASSERT_EQ(byTenant["users"].size(), 1u);
    EXPECT_EQ(byTenant["users"][0]["userId"], "U2SbxBob00000000000000000001");
    EXPECT_EQ(byTenant["total"], 1);
    EXPECT_EQ(mgmt("/v1/mgmt/user/search", {{"limit", 2}, {"page", 1}}).json()["users"].size(), 1u);
    EXPECT_EQ(mgmt("/v1/mgmt/user/search", {{"text", "carol"}}).json()["total"], 1);
    EXPECT_EQ(mgmt("/v1/mgmt/users/load", {{"userIds", {"U2SbxAlice000000000000000001", "Unope"}}}).json()["users"].size(), 1u);
}

TEST_F(Management, AccessKeysCreatedOnceDeactivatedRefusedAtExchange)
{
    const Response created = mgmt("/v1/mgmt/accesskey/create", {{"name", "ci"}, {"roleNames", {"user"}}});
    ASSERT_EQ(created.status, 200) << created.text();
    const std::string cleartext = created.json()["cleartext"];
    const std::string id = created.json()["key"]["id"];
    EXPECT_EQ(mgmtGet("/v1/mgmt/accesskey?id=" + id).text().find(cleartext), std::string::npos);
    EXPECT_EQ(mgmt("/v1/mgmt/accesskey/search", oidc::Json::object()).text().find(cleartext), std::string::npos);
    const Response exchanged = descope("/v1/auth/accesskey/exchange", oidc::Json::object(), cleartext);
    ASSERT_EQ(exchanged.status, 200) << exchanged.text();
    EXPECT_EQ(claimsOf(exchanged.json()["sessionJwt"])["sub"], id);

    ASSERT_EQ(mgmt("/v1/mgmt/accesskey/deactivate", {{"id", id}}).status, 200);
    EXPECT_EQ(mgmtGet("/v1/mgmt/accesskey?id=" + id).json()["key"]["status"], "inactive");
    const Response refused = descope("/v1/auth/accesskey/exchange", oidc::Json::object(), cleartext);
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(refused.json()["errorCode"], "E062803");
    ASSERT_EQ(mgmt("/v1/mgmt/accesskey/activate", {{"id", id}}).status, 200);
    EXPECT_EQ(descope("/v1/auth/accesskey/exchange", oidc::Json::object(), cleartext).status, 200);
    ASSERT_EQ(mgmt("/v1/mgmt/accesskey/update", {{"id", id}, {"name", "ci-2"}, {"roleNames", {"admin"}}}).status, 200);
    EXPECT_EQ(claimsOf(descope("/v1/auth/accesskey/exchange", oidc::Json::object(), cleartext).json()["sessionJwt"])["roles"],
              oidc::Json::array({"admin"}));
    ASSERT_EQ(mgmt("/v1/mgmt/accesskey/delete", {{"id", id}}).status, 200);
    EXPECT_EQ(descope("/v1/auth/accesskey/exchange", oidc::Json::object(), cleartext).status, 401);
    EXPECT_EQ(mgmt("/v1/mgmt/accesskey/delete", {{"id", id}}).status, 400);
}

TEST_F(Management, DeactivatedFixtureKeyIsRefusedByClientCredentialsToo)
{
    ASSERT_EQ(mgmt("/v1/mgmt/accesskey/deactivate", {{"id", "K2SbxReader00000000000000001"}}).status, 200);
    EXPECT_EQ(descope("/v1/auth/accesskey/exchange", oidc::Json::object(), kReaderKey).status, 401);
    const Response token = postForm("/oauth2/v1/token", {{"grant_type", "client_credentials"}, {"client_id", projectId()}, {"client_secret", kReaderKey}});
    EXPECT_EQ(token.status, 401);
    EXPECT_EQ(token.json()["error"], "invalid_client");
}

TEST_F(Management, ProjectAndTenantRolesSideBySide)
{
    ASSERT_EQ(mgmt("/v1/mgmt/permission/create", {{"name", "billing:read"}}).status, 200);
    EXPECT_EQ(mgmt("/v1/mgmt/permission/create", {{"name", "billing:read"}}).status, 400);
    // A tenant role may share a project role's name; the member's tenant claims use the tenant's.
    ASSERT_EQ(mgmt("/v1/mgmt/role/create", {{"name", "admin"}, {"tenantId", kGlobex}, {"permissionNames", {"billing:read"}}}).status, 200);
    EXPECT_EQ(mgmt("/v1/mgmt/role/create", {{"name", "admin"}, {"tenantId", kGlobex}}).status, 400);
    EXPECT_EQ(mgmt("/v1/mgmt/role/create", {{"name", "x"}, {"tenantId", "nowhere"}}).status, 400);
    const oidc::Json claims = sessionClaims("bob@example.com");
    EXPECT_EQ(claims["tenants"][kGlobex]["permissions"], oidc::Json::array({"billing:read"}));
    EXPECT_EQ(claims["tenants"][kAcme]["permissions"], oidc::Json::array({"read:data"}));
    const oidc::Json roles = mgmtGet("/v1/mgmt/role/all").json()["roles"];
    EXPECT_EQ(roles.size(), 3u);
    EXPECT_EQ(mgmt("/v1/mgmt/role/search", {{"tenantIds", {kGlobex}}}).json()["roles"].size(), 1u);

    ASSERT_EQ(mgmt("/v1/mgmt/permission/update", {{"name", "billing:read"}, {"newName", "billing:view"}}).status, 200);
    EXPECT_EQ(sessionClaims("bob@example.com")["tenants"][kGlobex]["permissions"], oidc::Json::array({"billing:view"}));
    ASSERT_EQ(mgmt("/v1/mgmt/role/update", {{"name", "user"}, {"newName", "member"}, {"permissionNames", {"read:data"}}}).status, 200);
    const oidc::Json renamed = sessionClaims("bob@example.com");
    EXPECT_EQ(renamed["roles"], oidc::Json::array({"member"})) << "a renamed role follows to its holders";
    EXPECT_EQ(renamed["tenants"][kAcme]["roles"], oidc::Json::array({"member"})) << "in tenants without an own role of that name too";
    ASSERT_EQ(mgmt("/v1/mgmt/role/delete", {{"name", "member"}}).status, 200);
    EXPECT_EQ(sessionClaims("bob@example.com")["roles"], oidc::Json::array());
    ASSERT_EQ(mgmt("/v1/mgmt/permission/delete", {{"name", "billing:view"}}).status, 200);
    EXPECT_EQ(mgmtGet("/v1/mgmt/permission/all").json()["permissions"].size(), 2u);
}
