#pragma once

// ResponseUser (descope-api.md §3): the user a JWT response and GET /v1/auth/me describe. The
// members a person looks at are read; the whole object is kept as it came, for display.

#include "oidc/Json.h"

#include <string>
#include <vector>

namespace oidc::descope {

struct DescopeUser final {
    std::string userId;                // "userId"
    std::vector<std::string> loginIds; // "loginIds"
    std::string name;                  // "name"
    std::string email;                 // "email"
    std::string phone;                 // "phone"
    std::vector<std::string> roleNames; // "roleNames": project-level roles
    Json raw = Json::object();         // every member as sent (unknown ones included)
};

// Errors (DESCOPE): DESCOPE_USER_SHAPE (not an object), DESCOPE_FIELD_MISSING (no userId),
// DESCOPE_FIELD_TYPE. `what` names the document in messages ("the me answer").
[[nodiscard]] Result<DescopeUser> parseResponseUser(const Json &user, const char *what);

} // namespace oidc::descope
