#include "DescopeUser.h"

#include "oidc/descope/DescopeFields.h"

namespace oidc::descope {

Result<DescopeUser> parseResponseUser(const Json &user, const char *what)
{
    if (!user.is_object())
        return makeError(ErrorCategory::Descope, "DESCOPE_USER_SHAPE", std::string(what) + ": the user is a JSON " + user.type_name()
                                                                            + ", not an object");
    DescopeUser parsed;
    auto userId = requiredString(user, "userId", what);
    auto loginIds = optionalStrings(user, "loginIds", what);
    auto name = optionalString(user, "name", what);
    auto email = optionalString(user, "email", what);
    auto phone = optionalString(user, "phone", what);
    auto roles = optionalStrings(user, "roleNames", what);
    if (auto error = firstError(userId, loginIds, name, email, phone, roles))
        return *error;
    parsed.userId = std::move(userId).value();
    parsed.loginIds = std::move(loginIds).value();
    parsed.name = std::move(name).value();
    parsed.email = std::move(email).value();
    parsed.phone = std::move(phone).value();
    parsed.roleNames = std::move(roles).value();
    parsed.raw = user;
    return parsed;
}

} // namespace oidc::descope
