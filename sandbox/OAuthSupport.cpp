#include "OAuthSupport.h"

#include "sandbox/FormParams.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/net/Http.h"

#include <QUrl>

#include <sstream>

namespace sandbox::oauth {

namespace {

bool isLoopbackHttp(const QUrl &url)
{
    return url.scheme() == QLatin1String("http") && oidc::net::isLoopbackHost(url.host());
}

bool matches(const OidcClient &client, const std::vector<std::string> &registered, std::string_view uri)
{
    const std::string requested(uri);
    if (requested.empty() || requested.find('#') != std::string::npos)
        return false;
    for (const auto &candidate : registered) {
        if (candidate == requested)
            return true;
    }
    if (client.type != ClientType::Public)
        return false;
    const QUrl url(QString::fromStdString(requested), QUrl::StrictMode);
    if (!url.isValid() || !isLoopbackHttp(url) || !url.userInfo().isEmpty())
        return false;
    for (const auto &candidate : registered) {
        const QUrl allowed(QString::fromStdString(candidate), QUrl::StrictMode);
        if (!isLoopbackHttp(allowed))
            continue;
        // RFC 8252 §7.3: any port; everything else exactly as registered.
        if (allowed.host().compare(url.host(), Qt::CaseInsensitive) == 0 && allowed.path(QUrl::FullyEncoded) == url.path(QUrl::FullyEncoded)
            && allowed.query(QUrl::FullyEncoded) == url.query(QUrl::FullyEncoded) && allowed.hasQuery() == url.hasQuery())
            return true;
    }
    return false;
}

} // namespace

bool redirectUriAllowed(const OidcClient &client, std::string_view uri)
{
    return matches(client, client.redirectUris, uri);
}

bool postLogoutRedirectUriAllowed(const OidcClient &client, std::string_view uri)
{
    return matches(client, client.postLogoutRedirectUris, uri);
}

bool constantTimeEquals(std::string_view a, std::string_view b)
{
    unsigned char difference = a.size() == b.size() ? 0 : 1;
    const size_t length = std::max(a.size(), b.size());
    for (size_t i = 0; i < length; ++i) {
        const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        difference |= static_cast<unsigned char>(x ^ y);
    }
    return difference == 0;
}

bool scopeHas(std::string_view scope, std::string_view value)
{
    std::istringstream words{std::string(scope)};
    std::string word;
    while (words >> word) {
        if (word == value)
            return true;
    }
    return false;
}

std::string appendQuery(const std::string &uri, const std::vector<std::pair<std::string, std::string>> &params)
{
    std::string out = uri;
    char separator = uri.find('?') == std::string::npos ? '?' : '&';
    if (separator == '&' && (out.back() == '?' || out.back() == '&'))
        separator = '\0';
    for (const auto &[name, value] : params) {
        if (separator)
            out += separator;
        separator = '&';
        out += QByteArray::fromStdString(name).toPercentEncoding().toStdString();
        out += '=';
        out += QByteArray::fromStdString(value).toPercentEncoding().toStdString();
    }
    return out;
}

ReplyOr<ClientAuthentication> authenticateClient(const SandboxRequest &request, const FormParams &params, const SandboxContext &context)
{
    const QByteArrayView authorization = request.header("authorization");
    const bool basic = authorization.size() > 6 && authorization.first(6).compare("Basic ", Qt::CaseInsensitive) == 0;
    std::string clientId;
    std::string secret;
    bool haveSecret = false;
    if (basic) {
        auto decoded = oidc::crypto::base64Decode(std::string_view(authorization.sliced(6).trimmed().data(),
                                                                   static_cast<size_t>(authorization.sliced(6).trimmed().size())));
        const std::string credentials = decoded ? decoded.value() : std::string();
        const auto colon = credentials.find(':');
        if (!decoded || colon == std::string::npos)
            return reply::oauthError(401, "invalid_client", "malformed Basic credentials", true);
        // RFC 6749 §2.3.1: both parts are application/x-www-form-urlencoded before Base64.
        clientId = oidc::net::percentDecode(QByteArrayView(credentials.data(), static_cast<qsizetype>(colon)), true).toStdString();
        secret = oidc::net::percentDecode(QByteArrayView(credentials.data() + colon + 1, static_cast<qsizetype>(credentials.size() - colon - 1)), true)
                     .toStdString();
        haveSecret = true;
        if (params.has("client_secret"))
            return reply::oauthError(400, "invalid_request", "use one client authentication method, not Basic and client_secret together");
        if (params.has("client_id") && params.value("client_id") != clientId)
            return reply::oauthError(400, "invalid_request", "client_id in the body differs from the Basic credentials");
    } else {
        clientId = params.value("client_id");
        if (const auto value = params.get("client_secret")) {
            secret = *value;
            haveSecret = true;
        }
    }
    if (clientId.empty())
        return reply::oauthError(401, "invalid_client", "client authentication is required (client_id)", basic);
    const OidcClient *client = context.fixtures.client(clientId);
    if (!client)
        return reply::oauthError(401, "invalid_client", "unknown client", basic);
    ClientAuthentication result;
    result.client = client;
    result.method = haveSecret ? (basic ? "client_secret_basic" : "client_secret_post") : "none";
    if (client->type == ClientType::Public) {
        if (haveSecret) {
            // descope-api.md §12: an access key as client_secret with client_id = the project ID.
            result.accessKey = context.state.directory().accessKeyBySecret(secret);
            if (!result.accessKey || !result.accessKey->usableAt(context.now()))
                return reply::oauthError(401, "invalid_client", "client authentication failed", basic);
        }
        return result;
    }
    if (!haveSecret || !constantTimeEquals(secret, client->secret))
        return reply::oauthError(401, "invalid_client", "client authentication failed", basic);
    return result;
}

} // namespace sandbox::oauth
