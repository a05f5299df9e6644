#include "FaultInjector.h"

#include <array>
#include <utility>

namespace sandbox {

namespace {

constexpr std::array<std::pair<FaultKind, std::string_view>, 13> kNames{{
    {FaultKind::Latency, "latency"},
    {FaultKind::ServerError, "server-error"},
    {FaultKind::RateLimit, "rate-limit"},
    {FaultKind::WrongState, "wrong-state"},
    {FaultKind::MissingIss, "missing-iss"},
    {FaultKind::ExpiredIdToken, "expired-id-token"},
    {FaultKind::FutureIatIdToken, "future-iat-id-token"},
    {FaultKind::WrongNonce, "wrong-nonce"},
    {FaultKind::WrongAudience, "wrong-audience"},
    {FaultKind::WrongIssuer, "wrong-issuer"},
    {FaultKind::BadSignature, "bad-signature"},
    {FaultKind::UnknownKid, "unknown-kid"},
    {FaultKind::MalformedJson, "malformed-json"},
}};

oidc::Error invalid(std::string message)
{
    oidc::Error error = oidc::makeError(oidc::ErrorCategory::Sandbox, "FAULT_INVALID", std::move(message));
    error.httpStatus = 400;
    return error;
}

} // namespace

bool pathFilterMatches(std::string_view filter, QByteArrayView path, QByteArrayView routePattern)
{
    if (filter.empty())
        return true;
    const QByteArrayView wanted(filter.data(), static_cast<qsizetype>(filter.size()));
    if (wanted.endsWith('*'))
        return path.startsWith(wanted.chopped(1));
    if (wanted == path || wanted == routePattern)
        return true;
    if (!wanted.contains('{'))
        return false;
    // A pattern of the filter's own: "{…}" stands for any one segment ("/v1/auth/otp/signin/{method}").
    qsizetype w = 0;
    qsizetype p = 0;
    while (w <= wanted.size() && p <= path.size()) {
        qsizetype wEnd = wanted.indexOf('/', w);
        qsizetype pEnd = path.indexOf('/', p);
        if (wEnd < 0)
            wEnd = wanted.size();
        if (pEnd < 0)
            pEnd = path.size();
        const QByteArrayView segment = wanted.sliced(w, wEnd - w);
        const QByteArrayView actual = path.sliced(p, pEnd - p);
        const bool capture = segment.size() > 2 && segment.startsWith('{') && segment.endsWith('}');
        if (capture ? actual.isEmpty() : segment != actual)
            return false;
        const bool wantedDone = wEnd == wanted.size();
        const bool pathDone = pEnd == path.size();
        if (wantedDone || pathDone)
            return wantedDone && pathDone;
        w = wEnd + 1;
        p = pEnd + 1;
    }
    return false;
}

std::string_view FaultInjector::kindName(FaultKind kind)
{
    for (const auto &[k, name] : kNames) {
        if (k == kind)
            return name;
    }
    return "unknown";
}

std::optional<FaultKind> FaultInjector::parseKind(std::string_view name)
{
    for (const auto &[kind, text] : kNames) {
        if (text == name)
            return kind;
    }
    // Also accept "5xx" and "429", the names people use for them.
    if (name == "5xx")
        return FaultKind::ServerError;
    if (name == "429")
        return FaultKind::RateLimit;
    return std::nullopt;
}

const std::vector<FaultKind> &FaultInjector::allKinds()
{
    static const std::vector<FaultKind> kinds = [] {
        std::vector<FaultKind> out;
        for (const auto &[kind, name] : kNames)
            out.push_back(kind);
        return out;
    }();
    return kinds;
}

oidc::Json Fault::toJson() const
{
    oidc::Json json = {{"id", id}, {"kind", FaultInjector::kindName(kind)}, {"path", path}};
    json["count"] = remaining < 0 ? oidc::Json(nullptr) : oidc::Json(remaining);
    if (kind == FaultKind::Latency)
        json["ms"] = latencyMs;
    if (kind == FaultKind::ServerError)
        json["status"] = status;
    if (kind == FaultKind::RateLimit || kind == FaultKind::ServerError)
        json["retryAfter"] = retryAfterSeconds;
    return json;
}

oidc::Result<Fault> FaultInjector::fromJson(const oidc::Json &json)
{
    if (!json.is_object())
        return invalid("a fault is a JSON object");
    Fault fault;
    const auto kind = json.find("kind");
    if (kind == json.end() || !kind->is_string())
        return invalid("\"kind\" is required");
    const auto parsed = parseKind(kind->get<std::string>());
    if (!parsed) {
        std::string names;
        for (const auto &[k, name] : kNames)
            names += (names.empty() ? "" : ", ") + std::string(name);
        return invalid("unknown fault kind; one of: " + names);
    }
    fault.kind = *parsed;
    for (const char *key : {"path", "endpoint"}) {
        if (const auto it = json.find(key); it != json.end()) {
            if (!it->is_string())
                return invalid(std::string("\"") + key + "\" must be a string");
            fault.path = it->get<std::string>();
        }
    }
    auto integer = [&](const char *key, int &out, int minimum, int maximum) -> oidc::Status {
        const auto it = json.find(key);
        if (it == json.end() || it->is_null())
            return {};
        if (!it->is_number_integer() || it->get<int64_t>() < minimum || it->get<int64_t>() > maximum)
            return invalid(std::string("\"") + key + "\" must be an integer from " + std::to_string(minimum) + " to "
                           + std::to_string(maximum));
        out = static_cast<int>(it->get<int64_t>());
        return {};
    };
    int count = -1;
    if (auto s = integer("count", count, 1, 1'000'000); !s)
        return s.error();
    fault.remaining = count;
    if (auto s = integer("ms", fault.latencyMs, 0, 120'000); !s)
        return s.error();
    if (auto s = integer("status", fault.status, 500, 599); !s)
        return s.error();
    if (auto s = integer("retryAfter", fault.retryAfterSeconds, 0, 86'400); !s)
        return s.error();
    return fault;
}

int FaultInjector::add(Fault fault)
{
    fault.id = m_nextId++;
    m_faults.push_back(std::move(fault));
    changed();
    return m_faults.back().id;
}

bool FaultInjector::remove(int id)
{
    const auto removed = std::erase_if(m_faults, [id](const Fault &fault) { return fault.id == id; });
    if (removed)
        changed();
    return removed > 0;
}

void FaultInjector::clear()
{
    if (m_faults.empty())
        return;
    m_faults.clear();
    changed();
}

std::optional<Fault> FaultInjector::take(FaultKind kind, QByteArrayView path, QByteArrayView routePattern)
{
    for (auto it = m_faults.begin(); it != m_faults.end(); ++it) {
        if (it->kind != kind || !pathFilterMatches(it->path, path, routePattern))
            continue;
        Fault fault = *it;
        if (it->remaining > 0) { // faults "until cleared" do not change when used
            if (--it->remaining == 0)
                m_faults.erase(it);
            changed();
        }
        return fault;
    }
    return std::nullopt;
}

TokenFaults FaultInjector::takeTokenFaults(QByteArrayView path, QByteArrayView routePattern)
{
    TokenFaults faults;
    if (m_faults.empty())
        return faults;
    faults.expired = take(FaultKind::ExpiredIdToken, path, routePattern).has_value();
    faults.futureIat = take(FaultKind::FutureIatIdToken, path, routePattern).has_value();
    faults.wrongNonce = take(FaultKind::WrongNonce, path, routePattern).has_value();
    faults.wrongAudience = take(FaultKind::WrongAudience, path, routePattern).has_value();
    faults.wrongIssuer = take(FaultKind::WrongIssuer, path, routePattern).has_value();
    faults.badSignature = take(FaultKind::BadSignature, path, routePattern).has_value();
    faults.unknownKid = take(FaultKind::UnknownKid, path, routePattern).has_value();
    return faults;
}

void FaultInjector::changed()
{
    if (m_changed)
        m_changed();
}

} // namespace sandbox
