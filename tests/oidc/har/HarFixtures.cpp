#include "HarFixtures.h"

#include "oidc/crypto/Base64Url.h"
#include "oidc/crypto/JwsAlgorithm.h"
#include "oidc/har/HarReader.h"

#include <QBuffer>
#include <QDateTime>

#include <cstdio>
#include <cstdlib>

namespace hartest {

using oidc::Json;

Json harEntry(const EntrySpec &spec)
{
    const auto headers = [](const std::vector<std::pair<std::string, std::string>> &list) {
        Json out = Json::array();
        for (const auto &[name, value] : list)
            out.push_back({{"name", name}, {"value", value}});
        return out;
    };
    Json request = {{"method", spec.method}, {"url", spec.url}, {"httpVersion", "HTTP/1.1"}, {"cookies", Json::array()},
                    {"headers", headers(spec.requestHeaders)}, {"queryString", Json::array()}, {"headersSize", -1}, {"bodySize", spec.requestBody.size()}};
    if (!spec.requestBody.empty())
        request["postData"] = {{"mimeType", spec.requestMime}, {"text", spec.requestBody}};
    Json response = {{"status", spec.status}, {"statusText", ""}, {"httpVersion", "HTTP/1.1"}, {"cookies", Json::array()},
                     {"headers", headers(spec.responseHeaders)},
                     {"content", {{"size", spec.responseBody.size()}, {"mimeType", spec.responseMime}, {"text", spec.responseBody}}},
                     {"redirectURL", ""}, {"headersSize", -1}, {"bodySize", spec.responseBody.size()}};
    return {{"startedDateTime", QDateTime::fromSecsSinceEpoch(spec.atSeconds, Qt::UTC).toString(Qt::ISODateWithMs).toStdString()},
            {"time", 12},
            {"request", std::move(request)},
            {"response", std::move(response)},
            {"cache", Json::object()},
            {"timings", {{"send", 0}, {"wait", 12}, {"receive", 0}}}};
}

Json harDocument(const std::vector<Json> &entries)
{
    return {{"log", {{"version", "1.2"}, {"creator", {{"name", "crafted"}, {"version", "1"}}}, {"entries", entries}}}};
}

const oidc::crypto::JsonWebKey &signingKey()
{
    static const oidc::crypto::JsonWebKey key = [] {
        auto made = oidc::crypto::generateKey(oidc::crypto::KeyKind::EcP256, "har-key", "ES256");
        if (!made) {
            std::fprintf(stderr, "test setup failed: %s\n", made.error().summary().c_str());
            std::abort();
        }
        return std::move(made).value();
    }();
    return key;
}

std::string jwksText()
{
    return Json{{"keys", Json::array({oidc::crypto::publicJwk(signingKey())})}}.dump();
}

std::string signedToken(const Json &claims)
{
    const std::string input = oidc::crypto::base64UrlEncode(Json{{"alg", "ES256"}, {"kid", "har-key"}, {"typ", "JWT"}}.dump()) + "."
        + oidc::crypto::base64UrlEncode(claims.dump());
    auto signature = oidc::crypto::signWithKey(oidc::crypto::JwsAlgorithm::ES256, signingKey().key.get(), input);
    if (!signature)
        std::abort();
    return input + "." + oidc::crypto::base64UrlEncode(*signature);
}

std::vector<Json> cleanFlow(const FlowSpec &spec)
{
    const std::string issuer = "https://idp.test";
    const Json metadata = {{"issuer", issuer},
                           {"authorization_endpoint", issuer + "/authorize"},
                           {"token_endpoint", issuer + "/oauth/token"},
                           {"userinfo_endpoint", issuer + "/me"},
                           {"jwks_uri", issuer + "/keys.json"}};
    std::string authorize = issuer + "/authorize?response_type=code&client_id=app-1&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcb"
                                     "&scope=openid&state=state-1&nonce=nonce-1";
    if (spec.pkce)
        authorize += "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    std::string idToken = signedToken({{"iss", issuer}, {"aud", "app-1"}, {"sub", "alice"}, {"nonce", spec.idTokenNonce},
                                       {"iat", spec.idTokenIat}, {"exp", spec.idTokenExp}});
    if (spec.badSignature) {
        // A character inside the signature (the last one holds padding bits a strict decoder refuses).
        char &c = idToken[idToken.rfind('.') + 5];
        c = c == 'A' ? 'B' : 'A';
    }
    const std::string tokenForm = std::string("grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcb"
                                              "&client_id=app-1")
        + (spec.pkce ? "&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" : "");
    const Json tokens = {{"access_token", "opaque-access-token-value"}, {"token_type", "Bearer"}, {"expires_in", 3600}, {"id_token", idToken}};
    return {
        harEntry({.url = issuer + "/.well-known/openid-configuration", .responseBody = metadata.dump()}),
        harEntry({.url = issuer + "/keys.json", .responseBody = jwksText()}),
        harEntry({.url = authorize, .status = 302, .responseHeaders = {{"Location", "https://idp.test/login"}}, .responseMime = "text/html"}),
        harEntry({.url = "http://127.0.0.1:8765/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=" + spec.callbackState, .responseMime = "text/html",
                  .responseBody = "<p>signed in</p>", .atSeconds = kT0 + 5}),
        harEntry({.method = "POST", .url = issuer + "/oauth/token", .requestMime = "application/x-www-form-urlencoded", .requestBody = tokenForm,
                  .responseBody = tokens.dump(), .atSeconds = kT0 + 6}),
    };
}

oidc::har::HarAnalysis analyzeDocument(const Json &document)
{
    QByteArray text = QByteArray::fromStdString(document.dump());
    QBuffer buffer(&text);
    buffer.open(QIODevice::ReadOnly);
    oidc::har::HarAnalyzer analyzer;
    auto read = oidc::har::HarReader::read(buffer, [&](oidc::har::HarEntry &&entry) { analyzer.add(entry); });
    if (!read) {
        std::fprintf(stderr, "crafted HAR unreadable: %s\n", read.error().summary().c_str());
        std::abort();
    }
    return analyzer.finish();
}

std::vector<std::string> codesOf(const oidc::har::HarAnalysis &analysis)
{
    std::vector<std::string> codes;
    for (const auto &finding : analysis.findings)
        codes.push_back(finding.code);
    return codes;
}

} // namespace hartest
