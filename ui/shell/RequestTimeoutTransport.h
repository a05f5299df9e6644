#pragma once

// The app's transport behind the request timeout preference: every request gets the preferred
// timeout before the inner transport (QtHttpTransport) sends it, so a change applies to the next
// request without a restart. 0 keeps each request's own timeout, as the core built it (30 s, 15 s
// for discovery: oidc::net::HttpRequest::timeoutMs, rp-checks T8).

#include "oidc/net/HttpTransport.h"

namespace ui {

class RequestTimeoutTransport final : public oidc::net::HttpTransport {
public:
    // `inner` must outlive this object.
    explicit RequestTimeoutTransport(oidc::net::HttpTransport &inner);

    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    [[nodiscard]] int timeoutMs() const { return m_timeoutMs; }

    oidc::net::RequestHandle send(oidc::net::HttpRequest request, QObject *context, Callback callback) override;

private:
    oidc::net::HttpTransport &m_inner;
    int m_timeoutMs = 0;
};

} // namespace ui
