#pragma once

// Records of tenant SSO (issue 15): a tenant's SSO settings as the management API configures
// them (/v1/mgmt/sso/saml, /v1/mgmt/sso/oidc, /v1/mgmt/sso/settings, /v1/mgmt/sso/mapping), a
// sign-in waiting at the sandbox's stand-in for the tenant's IdP, and the code the stand-in hands
// back for /v1/auth/saml/exchange (or sso/exchange). The sandbox reaches no real IdP: the
// settings are stored and shown, and they decide which tenant an email's domain selects and which
// roles a sign-in gets; the sign-in itself always goes to the stand-in page.

#include "sandbox/StateRecords.h"

#include "oidc/Json.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sandbox {

// SAML "roleMappings" / OIDC "roleMappings": members of any of `groups` get `roleName` (a role
// of the tenant, or a project role).
struct SsoRoleMapping final {
    std::vector<std::string> groups;
    std::string roleName;
};

struct SsoSettings final {
    enum class Kind { Saml, Oidc };
    std::string tenantId;
    Kind kind = Kind::Saml;
    // SAML: "idpUrl" (the IdP's SSO URL), "entityId", "idpCert", or "idpMetadataUrl".
    std::string idpUrl;
    std::string entityId;
    std::string idpCert;
    std::string idpMetadataUrl;
    // OIDC: the settings object as configured ("name", "clientId", "authUrl", "issuer"…), the
    // client secret left out: it is never shown again.
    oidc::Json oidc = oidc::Json::object();
    std::vector<std::string> domains;     // an email on one of these selects this tenant
    std::vector<SsoRoleMapping> roleMappings;
    std::vector<std::string> defaultSsoRoles; // given to every SSO sign-in of the tenant
    oidc::Json attributeMapping = oidc::Json::object();
    std::string redirectUrl;              // where the sign-in returns when the start names none
};

// /v1/auth/saml/authorize answered: the stand-in IdP page shows this, keyed by its random id.
struct SsoLogin final {
    std::string tenantId;
    SsoSettings::Kind kind = SsoSettings::Kind::Saml;
    std::string redirectUrl;
    std::string loginHint;                // the email the start named, prefilled on the page
    LoginOptions options;
    int64_t expiresAt = 0;
};

// The stand-in IdP answered for an identity: the single-use, short-lived code of the exchange.
struct SsoCode final {
    std::string tenantId;
    SsoSettings::Kind kind = SsoSettings::Kind::Saml;
    std::string email;
    std::string name;
    std::vector<std::string> groups;      // the groups the identity asserted (for the role mapping)
    LoginOptions options;
    int64_t expiresAt = 0;
};

} // namespace sandbox
