#include "DescopeApi.h"

#include "sandbox/ErrorCodes.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

namespace sandbox::descope {

ReplyOr<BearerParts> authorize(const SandboxRequest &request, const SandboxContext &context)
{
    const auto bearer = request.bearer();
    if (!bearer || bearer->empty())
        return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized",
                                   "the Authorization header must be \"Bearer <projectId>[:<token>]\"");
    BearerParts parts;
    size_t start = 0;
    std::vector<std::string> pieces;
    while (true) {
        const size_t colon = bearer->find(':', start);
        pieces.push_back(bearer->substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    parts.projectId = pieces.front();
    if (parts.projectId != context.projectId())
        return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized", "the Authorization header names another project");
    if (pieces.size() > 1)
        parts.token = pieces[1];
    for (size_t i = 2; i < pieces.size(); ++i)
        parts.extra.push_back(pieces[i]);
    return parts;
}

ReplyOr<oidc::Json> body(const SandboxRequest &request)
{
    const auto &json = request.jsonBody();
    if (!json)
        return reply::descopeError(400, errc::kBadRequest, "Bad request", json.error().message);
    return json.value();
}

ReplyOr<DescopeCall> accept(const SandboxRequest &request, const SandboxContext &context)
{
    auto bearer = authorize(request, context);
    if (!bearer)
        return bearer.takeReply();
    auto parsed = body(request);
    if (!parsed)
        return parsed.takeReply();
    return DescopeCall{std::move(bearer).value(), std::move(parsed).value()};
}

ReplyOr<SessionService::Validated> refreshSession(SandboxContext &context, const std::string &token, std::string_view who)
{
    if (token.empty())
        return reply::descopeError(401, errc::kMissingArguments, "Unauthorized",
                                   std::string(who) + " Authorization: Bearer <projectId>:<refreshJwt>");
    auto validated = context.sessions.validateRefreshJwt(token);
    if (!validated)
        return tokenRejected(validated.error());
    return std::move(validated).value();
}

std::string string(const oidc::Json &object, const char *key)
{
    if (!object.is_object())
        return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string redirectUri(const oidc::Json &body)
{
    std::string uri = string(body, "URI");
    if (uri.empty())
        uri = string(body, "redirectUrl");
    return uri;
}

LoginOptions loginOptions(const oidc::Json &body)
{
    LoginOptions options;
    const auto it = body.is_object() ? body.find("loginOptions") : body.end();
    if (it == body.end() || !it->is_object())
        return options;
    const oidc::Json &object = *it;
    const auto flag = [&](const char *key) {
        const auto member = object.find(key);
        return member != object.end() && member->is_boolean() && member->get<bool>();
    };
    options.stepup = flag("stepup");
    options.mfa = flag("mfa");
    options.revokeOtherSessions = flag("revokeOtherSessions");
    options.tenantId = string(object, "tenantId");
    if (const auto claims = object.find("customClaims"); claims != object.end() && claims->is_object())
        options.customClaims = *claims;
    return options;
}

LocalHttpResponse userDisabled()
{
    return reply::descopeError(401, errc::kInvalidRequest, "Unauthorized", "the user is disabled");
}

LocalHttpResponse tokenRejected(const oidc::Error &error)
{
    const bool loggedOut = error.code == "TOKEN_REVOKED" || error.code == "TOKEN_REUSED" || error.code == "TOKEN_UNKNOWN_SESSION";
    return reply::descopeError(401, loggedOut ? errc::kTokenExpiredByLoggedOut : errc::kInvalidRequest, "Unauthorized", error.message);
}

std::string maskEmail(std::string_view email)
{
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0)
        return "***";
    return std::string(email.substr(0, 1)) + "***" + std::string(email.substr(at));
}

std::string maskPhone(std::string_view phone)
{
    if (phone.size() <= 4)
        return "***";
    std::string masked(phone);
    for (size_t i = phone.front() == '+' ? 1 : 0; i < masked.size() - 4; ++i)
        masked[i] = '*';
    return masked;
}

} // namespace sandbox::descope
