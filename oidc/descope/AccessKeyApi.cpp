#include "AccessKeyApi.h"

#include "oidc/descope/DescopeFields.h"
#include "oidc/descope/DescopeResponse.h"

namespace oidc::descope {

Result<net::HttpRequest> buildAccessKeyExchangeRequest(const DescopeProject &project, const std::string &accessKey,
                                                       const AccessKeyOptions &options)
{
    if (!options.customClaims.is_null() && !options.customClaims.is_object())
        return makeError(ErrorCategory::Input, "DESCOPE_CUSTOM_CLAIMS",
                         std::string("customClaims must be a JSON object, not a JSON ") + options.customClaims.type_name());
    Json loginOptions = Json::object();
    if (options.customClaims.is_object() && !options.customClaims.empty())
        loginOptions["customClaims"] = options.customClaims;
    if (!options.selectedTenant.empty())
        loginOptions["selectedTenant"] = options.selectedTenant;
    return buildDescopeRequest(project, DescopeCall{"POST", "v1/auth/accesskey/exchange", Json{{"loginOptions", std::move(loginOptions)}},
                                                    Bearer::accessKey(accessKey), QStringLiteral("Descope access key exchange")});
}

Result<AccessKeyExchanged> processAccessKeyExchangeResponse(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    constexpr const char *kWhat = "the access key exchange answer";
    auto keyId = optionalString(*body, "keyId", kWhat);
    auto sessionJwt = requiredString(*body, "sessionJwt", kWhat);
    auto expiration = optionalInteger(*body, "expiration", kWhat);
    if (auto error = firstError(keyId, sessionJwt, expiration))
        return *error;
    return AccessKeyExchanged{std::move(keyId).value(), std::move(sessionJwt).value(), *expiration};
}

} // namespace oidc::descope
