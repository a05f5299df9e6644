#pragma once

// Values shared by the flow's unit tests: canned HTTP responses and a pending authorization.

#include "oidc/flow/AuthorizationRequest.h"
#include "oidc/net/Http.h"

namespace flowtest {

inline oidc::net::HttpResponse response(int status, const QByteArray &body, oidc::net::HeaderList headers = {})
{
    oidc::net::HttpResponse r;
    r.status = status;
    r.body = body;
    r.headers = std::move(headers);
    return r;
}

// What the client remembers for a request sent with state s1 to https://op.example.
inline oidc::flow::PendingAuthorization pendingFor(bool issRequired = true)
{
    oidc::flow::PendingAuthorization pending;
    pending.state = QStringLiteral("s1");
    pending.issuer = QStringLiteral("https://op.example");
    pending.issParameterRequired = issRequired;
    pending.redirectUri = QStringLiteral("http://127.0.0.1:5555/callback");
    pending.codeVerifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    return pending;
}

} // namespace flowtest
