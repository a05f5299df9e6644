#include "AccessKeyManagementRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/ManagementApi.h"
#include "sandbox/Randomness.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

#include <algorithm>

namespace sandbox {

void AccessKeyManagementRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/mgmt/accesskey/create", [this](const SandboxRequest &r) { return create(r); },
               "Management: create an access key: {key, cleartext} (the cleartext only here)");
    router.add("GET", "/v1/mgmt/accesskey", [this](const SandboxRequest &r) { return load(r); }, "Management: load an access key (?id=): {key}");
    router.add("POST", "/v1/mgmt/accesskey/search", [this](const SandboxRequest &r) { return search(r); },
               "Management: search access keys (tenantIds, boundUserId): {keys}");
    router.add("POST", "/v1/mgmt/accesskey/update", [this](const SandboxRequest &r) { return update(r); },
               "Management: update an access key's name, description, roles, tenants, claims: {key}");
    router.add("POST", "/v1/mgmt/accesskey/activate", [this](const SandboxRequest &r) { return change(r, Change::Activate); },
               "Management: activate an access key");
    router.add("POST", "/v1/mgmt/accesskey/deactivate", [this](const SandboxRequest &r) { return change(r, Change::Deactivate); },
               "Management: deactivate an access key (it no longer exchanges)");
    router.add("POST", "/v1/mgmt/accesskey/delete", [this](const SandboxRequest &r) { return change(r, Change::Delete); },
               "Management: delete an access key");
}

ReplyOr<AccessKeyManagementRoutes::KeyCall> AccessKeyManagementRoutes::acceptKeyCall(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    auto key = mgmt::findAccessKey(m_context, descope::string(*body, "id"));
    if (!key)
        return key.takeReply();
    return KeyCall{std::move(body).value(), *key};
}

oidc::net::LocalHttpResponse AccessKeyManagementRoutes::create(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    AccessKey key;
    key.name = descope::string(*body, "name");
    if (key.name.empty())
        return mgmt::missing("name");
    auto roles = mgmt::projectRoles(m_context, *body, "roleNames");
    if (!roles)
        return roles.takeReply();
    auto tenants = mgmt::memberships(m_context, *body, "keyTenants");
    if (!tenants)
        return tenants.takeReply();
    key.boundUserId = descope::string(*body, "userId");
    if (!key.boundUserId.empty() && !m_context.state.user(key.boundUserId))
        return mgmt::invalid("user " + key.boundUserId + " does not exist");
    key.id = "K" + randomAlphanumeric(27);
    // The cleartext a client sends as Bearer <projectId>:<cleartext>: no ':' in it.
    key.secret = key.id + "." + randomUrlToken(32);
    key.roleNames = std::move(roles).value();
    key.tenants = std::move(tenants).value();
    key.description = descope::string(*body, "description");
    if (const auto it = body->find("customClaims"); it != body->end() && it->is_object())
        key.customClaims = *it;
    if (const auto it = body->find("expireTime"); it != body->end() && it->is_number_integer())
        key.expireTime = it->get<int64_t>();
    key.createdTime = m_context.now();
    const oidc::Json keyJson = mgmt::accessKeyJson(key);
    const std::string cleartext = key.secret;
    m_context.state.directory().accessKeys().push_back(std::move(key));
    m_context.stateChanged();
    return mgmt::ok({{"key", keyJson}, {"cleartext", cleartext}});
}

oidc::net::LocalHttpResponse AccessKeyManagementRoutes::load(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    auto key = mgmt::findAccessKey(m_context, request.query().value("id"));
    if (!key)
        return key.takeReply();
    return mgmt::ok({{"key", mgmt::accessKeyJson(**key)}});
}

oidc::net::LocalHttpResponse AccessKeyManagementRoutes::search(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    const auto tenantIds = mgmt::strings(*body, "tenantIds");
    const std::string boundUserId = descope::string(*body, "boundUserId");
    oidc::Json keys = oidc::Json::array();
    for (const auto &key : m_context.state.directory().accessKeys()) {
        const bool inTenant = tenantIds.empty() || std::any_of(key.tenants.begin(), key.tenants.end(), [&](const TenantMembership &m) {
            return std::find(tenantIds.begin(), tenantIds.end(), m.tenantId) != tenantIds.end();
        });
        if (inTenant && (boundUserId.empty() || key.boundUserId == boundUserId))
            keys.push_back(mgmt::accessKeyJson(key));
    }
    return mgmt::ok({{"keys", keys}});
}

oidc::net::LocalHttpResponse AccessKeyManagementRoutes::update(const SandboxRequest &request)
{
    auto call = acceptKeyCall(request);
    if (!call)
        return call.takeReply();
    AccessKey *key = call->key;
    const std::string name = descope::string(call->body, "name");
    if (name.empty())
        return mgmt::missing("name");
    auto roles = mgmt::projectRoles(m_context, call->body, "roleNames");
    if (!roles)
        return roles.takeReply();
    auto tenants = mgmt::memberships(m_context, call->body, "keyTenants");
    if (!tenants)
        return tenants.takeReply();
    key->name = name;
    if (call->body.contains("description"))
        key->description = descope::string(call->body, "description");
    if (call->body.contains("roleNames"))
        key->roleNames = std::move(roles).value();
    if (call->body.contains("keyTenants"))
        key->tenants = std::move(tenants).value();
    if (const auto it = call->body.find("customClaims"); it != call->body.end() && it->is_object())
        key->customClaims = *it;
    m_context.stateChanged();
    return mgmt::ok({{"key", mgmt::accessKeyJson(*key)}});
}

oidc::net::LocalHttpResponse AccessKeyManagementRoutes::change(const SandboxRequest &request, Change change)
{
    auto call = acceptKeyCall(request);
    if (!call)
        return call.takeReply();
    AccessKey *key = call->key;
    const std::string id = key->id;
    switch (change) {
    case Change::Activate:
        key->active = true;
        break;
    case Change::Deactivate:
        key->active = false;
        break;
    case Change::Delete:
        std::erase_if(m_context.state.directory().accessKeys(), [&](const AccessKey &k) { return k.id == id; });
        break;
    }
    m_context.stateChanged();
    return mgmt::ok();
}

} // namespace sandbox
