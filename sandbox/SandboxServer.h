#pragma once

// The built-in sandbox provider: a loopback server that emulates Descope's API and OIDC
// endpoints (../shared/reference/descope-api.md) so that every feature of the playground works
// offline, and that QA can make misbehave on purpose (FaultInjector).
//
// Threading: a SandboxServer and everything it owns belong to the thread it lives in; call its
// API from that thread (or through QMetaObject::invokeMethod). It never blocks that thread on
// the network. A GUI never owns one directly: SandboxHost runs it on a thread of its own. Key
// generation (RSA 2048, tens of milliseconds) runs in a worker with startAsync() and
// rotateKeys(), and in the calling thread with start() (CLI, tests, benchmarks; refused on a GUI
// thread). JWT signing always runs in a worker pool.

#include "sandbox/RequestRecord.h"

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/net/LocalHttpServer.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace sandbox {

class FaultInjector;
class Inbox;
class KeyRing;
class RateLimiter;
class RouteModule;
class Router;
struct Fixtures;
struct SandboxContext;

struct SandboxOptions final {
    QString fixturesPath; // empty: $OIDCPLAY_SANDBOX_FIXTURES, else the built-in fixtures
    oidc::net::LocalHttpServerOptions http;
};

class SandboxServer final : public QObject {
    Q_OBJECT
public:
    explicit SandboxServer(SandboxOptions options = {}, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Loads the fixtures, generates the first signing key on the calling thread, and listens on
    // 127.0.0.1:port (0 picks a free port). Emits started(). Errors: FIXTURES_*, KEYGEN_FAILED,
    // LISTENER_BIND, SANDBOX_RUNNING, SANDBOX_GUI_THREAD (called on a GUI thread: use SandboxHost).
    [[nodiscard]] oidc::Status start(quint16 port = 0);
    // The same with key generation in a worker thread; emits started() or startFailed().
    void startAsync(quint16 port = 0);
    // Stops listening; requests already being handled are answered, then their connections
    // close. State is kept until reset() or destruction.
    void stop();
    // Back to the fixtures as loaded: users, sessions, codes, links, inbox, faults, rate limits
    // and the clock offset. Keys are kept.
    void reset();
    // Generates a key in a worker and makes it current; the old key stays in the JWKS for
    // lifetimes.keyGraceSeconds. `done` (optional) gets the new kid or the error.
    void rotateKeys(std::function<void(oidc::Result<std::string>)> done = {});

    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] QUrl baseUrl() const;      // http://127.0.0.1:<port>
    [[nodiscard]] QString projectId() const;
    [[nodiscard]] QString issuer() const;    // <baseUrl>/<projectId>
    [[nodiscard]] QUrl discoveryUrl() const; // <issuer>/.well-known/openid-configuration
    // The management API's key, generated (RAND_bytes) when the fixtures are first loaded;
    // empty before start. SECRET: shown to the user, never logged.
    [[nodiscard]] QString managementKey() const;
    // What the CLI prints: URLs, demo users, OIDC clients, access keys with their sandbox-only
    // secrets, the management key.
    [[nodiscard]] oidc::Json describe() const;

    [[nodiscard]] const Fixtures &fixtures() const;
    [[nodiscard]] Inbox &inbox();
    [[nodiscard]] FaultInjector &faults();
    [[nodiscard]] RateLimiter &rateLimits();
    [[nodiscard]] const KeyRing &keys() const;
    // For route modules (and tests): everything the routes use.
    [[nodiscard]] SandboxContext &context();
    [[nodiscard]] const Router &router() const;
    // Registers more routes (e.g. TOTP, WebAuthn). The module lives as long as the server.
    void addRouteModule(std::unique_ptr<RouteModule> module);

Q_SIGNALS:
    void started(const QUrl &baseUrl);
    void startFailed(const QString &message);
    void stopped();
    // Users, sessions, codes or pending logins changed (coalesced: at most once per event-loop turn).
    void stateChanged();
    void requestHandled(const sandbox::RequestRecord &record);
    void keysRotated(const QString &kid);
    void faultsChanged();

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace sandbox
