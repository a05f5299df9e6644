#pragma once

// A transport in front of the app's transport that names the area a request came from: it
// prefixes every request's exchange-log label with "<area> · " ("Session · Descope refresh") and
// sends it on unchanged otherwise. Each Descope area's client sends through its own, so the
// Exchange Log says which area caused a request and AreaExchangeList finds an area's requests by
// that prefix — also those the client sends on its own later (keys, a refetch, the next poll),
// which a "current area" guess would get wrong. The app's transport still sees, times and logs
// everything.

#include "oidc/net/HttpTransport.h"

#include <QString>

namespace ui {

class AreaLabelTransport final : public oidc::net::HttpTransport {
public:
    // `inner` (the app's transport) must outlive this object.
    AreaLabelTransport(oidc::net::HttpTransport &inner, const QString &area);

    [[nodiscard]] const QString &area() const { return m_area; }
    // "<area> · ": what every label of this area starts with.
    [[nodiscard]] static QString labelPrefix(const QString &area);

    oidc::net::RequestHandle send(oidc::net::HttpRequest request, QObject *context, Callback callback) override;

private:
    oidc::net::HttpTransport &m_inner;
    QString m_area;
};

} // namespace ui
