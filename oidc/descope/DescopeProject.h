#pragma once

// Which Descope project a client talks to, and where its API lives (descope-api.md §1.1): the base
// URL derived from the project ID with the regional rule (flow::descopeBaseUrl, the same rule the
// OIDC provider profile uses), or a custom domain / base URL the user gives (the sandbox prints its
// own). Paths are joined to the base as the SDKs do: base + "/" + path without its leading "/".

#include "oidc/Result.h"

#include <QString>
#include <QUrl>

#include <string>
#include <string_view>

namespace oidc::descope {

// What the client says about itself in the SDK headers (§1.3); no source says the server needs them.
struct ClientIdentity final {
    QByteArray sdkName = "oidcplay";
    QByteArray sdkVersion; // empty: the application's version, else "dev"
};

class DescopeProject final {
public:
    static constexpr qsizetype kMaxProjectIdLength = 64;

    // Errors (INPUT): DESCOPE_PROJECT_ID (empty, longer than kMaxProjectIdLength, or not only ASCII
    // letters and digits: it goes into URL paths and the Authorization header), DESCOPE_BASE_URL
    // (not an absolute https URL, or plain http off loopback or without `allowHttpLoopback`; a
    // query or fragment).
    [[nodiscard]] static Result<DescopeProject> create(const QString &projectId, const QUrl &baseUrl = {},
                                                       bool allowHttpLoopback = true, ClientIdentity identity = {});

    [[nodiscard]] const QString &projectId() const { return m_projectId; }
    [[nodiscard]] const QUrl &baseUrl() const { return m_baseUrl; } // no trailing "/"
    [[nodiscard]] bool baseUrlDerived() const { return m_derived; }  // from the project ID, not given
    [[nodiscard]] bool allowHttpLoopback() const { return m_allowHttpLoopback; }
    [[nodiscard]] const ClientIdentity &identity() const { return m_identity; }

    // base + "/" + path (its leading "/" dropped).
    [[nodiscard]] QUrl endpoint(std::string_view path) const;
    // The issuer Descope puts in its session JWTs and its OIDC metadata: <base>/<projectId> (§2.2, §12).
    [[nodiscard]] QString issuer() const;
    // The project's public keys: <base>/v2/keys/<projectId> (§2.3), what Go, node and Python fetch.
    [[nodiscard]] QUrl keysUrl() const;

private:
    DescopeProject() = default;

    QString m_projectId;
    QUrl m_baseUrl;
    bool m_derived = true;
    bool m_allowHttpLoopback = true;
    ClientIdentity m_identity;
};

} // namespace oidc::descope
