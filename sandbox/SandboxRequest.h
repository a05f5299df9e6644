#pragma once

// What a route handler sees: the HTTP request, the path captures, and lazily parsed views of
// the query, cookies and body.

#include "sandbox/FormParams.h"
#include "sandbox/Router.h"

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/net/LocalHttpServer.h"

#include <optional>
#include <string>

namespace sandbox {

class SandboxRequest final {
public:
    SandboxRequest(const oidc::net::LocalHttpRequest &http, const Router::Match &match);

    [[nodiscard]] const oidc::net::LocalHttpRequest &http() const { return m_http; }
    [[nodiscard]] QByteArrayView method() const { return m_http.method(); }
    [[nodiscard]] QByteArrayView path() const { return m_http.path(); }
    [[nodiscard]] QByteArrayView routePattern() const;
    [[nodiscard]] QByteArrayView header(QByteArrayView name) const { return m_http.header(name); }

    // A path capture ("{projectId}"), percent-decoded; empty when absent.
    [[nodiscard]] std::string param(QByteArrayView name) const;
    [[nodiscard]] const FormParams &query() const;
    [[nodiscard]] std::optional<std::string> cookie(std::string_view name) const;

    [[nodiscard]] bool hasFormBody() const; // Content-Type application/x-www-form-urlencoded
    [[nodiscard]] bool hasJsonBody() const; // Content-Type application/json (or +json)
    [[nodiscard]] std::string_view bodyText() const
    {
        return {m_http.body().constData(), static_cast<size_t>(m_http.body().size())};
    }

    // The body as a JSON object. An empty body counts as {} (descope-api.md §14.4: Go and Swift
    // send no body). Error INPUT JSON_* when the body is not a JSON object.
    [[nodiscard]] const oidc::Result<oidc::Json> &jsonBody() const;

    // OAuth parameters: the query for GET (and HEAD); for POST the body, form or JSON by
    // Content-Type (a body without one is tried as JSON, then as a form).
    [[nodiscard]] oidc::Result<FormParams> oauthParams() const;

    // The value after "Bearer " (case-insensitive scheme), or nullopt.
    [[nodiscard]] std::optional<std::string> bearer() const;
    // "127.0.0.1:54321"
    [[nodiscard]] std::string peer() const;

private:
    const oidc::net::LocalHttpRequest &m_http;
    const Router::Match &m_match;
    mutable std::optional<FormParams> m_query;
    mutable std::optional<oidc::Result<oidc::Json>> m_json;
};

} // namespace sandbox
