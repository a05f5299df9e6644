#include "Origin.h"

#include "oidc/Json.h"
#include "oidc/net/Http.h"

#include <QUrl>

#include <algorithm>
#include <cctype>

namespace oidc::webauthn {

namespace {

Error originError(std::string message, std::string actual)
{
    return makeError(ErrorCategory::Input, "WEBAUTHN_OPTIONS", std::move(message), "https://host[:port]", std::move(actual));
}

} // namespace

Result<std::string> rpIdForOrigin(std::string_view origin)
{
    std::string_view rest;
    if (origin.substr(0, 8) == "https://")
        rest = origin.substr(8);
    else if (origin.substr(0, 7) == "http://")
        rest = origin.substr(7);
    else
        return originError("only http(s) origins have an RP ID", std::string(origin));
    const size_t end = rest.find_first_of(":/?#");
    if (end != std::string_view::npos && rest[end] != ':')
        return originError("an origin has no path, query or fragment", std::string(origin));
    std::string host(rest.substr(0, end));
    if (host.empty() || host.size() > 253 || host.find_first_of("@[] ") != std::string::npos)
        return originError("the origin has no usable host", std::string(origin));
    if (end != std::string_view::npos) {
        const std::string_view port = rest.substr(end + 1);
        if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos)
            return originError("the origin's port is not a number", std::string(origin));
    }
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return host;
}

std::string pageOriginFor(const QUrl &baseUrl, std::string_view optionsText)
{
    const Json options = Json::parse(optionsText, nullptr, false);
    const Json &publicKey = options.is_object() && options.contains("publicKey") ? options["publicKey"] : options;
    if (!publicKey.is_object())
        return {};
    const std::string rpId = publicKey.contains("rp") && publicKey["rp"].is_object() ? publicKey["rp"].value("id", std::string())
                                                                                    : publicKey.value("rpId", std::string());
    if (rpId == "localhost" && baseUrl.scheme() == QLatin1String("http") && net::isLoopbackHost(baseUrl.host()))
        return "http://localhost:" + std::to_string(baseUrl.port(80));
    return "https://" + rpId;
}

Result<std::string> parsePasskeyDomain(std::string_view text)
{
    if (text.empty() || text.find_first_of(":/?#") != std::string_view::npos)
        return originError("a passkey domain is a host name, without scheme, port or path", std::string(text));
    return rpIdForOrigin("https://" + std::string(text));
}

std::string defaultPasskeyDomain(const QUrl &baseUrl)
{
    const std::string host = baseUrl.host().toLower().toStdString();
    if (host.empty() || host == "descope.com" || host.ends_with(".descope.com"))
        return "localhost";
    return host;
}

std::string passkeyOriginFor(std::string_view rpId)
{
    return "https://" + std::string(rpId);
}

LocalhostCeremony localhostCeremonyFor(std::string_view rpId)
{
    if (rpId == "localhost")
        return {true, "A page served from http://localhost can claim the RP ID \"localhost\": a browser ceremony works from the app's listener."};
    return {false, "A page served from http://localhost can only claim the RP ID \"localhost\" (WebAuthn §5.1.3: the RP ID must be the page's "
                   "domain or a parent of it), so a browser ceremony for \"" + std::string(rpId)
                       + "\" cannot run from the app's listener; the software authenticator can claim any RP ID."};
}

} // namespace oidc::webauthn
