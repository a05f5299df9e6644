#pragma once

// Descope's management API (descope-openapi-mgmt.yml; where it is silent, @descope/node-sdk
// lib/management, whose bodies these builders send): every call carries
// Authorization: Bearer <projectId>:<managementKey> (node-sdk mgmtSdkConfig), GET calls their
// arguments in the query, the others a JSON body. The answers are JSON objects the caller shows as
// data ({"tenants": […]}, {"user": ResponseUser}, {} …); the one typed answer is the access-key
// create, whose cleartext Descope shows once. The exchange log hides the management key (the
// whole Authorization value) and the cleartext (Redaction's "cleartext").
//
// Each operation is a pure function returning a ManagementCall; buildManagementRequest turns it
// into the HTTP request, processManagementResponse the answer into its JSON.

#include "oidc/descope/DescopeRequest.h"

#include <string>
#include <utility>
#include <vector>

namespace oidc::descope {

struct ManagementCall final {
    QByteArray method = "POST";
    std::string path;                                        // e.g. "v1/mgmt/tenant/create"
    Json body = Json::object();                              // POST / DELETE without query
    std::vector<std::pair<std::string, std::string>> query;  // GET and DELETE arguments
    QString label;                                           // "Descope management: create tenant"
};

// "userTenants" / "keyTenants" items (node-sdk AssociatedTenant).
struct TenantRoles final {
    std::string tenantId;
    std::vector<std::string> roleNames;
};

// The fields of user create and update that are set (empty ones are left out).
struct ManagedUser final {
    std::string loginId;
    std::string email;
    std::string phone;
    std::string displayName;
    std::vector<std::string> roleNames;   // project roles
    std::vector<TenantRoles> tenants;
    bool verifiedEmail = false;
    bool verifiedPhone = false;
};

struct UserSearch final {
    std::vector<std::string> tenantIds;
    std::vector<std::string> roleNames;
    std::string text;
    bool withTestUsers = false;
    int limit = 100;
    int page = 0;
};

struct SamlSettings final {
    std::string idpUrl;
    std::string entityId;
    std::string idpCert;
    std::vector<std::pair<std::vector<std::string>, std::string>> roleMappings; // groups → role name
    std::vector<std::string> defaultSsoRoles;
};

namespace mgmt {

// Tenants (/v1/mgmt/tenant*). An empty `id` lets Descope choose it.
[[nodiscard]] ManagementCall createTenant(const std::string &name, const std::string &id = {},
                                          const std::vector<std::string> &selfProvisioningDomains = {});
[[nodiscard]] ManagementCall updateTenant(const std::string &id, const std::string &name,
                                          const std::vector<std::string> &selfProvisioningDomains = {});
[[nodiscard]] ManagementCall deleteTenant(const std::string &id);
[[nodiscard]] ManagementCall loadTenant(const std::string &id);
[[nodiscard]] ManagementCall loadAllTenants();
[[nodiscard]] ManagementCall searchTenants(const std::vector<std::string> &ids, const std::vector<std::string> &names = {});

// Users (/v1/mgmt/user*, node-sdk's v2 paths for role/add and search). `loginId` may be a user ID.
[[nodiscard]] ManagementCall createUser(const ManagedUser &user, bool testUser = false);
[[nodiscard]] ManagementCall updateUser(const ManagedUser &user);
[[nodiscard]] ManagementCall updateUserEmail(const std::string &loginId, const std::string &email, bool verified);
[[nodiscard]] ManagementCall updateUserPhone(const std::string &loginId, const std::string &phone, bool verified);
[[nodiscard]] ManagementCall setUserStatus(const std::string &loginId, bool enabled);
enum class RoleChange { Set, Add, Remove };
// Project roles, or the user's roles in `tenantId` when it is set.
[[nodiscard]] ManagementCall changeUserRoles(RoleChange change, const std::string &loginId, const std::vector<std::string> &roleNames,
                                             const std::string &tenantId = {});
[[nodiscard]] ManagementCall addUserTenant(const std::string &loginId, const std::string &tenantId);
[[nodiscard]] ManagementCall removeUserTenant(const std::string &loginId, const std::string &tenantId);
[[nodiscard]] ManagementCall loadUser(const std::string &loginId);
[[nodiscard]] ManagementCall loadUserById(const std::string &userId);
[[nodiscard]] ManagementCall searchUsers(const UserSearch &search);
[[nodiscard]] ManagementCall deleteUser(const std::string &loginId);
[[nodiscard]] ManagementCall logoutUser(const std::string &loginId);

// Access keys (/v1/mgmt/accesskey*). `expireTime` 0: never.
[[nodiscard]] ManagementCall createAccessKey(const std::string &name, int64_t expireTime, const std::vector<std::string> &roleNames = {},
                                             const std::vector<TenantRoles> &tenants = {});
[[nodiscard]] ManagementCall loadAccessKey(const std::string &id);
[[nodiscard]] ManagementCall searchAccessKeys(const std::vector<std::string> &tenantIds = {});
[[nodiscard]] ManagementCall updateAccessKey(const std::string &id, const std::string &name, const std::vector<std::string> &roleNames);
[[nodiscard]] ManagementCall activateAccessKey(const std::string &id);
[[nodiscard]] ManagementCall deactivateAccessKey(const std::string &id);
[[nodiscard]] ManagementCall deleteAccessKey(const std::string &id);

// Roles and permissions (/v1/mgmt/role*, /v1/mgmt/permission*). A role with `tenantId` is the
// tenant's own.
[[nodiscard]] ManagementCall createRole(const std::string &name, const std::string &description,
                                        const std::vector<std::string> &permissionNames, const std::string &tenantId = {});
[[nodiscard]] ManagementCall updateRole(const std::string &name, const std::string &newName, const std::string &description,
                                        const std::vector<std::string> &permissionNames, const std::string &tenantId = {});
[[nodiscard]] ManagementCall deleteRole(const std::string &name, const std::string &tenantId = {});
[[nodiscard]] ManagementCall loadAllRoles();
[[nodiscard]] ManagementCall createPermission(const std::string &name, const std::string &description = {});
[[nodiscard]] ManagementCall updatePermission(const std::string &name, const std::string &newName, const std::string &description = {});
[[nodiscard]] ManagementCall deletePermission(const std::string &name);
[[nodiscard]] ManagementCall loadAllPermissions();

// A tenant's SSO settings (/v1/mgmt/sso/saml, /v2/mgmt/sso/settings, DELETE /v1/mgmt/sso/settings).
[[nodiscard]] ManagementCall configureSamlSettings(const std::string &tenantId, const SamlSettings &settings,
                                                   const std::vector<std::string> &domains, const std::string &redirectUrl = {});
[[nodiscard]] ManagementCall loadSsoSettings(const std::string &tenantId);
[[nodiscard]] ManagementCall deleteSsoSettings(const std::string &tenantId);

} // namespace mgmt

// The request with Bearer <projectId>:<managementKey>. Errors (INPUT): DESCOPE_TOKEN_MISSING (no
// key), DESCOPE_TOKEN_MALFORMED.
[[nodiscard]] Result<net::HttpRequest> buildManagementRequest(const DescopeProject &project, const std::string &managementKey,
                                                              const ManagementCall &call);
// The answer's JSON object. Errors: those of processDescopeJson (a refusal's code is Descope's
// errorCode: E011003 with HTTP 401 for a missing or wrong management key).
[[nodiscard]] Result<Json> processManagementResponse(const net::HttpResponse &response);

// The access-key create answer: the key (as Descope shows it) and its cleartext, shown this once.
struct CreatedAccessKey final {
    std::string keyId;     // key.id
    Json key;              // "key"
    std::string cleartext; // "cleartext": SECRET
};
// Errors: those of processDescopeJson, DESCOPE_FIELD_MISSING (cleartext, key.id), DESCOPE_FIELD_TYPE.
[[nodiscard]] Result<CreatedAccessKey> processCreatedAccessKeyResponse(const net::HttpResponse &response);

} // namespace oidc::descope
