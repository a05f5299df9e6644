#pragma once

// A group of routes. Each module is constructed with the server's SandboxContext and adds its
// routes to the router; SandboxServer registers the built-in ones, and addRouteModule() takes
// more (the TOTP and WebAuthn modules plug in this way: see README.md).

namespace sandbox {

class Router;

class RouteModule {
public:
    virtual ~RouteModule() = default;
    virtual void registerRoutes(Router &router) = 0;

protected:
    RouteModule() = default;
    RouteModule(const RouteModule &) = delete;
    RouteModule &operator=(const RouteModule &) = delete;
};

} // namespace sandbox
