#pragma once

// HTTP values shared by every build…Request()/process…Response() pair and the transports.

#include "oidc/Result.h"
#include "oidc/flow/FlowStep.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

namespace oidc::net {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest final {
    QByteArray method = "GET";
    QUrl url;
    HeaderList headers;
    QByteArray body;
    int timeoutMs = 30000;               // per request (rp-checks T8)
    qint64 maxResponseBytes = 1 << 20;   // response body cap; exceeding it is NET_BODY_TOO_LARGE
    std::optional<flow::FlowStep> step;  // the flow step that caused it, set by the caller (none outside a flow)
    QString label;                       // for the exchange log's display only ("JWKS", "token (refresh_token)")

    [[nodiscard]] QByteArray header(const QByteArray &name) const;
    void setHeader(const QByteArray &name, const QByteArray &value);
};

struct HttpResponse final {
    int status = 0;
    HeaderList headers;
    QByteArray body;
    QUrl url;            // final URL (after permitted GET redirects)
    qint64 elapsedMs = 0;

    [[nodiscard]] QByteArray header(const QByteArray &name) const; // case-insensitive, first match
    [[nodiscard]] bool isSuccess() const { return status >= 200 && status < 300; }
    [[nodiscard]] std::string_view bodyView() const { return {body.constData(), static_cast<size_t>(body.size())}; }
};

// Cancels a request in flight. Cancelling delivers NET_CANCELLED to the callback (unless its
// context is gone) synchronously, before cancel() returns, so callers can reset their state in
// one place. Safe to call at any time.
class RequestHandle final {
public:
    RequestHandle() = default;
    explicit RequestHandle(std::function<void()> cancel) : m_cancel(std::make_shared<std::function<void()>>(std::move(cancel))) {}
    void cancel() const
    {
        if (m_cancel && *m_cancel)
            (*m_cancel)();
    }
    [[nodiscard]] bool isValid() const { return m_cancel != nullptr; }

private:
    std::shared_ptr<std::function<void()>> m_cancel;
};

// URL rules for provider endpoints: https, or http on a loopback host only when allowed
// (rp-checks N2). Errors NET_INSECURE_URL, NET_BAD_URL.
[[nodiscard]] Status checkEndpointUrl(const QUrl &url, bool allowHttpLoopback);
[[nodiscard]] bool isLoopbackHost(const QString &host);

} // namespace oidc::net
