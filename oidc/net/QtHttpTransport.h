#pragma once

#include "oidc/net/HttpTransport.h"

#include <QObject>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace oidc::net {

// QNetworkAccessManager-backed transport. Rules (DEVELOPERS.md standing rules, rp-checks T8/T9/N1):
// - every request has a timeout and can be cancelled;
// - redirects are followed here, never by Qt (which would copy Authorization to any origin):
//   only GET and HEAD follow them, and only when the request carries no credentials (an
//   Authorization, Proxy-Authorization, Cookie or DPoP header, user info or a secret-named
//   parameter in the URL; NET_REDIRECT_REFUSED names the redacted Location otherwise). Each hop is
//   a new request, checked with checkEndpointUrl like the first URL (plain http only on loopback
//   and only after plain http: https is never downgraded), within the first request's timeout,
//   at most kMaxRedirects of them (NET_REDIRECT_LIMIT), and reported to the observer as an
//   exchange of its own. Other methods get the 3xx response itself;
// - bodies are capped while they stream in (NET_BODY_TOO_LARGE), checked on every read;
// - TLS errors fail the request with the certificate's details and are never ignored.
class QtHttpTransport final : public QObject, public HttpTransport {
    Q_OBJECT
public:
    static constexpr int kMaxRedirects = 5;

    explicit QtHttpTransport(QObject *parent = nullptr);
    ~QtHttpTransport() override;

    RequestHandle send(HttpRequest request, QObject *context, Callback callback) override;

private:
    struct Chain;
    void startHop(const std::shared_ptr<Chain> &chain, HttpRequest hop);
    void finishHop(const std::shared_ptr<Chain> &chain, const HttpRequest &hop, QNetworkReply *reply);

    QNetworkAccessManager *m_manager;
};

} // namespace oidc::net
