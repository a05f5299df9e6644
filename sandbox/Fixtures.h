#pragma once

// The sandbox's starting data: project, users, tenants, roles, access keys, OIDC clients,
// lifetimes and rate limits. Loaded from resources/sandbox/fixtures.json (compiled in as
// :/sandbox/fixtures.json), or from a file named by the caller or by OIDCPLAY_SANDBOX_FIXTURES.

#include "sandbox/SsoRecords.h"

#include "oidc/Json.h"
#include "oidc/descope/PasswordApi.h"
#include "oidc/Result.h"

#include <QString>

#include <cstdint>
#include <string>
#include <vector>

namespace sandbox {

struct TenantMembership final {
    std::string tenantId;                // "tenantId"
    std::vector<std::string> roleNames;  // "roleNames" (the tenant's roles for this member)
};

// A Descope user (ResponseUser, descope-api.md §3).
struct User final {
    std::string userId;                  // "U…", 28 characters like Descope's
    std::vector<std::string> loginIds;
    std::string name;
    std::string givenName;
    std::string middleName;
    std::string familyName;
    std::string email;
    bool verifiedEmail = false;
    std::string phone;
    bool verifiedPhone = false;
    std::string picture;
    std::vector<std::string> roleNames;  // project-level roles
    std::vector<TenantMembership> tenants;
    oidc::Json customAttributes = oidc::Json::object();
    int64_t createdTime = 0;             // Unix seconds
    std::string status = "enabled";
    // Management API (issue 15): a test user (/v1/mgmt/user/create/test) and the SSO flag a
    // sign-in through a tenant's SAML IdP sets (ResponseUser "SAML"; "OIDC" for OIDC SSO).
    bool test = false;
    bool saml = false;
    bool oidcSso = false;

    // Management's update/status (issue 15): the one check of every route that would sign the
    // user in or give it a session or a code — a disabled user gets none of them.
    [[nodiscard]] bool disabled() const { return status == "disabled"; }
};

struct Tenant final {
    std::string id;
    std::string name;
    oidc::Json customAttributes = oidc::Json::object();
    // Management API (issue 15): "selfProvisioningDomains", "createdTime", "enforceSSO", "disabled".
    std::vector<std::string> selfProvisioningDomains;
    int64_t createdTime = 0;
    bool enforceSso = false;
    bool disabled = false;
};

// Descope keeps project-level roles (no tenantId) and tenant roles (tenantId set) side by side:
// a tenant role's name may repeat a project role's, and a member's tenant roles are looked up in
// the tenant first.
struct Role final {
    std::string name;
    std::string description;
    std::vector<std::string> permissions;
    std::string tenantId;                 // "" for a project role
    int64_t createdTime = 0;
};

struct Permission final {
    std::string name;
    std::string description;
};

// A Descope access key (machine-to-machine, descope-api.md §10). `secret` is the cleartext key
// a client sends as `Bearer <projectId>:<secret>`; sandbox-only values.
struct AccessKey final {
    std::string id;                       // becomes "sub" of the exchanged JWT
    std::string name;
    std::string secret;
    std::vector<std::string> roleNames;
    std::vector<TenantMembership> tenants;
    oidc::Json customClaims = oidc::Json::object(); // the key's own claims: top level of the JWT
    // Management API (issue 15): a deactivated key no longer exchanges; expireTime 0 = never.
    bool active = true;
    std::string description;
    int64_t createdTime = 0;
    int64_t expireTime = 0;
    std::string boundUserId;

    // Active and not past its expireTime.
    [[nodiscard]] bool usableAt(int64_t now) const { return active && (expireTime == 0 || expireTime > now); }
};

enum class ClientType { Public, Confidential };

struct OidcClient final {
    std::string clientId;
    std::string name;
    ClientType type = ClientType::Public;
    std::string secret;                   // confidential clients only
    std::vector<std::string> redirectUris;
    std::vector<std::string> postLogoutRedirectUris;
    std::vector<std::string> grantTypes;
    std::vector<std::string> roleNames;   // roles of client_credentials tokens

    [[nodiscard]] bool allowsGrant(std::string_view grantType) const;
};

struct Lifetimes final {
    int64_t sessionSeconds = 300;         // session JWT / access token
    int64_t refreshSeconds = 1800;        // refresh JWT
    int64_t codeSeconds = 60;             // authorization code
    int64_t otpSeconds = 300;             // OTP code
    int64_t linkSeconds = 600;            // magic and enchanted links
    int64_t browserSessionSeconds = 3600; // the hosted login page's cookie session
    int64_t keyGraceSeconds = 600;        // a rotated-out key stays in the JWKS this long
};

// Per-endpoint limit: `endpoint` is a route pattern ("/v1/auth/otp/signin/{method}"), an exact
// path, or a prefix ending in '*'.
struct RateLimitRule final {
    std::string endpoint;
    int limit = 0;
    int windowSeconds = 60;
};

struct Fixtures final {
    std::string projectId;                // 28 characters, starts with 'P'
    std::string projectName;
    Lifetimes lifetimes;
    int otpMaxAttempts = 5;
    bool refreshTokenRequiresOfflineAccess = true; // OIDC: refresh_token only with scope offline_access
    // What a new password must contain (/v1/auth/password/*): the core's type, whose unmet() the
    // sandbox's checks and a client's share.
    oidc::descope::PasswordPolicy passwordPolicy{8, true, true, true, false};
    std::vector<Role> roles;
    std::vector<Permission> permissions;
    std::vector<Tenant> tenants;
    // A tenant's "sso" member: SAML settings a fresh sandbox starts with, so tenant SSO works on
    // first launch (an email at one of its domains selects the tenant).
    std::vector<SsoSettings> sso;
    std::vector<User> users;
    std::vector<AccessKey> accessKeys;
    std::vector<OidcClient> clients;
    std::vector<RateLimitRule> rateLimits;

    [[nodiscard]] const Role *role(std::string_view name) const;
    [[nodiscard]] const Tenant *tenant(std::string_view id) const;
    [[nodiscard]] const OidcClient *client(std::string_view clientId) const;
    [[nodiscard]] const AccessKey *accessKeyBySecret(std::string_view secret) const;

    // Errors (category SANDBOX): FIXTURES_INVALID with the offending member in `actual`.
    [[nodiscard]] static oidc::Result<Fixtures> fromJson(const oidc::Json &document);
    // Empty path: $OIDCPLAY_SANDBOX_FIXTURES when set, else the built-in resource.
    // Errors: FIXTURES_READ, FIXTURES_JSON, FIXTURES_INVALID.
    [[nodiscard]] static oidc::Result<Fixtures> load(const QString &path = {});
    [[nodiscard]] static QString builtInPath();
};

} // namespace sandbox
