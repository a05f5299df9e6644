// The management API's and tenant SSO's pure halves (ManagementApi.h, SsoApi.h): what each
// builder sends — method, path, query, body, Bearer <projectId>:<managementKey> — and what the
// processors make of Descope's answers, without a network.

#include "DescopeTestSupport.h"

#include "oidc/descope/ManagementApi.h"
#include "oidc/descope/SsoApi.h"

#include <QUrlQuery>

using namespace oidc;
using namespace oidc::descope;
using namespace oidc::descope::test;

namespace {

const std::string kKey = "MmanagementKey0123456789abcdef";

net::HttpRequest built(const ManagementCall &call)
{
    auto request = buildManagementRequest(project(), kKey, call);
    EXPECT_TRUE(request.ok()) << (request ? "" : request.error().summary());
    return request ? request.value() : net::HttpRequest{};
}

} // namespace

TEST(ManagementApi, PostCarriesTheManagementKeyAndNodeSdksBody)
{
    const net::HttpRequest request = built(mgmt::createTenant("Initech", "initech", {"initech.test"}));
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.url.toString().toStdString(), std::string(kBase) + "/v1/mgmt/tenant/create");
    EXPECT_EQ(request.header("Authorization").toStdString(), "Bearer " + std::string(kProjectId) + ":" + kKey);
    EXPECT_EQ(bodyOf(request), (Json{{"id", "initech"}, {"name", "Initech"}, {"selfProvisioningDomains", {"initech.test"}}}));
    EXPECT_EQ(request.label, QStringLiteral("Descope management: create tenant"));
    EXPECT_FALSE(bodyOf(built(mgmt::createTenant("Acme"))).contains("id")) << "Descope chooses the ID";
}

TEST(ManagementApi, GetAndDeleteCarryTheirArgumentsInTheQuery)
{
    const net::HttpRequest load = built(mgmt::loadUser("+15555550102"));
    EXPECT_EQ(load.method, "GET");
    EXPECT_TRUE(load.body.isEmpty());
    EXPECT_EQ(load.url.path(), QStringLiteral("/v1/mgmt/user"));
    EXPECT_EQ(load.url.query(QUrl::FullyEncoded), QStringLiteral("loginId=%2B15555550102")) << "a phone login ID keeps its +";
    const net::HttpRequest remove = built(mgmt::deleteSsoSettings("T 1&2"));
    EXPECT_EQ(remove.method, "DELETE");
    EXPECT_EQ(QUrlQuery(remove.url).queryItemValue(QStringLiteral("tenantId"), QUrl::FullyDecoded), QStringLiteral("T 1&2"));
}

TEST(ManagementApi, RoleChangesUseNodeSdksPaths)
{
    EXPECT_EQ(built(mgmt::changeUserRoles(mgmt::RoleChange::Add, "a@x.test", {"admin"})).url.path(), QStringLiteral("/v2/mgmt/user/update/role/add"));
    const net::HttpRequest set = built(mgmt::changeUserRoles(mgmt::RoleChange::Set, "a@x.test", {"admin"}, "T1"));
    EXPECT_EQ(set.url.path(), QStringLiteral("/v1/mgmt/user/update/role/set"));
    EXPECT_EQ(bodyOf(set), (Json{{"loginId", "a@x.test"}, {"roleNames", {"admin"}}, {"tenantId", "T1"}}));
    EXPECT_FALSE(bodyOf(built(mgmt::changeUserRoles(mgmt::RoleChange::Remove, "a@x.test", {"admin"}))).contains("tenantId"));
    ManagedUser user;
    user.loginId = "robot@x.test";
    user.tenants = {{"T1", {"user"}}};
    const net::HttpRequest test = built(mgmt::createUser(user, true));
    EXPECT_EQ(test.url.path(), QStringLiteral("/v1/mgmt/user/create/test"));
    EXPECT_EQ(bodyOf(test)["test"], true);
    EXPECT_EQ(bodyOf(test)["userTenants"], (Json::array({{{"tenantId", "T1"}, {"roleNames", {"user"}}}})));
}

TEST(ManagementApi, TheKeyIsRequiredAndMustFitTheHeader)
{
    auto missing = buildManagementRequest(project(), "", mgmt::loadAllTenants());
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "DESCOPE_TOKEN_MISSING");
    auto malformed = buildManagementRequest(project(), "key with spaces", mgmt::loadAllTenants());
    ASSERT_FALSE(malformed.ok());
    EXPECT_EQ(malformed.error().code, "DESCOPE_TOKEN_MALFORMED");
    EXPECT_EQ(malformed.error().message.find("key with spaces"), std::string::npos);
}

TEST(ManagementApi, CreatedAccessKeyAndRefusals)
{
    auto created = processCreatedAccessKeyResponse(answerJson(200, {{"key", {{"id", "K2x"}, {"name", "ci"}}}, {"cleartext", "K2x.secret"}}));
    ASSERT_TRUE(created.ok());
    EXPECT_EQ(created->keyId, "K2x");
    EXPECT_EQ(created->cleartext, "K2x.secret");
    EXPECT_EQ(created->key["name"], "ci");
    auto noCleartext = processCreatedAccessKeyResponse(answerJson(200, {{"key", {{"id", "K2x"}}}}));
    ASSERT_FALSE(noCleartext.ok());
    EXPECT_EQ(noCleartext.error().code, "DESCOPE_FIELD_MISSING");
    auto refused = processManagementResponse(
        answerJson(401, {{"errorCode", "E011003"}, {"errorDescription", "Unauthorized"}, {"errorMessage", "bad management key"}}));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "E011003");
    EXPECT_EQ(refused.error().httpStatus, 401);
    EXPECT_EQ(processManagementResponse(answerJson(200, Json::object())).value(), Json::object());
}

TEST(SsoApi, StartSendsTheTenantAndRedirectInTheQueryAndTheOptionsAsBody)
{
    SsoStart start;
    start.tenantOrEmail = "pat+ops@initech.test";
    start.redirectUrl = "http://127.0.0.1:4321/cb?x=1";
    start.options.customClaims = Json{{"k", "v"}};
    auto request = buildSsoStartRequest(project(), start);
    ASSERT_TRUE(request.ok()) << request.error().summary();
    EXPECT_EQ(request->url.path(), QStringLiteral("/v1/auth/saml/authorize"));
    const QUrlQuery query(request->url);
    EXPECT_EQ(query.queryItemValue(QStringLiteral("tenant"), QUrl::FullyDecoded), QStringLiteral("pat+ops@initech.test"));
    EXPECT_EQ(query.queryItemValue(QStringLiteral("redirectURL"), QUrl::FullyDecoded), QStringLiteral("http://127.0.0.1:4321/cb?x=1"));
    EXPECT_EQ(request->url.query(QUrl::FullyEncoded).indexOf(QLatin1Char('+')), -1);
    EXPECT_EQ(bodyOf(*request), (Json{{"customClaims", {{"k", "v"}}}}));
    EXPECT_EQ(request->header("Authorization").toStdString(), "Bearer " + std::string(kProjectId));
    start.route = SsoRoute::Sso;
    start.options = {};
    auto sso = buildSsoStartRequest(project(), start);
    EXPECT_EQ(sso->url.path(), QStringLiteral("/v1/auth/sso/authorize"));
    EXPECT_EQ(bodyOf(*sso), Json::object());
}

TEST(SsoApi, RefusalsAndTheExchange)
{
    auto noTenant = buildSsoStartRequest(project(), SsoStart{});
    ASSERT_FALSE(noTenant.ok());
    EXPECT_EQ(noTenant.error().code, "DESCOPE_TENANT_MISSING");
    auto noCode = buildSsoExchangeRequest(project(), "");
    ASSERT_FALSE(noCode.ok());
    EXPECT_EQ(noCode.error().code, "DESCOPE_CODE_MISSING");
    auto exchange = buildSsoExchangeRequest(project(), "C0DE", SsoRoute::Sso);
    EXPECT_EQ(exchange->url.path(), QStringLiteral("/v1/auth/sso/exchange"));
    EXPECT_EQ(bodyOf(*exchange), (Json{{"code", "C0DE"}}));
    auto noUrl = processSsoStartResponse(answerJson(200, Json::object()));
    ASSERT_FALSE(noUrl.ok());
    EXPECT_EQ(noUrl.error().code, "DESCOPE_FIELD_MISSING");
    EXPECT_EQ(processSsoStartResponse(answerJson(200, {{"url", "https://idp/x"}}))->url, "https://idp/x");
}
