#pragma once

// The flow as a sequence diagram: lanes (the user's browser, the app, each provider endpoint by
// role and host, the protected API) and arrows in the order things happened, one per HTTP exchange
// of the exchange log and one per browser hop. Built incrementally — addExchange() and addHop()
// append or update one arrow and say which — so a view redraws only what changed; the renderers
// (SequenceSvg.h, SequenceMermaid.h) and the GUI read the same model.
//
// Nothing secret is kept: an arrow holds the request's method and path (a path segment shaped like
// a token is redacted), the names of a redirect's parameters but never their values, the status or
// the error's code, and the exchange log's label. The raw URLs stay in the exchange log.
//
// Lanes by role: a request tagged with a flow step goes where that step goes (Keys and the ID-token
// step's refetch to the JWKS; discovery, token, userinfo, revocation to the authorization server);
// an untagged one by its path (Descope's /v1/auth and /v1/mgmt to the Descope API, /v1|v2/keys and
// jwks.json to the JWKS, /.well-known metadata to the authorization server, anything else to the
// protected API). One lane per role and host, so a provider whose token endpoint has another host
// shows it.
//
// Identical requests in a row — same method, URL, label and step, as an enchanted link's polls of
// the pending session — collapse into one arrow with a count and the newest one's outcome.

#include "oidc/flow/BrowserHop.h"
#include "oidc/flow/FlowStep.h"

#include <QString>

#include <optional>
#include <vector>

namespace oidc::net {
struct ExchangeRecord;
}

namespace oidc::diagram {

enum class LaneRole { Browser, App, AuthorizationServer, Jwks, DescopeApi, ProtectedApi };

// "Browser", "App", "Authorization server", "JWKS", "Descope API", "Protected API".
[[nodiscard]] QString laneRoleName(LaneRole role);

struct Lane final {
    LaneRole role = LaneRole::App;
    QString host; // "127.0.0.1:4711" for an endpoint lane; empty for the browser and the app
    QString id;   // "browser", "app", "authserver", "jwks", "descope", "api"; "authserver2"… for further hosts of a role

    [[nodiscard]] QString title() const { return laneRoleName(role); }
};

// 2xx good, 3xx neutral (a redirect, a hop with no status), 4xx/5xx and transport errors bad —
// except a Descope poll's "not yet" (401 E062503), which is neutral.
enum class Outcome { Good, Neutral, Bad };

// "good", "neutral", "bad": the SVG's class names.
[[nodiscard]] QString outcomeName(Outcome outcome);
[[nodiscard]] Outcome outcomeOfStatus(int status);

struct Arrow final {
    enum class Kind { Exchange, Hop };
    Kind kind = Kind::Exchange;
    int from = 0;            // lane index (SequenceModel::lanes())
    int to = 0;
    QString label;           // the exchange log's label ("token (authorization_code)"), or the hop's ("open the authorization URL")
    QString request;         // "POST /oauth2/v1/token", "GET /callback?code&state&iss"; empty for the app handing the browser a URL
    QString result;          // "200", "NET_TIMEOUT", "refused: AUTHZ_STATE_MISMATCH"; empty when there is none
    Outcome outcome = Outcome::Neutral;
    std::optional<flow::FlowStep> step;
    int firstRecordId = 0;   // the exchange log's ExchangeRecord::id, first and newest of a collapsed run; 0 for a hop
    int recordId = 0;
    int count = 1;           // identical requests in a row this arrow stands for
    qint64 atMsSinceEpoch = 0;

    // "<request> → <result>", then " · poll ×<count>" for a collapsed run.
    [[nodiscard]] QString detail() const;
    // The exchange log's numbers: "#12", "#12–25" for a collapsed run; empty for a hop.
    [[nodiscard]] QString recordNumbers() const;
};

struct SequenceLimits final {
    int maxArrows = 2000; // the newest arrows kept (a day of polling collapses, but a day of clicks does not)
};

class SequenceModel final {
public:
    // What one addition changed: arrows appended at [firstAppended, size()), or the one updated.
    struct Change final {
        int firstAppended = -1;
        int updated = -1;
        bool lanesAdded = false;
        int dropped = 0; // the oldest arrows dropped to stay within the limits (indexes shift down)
    };

    SequenceModel() = default;
    explicit SequenceModel(SequenceLimits limits) : m_limits(limits) {}

    Change addExchange(const net::ExchangeRecord &record);
    // Open: the app hands the browser the URL (app → browser), the browser goes to the provider
    // (browser → provider). Redirect: the provider sends the browser back (provider → browser, when
    // the provider is known from an Open), the browser reaches the app (browser → app), good when the
    // app accepted it.
    Change addHop(const flow::BrowserHop &hop);
    void clear();

    [[nodiscard]] const std::vector<Lane> &lanes() const { return m_lanes; }
    [[nodiscard]] const std::vector<Arrow> &arrows() const { return m_arrows; }
    // Lane indexes left to right: the browser, the app, then the endpoints by role, each role's
    // hosts in the order they appeared.
    [[nodiscard]] const std::vector<int> &columns() const { return m_columns; }
    [[nodiscard]] int columnOf(int lane) const;
    [[nodiscard]] int droppedCount() const { return m_dropped; }

private:
    int laneFor(LaneRole role, const QString &host, bool &added);
    int append(Arrow arrow, Change &change);
    void dropBeyondLimits(Change &change);

    SequenceLimits m_limits;
    std::vector<Lane> m_lanes;
    std::vector<int> m_columns;
    std::vector<Arrow> m_arrows;
    QString m_lastKey;        // the newest exchange arrow's identity (method, redacted URL, label, step), for collapsing
    int m_providerLane = -1;  // where the last Open hop sent the browser: the redirect comes from there
    int m_dropped = 0;
};

} // namespace oidc::diagram
