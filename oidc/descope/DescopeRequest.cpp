#include "DescopeRequest.h"

#include <algorithm>

namespace oidc::descope {

namespace {

const char *secretName(Bearer::Kind kind)
{
    switch (kind) {
    case Bearer::Kind::Project: return "nothing";
    case Bearer::Kind::RefreshJwt: return "a refresh JWT";
    case Bearer::Kind::SessionJwt: return "a session JWT";
    case Bearer::Kind::AccessKey: return "an access key";
    case Bearer::Kind::ManagementKey: return "a management key";
    }
    return "a token";
}

Result<QByteArray> authorization(const DescopeProject &project, const Bearer &bearer)
{
    QByteArray value = "Bearer " + project.projectId().toLatin1();
    if (bearer.kind() == Bearer::Kind::Project)
        return value;
    const std::string &secret = bearer.secret();
    if (secret.empty())
        return makeError(ErrorCategory::Input, "DESCOPE_TOKEN_MISSING", std::string("this call needs ") + secretName(bearer.kind()));
    const bool printable = std::all_of(secret.begin(), secret.end(), [](char c) { return c > ' ' && c < 0x7f; });
    if (!printable)
        return makeError(ErrorCategory::Input, "DESCOPE_TOKEN_MALFORMED",
                         std::string(secretName(bearer.kind())) + " holds spaces or control characters (" + std::to_string(secret.size())
                             + " characters): paste the value alone");
    return value + ':' + QByteArray::fromStdString(secret);
}

} // namespace

Result<net::HttpRequest> buildDescopeRequest(const DescopeProject &project, const DescopeCall &call)
{
    auto auth = authorization(project, call.bearer);
    if (!auth)
        return auth.error();
    net::HttpRequest request;
    request.method = call.method;
    request.url = project.endpoint(call.path);
    request.timeoutMs = kDescopeTimeoutMs;
    request.maxResponseBytes = kMaxDescopeAnswerBytes;
    request.label = call.label.isEmpty() ? QString::fromStdString("Descope " + call.path) : call.label;
    request.setHeader("Authorization", *auth);
    request.setHeader("Accept", "application/json");
    // Go and Python send Content-Type even without a body (§1.3).
    request.setHeader("Content-Type", "application/json");
    request.setHeader("x-descope-sdk-name", project.identity().sdkName);
    request.setHeader("x-descope-sdk-version", project.identity().sdkVersion);
    request.setHeader("x-descope-project-id", project.projectId().toLatin1());
    if (call.method != "GET" && call.method != "HEAD")
        request.body = QByteArray::fromStdString(call.body.value_or(Json::object()).dump(-1, ' ', false, Json::error_handler_t::replace));
    return request;
}

} // namespace oidc::descope
