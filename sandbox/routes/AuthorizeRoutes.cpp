#include "AuthorizeRoutes.h"

#include "sandbox/FaultInjector.h"
#include "sandbox/FormParams.h"
#include "sandbox/HtmlPage.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/OAuthSupport.h"
#include "sandbox/Randomness.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

#include "oidc/jwt/Jwt.h"
#include "oidc/jwt/SignatureVerifier.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace sandbox {

namespace {

// The request parameters the login form carries back (everything but the form's own fields).
bool isFormField(std::string_view name)
{
    return name == "sandbox_action" || name == "loginId";
}

bool isUnreservedText(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    });
}

std::vector<std::string> words(std::string_view text)
{
    std::vector<std::string> out;
    std::istringstream stream{std::string(text)};
    std::string word;
    while (stream >> word)
        out.push_back(word);
    return out;
}

oidc::net::LocalHttpResponse errorPage(int status, const std::string &title, const std::string &message)
{
    HtmlPage page(title);
    page.heading(title).paragraph(message, "error").paragraph(
        "The sandbox does not redirect back to the application because the client or its redirect URI could not be trusted "
        "(RFC 6749 §4.1.2.1).");
    return reply::html(status, page.render());
}

std::string cookie(const std::string &value, int64_t maxAge)
{
    return std::string(AuthorizeRoutes::kCookieName) + "=" + value + "; Path=/; Max-Age=" + std::to_string(maxAge) + "; HttpOnly; SameSite=Lax";
}

} // namespace

void AuthorizeRoutes::registerRoutes(Router &router)
{
    router.add("GET,POST", "/oauth2/v1/authorize", [this](const SandboxRequest &r) { return authorize(r); },
               "Authorization endpoint with the hosted login form (loginId); code + state + iss");
    router.add("GET,POST", "/oauth2/v1/logout", [this](const SandboxRequest &r) { return logout(r); },
               "End session: id_token_hint, post_logout_redirect_uri, state");
}

const BrowserSession *AuthorizeRoutes::browserSession(const SandboxRequest &request) const
{
    const auto id = request.cookie(kCookieName);
    if (!id)
        return nullptr;
    const auto &sessions = m_context.state.browserSessions();
    const auto it = sessions.find(*id);
    // A user disabled since is signed in no more: prompt=none answers login_required.
    const User *user = it == sessions.end() ? nullptr : m_context.state.user(it->second.userId);
    if (!user || it->second.expiresAt <= m_context.now() || user->disabled())
        return nullptr;
    return &it->second;
}

oidc::net::LocalHttpResponse AuthorizeRoutes::errorRedirect(const SandboxRequest &request, const FormParams &params,
                                                            const std::string &error, const std::string &description)
{
    std::vector<std::pair<std::string, std::string>> query = {{"error", error}, {"error_description", description}};
    if (const auto state = params.get("state"))
        query.emplace_back("state", *state);
    // RFC 9207 §2: iss in error responses too.
    if (!m_context.faults.take(FaultKind::MissingIss, request.path(), request.routePattern()))
        query.emplace_back("iss", m_context.issuerUrl);
    return reply::redirect(oauth::appendQuery(params.value("redirect_uri"), query));
}

oidc::net::LocalHttpResponse AuthorizeRoutes::authorize(const SandboxRequest &request)
{
    auto parsed = request.oauthParams();
    if (!parsed)
        return errorPage(400, "Invalid authorization request", parsed.error().message);
    FormParams params = std::move(parsed).value();

    // 1. Client and redirect URI: errors here are shown, never redirected (RFC 6749 §4.1.2.1).
    if (const auto duplicate = params.duplicated({"client_id", "redirect_uri"}))
        return errorPage(400, "Invalid authorization request", "the parameter " + *duplicate + " appears more than once");
    const std::string clientId = params.value("client_id");
    const OidcClient *client = m_context.fixtures.client(clientId);
    if (clientId.empty())
        return errorPage(400, "Invalid authorization request", "client_id is missing");
    if (!client)
        return errorPage(400, "Unknown client", "no client has the client_id " + clientId);
    const std::string redirectUri = params.value("redirect_uri");
    if (redirectUri.empty())
        return errorPage(400, "Invalid authorization request", "redirect_uri is missing (the sandbox requires it)");
    if (!oauth::redirectUriAllowed(*client, redirectUri))
        return errorPage(400, "Redirect URI not registered",
                         "the redirect_uri " + redirectUri + " is not registered for this client"
                             + (client->type == ClientType::Public ? " (loopback URIs may use any port: RFC 8252 §7.3)" : ""));
    if (!client->allowsGrant("authorization_code"))
        return errorRedirect(request, params, "unauthorized_client", "this client may not use the authorization code grant");

    // 2. The rest of the request: errors go back to the client.
    if (const auto duplicate = params.duplicated())
        return errorRedirect(request, params, "invalid_request", "the parameter " + *duplicate + " appears more than once");
    if (params.has("request"))
        return errorRedirect(request, params, "request_not_supported", "request objects are not supported");
    if (params.has("request_uri"))
        return errorRedirect(request, params, "request_uri_not_supported", "request_uri is not supported");
    const std::string responseType = params.value("response_type");
    if (responseType.empty())
        return errorRedirect(request, params, "invalid_request", "response_type is missing");
    if (responseType != "code")
        return errorRedirect(request, params, "unsupported_response_type", "only response_type=code is supported");
    if (params.has("response_mode") && params.value("response_mode") != "query")
        return errorRedirect(request, params, "invalid_request", "only response_mode=query is supported");
    const std::string challenge = params.value("code_challenge");
    std::string method = params.value("code_challenge_method");
    if (!challenge.empty()) {
        if (method.empty())
            method = "plain"; // RFC 7636 §4.3 default
        if (method != "S256" && method != "plain")
            return errorRedirect(request, params, "invalid_request", "code_challenge_method must be S256 or plain");
        if (challenge.size() < 43 || challenge.size() > 128 || !isUnreservedText(challenge))
            return errorRedirect(request, params, "invalid_request", "code_challenge must be 43 to 128 unreserved characters (RFC 7636 §4.2)");
    } else if (!method.empty()) {
        return errorRedirect(request, params, "invalid_request", "code_challenge_method without code_challenge");
    } else if (client->type == ClientType::Public) {
        return errorRedirect(request, params, "invalid_request", "a public client must use PKCE (code_challenge)");
    }
    const auto prompts = words(params.value("prompt"));
    static const std::set<std::string> knownPrompts = {"none", "login", "consent", "select_account"};
    for (const auto &prompt : prompts) {
        if (!knownPrompts.count(prompt))
            return errorRedirect(request, params, "invalid_request", "unknown prompt value " + prompt);
    }
    const bool promptNone = std::find(prompts.begin(), prompts.end(), "none") != prompts.end();
    const bool promptLogin = std::find(prompts.begin(), prompts.end(), "login") != prompts.end();
    const bool promptSelect = std::find(prompts.begin(), prompts.end(), "select_account") != prompts.end();
    if (promptNone && prompts.size() > 1)
        return errorRedirect(request, params, "invalid_request", "prompt=none cannot be combined with other values (OIDC Core §3.1.2.1)");
    std::optional<int64_t> maxAge;
    if (const auto value = params.get("max_age")) {
        if (value->empty() || value->size() > 10 || !std::all_of(value->begin(), value->end(), [](char c) { return c >= '0' && c <= '9'; }))
            return errorRedirect(request, params, "invalid_request", "max_age must be a non-negative integer");
        maxAge = std::stoll(*value);
    }

    // 3. Who is signing in.
    const std::string action = request.method() == "POST" ? params.value("sandbox_action") : std::string();
    if (action == "deny")
        return errorRedirect(request, params, "access_denied", "the user cancelled the sign-in");
    if (action == "login") {
        const std::string loginId = params.value("loginId");
        if (loginId.empty())
            return loginPage(params, *client, "Type a login ID or pick a demo user.", 400);
        const User *user = m_context.state.userByLoginId(loginId);
        if (!user)
            return loginPage(params, *client, "No user has the login ID \"" + loginId + "\".", 400);
        if (user->disabled())
            return loginPage(params, *client, "The user \"" + loginId + "\" is disabled and cannot sign in.", 403);
        BrowserSession session;
        session.id = randomUrlToken(32);
        session.userId = user->userId;
        session.amr = {"email"};
        session.authTime = m_context.now();
        session.expiresAt = session.authTime + m_context.fixtures.lifetimes.browserSessionSeconds;
        const BrowserSession &stored = m_context.state.browserSessions()[session.id] = std::move(session);
        auto response = issueCode(request, params, *client, stored);
        response.addHeader("Set-Cookie", QByteArray::fromStdString(cookie(stored.id, m_context.fixtures.lifetimes.browserSessionSeconds)));
        return response;
    }
    const BrowserSession *session = browserSession(request);
    const bool tooOld = session && maxAge && m_context.now() - session->authTime > *maxAge;
    const bool needLogin = !session || promptLogin || tooOld;
    if (promptNone) {
        if (needLogin)
            return errorRedirect(request, params, "login_required", "the user is not signed in to the sandbox");
        return issueCode(request, params, *client, *session);
    }
    if (needLogin || promptSelect)
        return loginPage(params, *client, {}, 200);
    return issueCode(request, params, *client, *session);
}

oidc::net::LocalHttpResponse AuthorizeRoutes::issueCode(const SandboxRequest &request, const FormParams &params, const OidcClient &client,
                                                        const BrowserSession &session)
{
    AuthorizationCode code;
    code.code = randomUrlToken(32);
    code.clientId = client.clientId;
    code.redirectUri = params.value("redirect_uri");
    code.userId = session.userId;
    code.scope = params.value("scope");
    code.nonce = params.value("nonce");
    code.codeChallenge = params.value("code_challenge");
    if (!code.codeChallenge.empty())
        code.codeChallengeMethod = params.has("code_challenge_method") ? params.value("code_challenge_method") : "plain";
    code.tenant = params.value("tenant");
    code.amr = session.amr;
    code.authTime = session.authTime;
    code.expiresAt = m_context.now() + m_context.fixtures.lifetimes.codeSeconds;
    const std::string value = code.code;
    m_context.state.codes()[value] = std::move(code);
    m_context.stateChanged();

    std::vector<std::pair<std::string, std::string>> query = {{"code", value}};
    const auto state = params.get("state");
    if (m_context.faults.take(FaultKind::WrongState, request.path(), request.routePattern()))
        query.emplace_back("state", "sandbox-wrong-state"); // rp-checks A1
    else if (state)
        query.emplace_back("state", *state);
    if (!m_context.faults.take(FaultKind::MissingIss, request.path(), request.routePattern()))
        query.emplace_back("iss", m_context.issuerUrl); // RFC 9207 §2; rp-checks A3 when missing
    return reply::redirect(oauth::appendQuery(params.value("redirect_uri"), query));
}

oidc::net::LocalHttpResponse AuthorizeRoutes::loginPage(const FormParams &params, const OidcClient &client, const std::string &error,
                                                        int status)
{
    std::string hidden;
    for (const auto &[name, value] : params.items()) {
        if (!isFormField(name))
            hidden += HtmlPage::hiddenInput(name, value);
    }
    const std::string loginHint = params.has("login_hint") ? params.value("login_hint") : params.value("loginHint");
    const std::string prefill = params.has("loginId") ? params.value("loginId") : loginHint;

    HtmlPage page("Sign in — OIDC Playground sandbox");
    page.heading("Sign in to " + (m_context.fixtures.projectName.empty() ? m_context.projectId() : m_context.fixtures.projectName));
    page.paragraph("Application: " + (client.name.empty() ? client.clientId : client.name) + " (client_id " + client.clientId + ")");
    if (params.has("flow"))
        page.paragraph("Descope flow: " + params.value("flow"));
    if (params.has("scope"))
        page.paragraph("Requested scope: " + params.value("scope"));
    if (!error.empty())
        page.paragraph(error, "error");

    std::string form = "<form method=\"post\" action=\"/oauth2/v1/authorize\" id=\"login\">\n" + hidden
        + HtmlPage::hiddenInput("sandbox_action", "login")
        + "<label for=\"loginId\">Login ID</label>\n<input type=\"text\" id=\"loginId\" name=\"loginId\" value=\""
        + reply::htmlEscape(prefill) + "\" list=\"demo-users\" autocomplete=\"username\" autofocus>\n<datalist id=\"demo-users\">\n";
    for (const auto &user : m_context.state.users())
        form += "<option value=\"" + reply::htmlEscape(user.loginIds.front()) + "\">" + reply::htmlEscape(user.name) + "</option>\n";
    form += "</datalist>\n<button type=\"submit\">Sign in</button>\n</form>\n";
    page.raw(form);

    std::string demo = "<h2>Or pick a demo user</h2>\n";
    for (const auto &user : m_context.state.users()) {
        demo += "<form method=\"post\" action=\"/oauth2/v1/authorize\">\n" + hidden + HtmlPage::hiddenInput("sandbox_action", "login")
            + HtmlPage::hiddenInput("loginId", user.loginIds.front()) + "<button type=\"submit\">"
            + reply::htmlEscape(user.name + " (" + user.loginIds.front() + ")") + "</button>\n</form>\n";
    }
    demo += "<form method=\"post\" action=\"/oauth2/v1/authorize\">\n" + hidden + HtmlPage::hiddenInput("sandbox_action", "deny")
        + "<button type=\"submit\">Cancel (answers access_denied)</button>\n</form>\n";
    page.raw(demo);
    return reply::html(status, page.render());
}

oidc::net::LocalHttpResponse AuthorizeRoutes::logout(const SandboxRequest &request)
{
    auto parsed = request.oauthParams();
    if (!parsed)
        return errorPage(400, "Invalid logout request", parsed.error().message);
    const FormParams params = std::move(parsed).value();
    if (const auto duplicate = params.duplicated())
        return errorPage(400, "Invalid logout request", "the parameter " + *duplicate + " appears more than once");

    std::string clientId = params.value("client_id");
    if (const auto hint = params.get("id_token_hint")) {
        // The hint may have expired (RP-Initiated Logout §2), but it must be one of ours.
        auto decoded = oidc::jwt::decodeJwt(*hint);
        oidc::jwt::SignaturePolicy policy;
        policy.allowedAlgorithms = {oidc::crypto::JwsAlgorithm::RS256};
        if (!decoded || !oidc::jwt::verifySignature(decoded.value(), m_context.keys.verificationKeys(), policy)
            || decoded->stringClaim("iss").value_or(std::string()) != m_context.issuerUrl)
            return errorPage(400, "Invalid logout request", "id_token_hint is not an ID token from this sandbox");
        std::string audience;
        if (const auto aud = decoded->claims().find("aud"); aud != decoded->claims().end()) {
            if (aud->is_string())
                audience = aud->get<std::string>();
            else if (aud->is_array() && !aud->empty() && aud->front().is_string())
                audience = aud->front().get<std::string>();
        }
        if (!clientId.empty() && !audience.empty() && clientId != audience)
            return errorPage(400, "Invalid logout request", "client_id does not match the id_token_hint's audience");
        if (clientId.empty())
            clientId = audience;
    }
    const std::string target = params.value("post_logout_redirect_uri");
    const OidcClient *client = clientId.empty() ? nullptr : m_context.fixtures.client(clientId);
    if (!target.empty()) {
        if (!client)
            return errorPage(400, "Invalid logout request", "post_logout_redirect_uri needs client_id or id_token_hint");
        if (!oauth::postLogoutRedirectUriAllowed(*client, target))
            return errorPage(400, "Invalid logout request", "post_logout_redirect_uri " + target + " is not registered for this client");
    }

    if (const auto id = request.cookie(kCookieName))
        m_context.state.browserSessions().erase(*id);
    m_context.stateChanged();
    oidc::net::LocalHttpResponse response;
    if (!target.empty()) {
        std::vector<std::pair<std::string, std::string>> query;
        if (const auto state = params.get("state"))
            query.emplace_back("state", *state);
        response = reply::redirect(oauth::appendQuery(target, query));
    } else {
        HtmlPage page("Signed out — OIDC Playground sandbox");
        page.heading("Signed out").paragraph("The sandbox session has ended. You can close this window.", "ok");
        response = reply::html(200, page.render());
    }
    response.addHeader("Set-Cookie", QByteArray::fromStdString(cookie("", 0)));
    return response;
}

} // namespace sandbox
