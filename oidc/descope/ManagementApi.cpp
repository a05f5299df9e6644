#include "ManagementApi.h"

#include "oidc/descope/DescopeFields.h"
#include "oidc/descope/DescopeResponse.h"

#include <QUrlQuery>

namespace oidc::descope {

namespace {

ManagementCall post(std::string path, Json body, const char *what)
{
    return ManagementCall{"POST", std::move(path), std::move(body), {}, QStringLiteral("Descope management: ") + QLatin1String(what)};
}

ManagementCall getWith(std::string path, std::vector<std::pair<std::string, std::string>> query, const char *what)
{
    return ManagementCall{"GET", std::move(path), Json::object(), std::move(query), QStringLiteral("Descope management: ") + QLatin1String(what)};
}

Json tenantsJson(const std::vector<TenantRoles> &tenants)
{
    Json array = Json::array();
    for (const auto &tenant : tenants)
        array.push_back({{"tenantId", tenant.tenantId}, {"roleNames", tenant.roleNames}});
    return array;
}

// node-sdk's create / update body: what is set, "displayName" for the name.
Json userJson(const ManagedUser &user)
{
    Json body = {{"loginId", user.loginId}};
    if (!user.email.empty())
        body["email"] = user.email;
    if (!user.phone.empty())
        body["phone"] = user.phone;
    if (!user.displayName.empty())
        body["displayName"] = user.displayName;
    body["roleNames"] = user.roleNames;
    body["userTenants"] = tenantsJson(user.tenants);
    body["verifiedEmail"] = user.verifiedEmail;
    body["verifiedPhone"] = user.verifiedPhone;
    return body;
}

Json withName(Json body, const std::string &name, const std::string &value)
{
    if (!value.empty())
        body[name] = value;
    return body;
}

} // namespace

namespace mgmt {

ManagementCall createTenant(const std::string &name, const std::string &id, const std::vector<std::string> &selfProvisioningDomains)
{
    return post("v1/mgmt/tenant/create", withName(Json{{"name", name}, {"selfProvisioningDomains", selfProvisioningDomains}}, "id", id),
                "create tenant");
}

ManagementCall updateTenant(const std::string &id, const std::string &name, const std::vector<std::string> &selfProvisioningDomains)
{
    return post("v1/mgmt/tenant/update", Json{{"id", id}, {"name", name}, {"selfProvisioningDomains", selfProvisioningDomains}}, "update tenant");
}

ManagementCall deleteTenant(const std::string &id)
{
    return post("v1/mgmt/tenant/delete", Json{{"id", id}}, "delete tenant");
}

ManagementCall loadTenant(const std::string &id)
{
    return getWith("v1/mgmt/tenant", {{"id", id}}, "load tenant");
}

ManagementCall loadAllTenants()
{
    return getWith("v1/mgmt/tenant/all", {}, "load all tenants");
}

ManagementCall searchTenants(const std::vector<std::string> &ids, const std::vector<std::string> &names)
{
    return post("v1/mgmt/tenant/search", Json{{"tenantIds", ids}, {"tenantNames", names}}, "search tenants");
}

ManagementCall createUser(const ManagedUser &user, bool testUser)
{
    if (testUser) {
        Json body = userJson(user);
        body["test"] = true;
        return post("v1/mgmt/user/create/test", std::move(body), "create test user");
    }
    return post("v1/mgmt/user/create", userJson(user), "create user");
}

ManagementCall updateUser(const ManagedUser &user)
{
    return post("v1/mgmt/user/update", userJson(user), "update user");
}

ManagementCall updateUserEmail(const std::string &loginId, const std::string &email, bool verified)
{
    return post("v1/mgmt/user/update/email", Json{{"loginId", loginId}, {"email", email}, {"verified", verified}}, "update user email");
}

ManagementCall updateUserPhone(const std::string &loginId, const std::string &phone, bool verified)
{
    return post("v1/mgmt/user/update/phone", Json{{"loginId", loginId}, {"phone", phone}, {"verified", verified}}, "update user phone");
}

ManagementCall setUserStatus(const std::string &loginId, bool enabled)
{
    return post("v1/mgmt/user/update/status", Json{{"loginId", loginId}, {"status", enabled ? "enabled" : "disabled"}},
                enabled ? "activate user" : "deactivate user");
}

ManagementCall changeUserRoles(RoleChange change, const std::string &loginId, const std::vector<std::string> &roleNames, const std::string &tenantId)
{
    Json body = withName(Json{{"loginId", loginId}, {"roleNames", roleNames}}, "tenantId", tenantId);
    switch (change) {
    case RoleChange::Set: return post("v1/mgmt/user/update/role/set", std::move(body), "set user roles");
    case RoleChange::Add: return post("v2/mgmt/user/update/role/add", std::move(body), "add user roles"); // node-sdk's path
    case RoleChange::Remove: return post("v1/mgmt/user/update/role/remove", std::move(body), "remove user roles");
    }
    return {};
}

ManagementCall addUserTenant(const std::string &loginId, const std::string &tenantId)
{
    return post("v1/mgmt/user/update/tenant/add", Json{{"loginId", loginId}, {"tenantId", tenantId}}, "add user tenant");
}

ManagementCall removeUserTenant(const std::string &loginId, const std::string &tenantId)
{
    return post("v1/mgmt/user/update/tenant/remove", Json{{"loginId", loginId}, {"tenantId", tenantId}}, "remove user tenant");
}

ManagementCall loadUser(const std::string &loginId)
{
    return getWith("v1/mgmt/user", {{"loginId", loginId}}, "load user");
}

ManagementCall loadUserById(const std::string &userId)
{
    return getWith("v1/mgmt/user", {{"userId", userId}}, "load user");
}

ManagementCall searchUsers(const UserSearch &search)
{
    Json body = {{"tenantIds", search.tenantIds}, {"roleNames", search.roleNames}, {"limit", search.limit}, {"page", search.page},
                 {"withTestUser", search.withTestUsers}};
    return post("v2/mgmt/user/search", withName(std::move(body), "text", search.text), "search users");
}

ManagementCall deleteUser(const std::string &loginId)
{
    return post("v1/mgmt/user/delete", Json{{"loginId", loginId}}, "delete user");
}

ManagementCall logoutUser(const std::string &loginId)
{
    return post("v1/mgmt/user/logout", Json{{"loginId", loginId}}, "log out user");
}

ManagementCall createAccessKey(const std::string &name, int64_t expireTime, const std::vector<std::string> &roleNames,
                               const std::vector<TenantRoles> &tenants)
{
    return post("v1/mgmt/accesskey/create",
                Json{{"name", name}, {"expireTime", expireTime}, {"roleNames", roleNames}, {"keyTenants", tenantsJson(tenants)}},
                "create access key");
}

ManagementCall loadAccessKey(const std::string &id)
{
    return getWith("v1/mgmt/accesskey", {{"id", id}}, "load access key");
}

ManagementCall searchAccessKeys(const std::vector<std::string> &tenantIds)
{
    return post("v1/mgmt/accesskey/search", Json{{"tenantIds", tenantIds}}, "search access keys");
}

ManagementCall updateAccessKey(const std::string &id, const std::string &name, const std::vector<std::string> &roleNames)
{
    return post("v1/mgmt/accesskey/update", Json{{"id", id}, {"name", name}, {"roleNames", roleNames}}, "update access key");
}

ManagementCall activateAccessKey(const std::string &id)
{
    return post("v1/mgmt/accesskey/activate", Json{{"id", id}}, "activate access key");
}

ManagementCall deactivateAccessKey(const std::string &id)
{
    return post("v1/mgmt/accesskey/deactivate", Json{{"id", id}}, "deactivate access key");
}

ManagementCall deleteAccessKey(const std::string &id)
{
    return post("v1/mgmt/accesskey/delete", Json{{"id", id}}, "delete access key");
}

ManagementCall createRole(const std::string &name, const std::string &description, const std::vector<std::string> &permissionNames,
                          const std::string &tenantId)
{
    return post("v1/mgmt/role/create",
                withName(Json{{"name", name}, {"description", description}, {"permissionNames", permissionNames}}, "tenantId", tenantId),
                "create role");
}

ManagementCall updateRole(const std::string &name, const std::string &newName, const std::string &description,
                          const std::vector<std::string> &permissionNames, const std::string &tenantId)
{
    return post("v1/mgmt/role/update",
                withName(Json{{"name", name}, {"newName", newName}, {"description", description}, {"permissionNames", permissionNames}},
                         "tenantId", tenantId),
                "update role");
}

ManagementCall deleteRole(const std::string &name, const std::string &tenantId)
{
    return post("v1/mgmt/role/delete", withName(Json{{"name", name}}, "tenantId", tenantId), "delete role");
}

ManagementCall loadAllRoles()
{
    return getWith("v1/mgmt/role/all", {}, "load all roles");
}

ManagementCall createPermission(const std::string &name, const std::string &description)
{
    return post("v1/mgmt/permission/create", Json{{"name", name}, {"description", description}}, "create permission");
}

ManagementCall updatePermission(const std::string &name, const std::string &newName, const std::string &description)
{
    return post("v1/mgmt/permission/update", Json{{"name", name}, {"newName", newName}, {"description", description}}, "update permission");
}

ManagementCall deletePermission(const std::string &name)
{
    return post("v1/mgmt/permission/delete", Json{{"name", name}}, "delete permission");
}

ManagementCall loadAllPermissions()
{
    return getWith("v1/mgmt/permission/all", {}, "load all permissions");
}

ManagementCall configureSamlSettings(const std::string &tenantId, const SamlSettings &settings, const std::vector<std::string> &domains,
                                     const std::string &redirectUrl)
{
    Json mappings = Json::array();
    for (const auto &[groups, roleName] : settings.roleMappings)
        mappings.push_back({{"groups", groups}, {"roleName", roleName}});
    Json inner = {{"idpUrl", settings.idpUrl}, {"entityId", settings.entityId}, {"idpCert", settings.idpCert},
                  {"roleMappings", mappings}, {"defaultSSORoles", settings.defaultSsoRoles}};
    return post("v1/mgmt/sso/saml", withName(Json{{"tenantId", tenantId}, {"settings", inner}, {"domains", domains}}, "redirectUrl", redirectUrl),
                "configure SAML SSO");
}

ManagementCall loadSsoSettings(const std::string &tenantId)
{
    return getWith("v2/mgmt/sso/settings", {{"tenantId", tenantId}}, "load SSO settings");
}

ManagementCall deleteSsoSettings(const std::string &tenantId)
{
    return ManagementCall{"DELETE", "v1/mgmt/sso/settings", Json::object(), {{"tenantId", tenantId}}, QStringLiteral("Descope management: delete SSO settings")};
}

} // namespace mgmt

Result<net::HttpRequest> buildManagementRequest(const DescopeProject &project, const std::string &managementKey, const ManagementCall &call)
{
    const bool hasBody = call.method == "POST";
    auto request = buildDescopeRequest(project, DescopeCall{call.method, call.path, hasBody ? std::optional<Json>(call.body) : std::nullopt,
                                                            Bearer::managementKey(managementKey), call.label});
    if (!request)
        return request;
    if (!hasBody)
        request->body.clear();
    if (!call.query.empty()) {
        QUrlQuery query;
        for (const auto &[name, value] : call.query)
            query.addQueryItem(QString::fromStdString(name), QString::fromStdString(value));
        QString encoded = query.toString(QUrl::FullyEncoded);
        encoded.replace(QLatin1Char('+'), QStringLiteral("%2B")); // a phone login ID keeps its '+'
        request->url.setQuery(encoded, QUrl::StrictMode);
    }
    return request;
}

Result<Json> processManagementResponse(const net::HttpResponse &response)
{
    return processDescopeJson(response);
}

Result<CreatedAccessKey> processCreatedAccessKeyResponse(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    constexpr const char *kWhat = "the access key create answer";
    auto cleartext = requiredString(*body, "cleartext", kWhat);
    if (!cleartext)
        return cleartext.error();
    const auto key = body->find("key");
    if (key == body->end() || !key->is_object())
        return makeError(ErrorCategory::Descope, "DESCOPE_FIELD_MISSING", std::string(kWhat) + " has no \"key\" object");
    auto id = requiredString(*key, "id", kWhat);
    if (!id)
        return id.error();
    return CreatedAccessKey{std::move(id).value(), *key, std::move(cleartext).value()};
}

} // namespace oidc::descope
