#include "JwtResponse.h"

#include "oidc/descope/DescopeFields.h"
#include "oidc/descope/DescopeResponse.h"

namespace oidc::descope {

namespace {

constexpr const char *kJwtResponseWhat = "the JWT response";

// The token from the body member, else from the cookie the body names (or the default name).
Result<std::pair<std::string, TokenSource>> token(const Json &body, const net::HttpResponse &response, const char *member,
                                                  const char *cookieNameMember, const char *defaultCookie)
{
    auto value = optionalString(body, member, kJwtResponseWhat);
    if (!value)
        return value.error();
    if (!value->empty())
        return std::pair(std::move(value).value(), TokenSource::Body);
    auto cookieName = optionalString(body, cookieNameMember, kJwtResponseWhat);
    if (!cookieName)
        return cookieName.error();
    if (auto cookie = setCookieValue(response, cookieName->empty() ? defaultCookie : *cookieName))
        return std::pair(std::move(*cookie), TokenSource::Cookie);
    return std::pair(std::string(), TokenSource::Absent);
}

} // namespace

std::string_view tokenSourceName(TokenSource source)
{
    switch (source) {
    case TokenSource::Absent: return "absent";
    case TokenSource::Body: return "body";
    case TokenSource::Cookie: return "cookie";
    case TokenSource::Previous: return "previous";
    case TokenSource::Given: return "given";
    }
    return "absent";
}

std::optional<std::string> setCookieValue(const net::HttpResponse &response, std::string_view name)
{
    const QByteArray wanted = QByteArray(name.data(), static_cast<qsizetype>(name.size())) + '=';
    for (const auto &[header, value] : response.headers) {
        if (header.compare("Set-Cookie", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &line : value.split('\n')) {
            const QByteArray pair = line.left(line.indexOf(';')).trimmed();
            if (pair.startsWith(wanted) && pair.size() > wanted.size())
                return pair.mid(wanted.size()).toStdString();
        }
    }
    return std::nullopt;
}

Result<JwtResponse> parseJwtResponse(const Json &body, const net::HttpResponse &response)
{
    if (!body.is_object())
        return makeError(ErrorCategory::Descope, "DESCOPE_FIELD_TYPE",
                         std::string(kJwtResponseWhat).append(" is a JSON ").append(body.type_name()).append(", not an object"));
    auto session = token(body, response, "sessionJwt", "sessionCookieName", "DS");
    if (!session)
        return session.error();
    auto refresh = token(body, response, "refreshJwt", "cookieName", "DSR");
    if (!refresh)
        return refresh.error();
    auto firstSeen = optionalBool(body, "firstSeen", kJwtResponseWhat);
    auto sessionExpiration = optionalInteger(body, "sessionExpiration", kJwtResponseWhat);
    auto cookieExpiration = optionalInteger(body, "cookieExpiration", kJwtResponseWhat);
    if (auto error = firstError(firstSeen, sessionExpiration, cookieExpiration))
        return *error;
    JwtResponse parsed;
    std::tie(parsed.sessionJwt, parsed.sessionSource) = std::move(session).value();
    std::tie(parsed.refreshJwt, parsed.refreshSource) = std::move(refresh).value();
    parsed.firstSeen = *firstSeen;
    parsed.sessionExpiration = *sessionExpiration;
    parsed.cookieExpiration = *cookieExpiration;
    if (const auto user = body.find("user"); user != body.end() && !user->is_null()) {
        auto parsedUser = parseResponseUser(*user, "the JWT response's user");
        if (!parsedUser)
            return parsedUser.error();
        parsed.user = std::move(parsedUser).value();
    }
    return parsed;
}

Result<JwtResponse> processJwtResponse(const net::HttpResponse &response)
{
    auto body = processDescopeJson(response);
    if (!body)
        return body.error();
    return parseJwtResponse(*body, response);
}

} // namespace oidc::descope
