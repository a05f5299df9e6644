#include "SsoRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/ErrorCodes.h"
#include "sandbox/FormParams.h"
#include "sandbox/HtmlPage.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/OAuthSupport.h"
#include "sandbox/Randomness.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

#include "oidc/net/Http.h"

#include <QUrl>

#include <algorithm>

namespace sandbox {

namespace {

const char *const kIdpPagePath = "/sandbox/sso/idp/";

bool isLoopbackRedirect(const std::string &url)
{
    const QUrl parsed(QString::fromStdString(url), QUrl::StrictMode);
    return parsed.isValid() && (parsed.scheme() == QLatin1String("http") || parsed.scheme() == QLatin1String("https"))
        && parsed.userInfo().isEmpty() && !parsed.hasFragment() && oidc::net::isLoopbackHost(parsed.host());
}

std::string kindName(SsoSettings::Kind kind)
{
    return kind == SsoSettings::Kind::Saml ? "SAML" : "OIDC";
}

// The roles an SSO sign-in gets in the tenant: the default SSO roles, then each mapping whose
// groups meet the asserted ones; only roles that (still) exist in the tenant's scope.
std::vector<std::string> mappedRoles(const SandboxContext &context, const SsoSettings &settings, const std::vector<std::string> &groups)
{
    std::vector<std::string> roles;
    const auto add = [&](const std::string &name) {
        if (context.state.directory().role(name, settings.tenantId) && std::find(roles.begin(), roles.end(), name) == roles.end())
            roles.push_back(name);
    };
    for (const auto &name : settings.defaultSsoRoles)
        add(name);
    for (const auto &mapping : settings.roleMappings) {
        const bool member = std::any_of(mapping.groups.begin(), mapping.groups.end(),
                                        [&](const std::string &g) { return std::find(groups.begin(), groups.end(), g) != groups.end(); });
        if (member)
            add(mapping.roleName);
    }
    return roles;
}

} // namespace

void SsoRoutes::registerRoutes(Router &router)
{
    const auto start = [this](const SandboxRequest &r) { return authorize(r); };
    router.add("POST", "/v1/auth/saml/authorize", start,
               "SSO start (?tenant=<tenant ID or email>&redirectURL=): {url} of the tenant's stand-in IdP page");
    router.add("POST", "/v1/auth/sso/authorize", start, "SSO start (same as saml/authorize): {url}");
    router.add("GET", "/sandbox/sso/idp/{id}", [this](const SandboxRequest &r) { return idpPage(r); },
               "The stand-in for a tenant's IdP: pick or type an identity (plain form)");
    router.add("POST", "/sandbox/sso/idp/{id}", [this](const SandboxRequest &r) { return idpAnswer(r); },
               "The stand-in IdP's answer: redirect with code, or error=access_denied");
    const auto finish = [this](const SandboxRequest &r) { return exchange(r); };
    router.add("POST", "/v1/auth/saml/exchange", finish, "SSO exchange {code}: JWT response with the tenant and its mapped roles");
    router.add("POST", "/v1/auth/sso/exchange", finish, "SSO exchange (same as saml/exchange)");
}

oidc::net::LocalHttpResponse SsoRoutes::authorize(const SandboxRequest &request)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    const std::string tenantOrEmail = request.query().value("tenant");
    if (tenantOrEmail.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "the tenant query parameter (a tenant ID or an email) is required");
    const ProjectDirectory &directory = m_context.state.directory();
    const bool byEmail = tenantOrEmail.find('@') != std::string::npos;
    const SsoSettings *settings = byEmail ? directory.ssoSettingsForEmail(tenantOrEmail) : directory.ssoSettings(tenantOrEmail);
    if (!settings) {
        const std::string why = byEmail ? "no tenant's SSO settings own the domain of " + tenantOrEmail
            : directory.tenant(tenantOrEmail) ? "tenant " + tenantOrEmail + " has no SSO settings"
                                              : "tenant " + tenantOrEmail + " does not exist";
        return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments", why);
    }
    std::string redirect = request.query().value("redirectURL");
    if (redirect.empty())
        redirect = request.query().value("redirectUrl");
    if (redirect.empty())
        redirect = settings->redirectUrl;
    if (redirect.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "redirectURL is required (the tenant's settings name none)");
    if (!isLoopbackRedirect(redirect) && redirect != settings->redirectUrl)
        return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments",
                                   "the redirect URL must be a loopback URL or the tenant's configured redirect URL");
    SsoLogin login;
    login.tenantId = settings->tenantId;
    login.kind = settings->kind;
    login.redirectUrl = redirect;
    login.loginHint = byEmail ? tenantOrEmail : request.query().value("loginHint");
    // The body is the login options themselves (core-js-sdk sso.ts posts loginOptions || {}).
    login.options = descope::loginOptions(oidc::Json{{"loginOptions", call->body}});
    login.options.tenantId = settings->tenantId;
    login.expiresAt = m_context.now() + m_context.fixtures.lifetimes.linkSeconds;
    const std::string id = randomUrlToken(24);
    m_context.state.ssoLogins()[id] = std::move(login);
    m_context.stateChanged();
    return reply::json(200, oidc::Json{{"url", m_context.url(kIdpPagePath + id)}});
}

oidc::net::LocalHttpResponse SsoRoutes::idpPage(const SandboxRequest &request)
{
    const std::string id = request.param("id");
    const auto &logins = m_context.state.ssoLogins();
    const auto it = logins.find(id);
    if (it == logins.end() || it->second.expiresAt <= m_context.now())
        return reply::html(404, HtmlPage("SSO sign-in expired").heading("This SSO sign-in has expired or was already answered")
                                    .paragraph("Start the sign-in again from the app.").render());
    const SsoLogin &login = it->second;
    const Tenant *tenant = m_context.state.directory().tenant(login.tenantId);
    const SsoSettings *settings = m_context.state.directory().ssoSettings(login.tenantId);
    const std::string tenantName = tenant ? tenant->name : login.tenantId;
    HtmlPage page("Sandbox stand-in IdP — " + tenantName);
    page.heading(tenantName + " — identity provider (sandbox stand-in)");
    page.paragraph("This page is the OIDC Playground sandbox standing in for " + tenantName + "'s " + kindName(login.kind)
                   + " identity provider. No real IdP is contacted: pick or type the identity the IdP would assert.",
                   "note");
    if (settings) {
        if (!settings->idpUrl.empty())
            page.code("Configured IdP URL: ", settings->idpUrl);
        if (!settings->entityId.empty())
            page.code("Entity ID: ", settings->entityId);
    }
    std::string form = "<form method=\"post\" action=\"" + reply::htmlEscape(kIdpPagePath + id) + "\">\n";
    // Known identities: the tenant's members with an email.
    for (const auto &user : m_context.state.users()) {
        const bool member = std::any_of(user.tenants.begin(), user.tenants.end(), [&](const TenantMembership &m) { return m.tenantId == login.tenantId; });
        if (member && !user.email.empty())
            form += "<p><label><input type=\"radio\" name=\"identity\" value=\"" + reply::htmlEscape(user.email) + "\"> "
                + reply::htmlEscape(user.name.empty() ? user.email : user.name + " <" + user.email + ">") + "</label></p>\n";
    }
    form += "<p><label>Email <input type=\"email\" name=\"email\" value=\"" + reply::htmlEscape(login.loginHint) + "\"></label> "
            "<label>Name <input type=\"text\" name=\"name\"></label></p>\n";
    std::vector<std::string> groups;
    if (settings) {
        for (const auto &mapping : settings->roleMappings) {
            for (const auto &group : mapping.groups) {
                if (std::find(groups.begin(), groups.end(), group) == groups.end())
                    groups.push_back(group);
            }
        }
    }
    if (!groups.empty()) {
        form += "<p>Groups the IdP asserts (the tenant's role mapping turns them into roles):</p>\n";
        for (const auto &group : groups)
            form += "<p><label><input type=\"checkbox\" name=\"group\" value=\"" + reply::htmlEscape(group) + "\"> " + reply::htmlEscape(group) + "</label></p>\n";
    }
    form += "<p><button type=\"submit\" name=\"action\" value=\"signin\">Sign in</button> "
            "<button type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button></p>\n</form>\n";
    page.raw(form);
    return reply::html(200, page.render());
}

oidc::net::LocalHttpResponse SsoRoutes::idpAnswer(const SandboxRequest &request)
{
    const std::string id = request.param("id");
    auto &logins = m_context.state.ssoLogins();
    const auto it = logins.find(id);
    if (it == logins.end() || it->second.expiresAt <= m_context.now())
        return reply::html(404, HtmlPage("SSO sign-in expired").heading("This SSO sign-in has expired or was already answered").render());
    const FormParams form = FormParams::fromUrlEncoded(request.http().body());
    if (form.value("action") == "cancel") {
        const std::string redirect = it->second.redirectUrl;
        logins.erase(it);
        m_context.stateChanged();
        return reply::redirect(oauth::appendQuery(redirect, {{"error", "access_denied"}, {"error_description", "the user cancelled at the identity provider"}}));
    }
    std::string email = form.value("email");
    if (email.empty())
        email = form.value("identity");
    if (email.find('@') == std::string::npos)
        return reply::html(400, HtmlPage("Identity needed").heading("Pick or type an email").paragraph("Go back and choose the identity the IdP asserts.").render());
    const SsoLogin login = std::move(it->second);
    logins.erase(it);
    SsoCode code;
    code.tenantId = login.tenantId;
    code.kind = login.kind;
    code.email = email;
    code.name = form.value("name");
    for (const auto &[name, group] : form.items()) {
        if (name == "group")
            code.groups.push_back(group);
    }
    code.options = login.options;
    code.expiresAt = m_context.now() + m_context.fixtures.lifetimes.codeSeconds;
    const std::string value = randomUrlToken(32);
    m_context.state.ssoCodes()[value] = std::move(code);
    m_context.stateChanged();
    return reply::redirect(oauth::appendQuery(login.redirectUrl, {{"code", value}}));
}

oidc::net::LocalHttpResponse SsoRoutes::exchange(const SandboxRequest &request)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    const std::string value = descope::string(call->body, "code");
    if (value.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "code is required");
    auto &codes = m_context.state.ssoCodes();
    const auto it = codes.find(value);
    if (it == codes.end() || it->second.expiresAt <= m_context.now())
        return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized", "the SSO code is unknown, expired or already used");
    const SsoCode code = std::move(it->second);
    codes.erase(it); // single use, whatever follows
    const SsoSettings *settings = m_context.state.directory().ssoSettings(code.tenantId);
    if (!settings)
        return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments", "tenant " + code.tenantId + " no longer has SSO settings");
    const std::vector<std::string> roles = mappedRoles(m_context, *settings, code.groups);

    bool firstSeen = false;
    User *user = nullptr;
    if (const User *known = m_context.state.userByLoginId(code.email))
        user = m_context.state.user(known->userId);
    if (!user) {
        User created;
        created.userId = "U" + randomAlphanumeric(27);
        created.loginIds = {code.email};
        created.email = code.email;
        created.verifiedEmail = true; // asserted by the tenant's IdP
        created.name = code.name;
        created.createdTime = m_context.now();
        user = &m_context.state.addUser(std::move(created));
        firstSeen = true;
    }
    if (user->disabled())
        return descope::userDisabled();
    if (!code.name.empty())
        user->name = code.name;
    (code.kind == SsoSettings::Kind::Saml ? user->saml : user->oidcSso) = true;
    // Each SSO sign-in sets the user's roles in the tenant from the mapping, as Descope syncs them.
    auto membership = std::find_if(user->tenants.begin(), user->tenants.end(), [&](const TenantMembership &m) { return m.tenantId == code.tenantId; });
    if (membership == user->tenants.end())
        user->tenants.push_back(TenantMembership{code.tenantId, roles});
    else
        membership->roleNames = roles;

    Session &session = m_context.sessions.createUserSession(*user, "fed", code.options);
    const TokenFaults faults = m_context.faults.takeTokenFaults(request.path(), request.routePattern());
    auto response = m_context.sessions.issueJwtResponse(session, firstSeen, faults);
    if (!response)
        return reply::descopeError(500, errc::kBadRequest, "Internal sandbox error", response.error().message);
    m_context.sessions.recordLogin(session, request.peer());
    m_context.stateChanged();
    return reply::json(200, response.value());
}

} // namespace sandbox
