#include "UserInfo.h"

#include "oidc/Redaction.h"

namespace oidc::flow {

namespace {

Error userInfoError(std::string code, std::string message, std::string expected = {}, std::string actual = {})
{
    return makeError(ErrorCategory::UserInfo, std::move(code), std::move(message), std::move(expected), std::move(actual));
}

} // namespace

Result<net::HttpRequest> buildUserInfoRequest(const QUrl &endpoint, const QString &accessToken)
{
    if (endpoint.isEmpty())
        return userInfoError("USERINFO_NO_ENDPOINT", "the provider has no userinfo endpoint");
    if (auto allowed = net::checkEndpointUrl(endpoint, true); !allowed)
        return allowed.error();
    if (accessToken.isEmpty())
        return userInfoError("USERINFO_NO_TOKEN", "there is no access token to use");
    net::HttpRequest request;
    request.url = endpoint;
    request.setHeader("Authorization", "Bearer " + accessToken.toUtf8());
    request.setHeader("Accept", "application/json");
    request.maxResponseBytes = 256 * 1024;
    request.label = QStringLiteral("userinfo");
    return request;
}

Result<Json> processUserInfoResponse(const net::HttpResponse &response, const std::string &expectedSub)
{
    const std::string_view body(response.body.constData(), static_cast<size_t>(response.body.size()));
    if (response.status == 401) {
        Error error = userInfoError("USERINFO_UNAUTHORIZED", "the access token was refused (HTTP 401)", "a valid access token",
                                    boundedPreview(response.header("WWW-Authenticate").toStdString(), 300));
        if (!error.actual.empty())
            error.message += ": " + error.actual;
        error.httpStatus = 401;
        return error;
    }
    if (!response.isSuccess()) {
        Error error = userInfoError("USERINFO_HTTP_STATUS", "unexpected HTTP " + std::to_string(response.status) + ": " + redactedPreview(body));
        error.httpStatus = response.status;
        return error;
    }
    if (response.header("Content-Type").toLower().startsWith("application/jwt"))
        return userInfoError("USERINFO_JWT_UNSUPPORTED", "signed or encrypted userinfo responses are not supported");
    auto json = parseJson(body, {ErrorCategory::UserInfo, "the userinfo response"});
    if (!json) {
        Error error = json.error();
        error.code = "USERINFO_JSON";
        return error;
    }
    if (!json->is_object())
        return userInfoError("USERINFO_NOT_OBJECT", "the userinfo body must be a JSON object", "object", json->type_name());
    const auto sub = json->find("sub");
    if (sub == json->end() || !sub->is_string() || sub->get_ref<const std::string &>().empty())
        return userInfoError("USERINFO_SUB_MISSING", "the userinfo response has no sub");
    if (!expectedSub.empty() && sub->get<std::string>() != expectedSub)
        return userInfoError("USERINFO_SUB_MISMATCH", "sub mismatch: the userinfo is about another user than the ID token; the claims are discarded",
                             expectedSub, sub->get<std::string>());
    return json;
}

} // namespace oidc::flow
