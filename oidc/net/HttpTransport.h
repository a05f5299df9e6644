#pragma once

// The injectable transport: production uses QtHttpTransport, tests a fake.

#include "oidc/net/Http.h"

#include <QObject>

#include <functional>

namespace oidc::net {

struct HttpExchange final {
    HttpRequest request;
    std::optional<HttpResponse> response; // absent on transport failure
    std::optional<Error> error;
    qint64 startedMsSinceEpoch = 0;
    qint64 elapsedMs = 0;
};

class HttpTransport {
public:
    using Callback = std::function<void(Result<HttpResponse>)>;
    using Observer = std::function<void(const HttpExchange &)>;

    virtual ~HttpTransport() = default;

    // Sends `request`; `callback` runs on the context's thread, and never if `context` is
    // destroyed first (the request is then aborted). Non-2xx statuses are responses, not errors.
    virtual RequestHandle send(HttpRequest request, QObject *context, Callback callback) = 0;

    // Sees every completed exchange (the exchange log subscribes here).
    void setObserver(Observer observer) { m_observer = std::move(observer); }

protected:
    void notify(const HttpExchange &exchange) const
    {
        if (m_observer)
            m_observer(exchange);
    }

private:
    Observer m_observer;
};

} // namespace oidc::net
