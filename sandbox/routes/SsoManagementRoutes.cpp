#include "SsoManagementRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/ManagementApi.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

namespace sandbox {

void SsoManagementRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/mgmt/sso/saml", [this](const SandboxRequest &r) { return configure(r, Shape::Saml); },
               "Management: configure a tenant's SAML SSO (idpUrl, entityId, idpCert, roleMappings, domains)");
    router.add("POST", "/v1/mgmt/sso/oidc", [this](const SandboxRequest &r) { return configure(r, Shape::Oidc); },
               "Management: configure a tenant's OIDC SSO (name, clientId, authUrl…, roleMappings, domains)");
    router.add("POST", "/v1/mgmt/sso/settings", [this](const SandboxRequest &r) { return configure(r, Shape::LegacySaml); },
               "Management: configure a tenant's SAML SSO (idpURL, entityId, idpCert, redirectURL, domains)");
    router.add("POST", "/v1/mgmt/sso/mapping", [this](const SandboxRequest &r) { return configure(r, Shape::Mapping); },
               "Management: a tenant's SSO role mappings and default SSO roles");
    router.add("GET", "/v1/mgmt/sso/settings", [this](const SandboxRequest &r) { return load(r, false); },
               "Management: a tenant's SSO settings (?tenantId=), flat SAML fields");
    router.add("GET", "/v2/mgmt/sso/settings", [this](const SandboxRequest &r) { return load(r, true); },
               "Management: a tenant's SSO settings (?tenantId=): {tenant, saml | oidc}");
    router.add("DELETE", "/v1/mgmt/sso/settings", [this](const SandboxRequest &r) { return remove(r); },
               "Management: delete a tenant's SSO settings (?tenantId=)");
}

oidc::net::LocalHttpResponse SsoManagementRoutes::configure(const SandboxRequest &request, Shape shape)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    const std::string tenantId = descope::string(*body, "tenantId");
    if (auto tenant = mgmt::findTenant(m_context, tenantId, "tenantId"); !tenant)
        return tenant.takeReply();
    ProjectDirectory &directory = m_context.state.directory();
    const SsoSettings *existing = directory.ssoSettings(tenantId);
    SsoSettings settings = existing ? *existing : SsoSettings{};
    settings.tenantId = tenantId;
    const oidc::Json none = oidc::Json::object();
    const auto inner = body->find("settings");
    const oidc::Json &fields = inner != body->end() && inner->is_object() ? *inner : none;
    switch (shape) {
    case Shape::LegacySaml:
        settings.kind = SsoSettings::Kind::Saml;
        settings.idpUrl = descope::string(*body, "idpURL");
        settings.entityId = descope::string(*body, "entityId");
        settings.idpCert = descope::string(*body, "idpCert");
        settings.redirectUrl = descope::string(*body, "redirectURL");
        break;
    case Shape::Saml:
        settings.kind = SsoSettings::Kind::Saml;
        settings.idpUrl = descope::string(fields, "idpUrl");
        settings.entityId = descope::string(fields, "entityId");
        settings.idpCert = descope::string(fields, "idpCert");
        settings.idpMetadataUrl = descope::string(fields, "idpMetadataUrl");
        settings.redirectUrl = descope::string(*body, "redirectUrl");
        break;
    case Shape::Oidc:
        settings.kind = SsoSettings::Kind::Oidc;
        settings.oidc = fields;
        settings.oidc.erase("clientSecret"); // kept nowhere: the sandbox calls no IdP
        settings.oidc.erase("roleMappings");
        settings.oidc.erase("userAttrMapping");
        settings.redirectUrl = descope::string(fields, "redirectUrl");
        break;
    case Shape::Mapping:
        if (!existing)
            return mgmt::invalid("tenant " + tenantId + " has no SSO settings to map");
        break;
    }
    if (shape == Shape::Saml || shape == Shape::LegacySaml) {
        if (settings.idpUrl.empty() && settings.idpMetadataUrl.empty())
            return mgmt::missing("idpUrl");
        if (settings.entityId.empty())
            return mgmt::missing("entityId");
    }
    if (shape == Shape::Oidc && descope::string(fields, "clientId").empty())
        return mgmt::missing("settings.clientId");
    // Mappings and attributes: top level for /sso/mapping, inside "settings" otherwise.
    const oidc::Json &source = shape == Shape::Mapping ? *body : fields;
    if (source.contains("roleMappings"))
        settings.roleMappings = mgmt::roleMappings(source["roleMappings"]);
    if (source.contains("defaultSSORoles"))
        settings.defaultSsoRoles = mgmt::strings(source, "defaultSSORoles");
    const char *attributesKey = shape == Shape::Oidc ? "userAttrMapping" : "attributeMapping";
    if (const auto it = source.find(attributesKey); it != source.end() && it->is_object())
        settings.attributeMapping = *it;
    for (const auto &mapping : settings.roleMappings) {
        if (auto refused = mgmt::checkRoles(m_context, {mapping.roleName}, tenantId))
            return std::move(*refused);
    }
    if (auto refused = mgmt::checkRoles(m_context, settings.defaultSsoRoles, tenantId))
        return std::move(*refused);
    if (body->contains("domains"))
        settings.domains = mgmt::strings(*body, "domains");
    for (const auto &domain : settings.domains) {
        const SsoSettings *owner = directory.ssoSettingsForEmail("x@" + domain);
        if (owner && owner->tenantId != tenantId)
            return mgmt::invalid("domain " + domain + " already belongs to tenant " + owner->tenantId);
    }
    directory.setSsoSettings(std::move(settings));
    m_context.stateChanged();
    return mgmt::ok();
}

oidc::net::LocalHttpResponse SsoManagementRoutes::load(const SandboxRequest &request, bool v2)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    const std::string tenantId = request.query().value("tenantId");
    auto tenant = mgmt::findTenant(m_context, tenantId, "tenantId");
    if (!tenant)
        return tenant.takeReply();
    const ProjectDirectory &directory = m_context.state.directory();
    const SsoSettings *settings = directory.ssoSettings(tenantId);
    if (!settings)
        return mgmt::invalid("tenant " + tenantId + " has no SSO settings");
    return mgmt::ok(v2 ? mgmt::ssoSettingsJson(*settings, **tenant, m_context) : mgmt::ssoSettingsV1Json(*settings, m_context));
}

oidc::net::LocalHttpResponse SsoManagementRoutes::remove(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    const std::string tenantId = request.query().value("tenantId");
    if (tenantId.empty())
        return mgmt::missing("tenantId");
    if (!m_context.state.directory().removeSsoSettings(tenantId))
        return mgmt::invalid("tenant " + tenantId + " has no SSO settings");
    m_context.stateChanged();
    return mgmt::ok();
}

} // namespace sandbox
