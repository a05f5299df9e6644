#include "RequestTimeoutTransport.h"

namespace ui {

RequestTimeoutTransport::RequestTimeoutTransport(oidc::net::HttpTransport &inner)
    : m_inner(inner)
{
}

oidc::net::RequestHandle RequestTimeoutTransport::send(oidc::net::HttpRequest request, QObject *context, Callback callback)
{
    if (m_timeoutMs > 0)
        request.timeoutMs = m_timeoutMs;
    return m_inner.send(std::move(request), context, std::move(callback));
}

} // namespace ui
