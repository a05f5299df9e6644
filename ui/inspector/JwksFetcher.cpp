#include "JwksFetcher.h"

#include "oidc/Async.h"
#include "oidc/jwt/JwksClient.h"
#include "oidc/net/QtHttpTransport.h"

namespace ui {

JwksFetcher::JwksFetcher(QObject *parent)
    : QObject(parent)
{
}

JwksFetcher::~JwksFetcher()
{
    ++m_serial; // the cancellation below reports to nobody
    m_handle.cancel();
}

void JwksFetcher::setTransport(oidc::net::HttpTransport *transport)
{
    cancel();
    m_transport = transport;
}

oidc::net::HttpTransport *JwksFetcher::transport()
{
    if (!m_transport)
        m_transport = new oidc::net::QtHttpTransport(this);
    return m_transport;
}

oidc::Status JwksFetcher::fetch(const QUrl &url)
{
    auto request = oidc::jwt::buildJwksRequest(url, /*allowHttpLoopback=*/true);
    if (!request)
        return request.error();
    const quint64 serial = ++m_serial;
    m_keys.reset();
    m_keysUrl.clear();
    setFetching(true);
    // The callback is tied to this object: it never runs after it is gone.
    m_handle = transport()->send(std::move(request).value(), this, [this, serial, url](oidc::Result<oidc::net::HttpResponse> result) {
        onResponse(serial, url, std::move(result));
    });
    return {};
}

void JwksFetcher::onResponse(quint64 serial, const QUrl &url, oidc::Result<oidc::net::HttpResponse> result)
{
    if (serial != m_serial)
        return;
    if (!result) {
        Outcome outcome;
        outcome.url = url;
        outcome.error = result.error();
        finish(serial, outcome);
        return;
    }
    // Turning the JWKS into keys is OpenSSL work: off the GUI thread.
    oidc::runOffThread<Outcome>(
        this,
        [url, response = std::move(result).value()] {
            Outcome outcome;
            outcome.url = url;
            outcome.httpStatus = response.status;
            outcome.elapsedMs = response.elapsedMs;
            if (auto keys = oidc::jwt::processJwksResponse(response); keys)
                outcome.keys = std::move(keys).value();
            else
                outcome.error = keys.error();
            return outcome;
        },
        [this, serial](Outcome outcome) { finish(serial, outcome); });
}

void JwksFetcher::finish(quint64 serial, const Outcome &outcome)
{
    if (serial != m_serial)
        return;
    m_handle = {};
    if (outcome.keys) {
        m_keys = outcome.keys;
        m_keysUrl = outcome.url;
    }
    setFetching(false);
    Q_EMIT finished(outcome);
}

void JwksFetcher::cancel()
{
    if (!m_fetching)
        return;
    // The transport reports NET_CANCELLED through the callback, which finishes the fetch; a JWKS
    // already being parsed is finished here, and its keys are dropped by the serial.
    const auto handle = m_handle;
    handle.cancel();
    if (m_fetching) {
        Outcome outcome;
        outcome.error = oidc::makeError(oidc::ErrorCategory::Net, "NET_CANCELLED", "cancelled");
        finish(m_serial, outcome);
    }
    ++m_serial;
}

void JwksFetcher::setFetching(bool fetching)
{
    if (m_fetching == fetching)
        return;
    m_fetching = fetching;
    Q_EMIT fetchingChanged(fetching);
}

} // namespace ui

#include "moc_JwksFetcher.cpp"
