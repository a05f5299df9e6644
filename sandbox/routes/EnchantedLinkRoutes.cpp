#include "EnchantedLinkRoutes.h"

#include "sandbox/DescopeApi.h"
#include "sandbox/ErrorCodes.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/Randomness.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"
#include "sandbox/routes/MagicLinkRoutes.h"

#include <algorithm>

namespace sandbox {

void EnchantedLinkRoutes::registerRoutes(Router &router)
{
    router.add("POST", "/v1/auth/enchantedlink/{op}/email", [this](const SandboxRequest &r) { return start(r); },
               "Enchanted link sign-in / sign-up / sign-up-or-in: {linkId, pendingRef, maskedEmail}; 3 numbered links into the Inbox");
    router.add("POST", "/v1/auth/enchantedlink/verify", [this](const SandboxRequest &r) { return verify(r); },
               "Enchanted link verify {token}: {} for the right link, 401 for another one");
    router.add("POST", "/v1/auth/enchantedlink/pending-session", [this](const SandboxRequest &r) { return pendingSession(r); },
               "Enchanted link poll {pendingRef}: 401 E062503 while pending, then the JWT response once");
}

oidc::net::LocalHttpResponse EnchantedLinkRoutes::start(const SandboxRequest &request)
{
    auto started = m_flow.beginFromPath(request, "email");
    if (!started)
        return started.takeReply();
    const PendingLogin &login = started->login;

    EnchantedLink link;
    link.login = login;
    link.pendingRef = randomUrlToken(24);
    link.expiresAt = m_context.now() + m_context.fixtures.lifetimes.linkSeconds;
    // Three different two-digit numbers; the first is the right one, then the order is shuffled.
    std::vector<int> numbers;
    while (numbers.size() < 3) {
        const int candidate = randomInt(10, 99);
        if (std::find(numbers.begin(), numbers.end(), candidate) == numbers.end())
            numbers.push_back(candidate);
    }
    link.linkId = std::to_string(numbers.front());
    std::vector<std::pair<std::string, std::string>> links; // number, token
    for (const int number : numbers) {
        const std::string token = randomUrlToken(32);
        if (number == numbers.front())
            link.rightToken = token;
        link.tokens.push_back(token);
        link.numbers.push_back(std::to_string(number));
        links.emplace_back(std::to_string(number), token);
    }
    for (size_t i = links.size() - 1; i > 0; --i) // Fisher–Yates with the CSPRNG
        std::swap(links[i], links[static_cast<size_t>(randomInt(0, static_cast<int>(i)))]);

    InboxMessage message = m_flow.message(login, "enchanted-link", "Sign in to the OIDC Playground sandbox");
    message.text = "Click the link whose number matches the one shown in the app:";
    const std::string uri = descope::redirectUri(started->body);
    for (const auto &[number, token] : links) {
        const std::string url = MagicLinkRoutes::linkFor(m_context, uri, token);
        if (url.empty())
            return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments", "URI must be an absolute URL without a fragment");
        message.links.push_back(InboxLink{number, url});
        message.text += "\n  " + number + ": " + url;
    }
    for (const auto &token : link.tokens)
        m_context.state.enchantedTokens()[token] = link.pendingRef;
    oidc::Json body = {{"linkId", link.linkId}, {"pendingRef", link.pendingRef}};
    m_context.state.enchantedLinks()[link.pendingRef] = std::move(link);
    return m_flow.deliver(login, std::move(message), std::move(body));
}

EnchantedLinkRoutes::VerifyOutcome EnchantedLinkRoutes::verifyToken(SandboxContext &context, const std::string &token, std::string *number)
{
    const auto ref = context.state.enchantedTokens().find(token);
    if (ref == context.state.enchantedTokens().end())
        return VerifyOutcome::Unknown;
    auto &links = context.state.enchantedLinks();
    const auto it = links.find(ref->second);
    if (it == links.end() || it->second.consumed || it->second.expiresAt <= context.now())
        return VerifyOutcome::Unknown;
    EnchantedLink &link = it->second;
    if (number) {
        number->clear();
        for (size_t i = 0; i < link.tokens.size() && i < link.numbers.size(); ++i) {
            if (link.tokens[i] == token)
                *number = link.numbers[i];
        }
    }
    if (token != link.rightToken)
        return VerifyOutcome::WrongLink;
    if (!link.verified) {
        link.verified = true;
        context.stateChanged();
    }
    return VerifyOutcome::Verified;
}

oidc::net::LocalHttpResponse EnchantedLinkRoutes::verify(const SandboxRequest &request)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    const std::string token = descope::string(call->body, "token");
    if (token.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "token is required");
    switch (verifyToken(m_context, token)) {
    case VerifyOutcome::Verified:
        return reply::json(200, oidc::Json::object());
    case VerifyOutcome::WrongLink:
        return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized",
                                   "this is not the link whose number the app shows; the sign-in stays pending");
    case VerifyOutcome::Unknown:
        break;
    }
    return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized", "the enchanted link is invalid, used or expired");
}

oidc::net::LocalHttpResponse EnchantedLinkRoutes::pendingSession(const SandboxRequest &request)
{
    auto call = descope::accept(request, m_context);
    if (!call)
        return call.takeReply();
    const std::string pendingRef = descope::string(call->body, "pendingRef");
    if (pendingRef.empty())
        return reply::descopeError(400, errc::kMissingArguments, "Missing arguments", "pendingRef is required");
    auto &links = m_context.state.enchantedLinks();
    const auto it = links.find(pendingRef);
    if (it == links.end() || it->second.consumed || it->second.expiresAt <= m_context.now())
        return reply::descopeError(400, errc::kInvalidRequest, "Invalid request", "unknown, expired or already used pendingRef");
    if (!it->second.verified) {
        // The hot path of a polling client: a prebuilt body.
        static const QByteArray pending = reply::toBody(oidc::Json{
            {"errorCode", errc::kEnchantedLinkPending},
            {"errorDescription", "Enchanted link is pending"},
            {"errorMessage", "the user has not clicked the right link yet"}});
        return reply::rawJson(401, pending);
    }
    it->second.consumed = true;
    const PendingLogin login = it->second.login;
    return m_flow.complete(login, request);
}

} // namespace sandbox
