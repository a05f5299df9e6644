#pragma once

// Makes the sandbox misbehave on purpose, so QA can see how a client handles each rp-checks row.
// Driven from C++ (for GUI toggles) and from POST /sandbox/faults.
//
// A fault has a kind, an optional filter (an exact path; a pattern in which "{…}" matches any
// one segment, such as a route's own "/v1/auth/otp/verify/{method}" or "/v1/auth/otp/signin/{m}";
// or a prefix ending in '*'; empty matches every non-admin route), and a count: it applies to the next N matching requests, or until cleared. Admin
// routes (/sandbox/…) are never faulted.
//
// Where each kind acts:
// - latency, server-error, rate-limit: before the route's handler runs;
// - malformed-json: on the JSON body of the route's response;
// - wrong-state, missing-iss: on the authorization response redirect (RFC 9207, rp-checks A1–A3);
// - expired-id-token, future-iat-id-token, wrong-nonce, wrong-audience, wrong-issuer,
//   bad-signature, unknown-kid: on the response's primary token — the ID token when the
//   response has one, else the session JWT / access token it carries.

#include "sandbox/TokenFaults.h"

#include "oidc/Json.h"
#include "oidc/Result.h"

#include <QByteArrayView>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sandbox {

enum class FaultKind {
    Latency,
    ServerError,
    RateLimit,
    WrongState,
    MissingIss,
    ExpiredIdToken,
    FutureIatIdToken,
    WrongNonce,
    WrongAudience,
    WrongIssuer,
    BadSignature,
    UnknownKid,
    MalformedJson,
};

struct Fault final {
    int id = 0;                  // assigned by add()
    FaultKind kind = FaultKind::Latency;
    std::string path;            // filter; empty = every non-admin route
    int remaining = -1;          // requests left; -1 = until cleared
    int latencyMs = 1000;        // latency
    int status = 503;            // server-error: 500–599
    int retryAfterSeconds = 5;   // rate-limit (and server-error when > 0 and status is 503)

    [[nodiscard]] oidc::Json toJson() const;
};

class FaultInjector final {
public:
    [[nodiscard]] static std::string_view kindName(FaultKind kind);
    [[nodiscard]] static std::optional<FaultKind> parseKind(std::string_view name);
    [[nodiscard]] static const std::vector<FaultKind> &allKinds();
    // {kind, path|endpoint?, count?, ms?, status?, retryAfter?}. Error SANDBOX FAULT_INVALID.
    [[nodiscard]] static oidc::Result<Fault> fromJson(const oidc::Json &json);

    int add(Fault fault);              // returns the id
    bool remove(int id);
    void clear();
    [[nodiscard]] const std::vector<Fault> &faults() const { return m_faults; }
    [[nodiscard]] bool isEmpty() const { return m_faults.empty(); }

    // Consumes one use of the first fault of `kind` that matches; nullopt when none does.
    std::optional<Fault> take(FaultKind kind, QByteArrayView path, QByteArrayView routePattern);
    // The token faults that match, each consumed once.
    TokenFaults takeTokenFaults(QByteArrayView path, QByteArrayView routePattern);

    void setChangedCallback(std::function<void()> callback) { m_changed = std::move(callback); }

private:
    void changed();

    std::vector<Fault> m_faults;
    int m_nextId = 1;
    std::function<void()> m_changed;
};

// The filter rule shared with RateLimiter (see the top of this file).
[[nodiscard]] bool pathFilterMatches(std::string_view filter, QByteArrayView path, QByteArrayView routePattern);

} // namespace sandbox
