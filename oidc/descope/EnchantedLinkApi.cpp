#include "EnchantedLinkApi.h"

#include "oidc/descope/DescopeFields.h"
#include "oidc/descope/DescopeResponse.h"

namespace oidc::descope {

Result<net::HttpRequest> buildEnchantedLinkStartRequest(const DescopeProject &project, const PasswordlessStart &start)
{
    auto call = passwordlessStartCall("enchantedlink", DeliveryMethod::Email, start);
    if (!call)
        return call.error();
    return buildDescopeRequest(project, *call);
}

Result<EnchantedLinkStarted> processEnchantedLinkStartResponse(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    constexpr const char *kWhat = "the enchanted link start answer";
    auto linkId = requiredString(*body, "linkId", kWhat);
    auto pendingRef = requiredString(*body, "pendingRef", kWhat);
    auto maskedEmail = optionalString(*body, "maskedEmail", kWhat);
    if (auto error = firstError(linkId, pendingRef, maskedEmail))
        return *error;
    return EnchantedLinkStarted{std::move(linkId).value(), std::move(pendingRef).value(), std::move(maskedEmail).value()};
}

Result<net::HttpRequest> buildPendingSessionRequest(const DescopeProject &project, const std::string &pendingRef)
{
    if (pendingRef.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_PENDING_REF_MISSING", "no pendingRef to poll with: start the enchanted link first");
    return buildDescopeRequest(project, DescopeCall{"POST", "v1/auth/enchantedlink/pending-session", Json{{"pendingRef", pendingRef}},
                                                    Bearer::project(), QStringLiteral("Descope enchanted link poll")});
}

Result<net::HttpRequest> buildEnchantedLinkVerifyRequest(const DescopeProject &project, const std::string &token)
{
    if (token.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_LINK_TOKEN_MISSING", "no link token to verify");
    return buildDescopeRequest(project, DescopeCall{"POST", "v1/auth/enchantedlink/verify", Json{{"token", token}}, Bearer::project(),
                                                    QStringLiteral("Descope enchanted link verify")});
}

Status processEnchantedLinkVerifyResponse(const net::HttpResponse &response)
{
    return processDescopeStatus(response);
}

} // namespace oidc::descope
