#include "UserManagementRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/ErrorCodes.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/ManagementApi.h"
#include "sandbox/Randomness.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

#include <algorithm>

namespace sandbox {

namespace {

bool userBodyHas(const oidc::Json &body, const char *key)
{
    return body.is_object() && body.contains(key) && !body[key].is_null();
}

bool userBodyFlag(const oidc::Json &body, const char *key, bool fallback)
{
    const auto it = body.find(key);
    return it != body.end() && it->is_boolean() ? it->get<bool>() : fallback;
}

bool userFilterAllows(const std::vector<std::string> &filter, const std::string &value)
{
    return filter.empty() || std::find(filter.begin(), filter.end(), value) != filter.end();
}

void addUserItemOnce(std::vector<std::string> &items, const std::string &item)
{
    if (std::find(items.begin(), items.end(), item) == items.end())
        items.push_back(item);
}

// The fields of create and update. "displayName" is node-sdk's name; "name" the OAS's.
void applyUserFields(User &user, const oidc::Json &body)
{
    if (userBodyHas(body, "email"))
        user.email = descope::string(body, "email");
    if (userBodyHas(body, "phone"))
        user.phone = descope::string(body, "phone");
    if (userBodyHas(body, "displayName"))
        user.name = descope::string(body, "displayName");
    else if (userBodyHas(body, "name"))
        user.name = descope::string(body, "name");
    if (userBodyHas(body, "givenName"))
        user.givenName = descope::string(body, "givenName");
    if (userBodyHas(body, "middleName"))
        user.middleName = descope::string(body, "middleName");
    if (userBodyHas(body, "familyName"))
        user.familyName = descope::string(body, "familyName");
    if (userBodyHas(body, "picture"))
        user.picture = descope::string(body, "picture");
    if (const auto it = body.find("customAttributes"); it != body.end() && it->is_object())
        user.customAttributes = *it;
    user.verifiedEmail = userBodyFlag(body, "verifiedEmail", user.verifiedEmail);
    user.verifiedPhone = userBodyFlag(body, "verifiedPhone", user.verifiedPhone);
}

} // namespace

void UserManagementRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/mgmt/user/create", [this](const SandboxRequest &r) { return create(r, false); },
               "Management: create a user (loginId, email, phone, displayName, roleNames, userTenants…): {user}");
    router.add("POST", "/v1/mgmt/user/create/test", [this](const SandboxRequest &r) { return create(r, true); },
               "Management: create a test user: {user}");
    router.add("POST", "/v1/mgmt/user/update", [this](const SandboxRequest &r) { return update(r); }, "Management: update a user: {user}");
    router.add("POST", "/v1/mgmt/user/update/email", [this](const SandboxRequest &r) { return updateField(r, Field::Email); },
               "Management: update a user's email (verified): {user}");
    router.add("POST", "/v1/mgmt/user/update/phone", [this](const SandboxRequest &r) { return updateField(r, Field::Phone); },
               "Management: update a user's phone (verified): {user}");
    router.add("POST", "/v1/mgmt/user/update/status", [this](const SandboxRequest &r) { return updateField(r, Field::Status); },
               "Management: enable or disable a user (disabling ends its sessions): {user}");
    router.add("POST", "/v1/mgmt/user/update/role/set", [this](const SandboxRequest &r) { return changeRoles(r, RoleChange::Set); },
               "Management: set a user's project roles, or its roles in \"tenantId\": {user}");
    router.add("POST", "/v1/mgmt/user/update/role/add", [this](const SandboxRequest &r) { return changeRoles(r, RoleChange::Add); },
               "Management: add roles (project, or in \"tenantId\"): {user}");
    router.add("POST", "/v2/mgmt/user/update/role/add", [this](const SandboxRequest &r) { return changeRoles(r, RoleChange::Add); },
               "Management: add roles (node-sdk's path): {user}");
    router.add("POST", "/v1/mgmt/user/update/role/remove", [this](const SandboxRequest &r) { return changeRoles(r, RoleChange::Remove); },
               "Management: remove roles (project, or in \"tenantId\"): {user}");
    router.add("POST", "/v1/mgmt/user/update/tenant/add", [this](const SandboxRequest &r) { return changeTenant(r, true); },
               "Management: add a user to a tenant: {user}");
    router.add("POST", "/v1/mgmt/user/update/tenant/remove", [this](const SandboxRequest &r) { return changeTenant(r, false); },
               "Management: remove a user from a tenant: {user}");
    router.add("GET", "/v1/mgmt/user", [this](const SandboxRequest &r) { return load(r); },
               "Management: load a user (?loginId= or ?userId=): {user}");
    router.add("POST", "/v1/mgmt/users/load", [this](const SandboxRequest &r) { return loadMany(r); },
               "Management: load users by userIds: {users}");
    router.add("POST", "/v1/mgmt/user/search", [this](const SandboxRequest &r) { return search(r); },
               "Management: search users (tenantIds, roleNames, statuses, emails, phones, text, page, limit): {users, total}");
    router.add("POST", "/v2/mgmt/user/search", [this](const SandboxRequest &r) { return search(r); },
               "Management: search users (node-sdk's path): {users, total}");
    router.add("POST", "/v1/mgmt/user/delete", [this](const SandboxRequest &r) { return remove(r); },
               "Management: delete a user (its sessions end)");
    router.add("POST", "/v1/mgmt/user/logout", [this](const SandboxRequest &r) { return logout(r); },
               "Management: end every session of a user");
}

ReplyOr<UserManagementRoutes::UserCall> UserManagementRoutes::acceptUserCall(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    auto found = mgmt::findUser(m_context, descope::string(*body, "loginId"), descope::string(*body, "userId"));
    if (!found)
        return found.takeReply();
    return UserCall{std::move(body).value(), found.value()};
}

oidc::net::LocalHttpResponse UserManagementRoutes::changed(const User &user)
{
    m_context.stateChanged();
    return mgmt::ok({{"user", m_context.sessions.responseUser(user)}});
}

oidc::net::LocalHttpResponse UserManagementRoutes::create(const SandboxRequest &request, bool test)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    const std::string loginId = descope::string(*body, "loginId");
    if (loginId.empty())
        return mgmt::missing("loginId");
    std::vector<std::string> loginIds = {loginId};
    for (const auto &extra : mgmt::strings(*body, "additionalLoginIds"))
        addUserItemOnce(loginIds, extra);
    for (const auto &id : loginIds) {
        if (m_context.state.userByLoginId(id))
            return reply::descopeError(400, errc::kUserAlreadyExists, "User already exists", "a user with login ID " + id + " already exists");
    }
    auto roles = mgmt::projectRoles(m_context, *body, "roleNames");
    if (!roles)
        return roles.takeReply();
    auto tenants = mgmt::memberships(m_context, *body, "userTenants");
    if (!tenants)
        return tenants.takeReply();
    User user;
    user.userId = "U" + randomAlphanumeric(27);
    user.loginIds = std::move(loginIds);
    applyUserFields(user, *body);
    user.roleNames = std::move(roles).value();
    user.tenants = std::move(tenants).value();
    user.createdTime = m_context.now();
    user.test = test || userBodyFlag(*body, "test", false);
    return changed(m_context.state.addUser(std::move(user)));
}

oidc::net::LocalHttpResponse UserManagementRoutes::update(const SandboxRequest &request)
{
    auto call = acceptUserCall(request);
    if (!call)
        return call.takeReply();
    User &user = *call->user;
    auto roles = mgmt::projectRoles(m_context, call->body, "roleNames");
    if (!roles)
        return roles.takeReply();
    auto tenants = mgmt::memberships(m_context, call->body, "userTenants");
    if (!tenants)
        return tenants.takeReply();
    const std::vector<std::string> extraLoginIds = mgmt::strings(call->body, "additionalLoginIds");
    for (const auto &id : extraLoginIds) {
        const User *holder = m_context.state.userByLoginId(id);
        if (holder && holder != &user)
            return reply::descopeError(400, errc::kUserAlreadyExists, "User already exists", "another user has login ID " + id);
    }
    // An update replaces what it names, as Descope's update does (patch keeps the rest).
    applyUserFields(user, call->body);
    if (call->body.contains("roleNames"))
        user.roleNames = std::move(roles).value();
    if (call->body.contains("userTenants"))
        user.tenants = std::move(tenants).value();
    if (!extraLoginIds.empty()) {
        user.loginIds.resize(1);
        for (const auto &id : extraLoginIds)
            addUserItemOnce(user.loginIds, id);
        m_context.state.reindexUsers();
    }
    return changed(user);
}

oidc::net::LocalHttpResponse UserManagementRoutes::updateField(const SandboxRequest &request, Field field)
{
    auto call = acceptUserCall(request);
    if (!call)
        return call.takeReply();
    User &user = *call->user;
    switch (field) {
    case Field::Email:
        user.email = descope::string(call->body, "email");
        user.verifiedEmail = userBodyFlag(call->body, "verified", false);
        break;
    case Field::Phone:
        user.phone = descope::string(call->body, "phone");
        user.verifiedPhone = userBodyFlag(call->body, "verified", false);
        break;
    case Field::Status: {
        const std::string status = descope::string(call->body, "status");
        if (status != "enabled" && status != "disabled")
            return mgmt::invalid("status must be \"enabled\" or \"disabled\"");
        user.status = status;
        // A disabled user is signed out everywhere and cannot sign in (LoginFlow refuses).
        if (status == "disabled")
            m_context.state.revokeSessionsOf(user.userId);
        break;
    }
    }
    return changed(user);
}

oidc::net::LocalHttpResponse UserManagementRoutes::changeRoles(const SandboxRequest &request, RoleChange change)
{
    auto call = acceptUserCall(request);
    if (!call)
        return call.takeReply();
    User &user = *call->user;
    const std::string tenantId = descope::string(call->body, "tenantId");
    const std::vector<std::string> names = mgmt::strings(call->body, "roleNames");
    if (change != RoleChange::Remove) {
        if (auto refused = mgmt::checkRoles(m_context, names, tenantId))
            return std::move(*refused);
    }
    std::vector<std::string> *roles = &user.roleNames;
    if (!tenantId.empty()) {
        if (!m_context.state.directory().tenant(tenantId))
            return mgmt::invalid("tenant " + tenantId + " does not exist");
        auto membership = std::find_if(user.tenants.begin(), user.tenants.end(), [&](const TenantMembership &m) { return m.tenantId == tenantId; });
        if (membership == user.tenants.end()) {
            if (change == RoleChange::Remove)
                return mgmt::invalid("the user is not a member of tenant " + tenantId);
            // Descope adds the user to the tenant when roles are given in it.
            user.tenants.push_back(TenantMembership{tenantId, {}});
            membership = user.tenants.end() - 1;
        }
        roles = &membership->roleNames;
    }
    switch (change) {
    case RoleChange::Set:
        roles->clear();
        [[fallthrough]];
    case RoleChange::Add:
        for (const auto &name : names)
            addUserItemOnce(*roles, name);
        break;
    case RoleChange::Remove:
        std::erase_if(*roles, [&](const std::string &name) { return std::find(names.begin(), names.end(), name) != names.end(); });
        break;
    }
    return changed(user);
}

oidc::net::LocalHttpResponse UserManagementRoutes::changeTenant(const SandboxRequest &request, bool add)
{
    auto call = acceptUserCall(request);
    if (!call)
        return call.takeReply();
    User &user = *call->user;
    const std::string tenantId = descope::string(call->body, "tenantId");
    if (tenantId.empty())
        return mgmt::missing("tenantId");
    const bool member = std::any_of(user.tenants.begin(), user.tenants.end(), [&](const TenantMembership &m) { return m.tenantId == tenantId; });
    if (add) {
        if (!m_context.state.directory().tenant(tenantId))
            return mgmt::invalid("tenant " + tenantId + " does not exist");
        if (!member)
            user.tenants.push_back(TenantMembership{tenantId, {}});
    } else {
        std::erase_if(user.tenants, [&](const TenantMembership &m) { return m.tenantId == tenantId; });
    }
    return changed(user);
}

oidc::net::LocalHttpResponse UserManagementRoutes::load(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    auto found = mgmt::findUser(m_context, request.query().value("loginId"), request.query().value("userId"));
    if (!found)
        return found.takeReply();
    return mgmt::ok({{"user", m_context.sessions.responseUser(**found)}});
}

oidc::net::LocalHttpResponse UserManagementRoutes::loadMany(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    oidc::Json users = oidc::Json::array();
    for (const auto &id : mgmt::strings(*body, "userIds")) {
        if (const User *user = m_context.state.user(id))
            users.push_back(m_context.sessions.responseUser(*user));
    }
    return mgmt::ok({{"users", users}});
}

oidc::net::LocalHttpResponse UserManagementRoutes::search(const SandboxRequest &request)
{
    auto body = mgmt::accept(request, m_context);
    if (!body)
        return body.takeReply();
    const auto tenantIds = mgmt::strings(*body, "tenantIds");
    const auto roleNames = mgmt::strings(*body, "roleNames");
    const auto statuses = mgmt::strings(*body, "statuses");
    const auto emails = mgmt::strings(*body, "emails");
    const auto phones = mgmt::strings(*body, "phones");
    const auto loginIds = mgmt::strings(*body, "loginIds");
    const auto userIds = mgmt::strings(*body, "userIds");
    const std::string text = SandboxState::foldLoginId(descope::string(*body, "text"));
    const bool testOnly = userBodyFlag(*body, "testUsersOnly", false);
    const bool withTest = userBodyFlag(*body, "withTestUser", false) || testOnly;
    std::vector<const User *> matches;
    for (const auto &user : m_context.state.users()) {
        if ((user.test && !withTest) || (!user.test && testOnly))
            continue;
        if (!userFilterAllows(statuses, user.status) || !userFilterAllows(emails, user.email) || !userFilterAllows(phones, user.phone) || !userFilterAllows(userIds, user.userId))
            continue;
        if (!loginIds.empty() && !std::any_of(user.loginIds.begin(), user.loginIds.end(), [&](const std::string &id) { return userFilterAllows(loginIds, id); }))
            continue;
        if (!tenantIds.empty() && !std::any_of(user.tenants.begin(), user.tenants.end(), [&](const TenantMembership &m) { return userFilterAllows(tenantIds, m.tenantId); }))
            continue;
        if (!roleNames.empty()) {
            bool hasRole = std::any_of(user.roleNames.begin(), user.roleNames.end(), [&](const std::string &r) { return userFilterAllows(roleNames, r); });
            for (const auto &membership : user.tenants)
                hasRole = hasRole || std::any_of(membership.roleNames.begin(), membership.roleNames.end(), [&](const std::string &r) { return userFilterAllows(roleNames, r); });
            if (!hasRole)
                continue;
        }
        if (!text.empty()) {
            const std::string haystack = SandboxState::foldLoginId(user.name + "\n" + user.email + "\n" + user.phone + "\n" + user.userId);
            bool found = haystack.find(text) != std::string::npos;
            for (const auto &id : user.loginIds)
                found = found || SandboxState::foldLoginId(id).find(text) != std::string::npos;
            if (!found)
                continue;
        }
        matches.push_back(&user);
    }
    // "page" is zero-based; "limit" defaults to 100 (OAS SearchUsersRequest).
    const auto number = [&](const char *key, int64_t fallback) {
        const auto it = body->find(key);
        return it != body->end() && it->is_number_integer() && it->get<int64_t>() >= 0 ? it->get<int64_t>() : fallback;
    };
    const int64_t limit = std::clamp<int64_t>(number("limit", 100) == 0 ? 100 : number("limit", 100), 1, 1000);
    const int64_t first = number("page", 0) * limit;
    oidc::Json users = oidc::Json::array();
    for (int64_t i = first; i < static_cast<int64_t>(matches.size()) && i < first + limit; ++i)
        users.push_back(m_context.sessions.responseUser(*matches[static_cast<size_t>(i)]));
    return mgmt::ok({{"users", users}, {"total", matches.size()}});
}

oidc::net::LocalHttpResponse UserManagementRoutes::remove(const SandboxRequest &request)
{
    auto call = acceptUserCall(request);
    if (!call)
        return call.takeReply();
    const std::string userId = call->user->userId;
    m_context.state.revokeSessionsOf(userId);
    m_context.state.removeUser(userId);
    m_context.stateChanged();
    return mgmt::ok();
}

oidc::net::LocalHttpResponse UserManagementRoutes::logout(const SandboxRequest &request)
{
    auto call = acceptUserCall(request);
    if (!call)
        return call.takeReply();
    m_context.state.revokeSessionsOf(call->user->userId);
    m_context.stateChanged();
    return mgmt::ok();
}

} // namespace sandbox
