#include "WebAuthnApi.h"

#include "oidc/descope/DescopeFields.h"
#include "oidc/descope/DescopeResponse.h"

namespace oidc::descope {

namespace {


Status checkStart(const WebAuthnStart &start)
{
    if (start.loginId.empty() && start.kind != WebAuthnStartKind::SignIn)
        return makeError(ErrorCategory::Input, "DESCOPE_LOGIN_ID_MISSING", "a login ID is required (only a passkey sign-in may leave it out)");
    if (!start.passkeyOptions.is_null() && !start.passkeyOptions.is_object())
        return makeError(ErrorCategory::Input, "DESCOPE_PASSKEY_OPTIONS", std::string("passkeyOptions must be a JSON object, not a JSON ")
                                                                               + start.passkeyOptions.type_name());
    return {};
}

// The body of a start call (§9): loginId at the top level with the user beside it (Go, Kotlin and
// the OpenAPI; the sandbox accepts core-js's shape too).
Result<Json> startBody(const WebAuthnStart &start)
{
    Json body = Json::object();
    if (!start.loginId.empty())
        body["loginId"] = start.loginId;
    if (!start.origin.empty())
        body["origin"] = start.origin;
    if (start.kind == WebAuthnStartKind::SignUp && !start.user.toJson().empty())
        body["user"] = start.user.toJson();
    if (start.passkeyOptions.is_object())
        body["passkeyOptions"] = start.passkeyOptions;
    if (start.kind == WebAuthnStartKind::Update) {
        if (start.mfa)
            body["mfa"] = true;
        return body;
    }
    const OptionsUse use = start.kind == WebAuthnStartKind::SignIn ? OptionsUse::SignIn : OptionsUse::SignUp;
    auto options = loginOptionsJson(start.loginOptions, use);
    if (!options)
        return options.error();
    if (!options->is_null())
        body["loginOptions"] = *options;
    return body;
}

} // namespace

std::string_view webAuthnStartWord(WebAuthnStartKind kind)
{
    switch (kind) {
    case WebAuthnStartKind::SignUp: return "signup";
    case WebAuthnStartKind::SignIn: return "signin";
    case WebAuthnStartKind::SignUpOrIn: return "signup-in";
    case WebAuthnStartKind::Update: return "update";
    }
    return "signin";
}

std::string_view webAuthnFinishWord(WebAuthnFinishKind kind)
{
    switch (kind) {
    case WebAuthnFinishKind::SignUp: return "signup";
    case WebAuthnFinishKind::SignIn: return "signin";
    case WebAuthnFinishKind::Update: return "update";
    }
    return "signin";
}

WebAuthnFinishKind finishKindFor(WebAuthnStartKind kind, bool create)
{
    switch (kind) {
    case WebAuthnStartKind::SignUp: return WebAuthnFinishKind::SignUp;
    case WebAuthnStartKind::SignIn: return WebAuthnFinishKind::SignIn;
    case WebAuthnStartKind::SignUpOrIn: return create ? WebAuthnFinishKind::SignUp : WebAuthnFinishKind::SignIn;
    case WebAuthnStartKind::Update: return WebAuthnFinishKind::Update;
    }
    return WebAuthnFinishKind::SignIn;
}

Result<net::HttpRequest> buildWebAuthnStartRequest(const DescopeProject &project, const WebAuthnStart &start)
{
    if (auto valid = checkStart(start); !valid)
        return valid.error();
    auto body = startBody(start);
    if (!body)
        return body.error();
    const Bearer bearer = start.kind == WebAuthnStartKind::Update ? Bearer::refreshJwt(start.refreshJwt) : loginBearer(start.loginOptions);
    return buildDescopeRequest(project, DescopeCall{"POST", "v1/auth/webauthn/" + std::string(webAuthnStartWord(start.kind)) + "/start",
                                                    std::move(body).value(), bearer,
                                                    QString::fromStdString("Descope passkey " + std::string(webAuthnStartWord(start.kind)) + " start")});
}

Result<WebAuthnStarted> processWebAuthnStartResponse(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    constexpr const char *kWhat = "the passkey start answer";
    auto transactionId = requiredString(*body, "transactionId", kWhat);
    auto options = requiredString(*body, "options", kWhat);
    auto create = optionalBool(*body, "create", kWhat);
    if (auto error = firstError(transactionId, options, create))
        return *error;
    if (!parseJsonObject(*options, {ErrorCategory::Descope, "the passkey options"}))
        return makeError(ErrorCategory::Descope, "DESCOPE_WEBAUTHN_OPTIONS", "the passkey options are not a JSON object (" + std::to_string(options->size())
                                                                                   + " characters)");
    return WebAuthnStarted{std::move(transactionId).value(), std::move(options).value(), *create};
}

Result<net::HttpRequest> buildWebAuthnFinishRequest(const DescopeProject &project, WebAuthnFinishKind kind, const std::string &transactionId,
                                                    const std::string &response)
{
    if (transactionId.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_TRANSACTION_MISSING", "no transactionId: start the passkey ceremony first");
    if (response.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_WEBAUTHN_RESPONSE", "no authenticator response to send");
    return buildDescopeRequest(project, DescopeCall{"POST", "v1/auth/webauthn/" + std::string(webAuthnFinishWord(kind)) + "/finish",
                                                    Json{{"transactionId", transactionId}, {"response", response}}, Bearer::project(),
                                                    QString::fromStdString("Descope passkey " + std::string(webAuthnFinishWord(kind)) + " finish")});
}

Result<std::optional<JwtResponse>> processWebAuthnUpdateFinishResponse(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    const auto jwt = body->find("jwt");
    if (jwt == body->end() || jwt->is_null())
        return std::optional<JwtResponse>();
    auto parsed = parseJwtResponse(*jwt, response);
    if (!parsed)
        return parsed.error();
    return std::optional<JwtResponse>(std::move(parsed).value());
}

} // namespace oidc::descope
