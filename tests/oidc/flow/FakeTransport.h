#pragma once

// A transport that answers nothing by itself: the test sees each request and answers it (or lets
// it hang, or cancels it) when it chooses. Cancelling delivers NET_CANCELLED synchronously, as
// the real transport does (oidc/net/Http.h).

#include "oidc/net/HttpTransport.h"

#include <QPointer>

#include <memory>
#include <vector>

namespace flowtest {

class FakeTransport final : public oidc::net::HttpTransport {
public:
    struct Sent final {
        oidc::net::HttpRequest request;
        QPointer<QObject> context;
        Callback callback;
        bool answered = false;
    };

    oidc::net::RequestHandle send(oidc::net::HttpRequest request, QObject *context, Callback callback) override
    {
        auto sent = std::make_shared<Sent>(Sent{std::move(request), context, std::move(callback)});
        m_sent.push_back(sent);
        return oidc::net::RequestHandle([this, sent] {
            if (!sent->answered)
                deliver(*sent, oidc::makeError(oidc::ErrorCategory::Net, "NET_CANCELLED", "cancelled"));
        });
    }

    // Answers the oldest unanswered request.
    void answer(int status, const QByteArray &body, oidc::net::HeaderList headers = {{"Content-Type", "application/json"}})
    {
        for (const auto &sent : m_sent) {
            if (sent->answered)
                continue;
            oidc::net::HttpResponse response;
            response.status = status;
            response.body = body;
            response.headers = std::move(headers);
            response.url = sent->request.url;
            deliver(*sent, std::move(response));
            return;
        }
    }

    [[nodiscard]] const std::vector<std::shared_ptr<Sent>> &sent() const { return m_sent; }
    [[nodiscard]] int pending() const
    {
        int count = 0;
        for (const auto &sent : m_sent)
            count += sent->answered ? 0 : 1;
        return count;
    }

private:
    void deliver(Sent &sent, oidc::Result<oidc::net::HttpResponse> result)
    {
        sent.answered = true;
        oidc::net::HttpExchange exchange;
        exchange.request = sent.request;
        if (result)
            exchange.response = *result;
        else
            exchange.error = result.error();
        notify(exchange);
        if (sent.context)
            sent.callback(std::move(result));
    }

    std::vector<std::shared_ptr<Sent>> m_sent;
};

} // namespace flowtest
