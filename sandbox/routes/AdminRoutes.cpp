#include "AdminRoutes.h"

#include "sandbox/ErrorCodes.h"
#include "sandbox/FaultInjector.h"
#include "sandbox/FormParams.h"
#include "sandbox/HtmlPage.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/Inbox.h"
#include "sandbox/ReplyOr.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"
#include "sandbox/routes/EnchantedLinkRoutes.h"
#include "sandbox/routes/MagicLinkRoutes.h"

#include <cstdint>
#include <limits>

namespace sandbox {

namespace {

oidc::net::LocalHttpResponse adminError(int status, const std::string &message)
{
    return reply::json(status, oidc::Json{{"error", "invalid_request"}, {"message", message}});
}

// The body as JSON, or a 400.
ReplyOr<oidc::Json> adminBody(const SandboxRequest &request)
{
    const auto &json = request.jsonBody();
    if (!json)
        return adminError(400, json.error().message);
    return json.value();
}

} // namespace

void AdminRoutes::registerRoutes(Router &router)
{
    router.add("GET", "/sandbox/ping", [](const SandboxRequest &) {
        return oidc::net::LocalHttpResponse::text(200, QByteArrayLiteral("pong\n"));
    }, "Trivial 200 (benchmark baseline)");
    router.add("GET", "/sandbox/info", [this](const SandboxRequest &) { return reply::json(200, m_describe()); },
               "Base URL, project, demo users, clients, access keys");
    router.add("GET", "/sandbox/inbox", [this](const SandboxRequest &request) {
        oidc::Json messages = oidc::Json::array();
        for (const auto &message : m_context.inbox.messages(request.query().value("loginId")))
            messages.push_back(message.toJson());
        return reply::json(200, oidc::Json{{"messages", messages}});
    }, "Inbox as JSON, newest first (?loginId=…)");
    router.add("DELETE", "/sandbox/inbox", guarded([this](const SandboxRequest &) {
        m_context.inbox.clear();
        return reply::json(200, oidc::Json::object());
    }), "Empty the Inbox");

    router.add("GET", "/sandbox/faults", [this](const SandboxRequest &) { return listFaults(); }, "Active faults and the fault kinds");
    router.add("POST", "/sandbox/faults", guarded([this](const SandboxRequest &r) { return addFaults(r); }), "Add a fault");
    const SyncHandler clear = guarded([this](const SandboxRequest &) {
        m_context.faults.clear();
        return reply::json(200, oidc::Json{{"faults", oidc::Json::array()}});
    });
    router.add("DELETE", "/sandbox/faults", clear, "Clear every fault");
    router.add("POST", "/sandbox/faults/clear", clear, "Clear every fault");
    router.add("DELETE", "/sandbox/faults/{id}", guarded([this](const SandboxRequest &request) {
        bool ok = false;
        const int id = QByteArray::fromStdString(request.param("id")).toInt(&ok);
        if (!ok || !m_context.faults.remove(id))
            return adminError(404, "no fault has that id");
        return listFaults();
    }), "Remove one fault");

    router.add("GET", "/sandbox/keys", [this](const SandboxRequest &) { return keys(); }, "Signing keys (kid, created, retires)");
    router.addAsync("POST", "/sandbox/keys/rotate", [this](const SandboxRequest &request, const Respond &respond) {
        if (auto refused = refuseCrossSite(request)) {
            respond(std::move(*refused));
            return;
        }
        // Key generation runs in a worker; the answer comes when the new key is installed.
        m_context.rotateKeys([this, respond](oidc::Result<std::string> kid) {
            if (!kid) {
                respond(reply::json(500, oidc::Json{{"error", "server_error"}, {"message", kid.error().message}}));
                return;
            }
            auto response = keys();
            respond(std::move(response));
        });
    }, "Rotate the signing key (the previous one stays for the grace period)");
    router.add("POST", "/sandbox/reset", guarded([this](const SandboxRequest &) {
        (void)m_context.resetState();
        return reply::json(200, oidc::Json{{"reset", true}});
    }), "Back to the fixtures (keys kept)");

    router.add("GET", "/sandbox/ratelimits", [this](const SandboxRequest &) { return listRateLimits(); }, "Rate-limit rules");
    router.add("POST", "/sandbox/ratelimits", guarded([this](const SandboxRequest &r) { return setRateLimits(r); }),
               "Add or replace a rate-limit rule");
    router.add("DELETE", "/sandbox/ratelimits", guarded([this](const SandboxRequest &) {
        m_context.rateLimits.clear();
        return listRateLimits();
    }), "Remove every rate-limit rule");

    router.add("GET,POST", "/sandbox/clock", guarded([this](const SandboxRequest &r) { return clock(r); }), "Sandbox clock offset");
    router.add("GET", "/sandbox/sessions", [this](const SandboxRequest &) { return sessions(); }, "Sessions (no tokens)");
    router.add("GET,POST", "/sandbox/link", [this](const SandboxRequest &r) { return linkLanding(r); },
               "Landing page for Inbox links (?t=…)");
    router.add("GET", "/", [this](const SandboxRequest &) { return index(); }, "This index");
}

std::optional<oidc::net::LocalHttpResponse> AdminRoutes::refuseCrossSite(const SandboxRequest &request) const
{
    if (request.method() == "GET" || request.method() == "HEAD")
        return std::nullopt;
    // A browser names the page that sent the request (RFC 6454 §7, Fetch: every POST carries
    // Origin); curl and the app send none.
    const QByteArrayView origin = request.header("origin");
    const auto is = [&origin](const std::string &own) { return origin == QByteArrayView(own.data(), static_cast<qsizetype>(own.size())); };
    if (!origin.isNull() && !is(m_context.baseUrl) && !is(m_context.localhostOrigin()))
        return reply::descopeError(403, errc::kInvalidRequest, "Forbidden",
                                   "a request from another origin (a web page) may not change the sandbox");
    // Only text/plain, form and multipart bodies cross sites without a preflight.
    if (request.method() == "POST" && !request.hasJsonBody())
        return reply::descopeError(415, errc::kBadRequest, "Unsupported media type",
                                   "the sandbox's admin routes take Content-Type: application/json");
    return std::nullopt;
}

SyncHandler AdminRoutes::guarded(SyncHandler handler) const
{
    return [this, handler = std::move(handler)](const SandboxRequest &request) {
        if (auto refused = refuseCrossSite(request))
            return std::move(*refused);
        return handler(request);
    };
}

oidc::net::LocalHttpResponse AdminRoutes::listFaults() const
{
    oidc::Json faults = oidc::Json::array();
    for (const auto &fault : m_context.faults.faults())
        faults.push_back(fault.toJson());
    oidc::Json kinds = oidc::Json::array();
    for (const auto kind : FaultInjector::allKinds())
        kinds.push_back(FaultInjector::kindName(kind));
    return reply::json(200, oidc::Json{{"faults", faults}, {"kinds", kinds}});
}

oidc::net::LocalHttpResponse AdminRoutes::addFaults(const SandboxRequest &request)
{
    auto parsed = adminBody(request);
    if (!parsed)
        return parsed.takeReply();
    const oidc::Json &body = *parsed;
    std::vector<Fault> faults;
    const oidc::Json items = body.contains("faults") ? body["faults"] : oidc::Json::array({body});
    if (!items.is_array())
        return adminError(400, "\"faults\" must be an array");
    for (const auto &item : items) {
        auto fault = FaultInjector::fromJson(item);
        if (!fault)
            return adminError(400, fault.error().message);
        faults.push_back(std::move(fault).value());
    }
    oidc::Json added = oidc::Json::array();
    for (auto &fault : faults) {
        const int id = m_context.faults.add(fault);
        fault.id = id;
        added.push_back(fault.toJson());
    }
    return reply::json(201, oidc::Json{{"added", added}});
}

oidc::net::LocalHttpResponse AdminRoutes::listRateLimits() const
{
    oidc::Json rules = oidc::Json::array();
    for (const auto &rule : m_context.rateLimits.rules())
        rules.push_back({{"endpoint", rule.endpoint}, {"limit", rule.limit}, {"windowSeconds", rule.windowSeconds}});
    return reply::json(200, oidc::Json{{"rules", rules}});
}

oidc::net::LocalHttpResponse AdminRoutes::setRateLimits(const SandboxRequest &request)
{
    auto parsed = adminBody(request);
    if (!parsed)
        return parsed.takeReply();
    const oidc::Json &body = *parsed;
    // Reuse the fixtures reader for the same validation.
    oidc::Json document = {{"projectId", m_context.projectId()},
                           {"clients", {{{"clientId", m_context.projectId()}}}},
                           {"rateLimits", body.contains("rules") ? body["rules"] : oidc::Json::array({body})}};
    auto fixtures = Fixtures::fromJson(document);
    if (!fixtures)
        return adminError(400, fixtures.error().message + " at " + fixtures.error().actual);
    for (auto &rule : fixtures->rateLimits)
        m_context.rateLimits.addRule(rule);
    return listRateLimits();
}

oidc::net::LocalHttpResponse AdminRoutes::clock(const SandboxRequest &request)
{
    if (request.method() == "POST") {
        auto parsed = adminBody(request);
        if (!parsed)
            return parsed.takeReply();
        const oidc::Json &body = *parsed;
        const auto offset = body.find("offsetSeconds");
        const auto advance = body.find("advanceSeconds");
        const bool setting = offset != body.end() && offset->is_number_integer();
        if (!setting && !(advance != body.end() && advance->is_number_integer()))
            return adminError(400, "send {\"offsetSeconds\": N} or {\"advanceSeconds\": N}");
        const oidc::Json &number = setting ? *offset : *advance;
        // An unsigned number beyond int64_t would wrap in get<int64_t>(): it is out of range.
        constexpr int64_t kLargest = std::numeric_limits<int64_t>::max();
        const bool fits = !number.is_number_unsigned() || number.get<uint64_t>() <= static_cast<uint64_t>(kLargest);
        const int64_t seconds = fits ? number.get<int64_t>() : kLargest;
        if (setting ? !Clock::isValidOffset(seconds) : !m_context.clock.canAdvance(seconds))
            return reply::descopeError(400, errc::kInvalidArguments, "Invalid arguments",
                                       "the clock offset must stay within ±" + std::to_string(Clock::kMaxOffsetSeconds)
                                           + " seconds (ten years)");
        if (setting)
            m_context.clock.setOffsetSeconds(seconds);
        else
            m_context.clock.advance(seconds);
        m_context.stateChanged();
    }
    return reply::json(200, oidc::Json{{"now", m_context.now()}, {"offsetSeconds", m_context.clock.offsetSeconds()}});
}

oidc::net::LocalHttpResponse AdminRoutes::keys() const
{
    oidc::Json keys = oidc::Json::array();
    for (const auto &entry : m_context.keys.entries()) {
        keys.push_back({{"kid", entry.key.kid},
                        {"alg", entry.key.alg},
                        {"createdAt", entry.createdAt},
                        {"current", entry.retiresAt == 0},
                        {"retiresAt", entry.retiresAt == 0 ? oidc::Json(nullptr) : oidc::Json(entry.retiresAt)}});
    }
    return reply::json(200, oidc::Json{{"keys", keys}});
}

oidc::net::LocalHttpResponse AdminRoutes::sessions() const
{
    oidc::Json sessions = oidc::Json::array();
    for (const auto &[id, session] : m_context.state.sessions()) {
        sessions.push_back({{"id", id},
                            {"subject", session.subject},
                            {"amr", session.amr},
                            {"stepUp", session.stepUp},
                            {"currentTenant", session.currentTenant},
                            {"clientId", session.clientId},
                            {"scope", session.scope},
                            {"authTime", session.authTime},
                            {"refreshExpiresAt", session.refreshExpiresAt},
                            {"revoked", session.revoked}});
    }
    return reply::json(200, oidc::Json{{"sessions", sessions}});
}

oidc::net::LocalHttpResponse AdminRoutes::linkLanding(const SandboxRequest &request)
{
    FormParams params = request.query();
    if (request.method() == "POST" && request.hasFormBody())
        params = FormParams::fromUrlEncoded(request.http().body());
    const std::string token = params.value("t");
    HtmlPage page("Sign-in link — OIDC Playground sandbox");
    if (token.empty()) {
        page.heading("No link token").paragraph("This page opens links from the sandbox Inbox (…/sandbox/link?t=…).", "error");
        return reply::html(400, page.render());
    }
    // Enchanted link: opening it is the verification (descope-api.md §5); the app is polling.
    std::string number;
    switch (EnchantedLinkRoutes::verifyToken(m_context, token, &number)) {
    case EnchantedLinkRoutes::VerifyOutcome::Verified:
        page.heading("Signed in").paragraph("Link " + number + " was the right one. Return to the application: it will finish signing you in.", "ok");
        return reply::html(200, page.render());
    case EnchantedLinkRoutes::VerifyOutcome::WrongLink:
        page.heading("Wrong link")
            .paragraph("You opened link " + number + ", which is not the number the application shows. The sign-in is still pending: "
                       "open the link whose number matches.", "error");
        return reply::html(401, page.render());
    case EnchantedLinkRoutes::VerifyOutcome::Unknown:
        break;
    }
    // Magic link: the application normally verifies the token itself, so GET only shows it; the
    // button verifies here and shows the resulting session.
    const auto &links = m_context.state.magicLinks();
    const auto it = links.find(token);
    if (it == links.end() || it->second.used || it->second.expiresAt <= m_context.now()) {
        page.heading("Link not valid").paragraph("This link is unknown, already used or expired.", "error");
        return reply::html(401, page.render());
    }
    if (request.method() != "POST") {
        page.heading("Magic link for " + it->second.login.loginId)
            .paragraph("An application verifies this token with POST /v1/auth/magiclink/verify. You can also verify it here.")
            .code("Token:", token)
            .raw("<form method=\"post\" action=\"/sandbox/link\">\n" + HtmlPage::hiddenInput("t", token)
                 + "<button type=\"submit\">Verify here</button>\n</form>\n");
        return reply::html(200, page.render());
    }
    auto response = MagicLinkRoutes::verifyToken(m_context, m_flow, token, request);
    if (response.status != 200) {
        page.heading("Verification failed").paragraph(response.body.toStdString(), "error");
        return reply::html(response.status, page.render());
    }
    const auto body = oidc::parseJsonObject(response.body.toStdString());
    page.heading("Signed in").paragraph("The magic link was verified. The session the application would receive:", "ok");
    if (body) {
        page.code("Session JWT:", body.value().value("sessionJwt", std::string()));
        page.code("Refresh JWT:", body.value().value("refreshJwt", std::string()));
    }
    return reply::html(200, page.render());
}

oidc::net::LocalHttpResponse AdminRoutes::index() const
{
    HtmlPage page("OIDC Playground sandbox");
    page.heading("OIDC Playground sandbox");
    page.code("Issuer:", m_context.issuerUrl);
    page.code("Project ID:", m_context.projectId());
    page.raw("<p>" + HtmlPage::link(m_context.issuerUrl + "/.well-known/openid-configuration", "Discovery document") + " · "
             + HtmlPage::link("/sandbox/inbox", "Inbox (JSON)") + " · " + HtmlPage::link("/sandbox/info", "Sandbox info (JSON)") + "</p>\n");
    std::string table = "<table>\n<tr><th>Method</th><th>Path</th><th>What</th></tr>\n";
    for (const auto &route : m_router.routes()) {
        table += "<tr><td>" + reply::htmlEscape(route.methods.join(", ").toStdString()) + "</td><td><code>"
            + reply::htmlEscape(route.pattern.toStdString()) + "</code></td><td>" + reply::htmlEscape(route.summary.toStdString())
            + "</td></tr>\n";
    }
    table += "</table>\n";
    page.raw(table);
    return reply::html(200, page.render());
}

} // namespace sandbox
