#include "MagicLinkRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/ErrorCodes.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/Randomness.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

#include <QUrl>

namespace sandbox {

std::string MagicLinkRoutes::linkFor(const SandboxContext &context, const std::string &uri, const std::string &token)
{
    std::string base = uri.empty() ? context.url("/sandbox/link") : uri;
    const QUrl url(QString::fromStdString(base), QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    // Any absolute URL an app can receive (https, http, a private-use scheme), never one that
    // would run or read something when the Inbox shows it.
    if (!url.isValid() || scheme.isEmpty() || scheme == QLatin1String("javascript") || scheme == QLatin1String("data")
        || scheme == QLatin1String("file") || scheme == QLatin1String("vbscript") || url.hasFragment())
        return {};
    base += base.find('?') == std::string::npos ? "?t=" : "&t=";
    return base + token;
}

void MagicLinkRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/auth/magiclink/{op}/{method}", [this](const SandboxRequest &r) { return start(r); },
               "Magic link sign-in / sign-up / sign-up-or-in (email, sms, whatsapp): link into the Inbox");
    router.add("POST", "/v1/auth/magiclink/verify", [this](const SandboxRequest &r) { return verify(r); },
               "Magic link verify {token}: JWT response");
}

oidc::net::LocalHttpResponse MagicLinkRoutes::start(const SandboxRequest &request)
{
    const std::string method = request.param("method");
    if (method != "email" && method != "sms" && method != "whatsapp")
        return reply::notFound();
    auto started = m_flow.beginFromPath(request, method);
    if (!started)
        return started.takeReply();
    const PendingLogin &login = started->login;
    MagicLink link;
    link.login = login;
    link.token = randomUrlToken(32);
    link.expiresAt = m_context.now() + m_context.fixtures.lifetimes.linkSeconds;
    const std::string url = linkFor(m_context, descope::redirectUri(started->body), link.token);
    if (url.empty())
        return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments", "URI must be an absolute URL without a fragment");
    m_context.state.magicLinks()[link.token] = std::move(link);

    InboxMessage message = m_flow.message(login, "magic-link", "Your sign-in link");
    message.links.push_back(InboxLink{{}, url});
    message.text = "Open this link to sign in to the OIDC Playground sandbox: " + url;
    return m_flow.deliver(login, std::move(message));
}

oidc::net::LocalHttpResponse MagicLinkRoutes::verify(const SandboxRequest &request)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    const std::string token = descope::string(call->body, "token");
    if (token.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "token is required");
    return verifyToken(m_context, m_flow, token, request);
}

oidc::net::LocalHttpResponse MagicLinkRoutes::verifyToken(SandboxContext &context, LoginFlow &flow, const std::string &token,
                                                          const SandboxRequest &request)
{
    auto &links = context.state.magicLinks();
    const auto it = links.find(token);
    if (it == links.end() || it->second.used || it->second.expiresAt <= context.now())
        return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized", "the magic link is invalid, used or expired");
    it->second.used = true;
    const PendingLogin login = it->second.login;
    return flow.complete(login, request);
}

} // namespace sandbox
