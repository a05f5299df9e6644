// The sequence diagram's model and renderers on hand-made exchanges and hops: lanes by step and
// path, polls collapsing into one arrow with a count, the limits, the Mermaid text exactly, and
// the SVG as XML with one arrow element per arrow, classed by outcome, nothing secret in either.

#include "DiagramTestSupport.h"

#include "oidc/diagram/SequenceMermaid.h"
#include "oidc/diagram/SequenceModel.h"
#include "oidc/descope/OAuthApi.h"
#include "oidc/diagram/SequenceSvg.h"
#include "oidc/net/ExchangeLog.h"

#include <gtest/gtest.h>

namespace oidc::diagram {
namespace {

using namespace Qt::StringLiterals;
using test::arrowElements;
using test::SvgArrow;

constexpr const char *kIssuer = "http://127.0.0.1:4711";
const QString kCode = QStringLiteral("SplxlOBeZQQYbYS6WxSbIA7q2c9");
const QString kState = QStringLiteral("af0ifjsldkj");
const QString kJwt = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl");

int g_nextId = 1;

net::ExchangeRecord record(QByteArray method, const QString &url, int status, const QString &label,
                           std::optional<flow::FlowStep> step = std::nullopt)
{
    net::ExchangeRecord record;
    record.id = g_nextId++;
    record.method = std::move(method);
    record.url = QUrl(url);
    record.status = status;
    record.label = label;
    record.step = step;
    return record;
}

flow::BrowserHop hop(flow::BrowserHop::Kind kind, flow::FlowStep step, const QString &url, std::optional<Error> error = std::nullopt)
{
    return flow::BrowserHop{kind, step, QUrl(url), std::move(error), 0};
}

std::vector<QString> laneIdsInColumns(const SequenceModel &model)
{
    std::vector<QString> ids;
    for (const int lane : model.columns())
        ids.push_back(model.lanes()[static_cast<size_t>(lane)].id);
    return ids;
}

// A login's skeleton and one refused token request: every kind of arrow and outcome once.
SequenceModel smallLogin()
{
    g_nextId = 1;
    SequenceModel model;
    (void)model.addExchange(record("GET", QString::fromLatin1(kIssuer) + u"/.well-known/openid-configuration"_s, 200, u"discovery"_s,
                                   flow::FlowStep::Discovery));
    (void)model.addHop(hop(flow::BrowserHop::Kind::Open, flow::FlowStep::Authorize,
                           QString::fromLatin1(kIssuer) + u"/oauth2/v1/authorize?client_id=c&state="_s + kState));
    (void)model.addHop(hop(flow::BrowserHop::Kind::Redirect, flow::FlowStep::Callback,
                           u"http://127.0.0.1:5000/callback?code="_s + kCode + u"&state="_s + kState));
    (void)model.addExchange(record("POST", QString::fromLatin1(kIssuer) + u"/oauth2/v1/token"_s, 400, u"token (authorization_code)"_s,
                                   flow::FlowStep::Token));
    return model;
}

TEST(SequenceModel, MermaidTextOfASmallLogin)
{
    const SequenceModel model = smallLogin();
    EXPECT_EQ(toMermaid(model).toStdString(),
              "sequenceDiagram\n"
              "    participant browser as Browser\n"
              "    participant app as App\n"
              "    participant authserver as Authorization server (127.0.0.1:4711)\n"
              "    app->>authserver: discovery · GET /.well-known/openid-configuration → 200\n"
              "    app-->>browser: open the authorization URL\n"
              "    browser-->>authserver: sign in at the provider · GET /oauth2/v1/authorize\n"
              "    authserver-->>browser: redirect back to the app · to http://127.0.0.1:5000/callback\n"
              "    browser-->>app: callback · GET /callback?code&state → accepted\n"
              "    app-xauthserver: token (authorization_code) · POST /oauth2/v1/token → 400\n");
}

TEST(SequenceModel, MermaidEscapesWhatWouldEndAStatementOrOpenMarkup)
{
    SequenceModel model;
    (void)model.addExchange(record("GET", u"https://api.example/api/user"_s, 503, u"API call #2; <b>"_s));
    EXPECT_EQ(toMermaid(model).toStdString(),
              "sequenceDiagram\n"
              "    participant app as App\n"
              "    participant api as Protected API (api.example)\n"
              "    app-xapi: API call #35;2#59; #60;b#62; · GET /api/user → 503\n");
}

TEST(SequenceModel, RefusedRedirectIsBadAndNamesTheCheck)
{
    SequenceModel model;
    (void)model.addHop(hop(flow::BrowserHop::Kind::Redirect, flow::FlowStep::Callback, u"http://127.0.0.1:5000/callback?code=x&state=other"_s,
                           makeError(ErrorCategory::Authz, "AUTHZ_STATE_MISMATCH", "state does not match")));
    // No Open hop: the provider is unknown, only the browser's request to the app is drawn.
    ASSERT_EQ(model.arrows().size(), 1u);
    EXPECT_EQ(model.arrows()[0].outcome, Outcome::Bad);
    EXPECT_EQ(model.arrows()[0].result, QStringLiteral("refused: AUTHZ_STATE_MISMATCH"));
    EXPECT_EQ(toMermaid(model).split(u'\n').at(3).toStdString(),
              "    browser--xapp: callback · GET /callback?code&state → refused: AUTHZ_STATE_MISMATCH");
}

TEST(SequenceModel, LanesByFlowStepThenByPathOneLanePerRoleAndHost)
{
    SequenceModel model;
    const QString base = QString::fromLatin1(kIssuer);
    (void)model.addExchange(record("GET", u"https://api.example/api/admin"_s, 403, u"M2M · API call with a bearer token"_s));
    (void)model.addExchange(record("POST", base + u"/v1/mgmt/user/search"_s, 200, u"Management · search users"_s));
    (void)model.addExchange(record("GET", base + u"/v2/keys/P2Sbx"_s, 200, u"Session · Descope keys"_s));
    (void)model.addExchange(record("GET", base + u"/keys"_s, 200, u"JWKS"_s, flow::FlowStep::Keys));
    (void)model.addExchange(record("GET", base + u"/keys"_s, 200, u"JWKS"_s, flow::FlowStep::IdToken)); // the refetch
    (void)model.addExchange(record("GET", base + u"/keys"_s, 200, u"JWKS"_s, flow::FlowStep::Refresh));
    (void)model.addExchange(record("POST", u"https://tokens.example/token"_s, 200, u"token (refresh_token)"_s, flow::FlowStep::Refresh));
    (void)model.addExchange(record("GET", base + u"/oauth2/v1/userinfo"_s, 200, u"userinfo"_s, flow::FlowStep::UserInfo));
    (void)model.addExchange(record("GET", base + u"/P2Sbx/.well-known/openid-configuration"_s, 200, u"Descope discovery"_s));
    const std::vector<QString> expected = {u"app"_s, u"authserver"_s, u"authserver2"_s, u"jwks"_s, u"descope"_s, u"api"_s};
    EXPECT_EQ(laneIdsInColumns(model), expected);
    const auto &lanes = model.lanes();
    const auto laneOf = [&](size_t arrow) { return lanes[static_cast<size_t>(model.arrows()[arrow].to)]; };
    EXPECT_EQ(laneOf(0).role, LaneRole::ProtectedApi);
    EXPECT_EQ(laneOf(0).host, QStringLiteral("api.example"));
    EXPECT_EQ(laneOf(1).role, LaneRole::DescopeApi);
    EXPECT_EQ(laneOf(2).role, LaneRole::Jwks);
    EXPECT_EQ(laneOf(3).role, LaneRole::Jwks);
    EXPECT_EQ(laneOf(4).role, LaneRole::Jwks);
    EXPECT_EQ(laneOf(5).role, LaneRole::Jwks);
    EXPECT_EQ(laneOf(6).id, QStringLiteral("authserver")); // first authorization server seen: tokens.example
    EXPECT_EQ(laneOf(6).host, QStringLiteral("tokens.example"));
    EXPECT_EQ(laneOf(7).id, QStringLiteral("authserver2"));
    EXPECT_EQ(laneOf(8).id, QStringLiteral("authserver2"));
    EXPECT_EQ(model.arrows()[0].outcome, Outcome::Bad);
    EXPECT_EQ(model.arrows()[1].outcome, Outcome::Good);
}

TEST(SequenceModel, EnchantedLinkPollsCollapseIntoOneArrowWithTheirCount)
{
    g_nextId = 100;
    SequenceModel model;
    const QString base = QString::fromLatin1(kIssuer);
    const QString pending = base + u"/v1/auth/enchantedlink/pending-session"_s;
    const QString label = QStringLiteral("Enchanted Link · Descope enchantedlink pending-session");
    (void)model.addExchange(record("POST", base + u"/v1/auth/enchantedlink/signin/email"_s, 200, u"Enchanted Link · Descope enchantedlink signin"_s));
    const auto notYet = [&] {
        net::ExchangeRecord poll = record("POST", pending, 401, label);
        poll.responseBody = R"({"errorCode":"E062503","errorDescription":"Pending session","errorMessage":""})";
        return poll;
    };
    const auto first = model.addExchange(notYet());
    EXPECT_EQ(first.firstAppended, 1);
    for (int poll = 2; poll <= 13; ++poll) {
        const auto change = model.addExchange(notYet());
        EXPECT_EQ(change.firstAppended, -1);
        EXPECT_EQ(change.updated, 1);
    }
    EXPECT_EQ(model.arrows()[1].outcome, Outcome::Neutral); // still pending (401 E062503): "not yet", no failure
    (void)model.addExchange(record("POST", pending, 200, label));
    ASSERT_EQ(model.arrows().size(), 2u);
    const Arrow &polls = model.arrows()[1];
    EXPECT_EQ(polls.count, 14);
    EXPECT_EQ(polls.firstRecordId, 101);
    EXPECT_EQ(polls.recordId, 114);
    EXPECT_EQ(polls.outcome, Outcome::Good);
    EXPECT_EQ(polls.detail(), QStringLiteral("POST /v1/auth/enchantedlink/pending-session → 200 · poll ×14"));
    EXPECT_EQ(polls.recordNumbers(), QStringLiteral("#101–114"));

    // Another request ends the run: the next poll starts a new arrow.
    (void)model.addExchange(record("GET", base + u"/v2/keys/P2Sbx"_s, 200, u"Enchanted Link · Descope keys"_s));
    (void)model.addExchange(record("POST", pending, 401, label));
    ASSERT_EQ(model.arrows().size(), 4u);
    EXPECT_EQ(model.arrows()[3].count, 1);
    // So does a browser hop.
    (void)model.addHop(hop(flow::BrowserHop::Kind::Open, flow::FlowStep::Authorize, base + u"/authorize"_s));
    (void)model.addExchange(record("POST", pending, 401, label));
    EXPECT_EQ(model.arrows().back().count, 1);

    const std::vector<SvgArrow> svg = arrowElements(toSvg(model));
    ASSERT_EQ(svg.size(), model.arrows().size());
    EXPECT_EQ(svg[1].recordId, 114);
    EXPECT_EQ(svg[1].count, 14);
    // Another 401 (an expired pending reference) is a failure.
    net::ExchangeRecord expired = record("POST", pending, 401, label);
    expired.responseBody = R"({"errorCode":"E011003","errorDescription":"Request is invalid"})";
    (void)model.addExchange(expired); // the last poll of its run: its outcome is the arrow's
    EXPECT_EQ(model.arrows().back().outcome, Outcome::Bad);
}

TEST(SequenceModel, KeepsTheNewestArrowsWithinItsLimit)
{
    SequenceModel model(SequenceLimits{3});
    for (int i = 0; i < 4; ++i)
        (void)model.addExchange(record("GET", QStringLiteral("https://api.example/api/%1").arg(i), 200, u"call"_s));
    const auto change = model.addExchange(record("GET", u"https://api.example/api/last"_s, 200, u"call"_s));
    EXPECT_EQ(change.dropped, 1);
    EXPECT_EQ(change.firstAppended, 2);
    ASSERT_EQ(model.arrows().size(), 3u);
    EXPECT_EQ(model.droppedCount(), 2);
    EXPECT_EQ(model.arrows().back().request, QStringLiteral("GET /api/last"));
    model.clear();
    EXPECT_TRUE(model.arrows().empty());
    EXPECT_TRUE(model.lanes().empty());
    EXPECT_EQ(model.droppedCount(), 0);
}

TEST(SequenceSvg, IsXmlWithOneArrowElementPerArrowClassedByOutcome)
{
    SequenceModel model = smallLogin();
    (void)model.addExchange(record("GET", u"https://api.example/api/<&>\""_s, 0, u"API & <co> \"quoted\""_s));
    const QString svg = toSvg(model);
    const std::vector<SvgArrow> arrows = arrowElements(svg); // fails the test when the XML does not parse
    ASSERT_EQ(arrows.size(), model.arrows().size());
    const std::vector<std::pair<QString, QString>> expected = {
        {u"exchange"_s, u"good"_s}, {u"hop"_s, u"neutral"_s}, {u"hop"_s, u"neutral"_s}, {u"hop"_s, u"neutral"_s},
        {u"hop"_s, u"good"_s},      {u"exchange"_s, u"bad"_s}, {u"exchange"_s, u"bad"_s},
    };
    for (size_t i = 0; i < arrows.size(); ++i) {
        EXPECT_EQ(arrows[i].kind, expected[i].first) << i;
        EXPECT_EQ(arrows[i].outcome, expected[i].second) << i;
        EXPECT_EQ(arrows[i].label, model.arrows()[i].label) << i; // escaped, and read back as it was
    }
    EXPECT_EQ(arrows[0].recordId, 1);
    EXPECT_EQ(arrows[5].recordId, 2);
    EXPECT_EQ(arrows[1].recordId, 0); // a hop has no exchange
    EXPECT_EQ(arrows[6].label, QStringLiteral("API & <co> \"quoted\""));
    EXPECT_EQ(arrows[4].from, QStringLiteral("browser"));
    EXPECT_EQ(arrows[4].to, QStringLiteral("app"));
    EXPECT_TRUE(svg.contains(QStringLiteral("fill=\"#c62828\"")));
    EXPECT_TRUE(svg.contains(QStringLiteral("stroke-dasharray=\"6 4\""))); // hops are dashed
}

TEST(SequenceSvg, UsesThePalettesColours)
{
    SvgPalette palette;
    palette.good = QStringLiteral("#00ff00");
    const QString svg = toSvg(smallLogin(), palette);
    EXPECT_TRUE(svg.contains(QStringLiteral("stroke=\"#00ff00\"")));
    EXPECT_FALSE(svg.contains(QStringLiteral("#1b7a2e")));
}

TEST(SequenceModel, NothingSecretReachesTheTexts)
{
    SequenceModel model = smallLogin();
    (void)model.addExchange(record("GET", u"https://api.example/api/user/"_s + kJwt + u"?access_token="_s + kJwt, 200, u"API call"_s));
    (void)model.addHop(hop(flow::BrowserHop::Kind::Redirect, flow::FlowStep::Callback,
                           u"http://127.0.0.1:5000/callback#access_token="_s + kJwt + u"&state="_s + kState));
    const QString texts = toSvg(model) + toMermaid(model);
    for (const QString &secret : {kCode, kState, kJwt, QStringLiteral("eyJhbGciOiJSUzI1NiJ9")})
        EXPECT_FALSE(texts.contains(secret)) << secret.toStdString();
    EXPECT_EQ(model.arrows().back().request, QStringLiteral("GET /callback#access_token&state")); // the names, not the values
    EXPECT_TRUE(texts.contains(QStringLiteral("GET /api/user/eyJhbG")));
}

// A Descope social sign-in as the Social Login & SSO area reports it (ui/descope/SocialSignInRun):
// Descope's start, the provider's page handed to the browser, the redirect back to the loopback
// listener with the code — judged by the core's oauthCodeFromRedirect — and the exchange.
TEST(SequenceModel, SocialSignInDrawsItsBrowserHopsBetweenStartAndExchange)
{
    g_nextId = 1;
    SequenceModel model;
    const QString descope = QString::fromLatin1(kIssuer);
    (void)model.addExchange(record("POST", descope + u"/v1/auth/oauth/authorize?provider=github&redirectURL=http%3A%2F%2F127.0.0.1%3A5555%2Fdescope%2Fcallback"_s,
                                   200, u"social: start"_s));
    (void)model.addHop(hop(flow::BrowserHop::Kind::Open, flow::FlowStep::Authorize, descope + u"/sandbox/social/github?state="_s + kState));
    const QString redirect = u"http://127.0.0.1:5555/descope/callback?code="_s + kCode;
    ASSERT_TRUE(descope::oauthCodeFromRedirect(redirect.toStdString()).ok());
    (void)model.addHop(hop(flow::BrowserHop::Kind::Redirect, flow::FlowStep::Callback, redirect));
    (void)model.addExchange(record("POST", descope + u"/v1/auth/oauth/exchange"_s, 200, u"social: exchange"_s));

    EXPECT_EQ(laneIdsInColumns(model), (std::vector<QString>{u"browser"_s, u"app"_s, u"authserver"_s, u"descope"_s}));
    const QStringList lines = toMermaid(model).split(u'\n');
    EXPECT_EQ(lines.mid(5, 6),
              (QStringList{u"    app->>descope: social: start · POST /v1/auth/oauth/authorize → 200"_s,
                           u"    app-->>browser: open the authorization URL"_s,
                           u"    browser-->>authserver: sign in at the provider · GET /sandbox/social/github"_s,
                           u"    authserver-->>browser: redirect back to the app · to http://127.0.0.1:5555/descope/callback"_s,
                           u"    browser-->>app: callback · GET /descope/callback?code → accepted"_s,
                           u"    app->>descope: social: exchange · POST /v1/auth/oauth/exchange → 200"_s}))
        << toMermaid(model).toStdString();
    const std::vector<SvgArrow> arrows = arrowElements(toSvg(model));
    ASSERT_EQ(arrows.size(), 6u);
    EXPECT_EQ(arrows[1].kind, u"hop"_s);
    EXPECT_EQ(arrows[4].kind, u"hop"_s);
    EXPECT_EQ(arrows[4].outcome, u"good"_s);
    const QString texts = toSvg(model) + toMermaid(model);
    EXPECT_FALSE(texts.contains(kCode));
    EXPECT_FALSE(texts.contains(kState));
}

// The person cancelled at the provider: the redirect carries the provider's error, and the core's
// verdict on it is the arrow's result.
TEST(SequenceModel, SocialRedirectWithTheProvidersErrorIsRefused)
{
    SequenceModel model;
    (void)model.addHop(hop(flow::BrowserHop::Kind::Open, flow::FlowStep::Authorize, u"http://127.0.0.1:4711/sandbox/social/google"_s));
    const QString redirect = u"http://127.0.0.1:5555/descope/callback?error=access_denied&error_description=cancelled"_s;
    const auto verdict = descope::oauthCodeFromRedirect(redirect.toStdString());
    ASSERT_FALSE(verdict.ok());
    (void)model.addHop(hop(flow::BrowserHop::Kind::Redirect, flow::FlowStep::Callback, redirect, verdict.error()));
    ASSERT_EQ(model.arrows().size(), 4u);
    EXPECT_EQ(model.arrows().back().outcome, Outcome::Bad);
    EXPECT_EQ(model.arrows().back().result, u"refused: DESCOPE_OAUTH_DENIED"_s);
    EXPECT_EQ(model.arrows().back().request, u"GET /descope/callback?error&error_description"_s);
}

TEST(SequenceSvg, XmlEscapedDropsWhatXmlForbids)
{
    EXPECT_EQ(xmlEscaped(QStringLiteral("a\x01<b>&\"c\"\t")), QStringLiteral("a&lt;b&gt;&amp;&quot;c&quot;\t"));
}

} // namespace
} // namespace oidc::diagram
