#pragma once

// Method + path-pattern routing. A pattern is a path whose segments are literals or "{name}"
// captures ("/{projectId}/.well-known/jwks.json"); a capture matches one non-empty segment and
// its value is percent-decoded. When several routes match, the one with more literal segments
// wins ("/v1/auth/otp/verify/{method}" beats "/v1/auth/otp/{op}/{method}"). HEAD is served by
// GET routes. A path that matches with another method gives 405 and an Allow list.

#include "oidc/net/LocalHttpServer.h"

#include <QByteArray>
#include <QList>
#include <QVarLengthArray>

#include <functional>
#include <vector>

namespace sandbox {

class SandboxRequest;

using Respond = std::function<void(oidc::net::LocalHttpResponse response)>;
// May answer now or later (once) through `respond`.
using AsyncHandler = std::function<void(const SandboxRequest &request, const Respond &respond)>;
using SyncHandler = std::function<oidc::net::LocalHttpResponse(const SandboxRequest &request)>;

struct PathParam final {
    QByteArray name;
    QByteArray value; // percent-decoded
};
using PathParams = QVarLengthArray<PathParam, 4>;

class Router final {
public:
    struct Route final {
        QList<QByteArray> methods;
        QByteArray pattern;
        QByteArray summary; // one line for the index page and the README
        AsyncHandler handler;
        QList<QByteArray> segments;
        int literalCount = 0;
    };

    struct Match final {
        const Route *route = nullptr;
        PathParams params;
        QByteArray allow; // set when the path exists with other methods only (405)
    };

    // `methods` is a comma-separated list: "GET", "GET,POST".
    void add(const QByteArray &methods, const QByteArray &pattern, SyncHandler handler, const QByteArray &summary = {});
    void addAsync(const QByteArray &methods, const QByteArray &pattern, AsyncHandler handler, const QByteArray &summary = {});

    [[nodiscard]] Match match(QByteArrayView method, QByteArrayView path) const;
    [[nodiscard]] const std::vector<Route> &routes() const { return m_routes; }

private:
    std::vector<Route> m_routes;
    std::vector<std::vector<size_t>> m_bySegmentCount; // indexes into m_routes
};

} // namespace sandbox
