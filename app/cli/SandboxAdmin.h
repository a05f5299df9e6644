#pragma once

// The built-in sandbox's admin API over HTTP (sandbox/routes/AdminRoutes: GET /sandbox/info,
// GET/POST /sandbox/faults, DELETE /sandbox/faults/{id}), for `login --record` (which faults were
// on) and `replay` (is the recorded sandbox still there; switch the recorded faults on, and off
// again after the replay). Its requests go through a transport of its own, so they never appear
// among a recording's exchanges.

#include "oidc/Json.h"
#include "oidc/Result.h"
#include "oidc/net/QtHttpTransport.h"

#include <QUrl>

#include <memory>
#include <optional>
#include <vector>

namespace cli {

class SandboxAdmin final {
public:
    // The sandbox answering at the origin of `issuer`, when one does (an http loopback issuer
    // whose origin answers GET /sandbox/info within a second): its base URL, issuer and faults.
    [[nodiscard]] static std::optional<SandboxAdmin> at(const QString &issuer);
    explicit SandboxAdmin(QUrl baseUrl) : m_baseUrl(std::move(baseUrl)) {}

    [[nodiscard]] const QUrl &baseUrl() const { return m_baseUrl; }
    [[nodiscard]] const QString &issuer() const { return m_issuer; }
    [[nodiscard]] const QString &projectId() const { return m_projectId; } // the sandbox's Descope project

    // The faults that are on, as the recording keeps them: FaultInjector's JSON without "id", a
    // count that is null (until cleared) left out.
    [[nodiscard]] oidc::Result<oidc::Json> faults();
    // Switches `faults` on (on top of those already on); the ids added. Error SANDBOX REPLAY_FAULTS.
    [[nodiscard]] oidc::Result<std::vector<int>> addFaults(const oidc::Json &faults);
    // Switches the faults `ids` off again (those already used up are gone: not an error).
    void removeFaults(const std::vector<int> &ids);

    // {"baseUrl", "issuer", "faults"} for the recording.
    [[nodiscard]] oidc::Result<oidc::Json> describeForRecording();

private:
    [[nodiscard]] oidc::Result<oidc::net::HttpResponse> call(const QByteArray &method, const QString &path, const oidc::Json &body = nullptr,
                                                             int timeoutMs = 5000);

    QUrl m_baseUrl;
    QString m_issuer;
    QString m_projectId;
    std::unique_ptr<oidc::net::QtHttpTransport> m_transport = std::make_unique<oidc::net::QtHttpTransport>();
};

} // namespace cli
