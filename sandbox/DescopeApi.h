#pragma once

// Request conventions of Descope's auth API (descope-api.md §1, §11, §14) shared by the routes.

#include "sandbox/ReplyOr.h"
#include "sandbox/SessionService.h"
#include "sandbox/StateRecords.h"

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/net/LocalHttpServer.h"

#include <string>
#include <string_view>
#include <vector>

namespace sandbox {

class SandboxRequest;
struct SandboxContext;

namespace descope {

using oidc::net::LocalHttpResponse;

// Authorization: Bearer <projectId>[:<jwt or key>][:<management key>] (§1.2), split on ':'.
struct BearerParts final {
    std::string projectId;
    std::string token;              // part 2: refresh JWT, session JWT or access key; may be empty
    std::vector<std::string> extra; // further parts (an auth management key): ignored
};

// The parsed header, or the 401 to answer: missing header, not Bearer, or part 1 is not the
// project ID.
[[nodiscard]] ReplyOr<BearerParts> authorize(const SandboxRequest &request, const SandboxContext &context);

// The body as a JSON object ({} when empty, §14.4), or 400 E011001.
[[nodiscard]] ReplyOr<oidc::Json> body(const SandboxRequest &request);

// A Descope call the sandbox accepted: its project checked and its body parsed.
struct DescopeCall final {
    BearerParts bearer;
    oidc::Json body;
};

// The request pipeline of a Descope route: authorize(), then body(); the first refusal wins.
[[nodiscard]] ReplyOr<DescopeCall> accept(const SandboxRequest &request, const SandboxContext &context);

// The refresh JWT a call carries as bearer part 2 (§1.2), validated: 401 E011002 "<who>
// Authorization: Bearer <projectId>:<refreshJwt>" when there is none (`who` is e.g. "totp/update
// needs"), tokenRejected() when it fails.
[[nodiscard]] ReplyOr<SessionService::Validated> refreshSession(SandboxContext &context, const std::string &token,
                                                                std::string_view who);

// A string member ("" when absent or not a string).
[[nodiscard]] std::string string(const oidc::Json &object, const char *key);
// The redirect field: "URI" (go, core-js, node, python) or "redirectUrl" (OAS, swift, kotlin): §14.1.
[[nodiscard]] std::string redirectUri(const oidc::Json &body);
// "loginOptions" (§11); sign-up bodies use the same member.
[[nodiscard]] LoginOptions loginOptions(const oidc::Json &body);

// A token the client sent back failed SessionService validation: 401 with a Descope body.
[[nodiscard]] LocalHttpResponse tokenRejected(const oidc::Error &error);
// How the Descope routes refuse a user that User::disabled() names — at a sign-in's start, so
// nothing is delivered or kept, and at its end for one disabled in between: 401 E011003 "the
// user is disabled". INFERRED: no source names Descope's code for a disabled user (descope-api.md
// §13 and the SDKs' error tables have none; E062108 is "user not found"), so the general refusal.
[[nodiscard]] LocalHttpResponse userDisabled();

[[nodiscard]] std::string maskEmail(std::string_view email);
[[nodiscard]] std::string maskPhone(std::string_view phone);

} // namespace descope
} // namespace sandbox
