#pragma once

// Everything a route needs, owned by SandboxServer and used on its thread only.

#include "sandbox/Clock.h"
#include "sandbox/FaultInjector.h"
#include "sandbox/Fixtures.h"
#include "sandbox/KeyRing.h"
#include "sandbox/RateLimiter.h"
#include "sandbox/SandboxState.h"
#include "sandbox/SessionService.h"
#include "sandbox/TokenIssuer.h"

#include "oidc/Result.h"

#include <functional>
#include <string>
#include <string_view>

namespace sandbox {

class Inbox;

struct SandboxContext final {
    explicit SandboxContext(Inbox &inboxIn) : inbox(inboxIn) {}
    SandboxContext(const SandboxContext &) = delete;
    SandboxContext &operator=(const SandboxContext &) = delete;

    Fixtures fixtures;
    Clock clock;
    KeyRing keys;
    TokenIssuer issuer{keys, clock};
    SandboxState state;
    Inbox &inbox;
    FaultInjector faults;
    RateLimiter rateLimits;
    SessionService sessions{*this};
    std::string baseUrl;   // "http://127.0.0.1:<port>"
    std::string issuerUrl; // "<baseUrl>/<projectId>" (descope-api.md §2.2, §12)
    // The management API's key (Bearer <projectId>:<managementKey>), from RAND_bytes when the
    // server first starts; kept across resets. SECRET: never logged.
    std::string managementKey;

    // Set by SandboxServer.
    std::function<void()> notifyStateChanged;
    // Generates a key off the thread, installs it, then calls back with the new kid.
    std::function<void(std::function<void(oidc::Result<std::string>)>)> rotateKeys;
    std::function<oidc::Status()> resetState;

    [[nodiscard]] const std::string &projectId() const { return fixtures.projectId; }
    [[nodiscard]] int64_t now() const { return clock.now(); }
    [[nodiscard]] std::string url(std::string_view path) const { return baseUrl + std::string(path); }
    // The sandbox's other name for browsers: http://localhost:<port> (the base URL's port).
    [[nodiscard]] std::string localhostOrigin() const
    {
        const size_t colon = baseUrl.rfind(':');
        return "http://localhost" + (colon == std::string::npos ? std::string() : baseUrl.substr(colon));
    }
    void stateChanged() const
    {
        if (notifyStateChanged)
            notifyStateChanged();
    }
};

} // namespace sandbox
