#include "HarAnalyzer.h"

#include "oidc/HumanTime.h"
#include "oidc/Redaction.h"
#include "oidc/crypto/JsonWebKey.h"
#include "oidc/descope/DescopeProject.h"
#include "oidc/descope/SessionValidator.h"
#include "oidc/jwt/ClaimChecks.h"
#include "oidc/jwt/Jwt.h"
#include "oidc/jwt/SignatureVerifier.h"

#include <QDateTime>
#include <QLocale>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace oidc::har {

namespace {

constexpr int64_t kHarExpiryLeewaySeconds = 30;  // as ClaimCheckOptions::leewaySeconds
constexpr int64_t kHarClockSkewSeconds = 60;     // beyond this the client's and provider's clocks disagree
constexpr size_t kHarMaxTokenBytes = 64 * 1024;  // JwtDecodeOptions' default cap
constexpr int kHarMaxJsonDepth = 8;              // how deep token members are looked for in a body

using Params = std::vector<std::pair<std::string, std::string>>;

Params harParams(QString encoded)
{
    // application/x-www-form-urlencoded writes spaces as '+'; QUrlQuery does not decode them.
    encoded.replace(QLatin1Char('+'), QStringLiteral("%20"));
    Params out;
    for (const auto &[name, value] : QUrlQuery(encoded).queryItems(QUrl::FullyDecoded))
        out.emplace_back(name.toStdString(), value.toStdString());
    return out;
}

const std::string *harParamOf(const Params &params, std::string_view name)
{
    for (const auto &[key, value] : params)
        if (key == name)
            return &value;
    return nullptr;
}

std::string harParamValue(const Params &params, std::string_view name)
{
    const std::string *value = harParamOf(params, name);
    return value ? *value : std::string();
}

struct UrlParts {
    QUrl url;
    std::string base;  // scheme://host[:port]/path, no query or fragment
    std::string path;  // lower case
    Params query;
    Params fragment;
};

UrlParts harSplitUrl(const std::string &text)
{
    UrlParts parts;
    parts.url = QUrl(QString::fromStdString(text));
    parts.base = parts.url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toString(QUrl::FullyEncoded).toStdString();
    parts.path = parts.url.path().toLower().toStdString();
    if (parts.url.hasQuery())
        parts.query = harParams(parts.url.query(QUrl::FullyEncoded));
    if (parts.url.hasFragment())
        parts.fragment = harParams(parts.url.fragment(QUrl::FullyEncoded));
    return parts;
}

bool harEndsWith(std::string_view text, std::string_view tail)
{
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

bool harContains(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

bool harLooksLikeJwt(std::string_view value)
{
    return value.size() >= 20 && value.substr(0, 3) == "eyJ" && std::count(value.begin(), value.end(), '.') == 2
        && value.find_first_of(" \t\r\n\"") == std::string_view::npos;
}

// What our own export (and other redactors) leave where a secret was.
bool harIsRedacted(std::string_view value)
{
    return harContains(value, "[redacted") || harContains(value, "\xE2\x80\xA6");
}

// Token-bearing names (OAuth 2.0, OIDC, Descope's sessionJwt/refreshJwt).
bool harIsTokenName(std::string_view name)
{
    static const std::set<std::string_view> names = {"id_token", "access_token", "refresh_token", "sessionJwt", "refreshJwt", "jwt",
                                                     "token", "id_token_hint", "logout_token", "subject_token", "DS", "DSR"};
    return names.count(name) > 0;
}

// Parameters that carry a JWT in a URL by design: RP-initiated logout's id_token_hint, a JAR
// request object (RFC 9101), a CIBA login_hint_token.
bool harJwtAllowedInUrl(std::string_view name)
{
    return name == "id_token_hint" || name == "request" || name == "login_hint_token";
}

std::optional<int64_t> harHttpDate(const std::string &text)
{
    // IMF-fixdate (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT".
    QString value = QString::fromStdString(text).trimmed();
    if (value.endsWith(QLatin1String(" GMT")))
        value.chop(4);
    QDateTime time = QLocale::c().toDateTime(value, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
    if (!time.isValid())
        return std::nullopt;
    time.setTimeSpec(Qt::UTC);
    return time.toMSecsSinceEpoch();
}

std::string harHostOf(const UrlParts &url)
{
    return url.url.host().toStdString() + (url.url.port() > 0 ? ":" + std::to_string(url.url.port()) : std::string());
}

std::optional<Json> harJsonBody(const std::string &body)
{
    if (body.empty())
        return std::nullopt;
    JsonParseOptions options;
    options.rejectDuplicateNames = false;
    auto json = parseJson(body, options);
    if (!json)
        return std::nullopt;
    return std::move(json).value();
}

std::string harPlain(std::string_view providerText)
{
    return boundedPreview(redactText(providerText), 160);
}

} // namespace

struct HarAnalyzer::State {
    struct AuthorizationSeen {
        int entry = 0;
        std::string state;
        std::string nonce;
        std::string challenge;
        std::string challengeMethod;
        std::string clientId;
    };

    struct DecodedToken {
        std::optional<jwt::DecodedJwt> jwt; // absent when it does not decode
        size_t tokenIndex = 0;              // its HarToken in HarAnalysis::tokens
        bool expiredReported = false;
        bool skewReported = false;
    };

    struct PendingCheck {
        int entry = 0;
        size_t tokenIndex = 0;
        std::string name;
        std::string value;
        std::optional<int64_t> atSeconds;
        std::optional<std::string> accessToken; // beside an ID token in the same response (at_hash)
    };

    HarAnalysis out;
    std::string issuer;
    std::set<std::string> authorizeEndpoints, tokenEndpoints, userinfoEndpoints, jwksEndpoints, logoutEndpoints, revocationEndpoints;
    crypto::JsonWebKeySet keys;
    std::optional<descope::DescopeProject> descopeProject;
    std::string clientId;
    std::vector<AuthorizationSeen> authorizations;
    std::set<std::string> callbacksChecked;
    std::map<std::string, int> codes; // authorization code → the token request that first sent it
    std::unordered_map<std::string, DecodedToken> tokens;
    std::vector<PendingCheck> idTokens;
    std::vector<PendingCheck> sessionTokens;
    std::set<std::string> skewedHosts;
    int redactedTokens = 0;
    int firstRedactedEntry = -1;

    void flag(std::string_view code, Severity severity, int entry, std::string message)
    {
        out.findings.push_back({std::string(code), severity, entry, std::move(message)});
    }

    std::optional<ExchangeKind> classify(const HarEntry &entry, const UrlParts &url, const Params &form) const;
    void see(const HarEntry &entry);
    void seeDiscovery(const HarEntry &entry);
    void seeJwks(const HarEntry &entry, const UrlParts &url);
    void seeAuthorize(const HarEntry &entry, const UrlParts &url);
    void seeCallback(const HarEntry &entry, const Params &params, const char *where);
    void seeTokenRequest(const HarEntry &entry, const Params &form);
    void seeTokensInUrl(const HarEntry &entry, const UrlParts &url, const char *where);
    void seeTokensInJson(const HarEntry &entry, const Json &json, const char *where, bool fromResponse, int depth);
    void seeBearer(const HarEntry &entry);
    void seeCookies(const HarEntry &entry);
    void seeToken(const HarEntry &entry, const std::string &name, const std::string &value, const char *where, bool fromResponse);
    void seeClock(const HarEntry &entry, const UrlParts &url);
    void seeProviderError(const HarEntry &entry, ExchangeKind kind);
    void checkIdToken(const PendingCheck &pending);
    void checkSessionToken(const PendingCheck &pending);
};

std::string_view exchangeKindName(ExchangeKind kind)
{
    switch (kind) {
    case ExchangeKind::Discovery: return "discovery";
    case ExchangeKind::Jwks: return "jwks";
    case ExchangeKind::Authorize: return "authorize";
    case ExchangeKind::Callback: return "callback";
    case ExchangeKind::Token: return "token";
    case ExchangeKind::UserInfo: return "userinfo";
    case ExchangeKind::Logout: return "logout";
    case ExchangeKind::Revocation: return "revocation";
    case ExchangeKind::Descope: return "descope";
    }
    return "unknown";
}

bool HarAnalysis::ok() const
{
    return std::none_of(findings.begin(), findings.end(), [](const HarFinding &finding) { return finding.severity == Severity::Error; });
}

Json HarAnalysis::toJson(bool showTokens) const
{
    Json exchangesJson = Json::array();
    for (const HarExchange &exchange : exchanges)
        exchangesJson.push_back({{"entry", exchange.entry},
                                 {"kind", std::string(exchangeKindName(exchange.kind))},
                                 {"method", exchange.method},
                                 {"url", exchange.url},
                                 {"status", exchange.status},
                                 {"detail", exchange.detail}});
    Json findingsJson = Json::array();
    for (const HarFinding &finding : findings)
        findingsJson.push_back(
            {{"code", finding.code}, {"severity", std::string(severityName(finding.severity))}, {"entry", finding.entry}, {"message", finding.message}});
    Json tokensJson = Json::array();
    for (const HarToken &token : tokens)
        tokensJson.push_back({{"entry", token.entry},
                              {"name", token.name},
                              {"where", token.where},
                              {"token", showTokens ? token.value : redactSecret(token.value)}});
    return {{"ok", ok()}, {"entries", entryCount}, {"exchanges", std::move(exchangesJson)}, {"findings", std::move(findingsJson)},
            {"tokens", std::move(tokensJson)}};
}

HarAnalyzer::HarAnalyzer() : m_state(std::make_unique<State>()) {}

HarAnalyzer::~HarAnalyzer() = default;

void HarAnalyzer::add(const HarEntry &entry)
{
    m_state->see(entry);
    m_state->out.entryCount = std::max(m_state->out.entryCount, entry.index + 1);
}

HarAnalysis HarAnalyzer::analyze(const std::vector<HarEntry> &entries)
{
    HarAnalyzer analyzer;
    for (const HarEntry &entry : entries)
        analyzer.add(entry);
    return analyzer.finish();
}

HarAnalysis HarAnalyzer::finish()
{
    State &state = *m_state;
    for (const State::PendingCheck &pending : state.idTokens)
        state.checkIdToken(pending);
    for (const State::PendingCheck &pending : state.sessionTokens)
        state.checkSessionToken(pending);
    if (state.redactedTokens > 0)
        state.flag(finding::kTokensRedacted, Severity::Info, state.firstRedactedEntry,
                   std::to_string(state.redactedTokens)
                       + " token or code values in this file are redacted, so the checks that need them (expiry, nonce, signature, code reuse) "
                         "skipped them.");
    std::stable_sort(state.out.findings.begin(), state.out.findings.end(),
                     [](const HarFinding &a, const HarFinding &b) { return a.entry != b.entry ? a.entry < b.entry : a.code < b.code; });
    HarAnalysis result = std::move(state.out);
    m_state = std::make_unique<State>();
    return result;
}

std::optional<ExchangeKind> HarAnalyzer::State::classify(const HarEntry &entry, const UrlParts &url, const Params &form) const
{
    const std::string &base = url.base;
    if (authorizeEndpoints.count(base) && harParamOf(url.query, "client_id"))
        return ExchangeKind::Authorize;
    if (tokenEndpoints.count(base))
        return ExchangeKind::Token;
    if (userinfoEndpoints.count(base))
        return ExchangeKind::UserInfo;
    if (jwksEndpoints.count(base))
        return ExchangeKind::Jwks;
    if (logoutEndpoints.count(base))
        return ExchangeKind::Logout;
    if (revocationEndpoints.count(base))
        return ExchangeKind::Revocation;
    const std::string &path = url.path;
    if (harContains(path, "/v1/auth/"))
        return ExchangeKind::Descope;
    if (harEndsWith(path, "/.well-known/openid-configuration") || harEndsWith(path, "/.well-known/oauth-authorization-server"))
        return ExchangeKind::Discovery;
    if (harContains(path, "/v2/keys/") || harEndsWith(path, "/jwks") || harEndsWith(path, "/jwks.json") || harEndsWith(path, "/certs"))
        return ExchangeKind::Jwks;
    if (harParamOf(url.query, "response_type") && harParamOf(url.query, "client_id"))
        return ExchangeKind::Authorize;
    if (entry.method == "POST" && harParamOf(form, "grant_type"))
        return ExchangeKind::Token;
    if (harEndsWith(path, "/token"))
        return ExchangeKind::Token;
    if (harEndsWith(path, "/userinfo"))
        return ExchangeKind::UserInfo;
    if (harEndsWith(path, "/revoke") || harEndsWith(path, "/revocation"))
        return ExchangeKind::Revocation;
    if (harContains(path, "logout") || harContains(path, "end_session") || harContains(path, "endsession"))
        return ExchangeKind::Logout;
    for (const Params *params : {&url.query, &url.fragment})
        if (harParamOf(*params, "code") || harParamOf(*params, "id_token") || harParamOf(*params, "access_token")
            || (harParamOf(*params, "error") && harParamOf(*params, "state")))
            return ExchangeKind::Callback;
    return std::nullopt;
}

void HarAnalyzer::State::see(const HarEntry &entry)
{
    const UrlParts url = harSplitUrl(entry.url);
    const bool formBody = harContains(QByteArray::fromStdString(entry.requestMimeType).toLower().toStdString(), "x-www-form-urlencoded")
        || (entry.requestMimeType.empty() && !entry.requestBody.empty() && entry.requestBody.front() != '{');
    const Params form = formBody ? harParams(QString::fromStdString(entry.requestBody)) : Params();
    const std::optional<ExchangeKind> kind = classify(entry, url, form);

    if (entry.status == 429) {
        const std::string retryAfter = entry.responseHeader("retry-after");
        flag(finding::kRateLimited, Severity::Warning, entry.index,
             "The provider answered 429 Too Many Requests to " + entry.method + " " + redactUrl(url.url).toStdString()
                 + (retryAfter.empty() ? "." : " and asked to retry after " + harPlain(retryAfter) + "."));
    }
    seeClock(entry, url);
    seeTokensInUrl(entry, url, "URL");
    const std::string location = entry.responseHeader("location");
    UrlParts locationUrl;
    if (!location.empty()) {
        locationUrl = harSplitUrl(location);
        seeTokensInUrl(entry, locationUrl, "Location header");
    }
    seeBearer(entry);
    seeCookies(entry);

    if (kind) {
        HarExchange exchange{entry.index, *kind, entry.method, redactUrl(url.url).toStdString(), entry.status, {}};
        switch (*kind) {
        case ExchangeKind::Discovery: seeDiscovery(entry); break;
        case ExchangeKind::Jwks: seeJwks(entry, url); break;
        case ExchangeKind::Authorize:
            exchange.detail = "response_type=" + harParamValue(url.query, "response_type");
            seeAuthorize(entry, url);
            break;
        case ExchangeKind::Callback: {
            Params all = url.query;
            all.insert(all.end(), url.fragment.begin(), url.fragment.end());
            exchange.detail = harParamOf(all, "error") ? "error=" + harPlain(harParamValue(all, "error")) : harParamOf(all, "code") ? "code" : "implicit";
            seeCallback(entry, all, "callback URL");
            break;
        }
        case ExchangeKind::Token:
            exchange.detail = "grant_type=" + harParamValue(form, "grant_type");
            seeTokenRequest(entry, form);
            break;
        case ExchangeKind::Descope: {
            const size_t at = url.path.find("/v1/auth/");
            exchange.detail = url.url.path().toStdString().substr(at + 9);
            break;
        }
        case ExchangeKind::UserInfo:
        case ExchangeKind::Logout:
        case ExchangeKind::Revocation: break;
        }
        out.exchanges.push_back(std::move(exchange));
        // Bodies of the exchanges found: tokens a provider returned, or a client sent.
        if (auto json = harJsonBody(entry.responseBody))
            seeTokensInJson(entry, *json, "response body", true, 0);
        if (!formBody) {
            if (auto json = harJsonBody(entry.requestBody))
                seeTokensInJson(entry, *json, "request body", false, 0);
        }
        for (const auto &[name, value] : form)
            if (harIsTokenName(name) || name == "code" || name == "refresh_token")
                seeToken(entry, name, value, "request body", false);
        seeProviderError(entry, *kind);
    }
    // A redirect into a callback (the provider's 302 after login): its parameters are the
    // callback's, whether or not the browser's request for it is in the file too.
    if (!location.empty()) {
        Params all = locationUrl.query;
        all.insert(all.end(), locationUrl.fragment.begin(), locationUrl.fragment.end());
        if (harParamOf(all, "code") || harParamOf(all, "id_token") || harParamOf(all, "access_token") || (harParamOf(all, "error") && harParamOf(all, "state"))) {
            if (!kind)
                out.exchanges.push_back({entry.index, ExchangeKind::Callback, entry.method, redactUrl(url.url).toStdString(), entry.status,
                                         "redirect to " + redactUrl(locationUrl.url).toStdString()});
            seeCallback(entry, all, "redirect");
        }
    }
}

void HarAnalyzer::State::seeDiscovery(const HarEntry &entry)
{
    const auto json = harJsonBody(entry.responseBody);
    if (!json || !json->is_object())
        return;
    const auto text = [&](const char *name) {
        const auto it = json->find(name);
        return it != json->end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    issuer = text("issuer");
    const auto remember = [](std::set<std::string> &set, const std::string &value) {
        if (!value.empty())
            set.insert(QUrl(QString::fromStdString(value)).adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toString(QUrl::FullyEncoded).toStdString());
    };
    remember(authorizeEndpoints, text("authorization_endpoint"));
    remember(tokenEndpoints, text("token_endpoint"));
    remember(userinfoEndpoints, text("userinfo_endpoint"));
    remember(jwksEndpoints, text("jwks_uri"));
    remember(logoutEndpoints, text("end_session_endpoint"));
    remember(revocationEndpoints, text("revocation_endpoint"));
}

void HarAnalyzer::State::seeJwks(const HarEntry &entry, const UrlParts &url)
{
    auto set = crypto::parseJwks(entry.responseBody);
    if (!set)
        return;
    for (auto &key : set->keys)
        keys.keys.push_back(std::move(key));
    // Descope's project keys: <base>/v2/keys/<projectId> (descope-api.md §2.3).
    const size_t at = url.path.find("/v2/keys/");
    if (at != std::string::npos && !descopeProject) {
        const QString path = url.url.path();
        const QString projectId = path.mid(static_cast<qsizetype>(at) + 9).section(QLatin1Char('/'), 0, 0);
        QUrl base = url.url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
        base.setPath(path.left(static_cast<qsizetype>(at)));
        if (auto project = descope::DescopeProject::create(projectId, base, true))
            descopeProject = std::move(project).value();
    }
}

void HarAnalyzer::State::seeAuthorize(const HarEntry &entry, const UrlParts &url)
{
    AuthorizationSeen seen{entry.index,
                           harParamValue(url.query, "state"),
                           harParamValue(url.query, "nonce"),
                           harParamValue(url.query, "code_challenge"),
                           harParamValue(url.query, "code_challenge_method"),
                           harParamValue(url.query, "client_id")};
    if (!seen.clientId.empty())
        clientId = seen.clientId;
    const std::string responseType = harParamValue(url.query, "response_type");
    if (harContains(responseType, "code") && seen.challenge.empty())
        flag(finding::kPkceMissing, Severity::Warning, entry.index,
             "The authorization request asks for a code without a code_challenge: the code is not bound to this client (RFC 7636, RFC 9700 §2.1.1).");
    if (!seen.challenge.empty() && seen.challengeMethod == "plain")
        flag(finding::kPkcePlain, Severity::Warning, entry.index,
             "The authorization request uses code_challenge_method=plain; S256 is the method every client should use (RFC 7636 §4.2).");
    authorizations.push_back(std::move(seen));
}

void HarAnalyzer::State::seeCallback(const HarEntry &entry, const Params &params, const char *where)
{
    const std::string key = harParamValue(params, "state") + "|" + harParamValue(params, "code") + "|" + harParamValue(params, "error");
    if (!callbacksChecked.insert(key).second)
        return;
    if (const std::string *error = harParamOf(params, "error"))
        flag(finding::kProviderError, Severity::Warning, entry.index,
             "The authorization response (" + std::string(where) + ") is an error: " + harPlain(*error)
                 + (harParamOf(params, "error_description") ? " (" + harPlain(harParamValue(params, "error_description")) + ")" : std::string()) + ".");
    if (authorizations.empty())
        return;
    const std::string *state = harParamOf(params, "state");
    const bool anySent = std::any_of(authorizations.begin(), authorizations.end(), [](const AuthorizationSeen &a) { return !a.state.empty(); });
    if (!state) {
        if (anySent)
            flag(finding::kStateMismatch, Severity::Error, entry.index,
                 "The authorization response (" + std::string(where) + ") carries no state although the authorization request sent one (RFC 6749 §10.12).");
        return;
    }
    const bool matches = std::any_of(authorizations.begin(), authorizations.end(), [&](const AuthorizationSeen &a) { return a.state == *state; });
    if (!matches)
        flag(finding::kStateMismatch, Severity::Error, entry.index,
             "The state in the authorization response (" + std::string(where) + ", \"" + harPlain(redactSecret(*state))
                 + "\") is not the state any authorization request in this file sent (RFC 6749 §10.12).");
}

void HarAnalyzer::State::seeTokenRequest(const HarEntry &entry, const Params &form)
{
    if (const std::string *id = harParamOf(form, "client_id"))
        clientId = *id;
    if (harParamValue(form, "grant_type") != "authorization_code")
        return;
    if (!harParamOf(form, "code_verifier")) {
        const bool challenged = std::any_of(authorizations.begin(), authorizations.end(), [](const AuthorizationSeen &a) { return !a.challenge.empty(); });
        if (challenged)
            flag(finding::kPkceMissing, Severity::Error, entry.index,
                 "The token request has no code_verifier although the authorization request sent a code_challenge: the provider must refuse it (RFC 7636 §4.6).");
        else if (authorizations.empty())
            flag(finding::kPkceMissing, Severity::Warning, entry.index,
                 "The token request redeems a code without a code_verifier: the code was not bound with PKCE (RFC 7636, RFC 9700 §2.1.1).");
    }
    const std::string code = harParamValue(form, "code");
    if (code.empty() || harIsRedacted(code))
        return;
    const auto [it, inserted] = codes.emplace(code, entry.index);
    if (!inserted)
        flag(finding::kCodeReused, Severity::Error, entry.index,
             "This token request redeems the authorization code (" + redactSecret(code) + ") that entry " + std::to_string(it->second)
                 + " already sent; a code is single-use and a second use should revoke what the first issued (RFC 6749 §4.1.2).");
}

void HarAnalyzer::State::seeTokensInUrl(const HarEntry &entry, const UrlParts &url, const char *where)
{
    for (const auto *params : {&url.query, &url.fragment}) {
        const char *part = params == &url.query ? "query" : "fragment";
        for (const auto &[name, value] : *params) {
            const bool jwtShaped = harLooksLikeJwt(value);
            const bool tokenNamed = name == "access_token" || name == "id_token" || name == "refresh_token" || name == "sessionJwt"
                || name == "refreshJwt";
            if ((tokenNamed || (jwtShaped && !harJwtAllowedInUrl(name))) && !value.empty())
                flag(finding::kTokenInUrl, Severity::Error, entry.index,
                     "The " + std::string(where) + " carries a token (" + name + ") in its " + part
                         + ": URLs end up in browser history, server logs and Referer headers (RFC 9700 §2.1.2, RFC 6750 §5.3).");
            if (jwtShaped || harIsTokenName(name))
                seeToken(entry, name, value, where, std::string_view(where) == "Location header");
        }
    }
}

void HarAnalyzer::State::seeTokensInJson(const HarEntry &entry, const Json &json, const char *where, bool fromResponse, int depth)
{
    if (depth > kHarMaxJsonDepth)
        return;
    if (json.is_object()) {
        for (const auto &[name, value] : json.items()) {
            if (value.is_string() && (harIsTokenName(name) || harLooksLikeJwt(value.get_ref<const std::string &>())))
                seeToken(entry, name, value.get<std::string>(), where, fromResponse);
            else if (value.is_structured())
                seeTokensInJson(entry, value, where, fromResponse, depth + 1);
        }
    } else if (json.is_array()) {
        for (const auto &value : json)
            if (value.is_structured())
                seeTokensInJson(entry, value, where, fromResponse, depth + 1);
    }
}

void HarAnalyzer::State::seeBearer(const HarEntry &entry)
{
    const std::string authorization = entry.requestHeader("authorization");
    if (authorization.size() < 8 || QByteArray::fromStdString(authorization.substr(0, 7)).compare("bearer ", Qt::CaseInsensitive) != 0)
        return;
    std::string value = authorization.substr(7);
    // Descope's refresh and session calls send "Bearer <projectId>:<jwt>" (descope-api.md §1.2).
    const size_t colon = value.find(':');
    if (colon != std::string::npos && colon < 64)
        value = value.substr(colon + 1);
    seeToken(entry, "Authorization", value, "Authorization header", false);
}

void HarAnalyzer::State::seeCookies(const HarEntry &entry)
{
    // Descope's session and refresh cookies, DS and DSR (descope-api.md §2.1).
    for (const auto &[name, value] : entry.responseHeaders) {
        if (QByteArray::fromStdString(name).compare("set-cookie", Qt::CaseInsensitive) != 0)
            continue;
        const std::string pair = value.substr(0, value.find(';'));
        const size_t eq = pair.find('=');
        if (eq != std::string::npos && (harLooksLikeJwt(pair.substr(eq + 1)) || harIsTokenName(pair.substr(0, eq))))
            seeToken(entry, pair.substr(0, eq), pair.substr(eq + 1), "Set-Cookie", true);
    }
}

void HarAnalyzer::State::seeToken(const HarEntry &entry, const std::string &name, const std::string &value, const char *where, bool fromResponse)
{
    if (value.empty())
        return;
    if (harIsRedacted(value)) {
        if (redactedTokens++ == 0)
            firstRedactedEntry = entry.index;
        return;
    }
    if (!harLooksLikeJwt(value))
        return; // an opaque token or a code: nothing to decode
    auto [it, first] = tokens.try_emplace(value);
    DecodedToken &token = it->second;
    if (first) {
        jwt::JwtDecodeOptions options;
        options.maxSize = kHarMaxTokenBytes;
        auto decoded = jwt::decodeJwt(value, options);
        if (decoded)
            token.jwt = std::move(decoded).value();
        else
            flag(finding::kTokenUndecodable, Severity::Warning, entry.index,
                 "The " + name + " in the " + where + " looks like a JWT but does not decode: " + decoded.error().message);
        token.tokenIndex = out.tokens.size();
        out.tokens.push_back({entry.index, name, where, value, {}});
        if (token.jwt && entry.startedMs) {
            jwt::ClaimCheckOptions atEntry;
            atEntry.now = *entry.startedMs / 1000;
            atEntry.leewaySeconds = kHarExpiryLeewaySeconds;
            atEntry.requireExpiry = false;
            out.tokens.back().checks = jwt::checkClaims(*token.jwt, atEntry);
        }
    }
    if (!token.jwt)
        return;
    const std::optional<int64_t> at = entry.startedMs ? std::optional<int64_t>(*entry.startedMs / 1000) : std::nullopt;
    if (at) {
        const auto exp = token.jwt->numericClaim("exp");
        if (exp && *exp + kHarExpiryLeewaySeconds < *at && !token.expiredReported) {
            token.expiredReported = true;
            flag(finding::kTokenExpired, Severity::Error, entry.index,
                 "The " + name + " " + (fromResponse ? "returned in the " : "sent in the ") + where + " had expired " + formatDuration(*at - *exp)
                     + " before this exchange (exp " + formatUtc(*exp) + ", RFC 7519 §4.1.4).");
        }
        const auto iat = token.jwt->numericClaim("iat");
        const auto nbf = token.jwt->numericClaim("nbf");
        if (fromResponse && !token.skewReported) {
            if (iat && *iat > *at + kHarClockSkewSeconds) {
                token.skewReported = true;
                flag(finding::kClockSkew, Severity::Warning, entry.index,
                     "The " + name + " was issued (iat) " + formatDuration(*iat - *at)
                         + " after the client sent this request by its own clock: the provider's clock or the client's is off.");
            } else if (nbf && *nbf > *at + kHarClockSkewSeconds) {
                token.skewReported = true;
                flag(finding::kClockSkew, Severity::Warning, entry.index,
                     "The " + name + " is not valid before (nbf) a time " + formatDuration(*nbf - *at)
                         + " after this exchange by the client's clock: the provider's clock or the client's is off.");
            }
        }
    }
    if (!first || !fromResponse)
        return;
    if (name == "id_token") {
        // OIDC Core §3.1.3.7 #11: the nonce of the authorization request, when one sent it.
        const auto nonce = token.jwt->stringClaim("nonce");
        const bool anyNonce = std::any_of(authorizations.begin(), authorizations.end(), [](const AuthorizationSeen &a) { return !a.nonce.empty(); });
        const bool matches = nonce && std::any_of(authorizations.begin(), authorizations.end(), [&](const AuthorizationSeen &a) { return a.nonce == *nonce; });
        if (anyNonce && !nonce)
            flag(finding::kNonceMismatch, Severity::Error, entry.index,
                 "The ID token has no nonce claim although the authorization request sent a nonce (OIDC Core §3.1.3.7 #11).");
        else if (anyNonce && !matches)
            flag(finding::kNonceMismatch, Severity::Error, entry.index,
                 "The ID token's nonce (\"" + harPlain(redactSecret(*nonce)) + "\") is not the nonce any authorization request in this file sent (OIDC Core §3.1.3.7 #11).");
        PendingCheck pending{entry.index, token.tokenIndex, name, value, at, std::nullopt};
        if (auto json = harJsonBody(entry.responseBody); json && json->is_object() && json->contains("access_token") && (*json)["access_token"].is_string())
            pending.accessToken = (*json)["access_token"].get<std::string>();
        idTokens.push_back(std::move(pending));
    } else if (name == "sessionJwt" || name == "DS") {
        sessionTokens.push_back({entry.index, token.tokenIndex, name, value, at, std::nullopt});
    }
}

void HarAnalyzer::State::seeClock(const HarEntry &entry, const UrlParts &url)
{
    if (!entry.startedMs || entry.status == 0)
        return;
    const std::optional<int64_t> date = harHttpDate(entry.responseHeader("date"));
    if (!date)
        return;
    const std::string host = harHostOf(url);
    if (skewedHosts.count(host))
        return;
    // The Date header is made between the request's start and the response's end; it has
    // whole seconds (RFC 9110 §6.6.1), so one more second either way.
    const int64_t earliest = *entry.startedMs - 1000;
    const int64_t latest = *entry.startedMs + static_cast<int64_t>(entry.timeMs) + 1000;
    const int64_t off = *date < earliest ? earliest - *date : *date > latest ? *date - latest : 0;
    if (off <= kHarClockSkewSeconds * 1000)
        return;
    skewedHosts.insert(host);
    flag(finding::kClockSkew, Severity::Warning, entry.index,
         "The Date header of " + host + " is " + formatDuration(off / 1000) + (*date < earliest ? " behind" : " ahead of")
             + " the client's clock (startedDateTime): tokens may look expired or not yet valid to one side.");
}

void HarAnalyzer::State::seeProviderError(const HarEntry &entry, ExchangeKind kind)
{
    if (entry.status < 400 || entry.status == 429)
        return;
    std::string reason;
    if (auto json = harJsonBody(entry.responseBody); json && json->is_object()) {
        const auto text = [&](const char *name) {
            const auto it = json->find(name);
            return it != json->end() && it->is_string() ? harPlain(it->get<std::string>()) : std::string();
        };
        const std::string error = !text("error").empty() ? text("error") : text("errorCode");
        const std::string description = !text("error_description").empty() ? text("error_description") : text("errorDescription");
        reason = error + (description.empty() ? std::string() : " (" + description + ")");
    }
    flag(finding::kProviderError, Severity::Warning, entry.index,
         "The " + std::string(exchangeKindName(kind)) + " request was refused with HTTP " + std::to_string(entry.status)
             + (reason.empty() ? "." : ": " + reason + "."));
}

void HarAnalyzer::State::checkIdToken(const PendingCheck &pending)
{
    const jwt::DecodedJwt &decoded = *tokens.at(pending.value).jwt;
    std::vector<jwt::ClaimCheck> checks;
    jwt::ClaimCheck signatureCheck{"signature", "OIDC Core §3.1.3.7 #6: a key of the JWKS in this HAR verifies the signature",
                                   jwt::CheckOutcome::Skip, "no JWKS response in this HAR", {}};
    if (!keys.keys.empty()) {
        auto signature = jwt::verifySignature(decoded, keys, jwt::SignaturePolicy{});
        if (signature) {
            signatureCheck.outcome = jwt::CheckOutcome::Pass;
            signatureCheck.setDetail("verified with " + signature->keyDescription);
        } else {
            const std::string &code = signature.error().code;
            if (code == "ALG_NOT_ALLOWED") {
                signatureCheck.setDetail(signature.error().message + " (a shared-secret signature cannot be checked from a HAR)");
            } else {
                signatureCheck.setDetail(signature.error().message);
                signatureCheck.outcome = jwt::CheckOutcome::Fail;
                signatureCheck.code = code;
            }
            if (code == "KID_UNKNOWN" || code == "NO_SUITABLE_KEY")
                flag(finding::kIdtKidUnknown, Severity::Warning, pending.entry,
                     "No key of the JWKS in this file can check the ID token's signature (kid \"" + harPlain(decoded.kid)
                         + "\"): the keys may have rotated (OIDC Core §10.1.1).");
            else if (code != "ALG_NOT_ALLOWED")
                flag(finding::kIdtSignatureInvalid, Severity::Error, pending.entry,
                     "The ID token's signature does not verify with the JWKS in this file: " + signature.error().message + " (OIDC Core §3.1.3.7 #6).");
        }
    }
    checks.push_back(std::move(signatureCheck));
    if (pending.atSeconds) {
        jwt::ClaimCheckOptions options;
        if (!issuer.empty())
            options.issuer = issuer;
        if (!clientId.empty())
            options.audience = clientId;
        options.accessToken = pending.accessToken;
        options.now = pending.atSeconds;
        options.leewaySeconds = kHarExpiryLeewaySeconds;
        options.requireIssuedAt = true;
        options.requireSubject = true;
        jwt::appendClaimChecks(checks, decoded, options);
        for (const jwt::ClaimCheck &check : checks) {
            // exp, nbf and iat are TOKEN_EXPIRED / CLOCK_SKEW; nonce is NONCE_MISMATCH; the signature is above.
            if (check.passed() || check.id == "signature" || check.id == "exp" || check.id == "nbf" || check.id == "iat" || check.id == "nonce")
                continue;
            flag(finding::kIdtClaimInvalid, Severity::Error, pending.entry,
                 "The ID token fails the " + check.id + " check (" + check.code + "): " + harPlain(check.detail()) + ".");
        }
    }
    out.tokens[pending.tokenIndex].checks = std::move(checks);
}

void HarAnalyzer::State::checkSessionToken(const PendingCheck &pending)
{
    if (keys.keys.empty() || !descopeProject || !pending.atSeconds)
        return;
    descope::SessionCheckOptions options;
    options.now = pending.atSeconds;
    const descope::SessionValidation validation = descope::validateSessionJwt(pending.value, keys, *descopeProject, options);
    out.tokens[pending.tokenIndex].checks = validation.checks;
    for (const jwt::ClaimCheck &check : validation.checks) {
        if (check.passed() || check.id == "session.exp" || check.id == "session.nbf" || check.id == "session.iat")
            continue;
        if (check.id == "session.signature")
            flag(check.code == "KID_UNKNOWN" || check.code == "NO_SUITABLE_KEY" ? finding::kIdtKidUnknown : finding::kSessionSignatureInvalid,
                 check.code == "KID_UNKNOWN" || check.code == "NO_SUITABLE_KEY" ? Severity::Warning : Severity::Error, pending.entry,
                 "The session JWT's signature does not verify with the project's keys in this file: " + harPlain(check.detail()) + ".");
        else
            flag(finding::kSessionClaimInvalid, Severity::Error, pending.entry,
                 "The session JWT fails the " + check.id + " check (" + check.code + "): " + harPlain(check.detail()) + ".");
    }
}

} // namespace oidc::har
