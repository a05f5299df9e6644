#include "ManagementApi.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/ErrorCodes.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/OAuthSupport.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

namespace sandbox::mgmt {

ReplyOr<oidc::Json> accept(const SandboxRequest &request, SandboxContext &context)
{
    auto bearer = descope::authorize(request, context);
    if (!bearer)
        return bearer.takeReply();
    // The key is the last part: <projectId>:<managementKey>.
    const std::string &key = bearer->extra.empty() ? bearer->token : bearer->extra.back();
    if (key.empty() || context.managementKey.empty() || !oauth::constantTimeEquals(key, context.managementKey))
        return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized",
                                   "the management API needs Authorization: Bearer <projectId>:<managementKey> with the project's management key");
    if (request.method() == "GET" || request.method() == "DELETE")
        return oidc::Json::object();
    return descope::body(request);
}

ReplyOr<User *> findUser(SandboxContext &context, const std::string &loginId, const std::string &userId)
{
    if (loginId.empty() && userId.empty())
        return missing("loginId or userId");
    User *user = nullptr;
    if (!loginId.empty()) {
        const User *byLogin = context.state.userByLoginId(loginId);
        user = byLogin ? context.state.user(byLogin->userId) : context.state.user(loginId);
    } else {
        user = context.state.user(userId);
    }
    if (!user)
        return reply::descopeError(400, errc::kMgmtUserNotFound, "User not found", "no user has this login ID or user ID");
    return user;
}

ReplyOr<Tenant *> findTenant(SandboxContext &context, const std::string &id, std::string_view field)
{
    if (id.empty())
        return missing(field);
    Tenant *tenant = context.state.directory().tenant(id);
    if (!tenant)
        return invalid("tenant " + id + " does not exist");
    return tenant;
}

ReplyOr<AccessKey *> findAccessKey(SandboxContext &context, const std::string &id)
{
    if (id.empty())
        return missing("id");
    AccessKey *key = context.state.directory().accessKey(id);
    if (!key)
        return invalid("access key " + id + " does not exist");
    return key;
}

std::vector<std::string> strings(const oidc::Json &object, const char *key)
{
    std::vector<std::string> values;
    if (!object.is_object())
        return values;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_array())
        return values;
    for (const auto &item : *it) {
        if (item.is_string())
            values.push_back(item.get<std::string>());
    }
    return values;
}

std::optional<LocalHttpResponse> checkRoles(const SandboxContext &context, const std::vector<std::string> &roleNames, std::string_view tenantId)
{
    for (const auto &name : roleNames) {
        if (!context.state.directory().role(name, tenantId))
            return invalid("role " + name + " does not exist" + (tenantId.empty() ? std::string() : " in tenant " + std::string(tenantId)));
    }
    return std::nullopt;
}

ReplyOr<std::vector<TenantMembership>> memberships(const SandboxContext &context, const oidc::Json &object, const char *key)
{
    std::vector<TenantMembership> result;
    const auto it = object.is_object() ? object.find(key) : object.end();
    if (it == object.end() || !it->is_array())
        return result;
    for (const auto &item : *it) {
        TenantMembership membership{descope::string(item, "tenantId"), strings(item, "roleNames")};
        if (membership.tenantId.empty())
            return missing(std::string(key) + "[].tenantId");
        if (!context.state.directory().tenant(membership.tenantId))
            return invalid("tenant " + membership.tenantId + " does not exist");
        if (auto refused = checkRoles(context, membership.roleNames, membership.tenantId))
            return std::move(*refused);
        result.push_back(std::move(membership));
    }
    return result;
}

ReplyOr<std::vector<std::string>> projectRoles(const SandboxContext &context, const oidc::Json &object, const char *key)
{
    std::vector<std::string> names = strings(object, key);
    if (auto refused = checkRoles(context, names, {}))
        return std::move(*refused);
    return names;
}

LocalHttpResponse missing(std::string_view what)
{
    return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", std::string(what) + " is required");
}

LocalHttpResponse invalid(std::string_view message)
{
    return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments", message);
}

LocalHttpResponse ok(oidc::Json body)
{
    return reply::json(200, body);
}

oidc::Json tenantJson(const Tenant &tenant, const SandboxContext &context)
{
    const SsoSettings *sso = context.state.directory().ssoSettings(tenant.id);
    return {
        {"id", tenant.id},
        {"name", tenant.name},
        {"selfProvisioningDomains", tenant.selfProvisioningDomains},
        {"customAttributes", tenant.customAttributes.is_object() ? tenant.customAttributes : oidc::Json::object()},
        {"createdTime", tenant.createdTime},
        {"domains", sso ? sso->domains : std::vector<std::string>{}},
        {"authType", !sso ? "none" : sso->kind == SsoSettings::Kind::Saml ? "saml" : "oidc"},
        {"enforceSSO", tenant.enforceSso},
        {"disabled", tenant.disabled},
    };
}

oidc::Json roleJson(const Role &role)
{
    return {{"name", role.name},
            {"description", role.description},
            {"permissionNames", role.permissions},
            {"createdTime", role.createdTime},
            {"tenantId", role.tenantId}};
}

oidc::Json permissionJson(const Permission &permission)
{
    return {{"name", permission.name}, {"description", permission.description}, {"systemDefault", false}};
}

oidc::Json accessKeyJson(const AccessKey &key)
{
    oidc::Json tenants = oidc::Json::array();
    for (const auto &membership : key.tenants)
        tenants.push_back({{"tenantId", membership.tenantId}, {"roleNames", membership.roleNames}});
    return {
        {"id", key.id},
        {"name", key.name},
        {"description", key.description},
        {"roleNames", key.roleNames},
        {"keyTenants", tenants},
        {"status", key.active ? "active" : "inactive"},
        {"createdTime", key.createdTime},
        {"expireTime", key.expireTime},
        {"createdBy", "sandbox-management-key"},
        {"clientId", key.id},
        {"boundUserId", key.boundUserId},
        {"customClaims", key.customClaims.is_object() ? key.customClaims : oidc::Json::object()},
        {"permittedIps", oidc::Json::array()},
    };
}

namespace {

oidc::Json mappingJson(const std::vector<SsoRoleMapping> &mappings)
{
    oidc::Json array = oidc::Json::array();
    for (const auto &mapping : mappings)
        array.push_back({{"groups", mapping.groups}, {"role", {{"id", mapping.roleName}, {"name", mapping.roleName}}}});
    return array;
}

std::string spAcsUrl(const SandboxContext &context)
{
    return context.url("/v1/auth/saml/acs");
}

} // namespace

oidc::Json ssoSettingsJson(const SsoSettings &settings, const Tenant &tenant, const SandboxContext &context)
{
    oidc::Json body = {{"tenant", tenantJson(tenant, context)}, {"ssoId", ""}};
    if (settings.kind == SsoSettings::Kind::Saml) {
        body["saml"] = {
            {"idpEntityId", settings.entityId},
            {"idpSSOUrl", settings.idpUrl},
            {"idpCertificate", settings.idpCert},
            {"idpMetadataUrl", settings.idpMetadataUrl},
            {"spEntityId", context.issuerUrl},
            {"spACSUrl", spAcsUrl(context)},
            {"spCertificate", ""},
            {"attributeMapping", settings.attributeMapping},
            // node-sdk's loadSettings turns each {groups, role: {name}} into {groups, roleName}.
            {"groupsMapping", mappingJson(settings.roleMappings)},
            {"defaultSSORoles", settings.defaultSsoRoles},
            {"redirectUrl", settings.redirectUrl},
        };
    } else {
        oidc::Json oidcSettings = settings.oidc;
        oidc::Json roleMappings = oidc::Json::array();
        for (const auto &mapping : settings.roleMappings)
            roleMappings.push_back({{"groups", mapping.groups}, {"roleName", mapping.roleName}});
        oidcSettings["roleMappings"] = roleMappings;
        oidcSettings["userAttrMapping"] = settings.attributeMapping;
        oidcSettings.erase("attributeMapping");
        body["oidc"] = oidcSettings;
    }
    return body;
}

oidc::Json ssoSettingsV1Json(const SsoSettings &settings, const SandboxContext &context)
{
    return {
        {"tenantId", settings.tenantId},
        {"idpEntityId", settings.entityId},
        {"idpSSOUrl", settings.idpUrl},
        {"idpCertificate", settings.idpCert},
        {"idpMetadataUrl", settings.idpMetadataUrl},
        {"spEntityId", context.issuerUrl},
        {"spACSUrl", spAcsUrl(context)},
        {"spCertificate", ""},
        {"userMapping", settings.attributeMapping},
        {"groupsMapping", mappingJson(settings.roleMappings)},
        {"redirectUrl", settings.redirectUrl},
        {"domains", settings.domains},
        {"domain", settings.domains.empty() ? std::string() : settings.domains.front()},
    };
}

std::vector<SsoRoleMapping> roleMappings(const oidc::Json &array)
{
    std::vector<SsoRoleMapping> mappings;
    if (!array.is_array())
        return mappings;
    for (const auto &item : array) {
        SsoRoleMapping mapping{strings(item, "groups"), descope::string(item, "roleName")};
        if (mapping.roleName.empty())
            mapping.roleName = descope::string(item, "role");
        if (!mapping.roleName.empty())
            mappings.push_back(std::move(mapping));
    }
    return mappings;
}

} // namespace sandbox::mgmt
