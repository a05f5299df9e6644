#include "LoginOptions.h"

namespace oidc::descope {

Result<Json> loginOptionsJson(const LoginOptions &options, OptionsUse use)
{
    if (options.needsRefreshJwt() && use == OptionsUse::SignUp)
        return makeError(ErrorCategory::Input, "DESCOPE_STEPUP_SIGNIN_ONLY",
                         "step-up and MFA sign in a user who is already signed in: use sign-in, not sign-up or sign-up-or-in");
    if (options.needsRefreshJwt() && options.refreshJwt.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_REFRESH_JWT_REQUIRED",
                         std::string(options.stepup ? "step-up" : "MFA") + " needs the signed-in user's refresh JWT (descope-api.md §11)");
    if (!options.customClaims.is_null() && !options.customClaims.is_object())
        return makeError(ErrorCategory::Input, "DESCOPE_CUSTOM_CLAIMS",
                         std::string("customClaims must be a JSON object, not a JSON ") + options.customClaims.type_name());
    Json json = Json::object();
    if (options.stepup)
        json["stepup"] = true;
    if (options.mfa)
        json["mfa"] = true;
    if (options.revokeOtherSessions)
        json["revokeOtherSessions"] = true;
    if (options.customClaims.is_object() && !options.customClaims.empty())
        json["customClaims"] = options.customClaims;
    if (!options.templateOptions.empty())
        json["templateOptions"] = options.templateOptions;
    for (const auto &[name, value] : {std::pair("templateId", &options.templateId), std::pair("locale", &options.locale),
                                      std::pair("tenantId", &options.tenantId)})
        if (!value->empty())
            json[name] = *value;
    if (json.empty())
        return Json(nullptr);
    return json;
}

Bearer loginBearer(const LoginOptions &options)
{
    return options.needsRefreshJwt() ? Bearer::refreshJwt(options.refreshJwt) : Bearer::project();
}

} // namespace oidc::descope
