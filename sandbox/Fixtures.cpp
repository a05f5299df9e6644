#include "Fixtures.h"

#include <QFile>
#include <QtGlobal>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace sandbox {

namespace {

oidc::Error invalid(std::string message, std::string where)
{
    return oidc::makeError(oidc::ErrorCategory::Sandbox, "FIXTURES_INVALID", std::move(message), {}, std::move(where));
}

// Small typed readers: each returns false (and sets `error`) when the member has the wrong type.
class Reader final {
public:
    explicit Reader(std::optional<oidc::Error> &error) : m_error(error) {}

    bool string(const oidc::Json &object, const char *key, std::string &out, const std::string &where, bool required = false)
    {
        const auto it = object.find(key);
        if (it == object.end()) {
            if (required)
                return fail("missing member \"" + std::string(key) + "\"", where);
            return true;
        }
        if (!it->is_string())
            return fail("\"" + std::string(key) + "\" must be a string", where);
        out = it->get<std::string>();
        return true;
    }

    bool boolean(const oidc::Json &object, const char *key, bool &out, const std::string &where)
    {
        const auto it = object.find(key);
        if (it == object.end())
            return true;
        if (!it->is_boolean())
            return fail("\"" + std::string(key) + "\" must be true or false", where);
        out = it->get<bool>();
        return true;
    }

    bool integer(const oidc::Json &object, const char *key, int64_t &out, const std::string &where, int64_t minimum = 0)
    {
        const auto it = object.find(key);
        if (it == object.end())
            return true;
        if (!it->is_number_integer() || it->get<int64_t>() < minimum)
            return fail("\"" + std::string(key) + "\" must be an integer ≥ " + std::to_string(minimum), where);
        out = it->get<int64_t>();
        return true;
    }

    bool strings(const oidc::Json &object, const char *key, std::vector<std::string> &out, const std::string &where)
    {
        const auto it = object.find(key);
        if (it == object.end())
            return true;
        if (!it->is_array())
            return fail("\"" + std::string(key) + "\" must be an array of strings", where);
        out.clear();
        for (const auto &item : *it) {
            if (!item.is_string())
                return fail("\"" + std::string(key) + "\" must be an array of strings", where);
            out.push_back(item.get<std::string>());
        }
        return true;
    }

    bool object(const oidc::Json &parent, const char *key, oidc::Json &out, const std::string &where)
    {
        const auto it = parent.find(key);
        if (it == parent.end())
            return true;
        if (!it->is_object())
            return fail("\"" + std::string(key) + "\" must be an object", where);
        out = *it;
        return true;
    }

    bool memberships(const oidc::Json &object, const char *key, std::vector<TenantMembership> &out, const std::string &where)
    {
        const auto it = object.find(key);
        if (it == object.end())
            return true;
        if (!it->is_array())
            return fail("\"" + std::string(key) + "\" must be an array", where);
        for (size_t i = 0; i < it->size(); ++i) {
            const auto &item = (*it)[i];
            const std::string at = where + "." + key + "[" + std::to_string(i) + "]";
            if (!item.is_object())
                return fail("a tenant membership must be an object", at);
            TenantMembership membership;
            if (!string(item, "tenantId", membership.tenantId, at, true) || !strings(item, "roleNames", membership.roleNames, at))
                return false;
            out.push_back(std::move(membership));
        }
        return true;
    }

    // "roleMappings": [{"groups": [...], "roleName": "..."}], as the management API takes them.
    bool roleMappings(const oidc::Json &object, std::vector<SsoRoleMapping> &out, const std::string &where)
    {
        const auto it = object.find("roleMappings");
        if (it == object.end())
            return true;
        if (!it->is_array())
            return fail("\"roleMappings\" must be an array", where);
        for (size_t i = 0; i < it->size(); ++i) {
            const auto &item = (*it)[i];
            const std::string at = where + ".roleMappings[" + std::to_string(i) + "]";
            SsoRoleMapping mapping;
            if (!item.is_object())
                return fail("a role mapping must be an object", at);
            if (!strings(item, "groups", mapping.groups, at) || !string(item, "roleName", mapping.roleName, at, true))
                return false;
            out.push_back(std::move(mapping));
        }
        return true;
    }

    bool fail(std::string message, std::string where)
    {
        if (!m_error)
            m_error = invalid(std::move(message), std::move(where));
        return false;
    }

private:
    std::optional<oidc::Error> &m_error;
};

template <typename T, typename Key>
const T *findBy(const std::vector<T> &items, Key key)
{
    for (const T &item : items) {
        if (key(item))
            return &item;
    }
    return nullptr;
}

} // namespace

bool OidcClient::allowsGrant(std::string_view grantType) const
{
    return std::find(grantTypes.begin(), grantTypes.end(), grantType) != grantTypes.end();
}

const Role *Fixtures::role(std::string_view name) const
{
    return findBy(roles, [name](const Role &r) { return r.name == name; });
}

const Tenant *Fixtures::tenant(std::string_view id) const
{
    return findBy(tenants, [id](const Tenant &t) { return t.id == id; });
}

const OidcClient *Fixtures::client(std::string_view clientId) const
{
    return findBy(clients, [clientId](const OidcClient &c) { return c.clientId == clientId; });
}

const AccessKey *Fixtures::accessKeyBySecret(std::string_view secret) const
{
    if (secret.empty())
        return nullptr;
    return findBy(accessKeys, [secret](const AccessKey &k) { return k.secret == secret; });
}

QString Fixtures::builtInPath()
{
    return QStringLiteral(":/sandbox/fixtures.json");
}

oidc::Result<Fixtures> Fixtures::load(const QString &path)
{
    QString file = path;
    if (file.isEmpty())
        file = qEnvironmentVariable("OIDCPLAY_SANDBOX_FIXTURES");
    if (file.isEmpty())
        file = builtInPath();
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return oidc::makeError(oidc::ErrorCategory::Sandbox, "FIXTURES_READ",
                               "cannot read the fixtures file: " + input.errorString().toStdString(), {}, file.toStdString());
    const QByteArray bytes = input.read(4 * 1024 * 1024 + 1);
    if (bytes.size() > 4 * 1024 * 1024)
        return oidc::makeError(oidc::ErrorCategory::Sandbox, "FIXTURES_READ", "the fixtures file is larger than 4 MiB", {}, file.toStdString());
    oidc::JsonParseOptions options;
    options.category = oidc::ErrorCategory::Sandbox;
    options.what = "the fixtures file";
    auto document = oidc::parseJsonObject(std::string_view(bytes.constData(), static_cast<size_t>(bytes.size())), options);
    if (!document) {
        oidc::Error error = document.error();
        error.code = "FIXTURES_JSON";
        error.actual = file.toStdString();
        return error;
    }
    return fromJson(document.value());
}

oidc::Result<Fixtures> Fixtures::fromJson(const oidc::Json &document)
{
    std::optional<oidc::Error> error;
    Reader read(error);
    Fixtures fixtures;
    if (!document.is_object())
        return invalid("the fixtures must be a JSON object", "$");

    read.string(document, "projectId", fixtures.projectId, "$", true);
    read.string(document, "projectName", fixtures.projectName, "$");
    if (error)
        return *error;
    // descope-api.md §1.1: 28 characters keeps the default (non-regional) base URL.
    if (fixtures.projectId.size() != 28 || fixtures.projectId.front() != 'P'
        || !std::all_of(fixtures.projectId.begin(), fixtures.projectId.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }))
        return invalid("projectId must be 28 letters or digits starting with 'P'", "$.projectId");

    if (const auto it = document.find("lifetimes"); it != document.end()) {
        if (!it->is_object())
            return invalid("\"lifetimes\" must be an object", "$.lifetimes");
        auto &l = fixtures.lifetimes;
        read.integer(*it, "sessionSeconds", l.sessionSeconds, "$.lifetimes", 1);
        read.integer(*it, "refreshSeconds", l.refreshSeconds, "$.lifetimes", 1);
        read.integer(*it, "codeSeconds", l.codeSeconds, "$.lifetimes", 1);
        read.integer(*it, "otpSeconds", l.otpSeconds, "$.lifetimes", 1);
        read.integer(*it, "linkSeconds", l.linkSeconds, "$.lifetimes", 1);
        read.integer(*it, "browserSessionSeconds", l.browserSessionSeconds, "$.lifetimes", 1);
        read.integer(*it, "keyGraceSeconds", l.keyGraceSeconds, "$.lifetimes", 0);
    }
    if (const auto it = document.find("passwordPolicy"); it != document.end()) {
        if (!it->is_object())
            return invalid("\"passwordPolicy\" must be an object", "$.passwordPolicy");
        auto &p = fixtures.passwordPolicy;
        read.integer(*it, "minLength", p.minLength, "$.passwordPolicy", 1);
        read.boolean(*it, "lowercase", p.lowercase, "$.passwordPolicy");
        read.boolean(*it, "uppercase", p.uppercase, "$.passwordPolicy");
        read.boolean(*it, "number", p.number, "$.passwordPolicy");
        read.boolean(*it, "nonAlphanumeric", p.nonAlphanumeric, "$.passwordPolicy");
    }
    int64_t attempts = fixtures.otpMaxAttempts;
    read.integer(document, "otpMaxAttempts", attempts, "$", 1);
    fixtures.otpMaxAttempts = static_cast<int>(std::min<int64_t>(attempts, 1000));
    read.boolean(document, "refreshTokenRequiresOfflineAccess", fixtures.refreshTokenRequiresOfflineAccess, "$");
    if (error)
        return *error;

    auto array = [&](const char *key) -> const oidc::Json * {
        const auto it = document.find(key);
        if (it == document.end())
            return nullptr;
        if (!it->is_array()) {
            read.fail("\"" + std::string(key) + "\" must be an array", "$");
            return nullptr;
        }
        return &*it;
    };

    if (const auto *roles = array("roles")) {
        for (size_t i = 0; i < roles->size(); ++i) {
            const auto &item = (*roles)[i];
            const std::string at = "$.roles[" + std::to_string(i) + "]";
            Role role;
            if (!item.is_object() || !read.string(item, "name", role.name, at, true) || !read.string(item, "description", role.description, at)
                || !read.strings(item, "permissions", role.permissions, at))
                return error ? *error : invalid("a role must be an object", at);
            fixtures.roles.push_back(std::move(role));
        }
    }
    if (const auto *permissions = array("permissions")) {
        for (size_t i = 0; i < permissions->size(); ++i) {
            const auto &item = (*permissions)[i];
            const std::string at = "$.permissions[" + std::to_string(i) + "]";
            Permission permission;
            if (!item.is_object() || !read.string(item, "name", permission.name, at, true)
                || !read.string(item, "description", permission.description, at))
                return error ? *error : invalid("a permission must be an object", at);
            fixtures.permissions.push_back(std::move(permission));
        }
    }
    if (const auto *tenants = array("tenants")) {
        for (size_t i = 0; i < tenants->size(); ++i) {
            const auto &item = (*tenants)[i];
            const std::string at = "$.tenants[" + std::to_string(i) + "]";
            Tenant tenant;
            if (!item.is_object() || !read.string(item, "id", tenant.id, at, true) || !read.string(item, "name", tenant.name, at)
                || !read.object(item, "customAttributes", tenant.customAttributes, at))
                return error ? *error : invalid("a tenant must be an object", at);
            if (const auto sso = item.find("sso"); sso != item.end()) {
                SsoSettings settings;
                settings.tenantId = tenant.id;
                if (!sso->is_object() || !read.string(*sso, "idpUrl", settings.idpUrl, at + ".sso", true)
                    || !read.string(*sso, "entityId", settings.entityId, at + ".sso") || !read.strings(*sso, "domains", settings.domains, at + ".sso")
                    || !read.strings(*sso, "defaultSSORoles", settings.defaultSsoRoles, at + ".sso")
                    || !read.roleMappings(*sso, settings.roleMappings, at + ".sso"))
                    return error ? *error : invalid("a tenant's sso must be an object", at + ".sso");
                fixtures.sso.push_back(std::move(settings));
            }
            fixtures.tenants.push_back(std::move(tenant));
        }
    }
    std::set<std::string> loginIds;
    std::set<std::string> userIds;
    if (const auto *users = array("users")) {
        for (size_t i = 0; i < users->size(); ++i) {
            const auto &item = (*users)[i];
            const std::string at = "$.users[" + std::to_string(i) + "]";
            if (!item.is_object())
                return invalid("a user must be an object", at);
            User user;
            read.string(item, "userId", user.userId, at, true);
            read.strings(item, "loginIds", user.loginIds, at);
            read.string(item, "name", user.name, at);
            read.string(item, "givenName", user.givenName, at);
            read.string(item, "middleName", user.middleName, at);
            read.string(item, "familyName", user.familyName, at);
            read.string(item, "email", user.email, at);
            read.boolean(item, "verifiedEmail", user.verifiedEmail, at);
            read.string(item, "phone", user.phone, at);
            read.boolean(item, "verifiedPhone", user.verifiedPhone, at);
            read.string(item, "picture", user.picture, at);
            read.strings(item, "roleNames", user.roleNames, at);
            read.memberships(item, "tenants", user.tenants, at);
            read.object(item, "customAttributes", user.customAttributes, at);
            read.string(item, "status", user.status, at);
            read.integer(item, "createdTime", user.createdTime, at);
            if (error)
                return *error;
            if (user.loginIds.empty())
                return invalid("a user needs at least one login ID", at + ".loginIds");
            if (!userIds.insert(user.userId).second)
                return invalid("duplicate userId", at + ".userId");
            for (const auto &loginId : user.loginIds) {
                std::string folded = loginId;
                std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                if (!loginIds.insert(folded).second)
                    return invalid("login ID \"" + loginId + "\" belongs to two users", at + ".loginIds");
            }
            fixtures.users.push_back(std::move(user));
        }
    }
    if (const auto *keys = array("accessKeys")) {
        for (size_t i = 0; i < keys->size(); ++i) {
            const auto &item = (*keys)[i];
            const std::string at = "$.accessKeys[" + std::to_string(i) + "]";
            if (!item.is_object())
                return invalid("an access key must be an object", at);
            AccessKey key;
            read.string(item, "id", key.id, at, true);
            read.string(item, "name", key.name, at);
            read.string(item, "secret", key.secret, at, true);
            read.strings(item, "roleNames", key.roleNames, at);
            read.memberships(item, "tenants", key.tenants, at);
            read.object(item, "customClaims", key.customClaims, at);
            if (error)
                return *error;
            // §1.2: the bearer value is split on ':', so a key must not contain one.
            if (key.secret.empty() || key.secret.find(':') != std::string::npos)
                return invalid("an access key secret must be non-empty and contain no ':'", at + ".secret");
            fixtures.accessKeys.push_back(std::move(key));
        }
    }
    if (const auto *clients = array("clients")) {
        for (size_t i = 0; i < clients->size(); ++i) {
            const auto &item = (*clients)[i];
            const std::string at = "$.clients[" + std::to_string(i) + "]";
            if (!item.is_object())
                return invalid("a client must be an object", at);
            OidcClient client;
            std::string type = "public";
            read.string(item, "clientId", client.clientId, at, true);
            read.string(item, "name", client.name, at);
            read.string(item, "type", type, at);
            read.string(item, "secret", client.secret, at);
            read.strings(item, "redirectUris", client.redirectUris, at);
            read.strings(item, "postLogoutRedirectUris", client.postLogoutRedirectUris, at);
            read.strings(item, "grantTypes", client.grantTypes, at);
            read.strings(item, "roleNames", client.roleNames, at);
            if (error)
                return *error;
            if (type == "public")
                client.type = ClientType::Public;
            else if (type == "confidential")
                client.type = ClientType::Confidential;
            else
                return invalid("a client type is \"public\" or \"confidential\"", at + ".type");
            if (client.type == ClientType::Confidential && client.secret.empty())
                return invalid("a confidential client needs a secret", at + ".secret");
            if (client.grantTypes.empty())
                client.grantTypes = {"authorization_code", "refresh_token"};
            fixtures.clients.push_back(std::move(client));
        }
    }
    if (const auto *limits = array("rateLimits")) {
        for (size_t i = 0; i < limits->size(); ++i) {
            const auto &item = (*limits)[i];
            const std::string at = "$.rateLimits[" + std::to_string(i) + "]";
            if (!item.is_object())
                return invalid("a rate limit must be an object", at);
            RateLimitRule rule;
            int64_t limit = 0;
            int64_t window = 60;
            read.string(item, "endpoint", rule.endpoint, at, true);
            read.integer(item, "limit", limit, at, 0);
            read.integer(item, "windowSeconds", window, at, 1);
            if (error)
                return *error;
            rule.limit = static_cast<int>(std::min<int64_t>(limit, 1'000'000'000));
            rule.windowSeconds = static_cast<int>(std::min<int64_t>(window, 86400 * 365));
            fixtures.rateLimits.push_back(std::move(rule));
        }
    }
    if (error)
        return *error;
    if (!fixtures.client(fixtures.projectId))
        return invalid("the public OIDC client (clientId = projectId) is missing", "$.clients");
    return fixtures;
}

} // namespace sandbox
