#include "HttpReplies.h"

#include "sandbox/ErrorCodes.h"

#include <utility>

namespace sandbox::reply {

QByteArray toBody(const oidc::Json &json)
{
    return QByteArray::fromStdString(json.dump(-1, ' ', false, oidc::Json::error_handler_t::replace));
}

LocalHttpResponse rawJson(int status, QByteArray body)
{
    LocalHttpResponse response;
    response.status = status;
    response.headers.reserve(2);
    response.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    response.body = std::move(body);
    return response;
}

LocalHttpResponse json(int status, const oidc::Json &body)
{
    return rawJson(status, toBody(body));
}

LocalHttpResponse descopeError(int status, std::string_view code, std::string_view description, std::string_view message)
{
    return json(status, oidc::Json{{"errorCode", code}, {"errorDescription", description}, {"errorMessage", message}});
}

LocalHttpResponse rateLimited(int retryAfterSeconds)
{
    LocalHttpResponse response = descopeError(429, errc::kRateLimitExceeded, "Rate limit exceeded",
                                              "Too many requests; retry after " + std::to_string(retryAfterSeconds) + " seconds");
    response.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterSeconds)});
    return response;
}

LocalHttpResponse oauthError(int status, std::string_view error, std::string_view description, bool basicChallenge)
{
    LocalHttpResponse response = json(status, oidc::Json{{"error", error}, {"error_description", description}});
    if (basicChallenge)
        response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Basic realm=\"oidcplay-sandbox\", charset=\"UTF-8\"")});
    return response;
}

LocalHttpResponse bearerChallenge(std::string_view error, std::string_view description)
{
    LocalHttpResponse response;
    std::string challenge = "Bearer realm=\"oidcplay-sandbox\"";
    if (!error.empty()) {
        challenge += ", error=\"" + quotedString(error) + "\"";
        if (!description.empty())
            challenge += ", error_description=\"" + quotedString(description) + "\"";
        response = json(401, oidc::Json{{"error", error}, {"error_description", description}});
    } else {
        response = json(401, oidc::Json{{"error", "unauthorized"}, {"error_description", description}});
    }
    response.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArray::fromStdString(challenge)});
    return response;
}

LocalHttpResponse redirect(const std::string &location, int status)
{
    for (const char c : location) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return json(500, oidc::Json{{"error", "server_error"}, {"error_description", "refusing a redirect with control characters"}});
    }
    LocalHttpResponse response;
    response.status = status;
    response.headers.append({QByteArrayLiteral("Location"), QByteArray::fromStdString(location)});
    return response;
}

LocalHttpResponse html(int status, const std::string &page)
{
    LocalHttpResponse response;
    response.status = status;
    response.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/html; charset=utf-8")});
    // The pages load nothing and run no script (rp-checks L6). No form-action: browsers apply it
    // to the redirect that follows the login POST, which goes to the client's redirect URI.
    response.headers.append({QByteArrayLiteral("Content-Security-Policy"),
                             QByteArrayLiteral("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")});
    response.headers.append({QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff")});
    response.headers.append({QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer")});
    response.body = QByteArray::fromStdString(page);
    return response;
}

LocalHttpResponse notFound()
{
    return descopeError(404, errc::kBadRequest, "Not found", "no such sandbox route");
}

std::string htmlEscape(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c; break;
        }
    }
    return out;
}

std::string htmlUnescape(std::string_view text)
{
    static constexpr std::pair<std::string_view, char> kReferences[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&#x27;", '\''}, {"&apos;", '\''},
    };
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        bool replaced = false;
        if (text[i] == '&') {
            for (const auto &[reference, character] : kReferences) {
                if (text.substr(i, reference.size()) == reference) {
                    out += character;
                    i += reference.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced)
            out += text[i++];
    }
    return out;
}

std::string quotedString(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            continue;
        out += c;
    }
    return out;
}

} // namespace sandbox::reply
