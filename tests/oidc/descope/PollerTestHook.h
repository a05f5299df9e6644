#pragma once

// The only way to poll faster than once a second (kMinPollIntervalMs), for tests and benchmarks
// that measure the client and not the wait. Only tests/ and bench/ include this header: no user
// input reaches it (the CLI and the GUI raise every interval to the minimum).

#include "oidc/descope/BlockingDescopeClient.h"
#include "oidc/descope/DescopeClient.h"
#include "oidc/descope/Poller.h"

namespace oidc::descope {

class PollerTestHook final {
public:
    // Before start(): the poller re-normalises its settings with this minimum.
    static void setMinimumInterval(Poller &poller, int minimumIntervalMs) { poller.lowerMinimumInterval(minimumIntervalMs); }
    // Every poller the client starts from now on.
    static void setMinimumInterval(DescopeClient &client, int minimumIntervalMs) { client.m_minimumPollIntervalMs = minimumIntervalMs; }
    static void setMinimumInterval(BlockingDescopeClient &client, int minimumIntervalMs) { setMinimumInterval(client.client(), minimumIntervalMs); }
};

} // namespace oidc::descope
