#include "SandboxServer.h"

#include "sandbox/ErrorCodes.h"
#include "sandbox/FaultInjector.h"
#include "sandbox/HttpReplies.h"
#include "sandbox/Inbox.h"
#include "sandbox/KeyRing.h"
#include "sandbox/RateLimiter.h"
#include "sandbox/Randomness.h"
#include "sandbox/RouteModule.h"
#include "sandbox/Router.h"
#include "sandbox/SandboxContext.h"
#include "sandbox/SandboxRequest.h"
#include "sandbox/routes/AccessKeyRoutes.h"
#include "sandbox/routes/AdminRoutes.h"
#include "sandbox/routes/AuthorizeRoutes.h"
#include "sandbox/routes/DiscoveryRoutes.h"
#include "sandbox/routes/EnchantedLinkRoutes.h"
#include "sandbox/routes/MagicLinkRoutes.h"
#include "sandbox/routes/OAuthRoutes.h"
#include "sandbox/routes/PasswordRoutes.h"
#include "sandbox/routes/OtpRoutes.h"
#include "sandbox/routes/TotpRoutes.h"
#include "sandbox/routes/WebAuthnRoutes.h"
#include "sandbox/routes/ProtectedApiRoutes.h"
#include "sandbox/routes/SessionRoutes.h"
#include "sandbox/routes/TokenRoutes.h"
// issue 15: the management API and tenant SSO
#include "sandbox/routes/AccessKeyManagementRoutes.h"
#include "sandbox/routes/RoleManagementRoutes.h"
#include "sandbox/routes/SsoManagementRoutes.h"
#include "sandbox/routes/SsoRoutes.h"
#include "sandbox/routes/TenantManagementRoutes.h"
#include "sandbox/routes/UserManagementRoutes.h"

#include "oidc/Async.h"
#include "oidc/crypto/ThreadState.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QMetaMethod>
#include <QPointer>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <exception>
#include <vector>

namespace sandbox {

namespace {

// True on the main thread of a QGuiApplication (tested by name: the sandbox links no GUI module).
bool onGuiThread()
{
    const QCoreApplication *application = QCoreApplication::instance();
    return application && application->inherits("QGuiApplication") && QThread::currentThread() == application->thread();
}

bool isJsonResponse(const oidc::net::LocalHttpResponse &response)
{
    return response.header("content-type").startsWith("application/json");
}

} // namespace

class SandboxServer::Private final {
public:
    explicit Private(SandboxServer *owner, SandboxOptions opts)
        : q(owner)
        , options(std::move(opts))
        , inbox(new Inbox(owner))
        , context(*inbox)
        , link(oidc::ThreadLink::to(owner))
    {
        signingPool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
    }

    // Workers (key generation, signing) post back through the link: cut it before the pool joins.
    ~Private() { link->cut(); }

    void handle(const oidc::net::LocalHttpRequest &http, const oidc::net::LocalHttpResponder &responder);
    void proceed(const oidc::net::LocalHttpRequest &http, const Router::Match &match, const oidc::net::LocalHttpResponder &responder,
                 qint64 arrivedUs, QString faultNames);
    void finish(const oidc::net::LocalHttpRequest &http, const Router::Match &match, const oidc::net::LocalHttpResponder &responder,
                oidc::net::LocalHttpResponse response, qint64 arrivedUs, QString faultNames);
    oidc::Status loadFixtures();
    oidc::Status listen(quint16 port);
    void resetState();
    void scheduleStateChanged();

    SandboxServer *q;
    SandboxOptions options;
    Inbox *inbox;
    SandboxContext context;
    Router router;
    std::vector<std::unique_ptr<RouteModule>> modules;
    std::unique_ptr<oidc::net::LocalHttpServer> http;
    std::shared_ptr<oidc::ThreadLink> link;
    QTimer *purgeTimer = nullptr;
    QElapsedTimer clock;
    bool fixturesLoaded = false;
    bool starting = false;
    bool stateChangePending = false;
    quint64 nextRecordId = 1;
    QMetaMethod requestHandledSignal;
    quint64 requestSerial = 0;
    quint64 deferringFor = 0; // the request whose tokens are being collected for the signing pool
    QThreadPool signingPool;  // declared last: destroyed (and joined) first, after link is cut
};

void SandboxServer::Private::scheduleStateChanged()
{
    if (stateChangePending)
        return;
    stateChangePending = true;
    QMetaObject::invokeMethod(
        q,
        [this] {
            stateChangePending = false;
            Q_EMIT q->stateChanged();
        },
        Qt::QueuedConnection);
}

void SandboxServer::Private::handle(const oidc::net::LocalHttpRequest &request, const oidc::net::LocalHttpResponder &responder)
{
    const qint64 arrivedUs = clock.nsecsElapsed() / 1000;
    Router::Match match = router.match(request.method(), request.path());
    if (!match.route) {
        oidc::net::LocalHttpResponse response = reply::notFound();
        if (!match.allow.isEmpty()) {
            response = reply::descopeError(405, errc::kBadRequest, "Method not allowed", "this route accepts " + match.allow.toStdString());
            response.headers.append({QByteArrayLiteral("Allow"), match.allow});
        }
        finish(request, match, responder, std::move(response), arrivedUs, {});
        return;
    }
    const bool admin = request.path().startsWith("/sandbox");
    if (!admin && !context.faults.isEmpty()) {
        if (auto latency = context.faults.take(FaultKind::Latency, request.path(), match.route->pattern)) {
            // Copies: the request and the match must outlive this call.
            auto heldRequest = std::make_shared<oidc::net::LocalHttpRequest>(request);
            auto heldMatch = std::make_shared<Router::Match>(std::move(match));
            QTimer::singleShot(latency->latencyMs, q, [this, heldRequest, heldMatch, responder, arrivedUs] {
                proceed(*heldRequest, *heldMatch, responder, arrivedUs, QStringLiteral("latency"));
            });
            return;
        }
    }
    proceed(request, match, responder, arrivedUs, {});
}

void SandboxServer::Private::proceed(const oidc::net::LocalHttpRequest &request, const Router::Match &match,
                                     const oidc::net::LocalHttpResponder &responder, qint64 arrivedUs, QString faultNames)
{
    const bool admin = request.path().startsWith("/sandbox");
    const QByteArray &pattern = match.route->pattern;
    const auto addFault = [&faultNames](const QString &name) {
        faultNames += (faultNames.isEmpty() ? QString() : QStringLiteral(",")) + name;
    };
    if (!admin && !context.faults.isEmpty()) {
        if (auto fault = context.faults.take(FaultKind::ServerError, request.path(), pattern)) {
            // An infrastructure failure: the proxy's HTML, not a provider JSON body (rp-checks T2).
            const std::string text = std::to_string(fault->status) + " " + oidc::net::reasonPhrase(fault->status).toByteArray().toStdString();
            auto response = reply::html(fault->status, "<html><head><title>" + text + "</title></head><body><h1>" + text
                                                            + "</h1><p>sandbox fault injection</p></body></html>\n");
            if (fault->retryAfterSeconds > 0 && fault->status == 503)
                response.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(fault->retryAfterSeconds)});
            addFault(QStringLiteral("server-error"));
            finish(request, match, responder, std::move(response), arrivedUs, faultNames);
            return;
        }
        if (auto fault = context.faults.take(FaultKind::RateLimit, request.path(), pattern)) {
            addFault(QStringLiteral("rate-limit"));
            finish(request, match, responder, reply::rateLimited(fault->retryAfterSeconds), arrivedUs, faultNames);
            return;
        }
    }
    if (!admin) {
        if (const auto retryAfter = context.rateLimits.check(request.path(), pattern)) {
            finish(request, match, responder, reply::rateLimited(*retryAfter), arrivedUs, faultNames);
            return;
        }
    }

    // The handler may answer later: the callback holds what finish() needs. Tokens the handler
    // mints are signed in the signing pool before the answer goes out (see TokenIssuer).
    auto heldRequest = std::make_shared<oidc::net::LocalHttpRequest>(request);
    auto heldMatch = std::make_shared<Router::Match>(match);
    const QPointer<SandboxServer> guard(q);
    const quint64 serial = ++requestSerial;
    Respond respond = [this, guard, heldRequest, heldMatch, responder, arrivedUs, faultNames, serial](oidc::net::LocalHttpResponse response) {
        if (!guard) {
            responder.respond(std::move(response));
            return;
        }
        std::vector<TokenIssuer::SigningJob> jobs;
        if (deferringFor == serial) {
            jobs = context.issuer.takeDeferred();
            deferringFor = 0;
        }
        if (jobs.empty()) {
            finish(*heldRequest, *heldMatch, responder, std::move(response), arrivedUs, faultNames);
            return;
        }
        signingPool.start([this, link = link, jobs = std::move(jobs), response = std::move(response), heldRequest, heldMatch, responder,
                           arrivedUs, faultNames]() mutable {
            oidc::crypto::releaseOpenSslStateOfThisThreadWhenFinished();
            auto signedTokens = TokenIssuer::signJobs(std::move(jobs)); // off the server's thread
            link->post([this, signedTokens = std::move(signedTokens), response = std::move(response), heldRequest, heldMatch, responder,
                        arrivedUs, faultNames]() mutable {
                if (!signedTokens) {
                    response = reply::descopeError(500, errc::kBadRequest, "Internal sandbox error", signedTokens.error().message);
                } else {
                    for (const auto &[placeholder, jwt] : signedTokens.value())
                        response.body.replace(QByteArrayView(placeholder.data(), static_cast<qsizetype>(placeholder.size())),
                                              QByteArrayView(jwt.data(), static_cast<qsizetype>(jwt.size())));
                }
                finish(*heldRequest, *heldMatch, responder, std::move(response), arrivedUs, faultNames);
            });
        });
    };
    const SandboxRequest sandboxRequest(*heldRequest, *heldMatch);
    context.issuer.beginDeferred();
    deferringFor = serial;
    try {
        match.route->handler(sandboxRequest, respond);
    } catch (const std::exception &error) {
        respond(reply::descopeError(500, errc::kBadRequest, "Internal sandbox error", error.what()));
    } catch (...) {
        respond(reply::descopeError(500, errc::kBadRequest, "Internal sandbox error", "unknown error"));
    }
    if (deferringFor == serial) {
        // The handler will answer later: whatever it mints from now on is signed at once.
        (void)context.issuer.takeDeferred();
        deferringFor = 0;
    }
}

void SandboxServer::Private::finish(const oidc::net::LocalHttpRequest &request, const Router::Match &match,
                                    const oidc::net::LocalHttpResponder &responder, oidc::net::LocalHttpResponse response,
                                    qint64 arrivedUs, QString faultNames)
{
    const bool admin = request.path().startsWith("/sandbox");
    if (!admin && match.route && !context.faults.isEmpty() && isJsonResponse(response)
        && context.faults.take(FaultKind::MalformedJson, request.path(), match.route->pattern)) {
        // Cut the document in half: still starts like JSON, never parses (rp-checks T3).
        response.body.truncate(std::max<qsizetype>(1, response.body.size() / 2));
        faultNames += (faultNames.isEmpty() ? QString() : QStringLiteral(",")) + QStringLiteral("malformed-json");
    }
    // Nothing the sandbox says may be cached: tokens, codes, pages with state (RFC 6749 §5.1).
    if (response.header("cache-control").isNull()) {
        response.headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
        response.headers.append({QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache")});
    }
    if (!requestHandledSignal.isValid())
        requestHandledSignal = QMetaMethod::fromSignal(&SandboxServer::requestHandled);
    if (q->isSignalConnected(requestHandledSignal)) {
        RequestRecord record;
        record.id = nextRecordId++;
        record.timestampMs = QDateTime::currentMSecsSinceEpoch() - (clock.nsecsElapsed() / 1000 - arrivedUs) / 1000;
        record.method = request.method().toByteArray();
        record.path = request.path().toByteArray();
        record.route = match.route ? match.route->pattern : QByteArray();
        record.status = response.status;
        record.elapsedUs = clock.nsecsElapsed() / 1000 - arrivedUs;
        record.faults = faultNames;
        responder.respond(std::move(response));
        Q_EMIT q->requestHandled(record);
        return;
    }
    responder.respond(std::move(response));
}

oidc::Status SandboxServer::Private::loadFixtures()
{
    if (fixturesLoaded)
        return {};
    auto loaded = Fixtures::load(options.fixturesPath);
    if (!loaded)
        return loaded.error();
    context.fixtures = std::move(loaded).value();
    // Descope's management keys are long random strings; 32 bytes of RAND_bytes, base64url.
    context.managementKey = "M" + randomUrlToken(32);
    fixturesLoaded = true;
    resetState();
    return {};
}

void SandboxServer::Private::resetState()
{
    context.clock.setOffsetSeconds(0);
    context.state.reset(context.fixtures, context.now());
    context.rateLimits.setRules(context.fixtures.rateLimits);
    context.faults.clear();
    inbox->clear();
    scheduleStateChanged();
}

oidc::Status SandboxServer::Private::listen(quint16 port)
{
    if (!http) {
        http = std::make_unique<oidc::net::LocalHttpServer>(
            [this](const oidc::net::LocalHttpRequest &request, oidc::net::LocalHttpResponder responder) { handle(request, responder); },
            options.http);
    }
    if (auto listening = http->listen(port); !listening)
        return listening;
    context.baseUrl = http->baseUrl().toString(QUrl::StripTrailingSlash).toStdString();
    context.issuerUrl = context.baseUrl + "/" + context.fixtures.projectId;
    context.issuer.setIssuer(context.issuerUrl);
    purgeTimer->start();
    return {};
}

// ---------------------------------------------------------------------------------------------

SandboxServer::SandboxServer(SandboxOptions options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, std::move(options)))
{
    qRegisterMetaType<sandbox::RequestRecord>();
    d->clock.start();
    d->purgeTimer = new QTimer(this);
    d->purgeTimer->setInterval(30'000);
    connect(d->purgeTimer, &QTimer::timeout, this, [this] {
        const int64_t now = d->context.now();
        if (d->context.state.purge(now) > 0)
            d->scheduleStateChanged();
        d->context.keys.prune(now);
    });

    SandboxContext &context = d->context;
    context.notifyStateChanged = [this] { d->scheduleStateChanged(); };
    context.faults.setChangedCallback([this] { Q_EMIT faultsChanged(); });
    context.resetState = [this]() -> oidc::Status {
        reset();
        return {};
    };
    context.rotateKeys = [this](std::function<void(oidc::Result<std::string>)> done) { rotateKeys(std::move(done)); };

    addRouteModule(std::make_unique<DiscoveryRoutes>(context));
    addRouteModule(std::make_unique<AuthorizeRoutes>(context));
    addRouteModule(std::make_unique<TokenRoutes>(context));
    addRouteModule(std::make_unique<SessionRoutes>(context));
    addRouteModule(std::make_unique<EnchantedLinkRoutes>(context));
    addRouteModule(std::make_unique<MagicLinkRoutes>(context));
    addRouteModule(std::make_unique<OtpRoutes>(context));
    addRouteModule(std::make_unique<TotpRoutes>(context));
    addRouteModule(std::make_unique<WebAuthnRoutes>(context));
    addRouteModule(std::make_unique<AccessKeyRoutes>(context));
    addRouteModule(std::make_unique<OAuthRoutes>(context));
    addRouteModule(std::make_unique<PasswordRoutes>(context));
    addRouteModule(std::make_unique<ProtectedApiRoutes>(context));
    // issue 15: the management API and tenant SSO
    addRouteModule(std::make_unique<TenantManagementRoutes>(context));
    addRouteModule(std::make_unique<UserManagementRoutes>(context));
    addRouteModule(std::make_unique<AccessKeyManagementRoutes>(context));
    addRouteModule(std::make_unique<RoleManagementRoutes>(context));
    addRouteModule(std::make_unique<SsoManagementRoutes>(context));
    addRouteModule(std::make_unique<SsoRoutes>(context));
    addRouteModule(std::make_unique<AdminRoutes>(context, d->router, [this] { return describe(); }));
}

SandboxServer::~SandboxServer()
{
    if (d->http)
        d->http->close();
}

oidc::Status SandboxServer::start(quint16 port)
{
    if (isRunning() || d->starting)
        return oidc::makeError(oidc::ErrorCategory::Sandbox, "SANDBOX_RUNNING", "the sandbox is already running");
    // A GUI thread never waits on key generation, nor spins a nested event loop for it: a GUI
    // hosts the sandbox on a thread of its own (SandboxHost).
    if (onGuiThread())
        return oidc::makeError(oidc::ErrorCategory::Sandbox, "SANDBOX_GUI_THREAD",
                               "start() would generate the signing key on the GUI thread: host the sandbox with SandboxHost");
    if (auto loaded = d->loadFixtures(); !loaded)
        return loaded;
    if (d->context.keys.isEmpty()) {
        auto key = KeyRing::generate();
        if (!key)
            return key.error();
        d->context.keys.install(std::move(key).value(), d->context.now(), d->context.fixtures.lifetimes.keyGraceSeconds);
    }
    if (auto listening = d->listen(port); !listening)
        return listening;
    Q_EMIT started(baseUrl());
    return {};
}

void SandboxServer::startAsync(quint16 port)
{
    if (isRunning() || d->starting) {
        Q_EMIT startFailed(QStringLiteral("the sandbox is already running"));
        return;
    }
    if (auto loaded = d->loadFixtures(); !loaded) {
        Q_EMIT startFailed(QString::fromStdString(loaded.error().summary()));
        return;
    }
    const auto finishStart = [this, port] {
        d->starting = false;
        if (auto listening = d->listen(port); !listening) {
            Q_EMIT startFailed(QString::fromStdString(listening.error().summary()));
            return;
        }
        Q_EMIT started(baseUrl());
    };
    d->starting = true;
    if (!d->context.keys.isEmpty()) {
        QMetaObject::invokeMethod(this, finishStart, Qt::QueuedConnection);
        return;
    }
    QThreadPool::globalInstance()->start([link = d->link, finishStart, this] {
        oidc::crypto::releaseOpenSslStateOfThisThreadWhenFinished();
        auto key = KeyRing::generate(); // off the caller's thread
        link->post([this, key = std::move(key), finishStart]() mutable {
            if (!key) {
                d->starting = false;
                Q_EMIT startFailed(QString::fromStdString(key.error().summary()));
                return;
            }
            d->context.keys.install(std::move(key).value(), d->context.now(), d->context.fixtures.lifetimes.keyGraceSeconds);
            finishStart();
        });
    });
}

void SandboxServer::stop()
{
    if (!isRunning())
        return;
    // Requests already being handled are still answered (a code consumed is a code answered).
    d->http->stopListening();
    d->purgeTimer->stop();
    Q_EMIT stopped();
}

void SandboxServer::reset()
{
    d->resetState();
}

void SandboxServer::rotateKeys(std::function<void(oidc::Result<std::string>)> done)
{
    QThreadPool::globalInstance()->start([link = d->link, done = std::move(done), this]() mutable {
        oidc::crypto::releaseOpenSslStateOfThisThreadWhenFinished();
        auto key = KeyRing::generate();
        link->post([this, key = std::move(key), done = std::move(done)]() mutable {
            if (!key) {
                if (done)
                    done(key.error());
                return;
            }
            const std::string kid = key->kid;
            d->context.keys.install(std::move(key).value(), d->context.now(), d->context.fixtures.lifetimes.keyGraceSeconds);
            Q_EMIT keysRotated(QString::fromStdString(kid));
            if (done)
                done(kid);
        });
    });
}

bool SandboxServer::isRunning() const
{
    return d->http && d->http->isListening();
}

QUrl SandboxServer::baseUrl() const
{
    return isRunning() ? d->http->baseUrl() : QUrl();
}

QString SandboxServer::projectId() const
{
    return QString::fromStdString(d->context.fixtures.projectId);
}

QString SandboxServer::issuer() const
{
    return QString::fromStdString(d->context.issuerUrl);
}

QString SandboxServer::managementKey() const
{
    return QString::fromStdString(d->context.managementKey);
}

QUrl SandboxServer::discoveryUrl() const
{
    return QUrl(issuer() + QStringLiteral("/.well-known/openid-configuration"));
}

oidc::Json SandboxServer::describe() const
{
    const SandboxContext &c = d->context;
    oidc::Json users = oidc::Json::array();
    for (const auto &user : c.state.users()) {
        users.push_back({{"userId", user.userId}, {"loginIds", user.loginIds}, {"name", user.name}, {"email", user.email},
                         {"phone", user.phone}, {"roles", user.roleNames}});
    }
    oidc::Json clients = oidc::Json::array();
    for (const auto &client : c.fixtures.clients) {
        oidc::Json item = {{"clientId", client.clientId},
                           {"name", client.name},
                           {"type", client.type == ClientType::Public ? "public" : "confidential"},
                           {"redirectUris", client.redirectUris},
                           {"postLogoutRedirectUris", client.postLogoutRedirectUris},
                           {"grantTypes", client.grantTypes}};
        if (client.type == ClientType::Confidential)
            item["clientSecret"] = client.secret; // sandbox-only
        clients.push_back(std::move(item));
    }
    oidc::Json keys = oidc::Json::array();
    for (const auto &key : c.fixtures.accessKeys)
        keys.push_back({{"id", key.id}, {"name", key.name}, {"accessKey", key.secret}, {"roles", key.roleNames}});
    return {
        {"baseUrl", c.baseUrl},
        {"projectId", c.fixtures.projectId},
        {"issuer", c.issuerUrl},
        {"discoveryUrl", c.issuerUrl + "/.well-known/openid-configuration"},
        {"jwksUrl", c.issuerUrl + "/.well-known/jwks.json"},
        {"inboxUrl", c.baseUrl + "/sandbox/inbox"},
        {"users", users},
        {"clients", clients},
        {"accessKeys", keys},
        {"managementKey", c.managementKey},
        {"note", "sandbox-only credentials: never use them anywhere else"},
    };
}

const Fixtures &SandboxServer::fixtures() const
{
    return d->context.fixtures;
}

Inbox &SandboxServer::inbox()
{
    return *d->inbox;
}

FaultInjector &SandboxServer::faults()
{
    return d->context.faults;
}

RateLimiter &SandboxServer::rateLimits()
{
    return d->context.rateLimits;
}

const KeyRing &SandboxServer::keys() const
{
    return d->context.keys;
}

SandboxContext &SandboxServer::context()
{
    return d->context;
}

const Router &SandboxServer::router() const
{
    return d->router;
}

void SandboxServer::addRouteModule(std::unique_ptr<RouteModule> module)
{
    module->registerRoutes(d->router);
    d->modules.push_back(std::move(module));
}

} // namespace sandbox

#include "moc_SandboxServer.cpp"
