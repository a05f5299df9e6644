#pragma once

// Fetches a JWKS URL for the JWT inspector: the request goes through the async transport (https,
// or http to a loopback host), and the document becomes keys off the GUI thread (OpenSSL work,
// oidc::runOffThread). The latest request wins: every fetch and cancel bumps a serial, and a
// result of an older request is dropped, so a slow answer never replaces a newer one.

#include "oidc/crypto/JsonWebKey.h"
#include "oidc/net/HttpTransport.h"

#include <QObject>
#include <QUrl>

#include <optional>

namespace ui {

class JwksFetcher final : public QObject {
    Q_OBJECT
public:
    struct Outcome final {
        QUrl url;
        int httpStatus = 0;
        qint64 elapsedMs = 0;
        std::optional<oidc::crypto::JsonWebKeySet> keys; // on success
        std::optional<oidc::Error> error;                // NET_CANCELLED after cancel()

        [[nodiscard]] bool cancelled() const { return error && error->code == "NET_CANCELLED"; }
    };

    explicit JwksFetcher(QObject *parent = nullptr);
    ~JwksFetcher() override;

    // The transport to use (not owned); a running fetch is cancelled. Without one, a
    // QtHttpTransport is created on first use (no network at start-up).
    void setTransport(oidc::net::HttpTransport *transport);

    // Starts fetching `url`; the error when no request can be made for it (nothing starts then).
    [[nodiscard]] oidc::Status fetch(const QUrl &url);
    // finished() reports NET_CANCELLED at once; a late answer is dropped.
    void cancel();
    [[nodiscard]] bool isFetching() const { return m_fetching; }

    // The keys of the last successful fetch and the URL they came from; a new fetch forgets them.
    [[nodiscard]] const std::optional<oidc::crypto::JsonWebKeySet> &keys() const { return m_keys; }
    [[nodiscard]] QUrl keysUrl() const { return m_keysUrl; }

Q_SIGNALS:
    void fetchingChanged(bool fetching);
    void finished(const ui::JwksFetcher::Outcome &outcome);

private:
    void onResponse(quint64 serial, const QUrl &url, oidc::Result<oidc::net::HttpResponse> result);
    void finish(quint64 serial, const Outcome &outcome);
    void setFetching(bool fetching);
    [[nodiscard]] oidc::net::HttpTransport *transport();

    oidc::net::HttpTransport *m_transport = nullptr;
    oidc::net::RequestHandle m_handle;
    quint64 m_serial = 0; // bumps on every fetch and cancel
    bool m_fetching = false;
    std::optional<oidc::crypto::JsonWebKeySet> m_keys;
    QUrl m_keysUrl;
};

} // namespace ui
