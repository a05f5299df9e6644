#include "ProviderMetadata.h"

#include "oidc/Redaction.h"

namespace oidc::flow {

namespace {

Error discoveryError(std::string code, std::string message, std::string expected = {}, std::string actual = {})
{
    return makeError(ErrorCategory::Discovery, std::move(code), std::move(message), std::move(expected), std::move(actual));
}

Result<QStringList> stringArray(const Json &document, const char *name)
{
    QStringList list;
    const auto it = document.find(name);
    if (it == document.end() || it->is_null())
        return list;
    if (!it->is_array())
        return discoveryError("DISCOVERY_FIELD_TYPE", std::string("\"") + name + "\" must be an array of strings", "array", it->type_name());
    for (const auto &entry : *it) {
        if (!entry.is_string())
            return discoveryError("DISCOVERY_FIELD_TYPE", std::string("\"") + name + "\" must be an array of strings", "string",
                                  entry.type_name());
        list.append(QString::fromStdString(entry.get<std::string>()));
    }
    return list;
}

Result<QUrl> endpoint(const Json &document, const char *name, bool required, const EndpointPolicy &policy)
{
    const auto it = document.find(name);
    if (it == document.end() || it->is_null()) {
        if (required)
            return discoveryError("DISCOVERY_MISSING", std::string("the metadata has no ") + name);
        return QUrl();
    }
    if (!it->is_string())
        return discoveryError("DISCOVERY_FIELD_TYPE", std::string("\"") + name + "\" must be a string", "string", it->type_name());
    const QUrl url(QString::fromStdString(it->get<std::string>()), QUrl::StrictMode);
    if (auto allowed = net::checkEndpointUrl(url, policy.allowHttpLoopback); !allowed)
        return discoveryError("DISCOVERY_INSECURE_ENDPOINT", std::string(name) + ": " + allowed.error().message, allowed.error().expected,
                              allowed.error().actual);
    return url;
}

Status checkUrl(const QUrl &url, const char *name, bool required, const EndpointPolicy &policy)
{
    if (url.isEmpty()) {
        if (required)
            return discoveryError("DISCOVERY_MISSING", std::string("no ") + name + " given");
        return {};
    }
    if (auto allowed = net::checkEndpointUrl(url, policy.allowHttpLoopback); !allowed)
        return discoveryError("DISCOVERY_INSECURE_ENDPOINT", std::string(name) + ": " + allowed.error().message, allowed.error().expected,
                              allowed.error().actual);
    return {};
}

} // namespace

std::vector<crypto::JwsAlgorithm> ProviderMetadata::idTokenAlgorithms() const
{
    std::vector<crypto::JwsAlgorithm> algorithms;
    for (const QString &name : idTokenSigningAlgValuesSupported) {
        const auto algorithm = crypto::parseJwsAlgorithm(name.toStdString());
        if (!algorithm)
            continue;
        const auto family = crypto::algorithmFamily(*algorithm);
        if (family == crypto::AlgorithmFamily::None || family == crypto::AlgorithmFamily::Hmac)
            continue; // opting into these is the user's explicit choice, not the provider's
        algorithms.push_back(*algorithm);
    }
    if (algorithms.empty())
        algorithms.push_back(crypto::JwsAlgorithm::RS256);
    return algorithms;
}

QUrl discoveryUrl(const QString &issuer, DiscoveryKind kind)
{
    QString trimmed = issuer;
    while (trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    if (kind == DiscoveryKind::OpenIdConnect)
        return QUrl(trimmed + QStringLiteral("/.well-known/openid-configuration"));
    // RFC 8414 §3.1: the well-known segment goes between the host and the issuer's path.
    QUrl url(trimmed);
    const QString path = url.path();
    url.setPath(QStringLiteral("/.well-known/oauth-authorization-server") + (path == QLatin1String("/") ? QString() : path));
    return url;
}

Result<net::HttpRequest> buildDiscoveryRequest(const QString &issuer, DiscoveryKind kind, const EndpointPolicy &policy)
{
    const QUrl issuerUrl(issuer, QUrl::StrictMode);
    if (auto allowed = net::checkEndpointUrl(issuerUrl, policy.allowHttpLoopback); !allowed)
        return allowed.error();
    if (issuerUrl.hasQuery() || issuerUrl.hasFragment())
        return makeError(ErrorCategory::Discovery, "DISCOVERY_ISSUER_FORM", "an issuer has no query or fragment (RFC 8414 §2)");
    net::HttpRequest request;
    request.url = discoveryUrl(issuer, kind);
    request.setHeader("Accept", "application/json");
    request.maxResponseBytes = 512 * 1024;
    request.timeoutMs = 15000;
    request.label = QStringLiteral("discovery");
    return request;
}

Result<ProviderMetadata> processDiscoveryResponse(const net::HttpResponse &response, const QString &expectedIssuer,
                                                  const EndpointPolicy &policy)
{
    if (!response.isSuccess()) {
        Error error = discoveryError("DISCOVERY_HTTP_STATUS", "the discovery document could not be fetched: HTTP "
                                                                  + std::to_string(response.status) + ": " + redactedPreview(response.bodyView()));
        error.httpStatus = response.status;
        return error;
    }
    auto document = parseJsonObject(response.bodyView(), {ErrorCategory::Discovery, "the discovery document"});
    if (!document) {
        Error error = document.error();
        error.code = "DISCOVERY_JSON";
        error.message += " — body starts: " + redactedPreview(response.bodyView());
        return error;
    }
    const Json &json = *document;
    const auto issuer = json.find("issuer");
    if (issuer == json.end() || !issuer->is_string())
        return discoveryError("DISCOVERY_MISSING", "the metadata has no issuer");
    // OIDC Discovery §4.3 / RFC 8414 §3.3: exact string comparison, and nothing is used on mismatch.
    if (QString::fromStdString(issuer->get<std::string>()) != expectedIssuer)
        return discoveryError("DISCOVERY_ISSUER_MISMATCH", "the metadata's issuer differs from the configured issuer; nothing from it is used",
                              expectedIssuer.toStdString(), issuer->get<std::string>());

    ProviderMetadata metadata;
    metadata.issuer = expectedIssuer;
    metadata.raw = json;
    struct EndpointField {
        const char *name;
        QUrl ProviderMetadata::*field;
        bool required;
    };
    const EndpointField endpoints[] = {
        {"authorization_endpoint", &ProviderMetadata::authorizationEndpoint, false},
        {"token_endpoint", &ProviderMetadata::tokenEndpoint, false},
        {"userinfo_endpoint", &ProviderMetadata::userinfoEndpoint, false},
        {"jwks_uri", &ProviderMetadata::jwksUri, false},
        {"revocation_endpoint", &ProviderMetadata::revocationEndpoint, false},
        {"end_session_endpoint", &ProviderMetadata::endSessionEndpoint, false},
    };
    for (const auto &field : endpoints) {
        auto url = endpoint(json, field.name, field.required, policy);
        if (!url)
            return url.error();
        metadata.*field.field = std::move(url).value();
    }
    struct ListField {
        const char *name;
        QStringList ProviderMetadata::*field;
    };
    const ListField lists[] = {
        {"scopes_supported", &ProviderMetadata::scopesSupported},
        {"response_types_supported", &ProviderMetadata::responseTypesSupported},
        {"grant_types_supported", &ProviderMetadata::grantTypesSupported},
        {"code_challenge_methods_supported", &ProviderMetadata::codeChallengeMethodsSupported},
        {"token_endpoint_auth_methods_supported", &ProviderMetadata::tokenEndpointAuthMethodsSupported},
        {"id_token_signing_alg_values_supported", &ProviderMetadata::idTokenSigningAlgValuesSupported},
        {"claims_supported", &ProviderMetadata::claimsSupported},
    };
    for (const auto &field : lists) {
        auto list = stringArray(json, field.name);
        if (!list)
            return list.error();
        metadata.*field.field = std::move(list).value();
    }
    if (const auto iss = json.find("authorization_response_iss_parameter_supported"); iss != json.end()) {
        if (!iss->is_boolean())
            return discoveryError("DISCOVERY_FIELD_TYPE", "\"authorization_response_iss_parameter_supported\" must be a boolean");
        metadata.authorizationResponseIssParameterSupported = iss->get<bool>();
    }
    return metadata;
}

Result<ProviderMetadata> manualMetadata(ProviderMetadata metadata, const EndpointPolicy &policy)
{
    if (metadata.issuer.isEmpty())
        return discoveryError("DISCOVERY_MISSING", "no issuer given");
    if (auto ok = checkUrl(QUrl(metadata.issuer), "issuer", true, policy); !ok)
        return ok.error();
    const std::pair<const QUrl *, const char *> urls[] = {
        {&metadata.authorizationEndpoint, "authorization endpoint"}, {&metadata.tokenEndpoint, "token endpoint"},
        {&metadata.userinfoEndpoint, "userinfo endpoint"},           {&metadata.jwksUri, "JWKS URI"},
        {&metadata.revocationEndpoint, "revocation endpoint"},       {&metadata.endSessionEndpoint, "end-session endpoint"}};
    for (const auto &[url, name] : urls)
        if (auto ok = checkUrl(*url, name, false, policy); !ok)
            return ok.error();
    return metadata;
}

QUrl descopeBaseUrl(const QString &projectId, const QUrl &customBase)
{
    if (!customBase.isEmpty())
        return customBase;
    // Go/Python/Swift/Kotlin: an ID of 32 characters or more carries the region in chars [1:5].
    if (projectId.size() >= 32)
        return QUrl(QStringLiteral("https://api.%1.descope.com").arg(projectId.mid(1, 4)));
    return QUrl(QStringLiteral("https://api.descope.com"));
}

QString descopeIssuer(const QUrl &base, const QString &projectId)
{
    QString text = base.toString(QUrl::StripTrailingSlash);
    return text + QLatin1Char('/') + projectId;
}

QStringList insecureLoopbackEndpoints(const ProviderMetadata &metadata)
{
    QStringList names;
    const std::pair<const QUrl *, const char *> urls[] = {
        {&metadata.authorizationEndpoint, "authorization_endpoint"}, {&metadata.tokenEndpoint, "token_endpoint"},
        {&metadata.userinfoEndpoint, "userinfo_endpoint"},           {&metadata.jwksUri, "jwks_uri"},
        {&metadata.revocationEndpoint, "revocation_endpoint"},       {&metadata.endSessionEndpoint, "end_session_endpoint"}};
    if (QUrl(metadata.issuer).scheme() == QLatin1String("http"))
        names.append(QStringLiteral("issuer"));
    for (const auto &[url, name] : urls)
        if (url->scheme() == QLatin1String("http"))
            names.append(QString::fromLatin1(name));
    return names;
}

} // namespace oidc::flow
