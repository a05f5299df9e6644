// oidcplay-cli descope mgmt OBJECT ACTION [options]: Descope's management API (issue 15;
// descope-openapi-mgmt.yml, node-sdk lib/management) over the core's ManagementApi calls and
// BlockingManagementClient. The table below is the one list of objects and actions: DescopeCommand
// reads its words (managementActions) for dispatch, usage and completion.
//
// The management key comes from --management-key-file F (a file group and others cannot read) or
// $DESCOPE_MANAGEMENT_KEY, never from the command line (ps would show it); it is never printed:
// the core's client keeps it out of errors and the exchange log, and nothing here echoes it.
// Against the sandbox it is the "managementKey" of `oidcplay-cli sandbox --json`.

#include "CliOutput.h"
#include "DescopeCommands.h"
#include "DescopeRun.h"

#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>

#include <algorithm>
#include <functional>
#include <vector>

namespace cli {

using oidc::ErrorCategory;
using oidc::Json;
using oidc::makeError;
using namespace oidc::descope;

namespace {

constexpr qint64 kMaxManagementFileBytes = 64 * 1024;

// Every option an action may take; each action names the ones it takes.
struct ManagementOptions final {
    QCommandLineOption keyFile{QStringLiteral("management-key-file"),
                               QStringLiteral("File holding the management key (else $DESCOPE_MANAGEMENT_KEY); only its owner may read it."),
                               QStringLiteral("F")};
    QCommandLineOption id{QStringLiteral("id"), QStringLiteral("The tenant's or the access key's ID."), QStringLiteral("ID")};
    QCommandLineOption name{QStringLiteral("name"), QStringLiteral("The tenant's, role's, permission's or access key's name; a user's display name."),
                            QStringLiteral("NAME")};
    QCommandLineOption newName{QStringLiteral("new-name"), QStringLiteral("The role's or permission's new name."), QStringLiteral("NAME")};
    QCommandLineOption description{QStringLiteral("description"), QStringLiteral("The role's or permission's description."), QStringLiteral("TEXT")};
    QCommandLineOption domains{QStringLiteral("domains"),
                               QStringLiteral("Email domains, comma-separated: a tenant's self-provisioning domains, or those whose emails SSO "
                                              "sends to the tenant."),
                               QStringLiteral("d1,d2")};
    QCommandLineOption ids{QStringLiteral("ids"), QStringLiteral("Tenant IDs, comma-separated."), QStringLiteral("id1,id2")};
    QCommandLineOption names{QStringLiteral("names"), QStringLiteral("Tenant names, comma-separated."), QStringLiteral("n1,n2")};
    QCommandLineOption loginId{QStringLiteral("login-id"), QStringLiteral("The user's login ID (a user ID works too)."), QStringLiteral("ID")};
    QCommandLineOption userId{QStringLiteral("user-id"), QStringLiteral("The user's ID."), QStringLiteral("ID")};
    QCommandLineOption email{QStringLiteral("email"), QStringLiteral("The user's email."), QStringLiteral("E")};
    QCommandLineOption phone{QStringLiteral("phone"), QStringLiteral("The user's phone number."), QStringLiteral("P")};
    QCommandLineOption roles{QStringLiteral("roles"), QStringLiteral("Role names, comma-separated."), QStringLiteral("r1,r2")};
    QCommandLineOption permissions{QStringLiteral("permissions"), QStringLiteral("Permission names, comma-separated."), QStringLiteral("p1,p2")};
    QCommandLineOption tenant{QStringLiteral("tenant"), QStringLiteral("The tenant's ID."), QStringLiteral("T")};
    // The same word where an action takes tenants with their roles.
    QCommandLineOption tenantRoles{QStringLiteral("tenant"), QStringLiteral("A tenant ID and the roles it gives, T or T=r1,r2 (repeatable)."),
                                   QStringLiteral("T[=r1,r2]")};
    QCommandLineOption tenants{QStringLiteral("tenants"), QStringLiteral("Tenant IDs to search in, comma-separated."), QStringLiteral("t1,t2")};
    QCommandLineOption verifiedEmail{QStringLiteral("verified-email"), QStringLiteral("Mark the email verified.")};
    QCommandLineOption verifiedPhone{QStringLiteral("verified-phone"), QStringLiteral("Mark the phone number verified.")};
    QCommandLineOption verified{QStringLiteral("verified"), QStringLiteral("Mark the new email or phone number verified.")};
    QCommandLineOption status{QStringLiteral("status"), QStringLiteral("enabled or disabled."), QStringLiteral("enabled|disabled")};
    QCommandLineOption text{QStringLiteral("text"), QStringLiteral("Free text the users' fields must contain."), QStringLiteral("TEXT")};
    QCommandLineOption withTestUsers{QStringLiteral("with-test-users"), QStringLiteral("Include test users.")};
    QCommandLineOption limit{QStringLiteral("limit"), QStringLiteral("Users per page (default 100)."), QStringLiteral("N"), QStringLiteral("100")};
    QCommandLineOption page{QStringLiteral("page"), QStringLiteral("The page, from 0."), QStringLiteral("N"), QStringLiteral("0")};
    QCommandLineOption expireTime{QStringLiteral("expire-time"), QStringLiteral("When the key expires, in Unix seconds (default 0: never)."),
                                  QStringLiteral("UNIX"), QStringLiteral("0")};
    QCommandLineOption cleartextFile{QStringLiteral("cleartext-file"),
                                     QStringLiteral("Write the new key's cleartext, shown this once, to this new file (mode 0600) "
                                                    "instead of printing it."),
                                     QStringLiteral("F")};
    QCommandLineOption idpUrl{QStringLiteral("idp-url"), QStringLiteral("The IdP's sign-in URL."), QStringLiteral("URL")};
    QCommandLineOption entityId{QStringLiteral("entity-id"), QStringLiteral("The IdP's entity ID."), QStringLiteral("ID")};
    QCommandLineOption idpCertFile{QStringLiteral("idp-cert-file"), QStringLiteral("File holding the IdP's signing certificate (PEM)."),
                                   QStringLiteral("F")};
    QCommandLineOption roleMapping{QStringLiteral("role-mapping"), QStringLiteral("IdP groups and the role they give, g1,g2=role (repeatable)."),
                                   QStringLiteral("g1,g2=role")};
    QCommandLineOption defaultRoles{QStringLiteral("default-roles"), QStringLiteral("Roles every SSO user gets in the tenant, comma-separated."),
                                    QStringLiteral("r1,r2")};
    QCommandLineOption redirectUrl{QStringLiteral("redirect-url"), QStringLiteral("Where SSO returns when a start names no redirect URL."),
                                   QStringLiteral("URL")};
};

using ManagementOption = QCommandLineOption ManagementOptions::*;

// The parsed arguments of one action, read the ways the calls need them.
class ManagementArguments final {
public:
    ManagementArguments(const QCommandLineParser &parser, const ManagementOptions &options) : m_parser(parser), m_options(options) {}

    [[nodiscard]] bool isSet(ManagementOption option) const { return m_parser.isSet(m_options.*option); }
    [[nodiscard]] std::string text(ManagementOption option) const { return m_parser.value(m_options.*option).trimmed().toStdString(); }
    [[nodiscard]] std::vector<std::string> list(ManagementOption option) const
    {
        std::vector<std::string> items;
        for (const QString &item : m_parser.value(m_options.*option).split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!item.trimmed().isEmpty())
                items.push_back(item.trimmed().toStdString());
        return items;
    }
    [[nodiscard]] oidc::Result<int64_t> number(ManagementOption option) const
    {
        bool numeric = false;
        const qlonglong value = m_parser.value(m_options.*option).toLongLong(&numeric);
        if (!numeric || value < 0)
            return usage("--" + name(option) + " takes a number from 0", "a number ≥ 0", text(option));
        return static_cast<int64_t>(value);
    }
    // --tenant T[=r1,r2], each time it is given.
    [[nodiscard]] oidc::Result<std::vector<TenantRoles>> tenantRoles() const
    {
        std::vector<TenantRoles> tenants;
        for (const QString &entry : m_parser.values(m_options.tenantRoles)) {
            const QString id = entry.section(QLatin1Char('='), 0, 0).trimmed();
            if (id.isEmpty())
                return usage("--tenant takes T or T=r1,r2", "T[=r1,r2]", entry.toStdString());
            TenantRoles tenant{id.toStdString(), {}};
            for (const QString &role : entry.section(QLatin1Char('='), 1).split(QLatin1Char(','), Qt::SkipEmptyParts))
                tenant.roleNames.push_back(role.trimmed().toStdString());
            tenants.push_back(std::move(tenant));
        }
        return tenants;
    }
    // --role-mapping g1,g2=role, each time it is given.
    [[nodiscard]] oidc::Result<std::vector<std::pair<std::vector<std::string>, std::string>>> roleMappings() const
    {
        std::vector<std::pair<std::vector<std::string>, std::string>> mappings;
        for (const QString &entry : m_parser.values(m_options.roleMapping)) {
            const int eq = entry.lastIndexOf(QLatin1Char('='));
            const QString role = entry.mid(eq + 1).trimmed();
            std::vector<std::string> groups;
            for (const QString &group : entry.left(eq).split(QLatin1Char(','), Qt::SkipEmptyParts))
                groups.push_back(group.trimmed().toStdString());
            if (eq <= 0 || role.isEmpty() || groups.empty())
                return usage("--role-mapping takes g1,g2=role", "g1,g2=role", entry.toStdString());
            mappings.emplace_back(std::move(groups), role.toStdString());
        }
        return mappings;
    }
    // The whole file the option names (a certificate).
    [[nodiscard]] oidc::Result<std::string> fileText(ManagementOption option) const { return readFileText(m_parser.value(m_options.*option), kMaxManagementFileBytes); }

    [[nodiscard]] std::string name(ManagementOption option) const { return (m_options.*option).names().constFirst().toStdString(); }
    [[nodiscard]] static oidc::Error usage(const std::string &message, const std::string &expected = {}, const std::string &actual = {})
    {
        return makeError(ErrorCategory::Input, "USAGE", message, expected, actual);
    }

private:
    const QCommandLineParser &m_parser;
    const ManagementOptions &m_options;
};

using ManagementBuild = std::function<oidc::Result<ManagementCall>(const ManagementArguments &)>;

enum class ManagementAnswer { Json, CreatedAccessKey };

struct ManagementAction final {
    QString object;
    QString words;                 // after the object: "create", "roles add"
    std::vector<ManagementOption> required;  // given and not empty, checked before build
    std::vector<ManagementOption> optional;
    ManagementBuild build;
    ManagementAnswer answer;
};

ManagedUser managedUser(const ManagementArguments &a, std::vector<TenantRoles> tenants)
{
    ManagedUser user;
    user.loginId = a.text(&ManagementOptions::loginId);
    user.email = a.text(&ManagementOptions::email);
    user.phone = a.text(&ManagementOptions::phone);
    user.displayName = a.text(&ManagementOptions::name);
    user.roleNames = a.list(&ManagementOptions::roles);
    user.tenants = std::move(tenants);
    user.verifiedEmail = a.isSet(&ManagementOptions::verifiedEmail);
    user.verifiedPhone = a.isSet(&ManagementOptions::verifiedPhone);
    return user;
}

// User create, create-test and update take the same fields.
ManagementBuild userWith(const std::function<ManagementCall(const ManagedUser &)> &call)
{
    return [call](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
        auto tenants = a.tenantRoles();
        if (!tenants)
            return tenants.error();
        return call(managedUser(a, std::move(tenants).value()));
    };
}

ManagementBuild userRoles(mgmt::RoleChange change)
{
    return [change](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
        return mgmt::changeUserRoles(change, a.text(&ManagementOptions::loginId), a.list(&ManagementOptions::roles), a.text(&ManagementOptions::tenant));
    };
}

// An action on one ID (--id, --login-id, --name, --tenant).
ManagementBuild byText(ManagementOption option, ManagementCall (*call)(const std::string &))
{
    return [option, call](const ManagementArguments &a) -> oidc::Result<ManagementCall> { return call(a.text(option)); };
}

ManagementBuild noArguments(ManagementCall (*call)())
{
    return [call](const ManagementArguments &) -> oidc::Result<ManagementCall> { return call(); };
}

using O = ManagementOptions;

const std::vector<ManagementAction> &managementTable()
{
    static const std::vector<ManagementAction> table = {
        // Tenants.
        {QStringLiteral("tenant"), QStringLiteral("create"), {&O::name}, {&O::id, &O::domains},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             return mgmt::createTenant(a.text(&O::name), a.text(&O::id), a.list(&O::domains));
         }, ManagementAnswer::Json},
        {QStringLiteral("tenant"), QStringLiteral("update"), {&O::id, &O::name}, {&O::domains},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             return mgmt::updateTenant(a.text(&O::id), a.text(&O::name), a.list(&O::domains));
         }, ManagementAnswer::Json},
        {QStringLiteral("tenant"), QStringLiteral("delete"), {&O::id}, {}, byText(&O::id, mgmt::deleteTenant), ManagementAnswer::Json},
        {QStringLiteral("tenant"), QStringLiteral("load"), {&O::id}, {}, byText(&O::id, mgmt::loadTenant), ManagementAnswer::Json},
        {QStringLiteral("tenant"), QStringLiteral("load-all"), {}, {}, noArguments(mgmt::loadAllTenants), ManagementAnswer::Json},
        {QStringLiteral("tenant"), QStringLiteral("search"), {}, {&O::ids, &O::names},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> { return mgmt::searchTenants(a.list(&O::ids), a.list(&O::names)); },
         ManagementAnswer::Json},
        // Users.
        {QStringLiteral("user"), QStringLiteral("create"), {&O::loginId},
         {&O::email, &O::phone, &O::name, &O::roles, &O::tenantRoles, &O::verifiedEmail, &O::verifiedPhone},
         userWith([](const ManagedUser &user) { return mgmt::createUser(user); }), ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("create-test"), {&O::loginId},
         {&O::email, &O::phone, &O::name, &O::roles, &O::tenantRoles, &O::verifiedEmail, &O::verifiedPhone},
         userWith([](const ManagedUser &user) { return mgmt::createUser(user, true); }), ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("update"), {&O::loginId},
         {&O::email, &O::phone, &O::name, &O::roles, &O::tenantRoles, &O::verifiedEmail, &O::verifiedPhone},
         userWith(mgmt::updateUser), ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("update-email"), {&O::loginId, &O::email}, {&O::verified},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             return mgmt::updateUserEmail(a.text(&O::loginId), a.text(&O::email), a.isSet(&O::verified));
         }, ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("update-phone"), {&O::loginId, &O::phone}, {&O::verified},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             return mgmt::updateUserPhone(a.text(&O::loginId), a.text(&O::phone), a.isSet(&O::verified));
         }, ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("status"), {&O::loginId, &O::status}, {},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             const std::string status = a.text(&O::status);
             if (status != "enabled" && status != "disabled")
                 return ManagementArguments::usage("--status must be enabled or disabled", "enabled|disabled", status);
             return mgmt::setUserStatus(a.text(&O::loginId), status == "enabled");
         }, ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("roles add"), {&O::loginId, &O::roles}, {&O::tenant}, userRoles(mgmt::RoleChange::Add),
         ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("roles set"), {&O::loginId, &O::roles}, {&O::tenant}, userRoles(mgmt::RoleChange::Set),
         ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("roles remove"), {&O::loginId, &O::roles}, {&O::tenant}, userRoles(mgmt::RoleChange::Remove),
         ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("tenant add"), {&O::loginId, &O::tenant}, {},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> { return mgmt::addUserTenant(a.text(&O::loginId), a.text(&O::tenant)); },
         ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("tenant remove"), {&O::loginId, &O::tenant}, {},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             return mgmt::removeUserTenant(a.text(&O::loginId), a.text(&O::tenant));
         }, ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("load"), {}, {&O::loginId, &O::userId},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             if (a.text(&O::loginId).empty() == a.text(&O::userId).empty())
                 return ManagementArguments::usage("give exactly one of --login-id or --user-id");
             return a.text(&O::userId).empty() ? mgmt::loadUser(a.text(&O::loginId)) : mgmt::loadUserById(a.text(&O::userId));
         }, ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("search"), {}, {&O::tenants, &O::roles, &O::text, &O::withTestUsers, &O::limit, &O::page},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             UserSearch search;
             search.tenantIds = a.list(&O::tenants);
             search.roleNames = a.list(&O::roles);
             search.text = a.text(&O::text);
             search.withTestUsers = a.isSet(&O::withTestUsers);
             auto limit = a.number(&O::limit);
             auto page = a.number(&O::page);
             if (!limit || !page)
                 return !limit ? limit.error() : page.error();
             search.limit = static_cast<int>(std::min<int64_t>(*limit, 1000000));
             search.page = static_cast<int>(std::min<int64_t>(*page, 1000000));
             return mgmt::searchUsers(search);
         }, ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("delete"), {&O::loginId}, {}, byText(&O::loginId, mgmt::deleteUser), ManagementAnswer::Json},
        {QStringLiteral("user"), QStringLiteral("logout"), {&O::loginId}, {}, byText(&O::loginId, mgmt::logoutUser), ManagementAnswer::Json},
        // Access keys.
        {QStringLiteral("access-key"), QStringLiteral("create"), {&O::name}, {&O::expireTime, &O::roles, &O::tenantRoles, &O::cleartextFile},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             auto expireTime = a.number(&O::expireTime);
             if (!expireTime)
                 return expireTime.error();
             auto tenants = a.tenantRoles();
             if (!tenants)
                 return tenants.error();
             return mgmt::createAccessKey(a.text(&O::name), *expireTime, a.list(&O::roles), *tenants);
         }, ManagementAnswer::CreatedAccessKey},
        {QStringLiteral("access-key"), QStringLiteral("load"), {&O::id}, {}, byText(&O::id, mgmt::loadAccessKey), ManagementAnswer::Json},
        {QStringLiteral("access-key"), QStringLiteral("search"), {}, {&O::tenants},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> { return mgmt::searchAccessKeys(a.list(&O::tenants)); },
         ManagementAnswer::Json},
        {QStringLiteral("access-key"), QStringLiteral("update"), {&O::id, &O::name}, {&O::roles},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             return mgmt::updateAccessKey(a.text(&O::id), a.text(&O::name), a.list(&O::roles));
         }, ManagementAnswer::Json},
        {QStringLiteral("access-key"), QStringLiteral("activate"), {&O::id}, {}, byText(&O::id, mgmt::activateAccessKey), ManagementAnswer::Json},
        {QStringLiteral("access-key"), QStringLiteral("deactivate"), {&O::id}, {}, byText(&O::id, mgmt::deactivateAccessKey), ManagementAnswer::Json},
        {QStringLiteral("access-key"), QStringLiteral("delete"), {&O::id}, {}, byText(&O::id, mgmt::deleteAccessKey), ManagementAnswer::Json},
        // Roles (a --tenant role is the tenant's own) and permissions.
        {QStringLiteral("role"), QStringLiteral("create"), {&O::name}, {&O::description, &O::permissions, &O::tenant},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             return mgmt::createRole(a.text(&O::name), a.text(&O::description), a.list(&O::permissions), a.text(&O::tenant));
         }, ManagementAnswer::Json},
        {QStringLiteral("role"), QStringLiteral("update"), {&O::name, &O::newName}, {&O::description, &O::permissions, &O::tenant},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             return mgmt::updateRole(a.text(&O::name), a.text(&O::newName), a.text(&O::description), a.list(&O::permissions), a.text(&O::tenant));
         }, ManagementAnswer::Json},
        {QStringLiteral("role"), QStringLiteral("delete"), {&O::name}, {&O::tenant},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> { return mgmt::deleteRole(a.text(&O::name), a.text(&O::tenant)); },
         ManagementAnswer::Json},
        {QStringLiteral("role"), QStringLiteral("load-all"), {}, {}, noArguments(mgmt::loadAllRoles), ManagementAnswer::Json},
        {QStringLiteral("permission"), QStringLiteral("create"), {&O::name}, {&O::description},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> { return mgmt::createPermission(a.text(&O::name), a.text(&O::description)); },
         ManagementAnswer::Json},
        {QStringLiteral("permission"), QStringLiteral("update"), {&O::name, &O::newName}, {&O::description},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             return mgmt::updatePermission(a.text(&O::name), a.text(&O::newName), a.text(&O::description));
         }, ManagementAnswer::Json},
        {QStringLiteral("permission"), QStringLiteral("delete"), {&O::name}, {}, byText(&O::name, mgmt::deletePermission), ManagementAnswer::Json},
        {QStringLiteral("permission"), QStringLiteral("load-all"), {}, {}, noArguments(mgmt::loadAllPermissions), ManagementAnswer::Json},
        // A tenant's SSO settings (SAML).
        {QStringLiteral("sso"), QStringLiteral("load"), {&O::tenant}, {}, byText(&O::tenant, mgmt::loadSsoSettings), ManagementAnswer::Json},
        {QStringLiteral("sso"), QStringLiteral("configure"), {&O::tenant, &O::idpUrl, &O::entityId, &O::idpCertFile},
         {&O::domains, &O::roleMapping, &O::defaultRoles, &O::redirectUrl},
         [](const ManagementArguments &a) -> oidc::Result<ManagementCall> {
             auto certificate = a.fileText(&O::idpCertFile);
             if (!certificate)
                 return certificate.error();
             auto mappings = a.roleMappings();
             if (!mappings)
                 return mappings.error();
             SamlSettings settings;
             settings.idpUrl = a.text(&O::idpUrl);
             settings.entityId = a.text(&O::entityId);
             settings.idpCert = QString::fromStdString(*certificate).trimmed().toStdString();
             settings.roleMappings = std::move(mappings).value();
             settings.defaultSsoRoles = a.list(&O::defaultRoles);
             return mgmt::configureSamlSettings(a.text(&O::tenant), settings, a.list(&O::domains), a.text(&O::redirectUrl));
         }, ManagementAnswer::Json},
        {QStringLiteral("sso"), QStringLiteral("delete"), {&O::tenant}, {}, byText(&O::tenant, mgmt::deleteSsoSettings), ManagementAnswer::Json},
    };
    return table;
}

// "--name NAME [--id ID] [--verified]" for the action's options.
QString optionSynopsis(const ManagementOptions &options, const ManagementAction &action)
{
    const auto one = [&](ManagementOption option) {
        const QCommandLineOption &o = options.*option;
        return QStringLiteral("--") + o.names().constFirst() + (o.valueName().isEmpty() ? QString() : QLatin1Char(' ') + o.valueName());
    };
    QStringList parts;
    for (const ManagementOption option : action.required)
        parts << one(option);
    for (const ManagementOption option : action.optional)
        parts << QLatin1Char('[') + one(option) + QLatin1Char(']');
    return parts.join(QLatin1Char(' '));
}

// The key of --management-key-file, else of $DESCOPE_MANAGEMENT_KEY. No error quotes the key or
// any part of the file.
oidc::Result<std::string> managementKey(const QCommandLineParser &parser, const QCommandLineOption &keyFile)
{
    if (parser.isSet(keyFile)) {
        const QString path = parser.value(keyFile);
        const QFileInfo info(path);
        if (!info.exists())
            return makeError(ErrorCategory::Input, "DESCOPE_MANAGEMENT_KEY_FILE", "the management key file " + path.toStdString() + " does not exist");
        // Like ssh with a private key: a key others can read may already be theirs.
        if (info.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
            return makeError(ErrorCategory::Input, "DESCOPE_MANAGEMENT_KEY_FILE_PERMISSIONS",
                             "group or others may read the management key file " + path.toStdString() + "; run chmod 600 on it",
                             "readable by its owner only", "readable by group or others");
        auto text = readFileText(path, kMaxManagementFileBytes);
        if (!text)
            return text.error();
        const std::string key = QString::fromStdString(*text).trimmed().toStdString();
        if (key.empty())
            return makeError(ErrorCategory::Input, "DESCOPE_MANAGEMENT_KEY_EMPTY", "the management key file " + path.toStdString() + " is empty");
        return key;
    }
    const std::string key = QProcessEnvironment::systemEnvironment().value(QStringLiteral("DESCOPE_MANAGEMENT_KEY")).trimmed().toStdString();
    if (key.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_MANAGEMENT_KEY_MISSING",
                         "the management API needs the project's management key: --management-key-file F or DESCOPE_MANAGEMENT_KEY "
                         "(the sandbox's is the managementKey of `oidcplay-cli sandbox --json`)");
    return key;
}

// The access key's cleartext, shown this once: into a new 0600 file when asked (opened before the
// key is created, so a file that cannot be written loses no key), else printed.
class CleartextOutput final {
public:
    explicit CleartextOutput(QString path) : m_file(path) {}
    [[nodiscard]] oidc::Status open()
    {
        if (m_file.fileName().isEmpty())
            return {};
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return makeError(ErrorCategory::Input, "DESCOPE_CLEARTEXT_FILE",
                             "cannot create " + m_file.fileName().toStdString() + " (it must not exist yet): " + m_file.errorString().toStdString());
        return {};
    }
    // Adds the cleartext (or where it went) to `out`. `keyId` names the created key in an error.
    [[nodiscard]] oidc::Status write(Json &out, const std::string &keyId, const std::string &cleartext)
    {
        if (!m_file.isOpen()) {
            out["cleartext"] = cleartext;
            return {};
        }
        const std::string line = cleartext + "\n";
        if (m_file.write(line.data(), static_cast<qint64>(line.size())) != static_cast<qint64>(line.size()) || !m_file.flush())
            return makeError(ErrorCategory::Input, "DESCOPE_CLEARTEXT_FILE",
                             "the access key " + keyId + " was created but its cleartext could not be written to " + m_file.fileName().toStdString()
                                 + "; delete that key (descope mgmt access-key delete --id " + keyId + ") and create another");
        m_file.close();
        out["cleartextFile"] = m_file.fileName().toStdString();
        return {};
    }
    // Nothing was created: the empty file goes.
    void discard()
    {
        if (m_file.isOpen()) {
            m_file.close();
            m_file.remove();
        }
    }

private:
    QFile m_file;
};

int runAction(DescopeRun &run, const ManagementOptions &options, const ManagementAction &action)
{
    Json out = {{"operation", (action.object + QLatin1Char(' ') + action.words).toStdString()}};
    const ManagementArguments arguments(run.parser(), options);
    for (const ManagementOption option : action.required) {
        if (arguments.text(option).empty())
            return run.finish(std::move(out), ManagementArguments::usage("--" + arguments.name(option) + " is required"));
    }
    auto call = action.build(arguments);
    if (!call)
        return run.finish(std::move(out), call.error());
    auto key = managementKey(run.parser(), options.keyFile);
    if (!key)
        return run.finish(std::move(out), key.error());
    auto client = run.managementClient(std::move(key).value());
    if (!client)
        return run.finish(std::move(out), client.error());
    if (action.answer == ManagementAnswer::Json) {
        auto answer = (*client)->call(*call);
        if (!answer)
            return run.finish(std::move(out), answer.error());
        out["result"] = std::move(answer).value();
        return run.finish(std::move(out));
    }
    CleartextOutput cleartext(run.parser().value(options.cleartextFile));
    if (auto opened = cleartext.open(); !opened)
        return run.finish(std::move(out), opened.error());
    auto created = (*client)->createAccessKey(*call);
    if (!created) {
        cleartext.discard();
        return run.finish(std::move(out), created.error());
    }
    out["result"] = {{"key", created->key}};
    if (auto written = cleartext.write(out["result"], created->keyId, created->cleartext); !written)
        return run.finish(std::move(out), written.error());
    return run.finish(std::move(out));
}

} // namespace

const std::vector<std::pair<QString, QStringList>> &managementActions()
{
    static const std::vector<std::pair<QString, QStringList>> words = [] {
        std::vector<std::pair<QString, QStringList>> objects;
        for (const ManagementAction &action : managementTable()) {
            if (objects.empty() || objects.back().first != action.object)
                objects.emplace_back(action.object, QStringList());
            objects.back().second << action.words;
        }
        return objects;
    }();
    return words;
}

int runDescopeMgmt(const QString &words, const QStringList &arguments)
{
    const ManagementOptions options;
    const auto &table = managementTable();
    const auto action = std::find_if(table.begin(), table.end(),
                                     [&](const ManagementAction &candidate) { return candidate.object + QLatin1Char(' ') + candidate.words == words; });
    if (action == table.end()) {
        DescopeRun unknown(QStringLiteral("descope mgmt OBJECT ACTION"));
        return unknown.fail(ManagementArguments::usage("unknown management action \"" + words.toStdString() + "\""));
    }
    DescopeRun run(QStringLiteral("descope mgmt ") + words + QLatin1Char(' ') + optionSynopsis(options, *action)
                   + QStringLiteral(" (--management-key-file F | $DESCOPE_MANAGEMENT_KEY) --project-id PID [--base-url URL] [--json]"));
    QList<QCommandLineOption> accepted = {options.keyFile};
    for (const ManagementOption option : action->required)
        accepted << options.*option;
    for (const ManagementOption option : action->optional)
        accepted << options.*option;
    if (auto exit = run.parse(arguments, accepted))
        return *exit;
    return runAction(run, options, *action);
}

} // namespace cli
