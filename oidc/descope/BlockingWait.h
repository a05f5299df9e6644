#pragma once

// How the CLI's blocking clients (BlockingDescopeClient, BlockingManagementClient) wait for an
// asynchronous operation: `start(callback)` starts it and returns its handle, kept in `current`
// so that cancel() reaches it; a local event loop spins until the callback has the result (it
// may come before start returns). Never on a GUI thread.

#include "oidc/net/Http.h"

#include <QEventLoop>

#include <optional>
#include <utility>

namespace oidc::descope {

template <typename T, typename Start>
T waitForCallback(net::RequestHandle &current, Start start)
{
    QEventLoop loop;
    std::optional<T> outcome;
    current = start([&](T result) {
        outcome.emplace(std::move(result));
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    current = {};
    return std::move(*outcome);
}

} // namespace oidc::descope
