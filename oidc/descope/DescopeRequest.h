#pragma once

// The request every Descope API call shares (descope-api.md §1): the URL under the project's base,
// one Authorization scheme in its forms (§1.2), the SDK headers (§1.3), a JSON body, a timeout and
// the 1 MiB answer cap. The transport never follows a redirect of a request with credentials
// (every Descope call carries the project in its Authorization), so a 3xx comes back as it is and
// processDescopeJson turns it into DESCOPE_REDIRECT.

#include "oidc/Json.h"
#include "oidc/descope/DescopeProject.h"
#include "oidc/net/Http.h"

#include <optional>
#include <string>

namespace oidc::descope {

// Authorization: Bearer <parts joined by ':'> — part 1 is always the project ID (§1.2).
class Bearer final {
public:
    enum class Kind {
        Project,    // Bearer <projectId>: start, verify, poll, finish
        RefreshJwt, // Bearer <projectId>:<refreshJwt>: refresh, me, logout, updates, step-up and MFA (§11)
        SessionJwt, // Bearer <projectId>:<sessionJwt>: /v1/auth/validate
        AccessKey,  // Bearer <projectId>:<accessKey>: access-key exchange (§10)
        ManagementKey, // Bearer <projectId>:<managementKey>: the management API (/v1/mgmt/*, §1.2)
    };

    [[nodiscard]] static Bearer project() { return Bearer(Kind::Project, {}); }
    [[nodiscard]] static Bearer refreshJwt(std::string token) { return Bearer(Kind::RefreshJwt, std::move(token)); }
    [[nodiscard]] static Bearer sessionJwt(std::string token) { return Bearer(Kind::SessionJwt, std::move(token)); }
    [[nodiscard]] static Bearer accessKey(std::string key) { return Bearer(Kind::AccessKey, std::move(key)); }
    [[nodiscard]] static Bearer managementKey(std::string key) { return Bearer(Kind::ManagementKey, std::move(key)); }

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] const std::string &secret() const { return m_secret; }

private:
    Bearer(Kind kind, std::string secret) : m_kind(kind), m_secret(std::move(secret)) {}

    Kind m_kind;
    std::string m_secret;
};

struct DescopeCall final {
    QByteArray method = "POST";
    std::string path;             // under the base, e.g. "v1/auth/otp/verify/email"
    std::optional<Json> body;     // POST: absent means {} (core-js and Python send {}, §14.4); GET: none
    Bearer bearer = Bearer::project();
    QString label;                // for the exchange log ("Descope OTP verify")
};

constexpr int kDescopeTimeoutMs = 30000;
constexpr qint64 kMaxDescopeAnswerBytes = 1 << 20; // 1 MiB

// Errors (INPUT): DESCOPE_TOKEN_MISSING (a refresh JWT, session JWT or access key is needed and
// empty), DESCOPE_TOKEN_MALFORMED (it holds whitespace or control characters: it would break the
// header; the value is never quoted).
[[nodiscard]] Result<net::HttpRequest> buildDescopeRequest(const DescopeProject &project, const DescopeCall &call);

} // namespace oidc::descope
