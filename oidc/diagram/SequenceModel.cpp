#include "SequenceModel.h"

#include "oidc/Json.h"
#include "oidc/Redaction.h"
#include "oidc/descope/PollRecord.h"
#include "oidc/net/ExchangeLog.h"

#include <QUrlQuery>

#include <algorithm>

namespace oidc::diagram {

namespace {

// "host:port", IPv6 hosts in brackets; no user info.
QString hostOf(const QUrl &url)
{
    QString host = url.host(QUrl::FullyEncoded);
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return url.port() >= 0 ? host + QLatin1Char(':') + QString::number(url.port()) : host;
}

// The path, each segment that looks like a token (a JWT, a long run mixing letters and digits:
// redactText's rule) cut to its first six characters ("P2Sand…", "eyJhbG…": a project ID in a
// Descope path looks like that too); a path is never shown whole when part of it could be a secret.
QString redactedPath(const QUrl &url)
{
    const QString path = url.path(QUrl::FullyEncoded);
    if (path.isEmpty())
        return QStringLiteral("/");
    QStringList segments = path.split(QLatin1Char('/'));
    for (QString &segment : segments) {
        const std::string text = segment.toStdString();
        if (redactText(text) != text)
            segment = segment.left(6) + QStringLiteral("…");
    }
    return segments.join(QLatin1Char('/'));
}

// "?code&state&iss" (and "#…" for a fragment): the names a redirect brought, never their values.
QString parameterNames(const QUrl &url)
{
    const auto names = [](const QString &encoded) {
        QStringList list;
        for (const auto &[name, value] : QUrlQuery(encoded).queryItems(QUrl::FullyEncoded))
            list << QString::fromStdString(redactText(name.toStdString()));
        return list.join(QLatin1Char('&'));
    };
    QString text;
    if (url.hasQuery())
        text += QLatin1Char('?') + names(url.query(QUrl::FullyEncoded));
    if (url.hasFragment())
        text += QLatin1Char('#') + names(url.fragment(QUrl::FullyEncoded));
    return text;
}

bool pathStartsWith(const QString &path, std::initializer_list<const char *> prefixes)
{
    return std::any_of(prefixes.begin(), prefixes.end(), [&](const char *prefix) { return path.startsWith(QLatin1String(prefix)); });
}

// Where a request went, by the flow step it is tagged with, else by its path (see the header).
LaneRole roleOf(const net::ExchangeRecord &record)
{
    if (record.step) {
        switch (*record.step) {
        case flow::FlowStep::Keys:
        case flow::FlowStep::IdToken: // the refetch on an unknown kid
            return LaneRole::Jwks;
        case flow::FlowStep::Refresh: // the token endpoint takes POST only (RFC 6749 §3.2): a GET is the JWKS refetch
            return record.method == "GET" ? LaneRole::Jwks : LaneRole::AuthorizationServer;
        default:
            return LaneRole::AuthorizationServer;
        }
    }
    const QString path = record.url.path();
    if (pathStartsWith(path, {"/v1/auth/", "/v1/mgmt/", "/v2/mgmt/"}))
        return LaneRole::DescopeApi;
    if (pathStartsWith(path, {"/v1/keys/", "/v2/keys/"}) || path.endsWith(QLatin1String("/jwks.json")) || path.endsWith(QLatin1String("/jwks")))
        return LaneRole::Jwks;
    if (path.contains(QLatin1String("/.well-known/openid-configuration")) || path.contains(QLatin1String("/.well-known/oauth-authorization-server")))
        return LaneRole::AuthorizationServer;
    return LaneRole::ProtectedApi;
}

QString laneIdPrefix(LaneRole role)
{
    switch (role) {
    case LaneRole::Browser: return QStringLiteral("browser");
    case LaneRole::App: return QStringLiteral("app");
    case LaneRole::AuthorizationServer: return QStringLiteral("authserver"); // "as" is a Mermaid keyword
    case LaneRole::Jwks: return QStringLiteral("jwks");
    case LaneRole::DescopeApi: return QStringLiteral("descope");
    case LaneRole::ProtectedApi: return QStringLiteral("api");
    }
    return QStringLiteral("lane");
}

QString resultOf(const net::ExchangeRecord &record)
{
    QString result = record.status > 0 ? QString::number(record.status) : QString();
    if (record.error)
        result += (result.isEmpty() ? QString() : QStringLiteral(" ")) + QString::fromStdString(record.error->code);
    return result;
}

// A Descope poll's "not yet" (401 with a pending code such as E062503, the Poller's rule) is no
// failure: the arrow stays neutral until the session comes or the poll really fails.
bool isPendingPoll(const net::ExchangeRecord &record)
{
    if (record.status != 401 || record.responseBody.size() > 4096)
        return false;
    const Json body = Json::parse(record.responseBody.constData(), record.responseBody.constData() + record.responseBody.size(), nullptr, false);
    if (!body.is_object() || !body.contains("errorCode") || !body["errorCode"].is_string())
        return false;
    const auto pending = descope::PollSettings{}.pendingCodes;
    return std::find(pending.begin(), pending.end(), body["errorCode"].get<std::string>()) != pending.end();
}

Outcome outcomeOf(const net::ExchangeRecord &record)
{
    if (isPendingPoll(record))
        return Outcome::Neutral;
    return record.error ? Outcome::Bad : outcomeOfStatus(record.status);
}

} // namespace

QString laneRoleName(LaneRole role)
{
    switch (role) {
    case LaneRole::Browser: return QStringLiteral("Browser");
    case LaneRole::App: return QStringLiteral("App");
    case LaneRole::AuthorizationServer: return QStringLiteral("Authorization server");
    case LaneRole::Jwks: return QStringLiteral("JWKS");
    case LaneRole::DescopeApi: return QStringLiteral("Descope API");
    case LaneRole::ProtectedApi: return QStringLiteral("Protected API");
    }
    return {};
}

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Good: return QStringLiteral("good");
    case Outcome::Neutral: return QStringLiteral("neutral");
    case Outcome::Bad: return QStringLiteral("bad");
    }
    return {};
}

Outcome outcomeOfStatus(int status)
{
    if (status >= 200 && status < 300)
        return Outcome::Good;
    if (status >= 100 && status < 400)
        return Outcome::Neutral;
    return Outcome::Bad; // 4xx, 5xx, and no response at all
}

QString Arrow::detail() const
{
    QString text = request;
    if (!result.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(" → ")) + result;
    if (count > 1)
        text += QStringLiteral(" · poll ×%1").arg(count);
    return text;
}

QString Arrow::recordNumbers() const
{
    if (kind != Kind::Exchange)
        return {};
    return firstRecordId == recordId ? QStringLiteral("#%1").arg(recordId) : QStringLiteral("#%1–%2").arg(firstRecordId).arg(recordId);
}

int SequenceModel::columnOf(int lane) const
{
    const auto found = std::find(m_columns.begin(), m_columns.end(), lane);
    return found == m_columns.end() ? -1 : static_cast<int>(found - m_columns.begin());
}

int SequenceModel::laneFor(LaneRole role, const QString &host, bool &added)
{
    int sameRole = 0;
    for (size_t i = 0; i < m_lanes.size(); ++i) {
        if (m_lanes[i].role != role)
            continue;
        if (m_lanes[i].host == host)
            return static_cast<int>(i);
        ++sameRole;
    }
    const QString id = laneIdPrefix(role) + (sameRole > 0 ? QString::number(sameRole + 1) : QString());
    m_lanes.push_back(Lane{role, host, id});
    const int lane = static_cast<int>(m_lanes.size()) - 1;
    m_columns.push_back(lane);
    // By role, a role's hosts in the order they appeared (stable).
    std::stable_sort(m_columns.begin(), m_columns.end(), [this](int a, int b) { return m_lanes[a].role < m_lanes[b].role; });
    added = true;
    return lane;
}

int SequenceModel::append(Arrow arrow, Change &change)
{
    m_arrows.push_back(std::move(arrow));
    const int index = static_cast<int>(m_arrows.size()) - 1;
    if (change.firstAppended < 0)
        change.firstAppended = index;
    return index;
}

void SequenceModel::dropBeyondLimits(Change &change)
{
    const int excess = static_cast<int>(m_arrows.size()) - std::max(1, m_limits.maxArrows);
    if (excess <= 0)
        return;
    m_arrows.erase(m_arrows.begin(), m_arrows.begin() + excess);
    m_dropped += excess;
    change.dropped = excess;
    if (change.firstAppended >= 0)
        change.firstAppended = std::max(0, change.firstAppended - excess);
    if (change.updated >= 0)
        change.updated = std::max(0, change.updated - excess);
}

SequenceModel::Change SequenceModel::addExchange(const net::ExchangeRecord &record)
{
    Change change;
    const QString key = QString::fromLatin1(record.method) + QLatin1Char(' ') + redactUrl(record.url) + QLatin1Char('\n') + record.label
        + QLatin1Char('\n') + (record.step ? QString::number(static_cast<int>(*record.step)) : QString());
    const Outcome outcome = outcomeOf(record);
    if (!m_arrows.empty() && key == m_lastKey) {
        Arrow &last = m_arrows.back();
        ++last.count;
        last.recordId = record.id;
        last.result = resultOf(record);
        last.outcome = outcome;
        last.atMsSinceEpoch = record.startedMsSinceEpoch;
        change.updated = static_cast<int>(m_arrows.size()) - 1;
        return change;
    }
    m_lastKey = key;
    Arrow arrow;
    arrow.kind = Arrow::Kind::Exchange;
    arrow.from = laneFor(LaneRole::App, {}, change.lanesAdded);
    arrow.to = laneFor(roleOf(record), hostOf(record.url), change.lanesAdded);
    arrow.label = QString::fromStdString(redactText(record.label.toStdString()));
    arrow.request = QString::fromLatin1(record.method) + QLatin1Char(' ') + redactedPath(record.url);
    arrow.result = resultOf(record);
    arrow.outcome = outcome;
    arrow.step = record.step;
    arrow.firstRecordId = record.id;
    arrow.recordId = record.id;
    arrow.atMsSinceEpoch = record.startedMsSinceEpoch;
    append(std::move(arrow), change);
    dropBeyondLimits(change);
    return change;
}

SequenceModel::Change SequenceModel::addHop(const flow::BrowserHop &hop)
{
    Change change;
    m_lastKey.clear(); // a hop ends a run of identical requests
    const bool logout = hop.step == flow::FlowStep::Logout;
    const int browser = laneFor(LaneRole::Browser, {}, change.lanesAdded);
    const int app = laneFor(LaneRole::App, {}, change.lanesAdded);
    const auto hopArrow = [&](int from, int to, const QString &label, const QString &request) {
        Arrow arrow;
        arrow.kind = Arrow::Kind::Hop;
        arrow.from = from;
        arrow.to = to;
        arrow.label = label;
        arrow.request = request;
        arrow.step = hop.step;
        arrow.atMsSinceEpoch = hop.atMsSinceEpoch;
        return arrow;
    };
    if (hop.kind == flow::BrowserHop::Kind::Open) {
        m_providerLane = laneFor(LaneRole::AuthorizationServer, hostOf(hop.url), change.lanesAdded);
        append(hopArrow(app, browser, logout ? QStringLiteral("open the end-session URL") : QStringLiteral("open the authorization URL"), {}),
               change);
        append(hopArrow(browser, m_providerLane, logout ? QStringLiteral("log out at the provider") : QStringLiteral("sign in at the provider"),
                        QStringLiteral("GET ") + redactedPath(hop.url)),
               change);
    } else {
        const QString target = hop.url.scheme() + QStringLiteral("://") + hostOf(hop.url) + redactedPath(hop.url);
        if (m_providerLane >= 0)
            append(hopArrow(m_providerLane, browser, QStringLiteral("redirect back to the app"), QStringLiteral("to ") + target), change);
        Arrow back = hopArrow(browser, app, logout ? QStringLiteral("post-logout redirect") : QStringLiteral("callback"),
                              QStringLiteral("GET ") + redactedPath(hop.url) + parameterNames(hop.url));
        back.outcome = hop.error ? Outcome::Bad : Outcome::Good;
        back.result = hop.error ? QStringLiteral("refused: ") + QString::fromStdString(hop.error->code) : QStringLiteral("accepted");
        append(std::move(back), change);
    }
    dropBeyondLimits(change);
    return change;
}

void SequenceModel::clear()
{
    m_lanes.clear();
    m_columns.clear();
    m_arrows.clear();
    m_lastKey.clear();
    m_providerLane = -1;
    m_dropped = 0;
}

} // namespace oidc::diagram
