#pragma once

// OAuth 2.0 rules shared by the OIDC endpoints: redirect URI matching (RFC 6749 §3.1.2,
// RFC 8252 §7.3), client authentication (RFC 6749 §2.3), building redirect queries.

#include "sandbox/Fixtures.h"
#include "sandbox/ReplyOr.h"

#include "oidc/net/LocalHttpServer.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sandbox {

class FormParams;
class SandboxRequest;
struct SandboxContext;

namespace oauth {

// Exact string match, except that a public client's loopback http redirect URIs (127.0.0.1,
// localhost, [::1]) match on any port (RFC 8252 §7.3). A fragment is never allowed (§3.1.2).
[[nodiscard]] bool redirectUriAllowed(const OidcClient &client, std::string_view uri);
[[nodiscard]] bool postLogoutRedirectUriAllowed(const OidcClient &client, std::string_view uri);

struct ClientAuthentication final {
    const OidcClient *client = nullptr;
    const AccessKey *accessKey = nullptr; // a Descope access key used as the secret with client_id = projectId (§12)
    std::string method;                   // "client_secret_basic", "client_secret_post" or "none"
};

// RFC 6749 §2.3.1: HTTP Basic with the form-urlencoded client_id and client_secret, or both in
// the body; never both methods. Failures: 400 invalid_request (two methods), 401
// invalid_client (unknown client, wrong secret; with WWW-Authenticate: Basic when Basic was used).
[[nodiscard]] ReplyOr<ClientAuthentication> authenticateClient(const SandboxRequest &request, const FormParams &params, const SandboxContext &context);

// `uri` + '?' or '&' + name=value pairs, form-urlencoded (RFC 6749 §4.1.2: keep the URI's query).
[[nodiscard]] std::string appendQuery(const std::string &uri, const std::vector<std::pair<std::string, std::string>> &params);

[[nodiscard]] bool constantTimeEquals(std::string_view a, std::string_view b);
[[nodiscard]] bool scopeHas(std::string_view scope, std::string_view value);

} // namespace oauth
} // namespace sandbox
