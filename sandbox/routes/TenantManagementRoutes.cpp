#include "TenantManagementRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/ManagementApi.h"
#include "sandbox/Randomness.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

#include <algorithm>

namespace sandbox {

namespace {

// The members create and update share ("name", "selfProvisioningDomains", "customAttributes",
// "enforceSSO", "disabled"); node-sdk sends every one, undefined ones dropped by JSON.
void applyTenantFields(Tenant &tenant, const oidc::Json &body)
{
    tenant.name = descope::string(body, "name");
    tenant.selfProvisioningDomains = mgmt::strings(body, "selfProvisioningDomains");
    if (const auto it = body.find("customAttributes"); it != body.end() && it->is_object())
        tenant.customAttributes = *it;
    if (const auto it = body.find("enforceSSO"); it != body.end() && it->is_boolean())
        tenant.enforceSso = it->get<bool>();
    if (const auto it = body.find("disabled"); it != body.end() && it->is_boolean())
        tenant.disabled = it->get<bool>();
}

bool sharesAnyDomain(const std::vector<std::string> &wanted, const std::vector<std::string> &have)
{
    return std::any_of(wanted.begin(), wanted.end(),
                       [&](const std::string &item) { return std::find(have.begin(), have.end(), item) != have.end(); });
}

} // namespace

void TenantManagementRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/mgmt/tenant/create", [this](const SandboxRequest &r) { return create(r); },
               "Management: create a tenant (with \"id\", or a generated one): {id}");
    router.add("POST", "/v1/mgmt/tenant/update", [this](const SandboxRequest &r) { return update(r); }, "Management: update a tenant");
    router.add("POST", "/v1/mgmt/tenant/delete", [this](const SandboxRequest &r) { return remove(r); },
               "Management: delete a tenant (removed from its users and access keys)");
    router.add("GET", "/v1/mgmt/tenant", [this](const SandboxRequest &r) { return load(r); }, "Management: load a tenant (?id=)");
    router.add("GET", "/v1/mgmt/tenant/all", [this](const SandboxRequest &r) { return loadAll(r); }, "Management: every tenant: {tenants}");
    router.add("POST", "/v1/mgmt/tenant/search", [this](const SandboxRequest &r) { return search(r); },
               "Management: search tenants by IDs, names, domains, custom attributes: {tenants}");
}

oidc::net::LocalHttpResponse TenantManagementRoutes::create(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    Tenant tenant;
    tenant.id = descope::string(*body, "id");
    applyTenantFields(tenant, *body);
    if (tenant.name.empty())
        return mgmt::missing("name");
    ProjectDirectory &directory = m_context.state.directory();
    if (tenant.id.empty())
        tenant.id = "T" + randomAlphanumeric(27);
    else if (directory.tenant(tenant.id))
        return mgmt::invalid("a tenant with ID " + tenant.id + " already exists");
    const bool nameTaken = std::any_of(directory.tenants().begin(), directory.tenants().end(),
                                       [&](const Tenant &t) { return t.name == tenant.name; });
    if (nameTaken)
        return mgmt::invalid("a tenant named " + tenant.name + " already exists");
    tenant.createdTime = m_context.now();
    const std::string id = tenant.id;
    directory.tenants().push_back(std::move(tenant));
    m_context.stateChanged();
    return mgmt::ok({{"id", id}});
}

oidc::net::LocalHttpResponse TenantManagementRoutes::update(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    auto tenant = mgmt::findTenant(m_context, descope::string(*body, "id"));
    if (!tenant)
        return tenant.takeReply();
    Tenant updated = **tenant;
    applyTenantFields(updated, *body);
    if (updated.name.empty())
        return mgmt::missing("name");
    **tenant = std::move(updated);
    m_context.stateChanged();
    return mgmt::ok();
}

oidc::net::LocalHttpResponse TenantManagementRoutes::remove(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    const std::string id = descope::string(*body, "id");
    if (id.empty())
        return mgmt::missing("id");
    if (!m_context.state.directory().removeTenant(id))
        return mgmt::invalid("tenant " + id + " does not exist");
    // Descope removes a deleted tenant from its users: their next session no longer names it.
    for (auto &user : m_context.state.mutableUsers())
        std::erase_if(user.tenants, [&](const TenantMembership &m) { return m.tenantId == id; });
    m_context.stateChanged();
    return mgmt::ok();
}

oidc::net::LocalHttpResponse TenantManagementRoutes::load(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    auto tenant = mgmt::findTenant(m_context, request.query().value("id"));
    if (!tenant)
        return tenant.takeReply();
    return mgmt::ok(mgmt::tenantJson(**tenant, m_context));
}

oidc::net::LocalHttpResponse TenantManagementRoutes::loadAll(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    oidc::Json tenants = oidc::Json::array();
    for (const auto &tenant : m_context.state.directory().tenants())
        tenants.push_back(mgmt::tenantJson(tenant, m_context));
    return mgmt::ok({{"tenants", tenants}});
}

oidc::net::LocalHttpResponse TenantManagementRoutes::search(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    const auto ids = mgmt::strings(*body, "tenantIds");
    const auto names = mgmt::strings(*body, "tenantNames");
    const auto domains = mgmt::strings(*body, "tenantSelfProvisioningDomains");
    const auto attributes = body->find("customAttributes");
    oidc::Json tenants = oidc::Json::array();
    for (const auto &tenant : m_context.state.directory().tenants()) {
        if (!ids.empty() && std::find(ids.begin(), ids.end(), tenant.id) == ids.end())
            continue;
        if (!names.empty() && std::find(names.begin(), names.end(), tenant.name) == names.end())
            continue;
        if (!domains.empty() && !sharesAnyDomain(domains, tenant.selfProvisioningDomains))
            continue;
        if (attributes != body->end() && attributes->is_object()) {
            bool matches = true;
            for (const auto &[key, value] : attributes->items()) {
                const auto have = tenant.customAttributes.find(key);
                matches = matches && have != tenant.customAttributes.end() && *have == value;
            }
            if (!matches)
                continue;
        }
        tenants.push_back(mgmt::tenantJson(tenant, m_context));
    }
    return mgmt::ok({{"tenants", tenants}});
}

} // namespace sandbox
