#pragma once

// Conventions of Descope's management API (/v1/mgmt/*, /v2/mgmt/*; descope-api.md §1.2,
// descope-openapi-mgmt.yml, @descope/node-sdk lib/management) shared by the management route
// modules: the management-key check, finding the user a call names, reading tenant memberships,
// and the JSON shapes of tenants, roles, permissions, access keys and SSO settings.

#include "sandbox/Fixtures.h"
#include "sandbox/ReplyOr.h"
#include "sandbox/SsoRecords.h"

#include "oidc/Json.h"
#include "oidc/net/LocalHttpServer.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

namespace mgmt {

using oidc::net::LocalHttpResponse;

// Authorization: Bearer <projectId>:<managementKey> (NODE mgmtSdkConfig sets the token to the
// management key), then the body ({} for GET and DELETE). A missing or wrong key is 401 E011003
// with Descope's JSON error body, as Descope refuses it; the key is compared in constant time
// and never echoed.
[[nodiscard]] ReplyOr<oidc::Json> accept(const SandboxRequest &request, SandboxContext &context);

// The user a body (or a GET's query) names by "loginId" (a login ID, or a user ID as node-sdk's
// loginIdOrUserId allows) or "userId": 400 E112102 when none matches.
[[nodiscard]] ReplyOr<User *> findUser(SandboxContext &context, const std::string &loginId, const std::string &userId);

// The tenant or access key a call names by ID (`field` says where, for the message): 400 when
// the ID is empty or names none, as Descope answers.
[[nodiscard]] ReplyOr<Tenant *> findTenant(SandboxContext &context, const std::string &id, std::string_view field = "id");
[[nodiscard]] ReplyOr<AccessKey *> findAccessKey(SandboxContext &context, const std::string &id);

// A string array member ([] when absent; non-strings skipped).
[[nodiscard]] std::vector<std::string> strings(const oidc::Json &object, const char *key);
// "userTenants" / "keyTenants": [{"tenantId", "roleNames"}]. 400 when a tenant or one of its
// roles does not exist.
[[nodiscard]] ReplyOr<std::vector<TenantMembership>> memberships(const SandboxContext &context, const oidc::Json &object, const char *key);
// Project roles named in a body: 400 when one does not exist.
[[nodiscard]] ReplyOr<std::vector<std::string>> projectRoles(const SandboxContext &context, const oidc::Json &object, const char *key);
// 400 E011004 unless every role exists in the tenant's scope (its own or a project role).
[[nodiscard]] std::optional<LocalHttpResponse> checkRoles(const SandboxContext &context, const std::vector<std::string> &roleNames,
                                                          std::string_view tenantId);

[[nodiscard]] LocalHttpResponse missing(std::string_view what);
[[nodiscard]] LocalHttpResponse invalid(std::string_view message);
[[nodiscard]] LocalHttpResponse ok(oidc::Json body = oidc::Json::object());

[[nodiscard]] oidc::Json tenantJson(const Tenant &tenant, const SandboxContext &context);
[[nodiscard]] oidc::Json roleJson(const Role &role);
[[nodiscard]] oidc::Json permissionJson(const Permission &permission);
// Never the cleartext: Descope shows it once, in the create response.
[[nodiscard]] oidc::Json accessKeyJson(const AccessKey &key);
// GET /v2/mgmt/sso/settings: {tenant, saml | oidc, ssoId}; node-sdk renames oidc.userAttrMapping.
[[nodiscard]] oidc::Json ssoSettingsJson(const SsoSettings &settings, const Tenant &tenant, const SandboxContext &context);
// GET /v1/mgmt/sso/settings (SSOSettingsResponse): flat SAML fields.
[[nodiscard]] oidc::Json ssoSettingsV1Json(const SsoSettings &settings, const SandboxContext &context);
[[nodiscard]] std::vector<SsoRoleMapping> roleMappings(const oidc::Json &array);

} // namespace mgmt
} // namespace sandbox
