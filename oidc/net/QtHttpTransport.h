#pragma once

#include "oidc/net/HttpTransport.h"

#include <QObject>

class QNetworkAccessManager;

namespace oidc::net {

// QNetworkAccessManager-backed transport. Rules (DEVELOPERS.md standing rules, rp-checks T8/T9/N1):
// every request has a timeout and can be cancelled; POSTs never follow redirects (GETs follow at
// most 5 redirects that never downgrade https); bodies are capped while they stream in; TLS
// errors fail the request with the certificate's details and are never ignored.
class QtHttpTransport final : public QObject, public HttpTransport {
    Q_OBJECT
public:
    explicit QtHttpTransport(QObject *parent = nullptr);
    ~QtHttpTransport() override;

    RequestHandle send(HttpRequest request, QObject *context, Callback callback) override;

private:
    QNetworkAccessManager *m_manager;
};

} // namespace oidc::net
