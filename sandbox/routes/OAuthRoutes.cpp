#include "OAuthRoutes.h"

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
#include "sandbox/SocialProvider.h"

#include <QUrl>

#include <algorithm>
#include <cctype>

namespace sandbox {

namespace {

constexpr size_t kSocialEmailMaxLength = 254; // RFC 5321 §4.5.3.1.3 (a path of 256 with its brackets)
constexpr size_t kSocialNameMaxLength = 200;

std::string trimmedSocialField(const std::string &text)
{
    const auto begin = std::find_if_not(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c) != 0; });
    const auto end = std::find_if_not(text.rbegin(), text.rend(), [](unsigned char c) { return std::isspace(c) != 0; }).base();
    return begin < end ? std::string(begin, end) : std::string();
}

// An address a person may type: something@domain, no blanks or control characters.
bool plausibleSocialEmail(const std::string &email)
{
    const size_t at = email.find('@');
    return !email.empty() && email.size() <= kSocialEmailMaxLength && at != std::string::npos && at > 0 && at + 1 < email.size()
        && email.find('@', at + 1) == std::string::npos
        && std::none_of(email.begin(), email.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
}

std::string operationWords(const std::string &operation)
{
    if (operation == "signin")
        return "sign in (an existing user only)";
    if (operation == "signup")
        return "sign up (a new user only)";
    if (operation == "update")
        return "add this provider to the signed-in user";
    return "sign up or sign in";
}

oidc::net::LocalHttpResponse socialErrorPage(int status, const std::string &message)
{
    HtmlPage page("Social sign-in — OIDC Playground sandbox");
    page.heading("This sign-in cannot go on").paragraph(message, "error");
    return reply::html(status, page.render());
}

} // namespace

void OAuthRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/auth/oauth/authorize", [this](const SandboxRequest &r) { return start(r, "signup-in"); },
               "Social login start (?provider, redirectURL; body: login options): {url} of the stand-in provider page");
    router.add("POST", "/v1/auth/oauth/authorize/{op}", [this](const SandboxRequest &r) {
        const std::string op = r.param("op");
        if (op != "signin" && op != "signup" && op != "update")
            return reply::notFound();
        return start(r, op);
    }, "Social login start for sign-in only, sign-up only, or adding the provider to the user of the refresh JWT (update)");
    router.add("GET", "/sandbox/social/{provider}", [this](const SandboxRequest &r) { return standInPage(r); },
               "The stand-in provider page: demo identities or a typed one, Cancel");
    router.add("POST", "/sandbox/social/{provider}", [this](const SandboxRequest &r) { return standInAnswer(r); },
               "The stand-in page's form: redirect with code, or with error=access_denied");
    router.add("POST", "/v1/auth/oauth/exchange", [this](const SandboxRequest &r) { return exchange(r); },
               "Social login exchange {code}: JWT response (the code works once)");
}

bool OAuthRoutes::redirectAllowed(const SandboxContext &context, std::string_view url)
{
    const QUrl parsed(QString::fromUtf8(url.data(), static_cast<qsizetype>(url.size())), QUrl::StrictMode);
    if (!parsed.isValid() || parsed.hasFragment() || parsed.isRelative())
        return false;
    const QString scheme = parsed.scheme().toLower();
    const QString host = parsed.host().toLower();
    if ((scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        && (host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost") || host == QLatin1String("::1")))
        return true;
    return std::any_of(context.fixtures.clients.begin(), context.fixtures.clients.end(),
                       [url](const OidcClient &client) { return oauth::redirectUriAllowed(client, url); });
}

oidc::net::LocalHttpResponse OAuthRoutes::start(const SandboxRequest &request, const std::string &operation)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    const std::string providerName = request.query().value("provider");
    const SocialProvider *provider = socialProvider(providerName);
    if (!provider)
        return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments",
                                   providerName.empty() ? "provider is required" : "unknown social provider \"" + providerName + "\"");
    // core-js sends "redirectURL"; the OpenAPI names it "redirectUrl".
    std::string redirectUrl = request.query().value("redirectURL");
    if (redirectUrl.empty())
        redirectUrl = request.query().value("redirectUrl");
    if (redirectUrl.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments",
                                   "redirectURL is required: the sandbox has no project-level redirect URL");
    if (!redirectAllowed(m_context, redirectUrl))
        return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments",
                                   "the redirect URL is not allowed: the sandbox returns only to loopback URLs and its clients' redirect URIs");

    OAuthStart pending;
    pending.provider = std::string(provider->id);
    pending.redirectUrl = redirectUrl;
    pending.operation = operation;
    // The Node SDK posts the login options as the body itself; other clients wrap them.
    const oidc::Json &body = call->body;
    pending.options = descope::loginOptions(body.contains("loginOptions") ? body : oidc::Json{{"loginOptions", body}});
    if (operation == "update" || pending.options.stepup || pending.options.mfa) {
        auto validated = descope::refreshSession(m_context, call->bearer.token,
                                                 operation == "update" ? "oauth/authorize/update needs" : "step-up and MFA need");
        if (!validated)
            return validated.takeReply();
        if (!validated->session)
            return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized", "the token names no session");
        pending.upgradeSessionId = validated->session->id;
        if (operation == "update")
            pending.updateUserId = validated->session->subject;
    }
    pending.id = randomUrlToken(24);
    pending.expiresAt = m_context.now() + m_context.fixtures.lifetimes.linkSeconds;
    const std::string url = oauth::appendQuery(m_context.url("/sandbox/social/" + pending.provider), {{"s", pending.id}});
    m_context.state.oauthStarts()[pending.id] = std::move(pending);
    return reply::json(200, {{"url", url}});
}

const OAuthStart *OAuthRoutes::liveStart(const std::string &id, std::string_view provider) const
{
    const auto &starts = m_context.state.oauthStarts();
    const auto it = id.empty() ? starts.end() : starts.find(id);
    if (it == starts.end() || it->second.provider != provider || it->second.expiresAt <= m_context.now())
        return nullptr;
    return &it->second;
}

oidc::net::LocalHttpResponse OAuthRoutes::standInPage(const SandboxRequest &request)
{
    const SocialProvider *provider = socialProvider(request.param("provider"));
    if (!provider)
        return reply::notFound();
    const std::string id = request.query().value("s");
    const OAuthStart *pending = liveStart(id, provider->id);
    if (!pending)
        return socialErrorPage(400, "This social sign-in is unknown, already answered or expired. Start it again from the app.");

    const std::string name(provider->displayName);
    HtmlPage page("Sign in with " + name + " — sandbox stand-in");
    page.raw("<div id=\"provider\" style=\"background:" + reply::htmlEscape(provider->background) + ";color:"
             + reply::htmlEscape(provider->foreground) + ";padding:1rem;border-radius:6px;font-size:1.3rem\"><strong>"
             + reply::htmlEscape(name) + "</strong> · sandbox stand-in</div>\n");
    page.paragraph("This is not " + name + ". It is the OIDC Playground sandbox standing in for " + name
                       + "'s sign-in page: nothing leaves this computer, and no real " + name + " account is used.",
                   "banner");
    page.paragraph("The app asked to " + operationWords(pending->operation) + ". Choose who signs in; you will be sent back to:");
    page.raw("<p><code>" + reply::htmlEscape(pending->redirectUrl) + "</code></p>\n");

    const std::string action = "/sandbox/social/" + std::string(provider->id);
    std::string form = "<form method=\"post\" action=\"" + reply::htmlEscape(action) + "\" id=\"choose\">\n" + HtmlPage::hiddenInput("s", id);
    form += "<fieldset><legend>Demo identities</legend>\n";
    bool first = true;
    for (const User &user : m_context.fixtures.users) {
        if (user.email.empty())
            continue;
        form += "<label><input type=\"radio\" name=\"identity\" value=\"" + reply::htmlEscape(user.email) + "\""
            + (first ? " checked" : "") + "> " + reply::htmlEscape(user.name + " <" + user.email + ">") + "</label><br>\n";
        first = false;
    }
    form += "</fieldset>\n<p>Or a new identity (it wins over the choice above):</p>\n"
            "<label>Email <input type=\"text\" name=\"email\" autocomplete=\"off\"></label>\n"
            "<label>Name <input type=\"text\" name=\"name\" autocomplete=\"off\"></label>\n"
            "<p><button type=\"submit\" name=\"action\" value=\"continue\" style=\"background:"
        + reply::htmlEscape(provider->background) + ";color:" + reply::htmlEscape(provider->foreground) + "\">Continue</button>"
        + "<button type=\"submit\" name=\"action\" value=\"cancel\">Cancel (answers access_denied)</button></p>\n</form>\n";
    page.raw(form);
    return reply::html(200, page.render());
}

oidc::net::LocalHttpResponse OAuthRoutes::standInAnswer(const SandboxRequest &request)
{
    const SocialProvider *provider = socialProvider(request.param("provider"));
    if (!provider)
        return reply::notFound();
    if (!request.hasFormBody())
        return socialErrorPage(415, "The stand-in page answers with its form (application/x-www-form-urlencoded).");
    const FormParams form = FormParams::fromUrlEncoded(QByteArrayView(request.bodyText().data(), static_cast<qsizetype>(request.bodyText().size())));
    const std::string id = form.value("s");
    const OAuthStart *pending = liveStart(id, provider->id);
    if (!pending)
        return socialErrorPage(400, "This social sign-in is unknown, already answered or expired. Start it again from the app.");

    const std::string action = form.value("action");
    if (action == "cancel") {
        const std::string location = oauth::appendQuery(
            pending->redirectUrl, {{"error", "access_denied"},
                                   {"error_description", "the user cancelled the sign-in at the sandbox's " + std::string(provider->displayName) + " stand-in"}});
        m_context.state.oauthStarts().erase(id);
        return reply::redirect(location);
    }
    if (action != "continue")
        return socialErrorPage(400, "Choose Continue or Cancel.");

    std::string email = trimmedSocialField(form.value("email"));
    std::string name = trimmedSocialField(form.value("name"));
    if (email.empty())
        email = form.value("identity");
    if (!plausibleSocialEmail(email))
        return socialErrorPage(400, "Choose a demo identity or type an email address (name@domain).");
    if (name.size() > kSocialNameMaxLength)
        return socialErrorPage(400, "The name is longer than " + std::to_string(kSocialNameMaxLength) + " characters.");
    if (name.empty()) {
        const auto known = std::find_if(m_context.fixtures.users.begin(), m_context.fixtures.users.end(), [&](const User &user) {
            return SandboxState::foldLoginId(user.email) == SandboxState::foldLoginId(email);
        });
        name = known != m_context.fixtures.users.end() ? known->name : email.substr(0, email.find('@'));
    }

    OAuthGrant grant;
    grant.start = *pending;
    grant.email = email;
    grant.name = name;
    grant.expiresAt = m_context.now() + m_context.fixtures.lifetimes.codeSeconds;
    const std::string code = randomUrlToken(32);
    const std::string location = oauth::appendQuery(pending->redirectUrl, {{"code", code}});
    m_context.state.oauthStarts().erase(id);
    m_context.state.oauthGrants()[code] = std::move(grant);
    return reply::redirect(location);
}

oidc::net::LocalHttpResponse OAuthRoutes::exchange(const SandboxRequest &request)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    const std::string code = descope::string(call->body, "code");
    if (code.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "code is required");
    auto &grants = m_context.state.oauthGrants();
    const auto it = grants.find(code);
    if (it == grants.end() || it->second.used || it->second.expiresAt <= m_context.now())
        return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized", "the OAuth code is invalid, used or expired");
    it->second.used = true;
    const OAuthGrant grant = it->second;
    const OAuthStart &started = grant.start;

    // The user: the one the refresh JWT named (update), else the one with this email as a
    // login ID or as its address.
    const User *user = nullptr;
    if (!started.updateUserId.empty()) {
        user = m_context.state.user(started.updateUserId);
    } else {
        user = m_context.state.userByLoginId(grant.email);
        if (!user) {
            const auto &users = m_context.state.users();
            const auto known = std::find_if(users.begin(), users.end(), [&](const User &candidate) {
                return !candidate.email.empty() && SandboxState::foldLoginId(candidate.email) == SandboxState::foldLoginId(grant.email);
            });
            user = known == users.end() ? nullptr : &*known;
        }
    }
    if (!user && (started.operation == "signin" || started.operation == "update"))
        return reply::descopeError(400, errc::kUserNotFound, "User not found", "no user has the email " + grant.email);
    if (user && started.operation == "signup")
        return reply::descopeError(400, errc::kUserAlreadyExists, "User already exists", "a user with the email " + grant.email + " already exists");
    if (!started.upgradeSessionId.empty() && started.operation != "update") {
        const Session *session = m_context.state.session(started.upgradeSessionId);
        if (!user || !session || session->subject != user->userId)
            return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized", "the identity chosen is another user than the session's");
    }

    PendingLogin login;
    login.method = "oauth";
    login.options = started.options;
    login.upgradeSessionId = started.upgradeSessionId;
    if (user) {
        login.userId = user->userId;
        login.loginId = user->loginIds.empty() ? user->userId : user->loginIds.front();
    } else {
        login.loginId = grant.email;
        login.signUp = true;
        login.signUpUser = {{"email", grant.email}, {"name", grant.name}};
    }
    const std::string provider = started.provider;
    return m_flow.complete(login, request, [this, provider](User &signedIn, bool created) {
        if (created)
            signedIn.verifiedEmail = true; // the provider vouched for the address
        m_context.state.addOAuthProvider(signedIn.userId, provider);
    });
}

} // namespace sandbox
