#include "MagicLinkApi.h"

namespace oidc::descope {

Result<net::HttpRequest> buildMagicLinkStartRequest(const DescopeProject &project, DeliveryMethod method, const PasswordlessStart &start)
{
    if (method == DeliveryMethod::Voice)
        return makeError(ErrorCategory::Input, "DESCOPE_METHOD_UNSUPPORTED", "a magic link goes by email, SMS or WhatsApp, not by voice");
    auto call = passwordlessStartCall("magiclink", method, start);
    if (!call)
        return call.error();
    return buildDescopeRequest(project, *call);
}

Result<net::HttpRequest> buildMagicLinkVerifyRequest(const DescopeProject &project, const std::string &token)
{
    if (token.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_LINK_TOKEN_MISSING", "no magic link token to verify");
    return buildDescopeRequest(project, DescopeCall{"POST", "v1/auth/magiclink/verify", Json{{"token", token}}, Bearer::project(),
                                                    QStringLiteral("Descope magic link verify")});
}

} // namespace oidc::descope
