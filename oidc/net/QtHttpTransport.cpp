#include "QtHttpTransport.h"

#include "oidc/Redaction.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

namespace oidc::net {

namespace {

// What `reply` holds now, at most `room` bytes. QIODevice::read(n) allocates n bytes before it
// reads: asked for the room left under the cap (256 KB to 1 MB), every chunk of every response
// cost an allocation of the whole cap on the GUI thread (bench/gui under perf: ~30 us an exchange).
QByteArray readAvailable(QNetworkReply *reply, qint64 room)
{
    return reply->read(std::clamp<qint64>(reply->bytesAvailable(), 0, std::max<qint64>(room, 0)));
}

Error netError(std::string code, std::string message, std::string expected = {}, std::string actual = {})
{
    return makeError(ErrorCategory::Net, std::move(code), std::move(message), std::move(expected), std::move(actual));
}

std::string describeCertificate(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return "no certificate";
    return "subject \"" + certificate.subjectDisplayName().toStdString() + "\", issuer \""
        + certificate.issuerDisplayName().toStdString() + "\", valid "
        + certificate.effectiveDate().toString(Qt::ISODate).toStdString() + " to "
        + certificate.expiryDate().toString(Qt::ISODate).toStdString() + ", SHA-256 "
        + certificate.digest(QCryptographicHash::Sha256).toHex(':').left(23).toStdString() + "…";
}

bool followsRedirects(const QByteArray &method)
{
    return method == "GET" || method == "HEAD";
}

// RFC 9110 §15.4: the statuses that redirect with a Location (300 and 304 do not).
bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// What in `request` would be handed to the redirect's target: empty when nothing is.
std::string credentialsIn(const HttpRequest &request)
{
    for (const char *name : {"Authorization", "Proxy-Authorization", "Cookie", "DPoP"})
        if (!request.header(name).isEmpty())
            return std::string("an ") + name + " header";
    if (!request.url.userInfo().isEmpty())
        return "user info in the URL";
    for (const auto &[key, value] : QUrlQuery(request.url).queryItems())
        if (isSecretName(key.toStdString()))
            return "the URL parameter \"" + key.toStdString() + "\"";
    return {};
}

// Where the redirect of `hop` may go, or why it may not (the Location redacted in every message).
Result<QUrl> redirectTarget(const HttpRequest &hop, const QByteArray &location, int redirectsSoFar)
{
    const QUrl parsed = QUrl::fromEncoded(location);
    if (!parsed.isValid())
        return netError("NET_BAD_URL", "the redirect's Location is not a URL: " + redactedPreview(location.toStdString(), 300), "a URL",
                        redactedPreview(location.toStdString(), 300));
    const QUrl target = hop.url.resolved(parsed);
    const std::string shown = redactUrl(target).toStdString();
    if (const std::string credentials = credentialsIn(hop); !credentials.empty())
        return netError("NET_REDIRECT_REFUSED",
                        "the server redirected to " + shown + "; the request carries credentials (" + credentials
                            + "), so it never follows a redirect",
                        "a response, not a redirect", shown);
    if (redirectsSoFar >= QtHttpTransport::kMaxRedirects)
        return netError("NET_REDIRECT_LIMIT",
                        "more than " + std::to_string(QtHttpTransport::kMaxRedirects) + " redirects; the last one pointed to " + shown,
                        "at most " + std::to_string(QtHttpTransport::kMaxRedirects) + " redirects", shown);
    // Plain http only after plain http (checkEndpointUrl allows it on loopback only): a hop never
    // goes from https to http, and never leaves loopback over http.
    if (auto allowed = checkEndpointUrl(target, hop.url.scheme() == QLatin1String("http")); !allowed) {
        Error error = allowed.error();
        error.message = "the redirect to " + shown + " is refused: " + error.message;
        return error;
    }
    return target;
}

} // namespace

// One request and the redirects it follows; lives until the callback ran or was dropped.
struct QtHttpTransport::Chain final {
    Callback callback;
    QPointer<QObject> guard;
    bool hasContext = false;
    int timeoutMs = 0;
    QElapsedTimer clock; // the timeout covers every hop together
    int redirects = 0;
    bool delivered = false;
    // The hop in flight.
    QPointer<QNetworkReply> reply;
    QElapsedTimer hopClock;
    qint64 hopStarted = 0;
    QByteArray body;              // read as it arrives: never more than the cap and one byte
    std::optional<Error> failure; // decided before finished(): timeout, cancel, cap, TLS
};

QtHttpTransport::QtHttpTransport(QObject *parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{
    m_manager->setAutoDeleteReplies(true);
    m_manager->setStrictTransportSecurityEnabled(false);
}

QtHttpTransport::~QtHttpTransport() = default;

RequestHandle QtHttpTransport::send(HttpRequest request, QObject *context, Callback callback)
{
    auto chain = std::make_shared<Chain>();
    chain->callback = std::move(callback);
    chain->guard = context;
    chain->hasContext = context != nullptr;
    chain->timeoutMs = request.timeoutMs;
    chain->clock.start();
    startHop(chain, std::move(request));
    return RequestHandle([chain] {
        if (chain->delivered || !chain->reply)
            return;
        if (!chain->failure)
            chain->failure = netError("NET_CANCELLED", "cancelled");
        chain->reply->abort();
    });
}

void QtHttpTransport::startHop(const std::shared_ptr<Chain> &chain, HttpRequest hop)
{
    QNetworkRequest qRequest(hop.url);
    for (const auto &[name, value] : hop.headers)
        qRequest.setRawHeader(name, value);
    // Qt never follows a redirect itself: finishHop() decides, hop by hop.
    qRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    qRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    qRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    qRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);

    chain->body.clear();
    chain->failure.reset();
    chain->hopClock.start();
    chain->hopStarted = QDateTime::currentMSecsSinceEpoch();
    QNetworkReply *reply = m_manager->sendCustomRequest(qRequest, hop.method, hop.body);
    chain->reply = reply;
    const qint64 cap = hop.maxResponseBytes;
    // Qt stops reading the socket while this much is buffered, so the cap also bounds memory
    // between two reads.
    reply->setReadBufferSize(cap + 1);

    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [chain] {
        if (!chain->failure)
            chain->failure = netError("NET_TIMEOUT", "no complete response within " + std::to_string(chain->timeoutMs) + " ms");
        if (chain->reply)
            chain->reply->abort();
    });
    timer->start(static_cast<int>(std::max<qint64>(0, chain->timeoutMs - chain->clock.elapsed())));

    connect(reply, &QNetworkReply::metaDataChanged, reply, [chain, cap] {
        const QVariant length = chain->reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > cap && !chain->failure) {
            chain->failure = netError("NET_BODY_TOO_LARGE", "the response announces " + std::to_string(length.toLongLong())
                                                                + " bytes, more than the cap of " + std::to_string(cap));
            chain->reply->abort();
        }
    });
    // The cap is enforced on every read, not sampled: downloadProgress is throttled by Qt, and a
    // fast body would be buffered far past the cap between two samples.
    connect(reply, &QNetworkReply::readyRead, reply, [chain, cap] {
        if (!chain->reply || chain->failure)
            return;
        chain->body += readAvailable(chain->reply, cap + 1 - chain->body.size());
        if (chain->body.size() > cap) {
            chain->failure = netError("NET_BODY_TOO_LARGE", "the response exceeds the cap of " + std::to_string(cap) + " bytes");
            chain->reply->abort();
        }
    });
    connect(reply, &QNetworkReply::sslErrors, reply, [chain](const QList<QSslError> &errors) {
        std::string text;
        for (const auto &error : errors)
            text += (text.empty() ? "" : "; ") + error.errorString().toStdString();
        if (!errors.isEmpty())
            text += " — certificate: " + describeCertificate(errors.first().certificate());
        chain->failure = netError("NET_TLS", "TLS error: " + text);
        // Never ignoreSslErrors(): the request fails.
    });

    // The transport receives finished() even when the caller's context is gone, so the observer
    // (the exchange log) sees every exchange; only the callback is dropped then.
    connect(reply, &QNetworkReply::finished, this, [this, chain, hop, reply] { finishHop(chain, hop, reply); });
    if (chain->guard)
        connect(chain->guard, &QObject::destroyed, reply, &QNetworkReply::abort);
}

void QtHttpTransport::finishHop(const std::shared_ptr<Chain> &chain, const HttpRequest &hop, QNetworkReply *reply)
{
    if (chain->delivered)
        return;
    HttpExchange exchange;
    exchange.request = hop;
    exchange.startedMsSinceEpoch = chain->hopStarted;
    exchange.elapsedMs = chain->hopClock.elapsed();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (chain->failure) {
        exchange.error = chain->failure;
    } else if (!status.isValid()) {
        const auto error = reply->error();
        std::string code = "NET_ERROR";
        if (error == QNetworkReply::ConnectionRefusedError)
            code = "NET_CONNECTION_REFUSED";
        else if (error == QNetworkReply::HostNotFoundError)
            code = "NET_HOST_NOT_FOUND";
        else if (error == QNetworkReply::RemoteHostClosedError)
            code = "NET_CONNECTION_CLOSED";
        else if (error == QNetworkReply::OperationCanceledError)
            code = "NET_CANCELLED";
        else if (error >= QNetworkReply::SslHandshakeFailedError && error <= QNetworkReply::UnknownNetworkError)
            code = "NET_TLS";
        exchange.error = netError(code, reply->errorString().toStdString());
    } else if (reply->error() != QNetworkReply::NoError && reply->error() < QNetworkReply::ContentAccessDenied) {
        // A transport failure after headers arrived (reset mid-body): a truncated body is a failure (rp-checks N3).
        exchange.error = netError("NET_TRUNCATED", "the connection failed while reading the body: " + reply->errorString().toStdString());
    } else {
        HttpResponse response;
        response.status = status.toInt();
        for (const auto &pair : reply->rawHeaderPairs())
            response.headers.append(pair);
        response.body = chain->body + readAvailable(reply, hop.maxResponseBytes + 1 - chain->body.size());
        response.url = reply->url();
        response.elapsedMs = chain->clock.elapsed(); // what the caller waited, redirects included
        if (response.body.size() > hop.maxResponseBytes)
            exchange.error = netError("NET_BODY_TOO_LARGE", "the response exceeds the cap of " + std::to_string(hop.maxResponseBytes) + " bytes");
        else
            exchange.response = std::move(response);
    }
    if (exchange.error)
        exchange.error->httpStatus = status.isValid() ? status.toInt() : 0;

    if (exchange.response && isRedirect(exchange.response->status) && followsRedirects(hop.method)
        && !exchange.response->header("Location").isEmpty()) {
        auto target = redirectTarget(hop, exchange.response->header("Location"), chain->redirects);
        if (target) {
            notify(exchange);
            if (chain->hasContext && !chain->guard) {
                chain->delivered = true; // nobody waits for the rest of the chain
                return;
            }
            ++chain->redirects;
            HttpRequest next = hop;
            next.url = *target;
            startHop(chain, std::move(next));
            return;
        }
        // The exchange keeps the redirect response, and says why it went no further.
        exchange.error = target.error();
        exchange.error->httpStatus = exchange.response->status;
    }

    chain->delivered = true;
    notify(exchange);
    if (chain->hasContext && !chain->guard)
        return;
    if (exchange.error)
        chain->callback(*exchange.error);
    else
        chain->callback(std::move(*exchange.response));
}

} // namespace oidc::net

#include "moc_QtHttpTransport.cpp"
